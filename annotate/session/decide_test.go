package session_test

import (
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/annotate/session"
	"claimdesk/store"
)

// graph is a project holding one document of the article with my spans
// and links, and a colleague's version of it.
type graph struct {
	st     *store.Store
	s      *session.Session
	doc    string
	text   string
	theirs session.Theirs
}

// newGraph imports my spans and relations by ana, and names my spans'
// entities and concepts (span id → name), then opens the document.
func newGraph(t *testing.T, path string, mine []annotate.Span, rels []annotate.Relation, entities, concepts map[string]string) *graph {
	t.Helper()
	text := article(t)
	g := &graph{st: openStore(t, path, store.Options{}), text: text}
	g.doc = importDoc(t, g.st, "doc", text, mine, rels)
	for spanID, name := range entities {
		e := annotate.Entity{ID: annotate.NewID(), Name: name}
		if err := g.st.PutEntity(e); err != nil {
			t.Fatal(err)
		}
		if err := g.st.SetSpanEntity(g.doc, spanID, e.ID); err != nil {
			t.Fatal(err)
		}
	}
	for spanID, name := range concepts {
		c := annotate.Concept{ID: annotate.NewID(), Name: name}
		if err := g.st.PutConcept(c); err != nil {
			t.Fatal(err)
		}
		if err := g.st.SetSpanConcept(g.doc, spanID, c.ID); err != nil {
			t.Fatal(err)
		}
	}
	g.s = newSession(t, g.st)
	open(t, g.s, g.doc)
	return g
}

// items compares the open document with the colleague's version.
func (g *graph) items(t *testing.T) []review.Item {
	t.Helper()
	items, err := g.s.Compare(g.theirs)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// only returns the one item of the kind, failing unless there is exactly one.
func (g *graph) only(t *testing.T, kind review.Kind) review.Item {
	t.Helper()
	var found []review.Item
	for _, it := range g.items(t) {
		if it.Diff.Kind == kind {
			found = append(found, it)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d differences of kind %v, want 1: %+v", len(found), kind, g.items(t))
	}
	return found[0]
}

// decide settles the item and returns the message.
func (g *graph) decide(t *testing.T, it review.Item, how annotate.DecisionState) string {
	t.Helper()
	_, msg, err := g.s.Decide(it, how, g.theirs)
	if err != nil {
		t.Fatalf("decide %v %s: %v", it.Diff.Kind, how, err)
	}
	wantSynced(t, g.s, g.st)
	return msg
}

// stored returns the stored span id.
func (g *graph) stored(t *testing.T, id string) (annotate.Span, bool) {
	t.Helper()
	for _, sp := range storedSpans(t, g.st, g.doc) {
		if sp.ID == id {
			return sp, true
		}
	}
	return annotate.Span{}, false
}

func wantContains(t *testing.T, msg string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("message %q does not say %q", msg, p)
		}
	}
}

