package app

// Pure layout for ArticleView: wrapping text into lines with cached word
// widths, hit-testing, word and grapheme snapping, and the lane assignment
// of nested spans. Nothing here creates canvas objects; the only link to the
// toolkit is the measure function the layout is given.

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"claimdesk/annotate"
	"github.com/rivo/uniseg"
)

// articleMeasure returns the advance width of s at the layout's text size.
type articleMeasure func(s string) float32

// articleLine is one laid-out line: code points [start, end) of the text and
// the same range in bytes. A line ended by a hard break excludes the "\n";
// a wrapped line keeps its trailing white space, so the next line starts at
// end.
type articleLine struct {
	start, end   int32
	bstart, bend int32
	rtl          bool // the line's paragraph reads right to left (paragraphRTL)
}

// articleLayout wraps one text into lines. Widths of words are measured once
// per distinct word and remembered; the x position of every code point is
// only worked out for lines that are drawn or hit-tested.
type articleLayout struct {
	text string // display text: control characters other than "\n" are spaces
	ix   *annotate.RuneIndex
	n    int // length in code points
	m    *articleMetrics

	width float32 // wrap width the lines were made for; <0: not wrapped
	lines []articleLine

	lineXs map[int][]float32 // line → x of each code point (len runes+1)
	// each line's visual order (nil: left to right only), once visDone
	vis     []*lineVisual
	visDone []bool
	xrBuf   [][2]float32 // xRanges' result, reused
}

// newArticleLayout prepares text for wrapping with the widths of m (which
// may be set later with setMetrics).
func newArticleLayout(text string, m *articleMetrics) *articleLayout {
	disp := articleSanitize(text)
	return &articleLayout{
		text:   disp,
		ix:     annotate.NewRuneIndex(disp),
		n:      utf8.RuneCountInString(disp),
		m:      m,
		width:  -1,
		lineXs: make(map[int][]float32),
	}
}

