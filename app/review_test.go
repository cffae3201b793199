package app_test

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/app"
	"claimdesk/store"
)

// reviewWindow opens a project of the test article with ana's spans and
// compares it with bob's: one span alike, one only ana's, one only bob's,
// one with other boundaries and one with another label.
func reviewWindow(t *testing.T) (*app.UI, fyne.Window, app.Project, string, map[string]annotate.Span) {
	t.Helper()
	text := readArticle(t)
	p := openProject(t, false, text)
	docs, _ := p.Documents()
	doc := docs[0].ID
	mk := func(s, label, who string) annotate.Span {
		start, end := runeRange(t, text, s)
		return annotate.NewSpan(doc, start, end, label, who, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	}
	ana := map[string]annotate.Span{
		"same":     mk("Wang Yi", annotate.LabelActor, "ana"),
		"onlyMine": mk("Ibrahim Jafari", annotate.LabelActor, "ana"),
		"bounds":   mk("China has offered to help Iraq", annotate.LabelClaim, "ana"),
		"label":    mk("Hong Lei", annotate.LabelActor, "ana"),
	}
	for _, s := range ana {
		if err := p.AddSpan(s); err != nil {
			t.Fatal(err)
		}
	}
	bob := []annotate.Span{
		mk("Wang Yi", annotate.LabelActor, "bob"),
		mk("Mr Hong said", annotate.LabelActor, "bob"),
		mk("China has offered to help Iraq defeat Sunni extremists", annotate.LabelClaim, "bob"),
		mk("Hong Lei", annotate.LabelDenial, "bob"),
	}
	d, _ := p.Document(doc)
	src := app.Source{Name: "bob", Path: "bob.jsonl", Records: []annotate.Record{{
		Document: annotate.Document{ID: "another-id", SHA256: d.SHA256}, Spans: bob}}}
	a := test.NewTempApp(t)
	u := app.New(a, p, app.Options{Annotator: "ana", Open: func(string, bool) (app.Project, error) { return p, nil },
		OpenSource: func(path string) (app.Source, error) { return src, nil }})
	w := u.Window()
	w.Resize(fyne.NewSize(1280, 800))
	u.Compare("bob.jsonl")
	return u, w, p, doc, ana
}

func kinds(ds []review.Diff) map[review.Kind]int {
	m := map[review.Kind]int{}
	for _, d := range ds {
		m[d.Kind]++
	}
	return m
}

// TestReviewWalksAndDecides walks bob's differences with N and decides
// each with one key, then undoes, checking the store each time.
func TestReviewWalksAndDecides(t *testing.T) {
	u, w, p, doc, ana := reviewWindow(t)
	ds := u.Differences()
	want := map[review.Kind]int{review.OnlyMine: 1, review.OnlyTheirs: 1, review.OtherBoundaries: 1, review.OtherLabel: 1}
	if got := kinds(ds); len(ds) != 4 || got[review.OnlyMine] != 1 || got[review.OnlyTheirs] != 1 || got[review.OtherBoundaries] != 1 || got[review.OtherLabel] != 1 {
		t.Fatalf("differences %v, want %v", got, want)
	}
	if n := u.Article().Compared(); n != 4 {
		t.Fatalf("the article shows %d of bob's spans, want 4", n)
	}
	// Walk to each difference in text order and decide: the first is the
	// claim with other boundaries (it starts the article's body).
	seen := map[review.Kind]bool{}
	for range ds {
		test.TypeOnCanvas(w.Canvas(), "n")
		cur, ok := u.CurrentDifference()
		if !ok {
			t.Fatal("N moved to no difference")
		}
		if seen[cur.Kind] {
			t.Fatalf("N came back to a %s difference", cur.Kind)
		}
		seen[cur.Kind] = true
		switch cur.Kind {
		case review.OtherBoundaries:
			test.TypeOnCanvas(w.Canvas(), "t") // take bob's longer claim: my claim takes its range, keeps its id
			s, ok := spanBy(spansOf(t, p, doc), "ana", annotate.LabelClaim)
			if !ok || s.ID != ana["bounds"].ID || s.End != cur.Theirs.End {
				t.Fatalf("T did not give ana's claim bob's range: %+v", s)
			}
			if _, ok := spanBy(spansOf(t, p, doc), "bob", annotate.LabelClaim); ok {
				t.Fatal("T added bob's claim beside ana's")
			}
			// The list stays on the difference decided, now settled.
			if it, ok := u.CurrentItem(); !ok || !it.Settled || it.State() != annotate.DecisionTaken || it.Diff.Key() != cur.Key() {
				t.Fatalf("after T the current line is %+v", it)
			}
			if findLabelWith(w.Canvas().Content(), "Took bob’s claim") == nil {
				t.Error("the status line does not say what T took")
			}
			shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
			if s, ok := spanBy(spansOf(t, p, doc), "ana", annotate.LabelClaim); !ok || s.End != ana["bounds"].End {
				t.Fatal("Ctrl+Z did not bring ana's claim back")
			}
			shortcut(w, fyne.KeyY, fyne.KeyModifierShortcutDefault)
		case review.OnlyMine:
			test.TypeOnCanvas(w.Canvas(), "k") // keep mine: nothing changes, marked reviewed
			if len(spansOf(t, p, doc)) == 0 || !u.Reviewed(cur) {
				t.Fatal("K did not mark the difference reviewed")
			}
		case review.OnlyTheirs:
			test.TypeOnCanvas(w.Canvas(), "t") // take bob's span, with his name and times
			s, ok := spanBy(spansOf(t, p, doc), "bob", annotate.LabelActor)
			if !ok || !s.Created.Equal(cur.Theirs.Created) {
				t.Fatalf("T did not adopt bob's span as it was: %+v", s)
			}
		case review.OtherLabel:
			test.TypeOnCanvas(w.Canvas(), "x") // drop both: ana's goes, bob's is rejected
			if _, ok := spanBy(spansOf(t, p, doc), "ana", annotate.LabelActor); !ok {
				t.Fatal("lost ana's other actors")
			}
			for _, s := range spansOf(t, p, doc) {
				if s.ID == ana["label"].ID {
					t.Fatal("X kept ana's span")
				}
			}
		}
	}
	if len(seen) != 4 {
		t.Fatalf("N visited %v, want every kind", seen)
	}
	left := 0
	for _, d := range u.Differences() {
		if !u.Reviewed(d) {
			left++
		}
	}
	if left != 0 {
		t.Fatalf("%d differences left after deciding each: %+v", left, u.Differences())
	}
	// Undo everything: the project is as it was.
	for range 4 {
		shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	}
	if got := spansOf(t, p, doc); len(got) != 4 {
		t.Fatalf("after undoing every decision: %d spans, want ana's 4", len(got))
	}
	for _, s := range spansOf(t, p, doc) {
		if s.Annotator != "ana" {
			t.Fatalf("after undoing every decision, %s's span is left", s.Annotator)
		}
		if want := ana[keyOf(ana, s.ID)]; s.Start != want.Start || s.End != want.End || s.Label != want.Label {
			t.Fatalf("after undoing every decision: %+v, want %+v", s, want)
		}
	}
	for _, d := range u.Differences() {
		if u.Reviewed(d) {
			t.Fatalf("undo left %v marked reviewed", d)
		}
	}
}

// keyOf returns the key of the span id in spans.
func keyOf(spans map[string]annotate.Span, id string) string {
	for k, s := range spans {
		if s.ID == id {
			return k
		}
	}
	return ""
}

func spanBy(spans []annotate.Span, who, label string) (annotate.Span, bool) {
	for _, s := range spans {
		if s.Annotator == who && s.Label == label {
			return s, true
		}
	}
	return annotate.Span{}, false
}

// TestReviewMeasuresTheProject: the Review tab's figures for the whole
// project count the shared document and rank it.
func TestReviewMeasuresTheProject(t *testing.T) {
	u, w, _, _, _ := reviewWindow(t)
	u.MeasureProject()
	u.Wait()
	l := findLabelWith(w.Canvas().Content(), "1 document shared")
	if l == nil {
		t.Fatal("no project figures")
	}
	// ana and bob agree on 1 of 4 spans each: exact F1 overall 0.25.
	if !strings.Contains(l.Text, "overall: F1 0.25") {
		t.Errorf("project figures:\n%s", l.Text)
	}
}

// TestThreeAnnotatorsShowHowManyMadeEachSpan: with two colleagues, each
// span's tag counts the annotators who made it.
func TestThreeAnnotatorsShowHowManyMadeEachSpan(t *testing.T) {
	u, _, p, doc, ana := reviewWindow(t)
	d, _ := p.Document(doc)
	start, end := ana["same"].Start, ana["same"].End
	cy := app.Source{Name: "cy", Path: "cy.jsonl", Records: []annotate.Record{{
		Document: annotate.Document{ID: doc, SHA256: d.SHA256},
		Spans:    []annotate.Span{annotate.NewSpan(doc, start, end, annotate.LabelActor, "cy", time.Now())}}}}
	u.AddSource(cy)
	if got := u.Article().MadeBy(ana["same"].ID); got != "3/3" {
		t.Errorf("Wang Yi, tagged by all three: %q, want 3/3", got)
	}
	if got := u.Article().MadeBy(ana["onlyMine"].ID); got != "1/3" {
		t.Errorf("Ibrahim Jafari, tagged by ana only: %q, want 1/3", got)
	}
}

// TestReviewTakeKeepsLinkAndReopens drives the Review keys on a claim
// with a SOURCE link and a concept: T gives it bob's range and keeps the
// link and concept (the status line says so); K keeps ana's actor that
// bob lacks. A new window on the same project, comparing with bob's file
// again, finds both decisions; bob's claim, named by concept only in his
// file, was matched by name.
func TestReviewTakeKeepsLinkAndReopens(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	docs, _ := p.Documents()
	doc := docs[0].ID
	mk := func(s, label, who string) annotate.Span {
		start, end := runeRange(t, text, s)
		return annotate.NewSpan(doc, start, end, label, who, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	}
	claim := mk("China has offered to help Iraq", annotate.LabelClaim, "ana")
	actor := mk("Ibrahim Jafari", annotate.LabelActor, "ana")
	wang := mk("Wang Yi", annotate.LabelActor, "ana")
	for _, s := range []annotate.Span{claim, actor, wang} {
		if err := p.AddSpan(s); err != nil {
			t.Fatal(err)
		}
	}
	concept := annotate.Concept{ID: annotate.NewID(), Name: "Chinese military help for Iraq"}
	if err := p.PutConcept(concept); err != nil {
		t.Fatal(err)
	}
	if err := p.SetSpanConcept(doc, claim.ID, concept.ID); err != nil {
		t.Fatal(err)
	}
	link := annotate.Relation{ID: annotate.NewID(), Type: annotate.RelationSource, From: claim.ID, To: actor.ID}
	if err := p.AddRelation(doc, link); err != nil {
		t.Fatal(err)
	}
	bClaim := mk("China has offered to help Iraq defeat Sunni extremists", annotate.LabelClaim, "bob")
	bClaim.Concept = "name:chinese military help for iraq"
	bActor := mk("Ibrahim Jafari", annotate.LabelActor, "bob")
	d, _ := p.Document(doc)
	src := app.Source{Name: "bob", Path: "bob.jsonl", Records: []annotate.Record{{
		Document:  annotate.Document{ID: doc, SHA256: d.SHA256},
		Spans:     []annotate.Span{bClaim, bActor},
		Relations: []annotate.Relation{{ID: "R1", Type: annotate.RelationSource, From: bClaim.ID, To: bActor.ID}},
		Concepts:  map[string]annotate.Concept{"name:chinese military help for iraq": {Name: "Chinese military help for Iraq"}},
	}}}
	a := test.NewTempApp(t)
	opts := app.Options{Annotator: "ana", Open: func(string, bool) (app.Project, error) { return p, nil },
		OpenSource: func(path string) (app.Source, error) { return src, nil }}
	u := app.New(a, p, opts)
	w := u.Window()
	w.Resize(fyne.NewSize(1280, 800))
	u.Compare("bob.jsonl")
	if ds := u.Differences(); len(ds) != 2 {
		t.Fatalf("differences: %+v", ds)
	}

	test.TypeOnCanvas(w.Canvas(), "n")
	if cur, _ := u.CurrentDifference(); cur.Kind != review.OtherBoundaries {
		t.Fatalf("N went to %v first", cur.Kind)
	}
	test.TypeOnCanvas(w.Canvas(), "t")
	spans := spansOf(t, p, doc)
	got, _ := spanBy(spans, "ana", annotate.LabelClaim)
	if got.ID != claim.ID || got.End != bClaim.End || got.Concept != concept.ID {
		t.Fatalf("ana's claim after T: %+v", got)
	}
	rels, err := p.Relations(doc)
	if err != nil || len(rels) != 1 || rels[0].ID != link.ID || rels[0].From != claim.ID {
		t.Fatalf("relations after T: %+v, %v", rels, err)
	}
	if l := findLabelWith(w.Canvas().Content(), "Took bob’s claim; kept your source link to “Ibrahim Jafari” and the concept"); l == nil {
		t.Error("the status line does not say what T kept")
	}
	if findLabelWith(w.Canvas().Content(), "1 difference in this document, 1 left to review. 1 settled") == nil {
		t.Error("the Review tab's summary does not count the settled difference apart")
	}
	test.TypeOnCanvas(w.Canvas(), "n") // the next open difference: Wang Yi, only ana's
	if cur, _ := u.CurrentDifference(); cur.Kind != review.OnlyMine || cur.Mine.ID != wang.ID {
		t.Fatalf("N after T went to %+v", cur)
	}
	test.TypeOnCanvas(w.Canvas(), "k")
	w.Close() // closes the project

	// A new window on the project, opened again, finds the decisions.
	p2, err := store.Open(p.Path(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := p2.Check(); err != nil {
			t.Errorf("project check: %v", err)
		}
		p2.Close()
	})
	opts.Open = func(string, bool) (app.Project, error) { return p2, nil }
	u2 := app.New(a, p2, opts)
	u2.Window().Resize(fyne.NewSize(1280, 800))
	u2.Compare("bob.jsonl")
	states := map[review.Kind]annotate.DecisionState{}
	for _, it := range u2.Items() {
		states[it.Diff.Kind] = it.State()
		if it.Decision.By != "ana" || it.Decision.At.IsZero() {
			t.Errorf("decision without who or when: %+v", it.Decision)
		}
	}
	if len(states) != 2 || states[review.OtherBoundaries] != annotate.DecisionTaken || states[review.OnlyMine] != annotate.DecisionKept {
		t.Fatalf("after reopening: %v", states)
	}
	test.TypeOnCanvas(u2.Window().Canvas(), "n")
	if l := findLabelWith(u2.Window().Canvas().Content(), "Every difference of this document is reviewed"); l == nil {
		t.Error("N found a difference left open after reopening")
	}
}
