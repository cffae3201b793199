package app

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"claimdesk/annotate"
)

var _ fyne.WidgetRenderer = (*articleRenderer)(nil)

// articleRenderer draws the visible lines of an ArticleView only: one
// canvas.Text per line (kept per line while it stays visible, so scrolling
// just moves it), and pooled rectangles for span fills, underlines, tags and
// the selection. Objects are reused across refreshes and refreshed only when
// their look changed.
type articleRenderer struct {
	a   *ArticleView
	gen int

	lineTexts map[int]*canvas.Text
	freeTexts []*canvas.Text
	runTexts  []*canvas.Text // pieces of lines with right-to-left text (drawText)
	nRuns     int

	rects    []*canvas.Rectangle
	nRects   int
	lines    []*canvas.Line
	nLines   int
	tagTexts []*canvas.Text
	nTags    int
	// dashed, dotted, double and wavy underlines, one raster each
	patterns  []*patternLine
	nPatterns int
	tagSizes  map[string]fyne.Size
	tagSize   float32

	pieces []articlePiece
	drawn  []articlePiece // pieces as drawn: the deep lanes merged (mergeDeepPieces)
	tags   []articleTag
	placed []placedTag // tags where they are drawn (placeTags)

	bar *canvas.Rectangle
	tip articleTip // the hover tooltip (article_tip.go)

	objects []fyne.CanvasObject
}

// articlePiece is the part of one span on one line.
type articlePiece struct {
	x0, x1    float32
	line      int
	lane      int
	color     color.NRGBA
	underline string // the label's underline style
	selected  bool
	other     int    // -1: the document's own span; else the colleague whose span it is
	id        string // the span's id in the article
}

// articleTag is the label tag drawn at a span's start: from x on, or, at
// the start of a span that reads right to left (rtl), ending at x.
type articleTag struct {
	x     float32
	rtl   bool
	line  int
	short string
	color color.NRGBA
	other int // as articlePiece.other
}

func newArticleRenderer(a *ArticleView) *articleRenderer {
	r := &articleRenderer{
		a:         a,
		gen:       -1,
		lineTexts: make(map[int]*canvas.Text),
		tagSizes:  make(map[string]fyne.Size),
		bar:       &canvas.Rectangle{CornerRadius: 2},
		tip:       newArticleTip(),
	}
	return r
}

// Destroy is called when the renderer is no longer needed.
func (r *articleRenderer) Destroy() {}

// Layout lays the visible lines out for size.
func (r *articleRenderer) Layout(fyne.Size) { r.Refresh() }

// MinSize returns a small size: the widget scrolls its content itself.
func (r *articleRenderer) MinSize() fyne.Size {
	ts := r.a.TextSize()
	return fyne.NewSize(ts*12, ts*6)
}

// Objects returns the objects of the visible lines.
func (r *articleRenderer) Objects() []fyne.CanvasObject { return r.objects }

// articleFrame is what one Refresh draws with: the geometry, the visible
// lines and the theme's colours.
type articleFrame struct {
	g                *articleGeometry
	first, last      int // the visible lines
	visStart, visEnd int // the code points they hold
	sy               float32
	th               fyne.Theme
	v                fyne.ThemeVariant
	fg               color.Color
	dark             bool
	ts               float32
}

// Refresh rebuilds the objects for the visible lines, back to front.
func (r *articleRenderer) Refresh() {
	a := r.a
	size := a.Size()
	if size.Width <= 0 || size.Height <= 0 {
		r.objects = r.objects[:0]
		return
	}
	f := r.frame()
	r.collectPieces(f)
	r.objects = r.objects[:0]
	r.nRects, r.nTags, r.nLines, r.nPatterns, r.nRuns = 0, 0, 0, 0, 0
	r.drawFills(f)
	r.drawMarks(f)
	r.drawSelection(f)
	r.drawText(f)
	r.drawCaret(f)
	r.drawUnderlines(f)
	r.drawHandles(f.g, f.sy, f.dark, f.first, f.last)
	r.drawTags(f)
	r.drawLinks(f.g, f.sy, f.fg)                                       // the links of the hovered (or selected) span
	r.drawLinkDrag(f.g, f.sy, f.th.Color(theme.ColorNamePrimary, f.v)) // a right-button drag's connector
	r.drawSuggestions(f.g, f.sy, f.dark, f.first, f.last)
	r.drawScrollBar(f)
	r.objects = append(r.objects, r.tip.bg, r.tip.text)
	r.updateTip()
}

