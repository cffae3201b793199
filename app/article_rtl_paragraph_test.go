package app_test

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
)

// rtlParagraph is a paragraph that starts in Arabic (so it reads right to
// left, UAX #9 rules P2 and P3) and wraps onto several lines, between two
// left-to-right paragraphs.
const rtlParagraph = "قال وزير الخارجية العراقي إبراهيم الجعفري إن الصين عرضت المساعدة في عام 2014 على هزيمة المتطرفين، وإن بغداد ترحب بذلك الدعم الجوي الذي تحتاجه القوات العراقية في الشمال والغرب منذ أشهر طويلة."

const rtlParagraphText = "Iraq's foreign minister said on Monday:\n" + rtlParagraph + "\nEnd of quote.\n"

func TestRightToLeftParagraphIsLaidOutRightToLeft(t *testing.T) {
	text := rtlParagraphText
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	start, _ := runeRange(t, text, rtlParagraph)
	colon, _ := runeRange(t, text, ":\n")
	// the paragraph's first letter is drawn on the right, right of the
	// next, far right of the short line above's end
	x0, x1 := av.PositionOf(start).X, av.PositionOf(start+1).X
	if x1 >= x0 {
		t.Fatalf("the paragraph's second letter is drawn at x %v, right of its first (%v)", x1, x0)
	}
	if above := av.PositionOf(colon + 1).X; x0 < above+200 {
		t.Fatalf("the paragraph starts at x %v, not at the column's right (the line above ends at %v)", x0, above)
	}
	// a line of it that starts with Latin or digits still ends on the right
	if y0, y1 := av.PositionOf(start).Y, av.PositionOf(start+len([]rune(rtlParagraph))-1).Y; y1 <= y0 {
		t.Fatalf("the paragraph does not wrap (y %v to %v): make it longer", y0, y1)
	}

	// Ctrl+Left goes on through the paragraph, word by word leftwards,
	// then down to the next line's first word (on its right), and on into
	// the paragraph after it
	clickAt(w, av, 0)
	av.SetCaret(start)
	end, _ := runeRange(t, text, "End of")
	last, x, y := start, x0, av.PositionOf(start).Y
	lines := 1
	for k := 0; av.Caret() != end; k++ {
		if k > 60 {
			t.Fatalf("60 × Ctrl+Left did not reach the next paragraph; the caret is at %d", av.Caret())
		}
		shortcut(w, fyne.KeyLeft, ctrl)
		c := av.Caret()
		if c <= last {
			t.Fatalf("Ctrl+Left #%d went back in the text: %d after %d", k+1, c, last)
		}
		pos := av.PositionOf(c)
		switch {
		case c == end:
		case pos.Y > y:
			lines++
		case pos.X >= x:
			t.Fatalf("Ctrl+Left #%d moved the caret right on its line: x %v after %v (offset %d)", k+1, pos.X, x, c)
		}
		last, x, y = c, pos.X, pos.Y
	}
	if lines < 2 {
		t.Fatalf("Ctrl+Left went over %d lines of the paragraph, want all of them", lines)
	}
	// Ctrl+Left from there goes back up to the paragraph's last word's
	// end (drawn leftmost: before the full stop), and Ctrl+Right comes
	// back through the paragraph to its start
	shortcut(w, fyne.KeyLeft, ctrl)
	if want := start + len([]rune(rtlParagraph)) - 1; av.Caret() != want {
		t.Fatalf("Ctrl+Left from the next paragraph put the caret at %d, want %d (the end of the last word)", av.Caret(), want)
	}
	last = av.Caret()
	for k := 0; av.Caret() != start; k++ {
		if k > 60 {
			t.Fatalf("60 × Ctrl+Right did not come back to the paragraph's start; the caret is at %d", av.Caret())
		}
		shortcut(w, fyne.KeyRight, ctrl)
		if c := av.Caret(); c >= last {
			t.Fatalf("Ctrl+Right #%d went on in the text: %d after %d", k+1, c, last)
		}
		last = av.Caret()
	}

	// a double click on a word of it selects that word
	second, secondEnd := runeRange(t, text, "الجعفري")
	at := rtlMid(w, av, second+2)
	inset, _ := w.Canvas().InteractiveArea()
	local := at.Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(av).Add(inset))
	av.DoubleTapped(&fyne.PointEvent{Position: local, AbsolutePosition: at})
	if s, e := av.Selection(); s != second || e != secondEnd {
		t.Fatalf("a double click on ج selected %d-%d %q", s, e, []rune(text)[s:e])
	}
	shortcut(w, fyne.KeyLeft, ctrlShift) // Ctrl+Shift+Left: on over the next word, drawn left of it
	if s, e := av.Selection(); s != second || e != secondEnd+len([]rune(" إن")) {
		t.Fatalf("Ctrl+Shift+Left selected %d-%d %q", s, e, []rune(text)[s:e])
	}
	withShift(w, fyne.KeyRight, fyne.KeyRight, fyne.KeyRight) // back over "إن" and the space, as drawn
	if s, e := av.Selection(); s != second || e != secondEnd {
		t.Fatalf("Shift+Right ×3 left %d-%d %q selected", s, e, []rune(text)[s:e])
	}
	test.TypeOnCanvas(w.Canvas(), "1")
	storedOne(t, p, u, text, annotate.LabelActor, "الجعفري")
}

// A drag over several lines takes the text in reading order from the word
// pressed to the word under the pointer: here from the right-to-left
// paragraph's first word (drawn rightmost on its first line) down to a
// word on its second line.
func TestRightToLeftParagraphDragOverTwoLines(t *testing.T) {
	text := rtlParagraphText
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	start, _ := runeRange(t, text, rtlParagraph)
	y0 := av.PositionOf(start).Y
	// the first word that starts on the paragraph's second line
	var target string
	var ts, te int
	for _, wd := range strings.Fields(rtlParagraph) {
		s, e := runeRange(t, text, wd)
		if av.PositionOf(s).Y > y0 && bidiWord(wd) {
			target, ts, te = wd, s, e
			break
		}
	}
	if target == "" {
		t.Fatal("the paragraph has no second line")
	}
	// the word's second letter is drawn right of its third
	from := rtlMid(w, av, start+1)
	to := rtlMid(w, av, ts+1)
	if te-ts < 3 {
		t.Fatalf("the target word %q is too short", target)
	}
	test.Drag(w.Canvas(), to, to.X-from.X, to.Y-from.Y)
	if s, e := av.Selection(); s != start || e != te {
		t.Fatalf("the drag selected %d-%d %q, want %d-%d (from the first word to %q)", s, e, []rune(text)[s:e], start, te, target)
	}
	test.TypeOnCanvas(w.Canvas(), "2")
	want, _ := annotate.SliceRunes(text, start, te)
	storedOne(t, p, u, text, annotate.LabelClaim, want)
}

// bidiWord reports whether w is all Arabic letters.
func bidiWord(w string) bool {
	for _, r := range w {
		if r < 0x0600 || r > 0x06ff || r == '،' {
			return false
		}
	}
	return true
}
