package session_test

import (
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
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

// TestBatchIsOneStep deletes two spans as one command: one undo brings
// both back; a batch whose second part fails changes nothing.
func TestBatchIsOneStep(t *testing.T) {
	text := article(t)
	st := newStore(t)
	a := span(t, text, "Wang Yi", 0, annotate.LabelActor, "ana")
	b := span(t, text, "Ibrahim Jafari", 0, annotate.LabelActor, "ana")
	doc := importDoc(t, st, "doc", text, []annotate.Span{a, b}, nil)
	s := newSession(t, st)
	open(t, s, doc)
	da, err := s.DeleteCommand(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	db, err := s.DeleteCommand(b.ID)
	if err != nil {
		t.Fatal(err)
	}
	eff := must(t)(s.Do(session.Batch("drop both", da, db)))
	if len(eff.Removed) != 2 || len(storedSpans(t, st, doc)) != 0 {
		t.Fatalf("batch effect %+v, stored %d", eff, len(storedSpans(t, st, doc)))
	}
	wantSynced(t, s, st)
	step(t)(s.Undo())
	if n := len(storedSpans(t, st, doc)); n != 2 {
		t.Fatalf("one undo restored %d spans, want 2", n)
	}
	wantSynced(t, s, st)

	// The second part fails (its span is gone): the first is undone.
	da, _ = s.DeleteCommand(a.ID)
	db, _ = s.DeleteCommand(b.ID)
	must(t)(s.DeleteSpan(b.ID))
	_, err = s.Do(session.Batch("drop both", da, db))
	wantCode(t, err, annotate.ENOTFOUND)
	if n := len(storedSpans(t, st, doc)); n != 1 {
		t.Fatalf("a failed batch left %d spans, want 1", n)
	}
}
