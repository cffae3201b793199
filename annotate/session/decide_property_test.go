package session_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/annotate/session"
	"claimdesk/store"
)

// TestPropertyDecisions compares random spans and links of mine with a
// colleague's, on a real project file, and decides random differences
// with random keys. After each decision the session shows what the file
// stores and the file checks out; a refused decision changes nothing.
// Undoing every decision gives back the initial spans, relations, actors,
// concepts and no decisions; redoing them all gives back the final ones.
func TestPropertyDecisions(t *testing.T) {
	text := article(t)
	phrases := []string{"China has offered to help Iraq", "China has offered to help Iraq defeat Sunni extremists",
		"Ibrahim Jafari", "Mr Jafari", "Wang Yi", "made the offer", "Hong Lei", "China"}
	labels := []string{annotate.LabelActor, annotate.LabelClaim, annotate.LabelDenial}
	types := []string{annotate.RelationSource, annotate.RelationTarget}
	names := []string{"China", "Wang Yi", "help for Iraq"}
	dir := t.TempDir()
	run := 0
	rapid.Check(t, func(rt *rapid.T) {
		run++
		// spansOf draws a set of spans by who, with entity and concept
		// names (by "name:" key, as an export names them) and links
		// allowed by the default link types.
		draw := func(who string) ([]annotate.Span, []annotate.Relation, map[string]annotate.Entity, map[string]annotate.Concept) {
			var spans []annotate.Span
			ents, cons := map[string]annotate.Entity{}, map[string]annotate.Concept{}
			seen := map[annotate.SpanKey]bool{}
			n := rapid.IntRange(0, 6).Draw(rt, who+" spans")
			for i := range n {
				sp := span(rt, text, rapid.SampledFrom(phrases).Draw(rt, fmt.Sprintf("%s phrase %d", who, i)), 0,
					rapid.SampledFrom(labels).Draw(rt, fmt.Sprintf("%s label %d", who, i)), who)
				if seen[sp.Key()] {
					continue
				}
				seen[sp.Key()] = true
				if rapid.Bool().Draw(rt, fmt.Sprintf("%s named %d", who, i)) {
					name := rapid.SampledFrom(names).Draw(rt, fmt.Sprintf("%s name %d", who, i))
					key := "name:" + annotate.NameKey(name)
					if sp.Label == annotate.LabelActor {
						sp.Entity, ents[key] = key, annotate.Entity{Name: name}
					} else {
						sp.Concept, cons[key] = key, annotate.Concept{Name: name}
					}
				}
				spans = append(spans, sp)
			}
			var rels []annotate.Relation
			for i := range rapid.IntRange(0, 4).Draw(rt, who+" links") {
				if len(spans) < 2 {
					break
				}
				from := spans[rapid.IntRange(0, len(spans)-1).Draw(rt, fmt.Sprintf("%s from %d", who, i))]
				to := spans[rapid.IntRange(0, len(spans)-1).Draw(rt, fmt.Sprintf("%s to %d", who, i))]
				r := annotate.Relation{ID: annotate.NewID(), Type: rapid.SampledFrom(types).Draw(rt, fmt.Sprintf("%s type %d", who, i)), From: from.ID, To: to.ID}
				if annotate.DefaultRelationTypes().CheckRelation(r, from, to) != nil {
					continue
				}
				if _, dup := annotate.DuplicateRelation(rels, r); dup {
					continue
				}
				rels = append(rels, r)
			}
			return spans, rels, ents, cons
		}
		mine, myRels, myEnts, myCons := draw("ana")
		theirSpans, theirRels, theirEnts, theirCons := draw("bo")
		// bo agrees on some of ana's spans, and on some of the links
		// between them, so that links differ too.
		copied := map[string]string{}
		for i, sp := range mine {
			if !rapid.Bool().Draw(rt, fmt.Sprintf("bo agrees %d", i)) || slices.ContainsFunc(theirSpans, func(x annotate.Span) bool {
				return x.Start == sp.Start && x.End == sp.End && x.Label == sp.Label
			}) {
				continue
			}
			c := sp
			c.ID, c.Annotator, c.Entity, c.Concept = annotate.NewID(), "bo", "", ""
			copied[sp.ID] = c.ID
			theirSpans = append(theirSpans, c)
		}
		for i, r := range myRels {
			from, okF := copied[r.From]
			to, okT := copied[r.To]
			if okF && okT && rapid.Bool().Draw(rt, fmt.Sprintf("bo links %d", i)) {
				theirRels = append(theirRels, annotate.Relation{ID: annotate.NewID(), Type: r.Type, From: from, To: to})
			}
		}
		var ends []string
		for _, id := range copied {
			ends = append(ends, id)
		}
		slices.Sort(ends)
		for i := range rapid.IntRange(0, 3).Draw(rt, "bo's own links") {
			if len(ends) < 2 {
				break
			}
			byID := func(id string) annotate.Span {
				return theirSpans[slices.IndexFunc(theirSpans, func(x annotate.Span) bool { return x.ID == id })]
			}
			from, to := byID(rapid.SampledFrom(ends).Draw(rt, fmt.Sprintf("bo from %d", i))), byID(rapid.SampledFrom(ends).Draw(rt, fmt.Sprintf("bo to %d", i)))
			r := annotate.Relation{ID: annotate.NewID(), Type: rapid.SampledFrom(types).Draw(rt, fmt.Sprintf("bo type %d", i)), From: from.ID, To: to.ID}
			if _, dup := annotate.DuplicateRelation(theirRels, r); dup || annotate.DefaultRelationTypes().CheckRelation(r, from, to) != nil {
				continue
			}
			theirRels = append(theirRels, r)
		}

		path := filepath.Join(dir, fmt.Sprintf("run%d.claimdesk", run))
		st, err := store.Open(path, store.Options{})
		if err != nil {
			rt.Fatal(err)
		}
		defer st.Close()
		doc := annotate.NewDocument("A", "test", text, time.Now())
		doc.Status = annotate.StatusInProgress
		if _, err := st.Import([]annotate.Record{{Document: doc, Spans: mine, Relations: myRels, Entities: myEnts, Concepts: myCons}}, "ana"); err != nil {
			rt.Fatal(err)
		}
		type state struct {
			spans    []annotate.Span
			rels     []annotate.Relation
			entities []annotate.Entity
			concepts []annotate.Concept
			decs     []annotate.Decision
		}
		read := func() state {
			var x state
			x.spans, x.rels = storedSpans(rt, st, doc.ID), storedRelations(rt, st, doc.ID)
			var err error
			if x.entities, err = st.Entities(); err != nil {
				rt.Fatal(err)
			}
			if x.concepts, err = st.Concepts(); err != nil {
				rt.Fatal(err)
			}
			if x.decs, err = st.Decisions(doc.ID); err != nil {
				rt.Fatal(err)
			}
			return x
		}
		same := func(a, b state) bool {
			return equalSpans(a.spans, b.spans) && equalRelations(a.rels, b.rels) && slices.EqualFunc(a.entities, b.entities, annotate.Entity.Equal) &&
				slices.Equal(a.concepts, b.concepts) && len(a.decs) == len(b.decs)
		}
		initial := read()

		s := newSession(rt, st)
		open(rt, s, doc.ID)
		theirs := session.Theirs{Name: "bo", Record: annotate.Record{Spans: theirSpans, Relations: theirRels, Entities: theirEnts, Concepts: theirCons}}
		done := 0
		for i := range rapid.IntRange(1, 8).Draw(rt, "decisions") {
			items, err := s.Compare(theirs)
			if err != nil {
				rt.Fatal(err)
			}
			var open []review.Item
			for _, it := range items {
				if !it.Settled {
					open = append(open, it)
				}
			}
			if len(open) == 0 {
				break
			}
			it := open[rapid.IntRange(0, len(open)-1).Draw(rt, fmt.Sprintf("item %d", i))]
			how := rapid.SampledFrom([]annotate.DecisionState{annotate.DecisionTaken, annotate.DecisionKept, annotate.DecisionDropped}).Draw(rt, fmt.Sprintf("how %d", i))
			before := read()
			_, msg, err := s.Decide(it, how, theirs)
			if err != nil {
				if strings.Contains(err.Error(), "review decision") {
					rt.Fatalf("deciding %s on %+v: the decisions read do not match the stored ones: %v", how, it, err)
				}
				switch annotate.ErrorCode(err) {
				case annotate.EINVALID, annotate.ECONFLICT:
				default:
					rt.Fatalf("decide %v %s: %v", it.Diff.Kind, how, err)
				}
				if !same(before, read()) {
					rt.Fatalf("a refused decision (%v) changed the project", err)
				}
				wantSynced(rt, s, st)
				continue
			}
			done++
			if msg == "" {
				rt.Fatal("a decision without a message")
			}
			wantSynced(rt, s, st)
			if err := st.Check(); err != nil {
				rt.Fatalf("after %s on %v: %v", how, it.Diff.Kind, err)
			}
			if decs, _ := st.Decisions(doc.ID); !slices.ContainsFunc(decs, func(d annotate.Decision) bool { return d.Key() == it.Diff.Key() && d.State == how }) {
				rt.Fatalf("the decision %s on %s is not stored: %+v", how, it.Diff.Key(), decs)
			}
		}
		final := read()
		for range done {
			step(rt)(s.Undo())
		}
		wantSynced(rt, s, st)
		if got := read(); !same(got, initial) || len(got.decs) != 0 {
			rt.Fatalf("after undoing every decision:\n%+v\nwant\n%+v", got, initial)
		}
		for range done {
			step(rt)(s.Redo())
		}
		wantSynced(rt, s, st)
		if got := read(); !same(got, final) {
			rt.Fatalf("after redoing every decision:\n%+v\nwant\n%+v", got, final)
		}
		if err := st.Check(); err != nil {
			rt.Fatal(err)
		}
	})
}
