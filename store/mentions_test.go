package store

import (
	"fmt"
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

// BenchmarkEntityMentions100kSpans lists the mentions of the actors of a
// project of 2,000 documents and 100,000 spans, every actor span naming
// one of ten actors: what the window reads when it shows suggestions.
func BenchmarkEntityMentions100kSpans(b *testing.B) {
	recs := benchRecords(b, 2000, 50, 1<<20)
	ents := map[string]annotate.Entity{}
	for k := range 10 {
		e := annotate.Entity{ID: fmt.Sprint("e", k), Name: fmt.Sprint("Actor ", k)}
		ents[e.ID] = e
	}
	for i := range recs {
		recs[i].Entities = ents
		for j := range recs[i].Spans {
			if sp := &recs[i].Spans[j]; sp.Label == annotate.LabelActor {
				sp.Entity = fmt.Sprint("e", (sp.Start+sp.End)%10)
			}
		}
	}
	s := mustOpen(b, tempPath(b), Options{})
	if _, err := s.Import(recs, "bench"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		got, err := s.EntityMentions()
		if err != nil {
			b.Fatal(err)
		}
		if len(got) == 0 {
			b.Fatal("no mentions")
		}
	}
}
