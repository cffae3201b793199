package annotate

import (
	"fmt"
	"os"
	"testing"
)

// BenchmarkNameMatches: one keystroke (NameCompleter.Matches) in E's name field of a project with
// 10,000 entity names.
func BenchmarkNameMatches(b *testing.B) {
	names := make([]string, 10000)
	for i := range names {
		names[i] = fmt.Sprintf("Zoé Person%d al-Name%d", i, i%97)
	}
	c := NewNameCompleter(names)
	for b.Loop() {
		c.Matches("name1")
	}
}

// BenchmarkSpanPlace: the place of a span near the end of a 1 MB text
// (the menu of L shows up to 15).
func BenchmarkSpanPlace(b *testing.B) {
	raw, err := os.ReadFile("../testdata/article.txt")
	if err != nil {
		b.Skip(err)
	}
	text, err := NormalizeText(raw)
	if err != nil {
		b.Fatal(err)
	}
	for len(text) < 1<<20 {
		text += "\n\n" + text
	}
	ix := NewRuneIndex(text)
	n := ix.Len()
	b.ResetTimer()
	for b.Loop() {
		SpanPlace(ix, n-200, n-190)
	}
}
