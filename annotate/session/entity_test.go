package session_test

import (
	"slices"
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
	"claimdesk/store"
)

// wantEntity fails the test unless the stored span id of the document
// names the entity called name ("" none), and the session's span, when
// the document is open, does too.
func wantEntity(t *testing.T, s *session.Session, st *store.Store, docID, id, name string) {
	t.Helper()
	var sp annotate.Span
	for _, x := range storedSpans(t, st, docID) {
		if x.ID == id {
			sp = x
		}
	}
	got := ""
	if sp.Entity != "" {
		e, ok := s.Entity(sp.Entity)
		if !ok {
			t.Fatalf("span %s names actor %s, which the session does not have", id, sp.Entity)
		}
		got = e.Name
	}
	if got != name {
		t.Fatalf("span %s names actor %q, want %q", id, got, name)
	}
	wantSynced(t, s, st)
}

// TestSetEntity names an actor span's entity by name, creating the entity,
// then names another span with the same name in other letters, and undoes
// and redoes both.
func TestSetEntity(t *testing.T) {
	st := newStore(t)
	a, _, _, jafari, wang := linkDoc(t, st)
	s := newSession(t, st)
	open(t, s, a)

	eff := must(t)(s.SetEntity(wang.ID, "  Wang Yi "))
	if len(eff.Updated) != 1 || eff.Updated[0].ID != wang.ID || eff.Updated[0].Entity == "" || len(eff.Entities) != 1 {
		t.Fatalf("effect %+v", eff)
	}
	created := eff.Entities[0]
	if created.Name != "Wang Yi" || created.Kind != "" || created.ID != eff.Updated[0].Entity {
		t.Fatalf("created %+v", created)
	}
	wantEntity(t, s, st, a, wang.ID, "Wang Yi")

	// The same name in other letters is the same entity.
	eff = must(t)(s.SetEntity(jafari.ID, "wang  YI"))
	if len(eff.Entities) != 0 || len(eff.Updated) != 1 || eff.Updated[0].Entity != created.ID {
		t.Fatalf("effect %+v", eff)
	}
	wantEntity(t, s, st, a, jafari.ID, "Wang Yi")
	if n := len(s.Entities()); n != 1 {
		t.Fatalf("%d actors, want 1", n)
	}
	// Setting the entity the span has changes nothing.
	if eff := must(t)(s.SetEntity(jafari.ID, "Wang Yi")); !eff.Empty() {
		t.Fatalf("effect %+v", eff)
	}

	_, cmd := step(t)(s.Undo())
	if cmd.Name() != "set actor" {
		t.Fatalf("undid %q", cmd.Name())
	}
	wantEntity(t, s, st, a, jafari.ID, "")
	// Undoing the first removes the entity it created.
	_, cmd = step(t)(s.Undo())
	if cmd.Name() != "set actor Wang Yi" {
		t.Fatalf("undid %q", cmd.Name())
	}
	wantEntity(t, s, st, a, wang.ID, "")
	if n := len(s.Entities()); n != 0 {
		t.Fatalf("%d actors after undo, want 0", n)
	}
	step(t)(s.Redo())
	wantEntity(t, s, st, a, wang.ID, "Wang Yi")
	if got, _ := s.Entity(created.ID); !got.Equal(created) {
		t.Fatalf("redo made %+v, want %+v", got, created)
	}
	step(t)(s.Redo())
	wantEntity(t, s, st, a, jafari.ID, "Wang Yi")

	// Clearing.
	eff = must(t)(s.SetEntity(jafari.ID, ""))
	if len(eff.Updated) != 1 || eff.Updated[0].Entity != "" {
		t.Fatalf("effect %+v", eff)
	}
	wantEntity(t, s, st, a, jafari.ID, "")
	step(t)(s.Undo())
	wantEntity(t, s, st, a, jafari.ID, "Wang Yi")
}

