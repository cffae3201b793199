package review

import (
	"testing"

	"claimdesk/annotate"
)

// TestMergeRecord: links whose ends are kept and that enough sets have are
// kept with the gold ids of their ends; a set counts once; names are
// matched by NameKey and one entity stands for a name in the record;
// annotators are the spans' own.
func TestMergeRecord(t *testing.T) {
	doc := annotate.Document{ID: "d"}
	mk := func(id string, start, end int, label, who string) annotate.Span {
		s := sp(id, start, end, label)
		s.Annotator = who
		return s
	}
	ent := func(id, name string) map[string]annotate.Entity {
		return map[string]annotate.Entity{id: {ID: id, Name: name}}
	}
	// ana: actor (China), actor2 (China), claim → actor. A second copy of
	// the claim by ana's colleague in the same file counts once.
	anaActor, anaActor2, anaClaim := mk("x1", 0, 5, "ACTOR", "ana"), mk("x2", 10, 15, "ACTOR", "ana"), mk("x3", 20, 30, "CLAIM", "ana")
	anaActor.Entity, anaActor2.Entity = "e-ana", "e-ana"
	anaCopy := mk("x4", 20, 30, "CLAIM", "dee")
	bo1, bo2, boClaim := mk("y1", 0, 5, "ACTOR", "bo"), mk("y2", 10, 15, "ACTOR", "bo"), mk("y3", 20, 30, "CLAIM", "bo")
	bo1.Entity, bo2.Entity = "e-bo", "e-bo"
	cyClaim := mk("z3", 20, 30, "CLAIM", "cy")
	sets := []RecordSet{
		{Name: "a.claimdesk", Record: annotate.Record{Spans: []annotate.Span{anaActor, anaActor2, anaClaim, anaCopy},
			Relations: []annotate.Relation{{ID: "r1", Type: "SOURCE", From: "x3", To: "x1"}, {ID: "r9", Type: "SOURCE", From: "x4", To: "x1"}},
			Entities:  ent("e-ana", "China")}},
		{Name: "b.claimdesk", Record: annotate.Record{Spans: []annotate.Span{bo1, bo2, boClaim},
			Relations: []annotate.Relation{{ID: "r1", Type: "SOURCE", From: "y3", To: "y1"}, {ID: "r2", Type: "SOURCE", From: "y3", To: "y2"}},
			Entities:  ent("e-bo", " china ")}},
		{Name: "c.jsonl", Record: annotate.Record{Spans: []annotate.Span{cyClaim},
			Relations: []annotate.Relation{{ID: "r3", Type: "TARGET", From: "z3", To: "missing"}}}},
	}
	rec, counts := MergeRecord(doc, sets, Majority)
	if len(rec.Spans) != 3 {
		t.Fatalf("kept %d spans, want 3", len(rec.Spans))
	}
	for _, s := range rec.Spans {
		if s.Label == "CLAIM" && s.Annotator != "ana+dee+bo+cy" {
			t.Errorf("claim credited to %q, want ana+dee+bo+cy (the spans' annotators)", s.Annotator)
		}
		if s.Label == "ACTOR" && (s.Entity != "e-ana" || s.Annotator != "ana+bo") {
			t.Errorf("actor %d–%d: entity %q, annotator %q; want e-ana, ana+bo", s.Start, s.End, s.Entity, s.Annotator)
		}
	}
	if len(rec.Entities) != 1 || rec.Entities["e-ana"].Name != "China" {
		t.Errorf("entities %+v, want ana's China alone", rec.Entities)
	}
	// r1 is in two sets (ana's two copies of the claim count once); r2 in
	// bo's alone; r3's end is missing.
	if len(rec.Relations) != 1 || rec.Relations[0].From != "x3" || rec.Relations[0].To != "x1" {
		t.Fatalf("relations %+v, want r1 from x3 to x1", rec.Relations)
	}
	if counts.Relations != 1 || counts.RelationsLeft != 1 || counts.Names != 2 || counts.NamesLeft != 0 {
		t.Errorf("counts %+v", counts)
	}
	inter, c := MergeRecord(doc, sets, Intersection)
	if len(inter.Spans) != 1 || len(inter.Relations) != 0 || c.RelationsLeft != 2 {
		t.Errorf("intersection: %d spans, %d relations, counts %+v", len(inter.Spans), len(inter.Relations), c)
	}
}
