package app

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

var (
	_ fyne.Widget         = (*ArticleView)(nil)
	_ fyne.Draggable      = (*ArticleView)(nil)
	_ fyne.Tappable       = (*ArticleView)(nil)
	_ fyne.DoubleTappable = (*ArticleView)(nil)
	_ fyne.Focusable      = (*ArticleView)(nil)
	_ fyne.Shortcutable   = (*ArticleView)(nil)
	_ fyne.Scrollable     = (*ArticleView)(nil)
	_ desktop.Hoverable   = (*ArticleView)(nil)
	_ desktop.Mouseable   = (*ArticleView)(nil)
	_ desktop.Cursorable  = (*ArticleView)(nil)
)

// articleTextStyle is the style article text is measured and drawn in.
var articleTextStyle = fyne.TextStyle{}

// articleMaxLineChars is the readable line length: the text column is at most this
// many average characters wide.
const articleMaxLineChars = 80

// ArticleView shows one document's text wrapped to its width, highlights
// spans in their labels' colours, and maps pointer gestures to code-point
// offsets.
//
// All offsets are Unicode code points, end exclusive. The widget owns its
// vertical scrolling and draws only the lines that are visible, so it should
// not be put in a container.Scroll.
type ArticleView struct {
	widget.BaseWidget

	// OnSelectionChanged is called when the user's text selection changes
	// (start==end: none).
	OnSelectionChanged func(start, end int)
	// OnSpanSelected is called when the user selects a span by clicking it
	// ("" when the click hit no span and cleared the selection).
	OnSpanSelected func(id string)
	// OnLinkDragged is called when the user drags with the right mouse
	// button from one span to another: the ids of both.
	OnLinkDragged func(fromID, toID string)
	// LinkAllowed reports whether a right-button drag from the span
	// fromID may end on the span toID, which is then highlighted under
	// the pointer; nil allows any other span.
	LinkAllowed func(fromID, toID string) bool
	// OnTypedRune receives the runes typed while the widget has focus; the
	// widget handles none itself.
	OnTypedRune func(r rune)
	// OnTypedKey receives the keys the widget does not handle itself (it
	// handles the caret keys: arrows, Home, End, Page Up, Page Down, and Tab
	// from span to span, with Shift to select).
	OnTypedKey func(ev *fyne.KeyEvent)
	// OnSpanResized is called when the user moves a boundary of the
	// selected span (Shift+arrows, Alt+Shift+arrows, or dragging one of its
	// handles): the span's id and its new offsets. The widget shows the new
	// range once UpdateSpan gives it the stored span.
	OnSpanResized func(id string, start, end int)
	// OnShortcut receives shortcuts (Ctrl+Z etc.) while the widget has
	// focus; if nil, they are forwarded to the window canvas's own shortcut
	// handlers. Copy with a non-empty selection is handled by the widget.
	OnShortcut func(s fyne.Shortcut)
	// OnTab, when set, gets Tab (next) and Shift+Tab first: when it
	// reports that it took the key, the widget does not move to a span.
	OnTab func(next bool) bool

	text       string
	lay        *articleLayout
	spans      articleSpanIndex
	compared   []string // the initials of the colleagues whose spans are in spans (SetCompared)
	nOthers    int      // how many colleagues' spans are in spans
	annotators int      // how many annotators are compared, when 3+
	rels       []annotate.Relation
	link       linkDrag // a drag with the right mouse button (article_connector.go)
	labels     annotate.LabelSet
	styles     map[string]articleLabelStyle

	selStart, selEnd int
	marks            []annotate.Mention // search matches, highlighted
	caret            int                // the keyboard caret's offset
	caretX           float32            // the x Up and Down keep, -1: the caret's own
	shift            bool               // Shift is held (KeyDown/KeyUp)
	selectedSpan     string
	alt              altGuard // keeps the main menu from taking the keyboard after an Alt gesture (alt_release.go)
	scrollY          float32
	pendingScroll    int // offset to scroll to once laid out, or -1
	pendingTop       int // offset to show at the top once laid out, or 0

	textSize   float32         // 0: the theme's size × 1.15
	metrics    *articleMetrics // widths at metricSize in metricFont, shared by documents
	metricSize float32         // text size the metrics are for
	metricFont string          // theme font the metrics are for
	textH      float32
	avgChar    float32
	gen        int // bumped when lines change: the renderer drops its line objects

	// pointer state
	mods        fyne.KeyModifier
	dragging    bool
	barDrag     bool
	dragAnchor  int
	dragNear    int           // the code point boundary nearest the press
	dragPress   fyne.Position // the press, in the content (scrolling added)
	handle      int           // the boundary of the selected span being dragged (handleStart, handleEnd) or handleNone
	handleS     int           // the range the handle drag shows
	handleE     int
	overHandle  bool // the pointer is over a handle: a resize cursor
	dragOldS    int
	dragOldE    int
	hovering    bool
	hoverPos    fyne.Position
	hoverSpan   int // index into spans.spans, -1: none
	focused     bool
	popup       *widget.PopUpMenu
	popupSpans  []string
	rend        *articleRenderer
	lastGeom    articleGeometry
	lastGeomSet bool
	rows        articleGeometry // holds the line heights (tops, spanned) for rowsKey
	rowsKey     articleRowsKey

	sug articleSuggestions // the suggestions drawn (article_suggestions.go)
}

