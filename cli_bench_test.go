package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/store"
)

// benchCorpus writes n documents of the real article (cut to about
// textBytes, each with its own first line) carrying spansPer ACTOR spans to
// a Claimdesk JSONL file, and returns its path and size.
func benchCorpus(b *testing.B, n, spansPer, textBytes int) (string, int64) {
	b.Helper()
	return benchStatements(b, n, spansPer, 0, textBytes)
}

// benchSentence is a sentence of the article: a CLAIM or DENIAL of
// benchStatements.
var benchSentence = regexp.MustCompile(`[A-Z“][^.\n]*\.`)

// benchStatements is benchCorpus with statements: of each document's
// spansPer spans, the last statementsPer are sentences of the article, a
// CLAIM or (one in three) a DENIAL, each linked by a SOURCE relation to one
// of the document's ACTOR spans.
func benchStatements(b *testing.B, n, spansPer, statementsPer, textBytes int) (string, int64) {
	b.Helper()
	raw, err := os.ReadFile(fixtureArticle)
	if err != nil {
		b.Fatal(err)
	}
	text, _ := annotate.NormalizeText(raw)
	ix := annotate.NewRuneIndex(text)
	if ix.Len() > textBytes {
		text = ix.Slice(0, textBytes)
	}
	var base []annotate.Span
	ix = annotate.NewRuneIndex(text)
	for _, name := range []string{"China", "Iraq", "Mr Jafari", "Wang Yi", "Isis", "coalition", "Tehran", "UN"} {
		for off := 0; ; {
			i := strings.Index(text[off:], name)
			if i < 0 {
				break
			}
			s := ix.Rune(off + i)
			base = append(base, annotate.Span{Start: s, End: s + annotate.RuneCount(name), Label: annotate.LabelActor, Annotator: "bench"})
			off += i + len(name)
		}
	}
	actorsPer := spansPer - statementsPer
	if len(base) < actorsPer || statementsPer > 0 && actorsPer < 1 {
		b.Fatalf("only %d candidate spans", len(base))
	}
	var sentences []annotate.Span
	for _, m := range benchSentence.FindAllStringIndex(text, -1) {
		sentences = append(sentences, annotate.Span{Start: ix.Rune(m[0]), End: ix.Rune(m[1]), Annotator: "bench"})
	}
	if len(sentences) < statementsPer {
		b.Fatalf("only %d sentences", len(sentences))
	}
	path := filepath.Join(b.TempDir(), "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	w := format.NewJSONLWriter(bw)
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		prefix := fmt.Sprintf("Copy %d\n", i)
		shift := annotate.RuneCount(prefix)
		d := annotate.NewDocument("China Offers To Help Iraq Defeat Extremists", "china-iraq.txt", prefix+text, now)
		spans := make([]annotate.Span, spansPer)
		var relations []annotate.Relation
		for j := range spans {
			var s annotate.Span
			if j < actorsPer {
				s = base[(i+j)%len(base)]
			} else {
				s = sentences[(i+j)%len(sentences)]
				s.Label = annotate.LabelClaim
				if (i+j)%3 == 0 {
					s.Label = annotate.LabelDenial
				}
			}
			s.ID, s.DocumentID = annotate.NewID(), d.ID
			s.Start += shift
			s.End += shift
			s.Created, s.Updated = now, now
			spans[j] = s
			if j >= actorsPer {
				relations = append(relations, annotate.Relation{ID: annotate.NewID(), Type: annotate.RelationSource,
					From: s.ID, To: spans[(i+j)%actorsPer].ID})
			}
		}
		annotate.SortSpans(spans)
		if err := w.Write(annotate.Record{Document: d, Spans: spans, Relations: relations}); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		b.Fatal(err)
	}
	info, _ := f.Stat()
	f.Close()
	return path, info.Size()
}

// peakHeap samples the heap in use until stop is called and returns the
// largest value seen, in bytes.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		if m.HeapInuse > peak.Load() {
			peak.Store(m.HeapInuse)
		}
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		sample()
		return peak.Load()
	}
}

// BenchmarkImport10kDocuments imports about 30 MB of JSONL (10,000
// documents, 5 spans each) into a new project with the CLI's import.
func BenchmarkImport10kDocuments(b *testing.B) {
	file, size := benchCorpus(b, 10_000, 5, 1_900)
	b.SetBytes(size)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		project := filepath.Join(b.TempDir(), fmt.Sprintf("p%d.claimdesk", i))
		runtime.GC()
		b.StartTimer()
		if code := run([]string{"import", "-annotator", "bench", project, file}, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("import exited %d", code)
		}
	}
}

