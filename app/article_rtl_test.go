package app_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/app"
)

// The test article quotes an Arabic name, "إبراهيم الجعفري", drawn right to
// left inside a left-to-right line: its first word is the one on the
// right. These tests click, drag and move the caret where the letters are
// drawn and check what is stored.

// rtlMid returns the canvas position of the middle of the right-to-left
// code point at off, drawn between the caret places of off (its right
// edge) and off+1 (its left edge, when off+1 is in the same run).
func rtlMid(w fyne.Window, av *app.ArticleView, off int) fyne.Position {
	right, left := canvasPos(w, av, off, 0), canvasPos(w, av, off+1, 0)
	return fyne.NewPos((left.X+right.X)/2, right.Y)
}

// storedOne checks that the project holds one span, of label over want.
func storedOne(t *testing.T, p app.Project, u *app.UI, text, label, want string) {
	t.Helper()
	spans := spansOf(t, p, u.CurrentDocument())
	if len(spans) != 1 {
		t.Fatalf("store holds %d spans, want 1: %+v", len(spans), spans)
	}
	got, _ := annotate.SliceRunes(text, spans[0].Start, spans[0].End)
	if got != want || spans[0].Label != label {
		t.Fatalf("stored %s %q (%d-%d), want %s %q", spans[0].Label, got, spans[0].Start, spans[0].End, label, want)
	}
}

func TestRightToLeftDoubleClickSelectsTheWordDrawnThere(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	second, _ := runeRange(t, text, "الجعفري")
	first, _ := runeRange(t, text, "إبراهيم")
	at := rtlMid(w, av, second+2) // "ج", drawn left of the first name
	if left := rtlMid(w, av, first+2); at.X >= left.X {
		t.Fatalf("the second word is drawn at x %v, right of the first (%v): not right to left", at.X, left.X)
	}
	inset, _ := w.Canvas().InteractiveArea()
	local := at.Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(av).Add(inset))
	av.DoubleTapped(&fyne.PointEvent{Position: local, AbsolutePosition: at})
	if s, e := av.Selection(); s != second || e != second+len([]rune("الجعفري")) {
		t.Fatalf("a double click on ج selected %d-%d %q", s, e, []rune(text)[s:e])
	}
	test.TypeOnCanvas(w.Canvas(), "1")
	storedOne(t, p, u, text, annotate.LabelActor, "الجعفري")
}

func TestRightToLeftDragSelectsTheLettersCovered(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	start, end := runeRange(t, text, "إبراهيم الجعفري")
	// from the middle of the first letter (the rightmost) to the middle
	// of the last (the leftmost, before the closing bracket)
	from, to := rtlMid(w, av, start), rtlMid(w, av, end-1)
	if to.X >= from.X {
		t.Fatalf("the name's last letter is drawn at x %v, right of its first (%v)", to.X, from.X)
	}
	test.Drag(w.Canvas(), to, to.X-from.X, to.Y-from.Y)
	if s, e := av.Selection(); s != start || e != end {
		t.Fatalf("the drag selected %d-%d %q, want %d-%d", s, e, []rune(text)[s:e], start, end)
	}
	test.TypeOnCanvas(w.Canvas(), "1")
	storedOne(t, p, u, text, annotate.LabelActor, "إبراهيم الجعفري")
}

func TestRightToLeftCaretMovesAsDrawn(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	start, end := runeRange(t, text, "إبراهيم")
	clickAt(w, av, 0)
	av.SetCaret(start)
	// Left moves the caret left on the screen: into the name, which
	// reads from the right
	key(w, fyne.KeyLeft)
	if av.Caret() != start+1 {
		t.Fatalf("Left from the name's start put the caret at %d, want %d (after its first letter)", av.Caret(), start+1)
	}
	key(w, fyne.KeyRight)
	if av.Caret() != start {
		t.Fatalf("Right put the caret at %d, want back at %d", av.Caret(), start)
	}
	if x0, x1 := av.PositionOf(start).X, av.PositionOf(start+1).X; x1 >= x0 {
		t.Fatalf("the caret after the first letter is drawn at x %v, not left of the name's start (%v)", x1, x0)
	}
	// Shift+Left over the seven letters selects the first word
	withShift(w, fyne.KeyLeft, fyne.KeyLeft, fyne.KeyLeft, fyne.KeyLeft, fyne.KeyLeft, fyne.KeyLeft, fyne.KeyLeft)
	if s, e := av.Selection(); s != start || e != end {
		t.Fatalf("Shift+Left ×7 selected %d-%d %q, want %d-%d", s, e, []rune(text)[s:e], start, end)
	}
	test.TypeOnCanvas(w.Canvas(), "1")
	storedOne(t, p, u, text, annotate.LabelActor, "إبراهيم")
}

// A drag from the name's first letter (drawn rightmost) leftwards over the
// whole name to the space before it takes what it went over: the name,
// not the letters between the two ends in the text's order (the space and
// the first letter).
func TestRightToLeftDragPastTheRunTakesWhatItCovered(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	start, end := runeRange(t, text, "إبراهيم الجعفري")
	from := rtlMid(w, av, start)
	space := canvasPos(w, av, start-1, 0) // the space before the name: its left edge…
	runLeft := canvasPos(w, av, end, 0)   // … and the name's left edge, its right
	if runLeft.X <= space.X || runLeft.X >= from.X {
		t.Fatalf("the name is not drawn right to left after the space: space %v, name %v–%v", space.X, runLeft.X, from.X)
	}
	to := fyne.NewPos((space.X+runLeft.X)/2, from.Y)
	test.Drag(w.Canvas(), to, to.X-from.X, to.Y-from.Y)
	if s, e := av.Selection(); s != start || e != end {
		t.Fatalf("the drag selected %d-%d %q, want %d-%d (the name)", s, e, []rune(text)[s:e], start, end)
	}
	test.TypeOnCanvas(w.Canvas(), "1")
	storedOne(t, p, u, text, annotate.LabelActor, "إبراهيم الجعفري")
}

// A drag over several lines takes the text in reading order from the word
// pressed to the word under the pointer: pressed on the name's second
// word (drawn on the left) and released on "Wang" in the next paragraph,
// it takes the second word on, not the first (drawn right of the press).
func TestRightToLeftDragOverSeveralLinesTakesReadingOrder(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	second, _ := runeRange(t, text, "الجعفري")
	wang, _ := runeRange(t, text, "Wang Yi, Mr Jafari")
	from := rtlMid(w, av, second+2)
	to := canvasPos(w, av, wang+1, 2)
	if to.Y <= from.Y {
		t.Fatalf("Wang (y %v) is not below the name (y %v)", to.Y, from.Y)
	}
	test.Drag(w.Canvas(), to, to.X-from.X, to.Y-from.Y)
	if s, e := av.Selection(); s != second || e != wang+len("Wang") {
		t.Fatalf("the drag selected %d-%d %q, want %d-%d", s, e, []rune(text)[s:e], second, wang+len("Wang"))
	}
	test.TypeOnCanvas(w.Canvas(), "2")
	want, _ := annotate.SliceRunes(text, second, wang+len("Wang"))
	storedOne(t, p, u, text, annotate.LabelClaim, want)
}
