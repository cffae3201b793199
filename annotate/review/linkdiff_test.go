package review

import (
	"testing"

	"claimdesk/annotate"
)

func rel(id, typ, from, to string) annotate.Relation {
	return annotate.Relation{ID: id, Type: typ, From: from, To: to}
}

// TestCompareLinks: links between spans both sides agree on are compared
// by type and ends; the same start and type to another end pairs as
// LinkOtherEnd; a link whose end only one side has is no link difference.
func TestCompareLinks(t *testing.T) {
	mine := []annotate.Span{sp("c", 10, 20, "CLAIM"), sp("a", 0, 5, "ACTOR"), sp("b", 30, 35, "ACTOR"), sp("d", 40, 50, "DENIAL"), sp("x", 60, 65, "ACTOR")}
	theirs := Set{Name: "bo", Spans: []annotate.Span{sp("C", 10, 20, "CLAIM"), sp("A", 0, 5, "ACTOR"), sp("B", 30, 35, "ACTOR"), sp("D", 40, 50, "DENIAL"), sp("Y", 70, 75, "ACTOR")}}
	myLinks := []annotate.Relation{
		rel("r1", "SOURCE", "c", "a"), // same as theirs: no difference
		rel("r2", "SOURCE", "d", "a"), // theirs goes to B: other end
		rel("r3", "TARGET", "c", "b"), // only mine
		rel("r4", "TARGET", "d", "x"), // x is only mine: not a link difference
	}
	theirLinks := []annotate.Relation{
		rel("R1", "SOURCE", "C", "A"),
		rel("R2", "SOURCE", "D", "B"),
		rel("R3", "TARGET", "D", "A"), // only theirs
		rel("R4", "TARGET", "C", "Y"), // Y is only theirs
	}
	diffs := Compare(mine, myLinks, theirs, theirLinks)
	var kinds []string
	for _, d := range diffs {
		k := d.Kind.String()
		switch {
		case d.Kind == LinkOtherEnd:
			k += " " + d.MineLink.ID + "/" + d.TheirsLink.ID
		case d.Kind == LinkOnlyMine:
			k += " " + d.MineLink.ID
		case d.Kind == LinkOnlyTheirs:
			k += " " + d.TheirsLink.ID
		}
		kinds = append(kinds, k)
	}
	want := []string{"link only theirs R3", "link other end r2/R2", "link only mine r3", "only mine", "only theirs"}
	if len(kinds) != len(want) {
		t.Fatalf("differences %q, want %q", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("differences %q, want %q", kinds, want)
		}
	}
	for _, d := range diffs {
		if k, ok := ParseKind(d.Kind.String()); !ok || k != d.Kind {
			t.Errorf("ParseKind(%q) = %v, %v", d.Kind, k, ok)
		}
	}
}

// TestItems joins differences with decisions by content: a decision made
// against one pair of ids is found for a difference with other ids; a
// decision whose difference is gone is a settled item; one that covers a
// difference decides it; other colleagues' decisions are left out.
func TestItems(t *testing.T) {
	d1 := Diff{Kind: OtherBoundaries, Mine: sp("m1", 10, 20, "CLAIM"), Theirs: sp("t1", 8, 20, "CLAIM"), Source: "bo"}
	d2 := Diff{Kind: OnlyTheirs, Theirs: sp("t2", 30, 40, "ACTOR"), Source: "bo"}
	d3 := Diff{Kind: OnlyMine, Mine: sp("m3", 50, 55, "ACTOR"), Source: "bo"}
	gone := Diff{Kind: OtherLabel, Mine: sp("m4", 60, 70, "CLAIM"), Theirs: sp("t4", 60, 70, "DENIAL"), Source: "bo"}
	dec := func(d Diff, st annotate.DecisionState, covers ...string) annotate.Decision {
		return annotate.Decision{DocumentID: "doc", Disagreement: d.Disagreement(), State: st, By: "ana", Covers: covers}
	}
	again := d1
	again.Mine.ID, again.Theirs.ID = "other", "ids"
	dropped := Diff{Kind: OtherBoundaries, Mine: sp("m5", 28, 40, "ACTOR"), Theirs: d2.Theirs, Source: "bo"}
	decisions := []annotate.Decision{
		dec(again, annotate.DecisionKept),
		dec(gone, annotate.DecisionTaken),
		dec(dropped, annotate.DecisionDropped, d2.Key()),
		dec(Diff{Kind: OnlyMine, Mine: d3.Mine, Source: "cy"}, annotate.DecisionKept),
	}
	items := Items([]Diff{d1, d2, d3}, decisions, []string{"bo"})
	if len(items) != 4 {
		t.Fatalf("%d items: %+v", len(items), items)
	}
	want := []struct {
		kind    Kind
		state   annotate.DecisionState
		settled bool
	}{
		{OtherBoundaries, annotate.DecisionKept, false},
		{OnlyTheirs, annotate.DecisionDropped, false},
		{OnlyMine, annotate.DecisionOpen, false},
		{OtherLabel, annotate.DecisionTaken, true},
	}
	for i, w := range want {
		it := items[i]
		if it.Diff.Kind != w.kind || it.State() != w.state || it.Settled != w.settled {
			t.Errorf("item %d: %v %v settled %v, want %+v", i, it.Diff.Kind, it.State(), it.Settled, w)
		}
	}
	if items[3].Diff.Mine.Start != 60 || items[3].Diff.Theirs.Label != "DENIAL" || items[3].Diff.Start() != 60 {
		t.Errorf("settled item's difference: %+v", items[3].Diff)
	}
	if d1.Key() != again.Key() || d1.Key() == gone.Key() {
		t.Error("keys depend on ids, or differ not with content")
	}
}
