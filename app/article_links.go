package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"claimdesk/annotate"
)

// SetRelations sets the links between the document's spans: hovering a
// span (or selecting it) outlines the spans it is linked to and draws a
// connector to each.
func (a *ArticleView) SetRelations(rels []annotate.Relation) {
	a.rels = append(a.rels[:0], rels...)
	a.Refresh()
}

// linkFocus returns the id of the span whose links are drawn: the hovered
// span, else the selected one.
func (a *ArticleView) linkFocus() string {
	if a.hovering && a.hoverSpan >= 0 && a.hoverSpan < len(a.spans.spans) {
		return a.spans.spans[a.hoverSpan].ID
	}
	return a.selectedSpan
}

// LinkedTo returns the ids of the spans linked to the span id, in the
// order of the relations.
func (a *ArticleView) LinkedTo(id string) []string {
	var out []string
	for _, r := range a.rels {
		switch id {
		case r.From:
			out = append(out, r.To)
		case r.To:
			out = append(out, r.From)
		}
	}
	return out
}

// drawLinks outlines the pieces of the spans linked to the link focus and
// draws a connector from the focus's first visible piece to each linked
// span's first visible piece. It only looks at the visible pieces.
func (r *articleRenderer) drawLinks(g *articleGeometry, sy float32, fg color.Color) {
	a := r.a
	focus := a.linkFocus()
	if focus == "" || len(a.rels) == 0 {
		return
	}
	linked := a.LinkedTo(focus)
	if len(linked) == 0 {
		return
	}
	is := make(map[string]bool, len(linked))
	for _, id := range linked {
		is[id] = true
	}
	anchor := func(p articlePiece) fyne.Position {
		return fyne.NewPos(p.x0+min(6, (p.x1-p.x0)/2), g.textTop(p.line)-sy)
	}
	var from *articlePiece
	firsts := make(map[string]articlePiece, len(linked))
	for i := range r.pieces {
		p := r.pieces[i]
		switch {
		case p.id == focus && from == nil:
			from = &r.pieces[i]
		case is[p.id]:
			r.rect(fyne.NewPos(p.x0-1, g.textTop(p.line)-sy-1), fyne.NewSize(p.x1-p.x0+2, g.textH+2), color.Transparent, fg, 1.5)
			if _, seen := firsts[p.id]; !seen {
				firsts[p.id] = p
			}
		}
	}
	if from == nil {
		return
	}
	start := anchor(*from)
	for _, id := range linked {
		if p, ok := firsts[id]; ok {
			r.line(start, anchor(p), fg)
		}
	}
}

// line takes the next pooled line and appends it to the objects.
func (r *articleRenderer) line(from, to fyne.Position, c color.Color) {
	var l *canvas.Line
	if r.nLines < len(r.lines) {
		l = r.lines[r.nLines]
	} else {
		l = &canvas.Line{StrokeWidth: 1.5}
		r.lines = append(r.lines, l)
	}
	r.nLines++
	if l.StrokeColor != c {
		l.StrokeColor = c
		l.Refresh()
	}
	l.Position1, l.Position2 = from, to
	l.Refresh()
	r.objects = append(r.objects, l)
}
