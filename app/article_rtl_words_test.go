package app_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
)

// Word motion in the test article's line "… (in Arabic: إبراهيم الجعفري).":
// the name is drawn right to left, its first word on the right. Ctrl+Left
// and Ctrl+Right go from word edge to word edge as drawn.

const (
	ctrl      = fyne.KeyModifierShortcutDefault
	ctrlShift = fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift
	altShift  = fyne.KeyModifierAlt | fyne.KeyModifierShift
)

func TestRightToLeftCtrlArrowsGoWordByWordAsDrawn(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	arabic, _ := runeRange(t, text, "Arabic:")
	first, _ := runeRange(t, text, "إبراهيم")
	second, end := runeRange(t, text, "الجعفري")
	clickAt(w, av, 0)
	av.SetCaret(arabic)
	// Right: the end of "Arabic" (the colon and the bracket are stepped
	// over), then the right edge of each Arabic word from the left: the
	// second word's start, then the first word's
	want := []int{arabic + len("Arabic"), second, first}
	x := av.PositionOf(arabic).X
	for k, off := range want {
		shortcut(w, fyne.KeyRight, ctrl)
		if av.Caret() != off {
			t.Fatalf("Ctrl+Right #%d put the caret at %d, want %d", k+1, av.Caret(), off)
		}
		if nx := av.PositionOf(off).X; nx <= x {
			t.Fatalf("Ctrl+Right #%d moved the caret left on the screen: x %v after %v", k+1, nx, x)
		} else {
			x = nx
		}
	}
	// Left: the left edge of the first word (its end), of the second (the
	// name's end), then the start of "Arabic"
	want = []int{first + len([]rune("إبراهيم")), end, arabic}
	for k, off := range want {
		shortcut(w, fyne.KeyLeft, ctrl)
		if av.Caret() != off {
			t.Fatalf("Ctrl+Left #%d put the caret at %d, want %d", k+1, av.Caret(), off)
		}
		if nx := av.PositionOf(off).X; nx >= x {
			t.Fatalf("Ctrl+Left #%d moved the caret right on the screen: x %v after %v", k+1, nx, x)
		} else {
			x = nx
		}
	}
	// Ctrl+Shift+Left from the name's right edge selects its first word
	av.SetCaret(first)
	shortcut(w, fyne.KeyLeft, ctrlShift)
	if s, e := av.Selection(); s != first || e != second-1 {
		t.Fatalf("Ctrl+Shift+Left from the name's right edge selected %d-%d %q", s, e, []rune(text)[s:e])
	}
	shortcut(w, fyne.KeyLeft, ctrlShift) // and on over the second word
	if s, e := av.Selection(); s != first || e != end {
		t.Fatalf("Ctrl+Shift+Left twice selected %d-%d %q", s, e, []rune(text)[s:e])
	}
	test.TypeOnCanvas(w.Canvas(), "1")
	storedOne(t, p, u, text, annotate.LabelActor, "إبراهيم الجعفري")
}

// Shift+Left/Right move a selected span's end and Alt+Shift+Left/Right its
// start, the way the arrow points on the screen: in right-to-left text the
// end is drawn on the span's left, so Shift+Left takes in the next word.
func TestRightToLeftShiftArrowsMoveSpanEndsAsDrawn(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	first, _ := runeRange(t, text, "إبراهيم")
	second, end := runeRange(t, text, "الجعفري")
	clickAt(w, av, 0)
	av.SetCaret(second)
	shortcut(w, fyne.KeyLeft, ctrlShift)
	test.TypeOnCanvas(w.Canvas(), "1")
	storedOne(t, p, u, text, annotate.LabelActor, "الجعفري")
	if u.SelectedSpan() == "" {
		t.Fatal("the new span is not selected")
	}
	// Alt+Shift+Right: the start, drawn on the right, goes right over
	// the first word
	shortcut(w, fyne.KeyRight, altShift)
	storedOne(t, p, u, text, annotate.LabelActor, "إبراهيم الجعفري")
	// Alt+Shift+Left gives it back; Shift+Right moves the end (drawn on
	// the left) right: the span cannot become empty, so nothing moves
	shortcut(w, fyne.KeyLeft, altShift)
	storedOne(t, p, u, text, annotate.LabelActor, "الجعفري")
	withShift(w, fyne.KeyRight)
	storedOne(t, p, u, text, annotate.LabelActor, "الجعفري")
	// from the first word: Shift+Left takes in the second, drawn left of it
	clickAt(w, av, 0)
	av.SetCaret(first)
	shortcut(w, fyne.KeyLeft, ctrlShift)
	test.TypeOnCanvas(w.Canvas(), "2")
	id := u.SelectedSpan()
	withShift(w, fyne.KeyLeft)
	for _, s := range spansOf(t, p, u.CurrentDocument()) {
		if s.ID == id && (s.Start != first || s.End != end) {
			got, _ := annotate.SliceRunes(text, s.Start, s.End)
			t.Fatalf("Shift+Left on the first word stored %q (%d-%d), want the name %d-%d", got, s.Start, s.End, first, end)
		}
	}
	// Alt+Shift+Right: the start is the name's right edge, and the word
	// before it in the text ("Arabic") is drawn left of the name: it stays
	shortcut(w, fyne.KeyRight, altShift)
	for _, s := range spansOf(t, p, u.CurrentDocument()) {
		if s.ID == id && (s.Start != first || s.End != end) {
			got, _ := annotate.SliceRunes(text, s.Start, s.End)
			t.Fatalf("Alt+Shift+Right at the run's right edge stored %q (%d-%d), want the name %d-%d", got, s.Start, s.End, first, end)
		}
	}
	withShift(w, fyne.KeyRight)
	for _, s := range spansOf(t, p, u.CurrentDocument()) {
		if s.ID == id && (s.Start != first || s.End != second-1) {
			t.Fatalf("Shift+Right stored %d-%d, want the first word %d-%d", s.Start, s.End, first, second-1)
		}
	}
}

// At the end of the text ("… bloggers like this:\n"), Ctrl+End then
// Ctrl+Shift+Left selects the last word, not its colon and the line break.
func TestCtrlShiftLeftAtTheEndSelectsTheLastWord(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	clickAt(w, av, 0)
	shortcut(w, fyne.KeyEnd, ctrl)
	n := len([]rune(text))
	if av.Caret() != n {
		t.Fatalf("Ctrl+End put the caret at %d, want %d", av.Caret(), n)
	}
	shortcut(w, fyne.KeyLeft, ctrlShift)
	last, lastEnd := runeRange(t, text, "this:\n")
	lastEnd = last + len("this")
	if s, e := av.Selection(); s != last || e != lastEnd {
		t.Fatalf("Ctrl+End, Ctrl+Shift+Left selected %d-%d %q, want %q", s, e, []rune(text)[s:e], "this")
	}
	shortcut(w, fyne.KeyLeft, ctrlShift) // one more word: "like this"
	if s, e := av.Selection(); s != last-len("like ") || e != lastEnd {
		t.Fatalf("a second Ctrl+Shift+Left selected %d-%d %q, want %q", s, e, []rune(text)[s:e], "like this")
	}
	shortcut(w, fyne.KeyRight, ctrlShift) // back
	test.TypeOnCanvas(w.Canvas(), "1")
	storedOne(t, p, u, text, annotate.LabelActor, "this")
}
