package session_test

import (
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
)

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
