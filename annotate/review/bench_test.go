package review

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"claimdesk/annotate"
	"claimdesk/internal/benchenv"
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

// benchDocumentSets returns three annotators' spans of a document of n code
// points: count spans each from 4 labels, the second and third annotator's
// a colleague's version of the first's (see benchSpans).
func benchDocumentSets(n, count int, r *rand.Rand) [][]annotate.Span {
	mine, theirs := benchSpans(n, count, r)
	_, third := benchSpans(n, count, r)
	return [][]annotate.Span{mine, theirs, third}
}

// heapAlloc returns the bytes of live heap objects after a collection.
func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkUnitizingDocuments feeds 1,000 and 10,000 documents of the same
// shape (2,300 code points, 3 annotators, 10 spans each) to Unitizing, and
// to the reference that keeps every unit, one at a time as agree does, and
// asks alpha_U of every label. It reports the peak heap in use and the
// heap the accumulated state retains after the last document: Unitizing's
// do not grow with the number of documents, the reference's do.
func BenchmarkUnitizingDocuments(b *testing.B) {
	const textLen, spans = 2_300, 10
	type accumulator struct {
		add    func(textLen int, sets [][]annotate.Span)
		alphas func()
	}
	impls := []struct {
		name string
		new  func() accumulator
	}{
		{"stream", func() accumulator {
			u := NewUnitizing(3)
			return accumulator{u.AddDocument, func() {
				for _, label := range u.Labels() {
					u.Alpha(label)
				}
			}}
		}},
		{"reference", func() accumulator {
			u := newReferenceUnitizing(3)
			return accumulator{u.addDocument, func() {
				for _, label := range u.labels() {
					alpha(u.disagreements(label))
				}
			}}
		}},
	}
	for _, impl := range impls {
		for _, docs := range []int{1_000, 10_000} {
			b.Run(fmt.Sprintf("%s/docs=%d", impl.name, docs), func(b *testing.B) {
				var peak, retained uint64
				b.ReportAllocs()
				for b.Loop() {
					r := rand.New(rand.NewPCG(7, 8))
					base := heapAlloc()
					stop := benchenv.PeakHeap()
					acc := impl.new()
					for range docs {
						acc.add(textLen, benchDocumentSets(textLen, spans, r))
					}
					if held := heapAlloc(); held > base {
						retained = max(retained, held-base)
					}
					acc.alphas()
					peak = max(peak, stop())
					runtime.KeepAlive(acc)
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
				b.ReportMetric(float64(retained)/(1<<10), "retained-KiB")
			})
		}
	}
}
