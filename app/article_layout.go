package app

// Pure layout for ArticleView: wrapping text into lines with cached word
// widths, hit-testing, word and grapheme snapping, and the lane assignment
// of nested spans. Nothing here creates canvas objects; the only link to the
// toolkit is the measure function the layout is given.

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk/annotate"
	"github.com/rivo/uniseg"
)

// measureFunc returns the advance width of s at the layout's text size.
type measureFunc func(s string) float32

// lineSpan is one laid-out line: code points [start, end) of the text and
// the same range in bytes. A line ended by a hard break excludes the "\n";
// a wrapped line keeps its trailing white space, so the next line starts at
// end.
type lineSpan struct {
	start, end   int32
	bstart, bend int32
}

// textLayout wraps one text into lines. Widths of words are measured once
// per distinct word and remembered; the x position of every code point is
// only worked out for lines that are drawn or hit-tested.
type textLayout struct {
	text    string // display text: control characters other than "\n" are spaces
	ix      *annotate.RuneIndex
	n       int // length in code points
	measure measureFunc

	width float32 // wrap width the lines were made for; <0: not wrapped
	lines []lineSpan

	widths map[string]float32   // token → width
	prefix map[string][]float32 // token → x of each code point (len runes+1)
	lineXs map[int][]float32    // line → x of each code point (len runes+1)
}

// newTextLayout prepares text for wrapping with measure.
func newTextLayout(text string, measure measureFunc) *textLayout {
	disp := sanitizeText(text)
	return &textLayout{
		text:    disp,
		ix:      annotate.NewRuneIndex(disp),
		n:       utf8.RuneCountInString(disp),
		measure: measure,
		width:   -1,
		widths:  make(map[string]float32),
		prefix:  make(map[string][]float32),
		lineXs:  make(map[int][]float32),
	}
}

// sanitizeText replaces control characters other than "\n" (tabs, stray
// carriage returns) with spaces, byte for byte, so that byte and code-point
// offsets are unchanged and what is measured is what is drawn.
func sanitizeText(s string) string {
	bad := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n') || c == 0x7f {
			bad = true
			break
		}
	}
	if !bad {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if (c < 0x20 && c != '\n') || c == 0x7f {
			b[i] = ' '
		}
	}
	return string(b)
}

// setMeasure replaces the measure function (text size or font changed) and
// forgets every cached width and line.
func (l *textLayout) setMeasure(m measureFunc) {
	l.measure = m
	l.widths = make(map[string]float32)
	l.prefix = make(map[string][]float32)
	l.invalidate()
}

// invalidate forgets the lines so that the next wrap call re-wraps.
func (l *textLayout) invalidate() {
	l.width = -1
	l.lines = l.lines[:0]
	clear(l.lineXs)
}

// isBreakSpace reports whether r is white space a line may wrap after.
// No-break spaces glue words together.
func isBreakSpace(r rune) bool {
	switch r {
	case '\u00a0', '\u2007', '\u202f', '\ufeff':
		return false
	}
	return unicode.IsSpace(r)
}

// tokenWidth returns the (cached) width of a word or a single space.
func (l *textLayout) tokenWidth(tok string) float32 {
	if w, ok := l.widths[tok]; ok {
		return w
	}
	w := l.measure(tok)
	l.widths[strings.Clone(tok)] = w
	return w
}

// tokenPrefix returns the x of each code point of tok relative to its start
// (len = code points + 1). Code points inside a grapheme cluster share the
// x of the cluster's start.
func (l *textLayout) tokenPrefix(tok string) []float32 {
	if p, ok := l.prefix[tok]; ok {
		return p
	}
	p := make([]float32, 0, utf8.RuneCountInString(tok)+1)
	rest, state, b := tok, -1, 0
	var x float32
	for len(rest) > 0 {
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		for range utf8.RuneCountInString(cl) {
			p = append(p, x)
		}
		b += len(cl)
		if b == len(tok) {
			x = l.tokenWidth(tok)
		} else {
			x = l.measure(tok[:b])
		}
	}
	p = append(p, x)
	l.prefix[strings.Clone(tok)] = p
	return p
}

// wrap lays the text out into lines no wider than width (unless a single
// grapheme cluster is wider). It does nothing if the lines were already made
// for width.
func (l *textLayout) wrap(width float32) {
	if width < 1 {
		width = 1
	}
	if l.width == width {
		return
	}
	l.invalidate()
	l.width = width
	if cap(l.lines) == 0 {
		l.lines = make([]lineSpan, 0, len(l.text)/60+1)
	}
	s := l.text
	cp := 0 // code point offset of byte b
	b := 0
	for {
		nl := strings.IndexByte(s[b:], '\n')
		pe := len(s)
		if nl >= 0 {
			pe = b + nl
		}
		cp = l.wrapParagraph(b, pe, cp, width)
		if nl < 0 {
			break
		}
		b = pe + 1
		cp++ // the "\n"
	}
}

