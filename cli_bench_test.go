package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/internal/benchenv"
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

// untimedPeakHeap runs f once more after the timed loop, with the timer
// stopped, after two collections (which empty sync.Pools, such as bbolt's
// page pool of an import before), and reports the peak heap in use during
// it as peak-heap-MiB: memory is measured in a run of its own, so that
// neither the sampling nor a forced collection weighs on the time.
func untimedPeakHeap(b *testing.B, f func()) {
	b.Helper()
	b.StopTimer()
	runtime.GC()
	runtime.GC()
	stop := benchenv.PeakHeap()
	f()
	b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MiB")
}

// BenchmarkImport10kDocuments imports about 30 MB of JSONL (10,000
// documents, 5 spans each) into a new project with the CLI's import
// (import), and splits that figure on the same file: reading its bytes
// (read: io.Copy to io.Discard, the limit), parsing them (parse: the JSONL
// reader, every record) and storing the parsed records (store: one
// ImportStream into a new project, as import does), against bbolt itself
// writing the same lines in as many transactions (bbolt: the floor of
// store and import, benchBboltFloor). Each sets the file's bytes, so MB/s
// compare.
func BenchmarkImport10kDocuments(b *testing.B) {
	file, size := benchCorpus(b, 10_000, 5, 1_900)
	b.Run("read", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			readAll(b, file, size)
		}
	})
	parse := func(b *testing.B) []annotate.Record {
		f, err := os.Open(file)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		var recs []annotate.Record
		r := format.NewJSONLReader(bufio.NewReader(f), file)
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			recs = append(recs, rec)
		}
		if len(recs) != 10_000 {
			b.Fatalf("%d records", len(recs))
		}
		return recs
	}
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			parse(b)
		}
	})
	b.Run("store", func(b *testing.B) {
		recs := parse(b)
		b.SetBytes(size)
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			st, err := store.Open(filepath.Join(b.TempDir(), fmt.Sprintf("p%d.claimdesk", i)), store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			b.StartTimer()
			j := 0
			_, err = st.ImportStream(func() (annotate.Record, error) {
				if j == len(recs) {
					return annotate.Record{}, io.EOF
				}
				j++
				return recs[j-1], nil
			}, "bench")
			if err != nil {
				b.Fatal(err)
			}
			if err := st.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bbolt", func(b *testing.B) { benchBboltFloor(b, file, size, parse(b)) })
	b.Run("import", func(b *testing.B) {
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
	})
}

// BenchmarkExport100kSpans exports a project of 10,000 documents and
// 100,000 spans with the CLI's export -o, as Claimdesk JSONL and as CSV,
// reporting the peak heap in use (in a separate, untimed run); FORMAT-read
// reads the exported file back (io.Copy to io.Discard), the limit of its
// MB/s on the same bytes.
func BenchmarkExport100kSpans(b *testing.B) {
	file, _ := benchCorpus(b, 10_000, 10, 2_300)
	project := filepath.Join(b.TempDir(), "p.claimdesk")
	if code := run([]string{"import", project, file}, io.Discard, os.Stderr); code != 0 {
		b.Fatalf("import exited %d", code)
	}
	for _, format := range []string{"jsonl", "csv"} {
		out := filepath.Join(b.TempDir(), "out."+format)
		export := func(b *testing.B) {
			if code := run([]string{"export", project, "-format", format, "-o", out}, io.Discard, os.Stderr); code != 0 {
				b.Fatalf("export exited %d", code)
			}
		}
		var size int64
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				export(b)
			}
			info, err := os.Stat(out)
			if err != nil {
				b.Fatal(err)
			}
			size = info.Size()
			b.SetBytes(size)
			untimedPeakHeap(b, func() { export(b) })
		})
		b.Run(format+"-read", func(b *testing.B) {
			if size == 0 { // -bench left the export out
				export(b)
				info, err := os.Stat(out)
				if err != nil {
					b.Fatal(err)
				}
				size = info.Size()
			}
			b.SetBytes(size)
			for b.Loop() {
				readAll(b, out, size)
			}
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
			export := func() {
				if code := run([]string{"export", project, "-format", "network", "-o", out}, io.Discard, os.Stderr); code != 0 {
					b.Fatalf("export exited %d", code)
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				export()
			}
			untimedPeakHeap(b, export)
			graph, err := os.ReadFile(out)
			if err != nil {
				b.Fatal(err)
			}
			if n := strings.Count(string(graph), "<edge "); n == 0 {
				b.Fatalf("no edges in\n%s", graph)
			}
		})
	}
}

