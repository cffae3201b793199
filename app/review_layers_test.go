package app_test

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/app"
)

// TestCompareAnnotatorsTakesIntoGold chooses two annotators of one project
// in Review → Compare annotators…, walks to a difference with N and takes
// it with T: the gold layer gets a span under the reviewer's name, the
// coder's stays, the decision is stored, and Ctrl+Z takes both back.
func TestCompareAnnotatorsTakesIntoGold(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	docs, _ := p.Documents()
	doc := docs[0].ID
	mk := func(s, label, who string) annotate.Span {
		start, end := runeRange(t, text, s)
		return annotate.NewSpan(doc, start, end, label, who, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	}
	coders := []annotate.Span{
		mk("Wang Yi", annotate.LabelActor, "ana"),
		mk("China has offered to help Iraq", annotate.LabelClaim, "ana"),
		mk("Wang Yi", annotate.LabelActor, "bo"),
		mk("China has offered to help Iraq defeat Sunni extremists", annotate.LabelClaim, "bo"),
		mk("Hong Lei", annotate.LabelActor, "cem"),
	}
	for _, s := range coders {
		if err := p.AddSpan(s); err != nil {
			t.Fatal(err)
		}
	}
	a := test.NewTempApp(t)
	u := app.New(a, p, app.Options{Annotator: "rev", AnnotatorGiven: true, Open: func(string, bool) (app.Project, error) { return p, nil }})
	w := u.Window()
	w.Resize(fyne.NewSize(1280, 800))

	item := menuItem(w, "Compare annotators…")
	if item == nil {
		t.Fatal("no Compare annotators… in the main menu")
	}
	item.Action()
	dlg := w.Canvas().Overlays().Top()
	if dlg == nil {
		t.Fatal("Compare annotators… opened no dialog")
	}
	for _, who := range []string{"ana (2 spans)", "bo (2 spans)"} {
		c := findCheck(dlg, who)
		if c == nil {
			t.Fatalf("the dialog has no check %q", who)
		}
		test.Tap(c)
	}
	if findCheck(dlg, "cem (1 span)") == nil || findCheck(dlg, "rev (0 spans)") != nil {
		t.Error("the dialog should offer cem and not the reviewer")
	}
	test.Tap(findButton(dlg, "Compare"))

	// The gold layer is empty: each coder's two spans differ; cem is not
	// compared. The article shows their four spans outlined and none filled.
	ds := u.Differences()
	if len(ds) != 4 || slices.ContainsFunc(ds, func(d review.Diff) bool { return d.Kind != review.OnlyTheirs || d.Source == "cem" }) {
		t.Fatalf("differences with an empty gold layer: %+v", ds)
	}
	if n := u.Article().Compared(); n != 4 {
		t.Fatalf("the article shows %d of the annotators' spans, want 4", n)
	}
	wang := coders[0]
	for _, s := range u.Article().SpansAt(wang.Start) {
		if _, _, other := app.ComparedSpan(s.ID); !other {
			t.Errorf("the article shows the coder's span %+v as the document's own", s)
		}
	}

	test.TypeOnCanvas(w.Canvas(), "n")
	cur, ok := u.CurrentDifference()
	if !ok {
		t.Fatal("N moved to no difference")
	}
	test.TypeOnCanvas(w.Canvas(), "t")
	var gold []annotate.Span
	for _, s := range spansOf(t, p, doc) {
		if s.Annotator == "rev" {
			gold = append(gold, s)
		}
	}
	if len(gold) != 1 || gold[0].Start != cur.Theirs.Start || gold[0].End != cur.Theirs.End || gold[0].Label != cur.Theirs.Label ||
		!slices.Equal(gold[0].Annotators, []string{cur.Source}) {
		t.Fatalf("after T the gold layer is %+v, want %s’s %d–%d %s", gold, cur.Source, cur.Theirs.Start, cur.Theirs.End, cur.Theirs.Label)
	}
	if n := len(spansOf(t, p, doc)); n != len(coders)+1 {
		t.Fatalf("after T the document has %d spans, want the coders' %d and one gold", n, len(coders))
	}
	if decs, err := p.Decisions(doc); err != nil || len(decs) != 1 || decs[0].State != annotate.DecisionTaken || decs[0].By != "rev" {
		t.Fatalf("stored decisions after T: %+v (%v)", decs, err)
	}
	if it, ok := u.CurrentItem(); !ok || !it.Settled {
		t.Fatalf("after T the current line is %+v", it)
	}
	// The gold span is the document's own in the article now.
	if !slices.ContainsFunc(u.Article().SpansAt(gold[0].Start), func(s annotate.Span) bool { return s.ID == gold[0].ID }) {
		t.Error("the article does not show the gold span")
	}

	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if n := len(spansOf(t, p, doc)); n != len(coders) {
		t.Fatalf("Ctrl+Z left %d spans, want the coders' %d", n, len(coders))
	}
	if decs, _ := p.Decisions(doc); len(decs) != 0 {
		t.Fatalf("Ctrl+Z left the decision %+v", decs)
	}
	if len(u.Differences()) != 4 {
		t.Fatalf("after Ctrl+Z the differences are %+v", u.Differences())
	}
}
