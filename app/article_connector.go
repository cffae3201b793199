package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// linkDrag is a drag with the right mouse button from one span to
// another, which links them (ArticleView.OnLinkDragged). While it lasts,
// a connector runs from the press point to the pointer, and the span
// under the pointer that it may link to (ArticleView.LinkAllowed) is
// outlined.
type linkDrag struct {
	from    string        // the span pressed on; "" no drag
	press   fyne.Position // where, in content coordinates (scroll added)
	pointer fyne.Position // the pointer now, in widget coordinates
	moved   bool          // the pointer has moved since the press
	over    string        // the span under the pointer it may link to, or ""
}

// startLinkDrag starts a right-button drag at pos if a span is there.
func (a *ArticleView) startLinkDrag(pos fyne.Position) {
	a.link = linkDrag{from: a.spanIDAt(pos), press: pos.AddXY(0, a.scrollY), pointer: pos}
}

// moveLinkDrag follows the pointer of a right-button drag: the desktop
// driver sends MouseMoved (not Dragged) while the right button is held.
func (a *ArticleView) moveLinkDrag(pos fyne.Position) {
	over := a.linkTargetAt(pos)
	if a.link.moved && pos == a.link.pointer && over == a.link.over {
		return
	}
	a.link.pointer, a.link.over, a.link.moved = pos, over, true
	a.hovering = false
	a.repaint()
}

// repaint refreshes the widget and asks its canvas to paint it again. A
// renderer's Refresh that only adds objects (the connector's line, new
// from the pool) marks nothing dirty: an object's Refresh reaches a canvas
// only once that canvas has walked it, so the new line would never be
// painted (seen in the real window; the test driver paints anyway).
func (a *ArticleView) repaint() {
	a.Refresh()
	canvas.Refresh(a)
}

// endLinkDrag ends a right-button drag released at pos: the two spans are
// reported through OnLinkDragged.
func (a *ArticleView) endLinkDrag(pos fyne.Position) {
	from, to := a.link.from, a.spanIDAt(pos)
	drawn := a.link.moved
	a.link = linkDrag{}
	if drawn {
		a.repaint()
	}
	if from != "" && to != "" && from != to && a.OnLinkDragged != nil {
		a.OnLinkDragged(from, to)
	}
}

// cancelLinkDrag drops a right-button drag (the pointer left the widget,
// where the release cannot be seen).
func (a *ArticleView) cancelLinkDrag() {
	if a.link.from == "" {
		return
	}
	drawn := a.link.moved
	a.link = linkDrag{}
	if drawn {
		a.repaint()
	}
}

// linkTargetAt returns the span under pos that the drag may link to, or
// "".
func (a *ArticleView) linkTargetAt(pos fyne.Position) string {
	to := a.spanIDAt(pos)
	if to == "" || to == a.link.from || (a.LinkAllowed != nil && !a.LinkAllowed(a.link.from, to)) {
		return ""
	}
	return to
}

// LinkDragTarget returns the span a right-button drag in progress would
// link to if released now, or "".
func (a *ArticleView) LinkDragTarget() string { return a.link.over }

// drawLinkDrag draws a right-button drag in progress: the connector from
// the press point to the pointer, and a thick outline in c around the
// visible pieces of the span it would link to.
func (r *articleRenderer) drawLinkDrag(g *articleGeometry, sy float32, c color.Color) {
	d := r.a.link
	if d.from == "" || !d.moved {
		return
	}
	if d.over != "" {
		for _, p := range r.pieces {
			if p.id == d.over {
				r.rect(fyne.NewPos(p.x0-2, g.textTop(p.line)-sy-2), fyne.NewSize(p.x1-p.x0+4, g.textH+4), color.Transparent, c, 2.5)
			}
		}
	}
	r.line(d.press.SubtractXY(0, sy), d.pointer, c)
}