// articleRowsKey is what the lines' heights depend on: the lines, the
// spans and the sizes.
type articleRowsKey struct {
	gen, spans           int
	textH, tagH, ulThick float32
}

// articleLabelStyle is how spans of one label are drawn.
type articleLabelStyle struct {
	color     color.NRGBA
	short     string
	display   string
	underline string // annotate.UnderlineSolid etc.; "" is solid
}

// NewArticleView returns an empty article view.
func NewArticleView() *ArticleView {
	a := &ArticleView{pendingScroll: -1, hoverSpan: -1, caretX: -1}
	a.alt.a = a
	a.ExtendBaseWidget(a)
	a.lay = newArticleLayout("", nil)
	a.setLabels(annotate.DefaultLabels())
	return a
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (a *ArticleView) CreateRenderer() fyne.WidgetRenderer {
	a.ExtendBaseWidget(a)
	r := newArticleRenderer(a)
	a.rend = r
	return r
}

// Cursor returns the text cursor.
func (a *ArticleView) Cursor() desktop.Cursor {
	if a.overHandle || a.handle != handleNone {
		return desktop.HResizeCursor
	}
	return desktop.TextCursor
}

// SetDocument shows text with spans, coloured by labels. It resets the
// scroll position, the text selection and the selected span.
func (a *ArticleView) SetDocument(text string, spans []annotate.Span, labels annotate.LabelSet) {
	a.text = text
	a.lay = newArticleLayout(text, a.metrics)
	a.lastGeomSet = false
	a.spans.set(spans)
	a.compared, a.nOthers, a.annotators = nil, 0, 0
	a.rels = a.rels[:0]
	a.setLabels(labels)
	a.selStart, a.selEnd = 0, 0
	a.selectedSpan = ""
	a.scrollY = 0
	a.pendingScroll, a.pendingTop = -1, 0
	a.caret, a.caretX = 0, -1
	a.hoverSpan = -1
	a.dragging, a.barDrag = false, false
	a.gen++
	a.Refresh()
}

// AddSpan adds (or replaces, by id) one span. Only lanes are recomputed;
// the text is not re-wrapped.
func (a *ArticleView) AddSpan(s annotate.Span) {
	a.spans.add(s)
	a.spansChanged()
}

// UpdateSpan replaces the span with s's id (its label or note changed).
func (a *ArticleView) UpdateSpan(s annotate.Span) {
	a.spans.add(s)
	a.spansChanged()
}

// RemoveSpan removes the span with id; if it was the selected span, no span
// is selected any more.
func (a *ArticleView) RemoveSpan(id string) {
	if !a.spans.remove(id) {
		return
	}
	if a.selectedSpan == id {
		a.selectedSpan = ""
	}
	a.spansChanged()
}

func (a *ArticleView) spansChanged() {
	a.hoverSpan = -1
	a.Refresh()
}

// SetLabels sets the labels spans are drawn with.
func (a *ArticleView) SetLabels(labels annotate.LabelSet) {
	a.setLabels(labels)
	a.Refresh()
}

func (a *ArticleView) setLabels(labels annotate.LabelSet) {
	a.labels = append(annotate.LabelSet{}, labels...)
	a.styles = make(map[string]articleLabelStyle, len(labels))
	shorts := articleShortLabels(labels)
	for i, l := range labels {
		disp := l.Display
		if disp == "" {
			disp = l.Name
		}
		a.styles[l.Name] = articleLabelStyle{color: labelColor(l), short: shorts[i], display: disp, underline: l.Underline}
	}
}

// style returns how spans labelled name are drawn; unknown labels are grey.
func (a *ArticleView) style(name string) articleLabelStyle {
	if st, ok := a.styles[name]; ok {
		return st
	}
	short := name
	if n := utf8.RuneCountInString(short); n > 1 {
		r, _ := utf8.DecodeRuneInString(short)
		short = string(r)
	}
	return articleLabelStyle{color: color.NRGBA{0x80, 0x80, 0x80, 0xff}, short: short, display: name}
}

// articleShortLabels gives each label the shortest upper-case prefix of its
// display name (at least one letter, at most three) that no other label
// shares.
func articleShortLabels(labels annotate.LabelSet) []string {
	names := make([][]rune, len(labels))
	for i, l := range labels {
		d := l.Display
		if d == "" {
			d = l.Name
		}
		names[i] = []rune(strings.ToUpper(d))
	}
	out := make([]string, len(labels))
	for i, n := range names {
		k := 1
		for ; k < 3 && k < len(n); k++ {
			clash := false
			for j, m := range names {
				if j != i && len(m) >= k && string(m[:k]) == string(n[:min(k, len(n))]) {
					clash = true
					break
				}
			}
			if !clash {
				break
			}
		}
		out[i] = string(n[:min(k, len(n))])
	}
	return out
}

// Selection returns the text selection (start==end: none).
func (a *ArticleView) Selection() (start, end int) { return a.selStart, a.selEnd }

// SetSelection selects [start, end) without calling OnSelectionChanged.
// The offsets are clamped to the text and swapped if reversed.
func (a *ArticleView) SetSelection(start, end int) {
	n := a.lay.n
	start, end = min(max(start, 0), n), min(max(end, 0), n)
	if end < start {
		start, end = end, start
	}
	if start == end {
		start, end = 0, 0
	}
	a.selStart, a.selEnd = start, end
	a.Refresh()
}

// SetMarks highlights the ranges (search matches, in text order); nil
// clears them.
func (a *ArticleView) SetMarks(marks []annotate.Mention) {
	a.marks = marks
	a.Refresh()
}

// SelectedSpan returns the id of the selected span ("" if none).
func (a *ArticleView) SelectedSpan() string { return a.selectedSpan }

// SetSelectedSpan draws the span with id emphasised (thicker underline and
// a border); it does not call OnSpanSelected. "" selects none.
func (a *ArticleView) SetSelectedSpan(id string) {
	a.selectedSpan = id
	a.Refresh()
}

// ScrollToOffset scrolls so that the line holding offset is visible, about
// a third of the way down the view if it has to move. Before the widget has
// a size the scroll happens on its first layout.
func (a *ArticleView) ScrollToOffset(offset int) {
	if a.Size().Height <= 0 {
		a.pendingScroll = offset
		return
	}
	g := a.ensureLayout()
	a.scrollToOffset(g, offset)
	a.Refresh()
}

func (a *ArticleView) scrollToOffset(g *articleGeometry, offset int) {
	offset = min(max(offset, 0), a.lay.n)
	i := a.lay.lineOf(offset)
	top, bottom := g.lineTop(i), g.lineTop(i)+g.lineH
	h := a.Size().Height
	if top >= a.scrollY && bottom <= a.scrollY+h {
		return
	}
	a.scrollY = top - h/3
	a.clampScroll(g)
}

// TopOffset returns the offset at the start of the top visible line (0 at
// the top of the text), to come back to with ScrollToTop.
func (a *ArticleView) TopOffset() int {
	return max(a.topOffset(), 0)
}

// ScrollToTop scrolls so that the line holding offset is the top visible
// line (as far as the text allows); before the widget has a size it
// happens on its first layout.
func (a *ArticleView) ScrollToTop(offset int) {
	if offset <= 0 {
		return
	}
	if a.Size().Height <= 0 {
		a.pendingTop = offset
		return
	}
	g := a.ensureLayout()
	a.anchorTo(g, min(offset, a.lay.n))
	a.clampScroll(g)
	a.Refresh()
}

// SetTextSize sets the text size (zoom) and re-wraps; 0 restores the
// default, the theme's text size × 1.15.
func (a *ArticleView) SetTextSize(size float32) {
	if size < 0 {
		size = 0
	}
	a.textSize = size
	// keep what the user works on in view: the selected span, else the
	// selection, else the caret
	switch {
	case a.selectedSpan != "":
		if s, ok := a.spans.find(a.selectedSpan); ok {
			a.pendingScroll = s.Start
		}
	case a.selStart != a.selEnd:
		a.pendingScroll = a.selStart
	case a.caret > 0:
		a.pendingScroll = a.caret
	}
	a.Refresh()
}

// TextSize returns the text size in use.
func (a *ArticleView) TextSize() float32 {
	if a.textSize > 0 {
		return a.textSize
	}
	return float32(math.Round(float64(a.Theme().Size(theme.SizeNameText)*1.15*2)) / 2)
}

// SpansAt returns the spans holding offset, innermost last (start
// ascending, end descending).
func (a *ArticleView) SpansAt(offset int) []annotate.Span {
	idx := a.spans.at(offset)
	out := make([]annotate.Span, len(idx))
	for i, j := range idx {
		out[i] = a.spans.spans[j]
	}
	return out
}

// OffsetAt returns the code-point offset nearest to pos, a position inside
// the widget. It never returns an offset inside a grapheme cluster.
func (a *ArticleView) OffsetAt(pos fyne.Position) int {
	g := a.ensureLayout()
	i := g.lineAtY(pos.Y+a.scrollY, len(a.lay.lines))
	return a.lay.nearestOffset(i, pos.X-g.left)
}

// PositionOf returns the top-left of the character at offset, relative to
// the widget and accounting for scrolling.
func (a *ArticleView) PositionOf(offset int) fyne.Position {
	g := a.ensureLayout()
	offset = min(max(offset, 0), a.lay.n)
	i := a.lay.lineOf(offset)
	return fyne.NewPos(g.left+a.lay.xOf(i, offset), g.textTop(i)-a.scrollY)
}

// charAtPos returns the character under pos (a position in the widget).
func (a *ArticleView) charAtPos(g *articleGeometry, pos fyne.Position) int {
	i := g.lineAtY(pos.Y+a.scrollY, len(a.lay.lines))
	return a.lay.charAt(i, pos.X-g.left)
}

// boundaryAtPos returns the code point boundary nearest pos (a position
// in the widget).
func (a *ArticleView) boundaryAtPos(g *articleGeometry, pos fyne.Position) int {
	i := g.lineAtY(pos.Y+a.scrollY, len(a.lay.lines))
	return a.lay.nearestOffset(i, pos.X-g.left)
}

// charHit returns the character under pos, and false if pos is not over
// the text of a line.
func (a *ArticleView) charHit(g *articleGeometry, pos fyne.Position) (int, bool) {
	y := pos.Y + a.scrollY
	if a.lay.n == 0 || y < g.top || y >= g.contentHeight(len(a.lay.lines))-g.bottom {
		return 0, false
	}
	i := g.lineAtY(y, len(a.lay.lines))
	x := pos.X - g.left
	if x0, x1 := a.lay.textSpan(i); x < x0 || x >= x1 {
		return 0, false
	}
	return a.lay.charAt(i, x), true
}

// articleMeasure returns a cached-free measure function for size; the layout
// caches per word.
func (a *ArticleView) measurer(size float32) articleMeasure {
	return func(s string) float32 { return fyne.MeasureText(s, size, articleTextStyle).Width }
}

// ensureLayout brings the lines up to date with the widget's width and text
// size, and returns the articleGeometry.
func (a *ArticleView) ensureLayout() *articleGeometry {
	anchor := a.topOffset()
	rewrapped := false
	ts, font := a.TextSize(), ""
	if f := a.Theme().Font(articleTextStyle); f != nil {
		font = f.Name()
	}
	if ts != a.metricSize || font != a.metricFont || a.metrics == nil {
		a.metricSize, a.metricFont = ts, font
		m := a.measurer(ts)
		a.metrics = newArticleMetrics(m)
		a.textH = fyne.MeasureText("Mg", ts, articleTextStyle).Height
		const sample = "the quick brown fox jumps over the lazy dog, said Mr Wang. "
		a.avgChar = a.metrics.width(sample) / float32(len(sample))
	}
	if a.lay.m != a.metrics {
		a.lay.setMetrics(a.metrics)
		rewrapped = true
	}
	g := a.computeGeometry()
	if a.lay.width != g.colW {
		a.lay.wrap(g.colW)
		rewrapped = true
	}
	if rewrapped {
		a.gen++
	}
	key := articleRowsKey{gen: a.gen, spans: a.spans.version, textH: g.textH, tagH: g.tagH, ulThick: g.ulThick}
	if key != a.rowsKey || a.rows.tops == nil {
		// the lines' heights change: keep the top line where it is
		top := -1
		if !rewrapped && a.lastGeomSet && a.scrollY > 0 {
			top = a.lineAtTop(&a.lastGeom)
		}
		g.tops, g.spanned = a.rows.tops, a.rows.spanned
		g.layRows(a.lay, &a.spans)
		a.rows.tops, a.rows.spanned = g.tops, g.spanned
		a.rowsKey = key
		if top >= 0 {
			a.scrollY = g.lineTop(top) - g.top
		}
	} else {
		g.tops, g.spanned = a.rows.tops, a.rows.spanned
	}
	if rewrapped {
		a.anchorTo(&g, anchor)
	}
	if a.pendingTop > 0 && a.Size().Height > 0 {
		a.anchorTo(&g, min(a.pendingTop, a.lay.n))
		a.pendingTop = 0
	}
	if a.pendingScroll >= 0 && a.Size().Height > 0 {
		a.scrollToOffset(&g, a.pendingScroll)
		a.pendingScroll = -1
	}
	a.clampScroll(&g)
	a.lastGeom, a.lastGeomSet = g, true
	return &a.lastGeom
}

// topOffset returns the offset at the start of the top visible line, -1 if
// the view is at the top.
func (a *ArticleView) topOffset() int {
	if a.scrollY <= 0 || !a.lastGeomSet || len(a.lay.lines) == 0 {
		return -1
	}
	return int(a.lay.lines[a.lineAtTop(&a.lastGeom)].start)
}

func (a *ArticleView) lineAtTop(g *articleGeometry) int {
	return g.lineAtY(a.scrollY+g.top, max(len(a.lay.lines), 1))
}

func (a *ArticleView) anchorTo(g *articleGeometry, offset int) {
	if offset < 0 {
		return
	}
	a.scrollY = g.lineTop(a.lay.lineOf(offset)) - g.top
}

// articleGeometry works out the text column and line metrics for the current size.
func (a *ArticleView) computeGeometry() articleGeometry {
	th := a.Theme()
	pad := th.Size(theme.SizeNamePadding)
	ts := a.metricSize
	w := a.Size().Width
	if w <= 0 {
		w = 900
	}
	var g articleGeometry
	barZone := float32(10)
	maxCol := float32(math.Ceil(float64(a.avgChar * articleMaxLineChars)))
	avail := w - 4*pad - barZone
	g.colW = max(min(avail, maxCol), 4*a.avgChar)
	g.left = float32(math.Round(float64(max(2*pad, (w-barZone-g.colW)/2))))
	g.textH = a.textH
	g.ulThick = float32(max(2, math.Round(float64(ts)/8)))
	g.ulGap = float32(max(1, math.Round(float64(ts)/16)))
	g.maxLanes = 6
	g.tagH = float32(math.Round(float64(ts) * 0.72))
	g.plainGap = float32(math.Round(float64(ts) * 0.3))
	g.lineH = float32(math.Ceil(float64(g.plainGap + g.textH + 2*g.ulGap)))
	g.top = pad
	g.bottom = 2 * pad
	return g
}

func (a *ArticleView) clampScroll(g *articleGeometry) {
	maxY := max(g.contentHeight(len(a.lay.lines))-a.Size().Height, 0)
	a.scrollY = min(max(a.scrollY, 0), maxY)
}

// scrollBy moves the view down by dy and refreshes if it moved.
func (a *ArticleView) scrollBy(dy float32) {
	g := a.ensureLayout()
	old := a.scrollY
	a.scrollY += dy
	a.clampScroll(g)
	if a.scrollY != old {
		a.hovering = false
		a.Refresh()
	}
}

// wheelNotch is the scroll delta of one notch of a mouse wheel as Fyne's
// desktop driver reports it (internal/driver/glfw: scrollSpeed).
const wheelNotch = 25

// Scrolled scrolls the view by three lines for each notch of the wheel.
func (a *ArticleView) Scrolled(ev *fyne.ScrollEvent) {
	g := a.ensureLayout()
	a.scrollBy(-ev.Scrolled.DY / wheelNotch * 3 * g.lineH)
}

// MouseDown records the modifier keys held (Alt: exact selection, Shift:
// extend the selection).
func (a *ArticleView) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button == desktop.MouseButtonSecondary {
		a.startLinkDrag(ev.Position)
		return
	}
	a.mods = ev.Modifier
	if ev.Modifier&fyne.KeyModifierAlt != 0 {
		a.alt.used = true
	}
}

