package review

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// benchText returns a text of n code points: words of letters (some
// outside ASCII) separated by spaces.
func benchText(n int, r *rand.Rand) string {
	letters := []rune("abcdefghijklmnopqrstuvwxyzäöüé")
	var b strings.Builder
	for i := range n {
		if i%7 == 6 {
			b.WriteRune(' ')
			continue
		}
		b.WriteRune(letters[r.IntN(len(letters))])
	}
	return b.String()
}

// benchSpans returns count spans of 1 to 60 code points on a text of n,
// with 4 labels, and a colleague's version of them: most kept, some moved
// by a few code points, some relabelled, some replaced.
func benchSpans(n, count int, r *rand.Rand) (mine, theirs []annotate.Span) {
	labels := []string{"ACTOR", "CLAIM", "DENIAL", "OBJECT"}
	for i := range count {
		start := r.IntN(n - 60)
		s := annotate.Span{ID: fmt.Sprintf("m%d", i), Start: start, End: start + 1 + r.IntN(60), Label: labels[r.IntN(len(labels))]}
		mine = append(mine, s)
		t := s
		t.ID = fmt.Sprintf("t%d", i)
		switch r.IntN(5) {
		case 0:
			t.Start = max(0, t.Start-r.IntN(4))
			t.End += r.IntN(4)
		case 1:
			t.Label = labels[r.IntN(len(labels))]
		case 2:
			t.Start = r.IntN(n - 60)
			t.End = t.Start + 1 + r.IntN(60)
		}
		theirs = append(theirs, t)
	}
	return mine, theirs
}

func BenchmarkPairwise(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	text := benchText(100_000, r)
	mine, theirs := benchSpans(100_000, 5_000, r)
	b.ReportAllocs()
	for b.Loop() {
		Pairwise(text, mine, theirs)
	}
}

func BenchmarkDifferences(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	mine, theirs := benchSpans(100_000, 5_000, r)
	set := Set{Name: "ben", Spans: theirs}
	b.ReportAllocs()
	for b.Loop() {
		Differences(mine, set)
	}
}

func BenchmarkUnitizing(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	mine, theirs := benchSpans(100_000, 5_000, r)
	b.ReportAllocs()
	for b.Loop() {
		u := NewUnitizing(2)
		u.AddDocument(100_000, [][]annotate.Span{mine, theirs})
		for _, label := range u.Labels() {
			u.Alpha(label)
		}
	}
}
