package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate/review"
)

// ReviewPanel is the side panel's Review tab: the colleagues compared,
// each with a toggle; the open document's figures, its differences and
// how many are left; and, on request, the whole project's figures with
// its documents ranked by disagreement. It owns what it shows and tells
// the window what the user did through its On callbacks (wire.go); the
// review itself (which differences, decisions) is the window's
// comparison. Everything in it wraps or is cut to the panel's width, so
// that it fits a narrow side panel without scrolling sideways.
type ReviewPanel struct {
	content *fyne.Container
	legend  *fyne.Container
	summary *widget.Label
	figures *widget.Label
	list    *widget.List
	project *widget.Label // the whole project's figures, once measured

	items        []review.Item // the differences listed
	updating     bool          // selecting a line from the code: no OnDifferenceChosen
	ranked       []rankedDoc   // documents by disagreement, most first
	rankedList   *widget.List
	rankedHolder *fyne.Container // shows rankedList once there is something to show

	// OnShownChanged is called when the user shows or hides colleague i.
	OnShownChanged func(i int, shown bool)
	// OnDifferenceChosen is called when the user picks difference i.
	OnDifferenceChosen func(i int)
	// OnMeasure is called by the "Measure the project" button.
	OnMeasure func()
	// OnDocumentChosen is called when the user picks a ranked document.
	OnDocumentChosen func(id string)
	// Describe returns the line that shows a difference.
	Describe func(review.Item) string
}

// LegendEntry is a colleague in the Review tab's legend.
type LegendEntry struct {
	Name   string // the colleague
	Detail string // where their work comes from and how it is drawn
	Shown  bool
}

// NewReviewPanel returns an empty Review tab.
func NewReviewPanel() *ReviewPanel {
	p := &ReviewPanel{}
	p.legend = container.NewVBox()
	p.summary = wrapped("")
	p.figures = wrapped("")
	keys := wrapped("N / P: next / previous open difference · T: take theirs · K: keep mine · X: drop both")
	p.list = widget.NewList(
		func() int { return len(p.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.items) && p.Describe != nil {
				o.(*widget.Label).SetText(p.Describe(p.items[i]))
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if !p.updating && p.OnDifferenceChosen != nil {
			p.OnDifferenceChosen(i)
		}
	}
	p.project = wrapped("")
	p.project.Hide()
	p.rankedList = widget.NewList(
		func() int { return len(p.ranked) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.ranked) {
				r := p.ranked[i]
				o.(*widget.Label).SetText(fmt.Sprintf("%s  %s", figure(r.f1), r.title))
			}
		})
	p.rankedList.OnSelected = func(i widget.ListItemID) {
		if i < len(p.ranked) && p.OnDocumentChosen != nil {
			p.OnDocumentChosen(p.ranked[i].id)
		}
	}
	p.rankedHolder = container.NewStack()
	measure := widget.NewButton("Measure the project", func() {
		if p.OnMeasure != nil {
			p.OnMeasure()
		}
	})
	head := container.NewVBox(widget.NewLabelWithStyle("Comparing with", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		p.legend, widget.NewSeparator(), p.figures, p.summary, keys, widget.NewSeparator())
	proj := container.NewBorder(container.NewVBox(narrow(measure), p.project), nil, nil, nil, p.rankedHolder)
	split := container.NewVSplit(p.list, proj)
	split.Offset = 0.6
	p.content = container.NewBorder(head, nil, nil, nil, split)
	return p
}

// wrapped returns a label that wraps at word boundaries.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Content returns the tab's widgets.
func (p *ReviewPanel) Content() fyne.CanvasObject { return p.content }

// SetLegend lists the colleagues, each with a toggle, after a line naming
// the gold layer when there is one.
func (p *ReviewPanel) SetLegend(gold string, entries []LegendEntry) {
	p.legend.RemoveAll()
	if gold != "" {
		p.legend.Add(wrapped(fmt.Sprintf("the gold layer: %s (yours, filled)", gold)))
	}
	for i, e := range entries {
		// A check box cannot wrap: a long name is shortened on it and
		// said whole on the wrapped line below.
		name, detail := shorten(e.Name, legendName), e.Detail
		if name != e.Name {
			detail = e.Name + ": " + detail
		}
		check := widget.NewCheck(name, nil)
		check.SetChecked(e.Shown) // (before OnChanged: no report of what was given)
		check.OnChanged = func(on bool) {
			if p.OnShownChanged != nil {
				p.OnShownChanged(i, on)
			}
		}
		p.legend.Add(narrow(check))
		p.legend.Add(wrapped(detail))
	}
}

// legendName is how many characters of a colleague's name the legend's
// check box shows: about what a side panel at 800×600 holds.
const legendName = 16

// SetDifferences lists items and selects line cur (none for -1), calling
// no OnDifferenceChosen.
func (p *ReviewPanel) SetDifferences(items []review.Item, cur int) {
	p.items = items
	p.updating = true
	p.list.Refresh()
	if cur >= 0 {
		p.list.Select(cur)
	} else {
		p.list.UnselectAll()
	}
	p.updating = false
}

// Select selects line i and scrolls to it, calling no OnDifferenceChosen.
func (p *ReviewPanel) Select(i int) {
	p.updating = true
	p.list.Select(i)
	p.list.ScrollTo(i)
	p.updating = false
}

// SetSummary says how many differences there are and who lacks the
// document.
func (p *ReviewPanel) SetSummary(s string) { p.summary.SetText(s) }

// SetFigures shows the open document's agreement figures.
func (p *ReviewPanel) SetFigures(s string) { p.figures.SetText(s) }

// SetProjectFigures shows the whole project's figures and the documents
// ranked by disagreement, most first.
func (p *ReviewPanel) SetProjectFigures(text string, ranked []rankedDoc) {
	p.project.SetText(text)
	p.project.Show()
	p.ranked = ranked
	p.rankedHolder.Objects = []fyne.CanvasObject{p.rankedList}
	p.rankedHolder.Refresh()
	p.rankedList.Refresh()
}

// ProjectFigures returns the whole project's figures as shown, "" before
// they are measured.
func (p *ReviewPanel) ProjectFigures() string {
	if !p.project.Visible() {
		return ""
	}
	return p.project.Text
}

// figuresLine is a line of agreement figures: what they are of, exact F1,
// overlap F1 and kappa; short enough to wrap in a narrow side panel.
func figuresLine(of string, c review.LabelCounts) string {
	return fmt.Sprintf("%s: F1 %s · overlap %s · kappa %s", of, figure(c.F1Exact()), figure(c.F1Overlap()), figure(c.Kappa()))
}