// spanIDAt returns the id of the innermost span at pos, or "".
func (a *ArticleView) spanIDAt(pos fyne.Position) string {
	g := a.ensureLayout()
	if c, ok := a.charHit(g, pos); ok {
		if hits := a.spans.at(c); len(hits) > 0 {
			return a.spans.spans[hits[len(hits)-1]].ID
		}
	}
	return ""
}

// MouseUp adds the modifier keys held at release to those recorded at the
// press (a Shift pressed during a click still extends the selection).
func (a *ArticleView) MouseUp(ev *desktop.MouseEvent) {
	if ev.Button == desktop.MouseButtonSecondary {
		a.endLinkDrag(ev.Position)
		return
	}
	if !a.dragging {
		a.mods |= ev.Modifier
	}
	if a.alt.used {
		a.alt.used = false
		if ev.Modifier&fyne.KeyModifierAlt != 0 {
			a.alt.catchRelease() // Alt still held: see alt_release.go
		} else {
			a.alt.closeMenuSoon()
		}
	}
}

// Dragged extends the selection from the press point to the pointer,
// showing it live. On one line holding right-to-left text it takes what
// the pointer went over on the screen (visualDrag); over several lines it
// takes the text in reading order from the character pressed to the one
// under the pointer (past a line's ends as drawn: its start or its end,
// which is on the left in a right-to-left paragraph), as browsers do:
// the part of a right-to-left run before the pressed letter in the text
// is then out even where it is drawn on the dragged side.
func (a *ArticleView) Dragged(ev *fyne.DragEvent) {
	g := a.ensureLayout()
	if !a.dragging {
		a.dragging = true
		a.hovering = false
		press := ev.Position.Subtract(ev.Dragged)
		a.dragOldS, a.dragOldE = a.selStart, a.selEnd
		if a.onScrollBar(g, press) {
			a.barDrag = true
		} else if h := a.handleAt(g, press); h != handleNone {
			a.barDrag = false
			a.handle = h
			a.requestFocus()
		} else {
			a.barDrag = false
			a.dragAnchor = a.charAtPos(g, press)
			a.dragNear = a.boundaryAtPos(g, press)
			a.dragPress = press.AddXY(0, a.scrollY)
			a.requestFocus()
		}
	}
	if a.handle != handleNone {
		a.dragHandle(g, ev.Position)
		return
	}
	if a.barDrag {
		h := a.Size().Height
		content := g.contentHeight(len(a.lay.lines))
		if h > 0 && content > h {
			a.scrollBy(ev.Dragged.DY * content / h)
		}
		return
	}
	// auto-scroll while dragging beyond the top or bottom edge
	if h := a.Size().Height; ev.Position.Y < 0 {
		a.scrollY += max(ev.Position.Y, -g.lineH)
		a.clampScroll(g)
	} else if h > 0 && ev.Position.Y > h {
		a.scrollY += min(ev.Position.Y-h, g.lineH)
		a.clampScroll(g)
	}
	cur := a.charAtPos(g, ev.Position)
	lo, hi := min(a.dragAnchor, cur), max(a.dragAnchor, cur)+1
	near := a.boundaryAtPos(g, ev.Position)
	from, to := min(a.dragNear, near), max(a.dragNear, near)
	// on one line with right-to-left text: what the pointer went over
	li := g.lineAtY(a.dragPress.Y, len(a.lay.lines))
	if li == g.lineAtY(ev.Position.Y+a.scrollY, len(a.lay.lines)) {
		if vlo, vhi, vfrom, vto, ok := a.lay.visualDrag(li, a.dragPress.X-g.left, ev.Position.X-g.left); ok {
			lo, hi, from, to = vlo, vhi, vfrom, vto
		}
	}
	exact := a.mods&fyne.KeyModifierAlt != 0
	a.selStart, a.selEnd = a.lay.snapRange(lo, hi, exact)
	if !exact {
		a.selStart, a.selEnd = a.lay.trimMarks(a.selStart, a.selEnd, from, to)
	}
	if a.selStart == a.selEnd {
		a.selStart, a.selEnd = 0, 0
	}
	a.Refresh()
}

