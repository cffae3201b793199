package session_test

import (
	"testing"

	"claimdesk/annotate"
)

// TestAdoptAndReplace takes a colleague's spans: adopted as they are
// (annotator, times), put in place of one's own in one command with the
// relations of the replaced span restored on undo.
func TestAdoptAndReplace(t *testing.T) {
	text := article(t)
	st := newStore(t)
	mine := span(t, text, "China has offered to help Iraq", 0, annotate.LabelClaim, "ana")
	actor := span(t, text, "Ibrahim Jafari", 0, annotate.LabelActor, "ana")
	rel := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: mine.ID, To: actor.ID}
	doc := importDoc(t, st, "doc", text, []annotate.Span{mine, actor}, []annotate.Relation{rel})
	s := newSession(t, st)
	open(t, s, doc)

	// Adopt: bob's span as it is.
	bob := span(t, text, "Wang Yi", 0, annotate.LabelActor, "bob")
	eff := must(t)(s.Adopt(bob))
	if len(eff.Added) != 1 || eff.Added[0].Annotator != "bob" || !eff.Added[0].Created.Equal(bob.Created) || eff.Added[0].DocumentID != doc {
		t.Fatalf("Adopt effect %+v", eff)
	}
	_, err := s.Adopt(bob)
	wantCode(t, err, annotate.ECONFLICT)
	wantSynced(t, s, st)

	// Replace: bob's longer claim in place of mine.
	theirs := span(t, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim, "bob")
	must(t)(s.Replace(mine.ID, theirs))
	if _, ok := s.Span(mine.ID); ok {
		t.Fatal("the replaced span is still there")
	}
	if got, ok := s.Span(theirs.ID); !ok || got.Annotator != "bob" {
		t.Fatalf("bob's span after Replace: %+v, %v", got, ok)
	}
	if rels := storedRelations(t, st, doc); len(rels) != 0 {
		t.Fatalf("relations after Replace: %+v", rels)
	}
	wantSynced(t, s, st)

	// One undo brings mine back with its relation; redo takes bob's again.
	step(t)(s.Undo())
	if _, ok := s.Span(mine.ID); !ok {
		t.Fatal("undo did not bring my span back")
	}
	if rels := storedRelations(t, st, doc); len(rels) != 1 || rels[0].ID != "r1" {
		t.Fatalf("relations after undo: %+v", rels)
	}
	wantSynced(t, s, st)
	step(t)(s.Redo())
	if _, ok := s.Span(theirs.ID); !ok {
		t.Fatal("redo did not take bob's span again")
	}
	wantSynced(t, s, st)
}
