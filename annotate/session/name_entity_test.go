package session_test

import (
	"testing"

	"claimdesk/annotate"
)

// TestNameEntity: E's answer, a name with a kind and an affiliation, is
// one step of the history, for a new entity and for an existing one
// described anew; undo takes all of it back.
func TestNameEntity(t *testing.T) {
	st := newStore(t)
	a, _, _, jafari, wang := linkDoc(t, st)
	s := newSession(t, st)
	open(t, s, a)

	must(t)(s.NameEntity(wang.ID, annotate.Entity{Name: " Wang Yi ", Kind: "person", Affiliation: " China "}))
	e, ok := s.EntityByName("Wang Yi")
	if !ok || e.Kind != "person" || e.Affiliation != "China" {
		t.Fatalf("entity %+v (found %v), want Wang Yi, person, China", e, ok)
	}
	wantEntity(t, s, st, a, wang.ID, "Wang Yi")
	_, cmd := step(t)(s.Undo())
	if cmd.Name() != "set actor Wang Yi" {
		t.Fatalf("undid %q", cmd.Name())
	}
	wantEntity(t, s, st, a, wang.ID, "")
	if n := len(s.Entities()); n != 0 {
		t.Fatalf("one undo left %d actors, want none", n)
	}
	step(t)(s.Redo())
	wantEntity(t, s, st, a, wang.ID, "Wang Yi")

	// An existing entity, in other letters, described anew: one step.
	must(t)(s.NameEntity(jafari.ID, annotate.Entity{Name: "wang yi", Kind: "state", Affiliation: "China"}))
	wantEntity(t, s, st, a, jafari.ID, "Wang Yi")
	if got, _ := s.Entity(e.ID); got.Kind != "state" {
		t.Fatalf("kind %q, want state", got.Kind)
	}
	step(t)(s.Undo())
	wantEntity(t, s, st, a, jafari.ID, "")
	if got, _ := s.Entity(e.ID); !got.Equal(e) {
		t.Fatalf("one undo left %+v, want %+v", got, e)
	}
	// Nothing new: no step.
	if eff := must(t)(s.NameEntity(wang.ID, e)); !eff.Empty() {
		t.Fatalf("naming the entity the span has, as it is: effect %+v", eff)
	}
	// A bad kind changes nothing.
	if _, err := s.NameEntity(jafari.ID, annotate.Entity{Name: "Ibrahim Jafari", Kind: "king"}); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("a bad kind: %v", err)
	}
	wantEntity(t, s, st, a, jafari.ID, "")
	if n := len(s.Entities()); n != 1 {
		t.Fatalf("%d actors after a refused name, want 1", n)
	}
}
