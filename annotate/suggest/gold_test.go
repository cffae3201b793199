package suggest

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
)

var update = flag.Bool("update", false, "write testdata/gold/*.jsonl from their .ann files")

// The gold set, and the held-out set annotated after the rules were
// frozen.
const (
	goldFile    = "testdata/gold/gold.jsonl"
	heldOutFile = "testdata/gold/heldout.jsonl"
)

// goldRecords builds the gold records from the hand annotation ann (see
// testdata/gold/gold.ann's header) with fixed ids and times.
func goldRecords(t *testing.T, ann string) []annotate.Record {
	t.Helper()
	f, err := os.Open(ann)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	labels := LabelsOf(annotate.DefaultRelationTypes())
	created := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	var recs []annotate.Record
	var rec *annotate.Record
	var actors map[[2]int]string
	n := 0
	id := func() string { n++; return fmt.Sprintf("00000000-0000-7000-8000-%012d", n) }
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
			continue
		case strings.HasPrefix(l, "== "):
			path := strings.TrimPrefix(l, "== ")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			text, err := annotate.NormalizeText(b)
			if err != nil {
				t.Fatal(err)
			}
			title, _, _ := strings.Cut(text, "\n")
			d := annotate.NewDocument(title, filepath.Base(path), text, created)
			d.ID = id()
			recs = append(recs, annotate.Record{Document: d})
			rec = &recs[len(recs)-1]
			actors = map[[2]int]string{}
			continue
		}
		parts := strings.Split(l, "\t")
		if len(parts) != 3 || rec == nil {
			t.Fatalf("gold.ann:%d: want ACTOR<TAB>claim|denial<TAB>STATEMENT after a == line", line)
		}
		text := rec.Document.Text
		st := find(t, line, text, parts[2], -1)
		a := find(t, line, text, parts[0], st.Start)
		label := map[string]string{"claim": labels.Claim, "denial": labels.Denial}[parts[1]]
		if label == "" {
			t.Fatalf("gold.ann:%d: unknown kind %q", line, parts[1])
		}
		aid, ok := actors[[2]int{a.Start, a.End}]
		if !ok {
			aid = id()
			actors[[2]int{a.Start, a.End}] = aid
			rec.Spans = append(rec.Spans, annotate.Span{ID: aid, DocumentID: rec.Document.ID, Start: a.Start, End: a.End,
				Label: labels.Actor, Annotator: "gold", Created: created, Updated: created})
		}
		sid := id()
		rec.Spans = append(rec.Spans, annotate.Span{ID: sid, DocumentID: rec.Document.ID, Start: st.Start, End: st.End,
			Label: label, Annotator: "gold", Created: created, Updated: created})
		rec.Relations = append(rec.Relations, annotate.Relation{ID: id(), Type: labels.Source, From: sid, To: aid})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		annotate.SortSpans(recs[i].Spans)
	}
	return recs
}

// find returns where want ("text#N" for the N-th occurrence) is in text as
// whole words: the N-th, else the first, or, when near is not -1, the one
// nearest the code point near.
func find(t *testing.T, line int, text, want string, near int) annotate.Mention {
	t.Helper()
	nth := 0
	if i := strings.LastIndex(want, "#"); i > 0 {
		if k, err := strconv.Atoi(want[i+1:]); err == nil {
			want, nth = want[:i], k
		}
	}
	want = strings.ReplaceAll(want, `\n`, "\n")
	ms := annotate.Mentions(text, want)
	switch {
	case len(ms) == 0:
		t.Fatalf("gold.ann:%d: %q is not in the text", line, want)
	case nth > len(ms):
		t.Fatalf("gold.ann:%d: %q occurs %d times, not %d", line, want, len(ms), nth)
	case nth > 0:
		return ms[nth-1]
	case near >= 0:
		best := ms[0]
		for _, m := range ms {
			if dist(m, near) < dist(best, near) {
				best = m
			}
		}
		return best
	}
	return ms[0]
}

func dist(m annotate.Mention, at int) int {
	if m.End <= at {
		return at - m.End
	}
	return m.Start - at
}

