package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"claimdesk/annotate"
	"claimdesk/internal/benchenv"
)

// benchRecords builds n records of the real article, cut to about
// textBytes bytes, each with a distinct first line (so their SHA-256s
// differ) and spansPer spans on occurrences of names, and a relation.
func benchRecords(b *testing.B, n, spansPer, textBytes int) []annotate.Record {
	b.Helper()
	text := article(b)
	if len(text) > textBytes {
		cut := textBytes
		for !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	var base []annotate.Span
	ix := annotate.NewRuneIndex(text)
	for _, name := range []string{"Wang Yi", "Mr Jafari", "China", "Iraq", "Chinese", "Isis", "coalition", "Tehran", "UN", "Mr Wang"} {
		for off := 0; ; {
			i := strings.Index(text[off:], name)
			if i < 0 {
				break
			}
			s := ix.Rune(off + i)
			base = append(base, annotate.Span{Start: s, End: s + annotate.RuneCount(name), Label: annotate.LabelActor,
				Annotator: "bench", Note: "a note “quoted”"})
			off += i + len(name)
		}
	}
	if len(base) < 2 {
		b.Fatalf("only %d candidate spans", len(base))
	}
	recs := make([]annotate.Record, n)
	for i := range recs {
		prefix := fmt.Sprintf("Copy %d\n", i)
		shift := annotate.RuneCount(prefix)
		d := annotate.NewDocument("China Offers To Help Iraq Defeat Extremists", "china-iraq.txt", prefix+text, testTime)
		spans := make([]annotate.Span, spansPer)
		for j := range spans {
			sp := base[(i+j)%len(base)]
			sp.ID, sp.DocumentID = annotate.NewID(), d.ID
			if j >= len(base) {
				// A candidate used again in this document: another
				// annotator's span, so that natural keys stay unique.
				sp.Annotator = fmt.Sprint("bench ", j/len(base))
			}
			sp.Start += shift
			sp.End += shift
			sp.Created, sp.Updated = testTime, testTime
			spans[j] = sp
		}
		spans[0].Label = annotate.LabelClaim // a statement, linked to its source actor
		recs[i] = annotate.Record{Document: d, Spans: spans,
			Relations: []annotate.Relation{{ID: annotate.NewID(), Type: annotate.RelationSource, From: spans[0].ID, To: spans[1].ID}}}
	}
	return recs
}

func textBytes(recs []annotate.Record) int64 {
	var n int64
	for _, r := range recs {
		n += int64(len(r.Document.Text))
	}
	return n
}

// BenchmarkImport10k imports 10,000 documents (about 30 MB of text, 5
// spans each) in one Import call, into a new project file.
func BenchmarkImport10k(b *testing.B) {
	recs := benchRecords(b, 10000, 5, 3000)
	b.SetBytes(textBytes(recs))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(tempPath(b), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := s.Import(recs, "bench")
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if res.Documents != len(recs) || res.Spans != 5*len(recs) {
			b.Fatalf("result %+v", res)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkAddSpan measures one committed AddSpan transaction (with fsync)
// on a document of the real article that already has 200 spans (AddSpan
// reads them to refuse a span with a natural key already there). Each span
// has its own annotator, so that no two share a natural key. It reports
// the median and 99th percentile as p50-ms and p99-ms, against
// BenchmarkFsync4KiB on the same disk (bbolt syncs twice per commit).
func BenchmarkAddSpan(b *testing.B) {
	text := article(b)
	s := mustOpen(b, tempPath(b), Options{})
	d := annotate.NewDocument("China", "test", text, testTime)
	start, end := find(b, text, "Wang Yi", 0)
	rec := annotate.Record{Document: d}
	for i := range 200 {
		rec.Spans = append(rec.Spans, annotate.NewSpan(d.ID, start, end, annotate.LabelActor, fmt.Sprint("annotator ", i), testTime))
	}
	if _, err := s.Import([]annotate.Record{rec}, "bench"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	n := 0
	var lat benchenv.Latencies
	for b.Loop() {
		n++
		t := time.Now()
		if err := s.AddSpan(annotate.NewSpan(d.ID, start, end, annotate.LabelActor, fmt.Sprint("bench ", n), testTime)); err != nil {
			b.Fatal(err)
		}
		lat.Add(time.Since(t))
	}
	lat.Report(b)
}

// BenchmarkFsync4KiB is the floor of BenchmarkAddSpan: a 4 KiB write and
// its fsync in a file in the same temporary folder.
func BenchmarkFsync4KiB(b *testing.B) {
	benchenv.Fsync4KiB(b)
}

// BenchmarkForEachRecord100kSpans reads every record of a project holding
// 2,000 documents of the real article with 50 spans each.
func BenchmarkForEachRecord100kSpans(b *testing.B) {
	recs := benchRecords(b, 2000, 50, 1<<20)
	s := mustOpen(b, tempPath(b), Options{})
	if _, err := s.Import(recs, "bench"); err != nil {
		b.Fatal(err)
	}
	size := textBytes(recs)
	for _, r := range recs {
		for _, sp := range r.Spans {
			data, _ := json.Marshal(sp)
			size += int64(len(data))
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := s.ForEachRecord(func(rec annotate.Record) error {
			n += len(rec.Spans)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if n != 100000 {
			b.Fatalf("%d spans", n)
		}
	}
}

// BenchmarkDocuments10k lists 10,000 documents (without their texts).
func BenchmarkDocuments10k(b *testing.B) {
	recs := benchRecords(b, 10000, 5, 3000)
	s := mustOpen(b, tempPath(b), Options{})
	if _, err := s.Import(recs, "bench"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		docs, err := s.Documents()
		if err != nil {
			b.Fatal(err)
		}
		if len(docs) != 10000 {
			b.Fatalf("%d documents", len(docs))
		}
	}
}
