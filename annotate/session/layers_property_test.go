package session_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"pgregory.net/rapid"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/store"
)

// TestPropertyLayerDecisions adjudicates random layers of ana and bo in
// one project into rev's gold layer with random decisions. Whatever is
// decided, the coders' spans and links stay as they were, every span added
// is rev's, every link added joins two of rev's spans, the session shows
// what the file stores, and undoing every decision gives the project back
// as it was.
func TestPropertyLayerDecisions(t *testing.T) {
	text := article(t)
	phrases := []string{"China has offered to help Iraq", "China has offered to help Iraq defeat Sunni extremists",
		"Ibrahim Jafari", "Mr Jafari", "Wang Yi", "made the offer"}
	labels := []string{annotate.LabelActor, annotate.LabelClaim, annotate.LabelDenial}
	dir := t.TempDir()
	run := 0
	rapid.Check(t, func(rt *rapid.T) {
		run++
		var spans []annotate.Span
		var rels []annotate.Relation
		for _, who := range []string{"ana", "bo", "rev"} {
			seen := map[annotate.SpanKey]bool{}
			var mine []annotate.Span
			max := 5
			if who == "rev" {
				max = 2 // a gold layer begun already
			}
			for i := range rapid.IntRange(0, max).Draw(rt, who+" spans") {
				sp := span(rt, text, rapid.SampledFrom(phrases).Draw(rt, fmt.Sprintf("%s phrase %d", who, i)), 0,
					rapid.SampledFrom(labels).Draw(rt, fmt.Sprintf("%s label %d", who, i)), who)
				sp.ID = annotate.NewID()
				if seen[sp.Key()] {
					continue
				}
				seen[sp.Key()] = true
				mine = append(mine, sp)
			}
			for i := range rapid.IntRange(0, 3).Draw(rt, who+" links") {
				if len(mine) < 2 {
					break
				}
				from := mine[rapid.IntRange(0, len(mine)-1).Draw(rt, fmt.Sprintf("%s from %d", who, i))]
				to := mine[rapid.IntRange(0, len(mine)-1).Draw(rt, fmt.Sprintf("%s to %d", who, i))]
				r := annotate.Relation{ID: annotate.NewID(), Type: annotate.RelationSource, From: from.ID, To: to.ID}
				if annotate.DefaultRelationTypes().CheckRelation(r, from, to) != nil {
					continue
				}
				if _, dup := annotate.DuplicateRelation(rels, r); dup {
					continue
				}
				rels = append(rels, r)
			}
			spans = append(spans, mine...)
		}
		st, err := store.Open(filepath.Join(dir, fmt.Sprintf("run%d.claimdesk", run)), store.Options{})
		if err != nil {
			rt.Fatal(err)
		}
		defer st.Close()
		doc := annotate.NewDocument("A", "test", text, time.Now())
		if _, err := st.Import([]annotate.Record{{Document: doc, Spans: spans, Relations: rels}}, ""); err != nil {
			rt.Fatal(err)
		}
		// coders returns the stored spans and links not rev's.
		coders := func() ([]annotate.Span, []annotate.Relation) {
			var sp []annotate.Span
			ids := map[string]bool{}
			for _, s := range storedSpans(rt, st, doc.ID) {
				if s.Annotator != "rev" {
					sp = append(sp, s)
					ids[s.ID] = true
				}
			}
			var rs []annotate.Relation
			for _, r := range storedRelations(rt, st, doc.ID) {
				if ids[r.From] || ids[r.To] {
					rs = append(rs, r)
				}
			}
			return sp, rs
		}
		initSpans, initRels := storedSpans(rt, st, doc.ID), storedRelations(rt, st, doc.ID)
		codSpans, codRels := coders()

		s := newSession(rt, st)
		if err := s.SetAnnotator("rev"); err != nil {
			rt.Fatal(err)
		}
		open(rt, s, doc.ID)
		s.SetReviewLayer("rev")
		done := 0
		for i := range rapid.IntRange(1, 8).Draw(rt, "decisions") {
			who := rapid.SampledFrom([]string{"ana", "bo"}).Draw(rt, fmt.Sprintf("who %d", i))
			theirs, _ := s.Layer(who)
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
				continue
			}
			it := open[rapid.IntRange(0, len(open)-1).Draw(rt, fmt.Sprintf("item %d", i))]
			how := rapid.SampledFrom([]annotate.DecisionState{annotate.DecisionTaken, annotate.DecisionKept, annotate.DecisionDropped}).Draw(rt, fmt.Sprintf("how %d", i))
			if _, _, err := s.Decide(it, how, theirs); err != nil {
				switch annotate.ErrorCode(err) {
				case annotate.EINVALID, annotate.ECONFLICT, annotate.ENOTFOUND:
				default:
					rt.Fatalf("decide %v %s: %v", it.Diff.Kind, how, err)
				}
				continue
			}
			done++
			wantSynced(rt, s, st)
			if sp, rs := coders(); !equalSpans(sp, codSpans) || !equalRelations(rs, codRels) {
				rt.Fatalf("%s on %v with %s changed the coders' layers:\n%+v\n%+v", how, it.Diff.Kind, who, sp, rs)
			}
			gold := map[string]bool{}
			for _, sp := range storedSpans(rt, st, doc.ID) {
				if sp.Annotator == "rev" {
					gold[sp.ID] = true
				}
			}
			for _, r := range storedRelations(rt, st, doc.ID) {
				if gold[r.From] != gold[r.To] {
					rt.Fatalf("a link joins the gold layer to a coder's span: %+v", r)
				}
			}
			if err := st.Check(); err != nil {
				rt.Fatal(err)
			}
		}
		for range done {
			step(rt)(s.Undo())
		}
		wantSynced(rt, s, st)
		if sp, rs := storedSpans(rt, st, doc.ID), storedRelations(rt, st, doc.ID); !equalSpans(sp, initSpans) || !equalRelations(rs, initRels) {
			rt.Fatalf("after undoing every decision:\n%+v\n%+v\nwant\n%+v\n%+v", sp, rs, initSpans, initRels)
		}
		if decs, _ := st.Decisions(doc.ID); len(decs) != 0 {
			rt.Fatalf("after undoing every decision %d are stored", len(decs))
		}
	})
}