// DragEnd ends a drag: the selection (already snapped to words, or to
// grapheme clusters with Alt) is reported through OnSelectionChanged if it
// changed. A new selection deselects the selected span.
func (a *ArticleView) DragEnd() {
	wasBar := a.barDrag
	a.dragging, a.barDrag = false, false
	a.mods = 0
	if a.alt.used {
		a.alt.used = false
		a.alt.closeMenuSoon()
	}
	if wasBar {
		return
	}
	if a.handle != handleNone {
		a.endHandleDrag()
		return
	}
	if a.selStart != a.selEnd {
		a.caret, a.caretX = a.selEnd, -1
	}
	if a.selStart != a.selEnd && a.selectedSpan != "" {
		a.selectedSpan = ""
		a.Refresh()
		if f := a.OnSpanSelected; f != nil {
			f("")
		}
	}
	if a.selStart != a.dragOldS || a.selEnd != a.dragOldE {
		if f := a.OnSelectionChanged; f != nil {
			f(a.selStart, a.selEnd)
		}
	}
}

// onScrollBar reports whether pos is on the scroll bar strip (when there is
// something to scroll).
func (a *ArticleView) onScrollBar(g *articleGeometry, pos fyne.Position) bool {
	s := a.Size()
	return s.Height > 0 && g.contentHeight(len(a.lay.lines)) > s.Height && pos.X >= s.Width-12
}

