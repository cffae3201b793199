package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// The hover tooltip of a span ("Actor — ana"): drawn in the gap above the
// hovered line's text (over its tags and the underlines of the line
// above), so that it hides no text, and taken away as soon as anything moves the lines (a scroll, a
// resize, a zoom, an edit of the spans or another document): it is shown
// again when the pointer next moves.

// articleTip is the tooltip's objects and the layout it was placed for.
type articleTip struct {
	bg   *canvas.Rectangle
	text *canvas.Text
	key  articleTipKey // the layout the hover was seen in
}

// articleTipKey is what moves the lines under a tooltip: when it changes,
// the tooltip goes.
type articleTipKey struct {
	size     fyne.Size
	scrollY  float32
	gen      int
	spans    int
	textSize float32
}

func newArticleTip() articleTip {
	t := articleTip{bg: &canvas.Rectangle{CornerRadius: 3, StrokeWidth: 1}, text: &canvas.Text{}}
	t.bg.Hide()
	t.text.Hide()
	return t
}

// articleTipKeyOf returns the key of a's current layout.
func articleTipKeyOf(a *ArticleView) articleTipKey {
	return articleTipKey{size: a.Size(), scrollY: a.scrollY, gen: a.gen, spans: a.spans.version, textSize: a.metricSize}
}

// articleTipText returns the tooltip for a's hovered span ("" for none).
func articleTipText(a *ArticleView) string {
	if !a.hovering || a.hoverSpan < 0 || a.hoverSpan >= len(a.spans.spans) {
		return ""
	}
	s := a.spans.spans[a.hoverSpan]
	t := a.style(s.Label).display
	if s.Annotator != "" {
		t += " — " + s.Annotator
	}
	if _, other := a.other(s.ID); other {
		t += " (compared)"
	}
	return t
}

// shown returns the tooltip's text, "" when it is hidden.
func (t *articleTip) shown() string {
	if !t.bg.Visible() {
		return ""
	}
	return t.text.Text
}

// updateTip shows, moves or hides the hover tooltip without touching the
// other objects. A hover seen in another layout than the current one ends.
func (r *articleRenderer) updateTip() {
	a := r.a
	t := &r.tip
	if a.hovering && t.key != articleTipKeyOf(a) {
		a.hovering = false
	}
	txt := articleTipText(a)
	if txt == "" || !a.lastGeomSet {
		if t.bg.Visible() {
			t.bg.Hide()
			t.text.Hide()
			t.bg.Refresh() // the window is drawn again only for a refresh
		}
		return
	}
	g := &a.lastGeom
	th := a.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	bg := th.Color(theme.ColorNameOverlayBackground, v)
	border := th.Color(theme.ColorNameInputBorder, v)
	// the gap between the line above and the hovered line's text: its
	// tags' band and the underlines of the line above
	li := g.lineAtY(a.hoverPos.Y+a.scrollY, len(a.lay.lines))
	top := float32(0)
	if li > 0 {
		top = g.textTop(li-1) + g.textH
	}
	y := top + 1 - a.scrollY
	h := g.textTop(li) - top - 2
	ts := min(float32(int(h*0.8*2+0.5))/2, th.Size(theme.SizeNameText))
	changed := false
	if t.text.Text != txt || t.text.Color != fg || t.text.TextSize != ts {
		t.text.Text, t.text.Color, t.text.TextSize = txt, fg, ts
		changed = true
	}
	if t.bg.FillColor != bg || t.bg.StrokeColor != border {
		t.bg.FillColor, t.bg.StrokeColor = bg, border
		changed = true
	}
	tsz := fyne.MeasureText(txt, ts, fyne.TextStyle{})
	pad := float32(4)
	w := tsz.Width + 2*pad
	// at the left of the hovered span's part of that line, kept inside
	// the widget
	s := a.spans.spans[a.hoverSpan]
	ln := a.lay.lines[li]
	x := g.left + a.lay.xOf(li, max(s.Start, int(ln.start)))
	if xr := a.lay.xRanges(li, s.Start, s.End); len(xr) > 0 {
		x = g.left + xr[0][0]
	}
	size := a.Size()
	if x+w > size.Width-2 {
		x = max(size.Width-2-w, 0)
	}
	pos, size2 := fyne.NewPos(x, y), fyne.NewSize(w, h)
	if t.bg.Visible() && t.bg.Position() == pos && t.bg.Size() == size2 && !changed {
		return
	}
	t.bg.Move(pos)
	t.bg.Resize(size2)
	t.text.Move(fyne.NewPos(x+pad, y+(h-tsz.Height)/2))
	t.text.Resize(tsz)
	t.bg.Show()
	t.text.Show()
	// Show and Move do not have the window drawn again (the desktop
	// driver draws after a refresh): without this the tip appeared only
	// with the next change of something else
	t.bg.Refresh()
	t.text.Refresh()
}