// TestDecideTakeBoundariesKeepsGraph: taking bo's longer claim keeps my
// claim's id, its source link and its concept; undo and redo.
func TestDecideTakeBoundariesKeepsGraph(t *testing.T) {
	text := article(t)
	claim := span(t, text, "China has offered to help Iraq", 0, annotate.LabelClaim, "ana")
	claim.Note = "check the date"
	actor := span(t, text, "Mr Jafari", 0, annotate.LabelActor, "ana")
	src := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: claim.ID, To: actor.ID}
	g := newGraph(t, filepath.Join(t.TempDir(), "p.claimdesk"), []annotate.Span{claim, actor}, []annotate.Relation{src},
		map[string]string{actor.ID: "Mr Jafari"}, map[string]string{claim.ID: "Chinese military help for Iraq"})
	bClaim := span(t, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim, "bo")
	bClaim.Concept = "c9"
	bActor := span(t, text, "Mr Jafari", 0, annotate.LabelActor, "bo")
	g.theirs = session.Theirs{Name: "bo", Record: annotate.Record{Spans: []annotate.Span{bClaim, bActor},
		Relations: []annotate.Relation{{ID: "R1", Type: annotate.RelationSource, From: bClaim.ID, To: bActor.ID}},
		Concepts:  map[string]annotate.Concept{"c9": {ID: "c9", Name: "Iraq asks for help"}}}}

	it := g.only(t, review.OtherBoundaries)
	before, _ := g.stored(t, claim.ID)
	msg := g.decide(t, it, annotate.DecisionTaken)
	wantContains(t, msg, "took bo’s claim; kept your source link to Mr Jafari, the concept and your note", "left out their concept “Iraq asks for help” (yours stays)")
	got, ok := g.stored(t, claim.ID)
	if !ok || got.Start != bClaim.Start || got.End != bClaim.End || got.Concept == "" || got.Concept != before.Concept || got.Note != claim.Note || got.Annotator != "ana" {
		t.Fatalf("my claim after taking theirs: %+v (ok %v)", got, ok)
	}
	if rels := storedRelations(t, g.st, g.doc); len(rels) != 1 || rels[0].ID != "r1" {
		t.Fatalf("relations after taking theirs: %+v", rels)
	}
	// The difference is settled, and the list shows it so.
	items := g.items(t)
	if len(items) != 1 || !items[0].Settled || items[0].State() != annotate.DecisionTaken || items[0].Decision.By != "ana" {
		t.Fatalf("items after taking theirs: %+v", items)
	}
	if _, _, err := g.s.Decide(items[0], annotate.DecisionKept, g.theirs); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("deciding a settled difference again: %v", err)
	}

	// One undo brings my claim back as it was, and the difference open.
	step(t)(g.s.Undo())
	wantSynced(t, g.s, g.st)
	if got, _ := g.stored(t, claim.ID); got.Start != claim.Start || got.End != claim.End || got.Concept != before.Concept {
		t.Fatalf("my claim after undo: %+v", got)
	}
	if it := g.only(t, review.OtherBoundaries); it.State() != annotate.DecisionOpen {
		t.Fatalf("after undo the difference is %s", it.State())
	}
	step(t)(g.s.Redo())
	wantSynced(t, g.s, g.st)
	if got, _ := g.stored(t, claim.ID); got.Start != bClaim.Start || len(storedRelations(t, g.st, g.doc)) != 1 {
		t.Fatalf("my claim after redo: %+v", got)
	}
}

// TestDecideTakeLabel: taking bo's label on my claim removes the link and
// concept the new label does not allow, and brings bo's actor, named in
// their file only (as a JSONL export names it), as a new entity; undo
// takes it all back, the new entity included.
func TestDecideTakeLabel(t *testing.T) {
	text := article(t)
	claim := span(t, text, "China", 0, annotate.LabelClaim, "ana")
	actor := span(t, text, "Mr Jafari", 0, annotate.LabelActor, "ana")
	src := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: claim.ID, To: actor.ID}
	g := newGraph(t, filepath.Join(t.TempDir(), "p.claimdesk"), []annotate.Span{claim, actor}, []annotate.Relation{src},
		map[string]string{actor.ID: "Mr Jafari"}, map[string]string{claim.ID: "Chinese help"})
	bChina := span(t, text, "China", 0, annotate.LabelActor, "bo")
	bChina.Entity = "name:china"
	bActor := span(t, text, "Mr Jafari", 0, annotate.LabelActor, "bo")
	g.theirs = session.Theirs{Name: "bo", Record: annotate.Record{Spans: []annotate.Span{bChina, bActor},
		Entities: map[string]annotate.Entity{"name:china": {Name: "China", Kind: "state", Aliases: []string{"Beijing", "mr jafari"}}}}}

	msg := g.decide(t, g.only(t, review.OtherLabel), annotate.DecisionTaken)
	wantContains(t, msg, "took bo’s actor (was claim)", "removed the concept “Chinese help”", "removed your source link to Mr Jafari", "their actor China (new in the project)")
	got, _ := g.stored(t, claim.ID)
	ents, err := g.st.Entities()
	if err != nil {
		t.Fatal(err)
	}
	var china annotate.Entity
	for _, e := range ents {
		if e.Name == "China" {
			china = e
		}
	}
	if got.Label != annotate.LabelActor || got.Concept != "" || china.ID == "" || got.Entity != china.ID || china.Kind != "state" {
		t.Fatalf("my span %+v, entities %+v", got, ents)
	}
	// Their actor's aliases come with it, but for one that my actor Mr
	// Jafari is called.
	if len(china.Aliases) != 1 || china.Aliases[0] != "Beijing" {
		t.Fatalf("the new actor's aliases %q, want [Beijing]", china.Aliases)
	}
	if rels := storedRelations(t, g.st, g.doc); len(rels) != 0 {
		t.Fatalf("relations: %+v", rels)
	}

	step(t)(g.s.Undo())
	wantSynced(t, g.s, g.st)
	got, _ = g.stored(t, claim.ID)
	if ents, _ := g.st.Entities(); len(ents) != 1 || got.Label != annotate.LabelClaim || got.Concept == "" || len(storedRelations(t, g.st, g.doc)) != 1 {
		t.Fatalf("after undo: span %+v, entities %+v", got, ents)
	}
	step(t)(g.s.Redo())
	wantSynced(t, g.s, g.st)
	if ents, _ := g.st.Entities(); len(ents) != 2 {
		t.Fatalf("after redo: entities %+v", ents)
	}
}