// TestSetConcept gives two statements one concept, by name, and undoes.
func TestSetConcept(t *testing.T) {
	st := newStore(t)
	a, claim, denial, _, _ := linkDoc(t, st)
	s := newSession(t, st)
	open(t, s, a)
	eff := must(t)(s.SetConcept(claim.ID, "Chinese help for Iraq"))
	if len(eff.Concepts) != 1 || len(eff.Updated) != 1 || eff.Updated[0].Concept != eff.Concepts[0].ID {
		t.Fatalf("effect %+v", eff)
	}
	c := eff.Concepts[0]
	must(t)(s.SetConcept(denial.ID, "chinese help for iraq"))
	wantSynced(t, s, st)
	if sp, _ := s.Span(denial.ID); sp.Concept != c.ID {
		t.Fatalf("denial %+v, want concept %s", sp, c.ID)
	}
	must(t)(s.RenameConcept(c.ID, "China helps Iraq"))
	if got, _ := s.Concept(c.ID); got.Name != "China helps Iraq" {
		t.Fatalf("renamed %+v", got)
	}
	wantSynced(t, s, st)
	for range 3 {
		step(t)(s.Undo())
		wantSynced(t, s, st)
	}
	if len(s.Concepts()) != 0 {
		t.Fatalf("concepts after undoing all: %+v", s.Concepts())
	}
	for _, sp := range storedSpans(t, st, a) {
		if sp.Concept != "" {
			t.Fatalf("span %+v keeps a concept", sp)
		}
	}
}

// TestMergeEntities merges an entity named in two documents into another
// and undoes and redoes the merge: every span follows, the open
// document's in the session too.
func TestMergeEntities(t *testing.T) {
	st := newStore(t)
	a, _, _, jafari, wang := linkDoc(t, st)
	text := "Wang Yi met Ibrahim Jafari."
	w2 := span(t, text, "Wang Yi", 0, annotate.LabelActor, "bo")
	b := importDoc(t, st, "B", text, []annotate.Span{w2}, nil)
	s := newSession(t, st)
	open(t, s, b)
	must(t)(s.SetEntity(w2.ID, "Minister Wang"))
	open(t, s, a)
	must(t)(s.SetEntity(wang.ID, "minister wang"))
	must(t)(s.SetEntity(jafari.ID, "Wang Yi"))
	gone, _ := s.EntityByName("Minister Wang")
	gone.Aliases = []string{"Mr Wang"}
	must(t)(s.EditEntity(gone))
	keep, _ := s.EntityByName("Wang Yi")
	keep.Aliases = []string{"Yi"}
	must(t)(s.EditEntity(keep))

	eff := must(t)(s.MergeEntities(keep.ID, gone.ID))
	if len(eff.RemovedEntities) != 1 || len(eff.Repointed) != 2 || len(eff.Updated) != 1 || eff.Updated[0].ID != wang.ID {
		t.Fatalf("merge effect %+v", eff)
	}
	merged := keep
	merged.Aliases = []string{"Yi", "Minister Wang", "Mr Wang"}
	if len(eff.Entities) != 1 || !eff.Entities[0].Equal(merged) {
		t.Fatalf("merge effect's actors %+v, want %+v", eff.Entities, merged)
	}
	wantEntity(t, s, st, a, wang.ID, "Wang Yi")
	wantEntity(t, s, st, b, w2.ID, "Wang Yi")
	if _, ok := s.Entity(gone.ID); ok {
		t.Fatal("the merged actor is still listed")
	}
	// The gone actor's names find the kept one.
	for _, n := range []string{"Minister Wang", "mr wang"} {
		if e, ok := s.EntityByName(n); !ok || !e.Equal(merged) {
			t.Fatalf("EntityByName(%q) = %+v, %v; want %+v", n, e, ok, merged)
		}
	}
	wantSynced(t, s, st)
	wantActors := func(want ...annotate.Entity) {
		t.Helper()
		stored, err := st.Entities()
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			got, _ := s.Entity(w.ID)
			i := slices.IndexFunc(stored, func(e annotate.Entity) bool { return e.ID == w.ID })
			if !got.Equal(w) || i < 0 || !stored[i].Equal(w) {
				t.Fatalf("actor %s: session %+v, stored %+v; want %+v", w.ID, got, stored, w)
			}
		}
	}
	wantActors(merged)

	_, cmd := step(t)(s.Undo())
	if cmd.Name() != "merge actor Minister Wang into Wang Yi" {
		t.Fatalf("undid %q", cmd.Name())
	}
	wantEntity(t, s, st, a, wang.ID, "Minister Wang")
	wantEntity(t, s, st, b, w2.ID, "Minister Wang")
	wantEntity(t, s, st, a, jafari.ID, "Wang Yi")
	if got, _ := s.Entity(gone.ID); !got.Equal(gone) {
		t.Fatalf("restored %+v, want %+v", got, gone)
	}
	wantActors(keep, gone) // the kept actor without the gone one's names
	if e, _ := s.EntityByName("Mr Wang"); e.ID != gone.ID {
		t.Fatalf("after the undo, Mr Wang is %+v", e)
	}
	wantSynced(t, s, st)
	step(t)(s.Redo())
	wantEntity(t, s, st, a, wang.ID, "Wang Yi")
	wantEntity(t, s, st, b, w2.ID, "Wang Yi")
	wantActors(merged)
	if _, ok := s.Entity(gone.ID); ok {
		t.Fatal("the merged actor is listed after the redo")
	}
	wantSynced(t, s, st)
}

