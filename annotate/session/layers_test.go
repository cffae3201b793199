package session_test

import (
	"slices"
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/annotate/session"
)

// TestDecideBetweenLayers adjudicates two annotators of one project into
// the reviewer's gold layer: mine is the gold layer only, a span taken is
// a new span of it (the coder's stays as it was), a link taken joins gold
// spans, every decision is one stored step that undo takes back, and an
// annotator without a span in the document did not code it.
func TestDecideBetweenLayers(t *testing.T) {
	text := article(t)
	st := newStore(t)
	aClaim := span(t, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim, "ana")
	aJafari := span(t, text, "Mr Jafari", 0, annotate.LabelActor, "ana")
	bClaim := span(t, text, "China has offered to help Iraq", 0, annotate.LabelClaim, "bo")
	bJafari := span(t, text, "Mr Jafari", 0, annotate.LabelActor, "bo")
	bWang := span(t, text, "Wang Yi", 0, annotate.LabelActor, "bo")
	for _, sp := range []*annotate.Span{&aClaim, &aJafari, &bClaim, &bJafari, &bWang} {
		sp.ID = annotate.NewID()
	}
	rels := []annotate.Relation{
		{ID: "ra", Type: annotate.RelationSource, From: aClaim.ID, To: aJafari.ID},
		{ID: "rb", Type: annotate.RelationSource, From: bClaim.ID, To: bJafari.ID},
	}
	doc := importDoc(t, st, "doc", text, []annotate.Span{aClaim, aJafari, bClaim, bJafari, bWang}, rels)
	coders := storedSpans(t, st, doc)
	s, err := session.New(st, "rev", newClock().now)
	if err != nil {
		t.Fatal(err)
	}
	open(t, s, doc)
	s.SetReviewLayer("rev")

	if _, ok := s.Layer("cem"); ok {
		t.Error("cem has no span in the document, yet Layer says they coded it")
	}
	ana, ok := s.Layer("ana")
	if !ok || len(ana.Record.Spans) != 2 || len(ana.Record.Relations) != 1 {
		t.Fatalf("ana's layer: %+v (%v)", ana.Record, ok)
	}
	bo, _ := s.Layer("bo")
	items := func() []review.Item {
		t.Helper()
		a, _ := s.Layer("ana")
		b, _ := s.Layer("bo")
		its, err := s.Compare(a, b)
		if err != nil {
			t.Fatal(err)
		}
		return its
	}
	find := func(source string, kind review.Kind, theirs annotate.Span) review.Item {
		t.Helper()
		for _, it := range items() {
			d := it.Diff
			if d.Source == source && d.Kind == kind && !it.Settled && d.Theirs.Start == theirs.Start && d.Theirs.End == theirs.End && d.Theirs.Label == theirs.Label {
				return it
			}
		}
		t.Fatalf("no open %v difference with %s over %d–%d in %+v", kind, source, theirs.Start, theirs.End, items())
		return review.Item{}
	}
	// The gold layer is empty: every coder's span differs (a link differs
	// once its ends are in the gold layer).
	if n := len(items()); n != 5 {
		t.Fatalf("%d differences with an empty gold layer, want 5 (the spans): %+v", n, items())
	}

	decide := func(it review.Item, how annotate.DecisionState, theirs session.Theirs) string {
		t.Helper()
		_, msg, err := s.Decide(it, how, theirs)
		if err != nil {
			t.Fatalf("decide %v %s: %v", it.Diff.Kind, how, err)
		}
		wantSynced(t, s, st)
		return msg
	}
	gold := func() (spans []annotate.Span) {
		for _, sp := range storedSpans(t, st, doc) {
			if sp.Annotator == "rev" {
				spans = append(spans, sp)
			}
		}
		return spans
	}
	// T on ana's Mr Jafari, then on ana's claim: the claim's link comes
	// along to the gold Jafari, not to ana's.
	decide(find("ana", review.OnlyTheirs, aJafari), annotate.DecisionTaken, ana)
	msg := decide(find("ana", review.OnlyTheirs, aClaim), annotate.DecisionTaken, ana)
	wantContains(t, msg, "took ana’s claim", "their source link to")
	g := gold()
	if len(g) != 2 {
		t.Fatalf("gold layer: %+v", g)
	}
	var gClaim, gJafari annotate.Span
	for _, sp := range g {
		if sp.ID == aClaim.ID || sp.ID == aJafari.ID {
			t.Errorf("the gold span took the coder's id: %+v", sp)
		}
		if !slices.Equal(sp.Annotators, []string{"ana"}) {
			t.Errorf("gold span %+v does not say ana made it", sp)
		}
		switch sp.Label {
		case annotate.LabelClaim:
			gClaim = sp
		default:
			gJafari = sp
		}
	}
	var goldLinks []annotate.Relation
	for _, r := range storedRelations(t, st, doc) {
		if r.ID != "ra" && r.ID != "rb" {
			goldLinks = append(goldLinks, r)
		}
	}
	if len(goldLinks) != 1 || goldLinks[0].From != gClaim.ID || goldLinks[0].To != gJafari.ID {
		t.Fatalf("gold links %+v, want one from %s to %s", goldLinks, gClaim.ID, gJafari.ID)
	}
	// bo agrees on Jafari now; the claim's boundaries differ (K keeps the
	// gold one), and Wang Yi is bo's alone (X leaves it out).
	for _, it := range items() {
		if it.Diff.Source == "bo" && !it.Settled && it.Diff.Kind == review.OnlyTheirs && it.Diff.Theirs.Label == annotate.LabelActor && it.Diff.Theirs.Start == bJafari.Start {
			t.Errorf("bo's Jafari still differs from the gold one: %+v", it)
		}
	}
	decide(find("bo", review.OtherBoundaries, bClaim), annotate.DecisionKept, bo)
	decide(find("bo", review.OnlyTheirs, bWang), annotate.DecisionDropped, bo)
	for _, it := range items() {
		if it.State() == annotate.DecisionOpen && it.Diff.Kind != review.LinkOnlyTheirs && it.Diff.Kind != review.LinkOtherEnd {
			t.Errorf("open after adjudicating: %+v", it)
		}
	}
	if decs, err := st.Decisions(doc); err != nil || len(decs) != 4 {
		t.Fatalf("stored decisions: %d (%v), want 4", len(decs), err)
	}
	// The coders' spans are as they were.
	var now []annotate.Span
	for _, sp := range storedSpans(t, st, doc) {
		if sp.Annotator != "rev" {
			now = append(now, sp)
		}
	}
	if !equalSpans(now, coders) {
		t.Errorf("the coders' spans changed:\n%+v\nwant\n%+v", now, coders)
	}
	// One undo per decision.
	for range 4 {
		step(t)(s.Undo())
	}
	wantSynced(t, s, st)
	if g := gold(); len(g) != 0 {
		t.Errorf("four undos left the gold layer %+v", g)
	}
	if decs, _ := st.Decisions(doc); len(decs) != 0 {
		t.Errorf("four undos left %d decisions", len(decs))
	}
	if n := len(storedRelations(t, st, doc)); n != 2 {
		t.Errorf("four undos left %d links, want the coders' 2", n)
	}
}
