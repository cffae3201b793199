package store

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"pgregory.net/rapid"
)

// TestEntityRoundTripProperty: the spans' entities and concepts (their
// ids, names, kinds, affiliations and aliases) and the relations of a project
// survive a Claimdesk JSONL export and an import into a new project
// unchanged.
func TestEntityRoundTripProperty(t *testing.T) {
	text := article(t)
	names := rapid.StringMatching(`[\p{L}\p{N} ’“-]{0,12}\p{L}`)
	rapid.Check(t, func(rt *rapid.T) {
		src := newStore(t)
		d := annotate.NewDocument("China", "test", text, testTime)
		spans := []annotate.Span{
			span(t, d.ID, text, "Wang Yi", 0, annotate.LabelActor),
			span(t, d.ID, text, "Ibrahim Jafari", 0, annotate.LabelActor),
			span(t, d.ID, text, "China", 0, annotate.LabelActor),
			span(t, d.ID, text, "China has offered to help Iraq", 0, annotate.LabelClaim),
			span(t, d.ID, text, "made the offer", 0, annotate.LabelDenial),
		}
		var rels []annotate.Relation
		for _, st := range spans[3:] {
			for _, a := range spans[:3] {
				if rapid.Bool().Draw(rt, "linked") {
					typ := rapid.SampledFrom([]string{annotate.RelationSource, annotate.RelationTarget}).Draw(rt, "type")
					rels = append(rels, annotate.Relation{ID: annotate.NewID(), Type: typ, From: st.ID, To: a.ID})
				}
			}
		}
		if _, err := src.Import([]annotate.Record{{Document: d, Spans: spans, Relations: rels}}, "ana"); err != nil {
			rt.Fatal(err)
		}
		used := map[string]bool{}
		for i := range rapid.IntRange(0, 3).Draw(rt, "nentities") {
			e := annotate.Entity{ID: fmt.Sprintf("e%d", i), Name: names.Draw(rt, "name"),
				Kind:        rapid.SampledFrom(append([]string{""}, annotate.EntityKinds...)).Draw(rt, "kind"),
				Affiliation: rapid.StringMatching(`[\p{L} —]*`).Draw(rt, "affiliation"),
				Aliases:     rapid.SliceOfN(names, 0, 3).Draw(rt, "aliases")}.Clean()
			if used[annotate.NameKey(e.Name)] {
				continue
			}
			e.Aliases = slices.DeleteFunc(e.Aliases, func(a string) bool { return used[annotate.NameKey(a)] })
			if len(e.Aliases) == 0 {
				e.Aliases = nil
			}
			for _, n := range e.Names() {
				used[annotate.NameKey(n)] = true
			}
			if err := src.PutEntity(e); err != nil {
				rt.Fatal(err)
			}
			for _, a := range spans[:3] {
				if rapid.Bool().Draw(rt, "names") {
					if err := src.SetSpanEntity(d.ID, a.ID, e.ID); err != nil {
						rt.Fatal(err)
					}
				}
			}
		}
		clear(used)
		for i := range rapid.IntRange(0, 2).Draw(rt, "nconcepts") {
			c := annotate.Concept{ID: fmt.Sprintf("c%d", i), Name: names.Draw(rt, "concept")}.Clean()
			if used[annotate.NameKey(c.Name)] {
				continue
			}
			used[annotate.NameKey(c.Name)] = true
			if err := src.PutConcept(c); err != nil {
				rt.Fatal(err)
			}
			for _, st := range spans[3:] {
				if rapid.Bool().Draw(rt, "has") {
					if err := src.SetSpanConcept(d.ID, st.ID, c.ID); err != nil {
						rt.Fatal(err)
					}
				}
			}
		}
		var buf bytes.Buffer
		w := format.NewJSONLWriter(&buf)
		if err := src.ForEachRecord(w.Write); err != nil {
			rt.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			rt.Fatal(err)
		}
		recs, err := format.ReadJSONL(&buf, "export.jsonl")
		if err != nil {
			rt.Fatal(err)
		}
		dst := newStore(t)
		if _, err := dst.Import(recs, ""); err != nil {
			rt.Fatal(err)
		}
		want, got := dump(t, src), dump(t, dst)
		if !reflect.DeepEqual(got, want) {
			rt.Fatalf("after export and import\n got %+v\nwant %+v", got, want)
		}
	})
}
