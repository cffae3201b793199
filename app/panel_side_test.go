package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"claimdesk/annotate"
)

// TestSidePanelKeepsItsWidth: at 800×600, 1280×800 and 1400×900, the side
// panel is as wide as the split makes it, the user's offset, through a
// comparison with a colleague (the Review tab, with its wide table of
// figures), Measure the whole project, and back on the Span tab; the
// toolbar keeps every action on the bar or behind "…", and the window's
// content still fits.
func TestSidePanelKeepsItsWidth(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 800, Height: 600}, {Width: 1280, Height: 800}, {Width: 1400, Height: 900}} {
		for _, offset := range []float64{0.72, 0.5} { // the default, and one dragged
			t.Run(fmt.Sprintf("%vx%v-%v", size.Width, size.Height, offset), func(t *testing.T) {
				u, w, st := sampleWindow(t, size, [3]any{84, 109, annotate.LabelActor}, [3]any{84, 160, annotate.LabelClaim})
				u.panes.inner.SetOffset(offset)
				side := func() float32 { return u.side.Size().Width }
				want := side()
				// the split's share, when nothing else decides
				inner := u.panes.inner.Size().Width
				if share := float32(1-offset) * inner; want < share-12 || want > share+1 {
					t.Fatalf("the side panel is %v wide in a split of %v at %v: want about %v", want, inner, offset, share)
				}
				check := func(when string) {
					t.Helper()
					if got := side(); got != want {
						t.Errorf("%s: the side panel is %v wide, was %v", when, got, want)
					}
					if m := w.Content().MinSize(); m.Width > size.Width || m.Height > size.Height-menuBarHeight {
						t.Errorf("%s: the content needs %v, more than the window %v (less the menu bar)", when, m, size)
					}
					a := u.toolbar.Arrangement()
					if a.Right > u.toolbar.Size().Width || len(a.Shown)+len(a.Overflow) < 10 {
						t.Errorf("%s: the toolbar's buttons end at %v of %v; %d shown, %d behind …", when, a.Right, u.toolbar.Size().Width, len(a.Shown), len(a.Overflow))
					}
				}
				docs, err := st.Documents()
				if err != nil {
					t.Fatal(err)
				}
				d, err := st.Document(docs[0].ID)
				if err != nil {
					t.Fatal(err)
				}
				bob := []annotate.Span{
					annotate.NewSpan("x", 84, 109, annotate.LabelActor, "bob", time.Now()),
					annotate.NewSpan("x", 84, 200, annotate.LabelClaim, "bob", time.Now()),
					annotate.NewSpan("x", 300, 340, annotate.LabelDenial, "bob", time.Now()),
				}
				u.AddSource(Source{Name: "bob with a rather long name for a colleague", Path: "bob.jsonl", Records: []annotate.Record{{
					Document: annotate.Document{ID: "x", SHA256: d.SHA256}, Spans: bob}}})
				if u.cmp == nil || len(u.side.Items) < 2 {
					t.Fatal("no Review tab after the comparison")
				}
				u.side.SelectIndex(len(u.side.Items) - 1)
				check("on the Review tab")
				u.MeasureProject()
				u.Wait()
				if !strings.Contains(u.cmp.view.ProjectFigures(), "least agreement first") {
					t.Fatalf("no project figures: %q", u.cmp.view.ProjectFigures())
				}
				check("after Measure the whole project")
				u.side.SelectIndex(0)
				check("back on the Span tab")
				u.selectSpan(u.sess.Spans()[0].ID, false)
				check("with a span selected")
			})
		}
	}
}
