package app

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// DocumentList is the left pane: how many documents are done, the filter
// and the list of the documents that pass it, the open one selected. It
// owns what it shows (the documents, the filter, the rows, the selection)
// and tells the window what the user did through its On callbacks; the
// window gives it the session's documents (SetDocuments, DocumentChanged)
// and the open one (SetCurrent). See wire.go.
type DocumentList struct {
	content  fyne.CanvasObject
	list     *docList
	progress *widget.Label
	progBar  *widget.ProgressBar
	filter   *docFilterBar

	docs    []annotate.DocumentInfo // the session's documents, in project order
	shown   []int                   // the indexes in docs of the rows, in the list's order
	current string                  // the open document's id
	labels  annotate.LabelSet       // for the filter menu

	// OnOpened is called when the user chooses another document.
	OnOpened func(id string)
	// OnF6 moves the keyboard focus to the next pane; OnF1 shows the help.
	OnF6, OnF1 func()
	// Spans reads a document's spans, for the label and annotator filters.
	Spans func(id string) ([]annotate.Span, error)
	// OnError shows an error (a document's spans could not be read).
	OnError func(error)
	// OnlyHere reports whether a document is missing from every
	// colleague's file under review: its row says "(only here)".
	OnlyHere func(annotate.DocumentInfo) bool
}

// NewDocumentList returns an empty document list.
func NewDocumentList() *DocumentList {
	l := &DocumentList{}
	l.list = newDocList(
		func() int { return len(l.shown) },
		func() fyne.CanvasObject { return newDocRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			d := l.docs[l.shown[i]]
			o.(*docRow).set(d, l.OnlyHere != nil && l.OnlyHere(d))
		},
	)
	l.list.onF6 = func() {
		if l.OnF6 != nil {
			l.OnF6()
		}
	}
	l.list.onF1 = func() {
		if l.OnF1 != nil {
			l.OnF1()
		}
	}
	l.list.OnSelected = func(i widget.ListItemID) {
		if i < len(l.shown) && l.docs[l.shown[i]].ID != l.current && l.OnOpened != nil {
			l.OnOpened(l.docs[l.shown[i]].ID)
		}
	}
	l.progress = widget.NewLabel("")
	l.progBar = widget.NewProgressBar()
	l.filter = newDocFilterBar(l)
	l.content = container.NewBorder(
		container.NewVBox(widget.NewLabelWithStyle("Documents", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), l.progress, l.progBar, l.filter.box),
		nil, nil, nil, l.list)
	return l
}

// Content returns the pane's widgets.
func (l *DocumentList) Content() fyne.CanvasObject { return l.content }

// SetDocuments shows docs (the session's documents, in project order),
// reading the labels and annotators of their spans again when a filter
// needs them.
func (l *DocumentList) SetDocuments(docs []annotate.DocumentInfo) {
	l.docs = docs
	l.filter.tags = nil
	l.refilter()
}

// DocumentChanged shows docs after an edit of the document id, whose spans
// are now spans.
func (l *DocumentList) DocumentChanged(docs []annotate.DocumentInfo, id string, spans []annotate.Span) {
	l.docs = docs
	l.filter.docChanged(id, spans)
	l.refilter()
}

// SetLabels gives the labels the filter menu offers.
func (l *DocumentList) SetLabels(ls annotate.LabelSet) { l.labels = ls }

// Clear forgets the documents and the filter's tags (the project closed).
func (l *DocumentList) Clear() {
	l.docs, l.shown, l.current = nil, nil, ""
	l.filter.tags = nil
}

// SetCurrent selects the open document's row and scrolls to it (no row
// is selected when the filter hides it); it calls no OnOpened.
func (l *DocumentList) SetCurrent(id string) {
	l.current = id
	if i := l.rowOf(id); i >= 0 {
		l.list.Select(i)
		l.list.ScrollTo(i)
	} else {
		l.list.UnselectAll()
	}
}

// RefreshMarks draws the rows again ("(only here)" marks changed).
func (l *DocumentList) RefreshMarks() { l.list.Refresh() }

// Listed returns the ids of the documents the list shows, in its order.
func (l *DocumentList) Listed() []string {
	out := make([]string, len(l.shown))
	for row, i := range l.shown {
		out[row] = l.docs[i].ID
	}
	return out
}

// Focus gives the list the keyboard focus on c.
func (l *DocumentList) Focus(c fyne.Canvas) { c.Focus(l.list) }

// Focused reports whether the list has the keyboard focus on c.
func (l *DocumentList) Focused(c fyne.Canvas) bool { return c.Focused() == l.list }

// refilter works out which documents the list shows, in which order, and
// shows them; the open document stays selected if it is among them.
func (l *DocumentList) refilter() {
	b := l.filter
	l.shown = l.shown[:0]
	for i, d := range l.docs {
		if b.keep(d) {
			l.shown = append(l.shown, i)
		}
	}
	statusRank := map[annotate.Status]int{annotate.StatusTodo: 0, annotate.StatusInProgress: 1, annotate.StatusDone: 2}
	switch b.f.sort {
	case sortTitle:
		slices.SortStableFunc(l.shown, func(x, y int) int {
			return cmp.Compare(strings.ToLower(l.docs[x].ListName()), strings.ToLower(l.docs[y].ListName()))
		})
	case sortStatus:
		slices.SortStableFunc(l.shown, func(x, y int) int {
			return cmp.Compare(statusRank[l.docs[x].Status], statusRank[l.docs[y].Status])
		})
	case sortSpans:
		slices.SortStableFunc(l.shown, func(x, y int) int { return cmp.Compare(l.docs[y].Spans, l.docs[x].Spans) })
	}
	l.list.UnselectAll()
	if i := l.rowOf(l.current); i >= 0 {
		l.list.Select(i)
	}
	l.list.Refresh()
	if b.f.active() {
		b.button.Importance = widget.HighImportance
	} else {
		b.button.Importance = widget.MediumImportance
	}
	b.button.Refresh()
	l.updateProgress()
}

// rowOf returns the row showing document id, or -1.
func (l *DocumentList) rowOf(id string) int {
	for row, i := range l.shown {
		if l.docs[i].ID == id {
			return row
		}
	}
	return -1
}

// updateProgress shows how many documents are done.
func (l *DocumentList) updateProgress() {
	done := 0
	for _, d := range l.docs {
		if d.Status == annotate.StatusDone {
			done++
		}
	}
	text := fmt.Sprintf("%d of %d done", done, len(l.docs))
	if l.filter.f.active() {
		text += fmt.Sprintf(" · %d shown", len(l.shown))
	}
	l.progress.SetText(text)
	if len(l.docs) > 0 {
		l.progBar.SetValue(float64(done) / float64(len(l.docs)))
	} else {
		l.progBar.SetValue(0)
	}
}