// TestEditEntity renames an entity and gives it a kind and an
// affiliation, undoing both.
func TestEditEntity(t *testing.T) {
	st := newStore(t)
	a, _, _, _, wang := linkDoc(t, st)
	s := newSession(t, st)
	open(t, s, a)
	must(t)(s.SetEntity(wang.ID, "Wang"))
	e, _ := s.EntityByName("Wang")
	eff := must(t)(s.RenameEntity(e.ID, "Wang Yi"))
	if len(eff.Entities) != 1 || eff.Entities[0].Name != "Wang Yi" {
		t.Fatalf("effect %+v", eff)
	}
	wantEntity(t, s, st, a, wang.ID, "Wang Yi")
	edited := annotate.Entity{ID: e.ID, Name: "Wang Yi", Kind: "person", Affiliation: " China — foreign minister "}
	must(t)(s.EditEntity(edited))
	if got, _ := s.Entity(e.ID); !got.Equal(edited.Clean()) {
		t.Fatalf("edited %+v", got)
	}
	wantSynced(t, s, st)
	_, cmd := step(t)(s.Undo())
	if cmd.Name() != "edit actor Wang Yi" {
		t.Fatalf("undid %q", cmd.Name())
	}
	_, cmd = step(t)(s.Undo())
	if cmd.Name() != "rename actor Wang → Wang Yi" {
		t.Fatalf("undid %q", cmd.Name())
	}
	wantEntity(t, s, st, a, wang.ID, "Wang")
	if got, _ := s.Entity(e.ID); !got.Equal(e) {
		t.Fatalf("after undo %+v, want %+v", got, e)
	}
}

// TestEntityRefusals: refused entity edits change nothing, in the session
// or the file.
func TestEntityRefusals(t *testing.T) {
	st := newStore(t)
	a, claim, _, jafari, wang := linkDoc(t, st)
	s := newSession(t, st)
	open(t, s, a)
	must(t)(s.SetEntity(wang.ID, "Wang Yi"))
	must(t)(s.SetEntity(jafari.ID, "Ibrahim Jafari"))
	wang1, _ := s.EntityByName("Wang Yi")
	jaf, _ := s.EntityByName("Ibrahim Jafari")
	before := snapshot(s)
	stored := storedSpans(t, st, a)
	for _, c := range []struct {
		name string
		err  error
		code string
	}{
		{"an actor on a claim", second(s.SetEntity(claim.ID, "Wang Yi")), annotate.EINVALID},
		{"a concept on an actor", second(s.SetConcept(wang.ID, "help")), annotate.EINVALID},
		{"an unknown span", second(s.SetEntity("nope", "Wang Yi")), annotate.ENOTFOUND},
		{"a rename to another's name", second(s.RenameEntity(jaf.ID, "WANG YI")), annotate.ECONFLICT},
		{"a blank name", second(s.RenameEntity(jaf.ID, "  ")), annotate.EINVALID},
		{"an unknown kind", second(s.EditEntity(annotate.Entity{ID: jaf.ID, Name: jaf.Name, Kind: "country"})), annotate.EINVALID},
		{"an unknown actor", second(s.RenameEntity("nope", "X")), annotate.ENOTFOUND},
		{"a merge into itself", second(s.MergeEntities(wang1.ID, wang1.ID)), annotate.EINVALID},
		{"a merge of an unknown actor", second(s.MergeEntities(wang1.ID, "nope")), annotate.ENOTFOUND},
		{"a relabel the actor does not allow", second(s.Relabel(wang.ID, annotate.LabelClaim)), annotate.EINVALID},
	} {
		if got := annotate.ErrorCode(c.err); got != c.code {
			t.Errorf("%s: error %v (%q), want %q", c.name, c.err, got, c.code)
		}
		wantState(t, s, before)
		if !equalSpans(storedSpans(t, st, a), stored) {
			t.Fatalf("%s changed the stored spans", c.name)
		}
	}
	wantSynced(t, s, st)
}

// second returns the error of a two-result call.
func second[T any](_ T, err error) error { return err }