// frame lays the article out, ends a hover whose lines moved, lets go of
// the text objects of lines no longer visible and returns what this
// refresh draws with.
func (r *articleRenderer) frame() *articleFrame {
	a := r.a
	g := a.ensureLayout()
	if a.hovering && r.tip.key != articleTipKeyOf(a) {
		a.hovering = false // the lines moved under the pointer: the tip goes
	}
	th := a.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	f := &articleFrame{g: g, sy: a.scrollY, th: th, v: v, ts: a.metricSize,
		fg:   th.Color(theme.ColorNameForeground, v),
		dark: articleIsDark(th.Color(theme.ColorNameBackground, v)),
	}
	if r.gen != a.gen {
		r.gen = a.gen
		for i, t := range r.lineTexts {
			delete(r.lineTexts, i)
			r.freeTexts = append(r.freeTexts, t)
		}
		clear(r.tagSizes)
	}
	lay := a.lay
	n := len(lay.lines)
	f.first = g.lineAtY(a.scrollY, n)
	f.last = g.lineAtY(a.scrollY+a.Size().Height, n)
	for i, t := range r.lineTexts {
		if i < f.first || i > f.last {
			delete(r.lineTexts, i)
			r.freeTexts = append(r.freeTexts, t)
		}
	}
	f.visStart = int(lay.lines[f.first].start)
	f.visEnd = min(int(lay.lines[f.last].end)+1, lay.n)
	return f
}

// collectPieces finds the parts of the visible spans on each line (one
// per stretch of the screen, where a line mixes directions) and the tags
// at their starts.
func (r *articleRenderer) collectPieces(f *articleFrame) {
	a, g, lay := r.a, f.g, r.a.lay
	r.pieces, r.tags = r.pieces[:0], r.tags[:0]
	for _, j := range a.spans.overlapping(f.visStart, max(f.visEnd, f.visStart+1)) {
		s := a.spans.spans[j]
		st := a.style(s.Label)
		sel := s.ID == a.selectedSpan && s.ID != ""
		other, short := -1, st.short
		if o, ok := a.other(s.ID); ok {
			other, short = o.colleague, st.short+"·"+o.initials
		}
		if a.annotators > 0 && s.Start >= f.visStart {
			short += " " + a.madeBy(s)
		}
		a0 := max(s.Start, f.visStart)
		li0 := max(lay.lineOf(a0), f.first)
		li1 := min(lay.lineOf(max(min(s.End, f.visEnd)-1, a0)), f.last)
		for li := li0; li <= li1; li++ {
			ln := lay.lines[li]
			ps, pe := max(s.Start, int(ln.start)), min(s.End, int(ln.end))
			if pe <= ps {
				continue
			}
			for _, xr := range lay.xRanges(li, ps, pe) {
				r.pieces = append(r.pieces, articlePiece{
					x0: g.left + xr[0], x1: g.left + xr[1],
					line: li, lane: a.spans.lanes[j], color: st.color, underline: st.underline, selected: sel, other: other, id: s.ID,
				})
			}
			// the tag at the span's start, and again at the start of
			// every line the span wraps onto
			if ps == s.Start || ps == int(ln.start) {
				r.tags = append(r.tags, articleTag{x: g.left + lay.xOf(li, ps), rtl: lay.readsRTL(ps), line: li, short: short, color: st.color, other: other})
			}
		}
	}
	r.drawn = mergeDeepPieces(r.pieces, max(3, g.maxLanes-1), r.drawn[:0])
}

// drawFills fills the spans' pieces, outer spans first so inner ones lie
// on top; a colleague's are outlined instead.
func (r *articleRenderer) drawFills(f *articleFrame) {
	g := f.g
	fillAlpha := uint8(0x48)
	if f.dark {
		fillAlpha = 0x58
	}
	inset := float32(math.Max(1, math.Round(float64(f.ts)/10)))
	for _, p := range r.drawn {
		in := float32(min(p.lane, 3)) * inset
		pos, sz := fyne.NewPos(p.x0, g.textTop(p.line)-f.sy+in), fyne.NewSize(p.x1-p.x0, g.textH-2*in)
		if p.other >= 0 {
			r.outline(p, pos, sz, f.dark)
			continue
		}
		c := p.color
		c.A = fillAlpha
		var stroke color.Color
		var sw float32
		if p.selected {
			c.A = fillAlpha + 0x20
			stroke, sw = articleStrongColor(p.color, f.dark), 2
		}
		r.rect(pos, sz, c, stroke, sw)
	}
}

