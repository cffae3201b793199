package app

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
)

func TestMergeDeepPieces(t *testing.T) {
	red, blue := color.NRGBA{R: 255, A: 255}, color.NRGBA{B: 255, A: 255}
	p := func(line, lane int, x0, x1 float32, c color.NRGBA) articlePiece {
		return articlePiece{x0: x0, x1: x1, line: line, lane: lane, color: c, other: -1, id: fmt.Sprint(line, lane, x0)}
	}
	sel := p(0, 9, 0, 5, red)
	sel.selected = true
	in := []articlePiece{
		p(0, 0, 0, 10, red), p(0, 4, 2, 8, red), // above deep: as they are
		p(0, 5, 0, 4, red), p(0, 6, 3, 6, red), p(0, 7, 8, 9, red), // deep: 0–6 and 8–9
		p(0, 5, 1, 2, blue), p(0, 9, 2, 3, blue), // another colour: 1–2 and 2–3 touch
		p(1, 8, 0, 4, red), // another line
		sel,                // the selected span: as it is
	}
	got := mergeDeepPieces(in, 5, nil)
	want := []string{
		"0/0 0-10", "0/4 2-8", "0/9 0-5 selected",
		"0/5 1-3", "0/5 0-6", "0/5 8-9", "1/5 0-4",
	}
	var gs []string
	for _, q := range got {
		s := fmt.Sprintf("%d/%d %g-%g", q.line, q.lane, q.x0, q.x1)
		if q.selected {
			s += " selected"
		}
		gs = append(gs, s)
	}
	if strings.Join(gs, "|") != strings.Join(want, "|") {
		t.Errorf("merged\n%q, want\n%q", gs, want)
	}
}

func TestPlaceTags(t *testing.T) {
	w := func(articleTag) float32 { return 10 }
	more := func(n int) float32 { return float32(5 + 2*len(fmt.Sprint(n))) }
	tag := func(line int, x float32) articleTag { return articleTag{line: line, x: x, short: fmt.Sprint(x)} }
	for _, c := range []struct {
		name  string
		tags  []articleTag
		right float32
		want  string
	}{
		{"room for all", []articleTag{tag(0, 0), tag(0, 20), tag(1, 5)}, 100, "0:0-10 0:20-30 1:5-15"},
		{"pushed right", []articleTag{tag(0, 0), tag(0, 3), tag(0, 4)}, 100, "0:0-10 0:11-21 0:22-32"},
		{"the rest in +N", []articleTag{tag(0, 0), tag(0, 0), tag(0, 0), tag(0, 0), tag(0, 0)}, 40, "0:0-10 0:11-21 0:22-32 0:33-40(+2)"},
		{"+N takes a tag's place", []articleTag{tag(0, 0), tag(0, 0), tag(0, 0), tag(0, 0)}, 34, "0:0-10 0:11-21 0:22-29(+2)"},
		{"only +N", []articleTag{tag(0, 30), tag(0, 31)}, 38, "0:31-38(+2)"},
	} {
		got := placeTags(c.tags, w, more, c.right, nil)
		var gs []string
		for _, p := range got {
			s := fmt.Sprintf("%d:%g-%g", p.line, p.x, p.x+p.w)
			if p.more > 0 {
				s += fmt.Sprintf("(+%d)", p.more)
			}
			if p.x+p.w > c.right {
				t.Errorf("%s: a tag runs past the right edge: %s", c.name, s)
			}
			gs = append(gs, s)
		}
		if g := strings.Join(gs, " "); g != c.want {
			t.Errorf("%s: %s, want %s", c.name, g, c.want)
		}
	}
}

// A paragraph under 2,000 overlapping spans is drawn with a bounded number
// of objects, and every tag lies within the text's width, the ones that do
// not fit counted in a "+N" tag.
func TestOverlappingSpansStayWithinWidth(t *testing.T) {
	text, spans := artOverlapping(t)
	test.NewTempApp(t)
	a := NewArticleView()
	w := test.NewTempWindow(t, a)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1000, 800))
	a.SetDocument(text, spans, annotate.DefaultLabels())
	objs := test.WidgetRenderer(a).Objects()
	if len(objs) > 5000 {
		t.Errorf("%d objects drawn for %d spans", len(objs), len(spans))
	}
	g := a.lastGeom
	more := 0
	for _, o := range objs {
		tx, ok := o.(*canvas.Text)
		if !ok || !tx.TextStyle.Bold { // tags are bold, the text is not
			continue
		}
		if right := tx.Position().X + tx.Size().Width; right > g.left+g.colW+0.5 {
			t.Errorf("tag %q ends at %g, past the text's right edge %g", tx.Text, right, g.left+g.colW)
		}
		if strings.HasPrefix(tx.Text, "+") {
			more++
		}
	}
	if more == 0 {
		t.Error("no +N tag for the tags that did not fit")
	}
}
