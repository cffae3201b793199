package session_test

import (
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
)

// TestAddMentions tags the other mentions of an actor in two documents as
// one command: the new spans name the source span's entity; undo removes
// them from both documents and redo brings them back, each in one
// transaction; a place that cannot be tagged leaves nothing stored.
func TestAddMentions(t *testing.T) {
	st := newStore(t)
	text := article(t)
	a, _, _, _, _ := linkDoc(t, st)
	textB := "B. " + text // another document, each mention 3 code points later
	b := importDoc(t, st, "B", textB, nil, nil)
	s := newSession(t, st)
	open(t, s, a)
	start, end := find(t, text, "China", 0)
	china := must(t)(s.AddSpan(start, end, annotate.LabelActor)).Added[0]
	must(t)(s.SetEntity(china.ID, "China"))
	from, _ := s.Span(china.ID)
	if from.Entity == "" {
		t.Fatal("the source span names no entity")
	}
	var places []session.Place
	for _, m := range annotate.Mentions(text, "China") {
		if m.Start != china.Start {
			places = append(places, session.Place{DocumentID: a, Start: m.Start, End: m.End})
		}
		places = append(places, session.Place{DocumentID: b, Start: m.Start + 3, End: m.End + 3})
	}
	if len(places) < 2 {
		t.Fatalf("the article has %d other mentions of China", len(places))
	}
	beforeA, beforeB := storedSpans(t, st, a), storedSpans(t, st, b)

	// A place given twice: the second is refused, so none is stored.
	_, err := s.AddMentions("tag twice", from, from.Label, append(places, places[0]))
	wantCode(t, err, annotate.ECONFLICT)
	if !equalSpans(storedSpans(t, st, a), beforeA) || !equalSpans(storedSpans(t, st, b), beforeB) {
		t.Fatal("a refused batch stored some of its spans")
	}

	eff := must(t)(s.AddMentions("tag mentions", from, from.Label, places))
	inA := 0
	for _, p := range places {
		if p.DocumentID == a {
			inA++
		}
	}
	if len(eff.Added) != inA {
		t.Fatalf("effect adds %d spans to the open document, want %d", len(eff.Added), inA)
	}
	check := func(doc string, want int) {
		t.Helper()
		n := 0
		for _, sp := range storedSpans(t, st, doc) {
			if sp.Label == annotate.LabelActor && sp.Annotator == "ana" && sp.ID != china.ID {
				n++
				if sp.Entity != from.Entity {
					t.Errorf("new mention %d–%d of document %s names entity %q, want %q", sp.Start, sp.End, doc, sp.Entity, from.Entity)
				}
			}
		}
		if n != want {
			t.Errorf("document %s has %d new mentions, want %d", doc, n, want)
		}
	}
	check(a, inA)
	check(b, len(places)-inA)
	wantSynced(t, s, st)

	step(t)(s.Undo())
	if !equalSpans(storedSpans(t, st, a), beforeA) || !equalSpans(storedSpans(t, st, b), beforeB) {
		t.Fatal("undo left some of the new mentions")
	}
	wantSynced(t, s, st)
	if _, cmd := step(t)(s.Undo()); cmd == nil || cmd.Name() != "set actor China" {
		t.Fatalf("the second undo undid %v, want the entity (the batch is one step)", cmd)
	}
	step(t)(s.Redo())
	step(t)(s.Redo())
	check(a, inA)
	check(b, len(places)-inA)
	wantSynced(t, s, st)
}

// TestAddMentionsCopiesConcept: mentions of a claim's text tagged as
// claims have its concept; tagged with another label, neither concept nor
// entity comes along.
func TestAddMentionsCopiesConcept(t *testing.T) {
	st := newStore(t)
	text := article(t)
	a, claim, _, _, _ := linkDoc(t, st)
	b := importDoc(t, st, "B", "B. "+text, nil, nil)
	s := newSession(t, st)
	open(t, s, a)
	must(t)(s.SetConcept(claim.ID, "Chinese military help for Iraq"))
	from, _ := s.Span(claim.ID)
	at := session.Place{DocumentID: b, Start: claim.Start + 3, End: claim.End + 3}
	must(t)(s.AddMentions("tag", from, annotate.LabelClaim, []session.Place{at}))
	must(t)(s.AddMentions("tag", from, annotate.LabelDenial, []session.Place{at}))
	for _, sp := range storedSpans(t, st, b) {
		switch sp.Label {
		case annotate.LabelClaim:
			if sp.Concept != from.Concept || from.Concept == "" {
				t.Errorf("the new claim has concept %q, want %q", sp.Concept, from.Concept)
			}
		case annotate.LabelDenial:
			if sp.Concept != "" || sp.Entity != "" {
				t.Errorf("the new denial has concept %q, entity %q: want none", sp.Concept, sp.Entity)
			}
		}
	}
	wantSynced(t, s, st)
}
