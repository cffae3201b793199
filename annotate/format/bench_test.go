package format

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
)

// benchRecords builds n records from the test article (cut at a paragraph
// end before maxBytes, if it is longer), each with spansPer spans on its
// occurrences of a few names.
func benchRecords(b *testing.B, n, spansPer, maxBytes int) []annotate.Record {
	b.Helper()
	data, err := os.ReadFile(fixtureArticle)
	if err != nil {
		b.Fatal(err)
	}
	text, err := annotate.NormalizeText(data)
	if err != nil {
		b.Fatal(err)
	}
	if len(text) > maxBytes {
		text = text[:strings.LastIndex(text[:maxBytes], "\n\n")]
	}
	ix := annotate.NewRuneIndex(text)
	var base []annotate.Span
	for _, name := range []string{"Wang Yi", "Mr Jafari", "China", "Iraq", "Mr Hong", "Isis", "Chinese", "Syria", "Iran", "coalition"} {
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
	if len(base) == 0 {
		b.Fatal("no candidate spans")
	}
	// With more spans per record than candidates, the candidates repeat
	// (as overlapping spans of different ids).
	now := time.Date(2024, 10, 3, 9, 15, 0, 0, time.UTC)
	recs := make([]annotate.Record, n)
	for i := range recs {
		id := annotate.NewID()
		// A first line of its own makes each text another document for
		// an import, which recognises a document by its text.
		prefix := fmt.Sprintf("Copy %d\n", i)
		shift := annotate.RuneCount(prefix)
		spans := make([]annotate.Span, spansPer)
		for j := range spans {
			spans[j] = base[(i+j)%len(base)]
			spans[j].Start += shift
			spans[j].End += shift
			spans[j].ID = annotate.NewID()
			spans[j].DocumentID = id
			spans[j].Created, spans[j].Updated = now, now
		}
		// The SOURCE link goes from a claim to an actor, as the
		// project's link rules require: the file imports.
		spans[0].Label = annotate.LabelClaim
		recs[i] = annotate.Record{
			Document:  annotate.Document{ID: id, Title: "China Offers To Help Iraq Defeat Extremists", Source: "china-iraq.txt", Status: annotate.StatusInProgress, Created: now, Text: prefix + text},
			Spans:     spans,
			Relations: []annotate.Relation{{ID: annotate.NewID(), Type: annotate.RelationSource, From: spans[0].ID, To: spans[1].ID}},
		}
	}
	return recs
}

// benchJSONL, when given, is where BenchmarkReadJSONL writes the file it
// reads, for whole-process comparisons (make bench-vs).
var benchJSONL = flag.String("benchjsonl", "", "write BenchmarkReadJSONL's JSONL file to this path")

// BenchmarkReadJSONL reads about 32 MB of Claimdesk JSONL: 10,000
// documents built from the real article. With -benchjsonl PATH it writes
// the file to PATH too.
func BenchmarkReadJSONL(b *testing.B) {
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	for _, rec := range benchRecords(b, 10000, 6, 1700) {
		if err := w.Write(rec); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	if *benchJSONL != "" {
		if err := os.WriteFile(*benchJSONL, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := NewJSONLReader(bytes.NewReader(data), "bench.jsonl")
		n := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 10000 {
			b.Fatalf("read %d records", n)
		}
	}
	b.ReportMetric(float64(len(data))/1e6, "MB/file")
}

// countingDiscard counts the bytes written to it.
type countingDiscard struct{ n int64 }

func (c *countingDiscard) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// BenchmarkJSONLWriter100kSpans writes records totalling 100,000 spans.
func BenchmarkJSONLWriter100kSpans(b *testing.B) {
	recs := benchRecords(b, 2000, 50, 1<<20)
	var size countingDiscard
	w := NewJSONLWriter(&size)
	for _, rec := range recs {
		if err := w.Write(rec); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size.n)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := NewJSONLWriter(io.Discard)
		for _, rec := range recs {
			if err := w.Write(rec); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
	}
}
