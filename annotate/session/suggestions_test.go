package session_test

import (
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/suggest"
)

// TestAcceptSuggestions accepts the suggestions of the test article as
// one command: every suggestion's actor, statement and SOURCE link are
// stored by the coder, an actor named twice is one span; undo removes all
// of it in one step and redo brings it back; accepting again adds nothing.
func TestAcceptSuggestions(t *testing.T) {
	st := newStore(t)
	text := article(t)
	id := importDoc(t, st, "A", text, nil, nil)
	s := newSession(t, st)
	open(t, s, id)
	sugs := suggest.New(suggest.DefaultRules(), nil).Suggest(text)
	if len(sugs) < 2 {
		t.Fatalf("the test article has %d suggestions", len(sugs))
	}
	labels := suggest.LabelsOf(s.RelationTypes())
	before := storedSpans(t, st, id)

	eff := must(t)(s.AcceptSuggestions("accept all", sugs, labels))
	spans, rels := storedSpans(t, st, id), storedRelations(t, st, id)
	if len(eff.Added) != len(spans) || len(rels) != len(sugs) || len(eff.AddedRelations) != len(sugs) {
		t.Fatalf("stored %d spans (effect %d), %d links (effect %d) for %d suggestions", len(spans), len(eff.Added), len(rels), len(eff.AddedRelations), len(sugs))
	}
	byID := map[string]annotate.Span{}
	for _, sp := range spans {
		byID[sp.ID] = sp
		if sp.Annotator != s.Annotator() {
			t.Errorf("span %v by %q, not the coder", sp, sp.Annotator)
		}
	}
	for _, sg := range sugs {
		found := false
		for _, r := range rels {
			from, to := byID[r.From], byID[r.To]
			if r.Type == labels.Source && from.Start == sg.Statement.Start && from.End == sg.Statement.End &&
				to.Start == sg.Actor.Start && to.End == sg.Actor.End && to.Label == labels.Actor {
				found = true
			}
		}
		if !found {
			t.Errorf("suggestion %+v has no link stored", sg)
		}
	}
	wantSynced(t, s, st)

	_, err := s.AcceptSuggestions("again", sugs, labels)
	wantCode(t, err, annotate.EINVALID)

	_, cmd := step(t)(s.Undo())
	if cmd.Name() != "accept all" || !equalSpans(storedSpans(t, st, id), before) || len(storedRelations(t, st, id)) != 0 {
		t.Fatalf("undo %q left %d spans, %d links", cmd.Name(), len(storedSpans(t, st, id)), len(storedRelations(t, st, id)))
	}
	step(t)(s.Redo())
	if len(storedSpans(t, st, id)) != len(spans) || len(storedRelations(t, st, id)) != len(rels) {
		t.Fatal("redo did not bring the suggestions back")
	}
	wantSynced(t, s, st)
}

// TestAcceptSuggestionUsesOwnSpan links to the actor span the coder
// already has rather than making a second one.
func TestAcceptSuggestionUsesOwnSpan(t *testing.T) {
	st := newStore(t)
	text := article(t)
	id := importDoc(t, st, "A", text, nil, nil)
	s := newSession(t, st)
	open(t, s, id)
	sg := suggest.New(suggest.DefaultRules(), nil).Suggest(text)[0]
	labels := suggest.LabelsOf(s.RelationTypes())
	actor := must(t)(s.AddSpan(sg.Actor.Start, sg.Actor.End, labels.Actor)).Added[0]
	eff := must(t)(s.AcceptSuggestions("accept one", []suggest.Suggestion{sg}, labels))
	if len(eff.Added) != 1 || len(eff.AddedRelations) != 1 || eff.AddedRelations[0].To != actor.ID {
		t.Fatalf("effect %+v", eff)
	}
}

// TestRejectSuggestions rejects a suggestion as one command: the project
// remembers it under the coder's name; undo forgets it in one step (a
// suggestion rejected before stays rejected), redo rejects it again;
// rejecting a rejected one is refused.
func TestRejectSuggestions(t *testing.T) {
	st := newStore(t)
	text := article(t)
	id := importDoc(t, st, "A", text, nil, nil)
	s := newSession(t, st)
	open(t, s, id)
	sugs := suggest.New(suggest.DefaultRules(), nil).Suggest(text)
	if len(sugs) < 2 {
		t.Fatalf("the test article has %d suggestions", len(sugs))
	}
	if err := st.RejectSuggestions(id, []string{sugs[0].Key()}, "earlier"); err != nil {
		t.Fatal(err)
	}
	rejected := func() map[string]bool {
		t.Helper()
		got, err := st.RejectedSuggestions(id)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	eff := must(t)(s.RejectSuggestions("reject a suggestion", sugs[:2]))
	if !eff.Rejected || eff.DocumentID != id || eff.Empty() {
		t.Errorf("effect %+v", eff)
	}
	if got := rejected(); len(got) != 2 || !got[sugs[0].Key()] || !got[sugs[1].Key()] {
		t.Fatalf("rejected %v", got)
	}
	_, err := s.RejectSuggestions("again", sugs[1:2])
	wantCode(t, err, annotate.EINVALID)

	_, cmd := step(t)(s.Undo())
	if got := rejected(); cmd.Name() != "reject a suggestion" || len(got) != 1 || !got[sugs[0].Key()] {
		t.Fatalf("undo %q left rejected %v", cmd.Name(), got)
	}
	step(t)(s.Redo())
	if got := rejected(); len(got) != 2 {
		t.Fatalf("redo left rejected %v", got)
	}
	if len(storedSpans(t, st, id)) != 0 {
		t.Error("rejecting stored spans")
	}
}