// Tapped selects the span under the pointer (a menu chooses among nested
// spans), or clears the selections if there is none. With Shift it extends
// the text selection to the tapped word instead.
func (a *ArticleView) Tapped(ev *fyne.PointEvent) {
	a.requestFocus()
	g := a.ensureLayout()
	mods := a.mods
	a.mods = 0
	if mods&fyne.KeyModifierShift != 0 {
		a.extendSelectionTo(a.charAtPos(g, ev.Position))
		return
	}
	a.caret, a.caretX = a.boundaryAtPos(g, ev.Position), -1
	c, ok := a.charHit(g, ev.Position)
	var hits []int
	if ok {
		hits = a.spans.at(c)
	}
	switch len(hits) {
	case 0:
		a.chooseSpan("")
	case 1:
		a.chooseSpan(a.spans.spans[hits[0]].ID)
	default:
		a.showSpanMenu(hits, ev.AbsolutePosition)
	}
}

// chooseSpan makes id the selected span (clearing the text selection) and
// tells OnSpanSelected.
func (a *ArticleView) chooseSpan(id string) {
	selChanged := a.selStart != a.selEnd
	a.selStart, a.selEnd = 0, 0
	a.selectedSpan = id
	a.Refresh()
	if selChanged {
		if f := a.OnSelectionChanged; f != nil {
			f(0, 0)
		}
	}
	if f := a.OnSpanSelected; f != nil {
		f(id)
	}
}