// TestDecideTakeOnlyTheirs: bo's claim comes with its concept, matched by
// name to mine (a JSONL export names it), and its source link to an actor
// I have; its target link to an actor I lack is left out, and the message
// says so. The actor taken afterwards brings that link along.
func TestDecideTakeOnlyTheirs(t *testing.T) {
	text := article(t)
	other := span(t, text, "made the offer", 0, annotate.LabelClaim, "ana")
	actor := span(t, text, "Mr Jafari", 0, annotate.LabelActor, "ana")
	g := newGraph(t, filepath.Join(t.TempDir(), "p.claimdesk"), []annotate.Span{other, actor}, nil,
		nil, map[string]string{other.ID: "Chinese military help for Iraq"})
	bClaim := span(t, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim, "bo")
	bClaim.Concept = "name:chinese military help for iraq"
	bActor := span(t, text, "Mr Jafari", 0, annotate.LabelActor, "bo")
	bOther := span(t, text, "made the offer", 0, annotate.LabelClaim, "bo")
	bWang := span(t, text, "Wang Yi", 0, annotate.LabelActor, "bo")
	g.theirs = session.Theirs{Name: "bo", Record: annotate.Record{Spans: []annotate.Span{bClaim, bActor, bOther, bWang},
		Relations: []annotate.Relation{
			{ID: "R1", Type: annotate.RelationSource, From: bClaim.ID, To: bActor.ID},
			{ID: "R2", Type: annotate.RelationTarget, From: bClaim.ID, To: bWang.ID},
		},
		Concepts: map[string]annotate.Concept{"name:chinese military help for iraq": {Name: "Chinese Military Help for Iraq"}}}}

	var claimItem, wangItem review.Item
	for _, it := range g.items(t) {
		switch {
		case it.Diff.Kind == review.OnlyTheirs && it.Diff.Theirs.ID == bClaim.ID:
			claimItem = it
		case it.Diff.Kind == review.OnlyTheirs && it.Diff.Theirs.ID == bWang.ID:
			wangItem = it
		}
	}
	msg := g.decide(t, claimItem, annotate.DecisionTaken)
	wantContains(t, msg, "took bo’s claim", "their source link to “Mr Jafari”", "their concept “Chinese Military Help for Iraq”", "left out bo’s target link to “Wang Yi”")
	if strings.Contains(msg, "new in the project") {
		t.Errorf("the concept was not matched by name: %q", msg)
	}
	got, ok := g.stored(t, bClaim.ID)
	mineOther, _ := g.stored(t, other.ID)
	if !ok || got.Concept != mineOther.Concept || got.Annotator != "bo" {
		t.Fatalf("bo's claim in my project: %+v (%v), my other claim %+v", got, ok, mineOther)
	}
	rels := storedRelations(t, g.st, g.doc)
	if len(rels) != 1 || rels[0].From != bClaim.ID || rels[0].To != actor.ID || rels[0].Type != annotate.RelationSource {
		t.Fatalf("relations: %+v", rels)
	}
	// Wang Yi taken now: the target link to the claim taken earlier comes too.
	msg = g.decide(t, wangItem, annotate.DecisionTaken)
	wantContains(t, msg, "took bo’s actor “Wang Yi”", "brought their target link from")
	if rels := storedRelations(t, g.st, g.doc); len(rels) != 2 {
		t.Fatalf("relations after taking Wang Yi: %+v", rels)
	}
	if items := g.items(t); len(items) != 2 || !items[0].Settled || !items[1].Settled {
		t.Fatalf("items: %+v", items)
	}
	step(t)(g.s.Undo())
	step(t)(g.s.Undo())
	wantSynced(t, g.s, g.st)
	if _, ok := g.stored(t, bClaim.ID); ok || len(storedRelations(t, g.st, g.doc)) != 0 {
		t.Fatal("undo left bo's claim or its links")
	}
	if cs, _ := g.st.Concepts(); len(cs) != 1 {
		t.Fatalf("concepts after undo: %+v", cs)
	}
	step(t)(g.s.Redo())
	wantSynced(t, g.s, g.st)
	if len(storedRelations(t, g.st, g.doc)) != 1 {
		t.Fatal("redo did not bring the link back")
	}
}

