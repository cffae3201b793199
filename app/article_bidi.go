package app

// Right-to-left runs inside the article's left-to-right lines. A line that
// holds Hebrew, Arabic, Persian or another right-to-left script is drawn in
// visual order (the Unicode bidirectional algorithm, UAX #9, for a
// left-to-right paragraph: golang.org/x/text/unicode/bidi), and clicks,
// drags and the caret follow what is drawn: each code point has a box on
// the screen, and hit-testing maps a box back to the code point.
//
// Fyne draws a canvas.Text that mixes directions by shaping each run of
// one direction and one font on its own and placing the runs in logical
// order, so that a comma inside a right-to-left run (a glyph of another
// font) lands on the wrong side, and numbers inside right-to-left text are
// misplaced (seen under Xvfb). So a line with right-to-left text is drawn
// as several texts, one per piece of the visual order that Fyne shapes as
// it should: a left-to-right stretch, a right-to-left word (letters and
// marks only), or one neutral character, mirrored ("(" as ")") inside a
// right-to-left run.

import (
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/bidi"
)

// bidiHasRTL reports whether s holds a right-to-left character (of class
// R or AL), the only case in which a line's visual order differs from its
// logical order.
func bidiHasRTL(s string) bool {
	for _, r := range s {
		if r < 0x0590 {
			continue
		}
		if c := bidiClass(r); c == bidi.R || c == bidi.AL {
			return true
		}
	}
	return false
}

// bidiLevels returns the embedding level of each code point of a line in
// a left-to-right paragraph, or a right-to-left one (rtl): 0 left to
// right, 1 right to left, 2 left-to-right text and numbers inside
// right-to-left text (which read left to right in it).
func bidiLevels(runes []rune, rtl bool) []uint8 {
	levels := make([]uint8, len(runes))
	if len(runes) == 0 {
		return levels
	}
	// a mark of the paragraph's direction first: x/text takes a
	// paragraph's direction from its first strong character, and a
	// line's paragraph may start on an earlier line
	mark, dir := "\u200e", bidi.LeftToRight
	if rtl {
		mark, dir = "\u200f", bidi.RightToLeft
		for k := range levels {
			levels[k] = 1
		}
	}
	var p bidi.Paragraph
	if _, err := p.SetString(mark+string(runes), bidi.DefaultDirection(dir)); err != nil {
		return levels
	}
	o, err := p.Order()
	if err != nil {
		return levels
	}
	for i := 0; i < o.NumRuns(); i++ {
		r := o.Run(i)
		lvl := uint8(1)
		switch {
		case !rtl && r.Direction() != bidi.RightToLeft:
			continue
		case rtl && r.Direction() == bidi.RightToLeft:
			continue
		case rtl:
			lvl = 2
		}
		s, e := r.Pos()
		for k := max(s, 1); k <= e && k-1 < len(runes); k++ {
			levels[k-1] = lvl
		}
	}
	// x/text reports directions, not levels: numbers after a
	// right-to-left letter (rules W2 and W7 leave them numbers, I1 raises
	// them to 2), with the separators and terminators between and after
	// their digits (W4, W5), read left to right inside the run.
	inRTL := rtl // the last strong character reads right to left (sos: the paragraph's direction)
	for k := 0; k < len(runes); k++ {
		switch bidiClass(runes[k]) {
		case bidi.L:
			inRTL = false
		case bidi.R, bidi.AL:
			inRTL = true
		case bidi.EN, bidi.AN:
			if !inRTL {
				continue
			}
			e := k + 1
			for e < len(runes) {
				c := bidiClass(runes[e])
				if c == bidi.EN || c == bidi.AN || c == bidi.ET || c == bidi.NSM {
					e++
					continue
				}
				if (c == bidi.ES || c == bidi.CS) && e+1 < len(runes) {
					if n := bidiClass(runes[e+1]); n == bidi.EN || n == bidi.AN {
						e += 2
						continue
					}
				}
				break
			}
			for ; k < e; k++ {
				levels[k] = 2
			}
			k--
		}
	}
	return levels
}