// BenchmarkExport100kSpans exports a project of 10,000 documents and
// 100,000 spans as Claimdesk JSONL, reporting the peak heap in use.
func BenchmarkExport100kSpans(b *testing.B) {
	for _, format := range []string{"jsonl", "csv"} {
		b.Run(format, func(b *testing.B) {
			file, _ := benchCorpus(b, 10_000, 10, 2_300)
			project := filepath.Join(b.TempDir(), "p.claimdesk")
			if code := run([]string{"import", project, file}, io.Discard, os.Stderr); code != 0 {
				b.Fatalf("import exited %d", code)
			}
			out := filepath.Join(b.TempDir(), "out")
			var peak uint64
			b.ReportAllocs()
			for b.Loop() {
				// Two collections empty sync.Pools (bbolt's page pool of the
				// import above), so the peak is the export's own heap.
				runtime.GC()
				runtime.GC()
				stop := peakHeap()
				if code := run([]string{"export", project, "-format", format, "-o", out}, io.Discard, os.Stderr); code != 0 {
					b.Fatalf("export exited %d", code)
				}
				peak = max(peak, stop())
			}
			info, err := os.Stat(out)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(info.Size())
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

// BenchmarkExportNetwork exports the discourse network (GraphML,
// affiliation) of a project of 10,000 documents with 100,000 spans, 30,000
// of them claims and denials each linked to its actor, reporting the peak
// heap in use; the 1,000-document size shows that memory does not grow
// with the project.
func BenchmarkExportNetwork(b *testing.B) {
	for _, docs := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("docs=%d", docs), func(b *testing.B) {
			file, _ := benchStatements(b, docs, 10, 3, 2_300)
			project := filepath.Join(b.TempDir(), "p.claimdesk")
			if code := run([]string{"import", project, file}, io.Discard, os.Stderr); code != 0 {
				b.Fatalf("import exited %d", code)
			}
			out := filepath.Join(b.TempDir(), "out.graphml")
			var peak uint64
			b.ReportAllocs()
			for b.Loop() {
				// Two collections empty sync.Pools (bbolt's page pool of the
				// import above), so the peak is the export's own heap.
				runtime.GC()
				runtime.GC()
				stop := peakHeap()
				if code := run([]string{"export", project, "-format", "network", "-o", out}, io.Discard, os.Stderr); code != 0 {
					b.Fatalf("export exited %d", code)
				}
				peak = max(peak, stop())
			}
			graph, err := os.ReadFile(out)
			if err != nil {
				b.Fatal(err)
			}
			if n := strings.Count(string(graph), "<edge "); n == 0 {
				b.Fatalf("no edges in\n%s", graph)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

// BenchmarkAddSpanCommitted is the latency of one user action: one span
// added in one committed (fsynced) transaction.
func BenchmarkAddSpanCommitted(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "p.claimdesk"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	text := strings.Repeat("China has offered to help Iraq. ", 2_000)
	d := annotate.NewDocument("t", "s", text, time.Now())
	if err := st.AddDocument(d); err != nil {
		b.Fatal(err)
	}
	n := annotate.RuneCount(text)
	for i := 0; b.Loop(); i++ {
		start := (i * 7) % (n - 10)
		if err := st.AddSpan(annotate.NewSpan(d.ID, start, start+5, annotate.LabelActor, "bench", time.Now())); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAgree3x10k runs agree over three projects of 10,000 documents
// and 100,000 spans each (the documents matched by text, as separate
// imports give them different ids), reporting the peak heap in use; the
// 1,000-document size shows that memory does not grow with the projects.
func BenchmarkAgree3x10k(b *testing.B) {
	for _, docs := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("docs=%d", docs), func(b *testing.B) {
			file, _ := benchCorpus(b, docs, 10, 2_300)
			args := []string{"agree", "-json"}
			for _, name := range []string{"ana", "bo", "cy"} {
				project := filepath.Join(b.TempDir(), name+".claimdesk")
				if code := run([]string{"import", "-annotator", name, project, file}, io.Discard, os.Stderr); code != 0 {
					b.Fatalf("import exited %d", code)
				}
				args = append(args, project)
			}
			var peak uint64
			b.ReportAllocs()
			for b.Loop() {
				// Two collections empty sync.Pools (bbolt's page pool of the
				// imports above), so the peak is agree's own heap.
				runtime.GC()
				runtime.GC()
				stop := peakHeap()
				if code := run(args, io.Discard, os.Stderr); code != 0 {
					b.Fatalf("agree exited %d", code)
				}
				peak = max(peak, stop())
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}
