package store

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/internal/benchenv"
)

// The lab-sized corpus of issue #11: 100,000 documents of the project's
// fixture article, 10 spans each (one million spans), one SOURCE link
// each. BenchmarkCorpus builds it once per run, through the normal import
// path in batches, and measures against the limits:
//
//	open+list  open the project and read what the window shows first
//	           (labels, link types, the document list, actors, concepts): < 1 s
//	next-doc   read one document with its spans and relations: < 50 ms
//	stats      Store.Stats: < 1 s
//	check      Store.CheckProgress: reports progress and finishes
//	export     ForEachRecord into the JSONL writer, at two sizes, with its
//	           peak heap measured in a separate, untimed run
//
// CLAIMDESK_CORPUS_DOCS lists the sizes (default "10000,100000"); "0" or
// -short skips the benchmark.
const corpusSpansPer = 10

// corpusSizes returns the corpus sizes of this run.
func corpusSizes(b *testing.B) []int {
	if testing.Short() {
		b.Skip("the lab-sized corpus does not run with -short")
	}
	env := os.Getenv("CLAIMDESK_CORPUS_DOCS")
	if env == "" {
		env = "10000,100000"
	}
	var sizes []int
	for _, f := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			b.Fatalf("CLAIMDESK_CORPUS_DOCS=%q: %v", env, err)
		}
		if n > 0 {
			sizes = append(sizes, n)
		}
	}
	if len(sizes) == 0 {
		b.Skip("CLAIMDESK_CORPUS_DOCS=0")
	}
	return sizes
}

// corpusGen makes the corpus's records one at a time.
type corpusGen struct {
	text string
	base []annotate.Span
}

func newCorpusGen(tb testing.TB) *corpusGen {
	text := article(tb)
	ix := annotate.NewRuneIndex(text)
	g := &corpusGen{text: text}
	for _, name := range []string{"Wang Yi", "Mr Jafari", "China", "Iraq", "Chinese", "Isis", "coalition", "Tehran", "UN", "Mr Wang"} {
		for off := 0; ; {
			i := strings.Index(text[off:], name)
			if i < 0 {
				break
			}
			s := ix.Rune(off + i)
			g.base = append(g.base, annotate.Span{Start: s, End: s + annotate.RuneCount(name), Label: annotate.LabelActor, Annotator: "bench"})
			off += i + len(name)
		}
	}
	if len(g.base) < 2 {
		tb.Fatalf("only %d candidate spans", len(g.base))
	}
	return g
}

// record returns the i-th record: the article with its own first line,
// corpusSpansPer spans (the first a CLAIM) and a SOURCE link.
func (g *corpusGen) record(i int) annotate.Record {
	prefix := fmt.Sprintf("Copy %d\n", i)
	shift := annotate.RuneCount(prefix)
	d := annotate.NewDocument("China Offers To Help Iraq Defeat Extremists", "china-iraq.txt", prefix+g.text, testTime)
	spans := make([]annotate.Span, corpusSpansPer)
	for j := range spans {
		sp := g.base[(i+j)%len(g.base)]
		sp.ID, sp.DocumentID = annotate.NewID(), d.ID
		if j >= len(g.base) {
			sp.Annotator = fmt.Sprint("bench ", j/len(g.base))
		}
		if j%3 == 1 {
			sp.Annotator = "coder " + strconv.Itoa(i%4)
		}
		sp.Start += shift
		sp.End += shift
		sp.Created, sp.Updated = testTime, testTime
		spans[j] = sp
	}
	spans[0].Label = annotate.LabelClaim
	return annotate.Record{Document: d, Spans: spans,
		Relations: []annotate.Relation{{ID: annotate.NewID(), Type: annotate.RelationSource, From: spans[0].ID, To: spans[1].ID}}}
}

// corpus is one built project and what its build measured.
type corpus struct {
	path      string
	docs      int
	spans     int
	build     time.Duration
	fileBytes int64
	jsonl     int64 // bytes of its JSONL export
}

// buildCorpus imports n records into a new project in dir through
// ImportStream (one call, committed in batches), timing the import only,
// and measures its file and its JSONL export.
func buildCorpus(b *testing.B, dir string, n int) corpus {
	path := filepath.Join(dir, fmt.Sprintf("corpus-%d.claimdesk", n))
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		b.Fatal(err)
	}
	g := newCorpusGen(b)
	s, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
	start := time.Now()
	i := 0
	res, err := s.ImportStream(func() (annotate.Record, error) {
		if i == n {
			return annotate.Record{}, io.EOF
		}
		i++
		return g.record(i - 1), nil
	}, "bench")
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	c := corpus{path: path, docs: n, spans: res.Spans, build: time.Since(start)}
	b.StopTimer()
	if res.Documents != n || res.Spans != n*corpusSpansPer {
		b.Fatalf("import result %+v", res)
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	c.fileBytes = info.Size()
	s = mustOpenBench(b, path, Options{ReadOnly: true})
	cw := &countWriter{}
	bw := bufio.NewWriter(cw)
	if err := exportJSONL(s, bw); err != nil {
		b.Fatal(err)
	}
	bw.Flush()
	c.jsonl = cw.n
	s.Close()
	return c
}

