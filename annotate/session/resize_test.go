package session_test

import (
	"testing"

	"claimdesk/annotate"
)

func TestResizeKeepsLinksAndUndoes(t *testing.T) {
	st := newStore(t)
	text := article(t)
	jafari := span(t, text, "Ibrahim Jafari", 0, annotate.LabelActor, "bo")
	claim := span(t, text, "China has offered to help Iraq", 0, annotate.LabelClaim, "bo")
	longer := span(t, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim, "bo")
	rel := annotate.Relation{ID: annotate.NewID(), Type: annotate.RelationSource, From: claim.ID, To: jafari.ID}
	wang := span(t, text, "Wang Yi", 0, annotate.LabelClaim, "bo")
	a := importDoc(t, st, "A", text, []annotate.Span{jafari, claim, wang}, []annotate.Relation{rel})
	s := newSession(t, st)
	open(t, s, a)

	eff := must(t)(s.Resize(claim.ID, longer.Start, longer.End))
	if len(eff.Updated) != 1 || eff.Updated[0].ID != claim.ID || eff.Updated[0].Start != longer.Start || eff.Updated[0].End != longer.End {
		t.Fatalf("resize effect %+v", eff)
	}
	if len(eff.AddedRelations)+len(eff.RemovedRelations) != 0 {
		t.Fatalf("resize changed links: %+v", eff)
	}
	got, _ := s.Span(claim.ID)
	if got.Label != annotate.LabelClaim || got.Annotator != "bo" || got.Start != longer.Start || got.End != longer.End {
		t.Fatalf("resized span %+v", got)
	}
	if rels := storedRelations(t, st, a); !equalRelations(rels, []annotate.Relation{rel}) {
		t.Fatalf("stored relations after resize %+v", rels)
	}
	wantSynced(t, s, st)

	_, cmd := step(t)(s.Undo())
	if cmd.Name() != "resize Claim span" {
		t.Fatalf("undid %q", cmd.Name())
	}
	if got, _ := s.Span(claim.ID); got.Start != claim.Start || got.End != claim.End {
		t.Fatalf("undo left %d-%d, want %d-%d", got.Start, got.End, claim.Start, claim.End)
	}
	if rels := storedRelations(t, st, a); !equalRelations(rels, []annotate.Relation{rel}) {
		t.Fatalf("stored relations after undo %+v", rels)
	}
	wantSynced(t, s, st)
	step(t)(s.Redo())
	wantSynced(t, s, st)

	// the same range changes nothing; an empty or outside range and
	// another span's range and label are refused, nothing changed
	if eff := must(t)(s.Resize(claim.ID, longer.Start, longer.End)); !eff.Empty() {
		t.Fatalf("resizing to the same range: %+v", eff)
	}
	before := storedSpans(t, st, a)
	_, err := s.Resize(claim.ID, longer.Start, longer.Start)
	wantCode(t, err, annotate.EINVALID)
	_, err = s.Resize(claim.ID, longer.Start, len([]rune(text))+1)
	wantCode(t, err, annotate.EINVALID)
	_, err = s.Resize(claim.ID, wang.Start, wang.End)
	wantCode(t, err, annotate.ECONFLICT)
	if got := storedSpans(t, st, a); !equalSpans(got, before) {
		t.Fatalf("refused resizes changed the spans: %+v", got)
	}
	wantSynced(t, s, st)
}
