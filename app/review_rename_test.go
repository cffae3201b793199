package app_test

import (
	"reflect"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/annotate/round"
	"claimdesk/app"
)

// TestReviewerCannotTakeAComparedName: while ana and bo are compared with
// the gold layer built under the reviewer's name, Settings → Annotator
// name… refuses "ana" (the gold layer follows the name: it would become
// ana's) with a message naming her, and changes nothing; another name is
// taken.
func TestReviewerCannotTakeAComparedName(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	docs, _ := p.Documents()
	doc := docs[0].ID
	for _, who := range []string{"ana", "bo"} {
		start, end := runeRange(t, text, "Wang Yi")
		if err := p.AddSpan(annotate.NewSpan(doc, start, end, annotate.LabelActor, who, time.Now())); err != nil {
			t.Fatal(err)
		}
	}
	a := test.NewTempApp(t)
	a.Preferences().SetString("annotator", "rev")
	u := app.New(a, p, app.Options{Annotator: "rev", Open: func(string, bool) (app.Project, error) { return p, nil }})
	w := u.Window()
	w.Resize(fyne.NewSize(1280, 800))
	u.CompareAnnotators("ana", "bo")
	if got := u.Session().ReviewLayer(); got != "rev" {
		t.Fatalf("the gold layer is %q, want rev's", got)
	}

	rename := func(name string) fyne.CanvasObject {
		item := menuItem(w, "Annotator name…")
		if item == nil {
			t.Fatal("no Settings → Annotator name…")
		}
		item.Action()
		top := w.Canvas().Overlays().Top()
		field := findEntryIn(top)
		if field == nil {
			t.Fatal("Annotator name… shows no name field")
		}
		reflect.ValueOf(field).Interface().(interface{ SetText(string) }).SetText(name)
		typeKey(w, fyne.KeyReturn)
		return w.Canvas().Overlays().Top()
	}

	top := rename("ana")
	if top == nil || findLabelWith(top, "ana is an annotator under comparison") == nil {
		t.Fatal("renaming the reviewer to ana, compared, shows no error naming her")
	}
	if got, l, pref := u.Session().Annotator(), u.Session().ReviewLayer(), a.Preferences().String("annotator"); got != "rev" || l != "rev" || pref != "rev" {
		t.Fatalf("after the refused name: annotator %q, gold layer %q, saved name %q; want rev for each", got, l, pref)
	}
	typeKey(w, fyne.KeyReturn) // closes the error
	test.TypeOnCanvas(w.Canvas(), "n")
	if got := u.Session().ReviewLayer(); got != "rev" {
		t.Fatalf("after N the gold layer is %q", got)
	}

	if top := rename("lead"); top != nil {
		t.Fatalf("the name lead, compared with no one, was not taken: %v", top)
	}
	test.TypeOnCanvas(w.Canvas(), "n")
	if got, l := u.Session().Annotator(), u.Session().ReviewLayer(); got != "lead" || l != "lead" {
		t.Fatalf("after renaming to lead: annotator %q, gold layer %q", got, l)
	}
}

// TestCompareAnnotatorsByRound: in a lead's project with a round, the
// compare view asks the round who coded the open document A: bo, handed
// it and done with no span, coded it as "nothing here" (no difference
// with the empty gold layer); ana was not handed it, so her span there
// (the lead wrote it so) is no difference and is not shown; cem, no coder
// of the round, coded it by his span.
func TestCompareAnnotatorsByRound(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text, "Rain fell.")
	docs, _ := p.Documents()
	a, b := docs[0].ID, docs[1].ID
	start, end := runeRange(t, text, "Wang Yi")
	for _, who := range []string{"ana", "cem"} {
		if err := p.AddSpan(annotate.NewSpan(a, start, end, annotate.LabelActor, who, time.Now())); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	if err := p.AddRound(round.Round{ID: "r1", Created: now, Sample: []string{}, Coders: []round.Coder{
		{Name: "ana", Documents: []string{b}, Returns: []round.Return{{At: now}}},
		{Name: "bo", Documents: []string{a, b}, Progress: round.Progress{Done: []string{a}, Coded: []string{a}}, Returns: []round.Return{{At: now}}},
	}}); err != nil {
		t.Fatal(err)
	}
	fa := test.NewTempApp(t)
	u := app.New(fa, p, app.Options{Annotator: "rev", AnnotatorGiven: true, Open: func(string, bool) (app.Project, error) { return p, nil }})
	w := u.Window()
	w.Resize(fyne.NewSize(1280, 800))
	if u.CurrentDocument() != a {
		t.Fatalf("the window opened %s, want document A", u.CurrentDocument())
	}
	// bo has no span at all, yet the dialog offers him: a collected coder.
	menuItem(w, "Compare annotators…").Action()
	dlg := w.Canvas().Overlays().Top()
	if dlg == nil || dialogCheck(dlg, "bo (0 spans)") == nil || dialogCheck(dlg, "ana (1 span)") == nil {
		t.Fatal("Compare annotators… does not offer bo, a collected coder without spans, and ana")
	}
	typeKey(w, fyne.KeyEscape)
	u.CompareAnnotators("ana", "bo", "cem")
	ds := u.Differences()
	if len(ds) != 1 || ds[0].Source != "cem" || ds[0].Kind != review.OnlyTheirs {
		t.Fatalf("differences of A: %+v; want cem's span only", ds)
	}
	if n := u.Article().Compared(); n != 1 {
		t.Errorf("the article shows %d of the annotators' spans in A, want cem's 1", n)
	}
	if findLabelWith(w.Content(), "by the round's assignment") == nil {
		t.Error("the status line does not say the round's assignment decides")
	}
}