// wrapParagraph wraps the bytes [pb, pe) (no "\n" inside), whose first code
// point is cp, and returns the code point offset of pe.
func (l *textLayout) wrapParagraph(pb, pe, cp int, width float32) int {
	s := l.text
	ls, lsb := cp, pb // current line start
	var x float32     // width of the current line so far
	words := false    // the current line holds a word
	b := pb
	for b < pe {
		r, sz := rune(s[b]), 1
		if r >= utf8.RuneSelf {
			r, sz = utf8.DecodeRuneInString(s[b:pe])
		}
		if isBreakSpace(r) {
			x += l.tokenWidth(s[b : b+sz])
			b += sz
			cp++
			continue
		}
		// a word: up to the next breaking space
		we, wn := b, 0
		for we < pe {
			c := s[we]
			if c < utf8.RuneSelf {
				if c == ' ' || (c >= '\t' && c <= '\r') {
					break
				}
				we++
				wn++
				continue
			}
			r2, sz2 := utf8.DecodeRuneInString(s[we:pe])
			if isBreakSpace(r2) {
				break
			}
			we += sz2
			wn++
		}
		ww := l.tokenWidth(s[b:we])
		if words && x+ww > width {
			l.lines = append(l.lines, lineSpan{int32(ls), int32(cp), int32(lsb), int32(b)})
			ls, lsb, x = cp, b, 0
		}
		if x+ww > width && x == 0 {
			// a word wider than the line: split it at grapheme clusters
			ls, lsb, x = l.splitLongWord(b, we, cp, width)
		} else {
			x += ww
		}
		words = true
		b = we
		cp += wn
	}
	l.lines = append(l.lines, lineSpan{int32(ls), int32(cp), int32(lsb), int32(pe)})
	return cp
}

// splitLongWord emits full lines for the word [b, we) starting at code
// point cp at the start of a line, and returns the start (code point, byte)
// and width of its last piece, which stays open on the current line.
func (l *textLayout) splitLongWord(b, we, cp int, width float32) (int, int, float32) {
	s := l.text
	for {
		rest := s[b:we]
		w := l.measure(rest)
		if w <= width {
			return cp, b, w
		}
		// cluster boundaries of rest, capped: a line never holds more than
		// a few hundred clusters
		var bounds []int // byte lengths of prefixes
		var runes []int  // code point counts of prefixes
		st, state, nb, nr := rest, -1, 0, 0
		for len(st) > 0 && len(bounds) < 1024 {
			var cl string
			cl, st, _, state = uniseg.FirstGraphemeClusterInString(st, state)
			nb += len(cl)
			nr += utf8.RuneCountInString(cl)
			bounds = append(bounds, nb)
			runes = append(runes, nr)
		}
		// largest prefix that fits, at least one cluster
		k := sort.Search(len(bounds), func(i int) bool { return l.measure(rest[:bounds[i]]) > width })
		if k == 0 {
			k = 1
		}
		if bounds[k-1] >= len(rest) {
			return cp, b, w
		}
		l.lines = append(l.lines, lineSpan{int32(cp), int32(cp + runes[k-1]), int32(b), int32(b + bounds[k-1])})
		cp += runes[k-1]
		b += bounds[k-1]
	}
}

// lineOf returns the index of the line holding code point offset off (the
// last line whose start is <= off).
func (l *textLayout) lineOf(off int) int {
	if len(l.lines) == 0 {
		return 0
	}
	i := sort.Search(len(l.lines), func(i int) bool { return int(l.lines[i].start) > off })
	return max(i-1, 0)
}

// lineText returns the display text of line i.
func (l *textLayout) lineText(i int) string {
	ln := l.lines[i]
	return l.text[ln.bstart:ln.bend]
}

// xs returns the x of each code point of line i, relative to the line's
// start, plus the x of its end (len = code points + 1). Computed on first
// use and cached until the next re-wrap.
func (l *textLayout) xs(i int) []float32 {
	if p, ok := l.lineXs[i]; ok {
		return p
	}
	ln := l.lines[i]
	s := l.text[ln.bstart:ln.bend]
	p := make([]float32, 0, ln.end-ln.start+1)
	var x float32
	for b := 0; b < len(s); {
		r, sz := utf8.DecodeRuneInString(s[b:])
		if isBreakSpace(r) {
			p = append(p, x)
			x += l.tokenWidth(s[b : b+sz])
			b += sz
			continue
		}
		we := b + sz
		for we < len(s) {
			r2, sz2 := utf8.DecodeRuneInString(s[we:])
			if isBreakSpace(r2) {
				break
			}
			we += sz2
		}
		tp := l.tokenPrefix(s[b:we])
		for _, t := range tp[:len(tp)-1] {
			p = append(p, x+t)
		}
		x += tp[len(tp)-1]
		b = we
	}
	p = append(p, x)
	l.lineXs[i] = p
	return p
}

