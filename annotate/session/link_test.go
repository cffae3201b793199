package session_test

import (
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
	"claimdesk/store"
)

// linkDoc imports the article with a claim, a denial and two actors by
// "bo", and no relations, and returns the document's id and the spans.
func linkDoc(t *testing.T, st *store.Store) (id string, claim, denial, jafari, wang annotate.Span) {
	t.Helper()
	text := article(t)
	claim = span(t, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim, "bo")
	denial = span(t, text, "made the offer", 0, annotate.LabelDenial, "bo")
	jafari = span(t, text, "Ibrahim Jafari", 0, annotate.LabelActor, "bo")
	wang = span(t, text, "Wang Yi", 0, annotate.LabelActor, "bo")
	id = importDoc(t, st, "A", text, []annotate.Span{claim, denial, jafari, wang}, nil)
	return id, claim, denial, jafari, wang
}

// TestLinkUndoRedo links a claim to its source, undoes and redoes it, and
// unlinks it, undoing that too: the session's relations follow the file's
// at every step, and a link comes back with its id.
func TestLinkUndoRedo(t *testing.T) {
	st := newStore(t)
	a, claim, _, jafari, _ := linkDoc(t, st)
	s := newSession(t, st)
	open(t, s, a)
	if got := s.RelationTypes(); !slices.EqualFunc(got, annotate.DefaultRelationTypes(), func(x, y annotate.RelationType) bool {
		return x.Name == y.Name && x.Display == y.Display && slices.Equal(x.From, y.From) && slices.Equal(x.To, y.To)
	}) {
		t.Fatalf("session relation types %+v", got)
	}

	eff := must(t)(s.Link(annotate.RelationSource, claim.ID, jafari.ID))
	if len(eff.AddedRelations) != 1 || len(eff.RemovedRelations) != 0 || eff.DocumentID != a {
		t.Fatalf("link effect %+v", eff)
	}
	link := eff.AddedRelations[0]
	if link.ID == "" || link.Type != annotate.RelationSource || link.From != claim.ID || link.To != jafari.ID {
		t.Fatalf("link %+v", link)
	}
	if got := storedRelations(t, st, a); len(got) != 1 || got[0] != link {
		t.Fatalf("stored relations %+v, want %+v", got, link)
	}
	if got := s.RelationsOf(jafari.ID); len(got) != 1 || got[0] != link {
		t.Fatalf("RelationsOf the actor: %+v", got)
	}
	wantSynced(t, s, st)

	eff, cmd := step(t)(s.Undo())
	if cmd.Name() != "add source link" || len(eff.RemovedRelations) != 1 || eff.RemovedRelations[0] != link {
		t.Fatalf("undo %q: effect %+v", cmd.Name(), eff)
	}
	if len(storedRelations(t, st, a)) != 0 || len(s.Relations()) != 0 {
		t.Fatalf("after undo: stored %+v, session %+v", storedRelations(t, st, a), s.Relations())
	}
	wantSynced(t, s, st)

	eff, _ = step(t)(s.Redo())
	if len(eff.AddedRelations) != 1 || eff.AddedRelations[0] != link {
		t.Fatalf("redo effect %+v", eff)
	}
	if got := storedRelations(t, st, a); len(got) != 1 || got[0] != link {
		t.Fatalf("after redo: stored %+v", got)
	}
	wantSynced(t, s, st)

	eff = must(t)(s.Unlink(link.ID))
	if len(eff.RemovedRelations) != 1 || eff.RemovedRelations[0] != link || len(s.Relations()) != 0 {
		t.Fatalf("unlink effect %+v, relations %+v", eff, s.Relations())
	}
	wantSynced(t, s, st)
	eff, cmd = step(t)(s.Undo())
	if cmd.Name() != "remove source link" || len(eff.AddedRelations) != 1 || eff.AddedRelations[0] != link {
		t.Fatalf("undo %q: effect %+v", cmd.Name(), eff)
	}
	if got := storedRelations(t, st, a); len(got) != 1 || got[0] != link {
		t.Fatalf("undoing the unlink stored %+v, want %+v", got, link)
	}
	wantSynced(t, s, st)
}

// TestLinkRefused: a link the rules refuse, a duplicate and an unknown
// span or link change nothing, in the session or in the file.
func TestLinkRefused(t *testing.T) {
	st := newStore(t)
	a, claim, denial, jafari, wang := linkDoc(t, st)
	s := newSession(t, st)
	open(t, s, a)
	must(t)(s.Link(annotate.RelationSource, claim.ID, jafari.ID))
	if err := s.SelectSpan(denial.ID); err != nil {
		t.Fatal(err)
	}
	before := snapshot(s)
	stored := storedRelations(t, st, a)
	for _, tt := range []struct {
		name string
		edit func() (session.Effect, error)
		code string
		msg  string
	}{
		{"duplicate", func() (session.Effect, error) { return s.Link(annotate.RelationSource, claim.ID, jafari.ID) },
			annotate.ECONFLICT, "That Claim is already linked to that Actor as its source"},
		{"from an actor", func() (session.Effect, error) { return s.Link(annotate.RelationSource, wang.ID, denial.ID) },
			annotate.EINVALID, "A source link goes from a Claim or Denial to an Actor, not from an Actor"},
		{"to a claim", func() (session.Effect, error) { return s.Link(annotate.RelationTarget, denial.ID, claim.ID) },
			annotate.EINVALID, "A target link goes from a Claim or Denial to an Actor, not to a Claim"},
		{"itself", func() (session.Effect, error) { return s.Link(annotate.RelationSource, claim.ID, claim.ID) },
			annotate.EINVALID, "A span cannot be linked to itself"},
		{"unknown type", func() (session.Effect, error) { return s.Link("QUOTES", claim.ID, wang.ID) },
			annotate.EINVALID, `unknown link type "QUOTES"`},
		{"unknown span", func() (session.Effect, error) { return s.Link(annotate.RelationSource, claim.ID, "ghost") },
			annotate.ENOTFOUND, "no span ghost"},
		{"unknown link", func() (session.Effect, error) { return s.Unlink("ghost") },
			annotate.ENOTFOUND, "no link ghost"},
		{"relabel against a link", func() (session.Effect, error) { return s.Relabel(claim.ID, annotate.LabelActor) },
			annotate.EINVALID, "not from an Actor: remove its source link first"},
	} {
		eff, err := tt.edit()
		wantCode(t, err, tt.code)
		if !strings.Contains(err.Error(), tt.msg) || !eff.Empty() {
			t.Errorf("%s: error %q (effect %+v), want one that says %q", tt.name, err, eff, tt.msg)
		}
		wantState(t, s, before)
		if got := storedRelations(t, st, a); !equalRelations(got, stored) {
			t.Errorf("%s: a refused edit changed the stored relations: %+v", tt.name, got)
		}
	}
	// The same spans may be linked with the other type.
	must(t)(s.Link(annotate.RelationTarget, claim.ID, jafari.ID))
	wantSynced(t, s, st)
}

