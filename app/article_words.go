package app

import (
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Word motion as drawn: Ctrl+Left and Ctrl+Right move the caret to the
// next edge of a word on the screen in the arrow's direction, whatever
// the text's order. Ctrl+Left stops at the left edge of a word (its start
// in left-to-right text, its end in right-to-left text), Ctrl+Right at the
// right edge (its end, or its start in right-to-left text); past a line's
// last word the caret goes on to the line above (its rightmost word's left
// edge) or below (its leftmost word's right edge). Segments of
// punctuation alone (a full stop, a comma, quotes, a dash) and white
// space, line breaks included, are stepped over as GTK's text fields do,
// so that Ctrl+Shift+Left at the end of the text selects the last word,
// not its full stop and the line break.

// wordEdge is a place word motion stops: a code point boundary and the x
// of the caret there.
type wordEdge struct {
	off int
	x   float32
}

// isWordSegment reports whether a word segment (UAX #29) is a word for
// word motion: it holds something other than punctuation and white
// space.
func isWordSegment(seg string) bool {
	for _, r := range seg {
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			return true
		}
	}
	return false
}

// wordsOn returns the words (word segments for which isWordSegment holds)
// that overlap the code points [s, e), in text order.
func (l *articleLayout) wordsOn(s, e int) [][2]int {
	// start and end the window at white space, so that segmentation
	// begins on a true boundary
	lo, hi := s, e
	for lo > 0 && !unicode.IsSpace(l.runeAt(lo-1)) && s-lo < motionReach {
		lo--
	}
	for hi < l.n && !unicode.IsSpace(l.runeAt(hi)) && hi-e < motionReach {
		hi++
	}
	var out [][2]int
	rest, state, cp := l.text[l.ix.Byte(lo):l.ix.Byte(hi)], -1, lo
	for len(rest) > 0 {
		var seg string
		seg, rest, state = uniseg.FirstWordInString(rest, state)
		next := cp + utf8.RuneCountInString(seg)
		if next > s && cp < e && isWordSegment(seg) {
			out = append(out, [2]int{cp, next})
		}
		cp = next
	}
	return out
}

// wordEdges returns where word motion stops on line i: the left edge
// (right false) or the right edge of each word on it as drawn, in text
// order. Where a word too long for a line is split, the split is no edge.
func (l *articleLayout) wordEdges(i int, right bool) []wordEdge {
	ln := l.lines[i]
	s, e := int(ln.start), int(ln.end)
	// the line's end is the next line's start when the line wraps inside a
	// word: the caret there is on the next line
	endHere := i+1 >= len(l.lines) || int(l.lines[i+1].start) != e
	v := l.visual(i)
	var out []wordEdge
	for _, w := range l.wordsOn(s, e) {
		a, b := max(w[0], s), min(w[1], e)
		off := a
		switch {
		case v == nil && right:
			off = b
		case v != nil:
			rs := v.ranges(a-s, b-s)
			if len(rs) == 0 {
				continue
			}
			x := rs[0][0]
			if right {
				x = rs[len(rs)-1][1]
			}
			// the word's end drawn at x: its start or its end, whichever
			// caret is there (its end on the left of right-to-left text)
			if da, db := abs32(v.caretX(a-s)-x), abs32(v.caretX(b-s)-x); db < da {
				off = b
			}
		}
		if off == a && a != w[0] || off == b && (b != w[1] || b == e && !endHere) {
			continue // a split, not the word's edge
		}
		out = append(out, wordEdge{off, l.xOf(i, off)})
	}
	return out
}

// wordMove returns where Ctrl+Right (right) or Ctrl+Left takes the caret
// from off: the nearest word edge on the screen to that side on its line,
// else on the lines after or before; the text's end or start past the
// last word.
func (l *articleLayout) wordMove(off int, right bool) int {
	if len(l.lines) == 0 {
		return off
	}
	i := l.lineOf(off)
	x := l.xOf(i, off)
	const eps = 0.01
	best, bx := -1, float32(0)
	for _, ed := range l.wordEdges(i, right) {
		switch {
		case right && ed.x > x+eps && (best < 0 || ed.x < bx),
			!right && ed.x < x-eps && (best < 0 || ed.x > bx):
			best, bx = ed.off, ed.x
		}
	}
	if best >= 0 {
		return best
	}
	// past the line's last word that way: on in the text (Right in a
	// left-to-right paragraph, Left in a right-to-left one) to the first
	// word edge of the lines after, as they read, or back to the last of
	// the lines before
	forward := right != l.lines[i].rtl
	for {
		if forward {
			if i++; i >= len(l.lines) {
				return l.n
			}
		} else if i--; i < 0 {
			return 0
		}
		// the edge read first on the line (going on) or last: the
		// leftmost or the rightmost as the line's paragraph reads
		leftmost := forward != l.lines[i].rtl
		best := -1
		for _, ed := range l.wordEdges(i, right) {
			if best < 0 || leftmost && ed.x < bx || !leftmost && ed.x > bx {
				best, bx = ed.off, ed.x
			}
		}
		if best >= 0 {
			return best
		}
	}
}

// readsRTL reports whether the code point at off is drawn right to left
// (an odd embedding level on its line).
func (l *articleLayout) readsRTL(off int) bool {
	if len(l.lines) == 0 || off < 0 || off >= l.n {
		return false
	}
	i := l.lineOf(off)
	v := l.visual(i)
	k := off - int(l.lines[i].start)
	return v != nil && k < len(v.levels) && v.levels[k]%2 == 1
}

// paragraphRTLAt reports whether the code point at off is in a
// right-to-left paragraph.
func (l *articleLayout) paragraphRTLAt(off int) bool {
	return len(l.lines) > 0 && l.lines[l.lineOf(off)].rtl
}
