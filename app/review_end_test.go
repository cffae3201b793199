package app_test

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/app"
)

// TestEndComparisonKeepsDecisions compares two annotators of one project,
// takes a difference with T, then ends the comparison with Ctrl+Shift+W as
// the driver delivers it: the annotators' spans leave the article, which
// shows every stored span as the document's own, the Review tab goes,
// Review → End comparison is disabled again, and the decision is still in
// the store, so that comparing again finds it settled.
func TestEndComparisonKeepsDecisions(t *testing.T) {
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

	end := menuItem(w, "End comparison")
	if end == nil {
		t.Fatal("no End comparison in the main menu")
	}
	if !end.Disabled {
		t.Error("End comparison is enabled with nothing compared")
	}
	u.CompareAnnotators("ana", "bo")
	if end.Disabled {
		t.Fatal("End comparison is disabled while comparing")
	}
	if n := len(u.SidePanel().Items); n != 2 {
		t.Fatalf("the side panel has %d tabs while comparing, want Span and Review", n)
	}
	if n := u.Article().Compared(); n != len(coders) {
		t.Fatalf("the article shows %d of the annotators' spans, want %d", n, len(coders))
	}
	test.TypeOnCanvas(w.Canvas(), "n")
	test.TypeOnCanvas(w.Canvas(), "t")
	decs, err := p.Decisions(doc)
	if err != nil || len(decs) != 1 || decs[0].State != annotate.DecisionTaken {
		t.Fatalf("stored decisions after T: %+v (%v)", decs, err)
	}
	stored := spansOf(t, p, doc)
	if len(stored) != len(coders)+1 {
		t.Fatalf("after T the document has %d spans, want the coders' %d and one gold", len(stored), len(coders))
	}

	shortcut(w, fyne.KeyW, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)

	if n := u.Article().Compared(); n != 0 {
		t.Errorf("after ending, the article still shows %d of the annotators' spans", n)
	}
	for _, s := range stored {
		at := u.Article().SpansAt(s.Start)
		if !slices.ContainsFunc(at, func(x annotate.Span) bool { return x.ID == s.ID }) {
			t.Errorf("after ending, the article does not show %s's stored %s %d–%d as the document's own: %+v", s.Annotator, s.Label, s.Start, s.End, at)
		}
		for _, x := range at {
			if _, _, other := app.ComparedSpan(x.ID); other {
				t.Errorf("after ending, the article shows a compared span %+v", x)
			}
		}
	}
	if n := len(u.SidePanel().Items); n != 1 || u.SidePanel().Items[0].Text != "Span" {
		t.Errorf("after ending, the side panel has %d tabs, want the Span tab alone", n)
	}
	if ds := u.Differences(); len(ds) != 0 {
		t.Errorf("after ending, differences remain: %+v", ds)
	}
	if got := u.Session().ReviewLayer(); got != "" {
		t.Errorf("after ending, the review layer is %q", got)
	}
	if !end.Disabled {
		t.Error("End comparison is still enabled after ending")
	}
	if findLabelWith(w.Canvas().Content(), "Comparison with 2 colleagues ended") == nil {
		t.Error("the status line does not say the comparison ended")
	}
	if got, err := p.Decisions(doc); err != nil || !slices.EqualFunc(got, decs, func(a, b annotate.Decision) bool { return a.Key() == b.Key() && a.State == b.State }) {
		t.Fatalf("stored decisions after ending: %+v (%v), want %+v", got, err, decs)
	}
	if n := len(spansOf(t, p, doc)); n != len(stored) {
		t.Fatalf("after ending the document has %d spans, want %d", n, len(stored))
	}
	// The project stays open and editable.
	if u.CurrentDocument() != doc {
		t.Fatalf("after ending, the open document is %q", u.CurrentDocument())
	}

	// Comparing again finds the decision taken.
	u.CompareAnnotators("ana", "bo")
	settled := 0
	for _, it := range u.Items() {
		if it.Settled {
			settled++
		}
	}
	if settled != 1 {
		t.Errorf("comparing again shows %d settled differences, want the one taken: %+v", settled, u.Items())
	}
}