// bidiClass returns r's bidirectional class.
func bidiClass(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// bidiVisualOrder returns, for each visual position from left to right,
// the logical index of the code point drawn there (rule L2: from the
// highest level down to 1, every run at that level or higher is
// reversed).
func bidiVisualOrder(levels []uint8) []int {
	order := make([]int, len(levels))
	var top uint8
	for i, l := range levels {
		order[i] = i
		top = max(top, l)
	}
	for lvl := top; lvl >= 1; lvl-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lvl {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	return order
}

// bidiBaseline comes first in the text of a right-to-left word: Fyne
// (internal/painter DrawString) puts a text's baseline at the ascent of the
// font of its first run, and a word in a script the theme's font lacks
// would stand higher or lower than the rest of its line. A zero width
// space is drawn in the theme's font (go-text gives a default-ignorable
// character the font of the run it starts, so it makes a run of its own),
// with no width.
const bidiBaseline = "\u200b"

// bidiPiece is a piece of a line drawn as one text: code points [start,
// end) of the line, in logical order, and where it is drawn.
type bidiPiece struct {
	start, end int
	rtl        bool
	text       string  // what is drawn: a right-to-left neutral mirrored
	x          float32 // its left, relative to the line's start
}

// lineVisual is the visual order of one line holding right-to-left text,
// or of a line of a right-to-left paragraph: its pieces from left to
// right, and the box of each code point.
type lineVisual struct {
	pieces []bidiPiece
	x0, x1 []float32 // the left and right of each code point's box (clusters: the last code point holds the width)
	rtl    []bool    // whether each code point reads right to left
	levels []uint8   // each code point's embedding level (bidiLevels)
	// the cluster of each code point: [clStart, clEnd)
	clStart, clEnd []int
	width          float32      // the width of the text
	left           float32      // where it starts: a right-to-left paragraph's lines end at the column's right
	rtlPara        bool         // the line is part of a right-to-left paragraph
	buf            [][2]float32 // ranges' result, reused
}

// newLineVisual returns the visual order of a line of text whose code
// points have the logical x positions xs (len = code points + 1, as
// articleLayout.xs), or nil when the line holds no right-to-left text and
// is part of a left-to-right paragraph. The line of a right-to-left
// paragraph (rtl) is laid out right to left and ends at col, the width
// of the text column.
func newLineVisual(text string, xs []float32, rtl bool, col float32) *lineVisual {
	if !rtl && !bidiHasRTL(text) {
		return nil
	}
	runes := []rune(text)
	n := len(runes)
	levels := bidiLevels(runes, rtl)
	order := bidiVisualOrder(levels)
	// grapheme clusters: a piece never splits one
	clusterEnd := make([]int, n) // for each code point, the end of its cluster
	rest, state, cp := text, -1, 0
	for len(rest) > 0 {
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		e := cp + utf8.RuneCountInString(cl)
		for k := cp; k < e; k++ {
			clusterEnd[k] = e
		}
		cp = e
	}
	word := func(k int) bool { return unicode.IsLetter(runes[k]) || unicode.IsMark(runes[k]) }
	v := &lineVisual{rtlPara: rtl, levels: levels, x0: make([]float32, n), x1: make([]float32, n), rtl: make([]bool, n), clEnd: clusterEnd, clStart: make([]int, n)}
	for k := range n {
		if k > 0 && clusterEnd[k-1] == clusterEnd[k] {
			v.clStart[k] = v.clStart[k-1]
		} else {
			v.clStart[k] = k
		}
	}
	if rtl {
		v.left = max(col-xs[n], 0)
	}
	x := v.left
	for i := 0; i < n; {
		k := order[i]
		rtl := levels[k]%2 == 1
		// the piece: logical neighbours of one level, and in a
		// right-to-left run either a word or one neutral cluster
		s, e := k, k+1
		j := i + 1
		for j < n {
			m := order[j]
			if levels[m] != levels[k] {
				break
			}
			if !rtl && m == e {
				e++
			} else if rtl && m == s-1 && (word(m) && word(s) || clusterEnd[m] == clusterEnd[s]) {
				s--
			} else {
				break
			}
			j++
		}
		if rtl && !word(k) {
			// a whole neutral cluster, however the order met it
			for s > 0 && clusterEnd[s-1] == clusterEnd[s] && levels[s-1] == levels[k] {
				s--
			}
		}
		w := xs[e] - xs[s]
		p := bidiPiece{start: s, end: e, rtl: rtl, x: x, text: string(runes[s:e])}
		switch {
		case rtl && !word(s):
			p.text = bidi.ReverseString(p.text) // mirrored brackets, in visual order
		case rtl:
			p.text = bidiBaseline + p.text
		}
		v.pieces = append(v.pieces, p)
		for c := s; c < e; c++ {
			v.rtl[c] = rtl
			if rtl {
				v.x0[c], v.x1[c] = x+xs[e]-xs[c+1], x+xs[e]-xs[c]
			} else {
				v.x0[c], v.x1[c] = x+xs[c]-xs[s], x+xs[c+1]-xs[s]
			}
		}
		x += w
		i += e - s
	}
	v.width = x - v.left
	return v
}

// caretX returns the x of the caret at boundary k (0..n): at the leading
// edge of code point k (its left when it reads left to right, its right
// when it reads right to left), or, where the code point before k has the
// higher level (k ends a run nested in the one that follows), at that code
// point's trailing edge; after the line's last code point, at its trailing
// edge. So the two sides of a change of direction get a place each.
func (v *lineVisual) caretX(k int) float32 {
	n := len(v.x0)
	if n == 0 {
		return v.left
	}
	k = min(max(k, 0), n)
	if k == n || k > 0 && v.levels[k-1] > v.levels[k] {
		if v.rtl[k-1] {
			return v.x0[k-1]
		}
		return v.x1[k-1]
	}
	if v.rtl[k] {
		return v.x1[k]
	}
	return v.x0[k]
}

// boundaries returns the places a caret can be: the cluster boundaries,
// by their x from left to right.
func (v *lineVisual) boundaries() []int {
	var out []int
	for k := 0; k <= len(v.x0); k++ {
		if k == len(v.x0) || v.clStart[k] == k {
			out = append(out, k)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return v.caretX(out[i]) < v.caretX(out[j]) })
	return out
}

// hit returns the first code point of the cluster whose box holds x (the
// nearest box's, left or right of them all), and whether x is in the half
// of its box that comes first in reading order.
func (v *lineVisual) hit(x float32) (int, bool) {
	best, bd := 0, float32(-1)
	for k := range v.x0 {
		a, b := v.x0[k], v.x1[k]
		if b <= a {
			continue // inside a cluster: its last code point holds the box
		}
		d := float32(0)
		if x < a {
			d = a - x
		} else if x >= b {
			d = x - b + 1e-3 // boxes hold their left edge, not their right
		}
		if bd < 0 || d < bd {
			best, bd = k, d
		}
		if d == 0 {
			break
		}
	}
	a, b := v.x0[best], v.x1[best]
	first := x < (a+b)/2
	if v.rtl[best] {
		first = x >= (a+b)/2
	}
	return v.clStart[best], first
}

// nearest returns the cluster boundary whose caret is nearest x.
func (v *lineVisual) nearest(x float32) int {
	best, bd := 0, float32(-1)
	for _, k := range v.boundaries() {
		d := v.caretX(k) - x
		if d < 0 {
			d = -d
		}
		if bd < 0 || d < bd {
			best, bd = k, d
		}
	}
	return best
}

// ranges returns where the code points [s, e) are drawn, from left to
// right, stretches that touch merged: one per piece they reach at most.
// The result is valid until the next call.
func (v *lineVisual) ranges(s, e int) [][2]float32 {
	out := v.buf[:0]
	for _, p := range v.pieces { // from left to right
		a, b := max(s, p.start), min(e, p.end)
		if a >= b {
			continue
		}
		r := [2]float32{v.x0[a], v.x1[b-1]}
		if p.rtl {
			r = [2]float32{v.x0[b-1], v.x1[a]}
		}
		if r[1] <= r[0] {
			continue
		}
		if m := len(out); m > 0 && r[0] <= out[m-1][1]+0.01 {
			out[m-1][1] = max(out[m-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	v.buf = out
	return out
}

// step returns the boundary the caret at k reaches with Right (right) or
// Left: the nearest caret place on the screen to that side, whatever the
// logical order; false past the line's visual end. With noEnd the line's
// end is no place (a wrapped line's end is the next line's start).
func (v *lineVisual) step(k int, right, noEnd bool) (int, bool) {
	x := v.caretX(k)
	bs := v.boundaries()
	if noEnd {
		bs = slices.DeleteFunc(bs, func(b int) bool { return b == len(v.x0) })
	}
	if right {
		for _, b := range bs {
			if v.caretX(b) > x {
				return b, true
			}
		}
		return k, false
	}
	for i := len(bs) - 1; i >= 0; i-- {
		if v.caretX(bs[i]) < x {
			return bs[i], true
		}
	}
	return k, false
}

// caretStep returns where Right (right) or Left takes the caret from off:
// the next cluster boundary on the screen to that side on a line with
// right-to-left text, the next in the text elsewhere. Past a line's end
// as drawn the caret goes to the next line (on in the text: Right in a
// left-to-right paragraph, Left in a right-to-left one) or the previous
// one, and comes in at the side it moves from: Right at the line's left
// end, Left at its right end. Into a paragraph of the other direction it
// comes in at that paragraph's start or end in the text's order, where
// the arrow that goes on there is the other one (Right and Left go back
// and forth across such a change; Up and Down go on).
func (l *articleLayout) caretStep(off int, right bool) int {
	if len(l.lines) == 0 {
		return l.clusterStep(off, right)
	}
	i := l.lineOf(off)
	ln := l.lines[i]
	start := int(ln.start)
	if v := l.visual(i); v != nil {
		// a wrapped line's end is the next line's start: not here
		if to, ok := v.step(off-start, right, l.wrapsAt(i)); ok {
			return start + to
		}
	} else if right && off < l.lineEntry(i, false) || !right && off > start {
		return l.clusterStep(off, right)
	}
	j := i - 1
	forward := right != ln.rtl // on in the text
	if forward {
		j = i + 1
	}
	switch {
	case j < 0 || j >= len(l.lines):
		return off
	case l.lines[j].rtl != ln.rtl:
		// a paragraph of the other direction: its start, or the end of
		// its last line, in the text's order (Right would go on
		// leftwards there)
		if forward {
			return int(l.lines[j].start)
		}
		return l.lineEntry(j, l.lines[j].rtl)
	}
	return l.lineEntry(j, right)
}

// wrapsAt reports whether line i is wrapped: the next line starts at its
// end, so that the caret at its end is on the next line.
func (l *articleLayout) wrapsAt(i int) bool {
	return i+1 < len(l.lines) && l.lines[i+1].start == l.lines[i].end
}

// lineEntry returns the caret place at line i's left end (left) or its
// right end as drawn: where the caret comes in moving right or left from
// another line. A wrapped line's end (the next line's start) is not one
// of its places.
func (l *articleLayout) lineEntry(i int, left bool) int {
	ln := l.lines[i]
	v := l.visual(i)
	if v == nil {
		if left {
			return int(ln.start)
		}
		e := l.lineBound(int(ln.start), true)
		if e == int(ln.end) && l.wrapsAt(i) { // wrapped inside a word
			e = l.clusterStep(e, false)
		}
		return e
	}
	n := int(ln.end - ln.start)
	best, bx := 0, float32(0)
	first := true
	for _, k := range v.boundaries() {
		if k == n && l.wrapsAt(i) {
			continue
		}
		if x := v.caretX(k); first || left && x < bx || !left && x > bx {
			best, bx, first = k, x, false
		}
	}
	return int(ln.start) + best
}

// visualDrag returns what a drag from x0 to x1 on line i went over, when
// the line holds right-to-left text: the code points whose boxes the
// stretch touches, [lo, hi), and, as from and to, the first and the end
// of those whose middles it passes (the ones it reached, for
// annotate.TrimEdges). Between two logical offsets a selection would take
// letters drawn elsewhere where directions meet; this takes what was
// covered on the screen. ok is false on a line with no right-to-left text
// or when the stretch touches nothing.
func (l *articleLayout) visualDrag(i int, x0, x1 float32) (lo, hi, from, to int, ok bool) {
	v := l.visual(i)
	if v == nil {
		return 0, 0, 0, 0, false
	}
	a, b := min(x0, x1), max(x0, x1)
	start := int(l.lines[i].start)
	lo, from = -1, -1
	for k := range v.x0 {
		bx0, bx1 := v.x0[k], v.x1[k]
		if bx1 <= bx0 || bx1 <= a || bx0 >= b {
			continue
		}
		c := v.clStart[k]
		if lo < 0 || c < lo {
			lo = c
		}
		hi = max(hi, v.clEnd[k])
		if mid := (bx0 + bx1) / 2; mid >= a && mid <= b {
			if from < 0 || c < from {
				from = c
			}
			to = max(to, v.clEnd[k])
		}
	}
	if lo < 0 {
		return 0, 0, 0, 0, false
	}
	if from < 0 {
		from, to = hi, lo // nothing reached past its middle: no mark stays
	}
	return start + lo, start + hi, start + from, start + to, true
}

// paragraphRTL reports whether a paragraph (text without line breaks)
// reads right to left: its first strong character, outside isolates, is
// of class R or AL (UAX #9, rules P2 and P3). A paragraph with none reads
// left to right, as the article does.
func paragraphRTL(p string) bool {
	depth := 0
	for _, r := range p {
		if r < utf8.RuneSelf {
			if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
				if depth == 0 {
					return false
				}
			}
			continue
		}
		switch bidiClass(r) {
		case bidi.LRI, bidi.RLI, bidi.FSI:
			depth++
		case bidi.PDI:
			depth = max(depth-1, 0)
		case bidi.L:
			if depth == 0 {
				return false
			}
		case bidi.R, bidi.AL:
			if depth == 0 {
				return true
			}
		}
	}
	return false
}