// showSpanMenu lets the user choose among the spans hits (outermost first),
// listed innermost first.
func (a *ArticleView) showSpanMenu(hits []int, at fyne.Position) {
	c := a.canvas()
	if c == nil {
		a.chooseSpan(a.spans.spans[hits[len(hits)-1]].ID)
		return
	}
	var items []*fyne.MenuItem
	a.popupSpans = a.popupSpans[:0]
	for k := len(hits) - 1; k >= 0; k-- {
		s := a.spans.spans[hits[k]]
		id := s.ID
		label := fmt.Sprintf("%s: %s", a.style(s.Label).display, articleShorten(a.spanText(s), 40))
		items = append(items, fyne.NewMenuItem(label, func() { a.chooseSpan(id) }))
		a.popupSpans = append(a.popupSpans, id)
	}
	a.popup = widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	a.popup.ShowAtPosition(at)
}

// spanText returns the text of s.
func (a *ArticleView) spanText(s annotate.Span) string {
	st, en := min(max(s.Start, 0), a.lay.n), min(max(s.End, 0), a.lay.n)
	if en < st {
		return ""
	}
	return a.text[a.lay.ix.Byte(st):a.lay.ix.Byte(en)]
}

// shorten returns s on one line, cut to at most n code points with an
// ellipsis in the middle.
func articleShorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	h := (n - 1) / 2
	return string(r[:h]) + "…" + string(r[len(r)-(n-1-h):])
}

