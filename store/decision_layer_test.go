package store

import (
	"reflect"
	"slices"
	"testing"

	"claimdesk/annotate"
)

// TestApplyEditIntoGoldLayer stores what a decision between annotators of
// one project stores: a copy of ana's claim under the reviewer's name,
// crediting ana, with a link to the gold actor, and the decision, in one
// edit; ana's spans stay, the counts by annotator follow, the decision is
// found again after the project is closed and opened, and the inverse
// leaves the project as it was.
func TestApplyEditIntoGoldLayer(t *testing.T) {
	l := newLinkable(t) // the claim and actors are ana's
	path := l.s.Path()
	goldActor := l.actor
	goldActor.ID, goldActor.Annotator, goldActor.Annotators = annotate.NewID(), "rev", []string{"ana"}
	if err := l.s.AddSpan(goldActor); err != nil {
		t.Fatal(err)
	}
	before := dump(t, l.s)
	gold := l.claim
	gold.ID, gold.Annotator, gold.Annotators = annotate.NewID(), "rev", []string{"ana"}
	link := annotate.Relation{ID: annotate.NewID(), Type: annotate.RelationSource, From: gold.ID, To: goldActor.ID}
	dis := annotate.Disagreement{Colleague: "ana", Kind: "only theirs", Theirs: &annotate.Extent{Start: gold.Start, End: gold.End, Label: gold.Label}}
	dec := annotate.Decision{DocumentID: l.d.ID, Disagreement: dis, State: annotate.DecisionTaken, By: "rev", At: testTime, Summary: "took ana's claim"}
	edit := annotate.Edit{DocumentID: l.d.ID, Spans: []annotate.SpanChange{{After: gold}}, AddRelations: []annotate.Relation{link},
		Decisions: []annotate.DecisionChange{{Key: dis.Key(), After: dec}}}
	if err := l.s.ApplyEdit(edit); err != nil {
		t.Fatal(err)
	}
	if err := l.s.Close(); err != nil {
		t.Fatal(err)
	}
	l.s = mustOpen(t, path, Options{})
	spans, err := l.s.Spans(l.d.ID)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(spans, func(sp annotate.Span) bool { return sp.ID == gold.ID })
	if i < 0 || spans[i].Annotator != "rev" || !slices.Equal(spans[i].Annotators, []string{"ana"}) {
		t.Fatalf("the gold claim as stored: %+v", spans)
	}
	if !slices.ContainsFunc(spans, func(sp annotate.Span) bool { return sp.ID == l.claim.ID && sp.Annotator == "ana" }) {
		t.Fatal("ana's claim is gone")
	}
	st, err := l.s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.ByAnnotator["rev"] != 2 || st.ByAnnotator["ana"] != 4 {
		t.Errorf("spans by annotator: %v, want rev 2 and ana 4", st.ByAnnotator)
	}
	decs, err := l.s.Decisions(l.d.ID)
	if err != nil || len(decs) != 1 || decs[0].Key() != dis.Key() || decs[0].By != "rev" {
		t.Fatalf("decisions after reopening: %+v (%v)", decs, err)
	}
	if err := l.s.Check(); err != nil {
		t.Fatal(err)
	}
	if err := l.s.ApplyEdit(edit.Inverse()); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, l.s); !reflect.DeepEqual(after, before) {
		t.Errorf("the inverse left\n%+v\nwant\n%+v", after, before)
	}
	if decs, _ := l.s.Decisions(l.d.ID); len(decs) != 0 {
		t.Errorf("the inverse left the decision %+v", decs)
	}
}
