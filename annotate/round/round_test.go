package round

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/review"

	"pgregory.net/rapid"
)

func docsOf(lengths ...int) []Doc {
	out := make([]Doc, len(lengths))
	for i, l := range lengths {
		out[i] = Doc{ID: fmt.Sprintf("d%02d", i), Length: l}
	}
	return out
}

func TestAssign(t *testing.T) {
	tests := []struct {
		name    string
		docs    []Doc
		coders  []string
		overlap float64
		sample  int
		lengths []int // per coder, share and sample
	}{
		// The sample's two (which, the seed says) go to both; the rest
		// longest first to the one with less text.
		{"two coders", docsOf(100, 10, 50, 40, 30, 20), []string{"ana", "bo"}, 0.34, 2, nil},
		{"no overlap", docsOf(90, 60, 30, 30), []string{"ana", "bo"}, 0, 0, []int{120, 90}},
		{"all overlap", docsOf(5, 6), []string{"ana", "bo", "cy"}, 1, 2, []int{11, 11, 11}},
		{"a small share is one document", docsOf(5, 6, 7), []string{"ana"}, 0.01, 1, nil},
		{"more coders than documents", docsOf(5, 6), []string{"a", "b", "c"}, 0, 0, []int{6, 5, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, err := Assign(tt.docs, tt.coders, tt.overlap, 7)
			if err != nil {
				t.Fatal(err)
			}
			if len(as.Sample) != tt.sample {
				t.Errorf("sample %v, want %d documents", as.Sample, tt.sample)
			}
			checkAssignment(t, tt.docs, tt.coders, as)
			if tt.lengths != nil {
				var got []int
				for _, c := range as.Coders {
					got = append(got, c.Length)
				}
				if !slices.Equal(got, tt.lengths) {
					t.Errorf("lengths %v, want %v", got, tt.lengths)
				}
			}
		})
	}
}

func TestAssignErrors(t *testing.T) {
	tests := []struct {
		name    string
		docs    []Doc
		coders  []string
		overlap float64
		want    string
	}{
		{"no coders", docsOf(1), nil, 0.2, "no coders"},
		{"twice", docsOf(1), []string{"ana", "ana"}, 0.2, `coder "ana" is named twice`},
		{"empty name", docsOf(1), []string{"ana", ""}, 0.2, "coder 2 has an empty name"},
		{"plus", docsOf(1), []string{"ana+bo"}, 0.2, "cannot have"},
		{"control", docsOf(1), []string{"a\x1bb"}, 0.2, "cannot have"},
		{"overlap above 1", docsOf(1), []string{"ana"}, 1.5, "not a share from 0 to 1"},
		{"overlap NaN", docsOf(1), []string{"ana"}, math.NaN(), "not a share from 0 to 1"},
		{"no documents", nil, []string{"ana"}, 0.2, "no documents"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Assign(tt.docs, tt.coders, tt.overlap, 1)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
			if annotate.ErrorCode(err) != annotate.EINVALID {
				t.Errorf("code %s, want EINVALID", annotate.ErrorCode(err))
			}
		})
	}
}

// checkAssignment checks the rules of Assign: every coder has the sample;
// every other document goes to exactly one coder; each coder's documents
// are in the documents' order with their length added up; no coder's
// share has more than the longest shared document's length above
// another's.
func checkAssignment(t interface {
	Helper()
	Fatalf(string, ...any)
}, docs []Doc, coders []string, as Assignment) {
	t.Helper()
	order := map[string]int{}
	length := map[string]int{}
	for i, d := range docs {
		order[d.ID], length[d.ID] = i, d.Length
	}
	if len(as.Coders) != len(coders) {
		t.Fatalf("%d coders, want %d", len(as.Coders), len(coders))
	}
	inSample := map[string]bool{}
	for _, id := range as.Sample {
		inSample[id] = true
	}
	owners := map[string]int{}
	longest := 0
	var shares []int
	for i, c := range as.Coders {
		if c.Name != coders[i] {
			t.Fatalf("coder %d is %q, want %q", i, c.Name, coders[i])
		}
		if !slices.IsSortedFunc(c.Documents, func(a, b string) int { return order[a] - order[b] }) {
			t.Fatalf("%s's documents %v are not in the documents' order", c.Name, c.Documents)
		}
		sum, share := 0, 0
		for _, id := range c.Documents {
			sum += length[id]
			if !inSample[id] {
				owners[id]++
				share += length[id]
				longest = max(longest, length[id])
			}
		}
		for _, id := range as.Sample {
			if !slices.Contains(c.Documents, id) {
				t.Fatalf("%s's package lacks sample document %s", c.Name, id)
			}
		}
		if sum != c.Length {
			t.Fatalf("%s's length %d, want %d", c.Name, c.Length, sum)
		}
		shares = append(shares, share)
	}
	for _, d := range docs {
		if !inSample[d.ID] && owners[d.ID] != 1 {
			t.Fatalf("document %s goes to %d coders, want 1", d.ID, owners[d.ID])
		}
	}
	if len(shares) > 0 && slices.Max(shares)-slices.Min(shares) > longest {
		t.Fatalf("shares %v differ by more than the longest document, %d", shares, longest)
	}
}

