package app

import (
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"pgregory.net/rapid"

	"claimdesk/annotate"
)

// artBidiParagraph draws one paragraph mixing Latin, Hebrew and Arabic
// words with digits, punctuation and spaces.
func artBidiParagraph(t *rapid.T) string {
	parts := rapid.SliceOfN(rapid.SampledFrom([]string{
		"abc", "Wang", "אבג", "דהו", "إبراهيم", "الجعفري", "2014", "1,200", " ", " ", " ", ", ", ". ", "(", ")", "“", "”", "—",
	}), 1, 30).Draw(t, "parts")
	return strings.Join(parts, "")
}

// Ctrl+Left and Ctrl+Right over one wrapped paragraph of either direction:
// each step lands on a word's edge (or the text's ends; never where a
// word too long for its line is split), moves the caret
// the arrow's way on the screen while it stays on its line, and going on
// in the reading direction (Right in a left-to-right paragraph, Left in a
// right-to-left one) reaches the end of the text without coming back.
func TestWordMoveProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := artBidiParagraph(t)
		l := newArticleLayout(text, newArticleMetrics(artFakeMeasure))
		l.wrap(float32(rapid.IntRange(40, 400).Draw(t, "width")))
		edges := map[int]bool{0: true, l.n: true}
		for _, w := range l.wordsOn(0, l.n) {
			edges[w[0]], edges[w[1]] = true, true
		}
		rtl := len(l.lines) > 0 && l.lines[0].rtl
		if rtl != paragraphRTL(text) {
			t.Fatalf("the lines' direction %v, the paragraph's %v", rtl, paragraphRTL(text))
		}
		forward := !rtl // Right goes on in a left-to-right paragraph
		off, steps := 0, 0
		limit := 2*len(edges) + len(l.lines) + 2
		for off != l.n {
			if steps++; steps > limit {
				t.Fatalf("%d steps of Ctrl+%v from the start did not reach the end (%d) of %q: at %d", limit, map[bool]string{true: "Right", false: "Left"}[forward], l.n, text, off)
			}
			next := l.wordMove(off, forward)
			if !edges[next] {
				t.Fatalf("Ctrl+arrow from %d went to %d, not a word's edge in %q", off, next, text)
			}
			i, j := l.lineOf(off), l.lineOf(next)
			if i == j && next != l.n {
				x0, x1 := l.xOf(i, off), l.xOf(j, next)
				if forward && x1 <= x0 || !forward && x1 >= x0 {
					t.Fatalf("Ctrl+%v from %d (x %v) went to %d (x %v) on the same line of %q", map[bool]string{true: "Right", false: "Left"}[forward], off, x0, next, x1, text)
				}
			}
			if next == off {
				t.Fatalf("Ctrl+arrow from %d did not move in %q", off, text)
			}
			off = next
		}
		// and back: the other arrow from the end reaches the start
		steps = 0
		for off != 0 {
			if steps++; steps > limit {
				t.Fatalf("%d steps back from the end did not reach the start of %q: at %d", limit, text, off)
			}
			off = l.wordMove(off, !forward)
		}
	})
}

// A word selection started from the caret (Ctrl+Shift+Left or Right, from
// anywhere) holds a word, and neither starts nor ends with white space or
// punctuation: never a lone full stop or line break.
func TestWordSelectionHoldsAWord(t *testing.T) {
	a, _ := artNew(t, "x", nil)
	rapid.Check(t, func(t *rapid.T) {
		paras := rapid.SliceOfN(rapid.Custom(artBidiParagraph), 1, 4).Draw(t, "paragraphs")
		text := strings.Join(paras, "\n")
		if rapid.Bool().Draw(t, "endsWithLineBreak") {
			text += ".\n"
		}
		a.SetDocument(text, nil, annotate.DefaultLabels())
		a.ensureLayout()
		runes := []rune(text)
		a.SetCaret(rapid.IntRange(0, len(runes)).Draw(t, "caret"))
		key := fyne.KeyLeft
		if rapid.Bool().Draw(t, "right") {
			key = fyne.KeyRight
		}
		a.TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
		s, e := a.Selection()
		if s == e {
			return
		}
		sel := string(runes[s:e])
		first, last := runes[s], runes[e-1]
		if unicode.IsSpace(first) || unicode.IsPunct(first) || unicode.IsSpace(last) || unicode.IsPunct(last) {
			t.Fatalf("Ctrl+Shift+%s from %d selected %q (%d-%d) in %q", key, a.Caret(), sel, s, e, text)
		}
		if !isWordSegment(sel) {
			t.Fatalf("Ctrl+Shift+%s selected %q, no word", key, sel)
		}
	})
}

