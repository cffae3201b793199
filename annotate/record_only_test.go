package annotate

import (
	"testing"
	"time"
)

// TestRecordOnly keeps the spans asked for, the links between them, and
// the actors and concepts they name; nothing else.
func TestRecordOnly(t *testing.T) {
	now := time.Now()
	a := NewSpan("d", 0, 5, "ACTOR", "ana", now)
	a.Entity = "e1"
	c := NewSpan("d", 6, 10, "CLAIM", "ana", now)
	c.Concept = "c1"
	b := NewSpan("d", 0, 5, "ACTOR", "bo", now)
	b.Entity = "e2"
	rec := Record{Document: Document{ID: "d"}, Spans: []Span{a, c, b},
		Relations: []Relation{{ID: "r1", Type: RelationSource, From: c.ID, To: a.ID}, {ID: "r2", Type: RelationSource, From: c.ID, To: b.ID}},
		Entities:  map[string]Entity{"e1": {ID: "e1", Name: "China"}, "e2": {ID: "e2", Name: "Iraq"}},
		Concepts:  map[string]Concept{"c1": {ID: "c1", Name: "help"}}}
	got := rec.Only(func(sp Span) bool { return sp.Annotator == "ana" })
	if got.Document.ID != "d" || len(got.Spans) != 2 || got.Spans[0].ID != a.ID || got.Spans[1].ID != c.ID {
		t.Fatalf("spans %+v", got.Spans)
	}
	if len(got.Relations) != 1 || got.Relations[0].ID != "r1" {
		t.Errorf("relations %+v, want r1 only", got.Relations)
	}
	if len(got.Entities) != 1 || got.Entities["e1"].Name != "China" || len(got.Concepts) != 1 {
		t.Errorf("entities %+v concepts %+v", got.Entities, got.Concepts)
	}
	if none := rec.Only(func(Span) bool { return false }); len(none.Spans)+len(none.Relations)+len(none.Entities)+len(none.Concepts) != 0 {
		t.Errorf("nothing kept: %+v", none)
	}
}