// mustOpenBench opens a project without mustOpen's Check in cleanup
// (Check of the whole corpus is a benchmark of its own).
func mustOpenBench(b *testing.B, path string, opts Options) *Store {
	b.Helper()
	s, err := Open(path, opts)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// exportJSONL is `claimdesk export` of the project as JSONL to w.
func exportJSONL(s *Store, w io.Writer) error {
	jw := format.NewJSONLWriter(w)
	if err := s.ForEachRecord(jw.Write); err != nil {
		return err
	}
	return jw.Flush()
}

// BenchmarkCorpus builds the lab-sized corpus and measures it (see
// corpusSpansPer).
func BenchmarkCorpus(b *testing.B) {
	sizes := corpusSizes(b)
	dir := b.TempDir()
	for _, n := range sizes {
		prefix := fmt.Sprintf("docs=%d/", n)
		var c corpus
		b.Run(prefix+"import", func(b *testing.B) {
			// One ImportStream of the whole corpus per iteration (one, at
			// the default -benchtime): the project the others read.
			b.StopTimer()
			for range b.N {
				c = buildCorpus(b, dir, n)
			}
			b.ReportMetric(float64(c.fileBytes)/(1<<20), "file-MiB")
			b.ReportMetric(float64(c.jsonl)/(1<<20), "jsonl-MiB")
			b.ReportMetric(float64(c.fileBytes)/float64(c.jsonl), "file/jsonl")
			b.ReportMetric(float64(c.fileBytes)/float64(c.spans), "B/span")
			b.ReportMetric(float64(c.jsonl)/1e6/c.build.Seconds(), "jsonl-MB/s")
		})
		if c.path == "" { // -bench left the import out
			c = buildCorpus(b, dir, n)
		}
		b.Run(prefix+"open+list", func(b *testing.B) {
			for b.Loop() {
				s, err := Open(c.path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Labels(); err != nil {
					b.Fatal(err)
				}
				if _, err := s.RelationTypes(); err != nil {
					b.Fatal(err)
				}
				docs, err := s.Documents()
				if err != nil || len(docs) != c.docs {
					b.Fatalf("%d documents, %v", len(docs), err)
				}
				if _, err := s.Entities(); err != nil {
					b.Fatal(err)
				}
				if _, err := s.Concepts(); err != nil {
					b.Fatal(err)
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
		s := mustOpenBench(b, c.path, Options{})
		docs, err := s.Documents()
		if err != nil {
			b.Fatal(err)
		}
		// A thousand documents spread over the list, which is let go (it
		// would weigh on the export's heap).
		var ids []string
		for i := range 1000 {
			ids = append(ids, docs[(i*7919)%len(docs)].ID)
		}
		docs = nil
		b.Run(prefix+"next-doc", func(b *testing.B) {
			i := 0
			for b.Loop() {
				id := ids[i%len(ids)]
				i++
				if _, err := s.Document(id); err != nil {
					b.Fatal(err)
				}
				if _, err := s.Spans(id); err != nil {
					b.Fatal(err)
				}
				if _, err := s.Relations(id); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(prefix+"stats", func(b *testing.B) {
			for b.Loop() {
				st, err := s.Stats()
				if err != nil || st.Spans != c.spans || st.Documents != c.docs {
					b.Fatalf("stats %d documents %d spans, %v", st.Documents, st.Spans, err)
				}
			}
		})
		b.Run(prefix+"check", func(b *testing.B) {
			calls := 0
			for b.Loop() {
				calls = 0
				err := s.CheckProgress(func(done, total int) { calls++ })
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(calls), "progress-reports")
		})
		b.Run(prefix+"export", func(b *testing.B) {
			b.SetBytes(c.jsonl)
			for b.Loop() {
				if err := exportJSONL(s, bufio.NewWriter(io.Discard)); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			// Memory in a separate run, after a GC, so that the build
			// and the timed runs leave nothing behind.
			runtime.GC()
			stop := benchenv.PeakHeap()
			if err := exportJSONL(s, bufio.NewWriter(io.Discard)); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MiB")
		})
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