// extendSelectionTo grows the text selection to take in the word at c (or
// selects that word if there is no selection).
func (a *ArticleView) extendSelectionTo(c int) {
	ws, we := a.lay.snapRange(c, c+1, false)
	if ws == we {
		return
	}
	s, e := ws, we
	if a.selStart != a.selEnd {
		s, e = min(a.selStart, ws), max(a.selEnd, we)
	}
	a.setSelectionByUser(s, e)
}

func (a *ArticleView) setSelectionByUser(s, e int) {
	if s == a.selStart && e == a.selEnd {
		return
	}
	a.selStart, a.selEnd = s, e
	if a.selectedSpan != "" {
		a.selectedSpan = ""
		if f := a.OnSpanSelected; f != nil {
			f("")
		}
	}
	a.Refresh()
	if f := a.OnSelectionChanged; f != nil {
		f(s, e)
	}
}

// DoubleTapped selects the word under the pointer.
func (a *ArticleView) DoubleTapped(ev *fyne.PointEvent) {
	a.requestFocus()
	a.mods = 0
	g := a.ensureLayout()
	c := a.charAtPos(g, ev.Position)
	s, e := a.lay.snapRange(c, c+1, false)
	if s == e {
		return
	}
	a.caret, a.caretX = e, -1
	a.setSelectionByUser(s, e)
}