// TestDecideLinks: a link to another actor is a difference; taking theirs
// moves my link (same id), dropping both removes mine and settles theirs
// with it; a link only they have is taken between my spans.
func TestDecideLinks(t *testing.T) {
	text := article(t)
	claim := span(t, text, "China has offered to help Iraq", 0, annotate.LabelClaim, "ana")
	jafari := span(t, text, "Mr Jafari", 0, annotate.LabelActor, "ana")
	wang := span(t, text, "Wang Yi", 0, annotate.LabelActor, "ana")
	src := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: claim.ID, To: jafari.ID}
	g := newGraph(t, filepath.Join(t.TempDir(), "p.claimdesk"), []annotate.Span{claim, jafari, wang}, []annotate.Relation{src},
		map[string]string{jafari.ID: "Mr Jafari", wang.ID: "Wang Yi"}, nil)
	bClaim := span(t, text, "China has offered to help Iraq", 0, annotate.LabelClaim, "bo")
	bJafari := span(t, text, "Mr Jafari", 0, annotate.LabelActor, "bo")
	bWang := span(t, text, "Wang Yi", 0, annotate.LabelActor, "bo")
	g.theirs = session.Theirs{Name: "bo", Record: annotate.Record{Spans: []annotate.Span{bClaim, bJafari, bWang},
		Relations: []annotate.Relation{
			{ID: "R1", Type: annotate.RelationSource, From: bClaim.ID, To: bWang.ID},
			{ID: "R2", Type: annotate.RelationTarget, From: bClaim.ID, To: bJafari.ID},
		}}}
	if items := g.items(t); len(items) != 2 {
		t.Fatalf("items: %+v", items)
	}

	msg := g.decide(t, g.only(t, review.LinkOtherEnd), annotate.DecisionTaken)
	wantContains(t, msg, "your source link from", "now goes to Wang Yi")
	if rels := storedRelations(t, g.st, g.doc); len(rels) != 1 || rels[0].ID != "r1" || rels[0].To != wang.ID {
		t.Fatalf("relations after taking theirs: %+v", rels)
	}
	step(t)(g.s.Undo())
	wantSynced(t, g.s, g.st)

	msg = g.decide(t, g.only(t, review.LinkOtherEnd), annotate.DecisionDropped)
	wantContains(t, msg, "removed your source link", "left out bo’s")
	if rels := storedRelations(t, g.st, g.doc); len(rels) != 0 {
		t.Fatalf("relations after dropping both: %+v", rels)
	}
	// Their link is now a link only they have, settled by the same decision.
	for _, it := range g.items(t) {
		if it.Diff.Kind == review.LinkOnlyTheirs && it.Diff.TheirsLink.ID == "R1" && it.State() != annotate.DecisionDropped {
			t.Fatalf("bo's source link after dropping both is %s", it.State())
		}
	}
	step(t)(g.s.Undo())
	wantSynced(t, g.s, g.st)

	var target review.Item
	for _, it := range g.items(t) {
		if it.Diff.Kind == review.LinkOnlyTheirs {
			target = it
		}
	}
	msg = g.decide(t, target, annotate.DecisionTaken)
	wantContains(t, msg, "took bo’s target link from “China has offered to help Iraq” to Mr Jafari")
	if rels := storedRelations(t, g.st, g.doc); len(rels) != 2 {
		t.Fatalf("relations after taking their target link: %+v", rels)
	}
	step(t)(g.s.Undo())
	step(t)(g.s.Redo())
	wantSynced(t, g.s, g.st)
}

