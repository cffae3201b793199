package app_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/app"
)

// dialogCheck returns the check box of a dialog whose text starts with
// prefix: a widget that embeds a widget.Check.
func dialogCheck(o fyne.CanvasObject, prefix string) fyne.CanvasObject {
	var found fyne.CanvasObject
	walk(o, func(o fyne.CanvasObject) {
		v := reflect.ValueOf(o)
		if found != nil || v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return
		}
		f := v.Elem().FieldByName("Check")
		if f.IsValid() && f.Type() == reflect.TypeOf(widget.Check{}) && strings.HasPrefix(f.FieldByName("Text").String(), prefix) {
			found = o
		}
	})
	return found
}

// TestCompareAnnotatorsTakesIntoGold chooses two annotators of one project
// in Review → Compare annotators… from the keyboard, walks to a difference with N and takes
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
	if dialogCheck(dlg, "cem (1 span)") == nil || dialogCheck(dlg, "rev") != nil {
		t.Error("the dialog should offer cem and not the reviewer")
	}
	// From the keyboard: Tab to ana's box, Space, Tab to bo's, Space,
	// Enter (on the box: it hands Enter to the dialog).
	c := w.Canvas()
	for _, who := range []string{"ana (2 spans)", "bo (2 spans)"} {
		c.FocusNext()
		box := dialogCheck(dlg, who)
		if box == nil || c.Focused() != box.(fyne.Focusable) {
			t.Fatalf("Tab gave the focus to %v, want the box %q", c.Focused(), who)
		}
		c.Focused().TypedRune(' ')
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter did not close the dialog")
	}

	// The gold layer is empty: each coder's two spans differ; cem is not
	// compared. The article shows their four spans outlined, none filled,
	// and nothing of cem's.
	ds := u.Differences()
	if len(ds) != 4 || slices.ContainsFunc(ds, func(d review.Diff) bool { return d.Kind != review.OnlyTheirs || d.Source == "cem" }) {
		t.Fatalf("differences with an empty gold layer: %+v", ds)
	}
	if n := u.Article().Compared(); n != 4 {
		t.Fatalf("the article shows %d of the annotators' spans, want 4", n)
	}
	if spans := u.Article().SpansAt(coders[4].Start); len(spans) != 0 {
		t.Errorf("cem is not compared, yet the article shows %+v", spans)
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

	// The whole project's figures compare each annotator with the gold
	// layer alone: the one taken from agrees on 1 of their 2 spans (exact
	// F1 2·1/(1+2) = 0.67), the other on none of theirs.
	u.MeasureProject()
	u.Wait()
	l := findLabelWith(w.Canvas().Content(), "1 document shared")
	if l == nil {
		t.Fatal("Measure the whole project shows no figures")
	}
	if strings.Count(l.Text, "overall: F1 0.67") != 1 || strings.Count(l.Text, "overall: F1 0.00") != 1 {
		t.Errorf("the project's figures against the gold layer:\n%s", l.Text)
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

	// A new annotator name (Settings → Annotator name) is the gold layer
	// from the next key on: T takes into lead's layer.
	if err := u.Session().SetAnnotator("lead"); err != nil {
		t.Fatal(err)
	}
	test.TypeOnCanvas(w.Canvas(), "n")
	test.TypeOnCanvas(w.Canvas(), "t")
	if got := u.Session().ReviewLayer(); got != "lead" {
		t.Fatalf("the gold layer is %q after the name changed to lead", got)
	}
	n := 0
	for _, s := range spansOf(t, p, doc) {
		if s.Annotator == "lead" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("after the name changed, T put %d spans into lead's layer, want 1", n)
	}
}
