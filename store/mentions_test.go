package store

import (
	"slices"
	"testing"

	"claimdesk/annotate"
)

// TestEntityMentions lists the texts of the spans that name each entity,
// each text once, and none for a span naming no entity.
func TestEntityMentions(t *testing.T) {
	l := newLinkable(t)
	text := article(t)
	jafari := annotate.Entity{ID: "e1", Name: "Ibrahim Jafari", Kind: "person"}
	must(t, l.s.PutEntity(jafari))
	must(t, l.s.SetSpanEntity(l.d.ID, l.actor.ID, jafari.ID))
	// a second mention with the same text, and one with another
	again := span(t, l.d.ID, text, "Mr Jafari", 1, annotate.LabelActor)
	again.Entity = jafari.ID
	full := span(t, l.d.ID, text, "Ibrahim Jafari", 0, annotate.LabelActor)
	full.Entity = jafari.ID
	must(t, l.s.AddSpans([]annotate.Span{again, full}))
	got, err := l.s.EntityMentions()
	if err != nil {
		t.Fatal(err)
	}
	texts := got[jafari.ID]
	slices.Sort(texts)
	if len(got) != 1 || !slices.Equal(texts, []string{"Ibrahim Jafari", "Mr Jafari"}) {
		t.Errorf("mentions %q", got)
	}
}