// TestDeleteLinkedSpanUndo: deleting a span removes the links made to it
// with Link, and undo restores both.
func TestDeleteLinkedSpanUndo(t *testing.T) {
	st := newStore(t)
	a, claim, denial, jafari, wang := linkDoc(t, st)
	s := newSession(t, st)
	open(t, s, a)
	src := must(t)(s.Link(annotate.RelationSource, claim.ID, jafari.ID)).AddedRelations[0]
	tgt := must(t)(s.Link(annotate.RelationTarget, denial.ID, jafari.ID)).AddedRelations[0]
	other := must(t)(s.Link(annotate.RelationSource, denial.ID, wang.ID)).AddedRelations[0]
	spans := s.Spans()

	eff := must(t)(s.DeleteSpan(jafari.ID))
	if !equalRelations(eff.RemovedRelations, []annotate.Relation{src, tgt}) {
		t.Fatalf("delete removed relations %+v, want %+v", eff.RemovedRelations, []annotate.Relation{src, tgt})
	}
	if got := storedRelations(t, st, a); !equalRelations(got, []annotate.Relation{other}) {
		t.Fatalf("stored after delete: %+v", got)
	}
	wantSynced(t, s, st)

	eff, _ = step(t)(s.Undo())
	if !equalRelations(eff.AddedRelations, []annotate.Relation{src, tgt}) {
		t.Fatalf("undo restored relations %+v", eff.AddedRelations)
	}
	if got := storedRelations(t, st, a); !equalRelations(got, []annotate.Relation{src, tgt, other}) {
		t.Fatalf("stored after undo: %+v", got)
	}
	if !equalSpans(s.Spans(), spans) {
		t.Fatalf("spans after undo %+v, want %+v", s.Spans(), spans)
	}
	wantSynced(t, s, st)

	// Undoing everything unlinks all three, in turn.
	for s.CanUndo() {
		step(t)(s.Undo())
	}
	if len(storedRelations(t, st, a)) != 0 {
		t.Fatalf("stored after undoing everything: %+v", storedRelations(t, st, a))
	}
	wantSynced(t, s, st)
}

// TestFailingLink: when the project refuses a link or an unlink, nothing
// changes in the session and the history.
func TestFailingLink(t *testing.T) {
	st := newStore(t)
	a, claim, _, jafari, _ := linkDoc(t, st)
	p := &failing{Store: st}
	s := newSession(t, p)
	open(t, s, a)
	link := must(t)(s.Link(annotate.RelationSource, claim.ID, jafari.ID)).AddedRelations[0]
	p.fail = true
	before := snapshot(s)
	_, err := s.Link(annotate.RelationTarget, claim.ID, jafari.ID)
	wantFull(t, err, "add target link")
	wantState(t, s, before)
	_, err = s.Unlink(link.ID)
	wantFull(t, err, "remove source link")
	wantState(t, s, before)
	wantSynced(t, s, st)
}

// TestReloadRelationTypes: Reload reads the relation types again, so a
// type an import added can be used.
func TestReloadRelationTypes(t *testing.T) {
	st := newStore(t)
	a, _, _, jafari, wang := linkDoc(t, st)
	s := newSession(t, st)
	open(t, s, a)
	text := article(t)
	other := annotate.NewDocument("B", "test", "B. "+text, jafari.Created)
	x := span(t, other.Text, "Wang Yi", 0, annotate.LabelActor, "bo")
	y := span(t, other.Text, "Ibrahim Jafari", 0, annotate.LabelActor, "bo")
	if _, err := st.Import([]annotate.Record{{Document: other, Spans: []annotate.Span{x, y},
		Relations: []annotate.Relation{{ID: annotate.NewID(), Type: "QUOTES", From: x.ID, To: y.ID}}}}, "bo"); err != nil {
		t.Fatal(err)
	}
	_, err := s.Link("QUOTES", wang.ID, jafari.ID)
	wantCode(t, err, annotate.EINVALID)
	if err := s.Reload(); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.RelationTypes().Find("QUOTES"); !ok {
		t.Fatalf("relation types after Reload: %+v", s.RelationTypes())
	}
	must(t)(s.Link("QUOTES", wang.ID, jafari.ID))
	wantSynced(t, s, st)
}
