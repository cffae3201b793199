package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// TestAltDragThenKeyReachesArticle sends what Fyne 2.7.1's GLFW driver
// sends around an Alt+drag: KeyDown(Alt) to the focused object, MouseDown
// with Alt, Dragged, then at the button's release MouseUp (Alt still held)
// before DragEnd; at Alt's release the driver opens the main menu, which
// takes the focus (c.Focus of the menu's first item; here a focusable
// stand-in, since the test canvas has no menu bar), and then gives KeyUp
// to the focused object; the next key goes to the focused object. The
// label key must reach the article, not the menu.
func TestAltDragThenKeyReachesArticle(t *testing.T) {
	text := artLoad(t)
	test.NewTempApp(t)
	a := NewArticleView()
	a.SetDocument(text, nil, annotate.DefaultLabels())
	menu := widget.NewEntry() // the menu bar item's stand-in
	w := test.NewTempWindow(t, container.NewBorder(menu, nil, nil, nil, a))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 700))
	c := w.Canvas()
	var typed []rune
	a.OnTypedRune = func(r rune) { typed = append(typed, r) }

	altDrag := func(from, to fyne.Position, press func(*desktop.MouseEvent)) {
		t.Helper()
		press(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from, AbsolutePosition: from.Add(a.Position())}, Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierAlt})
		a.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
		a.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: to}, Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierAlt})
		a.DragEnd()
	}
	releaseAlt := func() {
		c.Focus(menu) // the driver's ToggleMenu
		c.Focused().(desktop.Keyable).KeyUp(&fyne.KeyEvent{Name: desktop.KeyAltLeft})
	}

	c.Focus(a)
	c.Focused().(desktop.Keyable).KeyDown(&fyne.KeyEvent{Name: desktop.KeyAltLeft})
	wang := artOffset(t, text, "Wang Yi")
	altDrag(artMid(a, wang+1), artMid(a, wang+5), a.MouseDown)
	if s, e := a.Selection(); s != wang+1 || e != wang+6 {
		t.Fatalf("Alt drag: Selection() = %q, want %q", a.spanText(annotate.Span{Start: s, End: e}), "ang Y")
	}
	releaseAlt()
	c.Focused().TypedRune('3')
	if string(typed) != "3" || c.Focused() != a {
		t.Fatalf("after an Alt+drag and Alt's release, 3 reached %T (the article got %q)", c.Focused(), string(typed))
	}
	if n := len(c.Overlays().List()); n != 0 {
		t.Fatalf("%d overlay(s) left on the canvas", n)
	}

	// Two Alt+drags with Alt held throughout: the second press lands on
	// what holds the keyboard meanwhile (an overlay takes the pointer) and
	// must still start the article's exact selection.
	typed = nil
	c.Focused().(desktop.Keyable).KeyDown(&fyne.KeyEvent{Name: desktop.KeyAltLeft})
	altDrag(artMid(a, wang+1), artMid(a, wang+5), a.MouseDown)
	top, ok := c.Overlays().Top().(desktop.Mouseable)
	if !ok {
		t.Fatalf("with Alt held after the drag, the pointer would go to %T", c.Overlays().Top())
	}
	altDrag(artMid(a, wang), artMid(a, wang+2), top.MouseDown)
	if s, e := a.Selection(); s != wang || e != wang+3 {
		t.Fatalf("second Alt drag: Selection() = %q, want %q", a.spanText(annotate.Span{Start: s, End: e}), "Wan")
	}
	releaseAlt()
	c.Focused().TypedRune('2')
	if string(typed) != "2" || c.Focused() != a {
		t.Fatalf("after two Alt+drags, 2 reached %T (the article got %q)", c.Focused(), string(typed))
	}
}