// Left and Right over one wrapped paragraph of either direction: going on
// in the reading direction from the first line's start as drawn, the
// caret stops at every cluster boundary once (but those inside a wrapped
// line's trailing white space) until it can go no further, and the other
// arrow comes back the same way.
func TestCaretStepReachesEveryPlace(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := artBidiParagraph(t)
		l := newArticleLayout(text, newArticleMetrics(artFakeMeasure))
		l.wrap(float32(rapid.IntRange(40, 400).Draw(t, "width")))
		forward := !paragraphRTL(text) // Right goes on
		off := l.lineEntry(0, forward)
		path := []int{off}
		seen := map[int]bool{off: true}
		for {
			next := l.caretStep(off, forward)
			if next == off {
				break
			}
			if seen[next] {
				t.Fatalf("the arrow from %d came back to %d in %q (path %v)", off, next, text, path)
			}
			seen[next] = true
			path = append(path, next)
			off = next
		}
		for k := 0; ; k = l.clusterStep(k, true) {
			i := l.lineOf(k)
			inTrailing := l.wrapsAt(i) && k > l.lineBound(k, true)
			if !seen[k] && !inTrailing {
				t.Fatalf("the caret never stopped at %d of %q (path %v)", k, text, path)
			}
			if k == l.n {
				break
			}
		}
		for m := len(path) - 1; m > 0; m-- {
			if back := l.caretStep(path[m], !forward); back != path[m-1] {
				t.Fatalf("the other arrow from %d went to %d, want back to %d in %q (path %v)", path[m], back, path[m-1], text, path)
			}
		}
	})
}

// Across a change of paragraph direction the arrows go to the other
// paragraph's start or end in the text's order.
func TestCaretCrossesParagraphDirections(t *testing.T) {
	const text = "Wang said:\nאבג דהו.\nEnd"
	l := newArticleLayout(text, newArticleMetrics(artFakeMeasure))
	l.wrap(1000)
	at := func(sub string) int { return artOffset(t, text, sub) }
	heb, end := at("אבג"), at("End")
	if !l.lines[1].rtl || l.lines[0].rtl || l.lines[2].rtl {
		t.Fatalf("paragraph directions %v %v %v, want left to right, right to left, left to right", l.lines[0].rtl, l.lines[1].rtl, l.lines[2].rtl)
	}
	steps := []struct {
		name      string
		from      int
		right     bool
		want      int
		wordsWant int
	}{
		{"Right at the end of the first paragraph", heb - 1, true, heb, heb},
		{"Right at the start of the Hebrew paragraph (drawn rightmost)", heb, true, heb - 1, at("said") + len("said")},
		{"Left at the end of the Hebrew paragraph (drawn leftmost)", end - 1, false, end, end},
		{"Left at the start of the last paragraph", end, false, end - 1, at("דהו") + 3},
	}
	for _, s := range steps {
		if got := l.caretStep(s.from, s.right); got != s.want {
			t.Errorf("%s: the caret went from %d to %d, want %d", s.name, s.from, got, s.want)
		}
		if got := l.wordMove(s.from, s.right); got != s.wordsWant {
			t.Errorf("%s, with Ctrl: the caret went from %d to %d, want %d", s.name, s.from, got, s.wordsWant)
		}
	}
}
