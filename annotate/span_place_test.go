package annotate

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSpanPlace(t *testing.T) {
	text := "Title here\n\nChina offered help, Mr Jafari said on Monday in New York.\n\nWang Yi, Mr Jafari’s\ncounterpart, met Mr Jafari.\n\n\n  \nLast: Mr Jafari\x1b"
	at := func(s string, nth int) (int, int) {
		b := 0
		for k := 0; ; k++ {
			i := strings.Index(text[b:], s)
			if i < 0 {
				t.Fatalf("%q #%d not in the text", s, nth)
			}
			if k == nth {
				start := utf8.RuneCountInString(text[:b+i])
				return start, start + utf8.RuneCountInString(s)
			}
			b += i + len(s)
		}
	}
	ix := NewRuneIndex(text)
	for _, tc := range []struct {
		s    string
		nth  int
		want string
	}{
		{"Title", 0, "¶1, ‘Title here’"},
		{"Mr Jafari", 0, "¶2, ‘China offered help, Mr Jafari said on Monday…’"},
		{"Mr Jafari", 1, "¶3, ‘Wang Yi, Mr Jafari’s counterpart, met…’"}, // a line break inside the paragraph
		{"Mr Jafari", 2, "¶3, ‘…Jafari’s counterpart, met Mr Jafari.’"},
		{"Mr Jafari", 3, "¶4, ‘Last: Mr Jafari␛’"},            // several blank lines are one break; ESC shows
		{"Jaf", 0, "¶2, ‘…offered help, Mr Jafari said on…’"}, // inside a word: no space added
		{"China offered help, Mr Jafari said on Monday in New York.", 0, "¶2, ‘China offered help, Mr Jafari said on M…’"},
	} {
		start, end := at(tc.s, tc.nth)
		if got := SpanPlace(ix, start, end); got != tc.want {
			t.Errorf("SpanPlace(%q #%d) = %q, want %q", tc.s, tc.nth, got, tc.want)
		}
	}
	if got := SpanPlace(ix, 5, ix.Len()+1); got != "" {
		t.Errorf("outside the text: %q", got)
	}
}

// TestSpanPlaceTellsTheArticlesMentionsApart: every "Mr Jafari" of the
// test article has a place of its own.
func TestSpanPlaceTellsTheArticlesMentionsApart(t *testing.T) {
	b, err := os.ReadFile("../testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	text, err := NormalizeText(b)
	if err != nil {
		t.Fatal(err)
	}
	ix := NewRuneIndex(text)
	seen := map[string]bool{}
	for _, m := range Mentions(text, "Mr Jafari") {
		p := SpanPlace(ix, m.Start, m.End)
		if seen[p] || !strings.Contains(p, "Mr Jafari") {
			t.Errorf("place %q comes twice or lacks the name", p)
		}
		seen[p] = true
	}
	if len(seen) < 3 {
		t.Errorf("%d places, want every mention's", len(seen))
	}
}
