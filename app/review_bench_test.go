package app

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/store"
)

// BenchmarkOpenCompared5000x3 measures opening a document (150 KB, and
// 1 MB) with 5,000 spans of mine in the review against two colleagues with 5,000 spans each
// (a fifth of them with other boundaries): reading it from the store,
// wrapping, the three annotators' spans, the differences and the figures,
// and the first render of a 1280×800 window.
func BenchmarkOpenCompared5000x3(b *testing.B) {
	for _, size := range []int{150 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) { benchOpenCompared(b, size) })
	}
}

func benchOpenCompared(b *testing.B, size int) {
	text, spans := artDocument(b, size)
	if len(spans) != 5000 {
		b.Fatalf("%d spans", len(spans))
	}
	path := filepath.Join(b.TempDir(), "bench.claimdesk")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	big := annotate.NewDocument("big", "bench", text, time.Now())
	small := annotate.NewDocument("small", "bench", "A small article.", time.Now())
	if _, err := st.Import([]annotate.Record{{Document: big, Spans: spans}, {Document: small}}, "ana"); err != nil {
		b.Fatal(err)
	}
	colleague := func(name string, shift int) Source {
		theirs := make([]annotate.Span, len(spans))
		for i, s := range spans {
			s.ID, s.Annotator = name+s.ID, name
			if i%5 == shift {
				s.End--
			}
			theirs[i] = s
		}
		return Source{Name: name, Path: name + ".jsonl", Records: []annotate.Record{{Document: annotate.Document{ID: big.ID, SHA256: big.SHA256}, Spans: theirs}}}
	}
	a := test.NewTempApp(b)
	u := New(a, st, Options{Annotator: "ana"})
	u.win.Resize(fyne.NewSize(1280, 800))
	u.AddSource(colleague("bob", 0))
	u.AddSource(colleague("cy", 1))
	for b.Loop() {
		b.StopTimer()
		u.openDocument(small.ID)
		b.StartTimer()
		u.openDocument(big.ID)
	}
	b.StopTimer()
	if n := len(u.cmp.items); n < 1000 {
		b.Fatalf("%d differences, want the fifth of each colleague's spans", n)
	}
	b.ReportMetric(float64(len(u.cmp.items)), "differences")
}
