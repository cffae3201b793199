package app

import (
	"fyne.io/fyne/v2"
)

// Boundary handles: the selected span shows a handle at each end, a bar
// with a knob below the text (below, so that a drag that starts on the
// text still selects text, and the tags above stay clear). Dragging a knob
// moves that boundary, snapping to words (exact characters with Alt),
// and the span keeps its id, label, note and links: OnSpanResized reports
// the new range when the drag ends.

// Which end of the selected span a drag is moving.
const (
	handleNone = iota
	handleStart
	handleEnd
)

// handleReach is how far from a handle, in widget units, a press takes it;
// handleKnob is the size of its knob.
const (
	handleReach = 6
	handleKnob  = 7
)

// handleAt returns which handle of the selected span is at pos.
func (a *ArticleView) handleAt(g *articleGeometry, pos fyne.Position) int {
	if a.selectedSpan == "" || a.OnSpanResized == nil {
		return handleNone
	}
	if _, other := a.other(a.selectedSpan); other {
		return handleNone
	}
	s, ok := a.spans.find(a.selectedSpan)
	if !ok {
		return handleNone
	}
	y := pos.Y + a.scrollY
	near := func(off int, end bool) bool {
		li := a.lay.lineOf(off)
		if end && off > 0 {
			li = a.lay.lineOf(off - 1) // the end of a line's last word stays on that line
		}
		top := g.textTop(li)
		if y < top+g.textH-1 || y > top+g.textH+handleKnob+3 {
			return false // the knob, below the text
		}
		x := g.left + a.lay.xOf(li, off)
		if end && off > 0 && li != a.lay.lineOf(off) {
			x = g.left + a.lay.xOf(li, int(a.lay.lines[li].end))
		}
		return pos.X >= x-handleReach && pos.X <= x+handleReach
	}
	switch {
	case near(s.End, true):
		return handleEnd
	case near(s.Start, false):
		return handleStart
	}
	return handleNone
}

// dragHandle moves the boundary being dragged to the pointer at pos and
// shows the span's new range as the selection.
func (a *ArticleView) dragHandle(g *articleGeometry, pos fyne.Position) {
	s, ok := a.spans.find(a.selectedSpan)
	if !ok {
		return
	}
	exact := a.mods&fyne.KeyModifierAlt != 0
	b := a.boundaryAtPos(g, pos)
	start, end := s.Start, s.End
	if a.handle == handleStart {
		start = b
		if !exact {
			ws, _ := a.lay.snapRange(b, b+1, false)
			start = ws
		}
		start = min(start, end-1)
	} else {
		end = b
		if !exact && b > 0 {
			_, we := a.lay.snapRange(b-1, b, false)
			end = we
		}
		end = max(end, start+1)
	}
	a.handleS, a.handleE = start, end
	a.Refresh()
}

// endHandleDrag reports the new range of the span whose handle was
// dragged.
func (a *ArticleView) endHandleDrag() {
	id, start, end := a.selectedSpan, a.handleS, a.handleE
	a.handle = handleNone
	a.Refresh()
	s, ok := a.spans.find(id)
	if !ok || (s.Start == start && s.End == end) || a.OnSpanResized == nil {
		return
	}
	a.caret, a.caretX = end, -1
	a.OnSpanResized(id, start, end)
}

// drawHandles draws a handle at each end of the selected span: a bar the
// height of the text with a knob below it.
func (r *articleRenderer) drawHandles(g *articleGeometry, sy float32, dark bool, first, last int) {
	a := r.a
	if a.selectedSpan == "" || a.OnSpanResized == nil {
		return
	}
	if _, other := a.other(a.selectedSpan); other {
		return
	}
	s, ok := a.spans.find(a.selectedSpan)
	if !ok {
		return
	}
	if a.handle != handleNone {
		s.Start, s.End = a.handleS, a.handleE
	}
	c := articleStrongColor(a.style(s.Label).color, dark)
	const w, knob = 2, handleKnob
	for _, end := range []bool{false, true} {
		off := s.Start
		li := a.lay.lineOf(off)
		x := g.left + a.lay.xOf(li, off)
		if end {
			off = s.End
			li = a.lay.lineOf(max(off-1, 0))
			x = g.left + a.lay.xOf(li, min(off, int(a.lay.lines[li].end)))
		}
		if li < first || li > last {
			continue
		}
		top := g.textTop(li) - sy
		r.rect(fyne.NewPos(x-w/2, top-1), fyne.NewSize(w, g.textH+2), c, nil, 0)
		ky := top + g.textH + 1
		r.roundRect(fyne.NewPos(x-knob/2, ky), fyne.NewSize(knob, knob), c, nil, 0, knob/2)
	}
}
