package round

import (
	"fmt"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/review"

	"pgregory.net/rapid"
)

// TestCoverage is the rule of which documents a round's coders coded: the
// sample s1 and each coder's own document; ana collected, with s1 done
// and empty ("nothing here") and her own document coded; bo collected
// with nothing done or coded; cy not collected.
func TestCoverage(t *testing.T) {
	r := Round{ID: "r1", Sample: []string{"s1"}, Coders: []Coder{
		{Name: "ana", Documents: []string{"s1", "a1"}, Progress: Progress{Done: []string{"s1"}, Coded: []string{"s1", "a1"}},
			Returns: []Return{{At: time.Now()}}},
		{Name: "bo", Documents: []string{"s1", "b1"}, Returns: []Return{{At: time.Now()}}},
		{Name: "cy", Documents: []string{"s1", "c1"}},
	}}
	span := annotate.Record{Spans: []annotate.Span{{ID: "x", Start: 0, End: 1, Label: "ACTOR"}}}
	none := annotate.Record{}
	cov := NewCoverage(&r)
	tests := []struct {
		doc, who string
		layer    annotate.Record
		want     review.Coding
		assigned bool
	}{
		{"s1", "ana", none, review.HasCoded, true},     // done, no span: nothing here
		{"a1", "ana", span, review.HasCoded, true},     // coded
		{"b1", "ana", span, review.NotAssigned, false}, // a span where the round did not send her
		{"s1", "bo", none, review.NotCoded, true},      // not begun
		{"b1", "bo", span, review.NotCoded, true},      // his span, not in his package as last collected
		{"c1", "bo", none, review.NotAssigned, false},
		{"s1", "cy", none, review.NotCoded, true},   // package not collected
		{"c1", "cy", span, review.NotCoded, true},   // a span under cy's name, his package not collected
		{"s1", "lead", none, review.NotCoded, true}, // no coder: BySpans
		{"b1", "lead", span, review.HasCoded, true},
		{"new", "ana", span, review.NotAssigned, false}, // a document added after the round
	}
	for _, tc := range tests {
		if got := cov.Coding(tc.doc, tc.who, tc.layer); got != tc.want {
			t.Errorf("Coding(%s, %s, %d spans) = %v, want %v", tc.doc, tc.who, len(tc.layer.Spans), got, tc.want)
		}
		if got := cov.Assigned(tc.doc, tc.who); got != tc.assigned {
			t.Errorf("Assigned(%s, %s) = %v, want %v", tc.doc, tc.who, got, tc.assigned)
		}
	}
	if !cov.IsCoder("cy") || cov.IsCoder("lead") {
		t.Error("IsCoder")
	}
	// Two rounds: a coder of both was handed the documents of each.
	r2 := Round{ID: "r2", Coders: []Coder{{Name: "bo", Documents: []string{"c1"}, Progress: Progress{Coded: []string{"c1"}}}}}
	both := ProjectCoverage([]Round{r, r2})
	if both.Coding("c1", "bo", none) != review.HasCoded || both.Coding("b1", "bo", none) != review.NotCoded {
		t.Error("ProjectCoverage of two rounds")
	}
	if _, ok := ProjectCoverage(nil).(review.BySpans); !ok {
		t.Error("ProjectCoverage without rounds is not BySpans")
	}
}