// TestDecisionsFoundAgain decides (keep one, drop both on another, take
// a third), closes the project, opens it again in a new session and
// compares with the same colleague's file: the decisions are found.
func TestDecisionsFoundAgain(t *testing.T) {
	text := article(t)
	path := filepath.Join(t.TempDir(), "p.claimdesk")
	a := span(t, text, "Wang Yi", 0, annotate.LabelActor, "ana")
	b := span(t, text, "China has offered to help Iraq", 0, annotate.LabelClaim, "ana")
	c := span(t, text, "made the offer", 0, annotate.LabelClaim, "ana")
	g := newGraph(t, path, []annotate.Span{a, b, c}, nil, nil, nil)
	bA := span(t, text, "Wang Yi", 0, annotate.LabelClaim, "bo")                                      // other label
	bB := span(t, text, "China has offered to help Iraq defeat", 0, annotate.LabelClaim, "bo")        // other boundaries
	bD := span(t, text, "Mr Jafari", 0, annotate.LabelActor, "bo")                                    // only theirs
	theirs := session.Theirs{Name: "bo", Record: annotate.Record{Spans: []annotate.Span{bA, bB, bD}}} // c: only mine
	g.theirs = theirs
	g.decide(t, g.only(t, review.OtherLabel), annotate.DecisionKept)
	g.decide(t, g.only(t, review.OtherBoundaries), annotate.DecisionDropped)
	g.decide(t, g.only(t, review.OnlyMine), annotate.DecisionKept)
	want := func(items []review.Item) map[string]annotate.DecisionState {
		got := map[string]annotate.DecisionState{}
		for _, it := range items {
			got[it.Diff.Kind.String()+" "+it.Diff.Theirs.Label] = it.State()
		}
		return got
	}
	first := want(g.items(t))
	if err := g.st.Close(); err != nil {
		t.Fatal(err)
	}

	st := openStore(t, path, store.Options{ReadOnly: true})
	s := newSession(t, st)
	open(t, s, g.doc)
	items, err := s.Compare(theirs)
	if err != nil {
		t.Fatal(err)
	}
	again := want(items)
	expect := map[string]annotate.DecisionState{
		"other label CLAIM": annotate.DecisionKept,
		"only theirs CLAIM": annotate.DecisionDropped, // bo's claim, left after my claim was dropped
		"only mine ":        annotate.DecisionKept,
		"only theirs ACTOR": annotate.DecisionOpen,
	}
	for k, v := range expect {
		if first[k] != v || again[k] != v {
			t.Errorf("%s: %s before closing, %s after reopening; want %s", k, first[k], again[k], v)
		}
	}
	if len(items) != len(expect) {
		t.Errorf("items after reopening: %+v", items)
	}
	for _, it := range items {
		if it.Decision.Stored() && (it.Decision.By != "ana" || it.Decision.At.IsZero() || it.Decision.Summary == "") {
			t.Errorf("decision without who, when or what: %+v", it.Decision)
		}
	}
	// A read-only project refuses decisions.
	if _, _, err := s.Decide(items[len(items)-1], annotate.DecisionKept, theirs); annotate.ErrorCode(err) != annotate.EREADONLY {
		t.Errorf("deciding on a read-only project: %v", err)
	}
}

