package app

import (
	"testing"

	"claimdesk/annotate"
)

// The tag of a span that starts in right-to-left text stands at the
// span's start as drawn, its right end, and reaches left over the span;
// a left-to-right span's tag starts at its left end.
func TestRightToLeftSpanTagEndsAtItsStart(t *testing.T) {
	text := artLoad(t)
	name, nameEnd := artOffset(t, text, "إبراهيم الجعفري"), artOffset(t, text, "إبراهيم الجعفري")+len([]rune("إبراهيم الجعفري"))
	latin := artOffset(t, text, "Ibrahim Jafari")
	spans := []annotate.Span{
		{ID: "rtl", Start: name, End: nameEnd, Label: annotate.LabelActor},
		{ID: "ltr", Start: latin, End: latin + len("Ibrahim Jafari"), Label: annotate.LabelActor},
	}
	a, _ := artNew(t, text, spans)
	a.Refresh()
	right := a.PositionOf(name).X // the first letter's right edge
	left := a.PositionOf(nameEnd).X
	if left >= right {
		t.Fatalf("the name is drawn from x %v to %v: not right to left", left, right)
	}
	line := a.lay.lineOf(name)
	var rtl, ltr *placedTag
	for k := range a.rend.placed {
		tg := &a.rend.placed[k]
		if tg.line != line || tg.more > 0 {
			continue
		}
		switch {
		case tg.x > left-tg.w && tg.x < right:
			rtl = tg
		case tg.x == a.PositionOf(latin).X:
			ltr = tg
		}
	}
	if rtl == nil {
		t.Fatalf("no tag over the name (%v-%v) on line %d: %+v", left, right, line, a.rend.placed)
	}
	if d := rtl.x + rtl.w - right; d > 0.5 || d < -0.5 {
		t.Fatalf("the name's tag spans x %v-%v; want it to end at the name's start, drawn at %v", rtl.x, rtl.x+rtl.w, right)
	}
	if ltr == nil && a.lay.lineOf(latin) == line {
		t.Fatalf("no tag at Ibrahim Jafari's start (x %v): %+v", a.PositionOf(latin).X, a.rend.placed)
	}
}