// TestGoldFile checks that testdata/gold/gold.jsonl and heldout.jsonl are
// what their .ann files say (go test -run TestGoldFile -update writes
// them).
func TestGoldFile(t *testing.T) {
	for _, file := range []string{goldFile, heldOutFile} {
		checkGoldFile(t, strings.TrimSuffix(file, ".jsonl")+".ann", file)
	}
}

func checkGoldFile(t *testing.T, ann, goldFile string) {
	var buf bytes.Buffer
	w := format.NewJSONLWriter(&buf)
	for _, rec := range goldRecords(t, ann) {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(goldFile, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(goldFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Fatalf("%s is not what gold.ann says: run go test -run TestGoldFile -update", goldFile)
	}
}

// readGold reads a gold file as claimdesk suggest -eval does.
func readGold(t *testing.T, goldFile string) []annotate.Record {
	t.Helper()
	f, err := os.Open(goldFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := format.ReadJSONL(f, goldFile)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// evaluateGold scores the default suggester on a gold file.
func evaluateGold(t *testing.T, goldFile string) *Evaluation {
	recs := readGold(t, goldFile)
	ev := NewEvaluation(LabelsOf(annotate.DefaultRelationTypes()))
	sg := New(DefaultRules(), nil)
	for _, rec := range recs {
		ev.Add(rec, sg.Suggest(rec.Document.Text))
	}
	return ev
}

// TestGoldEvaluation fails when the suggester scores below the floors set
// just under the figures of testdata/gold/README.md.
func TestGoldEvaluation(t *testing.T) {
	ev := evaluateGold(t, goldFile)
	for _, c := range []floor{

		{"actor exact", ev.Actor, false, 0.97, 0.83},
		{"claim exact", ev.Claim, false, 0.95, 0.72},
		{"claim overlap", ev.Claim, true, 0.97, 0.74},
		{"denial exact", ev.Denial, false, 0.97, 0.97},
		{"denial overlap", ev.Denial, true, 0.97, 0.97},
		{"links exact", ev.Links, false, 0.95, 0.77},
		{"links overlap", ev.Links, true, 0.97, 0.80},
		{"quote links exact", *ev.LinksByKind[Quote], false, 0.97, 0},
		{"quote links overlap", *ev.LinksByKind[Quote], true, 0.97, 0},
	} {
		c.check(t)
	}
}

// floor is a measure's precision and recall floors.
type floor struct {
	name    string
	sc      Score
	overlap bool
	p, r    float64
}

func (c floor) check(t *testing.T) {
	{
		t.Logf("%-20s gold %2d suggested %2d  P %.3f R %.3f F1 %.3f", c.name, c.sc.Gold, c.sc.Suggested,
			c.sc.Precision(c.overlap), c.sc.Recall(c.overlap), c.sc.F1(c.overlap))
		if p := c.sc.Precision(c.overlap); p < c.p {
			t.Errorf("%s: precision %.3f below the floor %.2f", c.name, p, c.p)
		}
		if r := c.sc.Recall(c.overlap); c.sc.Gold > 0 && r < c.r {
			t.Errorf("%s: recall %.3f below the floor %.2f", c.name, r, c.r)
		}
	}
}

// TestHeldOutEvaluation fails when the suggester scores below the floors
// set just under today's figures on the held-out set.
func TestHeldOutEvaluation(t *testing.T) {
	ev := evaluateGold(t, heldOutFile)
	for _, c := range []floor{
		{"actor exact", ev.Actor, false, 0.80, 0.62},
		{"claim exact", ev.Claim, false, 0.97, 0.55},
		{"claim overlap", ev.Claim, true, 0.97, 0.55},
		{"denial overlap", ev.Denial, true, 0.97, 0.97},
		{"links exact", ev.Links, false, 0.80, 0.50},
		{"links overlap", ev.Links, true, 0.97, 0.60},
		{"quote links overlap", *byKind(ev.LinksByKind, Quote), true, 0.97, 0},
	} {
		c.check(t)
	}
}