// TestAssignProperties: every coder's package holds the sample, the rest
// is shared out once and balanced, and the same seed chooses the same
// sample.
func TestAssignProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lengths := rapid.SliceOfN(rapid.IntRange(1, 5000), 1, 300).Draw(t, "lengths")
		docs := docsOf(lengths...)
		n := rapid.IntRange(1, 12).Draw(t, "coders")
		coders := make([]string, n)
		for i := range coders {
			coders[i] = fmt.Sprintf("c%d", i)
		}
		overlap := rapid.Float64Range(0, 1).Draw(t, "overlap")
		seed := rapid.Uint64().Draw(t, "seed")
		as, err := Assign(docs, coders, overlap, seed)
		if err != nil {
			t.Fatal(err)
		}
		if len(as.Sample) != SampleSize(len(docs), overlap) {
			t.Fatalf("sample of %d, want %d", len(as.Sample), SampleSize(len(docs), overlap))
		}
		checkAssignment(t, docs, coders, as)
		again, err := Assign(docs, coders, overlap, seed)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(as.Sample, again.Sample) {
			t.Fatalf("seed %d chose %v, then %v", seed, as.Sample, again.Sample)
		}
	})
}

func TestSampleDependsOnSeed(t *testing.T) {
	docs := docsOf(make([]int, 100)...)
	first, _ := Assign(docs, []string{"ana"}, 0.2, 1)
	differs := false
	for seed := uint64(2); seed < 10; seed++ {
		as, _ := Assign(docs, []string{"ana"}, 0.2, seed)
		differs = differs || !slices.Equal(as.Sample, first.Sample)
	}
	if !differs {
		t.Fatalf("seeds 1 to 9 all chose %v", first.Sample)
	}
	// The figure a script relies on (round.txtar): seed 13 chooses the
	// first two of five for 0.4.
	as, _ := Assign(docsOf(1, 2, 3, 4, 5), []string{"ana", "bo", "cy"}, 0.4, 13)
	if want := []string{"d00", "d01"}; !slices.Equal(as.Sample, want) {
		t.Errorf("seed 13: sample %v, want %v", as.Sample, want)
	}
}

func TestAttribute(t *testing.T) {
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	lead := annotate.NewSpan("d", 0, 4, "ACTOR", "lead", now)
	moved := annotate.NewSpan("d", 5, 9, "ACTOR", "lead", now)
	p := &Package{Coder: "ana", Carried: map[string]annotate.SpanKey{lead.ID: lead.Key(), moved.ID: moved.Key()}}
	movedNow := moved
	movedNow.End = 10
	mine := annotate.NewSpan("d", 11, 15, "CLAIM", "ana", now)
	other := annotate.NewSpan("d", 11, 15, "CLAIM", "someone", now)
	rec := annotate.Record{Spans: []annotate.Span{lead, movedNow, mine, other},
		Relations: []annotate.Relation{
			{ID: "r1", Type: "SOURCE", From: mine.ID, To: lead.ID},
			{ID: "r2", Type: "SOURCE", From: mine.ID, To: moved.ID},
		}}
	if renamed := p.Attribute(&rec); renamed != 1 {
		t.Errorf("renamed %d, want 1 (someone's span)", renamed)
	}
	if s := rec.Spans[0]; s.ID != lead.ID || s.Key() != lead.Key() {
		t.Errorf("the unchanged carried span became %+v", rec.Spans[0])
	}
	got := rec.Spans[1]
	if got.ID == moved.ID || got.Annotator != "ana" || got.End != 10 {
		t.Errorf("the changed carried span is %+v, want a new id, by ana, ending at 10", got)
	}
	if rec.Spans[2].Annotator != "ana" || rec.Spans[3].Annotator != "ana" {
		t.Errorf("the coder's spans are by %q and %q, want ana", rec.Spans[2].Annotator, rec.Spans[3].Annotator)
	}
	if r := rec.Relations[0]; r.ID != "r1" || r.To != lead.ID {
		t.Errorf("link to the unchanged span: %+v", r)
	}
	if r := rec.Relations[1]; r.ID != "" || r.To != got.ID {
		t.Errorf("link to the changed span: %+v, want no id (a new link) to %s", r, got.ID)
	}
}

