package annotate

import (
	"slices"
	"strings"
	"testing"
)

// TestImportPlanResolveEntityByAlias: a record's actor named as a stored
// actor's alias is that actor; a new actor keeps its aliases except those
// that name another actor, which are left out, counted and noted.
func TestImportPlanResolveEntityByAlias(t *testing.T) {
	proj := newMemProject()
	proj.entities["e1"] = Entity{ID: "e1", Name: "Wang Yi", Aliases: []string{"Mr Wang"}}
	rec := &Record{Entities: map[string]Entity{
		"a": {Name: "mr wang"},
		"b": {ID: "e9", Name: "Wang Jun", Aliases: []string{"Mr Wang", "Wang Yi", " the general "}},
	}}
	p := newTestPlan()
	if id, err := p.ResolveEntity(rec, "a", proj); err != nil || id != "e1" {
		t.Fatalf("an actor named as an alias resolved to %q, %v; want e1", id, err)
	}
	id, err := p.ResolveEntity(rec, "b", proj)
	if err != nil || id != "e9" {
		t.Fatalf("a new actor: %q, %v", id, err)
	}
	if got := proj.entities["e9"].Aliases; !slices.Equal(got, []string{"the general"}) {
		t.Fatalf("the new actor's aliases are %q, want [the general]", got)
	}
	r := p.Result
	if r.Entities != 1 || r.AliasesLeftOut != 2 || len(r.Notices) != 2 || !strings.Contains(r.Notices[0], `"Mr Wang"`) {
		t.Fatalf("result %+v", r)
	}
	if s := r.String(); !strings.Contains(s, "left out 2 aliases that other actors have") {
		t.Fatalf("the result says %q", s)
	}
}
