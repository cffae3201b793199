package app_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/app"
)

// The keys below are sent as Fyne's desktop driver sends them: Shift alone
// as KeyDown/KeyUp around plain key events, Ctrl or Alt combinations as
// shortcuts (the shortcut helper).

// withShift presses the keys with Shift held.
func withShift(w fyne.Window, keys ...fyne.KeyName) {
	f := w.Canvas().Focused().(desktop.Keyable)
	f.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for _, k := range keys {
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: k})
	}
	f.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}

// clickAt clicks the article at code point off, placing the caret there.
func clickAt(w fyne.Window, av *app.ArticleView, off int) {
	test.TapCanvas(w.Canvas(), canvasPos(w, av, off, 0.5))
}

func TestKeyboardSelectsAndTags(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	start, end := runeRange(t, text, "Wang Yi")

	clickAt(w, av, start)
	if av.Caret() != start {
		t.Fatalf("a click put the caret at %d, want %d", av.Caret(), start)
	}
	// Ctrl+Shift+Right twice: "Wang", then " Yi"
	shortcut(w, fyne.KeyRight, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	shortcut(w, fyne.KeyRight, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	if s, e := av.Selection(); s != start || e != end {
		t.Fatalf("Ctrl+Shift+Right twice selected %d-%d, want %d-%d", s, e, start, end)
	}
	// Shift+Left by character, then Shift+Right back
	withShift(w, fyne.KeyLeft)
	if s, e := av.Selection(); s != start || e != end-1 {
		t.Fatalf("Shift+Left selected %d-%d, want %d-%d", s, e, start, end-1)
	}
	withShift(w, fyne.KeyRight)
	test.TypeOnCanvas(w.Canvas(), "1")
	spans := spansOf(t, p, u.CurrentDocument())
	if len(spans) != 1 || spans[0].Start != start || spans[0].End != end || spans[0].Label != annotate.LabelActor {
		t.Fatalf("store holds %+v, want one ACTOR %d-%d", spans, start, end)
	}

	// Home and End stay on the caret's line; arrows collapse a selection
	key(w, fyne.KeyHome)
	line0 := av.Caret()
	key(w, fyne.KeyEnd)
	if av.Caret() <= line0 {
		t.Fatalf("End put the caret at %d, before Home's %d", av.Caret(), line0)
	}
	if s, e := av.Selection(); s != e {
		t.Fatalf("moving the caret left a selection %d-%d", s, e)
	}
}

func TestKeyboardResizesSelectedSpan(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	start, end := runeRange(t, text, "Ibrahim Jafari")
	dragAcross(w, av, start, start+len("Ibrahim"))
	test.TypeOnCanvas(w.Canvas(), "1")
	id := u.SelectedSpan()
	if id == "" {
		t.Fatal("the new span is not selected")
	}
	stored := func() annotate.Span {
		t.Helper()
		for _, s := range spansOf(t, p, u.CurrentDocument()) {
			if s.ID == id {
				return s
			}
		}
		t.Fatalf("span %s is gone", id)
		return annotate.Span{}
	}

	withShift(w, fyne.KeyRight) // the end takes in "Jafari"
	if s := stored(); s.Start != start || s.End != end {
		t.Fatalf("Shift+Right: stored %d-%d, want %d-%d", s.Start, s.End, start, end)
	}
	if u.SelectedSpan() != id {
		t.Fatalf("the resized span is no longer selected (%q)", u.SelectedSpan())
	}
	before, _ := runeRange(t, text, "according to Ibrahim")
	shortcut(w, fyne.KeyLeft, fyne.KeyModifierAlt|fyne.KeyModifierShift) // the start takes in "to"
	shortcut(w, fyne.KeyLeft, fyne.KeyModifierAlt|fyne.KeyModifierShift) // and "according"
	if s := stored(); s.Start != before || s.End != end {
		t.Fatalf("Alt+Shift+Left twice: stored %d-%d, want %d-%d", s.Start, s.End, before, end)
	}
	withShift(w, fyne.KeyLeft) // the end gives back "Jafari"
	if s := stored(); s.End != start+len("Ibrahim") {
		t.Fatalf("Shift+Left: stored end %d, want %d", s.End, start+len("Ibrahim"))
	}
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault) // Ctrl+Z: one step back
	if s := stored(); s.Start != before || s.End != end {
		t.Fatalf("undo: stored %d-%d, want %d-%d", s.Start, s.End, before, end)
	}
	if n := len(spansOf(t, p, u.CurrentDocument())); n != 1 {
		t.Fatalf("resizing left %d spans, want 1", n)
	}
}

func TestTabMovesFromSpanToSpan(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	for _, s := range []string{"China", "Wang Yi", "Ibrahim Jafari"} {
		a, b := runeRange(t, text, s)
		av.SetSelection(0, 0)
		dragAcross(w, av, a, b)
		test.TypeOnCanvas(w.Canvas(), "1")
	}
	// text order: China, Ibrahim Jafari (first paragraph), Wang Yi
	spans := spansOf(t, p, u.CurrentDocument())
	if len(spans) != 3 {
		t.Fatalf("store holds %d spans", len(spans))
	}
	key(w, fyne.KeyEscape)
	clickAt(w, av, 0)
	var got []string
	for range 3 {
		key(w, fyne.KeyTab)
		got = append(got, u.SelectedSpan())
	}
	for i, s := range spans {
		if got[i] != s.ID {
			t.Fatalf("Tab %d selected %q, want %q (text order)", i+1, got[i], s.ID)
		}
	}
	key(w, fyne.KeyTab) // past the last span: stays
	if u.SelectedSpan() != spans[2].ID {
		t.Fatalf("Tab past the last span selected %q", u.SelectedSpan())
	}
	withShift(w, fyne.KeyTab)
	if u.SelectedSpan() != spans[1].ID {
		t.Fatalf("Shift+Tab selected %q, want %q", u.SelectedSpan(), spans[1].ID)
	}
	// Enter opens the span's note; F6 goes on to the article again
	key(w, fyne.KeyReturn)
	if _, ok := w.Canvas().Focused().(*app.ArticleView); ok {
		t.Fatal("Enter on a selected span left the focus in the article")
	}
	key(w, fyne.KeyF6)
	if w.Canvas().Focused() != av {
		t.Fatalf("F6 from the note focused %T, want the article", w.Canvas().Focused())
	}
	key(w, fyne.KeyF6)
	if _, ok := w.Canvas().Focused().(*app.ArticleView); ok {
		t.Fatal("F6 from the article kept the focus there")
	}
}

// TestDragHandleResizesSpan drags the knob below the selected span's end
// to the next word: the span takes it in, keeping its id, as one undoable
// step; a drag starting on the text still selects text.
func TestDragHandleResizesSpan(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	start, end := runeRange(t, text, "Ibrahim Jafari")
	mid := start + len("Ibrahim")
	dragAcross(w, av, start, mid)
	test.TypeOnCanvas(w.Canvas(), "1")
	id := u.SelectedSpan()
	knob := func(off int) fyne.Position {
		p := canvasPos(w, av, off, 0)
		return fyne.NewPos(p.X, p.Y-av.TextSize()*0.6+av.TextSize()*1.35+3)
	}
	from := knob(mid)
	to := canvasPos(w, av, end-2, 0) // inside "Jafari": snaps to its end
	test.Drag(w.Canvas(), to, to.X-from.X, to.Y-from.Y)
	spans := spansOf(t, p, u.CurrentDocument())
	if len(spans) != 1 || spans[0].ID != id || spans[0].Start != start || spans[0].End != end {
		t.Fatalf("after dragging the end handle the store holds %+v, want %s at %d-%d", spans, id, start, end)
	}
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if spans := spansOf(t, p, u.CurrentDocument()); spans[0].End != mid {
		t.Fatalf("undo left the end at %d, want %d", spans[0].End, mid)
	}
	// the start handle, to the word before
	before, _ := runeRange(t, text, "to Ibrahim")
	from = knob(start)
	to = canvasPos(w, av, before+1, 0)
	test.Drag(w.Canvas(), to, to.X-from.X, to.Y-from.Y)
	if spans := spansOf(t, p, u.CurrentDocument()); spans[0].Start != before || spans[0].End != mid {
		t.Fatalf("after dragging the start handle: %d-%d, want %d-%d", spans[0].Start, spans[0].End, before, mid)
	}
}