// TestDecideOnlyMineAndLinks: taking theirs where they have no span
// removes mine with its link (the message names it; undo brings both
// back); a link only mine is removed by T; leaving out a span only they
// have changes nothing but the decision.
func TestDecideOnlyMineAndLinks(t *testing.T) {
	text := article(t)
	claim := span(t, text, "China has offered to help Iraq", 0, annotate.LabelClaim, "ana")
	jafari := span(t, text, "Mr Jafari", 0, annotate.LabelActor, "ana")
	wang := span(t, text, "Wang Yi", 0, annotate.LabelActor, "ana")
	src := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: claim.ID, To: jafari.ID}
	tgt := annotate.Relation{ID: "r2", Type: annotate.RelationTarget, From: claim.ID, To: wang.ID}
	g := newGraph(t, filepath.Join(t.TempDir(), "p.claimdesk"), []annotate.Span{claim, jafari, wang}, []annotate.Relation{src, tgt},
		map[string]string{jafari.ID: "Mr Jafari"}, nil)
	bClaim := span(t, text, "China has offered to help Iraq", 0, annotate.LabelClaim, "bo")
	bWang := span(t, text, "Wang Yi", 0, annotate.LabelActor, "bo")
	bHong := span(t, text, "Hong Lei", 0, annotate.LabelActor, "bo")
	g.theirs = session.Theirs{Name: "bo", Record: annotate.Record{Spans: []annotate.Span{bClaim, bWang, bHong}}}

	// Mr Jafari is only mine: T removes it and its SOURCE link.
	msg := g.decide(t, g.only(t, review.OnlyMine), annotate.DecisionTaken)
	wantContains(t, msg, "removed your actor “Mr Jafari” (bo has none)", "removed your source link from “China has offered to help Iraq”")
	if _, ok := g.stored(t, jafari.ID); ok {
		t.Fatal("T kept my span where bo has none")
	}
	if rels := storedRelations(t, g.st, g.doc); len(rels) != 1 || rels[0].ID != "r2" {
		t.Fatalf("relations: %+v", rels)
	}
	step(t)(g.s.Undo())
	wantSynced(t, g.s, g.st)
	if sp, ok := g.stored(t, jafari.ID); !ok || sp.Entity == "" || len(storedRelations(t, g.st, g.doc)) != 2 {
		t.Fatalf("undo did not bring Mr Jafari back with its actor and link: %+v", sp)
	}

	// The TARGET link to Wang Yi is only mine: T removes it.
	msg = g.decide(t, g.only(t, review.LinkOnlyMine), annotate.DecisionTaken)
	wantContains(t, msg, "removed your target link from “China has offered to help Iraq” to “Wang Yi” (bo has none)")
	if rels := storedRelations(t, g.st, g.doc); len(rels) != 1 || rels[0].ID != "r1" {
		t.Fatalf("relations: %+v", rels)
	}

	// Hong Lei is only theirs: X leaves it out, and nothing changes but the decision.
	before := storedSpans(t, g.st, g.doc)
	msg = g.decide(t, g.only(t, review.OnlyTheirs), annotate.DecisionDropped)
	wantContains(t, msg, "left out bo’s actor “Hong Lei”")
	if after := storedSpans(t, g.st, g.doc); !equalSpans(before, after) {
		t.Fatal("leaving theirs out changed my spans")
	}
	it := g.only(t, review.OnlyTheirs)
	if it.State() != annotate.DecisionDropped || it.Settled {
		t.Fatalf("Hong Lei: %s, settled %v", it.State(), it.Settled)
	}
	// Changing one's mind: K on the same difference replaces the decision.
	g.decide(t, it, annotate.DecisionKept)
	if it := g.only(t, review.OnlyTheirs); it.State() != annotate.DecisionKept {
		t.Fatalf("Hong Lei after K: %s", it.State())
	}
	step(t)(g.s.Undo())
	if it := g.only(t, review.OnlyTheirs); it.State() != annotate.DecisionDropped {
		t.Fatalf("Hong Lei after undoing K: %s", it.State())
	}
}