// BenchmarkAddSpanCommitted is the latency of one user action: one span
// added in one committed (fsynced) transaction. It reports the median and
// 99th percentile of the operations as p50-ms and p99-ms, against
// BenchmarkFsync4KiB on the same disk (bbolt syncs twice per commit).
func BenchmarkAddSpanCommitted(b *testing.B) {
	dir := b.TempDir()
	b.Logf("project in %s: %s", dir, benchenv.Disk(dir))
	st, err := store.Open(filepath.Join(dir, "p.claimdesk"), store.Options{})
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
	var lat benchenv.Latencies
	for i := 0; b.Loop(); i++ {
		start := (i * 7) % (n - 10)
		t := time.Now()
		if err := st.AddSpan(annotate.NewSpan(d.ID, start, start+5, annotate.LabelActor, "bench", time.Now())); err != nil {
			b.Fatal(err)
		}
		lat.Add(time.Since(t))
	}
	lat.Report(b)
}

// BenchmarkFsync4KiB is the floor of BenchmarkAddSpanCommitted: a 4 KiB
// write and its fsync in a file in the same temporary folder.
func BenchmarkFsync4KiB(b *testing.B) {
	benchenv.Fsync4KiB(b)
}

// BenchmarkAgree3x10k runs agree over three projects of 10,000 documents
// and 100,000 spans each, reporting the peak heap in use; the
// 1,000-document size shows that memory does not grow with the projects.
// ana's project is the corpus; bo's and cy's are colleagues' versions of it
// (benchColleague): a tenth of their spans moved, relabelled or missing, so
// that agree matches, pairs and measures real disagreements.
func BenchmarkAgree3x10k(b *testing.B) {
	for _, docs := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("docs=%d", docs), func(b *testing.B) {
			file, _ := benchCorpus(b, docs, 10, 2_300)
			args := []string{"agree", "-json"}
			for k, name := range []string{"ana", "bo", "cy"} {
				in := file
				if k > 0 {
					in = benchColleague(b, file, uint64(k))
				}
				project := filepath.Join(b.TempDir(), name+".claimdesk")
				if code := run([]string{"import", "-annotator", name, project, in}, io.Discard, os.Stderr); code != 0 {
					b.Fatalf("import exited %d", code)
				}
				args = append(args, project)
			}
			var out bytes.Buffer
			if code := run(args, &out, os.Stderr); code != 0 {
				b.Fatalf("agree exited %d", code)
			}
			checkBenchAgreement(b, out.Bytes())
			agree := func() {
				if code := run(args, io.Discard, os.Stderr); code != 0 {
					b.Fatalf("agree exited %d", code)
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				agree()
			}
			untimedPeakHeap(b, agree)
		})
	}
}

// benchColleague writes a colleague's version of the Claimdesk JSONL file
// at path and returns its path: of each document's spans, about a tenth
// (chosen by a generator seeded with seed) are moved by one code point,
// relabelled (an ACTOR becomes a CLAIM, anything else an ACTOR) or left
// out, a third of those each.
func benchColleague(b *testing.B, path string, seed uint64) string {
	b.Helper()
	in, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out := filepath.Join(b.TempDir(), fmt.Sprintf("colleague%d.jsonl", seed))
	f, err := os.Create(out)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	w := format.NewJSONLWriter(bw)
	r := format.NewJSONLReader(bufio.NewReader(in), path)
	rng := rand.New(rand.NewPCG(seed, 17))
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		n := annotate.RuneCount(rec.Document.Text)
		spans := rec.Spans[:0]
		for _, s := range rec.Spans {
			if rng.IntN(10) == 0 {
				switch rng.IntN(3) {
				case 0: // moved
					if s.End < n {
						s.Start, s.End = s.Start+1, s.End+1
					} else {
						s.Start, s.End = s.Start-1, s.End-1
					}
				case 1: // relabelled
					if s.Label == annotate.LabelActor {
						s.Label = annotate.LabelClaim
					} else {
						s.Label = annotate.LabelActor
					}
				default: // missing
					continue
				}
			}
			spans = append(spans, s)
		}
		rec.Spans = spans
		if err := w.Write(rec); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		b.Fatal(err)
	}
	return out
}

// checkBenchAgreement fails the benchmark unless agree -json's output
// shows the colleagues' disagreements: each pair's overall exact F1 below
// 1 and above 0.7.
func checkBenchAgreement(b *testing.B, out []byte) {
	b.Helper()
	var res struct {
		Pairs []struct {
			A, B    string
			Overall struct {
				F1Exact float64 `json:"f1_exact"`
			}
		}
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res.Pairs) != 3 {
		b.Fatalf("agree -json: %v\n%s", err, out)
	}
	for _, p := range res.Pairs {
		if f := p.Overall.F1Exact; f >= 1 || f < 0.7 {
			b.Fatalf("%s vs %s: exact F1 %v, want the tenth of disagreements to show", p.A, p.B, f)
		}
	}
}

// readAll reads the file at path, of size bytes, to io.Discard: the limit
// of a benchmark that reads or writes those bytes.
func readAll(b *testing.B, path string, size int64) {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if n, err := io.Copy(io.Discard, f); err != nil || n != size {
		b.Fatalf("read %d of %d bytes: %v", n, size, err)
	}
}