// articleSanitize replaces control characters other than "\n" (tabs, stray
// carriage returns) with spaces, byte for byte, so that byte and code-point
// offsets are unchanged and what is measured is what is drawn.
func articleSanitize(s string) string {
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

// setMetrics replaces the widths (text size or font changed) and forgets
// the lines.
func (l *articleLayout) setMetrics(m *articleMetrics) {
	l.m = m
	l.invalidate()
}

// invalidate forgets the lines so that the next wrap call re-wraps.
func (l *articleLayout) invalidate() {
	l.width = -1
	l.lines = l.lines[:0]
	clear(l.lineXs)
	l.vis, l.visDone = l.vis[:0], l.visDone[:0]
}

// articleBreakSpace reports whether r is white space a line may wrap after.
// No-break spaces glue words together.
func articleBreakSpace(r rune) bool {
	switch r {
	case '\u00a0', '\u2007', '\u202f', '\ufeff':
		return false
	}
	return unicode.IsSpace(r)
}

// articleMetrics measures text for layout. Measuring a string with Fyne
// costs about 0.1 ms whatever its length (a shaper is set up per call), so
// words are not measured one by one: the width of a word is the sum of the
// widths of its grapheme clusters, each measured once (for Latin text the
// error against the shaped word, kerning, is well under a pixel per line).
// Words in scripts that shape by context (Arabic, Indic, ...) or holding
// emoji are measured whole, once per distinct word.
type articleMetrics struct {
	measure     articleMeasure
	ascii       [128]float32
	asciiOK     [128]bool
	clusters    map[string]float32   // non-ASCII cluster → width
	exact       map[string]float32   // word that is not ASCII → width
	exactPrefix map[string][]float32 // complex word → x of each code point
}

// newArticleMetrics returns metrics measuring with measure.
func newArticleMetrics(measure articleMeasure) *articleMetrics {
	return &articleMetrics{
		measure:     measure,
		clusters:    make(map[string]float32),
		exact:       make(map[string]float32),
		exactPrefix: make(map[string][]float32),
	}
}

// asciiWidth returns the width of ASCII character c.
func (m *articleMetrics) asciiWidth(c byte) float32 {
	if !m.asciiOK[c] {
		m.ascii[c] = m.measure(string(rune(c)))
		m.asciiOK[c] = true
	}
	return m.ascii[c]
}

// clusterWidth returns the width of one grapheme cluster.
func (m *articleMetrics) clusterWidth(cl string) float32 {
	if len(cl) == 1 && cl[0] < utf8.RuneSelf {
		return m.asciiWidth(cl[0])
	}
	if w, ok := m.clusters[cl]; ok {
		return w
	}
	w := m.measure(cl)
	m.clusters[strings.Clone(cl)] = w
	return w
}

// articleTokenKind classifies a word: 0 ASCII, 1 other text whose
// clusters can be measured alone, 2 text to measure whole.
func articleTokenKind(tok string) int {
	kind := 0
	for i := 0; i < len(tok); i++ {
		if tok[i] >= utf8.RuneSelf {
			kind = 1
			break
		}
	}
	if kind == 0 {
		return 0
	}
	for _, r := range tok {
		switch {
		case r < 0x0590, // Latin, Greek, Cyrillic, Armenian
			r >= 0x1e00 && r < 0x2c00, // Latin and Greek extended, punctuation, symbols
			r >= 0x2e00 && r < 0xa000, // CJK, kana, punctuation
			r >= 0xac00 && r < 0xd7b0, // Hangul
			r >= 0xff00 && r < 0xfff0: // full-width forms
		default:
			return 2
		}
	}
	return 1
}

// width returns the width of a word or a single space.
func (m *articleMetrics) width(tok string) float32 {
	var w float32
	ascii := true
	for i := 0; i < len(tok); i++ { // ASCII, the common case, in one pass
		c := tok[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		w += m.asciiWidth(c)
	}
	if ascii {
		return w
	}
	if ew, ok := m.exact[tok]; ok {
		return ew // a word met before
	}
	w = 0
	switch articleTokenKind(tok) {
	case 1:
		rest, state := tok, -1
		for len(rest) > 0 {
			var cl string
			cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			w += m.clusterWidth(cl)
		}
		m.exact[strings.Clone(tok)] = w
	default:
		w = m.measure(tok)
		m.exact[strings.Clone(tok)] = w
	}
	return w
}

// appendPrefix appends to p the x of each code point of tok, starting at x
// (code points inside a grapheme cluster share the x of its start), and
// returns p and the x after tok.
func (m *articleMetrics) appendPrefix(p []float32, x float32, tok string) ([]float32, float32) {
	switch articleTokenKind(tok) {
	case 0:
		for i := 0; i < len(tok); i++ {
			p = append(p, x)
			x += m.asciiWidth(tok[i])
		}
		return p, x
	case 1:
		rest, state := tok, -1
		for len(rest) > 0 {
			var cl string
			cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			for range utf8.RuneCountInString(cl) {
				p = append(p, x)
			}
			x += m.clusterWidth(cl)
		}
		return p, x
	}
	ep, ok := m.exactPrefix[tok]
	if !ok {
		ep = make([]float32, 0, utf8.RuneCountInString(tok)+1)
		rest, state, b := tok, -1, 0
		var ex float32
		for len(rest) > 0 {
			var cl string
			cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			for range utf8.RuneCountInString(cl) {
				ep = append(ep, ex)
			}
			b += len(cl)
			if b == len(tok) {
				ex = m.width(tok)
			} else {
				ex = m.measure(tok[:b])
			}
		}
		ep = append(ep, ex)
		if !articleIncreasing(ep) {
			ep = m.proportionalPrefix(tok, ex, ep[:0])
		}
		m.exactPrefix[strings.Clone(tok)] = ep
	}
	for _, e := range ep[:len(ep)-1] {
		p = append(p, x+e)
	}
	return p, x + ep[len(ep)-1]
}

// articleIncreasing reports whether the x of each cluster of a prefix
// (code points of one cluster share theirs) is past the one before it.
func articleIncreasing(ep []float32) bool {
	for k := 1; k < len(ep); k++ {
		if ep[k] < ep[k-1] {
			return false
		}
	}
	return true
}

// proportionalPrefix appends to p the x of each code point of tok from
// the widths of its clusters measured alone, scaled to the width of the
// whole word: for a word whose shaped prefixes are not increasing
// (joining letters take other forms at a prefix's end), so that every
// cluster keeps a box of its own for hit-testing.
func (m *articleMetrics) proportionalPrefix(tok string, width float32, p []float32) []float32 {
	var ws []float32
	var ns []int
	var sum float32
	rest, state := tok, -1
	for len(rest) > 0 {
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		w := max(m.clusterWidth(cl), 0.01)
		ws, ns = append(ws, w), append(ns, utf8.RuneCountInString(cl))
		sum += w
	}
	var x float32
	for i, w := range ws {
		for range ns[i] {
			p = append(p, x)
		}
		x += w * width / sum
	}
	return append(p, width)
}

// wrap lays the text out into lines no wider than width (unless a single
// grapheme cluster is wider). It does nothing if the lines were already made
// for width.
func (l *articleLayout) wrap(width float32) {
	if width < 1 {
		width = 1
	}
	if l.width == width {
		return
	}
	l.invalidate()
	l.width = width
	if cap(l.lines) == 0 {
		l.lines = make([]articleLine, 0, len(l.text)/60+1)
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
		first := len(l.lines)
		cp = l.wrapParagraph(b, pe, cp, width)
		if paragraphRTL(s[b:pe]) {
			for k := first; k < len(l.lines); k++ {
				l.lines[k].rtl = true
			}
		}
		if nl < 0 {
			break
		}
		b = pe + 1
		cp++ // the "\n"
	}
}

// wrapParagraph wraps the bytes [pb, pe) (no "\n" inside), whose first code
// point is cp, and returns the code point offset of pe.
func (l *articleLayout) wrapParagraph(pb, pe, cp int, width float32) int {
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
		if articleBreakSpace(r) {
			x += l.m.width(s[b : b+sz])
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
			if articleBreakSpace(r2) {
				break
			}
			we += sz2
			wn++
		}
		ww := l.m.width(s[b:we])
		if words && x+ww > width {
			l.lines = append(l.lines, articleLine{start: int32(ls), end: int32(cp), bstart: int32(lsb), bend: int32(b)})
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
	l.lines = append(l.lines, articleLine{start: int32(ls), end: int32(cp), bstart: int32(lsb), bend: int32(pe)})
	return cp
}

// splitLongWord emits full lines for the word [b, we) starting at code
// point cp at the start of a line, and returns the start (code point, byte)
// and width of its last piece, which stays open on the current line. Pieces
// hold at least one grapheme cluster.
func (l *articleLayout) splitLongWord(b, we, cp int, width float32) (int, int, float32) {
	rest, state := l.text[b:we], -1
	pb, pcp := b, cp // start of the current piece
	var x float32
	for len(rest) > 0 {
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		w := l.m.clusterWidth(cl)
		if x > 0 && x+w > width {
			l.lines = append(l.lines, articleLine{start: int32(pcp), end: int32(cp), bstart: int32(pb), bend: int32(b)})
			pb, pcp, x = b, cp, 0
		}
		x += w
		b += len(cl)
		cp += utf8.RuneCountInString(cl)
	}
	return pcp, pb, l.m.width(l.text[pb:we])
}

// lineOf returns the index of the line holding code point offset off (the
// last line whose start is <= off).
func (l *articleLayout) lineOf(off int) int {
	if len(l.lines) == 0 {
		return 0
	}
	i := sort.Search(len(l.lines), func(i int) bool { return int(l.lines[i].start) > off })
	return max(i-1, 0)
}

// lineText returns the display text of line i.
func (l *articleLayout) lineText(i int) string {
	ln := l.lines[i]
	return l.text[ln.bstart:ln.bend]
}

// xs returns the x of each code point of line i, relative to the line's
// start, plus the x of its end (len = code points + 1). Computed on first
// use and cached until the next re-wrap.
func (l *articleLayout) xs(i int) []float32 {
	if p, ok := l.lineXs[i]; ok {
		return p
	}
	ln := l.lines[i]
	s := l.text[ln.bstart:ln.bend]
	p := make([]float32, 0, ln.end-ln.start+1)
	var x float32
	for b := 0; b < len(s); {
		r, sz := utf8.DecodeRuneInString(s[b:])
		if articleBreakSpace(r) {
			p = append(p, x)
			x += l.m.width(s[b : b+sz])
			b += sz
			continue
		}
		we := b + sz
		for we < len(s) {
			r2, sz2 := utf8.DecodeRuneInString(s[we:])
			if articleBreakSpace(r2) {
				break
			}
			we += sz2
		}
		p, x = l.m.appendPrefix(p, x, s[b:we])
		b = we
	}
	p = append(p, x)
	l.lineXs[i] = p
	return p
}

// visual returns the visual order of line i, nil when the line holds no
// right-to-left text (article_bidi.go). Computed on first use and cached
// until the next re-wrap.
func (l *articleLayout) visual(i int) *lineVisual {
	if n := len(l.lines); len(l.visDone) != n {
		l.vis = append(l.vis[:0], make([]*lineVisual, n)...)
		l.visDone = append(l.visDone[:0], make([]bool, n)...)
	}
	if !l.visDone[i] {
		l.vis[i] = newLineVisual(l.lineText(i), l.xs(i), l.lines[i].rtl, l.width)
		l.visDone[i] = true
	}
	return l.vis[i]
}

// textSpan returns where line i's text is drawn: from left to right.
func (l *articleLayout) textSpan(i int) (float32, float32) {
	if v := l.visual(i); v != nil {
		return v.left, v.left + v.width
	}
	xs := l.xs(i)
	return 0, xs[len(xs)-1]
}

// xOf returns the x of the caret at code point off on line i (clamped to
// the line): the left of the character at off, or, when it reads right to
// left, its right.
func (l *articleLayout) xOf(i, off int) float32 {
	ln := l.lines[i]
	if v := l.visual(i); v != nil {
		return v.caretX(min(max(off-int(ln.start), 0), int(ln.end-ln.start)))
	}
	p := l.xs(i)
	k := min(max(off-int(ln.start), 0), len(p)-1)
	return p[k]
}

// xRanges returns where the code points [s, e) of line i are drawn: one
// stretch from left to right, or several where the line mixes directions.
// The result is valid until the next call.
func (l *articleLayout) xRanges(i, s, e int) [][2]float32 {
	ln := l.lines[i]
	s, e = max(s, int(ln.start)), min(e, int(ln.end))
	if v := l.visual(i); v != nil {
		rs := v.ranges(s-int(ln.start), e-int(ln.start))
		if e > s && len(rs) == 0 { // only zero-width code points
			x := l.xOf(i, s)
			rs = append(rs, [2]float32{x, x})
		}
		return rs
	}
	l.xrBuf = append(l.xrBuf[:0], [2]float32{l.xOf(i, s), l.xOf(i, e)})
	return l.xrBuf
}

// nearestOffset returns the code point boundary on line i nearest to x.
// Offsets inside a grapheme cluster are never returned.
func (l *articleLayout) nearestOffset(i int, x float32) int {
	ln := l.lines[i]
	p := l.xs(i)
	var off int
	if v := l.visual(i); v != nil {
		off = int(ln.start) + v.nearest(x)
	} else {
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
		off = int(ln.start) + k
	}
	if off == int(ln.end) && i+1 < len(l.lines) && l.lines[i+1].start == ln.end {
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
func (l *articleLayout) charAt(i int, x float32) int {
	ln := l.lines[i]
	p := l.xs(i)
	if v := l.visual(i); v != nil {
		// past the line's ends as drawn: its end or its start, which is
		// on the right in a right-to-left paragraph
		after, before := min(int(ln.end), max(l.n-1, 0)), min(int(ln.start), max(l.n-1, 0))
		if v.rtlPara {
			after, before = before, after
		}
		switch {
		case x >= v.left+v.width:
			return after
		case x < v.left:
			return before
		}
		k, _ := v.hit(x)
		return min(int(ln.start)+k, max(l.n-1, 0))
	}
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
func (l *articleLayout) runeAt(off int) rune {
	if off < 0 || off >= l.n {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(l.text[l.ix.Byte(off):])
	return r
}

// snapRange grows [s, e) to whole words (UAX #29 word boundaries) or, if
// exact, to whole grapheme clusters, and trims white space at both ends.
// An empty result is returned as (s', s').
func (l *articleLayout) snapRange(s, e int, exact bool) (int, int) {
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

// trimMarks drops the punctuation at either end of [s, e), a selection
// snapped to words, that the pointer did not reach, and white space: the
// rule of annotate.TrimEdges, with from and to the code point boundaries
// nearest the pointer at each end. So dragging across Mr Wang in “Mr
// Wang” selects the words without the quotes, at both ends alike, and a
// drag that reaches over a quote (past its middle) takes it.
func (l *articleLayout) trimMarks(s, e, from, to int) (int, int) {
	s, e = annotate.TrimEdges(l.runeAt, s, e, from, to)
	if s >= e {
		return s, s
	}
	return s, e
}

// articleGeometry is where lines sit: all values in widget units at the current
// text size; y values are in content coordinates (before scrolling). Lines
// take the room they need: a line no span touches is plain text with some
// leading; a line with spans has a band above its text for their tags and
// as many underline lanes below it as its deepest nesting.
type articleGeometry struct {
	left, top float32 // origin of the text column
	colW      float32 // wrap width
	lineH     float32 // the height of a plain line: the step of line-wise scrolling
	tagH      float32 // band above the text of a line with spans, for their tags
	plainGap  float32 // space above the text of a line without spans
	textH     float32 // height of a canvas.Text line
	ulThick   float32 // underline thickness
	ulGap     float32 // space between underline lanes
	maxLanes  int     // the most underline lanes a line gets
	bottom    float32 // space below the last line

	tops    []float32 // the y of each line's top, and of the end of the last line
	spanned []bool    // whether spans touch each line
}

// lineTop returns the y of line i's top.
func (g *articleGeometry) lineTop(i int) float32 {
	if len(g.tops) == 0 {
		return g.top
	}
	return g.tops[min(max(i, 0), len(g.tops)-1)]
}

// textTop returns the y of line i's text.
func (g *articleGeometry) textTop(i int) float32 {
	if i >= 0 && i < len(g.spanned) && g.spanned[i] {
		return g.lineTop(i) + g.tagH
	}
	return g.lineTop(i) + g.plainGap
}

// laneY returns the y of the underline of lane k below line i.
func (g *articleGeometry) laneY(i, k int) float32 {
	k = min(k, g.maxLanes-1)
	return g.textTop(i) + g.textH + g.ulGap + float32(k)*(g.ulThick+g.ulGap)
}

// lineAtY returns the line under content y, clamped to [0, n).
func (g *articleGeometry) lineAtY(y float32, n int) int {
	if n == 0 || len(g.tops) < 2 {
		return 0
	}
	n = min(n, len(g.tops)-1)
	i := sort.Search(n, func(i int) bool { return g.tops[i+1] > y })
	return min(max(i, 0), n-1)
}

// contentHeight returns the height of the first n lines, with the margins.
func (g *articleGeometry) contentHeight(n int) float32 {
	return g.lineTop(n) + g.bottom
}

// layRows gives each of the layout's lines its height from the spans that
// touch it, filling g.tops and g.spanned (reusing their storage).
func (g *articleGeometry) layRows(lay *articleLayout, x *articleSpanIndex) {
	n := len(lay.lines)
	need := make([]uint8, n) // underline lanes each line needs; 0: no span
	// spans come by start: the line of each start only moves forward
	l0 := 0
	for j := range x.spans {
		s := &x.spans[j]
		if s.End <= s.Start || n == 0 {
			continue
		}
		for l0+1 < n && int(lay.lines[l0+1].start) <= s.Start {
			l0++
		}
		lanes := uint8(min(x.lanes[j]+1, g.maxLanes))
		for li := l0; li < n && (li == l0 || int(lay.lines[li].start) < s.End); li++ {
			need[li] = max(need[li], lanes)
		}
	}
	g.tops = slices.Grow(g.tops[:0], n+1)[:n+1]
	g.spanned = slices.Grow(g.spanned[:0], n)[:n]
	// the height of a line by the lanes it needs
	heights := make([]float32, g.maxLanes+1)
	heights[0] = float32(math.Ceil(float64(g.plainGap + g.textH + 2*g.ulGap)))
	for k := 1; k <= g.maxLanes; k++ {
		heights[k] = float32(math.Ceil(float64(g.tagH + g.textH + g.ulGap + float32(k)*(g.ulThick+g.ulGap) + 1)))
	}
	y := g.top
	for i, k := range need {
		g.tops[i] = y
		g.spanned[i] = k > 0
		y += heights[k]
	}
	g.tops[n] = y
}

// articleSpanIndex keeps spans in annotate.CompareSpans order (start
// ascending, end descending) with the lane of each and a running maximum of
// ends, so that the spans overlapping a range are found without looking at
// the others. Spans are found by id through a map and then by binary search,
// so adding or removing one costs a copy of the slice and a pass to give
// lanes, with no hashing of every span.
type articleSpanIndex struct {
	spans   []annotate.Span
	lanes   []int
	maxEnd  []int
	byID    map[string]spanPlace // where each span sorts, by id
	nLanes  int                  // lanes in use: max lane + 1
	version int                  // bumped on every change, so that row heights follow
}

// spanPlace is what orders a span in the index (with its id): its
// range and label. The index keeps it by id, not a copy of the whole span.
type spanPlace struct {
	start, end int
	label      string
}

func placeOf(s *annotate.Span) spanPlace { return spanPlace{s.Start, s.End, s.Label} }

// set replaces all spans; of spans sharing an id the last is kept.
func (x *articleSpanIndex) set(spans []annotate.Span) {
	x.byID = make(map[string]spanPlace, len(spans))
	for i := range spans {
		x.byID[spans[i].ID] = placeOf(&spans[i])
	}
	x.spans = slices.Grow(x.spans[:0], len(x.byID))
	if len(x.byID) == len(spans) { // no id twice: keep them all
		x.spans = append(x.spans, spans...)
	} else {
		last := make(map[string]int, len(spans))
		for i := range spans {
			last[spans[i].ID] = i
		}
		for i := range spans {
			if last[spans[i].ID] == i {
				x.spans = append(x.spans, spans[i])
			}
		}
	}
	for i := 1; i < len(x.spans); i++ {
		if compareSpansAt(&x.spans[i-1], &x.spans[i]) > 0 {
			annotate.SortSpans(x.spans)
			break
		}
	}
	x.relane()
}

// add inserts s, replacing the span with the same id.
func (x *articleSpanIndex) add(s annotate.Span) {
	if x.byID == nil {
		x.byID = make(map[string]spanPlace)
	}
	if i, ok := x.indexOf(s.ID); ok {
		x.spans = slices.Delete(x.spans, i, i+1)
	}
	i, _ := slices.BinarySearchFunc(x.spans, s, annotate.CompareSpans)
	x.spans = slices.Insert(x.spans, i, s)
	x.byID[s.ID] = placeOf(&s)
	x.relane()
}

// remove deletes the span with id, reporting whether there was one.
func (x *articleSpanIndex) remove(id string) bool {
	i, ok := x.indexOf(id)
	if !ok {
		return false
	}
	x.spans = slices.Delete(x.spans, i, i+1)
	delete(x.byID, id)
	x.relane()
	return true
}

// indexOf returns the index of the span with id.
func (x *articleSpanIndex) indexOf(id string) (int, bool) {
	p, ok := x.byID[id]
	if !ok {
		return 0, false
	}
	return slices.BinarySearchFunc(x.spans, annotate.Span{ID: id, Start: p.start, End: p.end, Label: p.label}, annotate.CompareSpans)
}

// find returns the span with id.
func (x *articleSpanIndex) find(id string) (annotate.Span, bool) {
	i, ok := x.indexOf(id)
	if !ok {
		return annotate.Span{}, false
	}
	return x.spans[i], true
}

// relane recomputes lanes and running maximum ends: O(n·lanes). Each span
// takes the lowest lane free at its start.
func (x *articleSpanIndex) relane() {
	x.version++
	n := len(x.spans)
	x.lanes = slices.Grow(x.lanes[:0], n)[:n]
	x.maxEnd = slices.Grow(x.maxEnd[:0], n)[:n]
	var laneEnd []int // end of the last span given each lane
	me := 0
	for i := range x.spans {
		s := &x.spans[i]
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
func (x *articleSpanIndex) overlapping(a, b int) []int {
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
func (x *articleSpanIndex) at(off int) []int { return x.overlapping(off, off+1) }