func TestCheckLabels(t *testing.T) {
	p := &Package{Labels: []string{"ACTOR", "CLAIM", "DENIAL"}}
	tests := []struct {
		have []string
		want string
	}{
		{[]string{"ACTOR", "CLAIM", "DENIAL"}, ""},
		{[]string{"DENIAL", "ACTOR", "CLAIM"}, ""},
		{[]string{"ACTOR", "ASSERTION", "DENIAL"}, "its labels are not the round's: ASSERTION not in the round's codebook; CLAIM missing (renamed?)"},
		{[]string{"ACTOR", "CLAIM", "DENIAL", "EXTRA"}, "its labels are not the round's: EXTRA not in the round's codebook; name"},
		{[]string{"ACTOR", "CLAIM"}, "its labels are not the round's; DENIAL missing; name"},
	}
	for _, tt := range tests {
		err := p.CheckLabels(tt.have)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%v: %v", tt.have, err)
		case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
			t.Errorf("%v: error %v, want %q…", tt.have, err, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	rs := []Round{{ID: "01a247dc-0000-7000-8000-00000000aaaa"}, {ID: "01a247dc-0000-7000-8000-00001111bbbb"}, {ID: "01a247dc-0000-7000-8000-00002222bbbb"}}
	tests := []struct{ id, want, err string }{
		{"01a247dc-0000-7000-8000-00000000aaaa", rs[0].ID, ""},
		{"0000aaaa", rs[0].ID, ""},
		{"1111bbbb", rs[1].ID, ""},
		{"bbbb", "", `round "bbbb" is ambiguous`},
		{"01a247dc", "", `the project has no round "01a247dc" (its rounds: 0000aaaa, 1111bbbb, 2222bbbb)`},
	}
	for _, tt := range tests {
		r, err := Find(rs, tt.id)
		switch {
		case tt.err != "":
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.id, err, tt.err)
			}
		case err != nil || r.ID != tt.want:
			t.Errorf("%s: %v, %v; want %s", tt.id, r, err, tt.want)
		}
	}
	if _, err := Find(nil, "x"); err == nil || !strings.Contains(err.Error(), "handed out no round") {
		t.Errorf("no rounds: %v", err)
	}
}

