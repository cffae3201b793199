package app_test

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
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
	if got := u.RoundStatus(); !strings.HasPrefix(got, "This is ana's package of round 7daa7039.") {
		t.Errorf("Round status… in a package: %q", got)
	}
	start, end := runeRange(t, text, "Wang Yi")
	dragAcross(w, u.Article(), start+1, end-1)
	test.TypeOnCanvas(w.Canvas(), "1")
	spans := spansOf(t, p, u.CurrentDocument())
	if len(spans) != 1 || spans[0].Annotator != "ana" || spans[0].Label != annotate.LabelActor {
		t.Fatalf("stored %+v, want one ACTOR by ana (the window's annotator is tester)", spans)
	}
}

// TestRoundStatus: View → Round status… shows the latest round's status
// in a dialog; a package and a project without a round say what they are.
func TestRoundStatus(t *testing.T) {
	p := openProject(t, false, "Tehran denied the report.")
	ui, win := newWindow(t, p)
	if got := ui.RoundStatus(); !strings.Contains(got, "handed out no round") {
		t.Errorf("without a round: %q", got)
	}
	docs, err := p.Documents()
	if err != nil {
		t.Fatal(err)
	}
	r := round.Round{ID: "01a247dc-ee5a-70cd-b2fb-fb167daa7039", Created: time.Now(), Seed: 13, Sample: []string{docs[0].ID},
		Coders: []round.Coder{{Name: "ana", Documents: []string{docs[0].ID}, Progress: round.Progress{Spans: 4},
			Returns: []round.Return{{At: time.Now(), Spans: 4}}}, {Name: "bo", Documents: []string{docs[0].ID}}}}
	if err := p.AddRound(r); err != nil {
		t.Fatal(err)
	}
	got := ui.RoundStatus()
	for _, want := range []string{"round 7daa7039 of ", "overlap sample 1 document (seed 13)", "  ana              0/1       4", "  bo               -/1"} {
		if !strings.Contains(got, want) {
			t.Errorf("status %q lacks %q", got, want)
		}
	}
	var item *fyne.MenuItem
	for _, m := range win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "Round status…" {
				item = it
			}
		}
	}
	if item == nil || item.Disabled {
		t.Fatalf("View → Round status… is %v", item)
	}
	item.Action()
	if win.Canvas().Overlays().Top() == nil {
		t.Fatal("Round status… showed no dialog")
	}
}
