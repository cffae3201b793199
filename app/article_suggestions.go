package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// SuggestionMark is a suggestion as the article draws it: an actor range
// and a statement range (code points, end exclusive) with their labels,
// joined by a link.
type SuggestionMark struct {
	ActorStart, ActorEnd         int
	ActorLabel                   string
	StatementStart, StatementEnd int
	StatementLabel               string
}

// articleSuggestions are the suggestions an ArticleView draws.
type articleSuggestions struct {
	marks    []SuggestionMark
	selected int // index into marks, -1: none
}

// SetSuggestions sets the suggestions to draw (none: nil) and the
// selected one (-1: none). They are drawn as dashed outlines in their
// labels' colours, apart from spans, which are filled and underlined,
// with a dashed link from the statement to the actor; the selected one
// thicker, and in view.
func (a *ArticleView) SetSuggestions(marks []SuggestionMark, selected int) {
	if len(marks) == 0 && len(a.sug.marks) == 0 {
		return
	}
	a.sug.marks = append(a.sug.marks[:0], marks...)
	a.sug.selected = selected
	a.Refresh()
}

// Suggestions returns the suggestions drawn and the selected one.
func (a *ArticleView) Suggestions() ([]SuggestionMark, int) {
	return append([]SuggestionMark(nil), a.sug.marks...), a.sug.selected
}

// drawSuggestions draws the visible suggestions, lines first to last:
// nothing at all when there are none.
func (r *articleRenderer) drawSuggestions(g *articleGeometry, sy float32, dark bool, first, last int) {
	a := r.a
	if len(a.sug.marks) == 0 {
		return
	}
	lay := a.lay
	visStart := int(lay.lines[first].start)
	visEnd := min(int(lay.lines[last].end)+1, lay.n)
	fg := a.Theme().Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant())
	// box draws the dashed outline of [s, e) on each visible line and
	// returns the top-left of its first visible piece.
	box := func(s, e int, c color.NRGBA, w float32) (fyne.Position, bool) {
		var at fyne.Position
		found := false
		if e <= visStart || s >= visEnd || e <= s {
			return at, false
		}
		li0 := max(lay.lineOf(max(s, visStart)), first)
		li1 := min(lay.lineOf(max(min(e, visEnd)-1, s)), last)
		for li := li0; li <= li1; li++ {
			ln := lay.lines[li]
			ps, pe := max(s, int(ln.start)), min(e, int(ln.end))
			if pe <= ps {
				continue
			}
			for _, xr := range lay.xRanges(li, ps, pe) { // several where directions mix
				x0, x1 := g.left+xr[0]-2, g.left+xr[1]+2
				y0 := g.textTop(li) - sy - 2
				y1 := y0 + g.textH + 4
				dash := float32(4)
				r.dashes(x0, x1, y0, w, c, dash)
				r.dashes(x0, x1, y1-w, w, c, dash)
				r.vdashes(x0, y0, y1, w, c, dash)
				r.vdashes(x1-w, y0, y1, w, c, dash)
				if !found {
					at, found = fyne.NewPos(x0+min(6, (x1-x0)/2), y0), true
				}
			}
		}
		return at, found
	}
	for k, m := range a.sug.marks {
		if max(m.ActorEnd, m.StatementEnd) <= visStart || min(m.ActorStart, m.StatementStart) >= visEnd {
			continue
		}
		w := float32(1.5)
		if k == a.sug.selected {
			w = 3
		}
		actorAt, ok1 := box(m.ActorStart, m.ActorEnd, articleStrongColor(a.style(m.ActorLabel).color, dark), w)
		stmtAt, ok2 := box(m.StatementStart, m.StatementEnd, articleStrongColor(a.style(m.StatementLabel).color, dark), w)
		if ok1 && ok2 {
			r.dashedLine(stmtAt, actorAt, fg)
		}
	}
}

// vdashes draws a dashed vertical line from y0 to y1 at x.
func (r *articleRenderer) vdashes(x, y0, y1, thick float32, c color.Color, dash float32) {
	for y := y0; y < y1; y += 2 * dash {
		r.rect(fyne.NewPos(x, y), fyne.NewSize(thick, min(dash, y1-y)), c, nil, 0)
	}
}

// dashedLine draws a dashed line from one point to another, as short
// pooled lines.
func (r *articleRenderer) dashedLine(from, to fyne.Position, c color.Color) {
	dx, dy := to.X-from.X, to.Y-from.Y
	n := int(max(abs32(dx), abs32(dy)) / 6)
	if n < 1 {
		return
	}
	for i := 0; i < n; i += 2 {
		f0, f1 := float32(i)/float32(n), float32(min(i+1, n))/float32(n)
		r.line(fyne.NewPos(from.X+dx*f0, from.Y+dy*f0), fyne.NewPos(from.X+dx*f1, from.Y+dy*f1), c)
	}
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