// TestMeasure: a coder counts only on the sample documents they coded;
// the figures are review's.
func TestMeasure(t *testing.T) {
	now := time.Now()
	text := "Tehran denied the report."
	r := &Round{Sample: []string{"d1", "d2"}, Coders: []Coder{
		{Name: "ana", Documents: []string{"d1", "d2"}, Returns: []Return{{}}, Progress: Progress{Coded: []string{"d1", "d2"}}},
		{Name: "bo", Documents: []string{"d1", "d2"}, Returns: []Return{{}}, Progress: Progress{Coded: []string{"d1"}}},
		{Name: "cy", Documents: []string{"d1", "d2"}}, // not collected
	}}
	docs := []SampleDoc{
		{ID: "d1", Text: text, Spans: []annotate.Span{
			annotate.NewSpan("d1", 0, 6, "ACTOR", "ana", now),
			annotate.NewSpan("d1", 0, 6, "ACTOR", "bo", now),
			annotate.NewSpan("d1", 7, 13, "DENIAL", "lead", now), // not a coder's
		}},
		{ID: "d2", Text: text, Spans: []annotate.Span{annotate.NewSpan("d2", 0, 6, "ACTOR", "ana", now)}},
	}
	a, err := r.Measure(context.Background(), func(fn func(SampleDoc) error) error {
		for _, d := range docs {
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Coders, []string{"ana", "bo"}) || a.Documents != 1 || len(a.Pairs) != 1 {
		t.Fatalf("coders %v, documents %d, pairs %d; want ana and bo, 1 (bo did not code d2), 1", a.Coders, a.Documents, len(a.Pairs))
	}
	p := a.Pairs[0]
	if p.Documents != 1 || p.Counts.Overall().F1Exact() != 1 || p.Counts["DENIAL"] != nil {
		t.Errorf("pair %+v: want 1 document, F1 1, no DENIAL", p)
	}
	if x := a.Alpha["ACTOR"]; x == nil || *x != 1 {
		t.Errorf("alpha ACTOR %v, want 1", x)
	}
	d := a.Furthest()
	if len(d) != 2 || d[0].F1 != 1 {
		t.Errorf("furthest %+v", d)
	}
}

func TestPackageSchema(t *testing.T) {
	sc := annotate.DefaultSchema()
	got, err := PackageSchema(sc, []string{"CLAIM", "ACTOR"})
	if err != nil {
		t.Fatal(err)
	}
	if names := LabelNames(got.Labels); !slices.Equal(names, []string{"CLAIM", "ACTOR"}) {
		t.Errorf("labels %v", names)
	}
	for _, rt := range got.Relations {
		if slices.Contains(rt.From, "DENIAL") {
			t.Errorf("link type %s still allows DENIAL", rt.Name)
		}
	}
	if len(got.Relations) != 2 {
		t.Errorf("%d link types, want SOURCE and TARGET", len(got.Relations))
	}
	onlyDenial, err := PackageSchema(sc, []string{"DENIAL"})
	if err != nil || len(onlyDenial.Relations) != 0 {
		t.Errorf("DENIAL alone: %d link types (%v), want none (no ACTOR to end at)", len(onlyDenial.Relations), err)
	}
	if _, err := PackageSchema(sc, []string{"WHO"}); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("unknown label: %v", err)
	}
}

// TestMeasureParallel: the pairs shared out among workers give the
// figures review.MeasureProject gives, in the same order.
func TestMeasureParallel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 6).Draw(t, "coders")
		text := "Tehran denied the report, said the minister on Monday."
		length := annotate.RuneCount(text)
		var docs []review.DocumentSets
		for d := range rapid.IntRange(1, 5).Draw(t, "documents") {
			sets := make([][]annotate.Span, n)
			for c := range sets {
				if rapid.IntRange(0, 4).Draw(t, "absent") == 0 {
					continue // nil: the coder did not code it
				}
				sets[c] = []annotate.Span{}
				for range rapid.IntRange(0, 4).Draw(t, "spans") {
					start := rapid.IntRange(0, length-1).Draw(t, "start")
					end := rapid.IntRange(start+1, length).Draw(t, "end")
					label := rapid.SampledFrom([]string{"ACTOR", "CLAIM"}).Draw(t, "label")
					sets[c] = append(sets[c], annotate.Span{Start: start, End: end, Label: label})
				}
			}
			docs = append(docs, review.DocumentSets{ID: fmt.Sprint(d), Text: text, Sets: sets})
		}
		each := func(fn func(review.DocumentSets) error) error {
			for _, d := range docs {
				if err := fn(d); err != nil {
					return err
				}
			}
			return nil
		}
		want, err := review.MeasureProject(context.Background(), n, review.AllPairs(n), false, each, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := measureParallel(context.Background(), n, each)
		if err != nil {
			t.Fatal(err)
		}
		if got.Compared != want.Compared || len(got.Pairs) != len(want.Pairs) {
			t.Fatalf("compared %d, %d pairs; want %d, %d", got.Compared, len(got.Pairs), want.Compared, len(want.Pairs))
		}
		for i := range want.Pairs {
			g, w := got.Pairs[i], want.Pairs[i]
			if g.A != w.A || g.B != w.B || g.Documents != w.Documents || !reflect.DeepEqual(g.Counts, w.Counts) {
				t.Fatalf("pair %d: %+v, want %+v", i, g, w)
			}
		}
		for _, l := range want.Alpha.Labels() {
			if g, w := got.Alpha.Alpha(l), want.Alpha.Alpha(l); g != w && !(math.IsNaN(g) && math.IsNaN(w)) {
				t.Fatalf("alpha %s %v, want %v", l, g, w)
			}
		}
	})
}
