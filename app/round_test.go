package app_test

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/annotate/round"
)

// TestPackageWindowNamesRoundAndCoder: a coder's package opens titled
// with its round and coder, and the spans made in it carry the coder's
// name, whatever the window's annotator.
func TestPackageWindowNamesRoundAndCoder(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	docs, err := p.Documents()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetPackage(round.Package{Round: "01a247dc-ee5a-70cd-b2fb-fb167daa7039", Coder: "ana",
		Documents: []string{docs[0].ID}, Labels: []string{"ACTOR", "CLAIM", "DENIAL"}}); err != nil {
		t.Fatal(err)
	}
	u, w := newWindow(t, p)
	if want := "Claimdesk — round 7daa7039 · ana — test.claimdesk"; w.Title() != want {
		t.Fatalf("title %q, want %q", w.Title(), want)
	}
	start, end := runeRange(t, text, "Wang Yi")
	dragAcross(w, u.Article(), start+1, end-1)
	test.TypeOnCanvas(w.Canvas(), "1")
	spans := spansOf(t, p, u.CurrentDocument())
	if len(spans) != 1 || spans[0].Annotator != "ana" || spans[0].Label != annotate.LabelActor {
		t.Fatalf("stored %+v, want one ACTOR by ana (the window's annotator is tester)", spans)
	}
}