// MouseIn is called when the pointer enters the widget.
func (a *ArticleView) MouseIn(ev *desktop.MouseEvent) { a.MouseMoved(ev) }

// MouseMoved shows a tooltip with the label and annotator of the innermost
// span under the pointer.
func (a *ArticleView) MouseMoved(ev *desktop.MouseEvent) {
	if a.dragging {
		return
	}
	if a.link.from != "" {
		a.moveLinkDrag(ev.Position)
		return
	}
	g := a.ensureLayout()
	a.overHandle = a.handleAt(g, ev.Position) != handleNone
	span := -1
	if c, ok := a.charHit(g, ev.Position); ok {
		if hits := a.spans.at(c); len(hits) > 0 {
			span = hits[len(hits)-1]
		}
	}
	was := a.hovering && a.hoverSpan >= 0
	before := a.hoverSpan
	a.hovering = true
	a.hoverPos = ev.Position
	a.hoverSpan = span
	if a.rend != nil {
		a.rend.tip.key = articleTipKeyOf(a) // the layout the tip is placed in
	}
	if span != before && len(a.rels) > 0 {
		a.Refresh() // the links drawn follow the hovered span
		return
	}
	if (span >= 0 || was) && a.rend != nil {
		a.rend.updateTip()
	}
}

// MouseOut hides the tooltip.
func (a *ArticleView) MouseOut() {
	a.cancelLinkDrag()
	was := a.hovering && a.hoverSpan >= 0
	a.hovering = false
	a.hoverSpan = -1
	if was && len(a.rels) > 0 {
		a.Refresh()
		return
	}
	if was && a.rend != nil {
		a.rend.updateTip()
	}
}

// FocusGained is called when the widget gains keyboard focus.
func (a *ArticleView) FocusGained() {
	a.focused = true
	a.Refresh()
}

// FocusLost is called when the widget loses keyboard focus.
func (a *ArticleView) FocusLost() {
	a.focused = false
	a.shift = false
	a.Refresh()
}

// TypedRune passes typed runes to OnTypedRune.
func (a *ArticleView) TypedRune(r rune) {
	if f := a.OnTypedRune; f != nil {
		f(r)
	}
}

// TypedKey moves the caret (arrows, Home, End, Page Up, Page Down; with
// Shift they select), moves from span to span (Tab, Shift+Tab) or moves a
// boundary of the selected span (Shift+Left/Right), and passes every other
// key to OnTypedKey.
func (a *ArticleView) TypedKey(ev *fyne.KeyEvent) {
	if a.caretKey(ev.Name) {
		return
	}
	g := a.ensureLayout()
	page := max(a.Size().Height-g.lineH, g.lineH)
	switch ev.Name {
	case fyne.KeyPageUp, fyne.KeyPageDown:
		if ev.Name == fyne.KeyPageUp {
			page = -page
		}
		// the caret keeps its place on the screen
		y := a.PositionOf(a.caret).Y
		a.scrollBy(page)
		a.caret = a.OffsetAt(fyne.NewPos(g.left+a.lay.xOf(a.lay.lineOf(a.caret), a.caret), y+g.textH/2))
		a.Refresh()
	default:
		if f := a.OnTypedKey; f != nil {
			f(ev)
		}
	}
}

// TypedShortcut copies the selected text on Copy and handles the caret's
// shortcuts (Ctrl+arrows by word, Ctrl+Home/End, Alt+Shift+Left/Right on
// the selected span's start); other shortcuts go to OnShortcut or, if it is nil, to the window canvas's shortcut handlers.
func (a *ArticleView) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && a.caretShortcut(cs) {
		return
	}
	if _, ok := s.(*fyne.ShortcutCopy); ok && a.selStart != a.selEnd {
		if app := fyne.CurrentApp(); app != nil {
			app.Clipboard().SetContent(a.spanText(annotate.Span{Start: a.selStart, End: a.selEnd}))
		}
		return
	}
	if f := a.OnShortcut; f != nil {
		f(s)
		return
	}
	if c, ok := a.canvas().(interface{ TypedShortcut(fyne.Shortcut) }); ok {
		c.TypedShortcut(s)
	}
}

// canvas returns the canvas the widget is on, or nil.
func (a *ArticleView) canvas() fyne.Canvas {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	d := app.Driver()
	if d == nil {
		return nil
	}
	return d.CanvasForObject(a)
}

// requestFocus asks the canvas for keyboard focus.
func (a *ArticleView) requestFocus() {
	if c := a.canvas(); c != nil && c.Focused() != a {
		c.Focus(a)
	}
}
