package review

import (
	"context"
	"errors"
	"math"
	"testing"

	"claimdesk/annotate"
)

// TestMeasureProject adds up pairwise counts over the documents each pair
// has, alpha over those every set has, and ranks the documents least
// agreement first.
func TestMeasureProject(t *testing.T) {
	x, y := sp("x", 0, 4, "A"), sp("y", 5, 9, "A")
	docs := []DocumentSets{
		{ID: "agree", Text: "abcd efgh", Sets: [][]annotate.Span{{x, y}, {x, y}, {x, y}}},
		{ID: "half", Text: "abcd efgh", Sets: [][]annotate.Span{{x, y}, {x}, nil}},
		{ID: "none", Text: "abcd efgh", Sets: [][]annotate.Span{{x}, {y}, {}}},
		{ID: "alone", Text: "abcd", Sets: [][]annotate.Span{{x}, nil, nil}},
	}
	forEach := func(fn func(DocumentSets) error) error {
		for _, d := range docs {
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	}
	var last int
	f, err := MeasureProject(context.Background(), 3, AllPairs(3), true, forEach, func(done int) { last = done })
	if err != nil {
		t.Fatal(err)
	}
	if last != 4 || f.Compared != 2 || f.Shared != 3 {
		t.Fatalf("progress %d, compared %d, shared %d; want 4, 2, 3", last, f.Compared, f.Shared)
	}
	want := PairCounts{}
	for _, d := range docs[:3] {
		want.Add(Pairwise(d.Text, d.Sets[0], d.Sets[1]))
	}
	if got := f.Pairs[0]; got.A != 0 || got.B != 1 || got.Documents != 3 || got.Counts.Overall() != want.Overall() {
		t.Errorf("pair 0–1: %+v, overall %+v; want 3 documents, %+v", got, got.Counts.Overall(), want.Overall())
	}
	if f.Pairs[1].Documents != 2 || f.Pairs[2].Documents != 2 {
		t.Errorf("pairs with set 2 have %d and %d documents, want 2 (it lacks one)", f.Pairs[1].Documents, f.Pairs[2].Documents)
	}
	u := NewUnitizing(3)
	u.AddDocument(9, docs[0].Sets)
	u.AddDocument(9, docs[2].Sets)
	if a, b := f.Alpha.Alpha("A"), u.Alpha("A"); a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
		t.Errorf("alpha %v, want %v over the two documents every set has", a, b)
	}
	var order []string
	for _, d := range f.Documents {
		order = append(order, d.ID)
	}
	if len(order) != 3 || order[0] != "none" || order[2] != "agree" {
		t.Errorf("documents ranked %v, want none, half, agree", order)
	}

	if f, err := MeasureProject(context.Background(), 3, AllPairs(3), false, forEach, nil); err != nil || len(f.Documents) != 0 || f.Shared != 3 {
		t.Errorf("without ranking: %d documents kept, %d shared, %v; want 0, 3", len(f.Documents), f.Shared, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := MeasureProject(ctx, 3, AllPairs(3), true, forEach, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("a canceled measure: %v", err)
	}
}