// drawMarks outlines the search matches in the theme's focus colour.
func (r *articleRenderer) drawMarks(f *articleFrame) {
	a, g, lay := r.a, f.g, r.a.lay
	if len(a.marks) == 0 {
		return
	}
	markC := f.th.Color(theme.ColorNameFocus, f.v)
	k := sort.Search(len(a.marks), func(k int) bool { return a.marks[k].End > f.visStart })
	for ; k < len(a.marks) && a.marks[k].Start < f.visEnd; k++ {
		m := a.marks[k]
		li0, li1 := lay.lineOf(m.Start), lay.lineOf(max(m.End-1, m.Start))
		for li := max(li0, f.first); li <= min(li1, f.last); li++ {
			ln := lay.lines[li]
			ps, pe := max(m.Start, int(ln.start)), min(m.End, int(ln.end))
			if pe <= ps {
				continue
			}
			for _, xr := range lay.xRanges(li, ps, pe) {
				x0, x1 := g.left+xr[0], g.left+xr[1]
				r.roundRect(fyne.NewPos(x0-1, g.textTop(li)-f.sy), fyne.NewSize(x1-x0+2, g.textH), markC, f.th.Color(theme.ColorNamePrimary, f.v), 1.5, 3)
			}
		}
	}
}

// drawSelection draws the text selection, or the range a boundary handle
// is dragged to.
func (r *articleRenderer) drawSelection(f *articleFrame) {
	a, g, lay := r.a, f.g, r.a.lay
	selStart, selEnd := a.selStart, a.selEnd
	if a.handle != handleNone {
		selStart, selEnd = a.handleS, a.handleE
	}
	if selStart >= selEnd || selEnd <= f.visStart || selStart >= f.visEnd {
		return
	}
	n := len(lay.lines)
	selColor := f.th.Color(theme.ColorNameSelection, f.v)
	li0 := max(lay.lineOf(max(selStart, f.visStart)), f.first)
	li1 := min(lay.lineOf(max(min(selEnd, f.visEnd)-1, f.visStart)), f.last)
	for li := li0; li <= li1; li++ {
		ln := lay.lines[li]
		ps, pe := max(selStart, int(ln.start)), min(selEnd, int(ln.end))
		xrs := lay.xRanges(li, ps, pe)
		for k, xr := range xrs {
			x0, x1 := g.left+xr[0], g.left+xr[1]
			if selEnd > int(ln.end) && pe == int(ln.end) && (li+1 >= n || lay.lines[li+1].start != ln.end) {
				// the selection runs on over the line break: past the
				// line's end as drawn, its left in a right-to-left paragraph
				if rtl := ln.rtl; !rtl && k == len(xrs)-1 {
					x1 += a.avgChar / 2
				} else if rtl && k == 0 {
					x0 -= a.avgChar / 2
				}
			}
			if x1 <= x0 {
				continue
			}
			r.rect(fyne.NewPos(x0, g.textTop(li)-f.sy), fyne.NewSize(x1-x0, g.textH), selColor, nil, 0)
		}
	}
}

