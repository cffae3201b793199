package session_test

import (
	"slices"
	"testing"

	"claimdesk/annotate"
)

// TestEntityAliases: EditEntity gives an actor aliases as one step (undo
// takes them away), refuses an alias another actor has (ECONFLICT,
// nothing stored), and E's answer by an alias names that actor rather
// than creating one.
func TestEntityAliases(t *testing.T) {
	st := newStore(t)
	a, _, _, jafari, wang := linkDoc(t, st)
	s := newSession(t, st)
	open(t, s, a)

	must(t)(s.NameEntity(wang.ID, annotate.Entity{Name: "Wang Yi"}))
	must(t)(s.NameEntity(jafari.ID, annotate.Entity{Name: "Ibrahim Jafari"}))
	e, _ := s.EntityByName("Wang Yi")
	edited := e
	edited.Aliases = []string{" Mr Wang ", "China’s foreign minister", "mr wang"}
	must(t)(s.EditEntity(edited))
	want := []string{"Mr Wang", "China’s foreign minister"}
	stored, _ := st.Entities()
	if got, _ := s.Entity(e.ID); !slices.Equal(got.Aliases, want) || !slices.ContainsFunc(stored, func(x annotate.Entity) bool { return x.ID == e.ID && slices.Equal(x.Aliases, want) }) {
		t.Fatalf("aliases %q in the session, stored %+v; want %q", got.Aliases, stored, want)
	}
	if by, ok := s.EntityByName("MR  WANG"); !ok || by.ID != e.ID {
		t.Fatalf("EntityByName by alias: %+v, %v", by, ok)
	}

	ibrahim, _ := s.EntityByName("Ibrahim Jafari")
	clash := ibrahim
	clash.Aliases = []string{"china’s foreign minister"}
	if _, err := s.EditEntity(clash); annotate.ErrorCode(err) != annotate.ECONFLICT {
		t.Fatalf("an alias Wang Yi has: %v, want ECONFLICT", err)
	}
	if got, _ := s.Entity(ibrahim.ID); got.Aliases != nil {
		t.Fatalf("a refused alias is in the session: %+v", got)
	}

	// E on Mr Jafari's span answered with an alias of Wang Yi: Wang Yi.
	must(t)(s.NameEntity(jafari.ID, annotate.Entity{Name: "mr wang"}))
	wantEntity(t, s, st, a, jafari.ID, "Wang Yi")
	if n := len(s.Entities()); n != 2 {
		t.Fatalf("%d actors, want 2: E by an alias created one", n)
	}
	step(t)(s.Undo())
	wantEntity(t, s, st, a, jafari.ID, "Ibrahim Jafari")
	_, cmd := step(t)(s.Undo())
	if got, _ := s.Entity(e.ID); got.Aliases != nil || cmd.Name() != "edit actor Wang Yi" {
		t.Fatalf("undoing %q left aliases %q", cmd.Name(), got.Aliases)
	}
}
