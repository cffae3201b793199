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
	// a tag is 10 wide, and 2 more for each tag it stands for beyond one
	w := func(_ articleTag, n int) float32 { return float32(10 + 2*(n-1)) }
	more := func(n int) float32 { return float32(5 + 2*len(fmt.Sprint(n))) }
	// tag's label is its x, so that no two tags join but where said
	tag := func(line int, x float32) articleTag { return articleTag{line: line, x: x, short: fmt.Sprint(line, x)} }
	same := func(line int, x float32, label string) articleTag {
		return articleTag{line: line, x: x, short: label}
	}
	t0 := func(k int) articleTag { return articleTag{line: 0, x: 0, short: fmt.Sprint(k)} }
	for _, c := range []struct {
		name  string
		tags  []articleTag
		right float32
		want  string
	}{
		{"room for all", []articleTag{tag(0, 0), tag(0, 20), tag(1, 5)}, 100, "0:0-10 0:20-30 1:5-15"},
		{"pushed right", []articleTag{tag(0, 0), tag(0, 3), tag(0, 4)}, 100, "0:0-10 0:11-21 0:22-32"},
		{"the rest in +N", []articleTag{t0(1), t0(2), t0(3), t0(4), t0(5)}, 40, "0:0-10 0:11-21 0:22-32 0:33-40(+2)"},
		{"+N takes a tag's place", []articleTag{t0(1), t0(2), t0(3), t0(4)}, 34, "0:0-10 0:11-21 0:22-29(+2)"},
		{"only +N", []articleTag{tag(0, 30), tag(0, 31)}, 38, "0:31-38(+2)"},
		{"pushed tags of a label join", []articleTag{same(0, 0, "A"), same(0, 0, "C"), same(0, 1, "A"), same(0, 2, "C"), same(0, 3, "A")}, 100,
			"0:0-14 A×3 0:15-27 C×2"},
		{"a tag at its own place does not join", []articleTag{same(0, 0, "A"), same(0, 0, "A"), same(0, 30, "A"), same(0, 31, "A")}, 100,
			"0:0-12 A×2 0:30-42 A×2"},
		{"another line does not join", []articleTag{same(0, 0, "A"), same(1, 0, "A")}, 100, "0:0-10 1:0-10"},
		{"a joined tag hidden counts all it stood for", []articleTag{same(0, 0, "C"), same(0, 0, "A"), same(0, 0, "A"), t0(1)}, 30,
			"0:0-10 0:11-18(+3)"},
	} {
		got := placeTags(c.tags, w, more, c.right, nil)
		var gs []string
		for _, p := range got {
			s := fmt.Sprintf("%d:%g-%g", p.line, p.x, p.x+p.w)
			if p.more > 0 {
				s += fmt.Sprintf("(+%d)", p.more)
			}
			if p.n > 1 {
				s += " " + tagLabel(p.short, p.n)
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