// TestCoverageAsMeasure: the sample documents the coverage says a coder
// coded are those Measure compares them on.
func TestCoverageAsMeasure(t *testing.T) {
	at := time.Now()
	r := Round{ID: "r", Sample: []string{"s1", "s2"}, Coders: []Coder{
		{Name: "ana", Documents: []string{"s1", "s2"}, Progress: Progress{Coded: []string{"s1", "s2"}}, Returns: []Return{{At: at}}},
		{Name: "bo", Documents: []string{"s1", "s2"}, Progress: Progress{Done: []string{"s2"}, Coded: []string{"s2"}}, Returns: []Return{{At: at}}},
	}}
	docs := []SampleDoc{
		{ID: "s1", Text: "Wang Yi said.", Spans: []annotate.Span{{ID: "a", Start: 0, End: 7, Label: "ACTOR", Annotator: "ana"}}},
		{ID: "s2", Text: "Wang Yi said.", Spans: []annotate.Span{{ID: "b", Start: 0, End: 7, Label: "ACTOR", Annotator: "ana"}}},
	}
	a, err := r.Measure(t.Context(), func(fn func(SampleDoc) error) error {
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
	cov := NewCoverage(&r)
	both := 0
	for _, d := range docs {
		rec := annotate.Record{Document: annotate.Document{ID: d.ID}, Spans: d.Spans}
		if len(review.LayerSets(rec, []string{"ana", "bo"}, cov)) == 2 {
			both++
		}
	}
	// s2 only: bo marked it done with no span (nothing here); s1 he has
	// not begun.
	if a.Documents != 1 || both != 1 || a.Pairs[0].Counts.Overall().F1Exact() != 0 {
		t.Errorf("Measure compared %d documents (F1 %v), the coverage %d; want 1, F1 0", a.Documents, a.Pairs[0].Counts.Overall().F1Exact(), both)
	}
}

// TestCoverageIsMeasuresRule: for any round (coders collected or not,
// sample documents coded, done or not, spans or none), the sample
// documents a pair of collected coders is compared on by Measure, and
// those every collected coder is, are those the coverage says they coded.
func TestCoverageIsMeasuresRule(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		nDocs := rapid.IntRange(1, 6).Draw(t, "docs")
		nCoders := rapid.IntRange(2, 4).Draw(t, "coders")
		var sample []string
		for d := range nDocs {
			sample = append(sample, fmt.Sprintf("s%d", d))
		}
		r := Round{ID: "r", Sample: sample}
		var docs []SampleDoc
		for d := range nDocs {
			docs = append(docs, SampleDoc{ID: sample[d], Text: "Wang Yi said so."})
		}
		for k := range nCoders {
			c := Coder{Name: fmt.Sprintf("c%d", k), Documents: sample}
			if rapid.Bool().Draw(t, "collected") {
				c.Returns = []Return{{At: time.Now()}}
			}
			for d := range nDocs {
				if rapid.Bool().Draw(t, "coded") {
					c.Progress.Coded = append(c.Progress.Coded, sample[d])
				}
				if rapid.Bool().Draw(t, "span") {
					docs[d].Spans = append(docs[d].Spans, annotate.Span{ID: fmt.Sprintf("%d-%d", k, d), Start: 0, End: 7, Label: "ACTOR", Annotator: c.Name})
				}
			}
			r.Coders = append(r.Coders, c)
		}
		a, err := r.Measure(t.Context(), func(fn func(SampleDoc) error) error {
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
		if len(a.Coders) < 2 {
			return
		}
		cov := NewCoverage(&r)
		coded := func(name, doc string) bool {
			rec := annotate.Record{Document: annotate.Document{ID: doc}, Spans: docs[0].Spans[:0]}
			for _, d := range docs {
				if d.ID == doc {
					rec.Spans = d.Spans
				}
			}
			return cov.Coding(doc, name, review.Layer(rec, name)) == review.HasCoded
		}
		all := 0
		for _, d := range sample {
			n := 0
			for _, c := range a.Coders {
				if coded(c, d) {
					n++
				}
			}
			if n == len(a.Coders) {
				all++
			}
		}
		if a.Documents != all {
			t.Fatalf("Measure compared %d documents coded by all, the coverage says %d", a.Documents, all)
		}
		for _, p := range a.Pairs {
			both := 0
			for _, d := range sample {
				if coded(p.A, d) && coded(p.B, d) {
					both++
				}
			}
			if p.Documents != both {
				t.Fatalf("Measure compared %s and %s on %d documents, the coverage says %d", p.A, p.B, p.Documents, both)
			}
		}
	})
}
