package format

import (
	"io"
	"runtime"
	"strings"
	"testing"

	"claimdesk/annotate"
	"claimdesk/internal/benchenv"
)

// bench20MB builds one document of about 20 MB, the test article over and
// over, with 163,840 spans: the names of benchRecords' article in each
// copy, and a claim over each copy's first 300 code points, which crosses
// sentences and holds names (nested spans).
func bench20MB(b *testing.B) annotate.Record {
	b.Helper()
	one := benchRecords(b, 1, 10, 1<<20)[0]
	text := one.Document.Text
	n := annotate.RuneCount(text)
	var base []annotate.Span
	seen := map[[2]int]bool{}
	for _, s := range benchRecords(b, 1, 200, 1<<20)[0].Spans {
		if !seen[[2]int{s.Start, s.End}] {
			seen[[2]int{s.Start, s.End}] = true
			base = append(base, s)
		}
	}
	base = append(base, annotate.Span{Start: 0, End: 300, Label: annotate.LabelClaim})
	const want = 163_840
	copies := (20 << 20) / len(text)
	var sb strings.Builder
	sb.Grow(copies * len(text))
	spans := make([]annotate.Span, 0, want)
	for c := 0; c < copies; c++ {
		sb.WriteString(text)
		for _, s := range base {
			if len(spans) == want {
				break
			}
			s.ID = annotate.NewID()
			s.Start += c * n
			s.End += c * n
			spans = append(spans, s)
		}
	}
	if len(spans) != want {
		b.Fatalf("%d spans, want %d", len(spans), want)
	}
	return annotate.Record{Document: annotate.Document{ID: annotate.NewID(), Title: "20 MB", Text: sb.String()}, Spans: spans}
}

// BenchmarkTokenExport20MB writes one 20 MB document with 163,840 spans
// as jsonl (the limit: token exports within 3 × its time and memory),
// conll, hf and spacy -tokens, and reports the CPU time of each (the
// process's, all goroutines) and its peak heap, in a run of its own,
// after the timed loop.
func BenchmarkTokenExport20MB(b *testing.B) {
	rec := bench20MB(b)
	for _, f := range []struct {
		name, format string
		tokens       bool
	}{{"jsonl", "jsonl", false}, {"conll", "conll", false}, {"hf", "hf", false}, {"spacy-tokens", "spacy", true}} {
		b.Run(f.name, func(b *testing.B) {
			write := func() {
				w, err := NewWriter(f.format, Target{W: io.Discard, Tokens: f.tokens})
				if err != nil {
					b.Fatal(err)
				}
				if err := w.Write(rec); err != nil {
					b.Fatal(err)
				}
				if err := w.Flush(); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(len(rec.Document.Text)))
			cpu0 := benchenv.CPUTime()
			for b.Loop() {
				write()
			}
			b.StopTimer()
			// CPU time, user and system, of the whole process: on a
			// shared machine it varies less than the time on the clock.
			b.ReportMetric((benchenv.CPUTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
			runtime.GC()
			runtime.GC()
			stop := benchenv.PeakHeap()
			write()
			b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MiB")
		})
	}
}
