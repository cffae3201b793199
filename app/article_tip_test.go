package app

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/store"
)

// artTipShown hovers the pointer over offset off, as the driver reports
// it, and checks that the tooltip shows want and covers no line's text.
func artTipShown(t *testing.T, a *ArticleView, w fyne.Window, off int, want string) {
	t.Helper()
	test.MoveMouse(w.Canvas(), artMid(a, off))
	if got := a.rend.tip.shown(); got != want {
		t.Fatalf("tooltip = %q, want %q", got, want)
	}
	r := a.rend
	tp, ts := r.tip.bg.Position(), r.tip.bg.Size()
	if ts.Width <= 0 || ts.Height <= 0 {
		t.Fatalf("tooltip of size %v", ts)
	}
	for i, lt := range r.lineTexts {
		lp := lt.Position()
		xs := a.lay.xs(i)
		lw, lh := xs[len(xs)-1], a.lastGeom.textH
		if tp.X < lp.X+lw && lp.X < tp.X+ts.Width && tp.Y < lp.Y+lh && lp.Y < tp.Y+ts.Height {
			t.Fatalf("the tooltip at %v %v covers line %d's text (%v, %vx%v) %q", tp, ts, i, lp, lw, lh, lt.Text)
		}
	}
}

// artTipGone checks that no tooltip is shown, after what.
func artTipGone(t *testing.T, a *ArticleView, what string) {
	t.Helper()
	if got := a.rend.tip.shown(); got != "" || a.rend.tip.bg.Visible() {
		t.Fatalf("the tooltip %q stays after %s", got, what)
	}
}

// The span tooltip sits in the band above the hovered line, over no text,
// and goes when the pointer leaves, on a scroll, a resize, a zoom and an
// edit of the spans.
func TestArticleHoverTooltip(t *testing.T) {
	text := artLoad(t)
	a, w := artNew(t, text, artNestedSpans(t, text))
	jafari := artOffset(t, text, "Jafari,")

	artTipShown(t, a, w, jafari, "Actor — bob")
	a.MouseOut()
	artTipGone(t, a, "the pointer left")

	artTipShown(t, a, w, jafari, "Actor — bob")
	test.Scroll(w.Canvas(), artMid(a, jafari), 0, -25)
	artTipGone(t, a, "a scroll")
	test.Scroll(w.Canvas(), artMid(a, jafari), 0, 1e6)

	artTipShown(t, a, w, jafari, "Actor — bob")
	a.Resize(a.Size().SubtractWidthHeight(60, 0)) // as a split's divider moving
	artTipGone(t, a, "a resize of the article")
	artTipShown(t, a, w, jafari, "Actor — bob")
	w.Resize(fyne.NewSize(700, 650))
	artTipGone(t, a, "a resize of the window")

	artTipShown(t, a, w, jafari, "Actor — bob")
	a.AddSpan(annotate.Span{ID: "new", Start: 0, End: 4, Label: annotate.LabelClaim, Annotator: "ana"})
	artTipGone(t, a, "an edit")

	artTipShown(t, a, w, jafari, "Actor — bob")
	a.SetTextSize(a.TextSize() + 4)
	artTipGone(t, a, "a zoom")

	artTipShown(t, a, w, jafari, "Actor — bob")
	a.RemoveSpan("new")
	artTipGone(t, a, "a removed span")
}

// In the window, a span's tooltip goes when the span is edited from the
// keyboard (relabelled, deleted) and when the document changes.
func TestArticleHoverTooltipGoesOnEdits(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "p.claimdesk"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	text := artLoad(t)
	recs := []annotate.Record{
		{Document: annotate.NewDocument("doc A", "test", text, time.Now())},
		{Document: annotate.NewDocument("doc B", "test", text, time.Now())},
	}
	if _, err := st.Import(recs, "tester"); err != nil {
		t.Fatal(err)
	}
	ap := test.NewTempApp(t)
	u := New(ap, st, Options{Annotator: "ana", AnnotatorGiven: true})
	w := u.Window()
	w.Resize(fyne.NewSize(1280, 800))
	a := u.article
	c := w.Canvas()
	inset, _ := c.InteractiveArea()
	at := func(off int) fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(a).Add(inset).Add(artMid(a, off))
	}
	hover := func(off int, want string) {
		t.Helper()
		test.MoveMouse(c, at(off))
		if got := a.rend.tip.shown(); got != want {
			t.Fatalf("tooltip %q, want %q", got, want)
		}
	}
	wang := artOffset(t, text, "Wang Yi")
	from, to := at(wang+1), at(wang+5)
	test.Drag(c, to, to.X-from.X, to.Y-from.Y)
	test.TypeOnCanvas(c, "1")
	hover(wang+2, "Actor — ana")
	test.TypeOnCanvas(c, "2") // relabel the selected span
	artTipGone(t, a, "relabelling the span")
	hover(wang+2, "Claim — ana")
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	artTipGone(t, a, "deleting the span")
	if spans, _ := st.Spans(u.CurrentDocument()); len(spans) != 0 {
		t.Fatalf("store holds %d spans after Delete", len(spans))
	}
	c.Focused().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{}) // back again
	hover(wang+2, "Claim — ana")
	c.Focused().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	artTipGone(t, a, "undoing the relabel")
}
