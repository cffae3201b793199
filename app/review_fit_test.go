package app

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"claimdesk/annotate"
)

// TestReviewTabFitsTheSidePanel: at each promised size, the Review tab's
// content (the legend, the document's and the project's figures, the
// keys, the Measure button) is no wider than the side panel: it wraps
// instead of scrolling sideways.
func TestReviewTabFitsTheSidePanel(t *testing.T) {
	for _, size := range windowSizes {
		t.Run(fmt.Sprintf("%vx%v", size.Width, size.Height), func(t *testing.T) {
			u, w, st := sampleWindow(t, size, [3]any{84, 109, annotate.LabelActor}, [3]any{84, 160, annotate.LabelClaim})
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
			u.AddSource(Source{Name: "bob with a rather long name for a colleague", Path: "bob-with-a-long-file-name.jsonl", Records: []annotate.Record{{
				Document: annotate.Document{ID: "x", SHA256: d.SHA256}, Spans: bob}}})
			u.side.SelectIndex(len(u.side.Items) - 1)
			u.MeasureProject()
			u.Wait()
			if u.cmp.view.ProjectFigures() == "" {
				t.Fatal("no project figures")
			}
			w.Content().Refresh()
			scroll := u.side.Selected().Content
			if got, room := u.cmp.view.Content().MinSize().Width, scroll.Size().Width; got > room {
				t.Errorf("the Review tab needs %v, wider than the side panel's %v: it scrolls sideways", got, room)
			}
			if cut := labelsBeyond(u.cmp.view.Content(), fyne.CurrentApp().Driver().AbsolutePositionForObject(scroll).X+scroll.Size().Width); len(cut) > 0 {
				t.Errorf("%d labels reach beyond the side panel, first %q", len(cut), cut[0])
			}
			saveShot(t, w, fmt.Sprintf("review-%.0fx%.0f", size.Width, size.Height))
		})
	}
}