// drawText draws the text: one canvas.Text per line, kept while the line
// stays visible; a line with right-to-left text as one text per piece of
// its visual order (article_bidi.go).
func (r *articleRenderer) drawText(f *articleFrame) {
	g, lay := f.g, r.a.lay
	for i := f.first; i <= f.last; i++ {
		y := g.textTop(i) - f.sy
		if vis := lay.visual(i); vis != nil {
			for _, p := range vis.pieces {
				t := r.runText()
				if t.Text != p.text || t.Color != f.fg || t.TextSize != f.ts {
					t.Text, t.Color, t.TextSize = p.text, f.fg, f.ts
					t.Refresh()
				}
				t.Move(fyne.NewPos(g.left+p.x, y))
				t.Resize(fyne.NewSize(vis.x1[p.end-1]-vis.x0[p.start]+1, g.textH))
				r.objects = append(r.objects, t)
			}
			continue
		}
		t, ok := r.lineTexts[i]
		txt := lay.lineText(i)
		if !ok {
			if k := len(r.freeTexts); k > 0 {
				t = r.freeTexts[k-1]
				r.freeTexts = r.freeTexts[:k-1]
			} else {
				t = &canvas.Text{TextStyle: articleTextStyle}
			}
			r.lineTexts[i] = t
		}
		if t.Text != txt || t.Color != f.fg || t.TextSize != f.ts {
			t.Text, t.Color, t.TextSize = txt, f.fg, f.ts
			t.Refresh()
		}
		xs := lay.xs(i)
		t.Move(fyne.NewPos(g.left, y))
		t.Resize(fyne.NewSize(xs[len(xs)-1]+1, g.textH))
		r.objects = append(r.objects, t)
	}
}

// runText takes the next pooled text for a piece of a line with
// right-to-left text.
func (r *articleRenderer) runText() *canvas.Text {
	if r.nRuns < len(r.runTexts) {
		t := r.runTexts[r.nRuns]
		r.nRuns++
		return t
	}
	t := &canvas.Text{TextStyle: articleTextStyle}
	r.runTexts = append(r.runTexts, t)
	r.nRuns++
	return t
}

// drawCaret draws the caret while the article has the keyboard.
func (r *articleRenderer) drawCaret(f *articleFrame) {
	a, g, lay := r.a, f.g, r.a.lay
	if !a.focused || a.dragging || a.caret < f.visStart || a.caret > f.visEnd {
		return
	}
	li := lay.lineOf(a.caret)
	if li < f.first || li > f.last {
		return
	}
	w := float32(max(1.5, math.Round(float64(f.ts)/14)))
	x := g.left + lay.xOf(li, a.caret) - w/2
	r.rect(fyne.NewPos(x, g.textTop(li)-f.sy), fyne.NewSize(w, g.textH), f.fg, nil, 0)
}

// drawUnderlines draws the spans' underlines, one lane per nesting level,
// lane 0 closest to the text.
func (r *articleRenderer) drawUnderlines(f *articleFrame) {
	g := f.g
	for _, p := range r.drawn {
		th := g.ulThick
		if p.selected {
			th += g.ulGap
		}
		y := g.laneY(p.line, p.lane) - f.sy
		if p.other >= 0 {
			// a colleague's underline is dashed, so that it differs from
			// the document's own without colour
			r.dashes(p.x0, p.x1, y, th, articleStrongColor(p.color, f.dark), float32(3+2*(p.other%3)))
			continue
		}
		r.underline(p.x0, p.x1, y, th, articleStrongColor(p.color, f.dark), p.underline)
	}
}

// drawTags draws the label tags at the spans' starts, in the band above
// their lines, as many as fit (placeTags) and a count of the others.
func (r *articleRenderer) drawTags(f *articleFrame) {
	g := f.g
	tagTS := float32(math.Round(float64(g.tagH) * 0.8))
	if tagTS != r.tagSize {
		r.tagSize = tagTS
		clear(r.tagSizes)
	}
	tagW := func(label string) float32 { return float32(math.Ceil(float64(r.measureTag(label).Width))) + 4 }
	for k := range r.tags {
		if tg := &r.tags[k]; tg.rtl {
			// the span's start is its right end: the tag ends there
			tg.x = max(tg.x-tagW(tagLabel(tg.short, 1)), 0)
			tg.rtl = false
		}
	}
	slices.SortStableFunc(r.tags, func(x, y articleTag) int {
		if x.line != y.line {
			return x.line - y.line
		}
		return cmp.Compare(x.x, y.x)
	})
	r.placed = placeTags(r.tags, func(tg articleTag, n int) float32 { return tagW(tagLabel(tg.short, n)) },
		func(n int) float32 { return tagW(fmt.Sprintf("+%d", n)) }, g.left+g.colW, r.placed[:0])
	for _, tg := range r.placed {
		label := tagLabel(tg.short, tg.n)
		if tg.more > 0 {
			label = fmt.Sprintf("+%d", tg.more)
		}
		tsz := r.measureTag(label)
		boxW, boxH := tg.w, g.tagH-1
		x := tg.x
		y := g.lineTop(tg.line) - f.sy + (g.tagH - boxH)
		c := articleStrongColor(tg.color, f.dark)
		var tc color.Color
		switch {
		case tg.more > 0:
			// the tags that did not fit: outlined in the text colour
			r.rect(fyne.NewPos(x, y), fyne.NewSize(boxW, boxH), color.Transparent, f.fg, 1)
			tc = f.fg
		case tg.other >= 0:
			// a colleague's tag: outlined, their initials after the label
			r.rect(fyne.NewPos(x, y), fyne.NewSize(boxW, boxH), color.Transparent, c, 1)
			tc = c
		default:
			r.rect(fyne.NewPos(x, y), fyne.NewSize(boxW, boxH), c, nil, 0)
			tc = articleContrastText(c)
		}
		t := r.tagText()
		if t.Text != label || t.Color != tc || t.TextSize != tagTS {
			t.Text, t.Color, t.TextSize = label, tc, tagTS
			t.Refresh()
		}
		t.Move(fyne.NewPos(x, y+(boxH-tsz.Height)/2))
		t.Resize(fyne.NewSize(boxW, tsz.Height))
		r.objects = append(r.objects, t)
	}
}

