package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/store"
)

// TestToolbarTooltips moves the pointer over each toolbar button, as the
// driver reports it, and reads the tooltip drawn; a click still reaches
// the button under it.
func TestToolbarTooltips(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "p.claimdesk"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := test.NewTempApp(t)
	u := New(a, st, Options{Annotator: "tester", AnnotatorGiven: true})
	w := u.Window()
	w.Resize(fyne.NewSize(1280, 800))
	d := a.Driver()
	var buttons []*tipButton
	for _, o := range test.WidgetRenderer(u.toolbar).Objects() {
		if b, ok := o.(*tipButton); ok && b.Visible() {
			buttons = append(buttons, b)
		}
	}
	if len(buttons) < 8 {
		t.Fatalf("%d toolbar buttons with tooltips, want every one (3 labels, undo, redo, done, suggestions, zoom out, zoom in, help)", len(buttons))
	}
	wants := []string{"(1 or A)", "(2 or C)", "(3 or D)", "Ctrl+Z", "Ctrl+Y", "Ctrl+Enter", suggestionKey, "Ctrl+-", "Ctrl+=", "F1"}
	for i, b := range buttons {
		at := d.AbsolutePositionForObject(b).Add(fyne.NewPos(b.Size().Width/2, b.Size().Height/2))
		test.MoveMouse(w.Canvas(), at)
		if !strings.Contains(u.Tip(), wants[i]) {
			t.Errorf("button %d (%q): tooltip %q, want it to name %s", i, b.Text, u.Tip(), wants[i])
		}
		if !u.tips.bg.Visible() || u.tips.bg.Position().Y < d.AbsolutePositionForObject(b).Y-d.AbsolutePositionForObject(u.tips.box).Y {
			t.Errorf("button %d: the tip is not drawn below it", i)
		}
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(600, 500))
	if u.Tip() != "" {
		t.Errorf("the tip %q stays after the pointer left", u.Tip())
	}
	// the help button still opens the help under its tip
	help := buttons[len(buttons)-1]
	at := d.AbsolutePositionForObject(help).Add(fyne.NewPos(4, 4))
	test.MoveMouse(w.Canvas(), at)
	test.TapCanvas(w.Canvas(), at)
	if w.Canvas().Overlays().Top() == nil {
		t.Error("clicking the help button under its tooltip opened nothing")
	}
}

// TestToolbarTipGoesWithItsButton: the pointer rests on the help button,
// whose tip shows; the window narrows (the toolbar gives way, putting the
// button behind "…") with no pointer event: the tip goes with it. The
// same when the button only moves (the side panel hides and shows).
func TestToolbarTipGoesWithItsButton(t *testing.T) {
	u, w, _ := sampleWindow(t, fyne.NewSize(1400, 900))
	d := fyne.CurrentApp().Driver()
	var help *ToolbarAction
	for _, a := range u.toolbar.Actions {
		if a.Label == "Keyboard shortcuts" {
			help = a
		}
	}
	point := func() *tipButton {
		t.Helper()
		b := shownButton(u, help)
		if b == nil {
			t.Fatal("the help button is not on the toolbar")
		}
		test.MoveMouse(w.Canvas(), d.AbsolutePositionForObject(b).Add(fyne.NewPos(b.Size().Width/2, b.Size().Height/2)))
		if !strings.Contains(u.Tip(), "F1") {
			t.Fatalf("over the help button the tip is %q", u.Tip())
		}
		return b
	}
	point()
	w.Resize(fyne.NewSize(800, 600))
	if shownButton(u, help) != nil {
		t.Fatal("at 800×600 the help button is still on the toolbar; the test needs it behind …")
	}
	if got := u.Tip(); got != "" || u.tips.bg.Visible() {
		t.Errorf("the help button went behind …, its tip %q stays", got)
	}
	w.Resize(fyne.NewSize(1400, 900))
	point()
	u.togglePane(paneDocuments) // the toolbar moves left
	if got := u.Tip(); got != "" {
		t.Errorf("the help button moved, its tip %q stays where it was", got)
	}
}