// xOf returns the x of code point off on line i (clamped to the line).
func (l *textLayout) xOf(i, off int) float32 {
	ln := l.lines[i]
	p := l.xs(i)
	k := min(max(off-int(ln.start), 0), len(p)-1)
	return p[k]
}

// nearestOffset returns the code point boundary on line i nearest to x.
// Offsets inside a grapheme cluster are never returned.
func (l *textLayout) nearestOffset(i int, x float32) int {
	ln := l.lines[i]
	p := l.xs(i)
	k := sort.Search(len(p), func(k int) bool { return p[k] >= x })
	switch {
	case k >= len(p):
		k = len(p) - 1
	case k > 0 && x-p[k-1] < p[k]-x:
		k--
	}
	// a cluster's code points share one x: take the first of them
	for k > 0 && p[k-1] == p[k] && k < len(p)-1 {
		k--
	}
	off := int(ln.start) + k
	if k == len(p)-1 && i+1 < len(l.lines) && l.lines[i+1].start == ln.end {
		// the end of a wrapped line is the next line's start; stay on
		// this line, before its last character
		off = max(int(ln.end)-1, int(ln.start))
		for off > int(ln.start) && p[off-int(ln.start)-1] == p[off-int(ln.start)] {
			off--
		}
	}
	return off
}

// charAt returns the code point under x on line i: the character whose box
// holds x, the first code point of its cluster. Left of the line it is the
// line's first character; right of it the character after the line's last
// (its "\n" or the next line's start), clamped to the text.
func (l *textLayout) charAt(i int, x float32) int {
	ln := l.lines[i]
	p := l.xs(i)
	k := sort.Search(len(p), func(k int) bool { return p[k] > x }) - 1
	k = max(k, 0)
	for k > 0 && p[k-1] == p[k] {
		k--
	}
	if k > 0 && k == len(p)-1 {
		// right of the line: its end
		return min(int(ln.end), max(l.n-1, 0))
	}
	return min(int(ln.start)+k, max(l.n-1, 0))
}