// measureTag returns the size of a tag's label at the tag size. A count
// ("A×20", "+340") is measured as its label and its characters after it,
// each measured once: shaping every count's label anew would cost more
// than all the rest of a crowded paragraph's drawing.
func (r *articleRenderer) measureTag(label string) fyne.Size {
	if tsz, ok := r.tagSizes[label]; ok {
		return tsz
	}
	i := strings.IndexAny(label, "×+")
	if i < 0 {
		return r.measureTagOnce(label)
	}
	tsz := r.measureTagOnce(label[:i])
	for _, c := range label[i:] {
		m := r.measureTagOnce(string(c))
		tsz.Width += m.Width
		tsz.Height = max(tsz.Height, m.Height)
	}
	return tsz
}

// measureTagOnce measures label at the tag size, once.
func (r *articleRenderer) measureTagOnce(label string) fyne.Size {
	tsz, ok := r.tagSizes[label]
	if !ok {
		tsz = fyne.MeasureText(label, r.tagSize, fyne.TextStyle{Bold: true})
		r.tagSizes[label] = tsz
	}
	return tsz
}

// drawScrollBar draws the scroll bar's indicator when the text is taller
// than the view.
func (r *articleRenderer) drawScrollBar(f *articleFrame) {
	a := r.a
	size := a.Size()
	content := f.g.contentHeight(len(a.lay.lines))
	if content <= size.Height {
		return
	}
	barC := f.th.Color(theme.ColorNameScrollBar, f.v)
	barH := max(size.Height*size.Height/content, 20)
	barY := (size.Height - barH) * a.scrollY / (content - size.Height)
	if r.bar.FillColor != barC {
		r.bar.FillColor = barC
		r.bar.Refresh()
	}
	r.bar.Move(fyne.NewPos(size.Width-6, barY))
	r.bar.Resize(fyne.NewSize(4, barH))
	r.objects = append(r.objects, r.bar)
}

// rect takes the next pooled rectangle and appends it to the objects.
func (r *articleRenderer) rect(pos fyne.Position, size fyne.Size, fill, stroke color.Color, sw float32) {
	r.roundRect(pos, size, fill, stroke, sw, 0)
}

// roundRect is rect with rounded corners.
func (r *articleRenderer) roundRect(pos fyne.Position, size fyne.Size, fill, stroke color.Color, sw, radius float32) {
	var o *canvas.Rectangle
	if r.nRects < len(r.rects) {
		o = r.rects[r.nRects]
	} else {
		o = &canvas.Rectangle{}
		r.rects = append(r.rects, o)
	}
	r.nRects++
	if o.FillColor != fill || o.StrokeColor != stroke || o.StrokeWidth != sw || o.CornerRadius != radius {
		o.FillColor, o.StrokeColor, o.StrokeWidth, o.CornerRadius = fill, stroke, sw, radius
		o.Refresh()
	}
	o.Move(pos)
	o.Resize(size)
	r.objects = append(r.objects, o)
}

