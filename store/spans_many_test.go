package store

import (
	"testing"

	"claimdesk/annotate"
)

// AddSpans stores spans of two documents in one transaction, all or none;
// DeleteSpans takes them away again with the links made to them.
func TestAddSpansDeleteSpans(t *testing.T) {
	s := newStore(t)
	text := article(t)
	a := annotate.NewDocument("A", "test", text, testTime)
	b := annotate.NewDocument("B", "test", "B. "+text, testTime)
	if _, err := s.Import([]annotate.Record{{Document: a}, {Document: b}}, "ana"); err != nil {
		t.Fatal(err)
	}
	x := span(t, a.ID, a.Text, "Mr Jafari", 0, annotate.LabelActor)
	y := span(t, a.ID, a.Text, "Mr Jafari", 1, annotate.LabelActor)
	z := span(t, b.ID, b.Text, "Mr Jafari", 0, annotate.LabelActor)
	claim := span(t, b.ID, b.Text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim)
	dup := z
	dup.ID = annotate.NewID()

	before := dump(t, s)
	err := s.AddSpans([]annotate.Span{x, y, z, dup})
	wantCode(t, err, annotate.ECONFLICT)
	if after := dump(t, s); len(after[0].Spans)+len(after[1].Spans) != 0 || after[1].Document.Status != before[1].Document.Status {
		t.Fatalf("a refused AddSpans stored %d and %d spans", len(after[0].Spans), len(after[1].Spans))
	}

	if err := s.AddSpans([]annotate.Span{x, y, z, claim}); err != nil {
		t.Fatal(err)
	}
	recs := dump(t, s)
	if len(recs[0].Spans) != 2 || len(recs[1].Spans) != 2 || recs[1].Document.Status != annotate.StatusInProgress {
		t.Fatalf("stored %d and %d spans, status %s", len(recs[0].Spans), len(recs[1].Spans), recs[1].Document.Status)
	}
	link := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: claim.ID, To: z.ID}
	if err := s.AddRelation(b.ID, link); err != nil {
		t.Fatal(err)
	}
	refs := []annotate.SpanRef{{DocumentID: a.ID, SpanID: x.ID}, {DocumentID: a.ID, SpanID: y.ID}, {DocumentID: b.ID, SpanID: z.ID}}
	// One unknown span: nothing is deleted.
	_, err = s.DeleteSpans(append(refs, annotate.SpanRef{DocumentID: b.ID, SpanID: "nope"}))
	wantCode(t, err, annotate.ENOTFOUND)
	if recs := dump(t, s); len(recs[0].Spans) != 2 || len(recs[1].Spans) != 2 || len(recs[1].Relations) != 1 {
		t.Fatal("a refused DeleteSpans deleted something")
	}
	gone, err := s.DeleteSpans(refs)
	if err != nil {
		t.Fatal(err)
	}
	if len(gone) != 1 || gone[0].ID != "r1" {
		t.Fatalf("DeleteSpans removed relations %+v, want r1", gone)
	}
	if recs := dump(t, s); len(recs[0].Spans) != 0 || len(recs[1].Spans) != 1 || len(recs[1].Relations) != 0 {
		t.Fatalf("after DeleteSpans: %d and %d spans, %d relations", len(recs[0].Spans), len(recs[1].Spans), len(recs[1].Relations))
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Spans != 1 || st.Unsourced != 1 {
		t.Fatalf("stats %d spans, %d unsourced; want 1 and 1", st.Spans, st.Unsourced)
	}
}