// runeAt returns the code point at offset off.
func (l *textLayout) runeAt(off int) rune {
	if off < 0 || off >= l.n {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(l.text[l.ix.Byte(off):])
	return r
}

// snapRange grows [s, e) to whole words (UAX #29 word boundaries) or, if
// exact, to whole grapheme clusters, and trims white space at both ends.
// An empty result is returned as (s', s').
func (l *textLayout) snapRange(s, e int, exact bool) (int, int) {
	s = min(max(s, 0), l.n)
	e = min(max(e, s), l.n)
	if s == e {
		return s, s
	}
	// a window from white space before s to white space after e
	const reach = 512
	ws := s
	for i := 0; ws > 0 && i < reach; i++ {
		if unicode.IsSpace(l.runeAt(ws - 1)) {
			ws--
			break
		}
		ws--
	}
	we := e
	for i := 0; we < l.n && i < reach; i++ {
		if unicode.IsSpace(l.runeAt(we)) {
			we++
			break
		}
		we++
	}
	win := l.text[l.ix.Byte(ws):l.ix.Byte(we)]
	bounds := []int{ws}
	rest, state, cp := win, -1, ws
	for len(rest) > 0 {
		var seg string
		if exact {
			seg, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		} else {
			seg, rest, state = uniseg.FirstWordInString(rest, state)
		}
		cp += utf8.RuneCountInString(seg)
		bounds = append(bounds, cp)
	}
	// start: greatest boundary <= s; end: least boundary >= e
	si := sort.SearchInts(bounds, s+1) - 1
	ei := sort.SearchInts(bounds, e)
	si = max(si, 0)
	ei = min(ei, len(bounds)-1)
	for si < ei && unicode.IsSpace(l.runeAt(bounds[si])) {
		si++
	}
	for ei > si && unicode.IsSpace(l.runeAt(bounds[ei-1])) {
		ei--
	}
	if si >= ei {
		return bounds[si], bounds[si]
	}
	return bounds[si], bounds[ei]
}

// geometry is where lines sit: all values in widget units at the current
// text size; y values are in content coordinates (before scrolling).
type geometry struct {
	left, top float32 // origin of the text column
	colW      float32 // wrap width
	lineH     float32 // distance between line tops
	tagH      float32 // band above the text for span tags
	textH     float32 // height of a canvas.Text line
	ulThick   float32 // underline thickness
	ulGap     float32 // space between underline lanes
	lanes     int     // underline lanes reserved below each line
	bottom    float32 // space below the last line
}

// lineTop returns the y of line i's top.
func (g *geometry) lineTop(i int) float32 { return g.top + float32(i)*g.lineH }

// textTop returns the y of line i's text.
func (g *geometry) textTop(i int) float32 { return g.lineTop(i) + g.tagH }

// laneY returns the y of the underline of lane k below line i.
func (g *geometry) laneY(i, k int) float32 {
	k = min(k, g.lanes-1)
	return g.textTop(i) + g.textH + g.ulGap + float32(k)*(g.ulThick+g.ulGap)
}

// lineAtY returns the line under content y, clamped to [0, n).
func (g *geometry) lineAtY(y float32, n int) int {
	if n == 0 || g.lineH <= 0 {
		return 0
	}
	i := int((y - g.top) / g.lineH)
	if y < g.top {
		i = 0
	}
	return min(max(i, 0), n-1)
}

// contentHeight returns the height of n lines.
func (g *geometry) contentHeight(n int) float32 {
	return g.top + float32(n)*g.lineH + g.bottom
}

// spanIndex keeps spans in annotate.CompareSpans order (start ascending, end
// descending) with the lane of each and a running maximum of ends, so that
// the spans overlapping a range are found without looking at the others.
type spanIndex struct {
	spans  []annotate.Span
	lanes  []int
	maxEnd []int
	pos    map[string]int
	nLanes int // lanes in use: max lane + 1
}

// set replaces all spans.
func (x *spanIndex) set(spans []annotate.Span) {
	x.spans = slices.Clone(spans)
	annotate.SortSpans(x.spans)
	x.reindex()
}

// add inserts s (replacing a span with the same id).
func (x *spanIndex) add(s annotate.Span) {
	if _, ok := x.pos[s.ID]; ok {
		x.removeAt(x.pos[s.ID])
	}
	i, _ := slices.BinarySearchFunc(x.spans, s, annotate.CompareSpans)
	x.spans = slices.Insert(x.spans, i, s)
	x.reindex()
}

// remove deletes the span with id, reporting whether there was one.
func (x *spanIndex) remove(id string) bool {
	i, ok := x.pos[id]
	if !ok {
		return false
	}
	x.removeAt(i)
	x.reindex()
	return true
}

func (x *spanIndex) removeAt(i int) {
	x.spans = slices.Delete(x.spans, i, i+1)
}

// find returns the span with id.
func (x *spanIndex) find(id string) (annotate.Span, bool) {
	if i, ok := x.pos[id]; ok {
		return x.spans[i], true
	}
	return annotate.Span{}, false
}

// reindex recomputes positions, lanes and running maximum ends: O(n·lanes).
// Each span takes the lowest lane free at its start.
func (x *spanIndex) reindex() {
	n := len(x.spans)
	if x.pos == nil {
		x.pos = make(map[string]int, n)
	} else {
		clear(x.pos)
	}
	x.lanes = slices.Grow(x.lanes[:0], n)[:n]
	x.maxEnd = slices.Grow(x.maxEnd[:0], n)[:n]
	var laneEnd []int // end of the last span given each lane
	me := 0
	for i, s := range x.spans {
		x.pos[s.ID] = i
		k := 0
		for k < len(laneEnd) && laneEnd[k] > s.Start {
			k++
		}
		if k == len(laneEnd) {
			laneEnd = append(laneEnd, 0)
		}
		laneEnd[k] = s.End
		x.lanes[i] = k
		me = max(me, s.End)
		x.maxEnd[i] = me
	}
	x.nLanes = len(laneEnd)
}

// overlapping returns the indexes, in order, of the spans that overlap
// [a, b): start < b and end > a.
func (x *spanIndex) overlapping(a, b int) []int {
	hi := sort.Search(len(x.spans), func(i int) bool { return x.spans[i].Start >= b })
	var out []int
	for j := hi - 1; j >= 0 && x.maxEnd[j] > a; j-- {
		if x.spans[j].End > a {
			out = append(out, j)
		}
	}
	slices.Reverse(out)
	return out
}

// at returns the indexes of the spans holding offset off, outermost first.
func (x *spanIndex) at(off int) []int { return x.overlapping(off, off+1) }