// outline draws a colleague's span piece: no fill, and a border style of
// the colleague's own (square, rounded, double, heavy), thicker when the
// span is selected.
func (r *articleRenderer) outline(p articlePiece, pos fyne.Position, size fyne.Size, dark bool) {
	c := articleStrongColor(p.color, dark)
	w := float32(1.5)
	if p.selected {
		w = 3
	}
	switch p.other % 4 {
	case 0:
		r.rect(pos, size, color.Transparent, c, w)
	case 1:
		r.roundRect(pos, size, color.Transparent, c, w, size.Height/2)
	case 2:
		r.rect(pos, size, color.Transparent, c, 1)
		if size.Width > 6 && size.Height > 6 {
			r.rect(pos.AddXY(3, 3), size.SubtractWidthHeight(6, 6), color.Transparent, c, w-0.5)
		}
	default:
		r.rect(pos, size, color.Transparent, c, w+1.5)
	}
}

// dashes draws a dashed line from x0 to x1 at y, dashes as long as dash.
func (r *articleRenderer) dashes(x0, x1, y, thick float32, c color.NRGBA, dash float32) {
	r.pattern(fyne.NewPos(x0, y), fyne.NewSize(x1-x0, thick), patternLook{c: c, dash: dash, thick: thick})
}

// pattern takes the next pooled patternLine, gives it look and places it.
func (r *articleRenderer) pattern(pos fyne.Position, size fyne.Size, look patternLook) {
	var p *patternLine
	if r.nPatterns < len(r.patterns) {
		p = r.patterns[r.nPatterns]
	} else {
		p = newPatternLine()
		r.patterns = append(r.patterns, p)
	}
	r.nPatterns++
	p.raster.Move(pos)
	if p.look != look {
		p.look = look
		if p.raster.Size() == size {
			p.raster.Refresh()
		}
	}
	p.raster.Resize(size) // refreshes it when the size changed
	r.objects = append(r.objects, p.raster)
}

// underline draws a span's underline from x0 to x1 at y, thick high, in
// its label's style, so that labels differ by more than colour: a solid
// bar, dashes, two thin bars, dots, or a zigzag.
func (r *articleRenderer) underline(x0, x1, y, thick float32, c color.NRGBA, style string) {
	switch style {
	case annotate.UnderlineDashed:
		r.dashes(x0, x1, y, thick, c, 3*thick+2)
	case annotate.UnderlineDotted:
		r.dashes(x0, x1, y, thick, c, thick)
	case annotate.UnderlineDouble:
		t := doubleThin(thick)
		r.pattern(fyne.NewPos(x0, y-t/2), fyne.NewSize(x1-x0, thick+t), patternLook{c: c, thick: thick, double: true})
	case annotate.UnderlineWavy:
		r.pattern(fyne.NewPos(x0, y-thick/2), fyne.NewSize(x1-x0, 2*thick), patternLook{c: c, thick: thick, wavy: true})
	default:
		r.rect(fyne.NewPos(x0, y), fyne.NewSize(x1-x0, thick), c, nil, 0)
	}
}

// tagText takes the next pooled tag text.
func (r *articleRenderer) tagText() *canvas.Text {
	if r.nTags < len(r.tagTexts) {
		t := r.tagTexts[r.nTags]
		r.nTags++
		return t
	}
	t := &canvas.Text{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}}
	r.tagTexts = append(r.tagTexts, t)
	r.nTags++
	return t
}

// articleIsDark reports whether c is a dark colour.
func articleIsDark(c color.Color) bool { return articleLuminance(c) < 0.5 }

// luminance returns the relative brightness of c, 0 to 1.
func articleLuminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// articleStrongColor returns the solid colour for underlines and tags: the label
// colour, lightened a little on dark backgrounds so it stands out.
func articleStrongColor(c color.NRGBA, dark bool) color.NRGBA {
	if dark {
		mix := func(v uint8) uint8 { return uint8((int(v)*3 + 0xff) / 4) }
		return color.NRGBA{mix(c.R), mix(c.G), mix(c.B), 0xff}
	}
	c.A = 0xff
	return c
}

// articleContrastText returns black or white, whichever reads better on c.
func articleContrastText(c color.NRGBA) color.Color {
	if articleLuminance(c) > 0.55 {
		return color.Black
	}
	return color.White
}
