package app

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// The document list shows the documents that pass a filter, in a chosen
// order: by the text of their titles (the field above the list), by
// status, by a label they have or lack, by an annotator who tagged them;
// sorted as in the project, by title, by status or by number of spans.
// Labels and annotators come from each document's spans, read once and
// kept up to date as the open document changes.

// docSort is an order of the document list.
type docSort int

const (
	sortProject docSort = iota // as imported
	sortTitle
	sortStatus
	sortSpans // most spans first
)

var docSortNames = []string{"Project order", "Title", "Status", "Number of spans"}

// docFilter is what the document list shows.
type docFilter struct {
	text      string          // in the title, ignoring case
	status    annotate.Status // "" for any
	label     string          // "" for any
	lacks     bool            // the label is absent rather than present
	annotator string          // "" for any
	sort      docSort
}

// active reports whether the filter leaves documents out.
func (f docFilter) active() bool {
	return f.text != "" || f.status != "" || f.label != "" || f.annotator != ""
}

// docTags is what a document's spans carry: their labels and annotators.
type docTags struct {
	labels, annotators map[string]bool
}

// docFilterBar is the filter field and menu above the document list.
type docFilterBar struct {
	u      *UI
	box    *fyne.Container
	entry  *widget.Entry
	button *widget.Button
	f      docFilter
	tags   map[string]docTags // by document id; nil until a label or annotator filter needs it
}

func newDocFilterBar(u *UI) *docFilterBar {
	b := &docFilterBar{u: u}
	b.entry = widget.NewEntry()
	b.entry.SetPlaceHolder("Filter by title")
	b.entry.OnChanged = func(s string) {
		b.f.text = strings.TrimSpace(s)
		u.refilter()
	}
	b.button = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), b.showMenu)
	b.box = container.NewBorder(nil, nil, nil, b.button, b.entry)
	return b
}

// showMenu offers the filters and orders, the ones in force ticked.
func (b *docFilterBar) showMenu() {
	u := b.u
	set := func(fn func()) func() {
		return func() {
			fn()
			u.refilter()
		}
	}
	check := func(label string, on bool, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, set(fn))
		it.Checked = on
		return it
	}
	status := []*fyne.MenuItem{check("Any status", b.f.status == "", func() { b.f.status = "" })}
	for _, st := range []annotate.Status{annotate.StatusTodo, annotate.StatusInProgress, annotate.StatusDone} {
		status = append(status, check(statusName(st), b.f.status == st, func() { b.f.status = st }))
	}
	labels := []*fyne.MenuItem{check("Any labels", b.f.label == "", func() { b.f.label = "" })}
	for _, l := range u.labels {
		labels = append(labels,
			check("With "+l.Display, b.f.label == l.Name && !b.f.lacks, func() { b.needTags(); b.f.label, b.f.lacks = l.Name, false }),
			check("Without "+l.Display, b.f.label == l.Name && b.f.lacks, func() { b.needTags(); b.f.label, b.f.lacks = l.Name, true }))
	}
	annotators := []*fyne.MenuItem{check("Any annotator", b.f.annotator == "", func() { b.f.annotator = "" })}
	for _, a := range b.annotators() {
		annotators = append(annotators, check("Tagged by "+a, b.f.annotator == a, func() { b.needTags(); b.f.annotator = a }))
	}
	var sorts []*fyne.MenuItem
	for i, name := range docSortNames {
		sorts = append(sorts, check("Sort: "+name, b.f.sort == docSort(i), func() { b.f.sort = docSort(i) }))
	}
	sub := func(label string, items []*fyne.MenuItem) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, nil)
		it.ChildMenu = fyne.NewMenu("", items...)
		return it
	}
	items := []*fyne.MenuItem{sub("Status", status), sub("Labels", labels), sub("Annotator", annotators), fyne.NewMenuItemSeparator()}
	items = append(items, sorts...)
	items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Show all", func() {
		b.f = docFilter{sort: b.f.sort}
		b.entry.SetText("")
		u.refilter()
	}))
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(b.button).Add(fyne.NewPos(0, b.button.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), u.win.Canvas(), pos)
}

// statusName is a status as the list's menu says it.
func statusName(st annotate.Status) string {
	switch st {
	case annotate.StatusTodo:
		return "To do"
	case annotate.StatusInProgress:
		return "In progress"
	case annotate.StatusDone:
		return "Done"
	}
	return string(st)
}

// needTags reads the labels and annotators of every document's spans, once.
func (b *docFilterBar) needTags() {
	u := b.u
	if b.tags != nil || u.project == nil {
		return
	}
	b.tags = make(map[string]docTags, len(u.docs))
	for _, d := range u.docs {
		spans, err := u.project.Spans(d.ID)
		if err != nil {
			u.showError(fmt.Errorf("read the spans of %s: %w", d.Title, err))
			b.tags = nil
			return
		}
		b.tags[d.ID] = tagsOf(spans)
	}
}

// tagsOf returns the labels and annotators of spans.
func tagsOf(spans []annotate.Span) docTags {
	t := docTags{labels: map[string]bool{}, annotators: map[string]bool{}}
	for _, s := range spans {
		t.labels[s.Label] = true
		t.annotators[s.Annotator] = true
	}
	return t
}

// annotators returns every annotator of the project's spans, sorted.
func (b *docFilterBar) annotators() []string {
	b.needTags()
	seen := map[string]bool{}
	for _, t := range b.tags {
		for a := range t.annotators {
			seen[a] = true
		}
	}
	out := make([]string, 0, len(seen))
	for a := range seen {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// docChanged keeps the labels and annotators of the open document up to
// date after an edit.
func (b *docFilterBar) docChanged(id string) {
	if b.tags == nil || b.u.sess == nil || id != b.u.CurrentDocument() {
		b.tags = nil // another document changed (mentions in the project): read again when needed
		return
	}
	b.tags[id] = tagsOf(b.u.sess.Spans())
}

// keep reports whether the filter lets d through.
func (b *docFilterBar) keep(d annotate.DocumentInfo) bool {
	f := b.f
	if f.status != "" && d.Status != f.status {
		return false
	}
	if f.text != "" && !strings.Contains(strings.ToLower(d.Title+" "+d.Source), strings.ToLower(f.text)) {
		return false
	}
	if f.label != "" || f.annotator != "" {
		b.needTags()
		t := b.tags[d.ID]
		if f.label != "" && t.labels[f.label] == f.lacks {
			return false
		}
		if f.annotator != "" && !t.annotators[f.annotator] {
			return false
		}
	}
	return true
}

// refilter works out which documents the list shows, in which order, and
// shows them; the open document stays selected if it is among them.
func (u *UI) refilter() {
	b := u.docFilter
	u.shown = u.shown[:0]
	for i, d := range u.docs {
		if b.keep(d) {
			u.shown = append(u.shown, i)
		}
	}
	statusRank := map[annotate.Status]int{annotate.StatusTodo: 0, annotate.StatusInProgress: 1, annotate.StatusDone: 2}
	switch b.f.sort {
	case sortTitle:
		slices.SortStableFunc(u.shown, func(x, y int) int {
			return cmp.Compare(strings.ToLower(u.docs[x].Title), strings.ToLower(u.docs[y].Title))
		})
	case sortStatus:
		slices.SortStableFunc(u.shown, func(x, y int) int {
			return cmp.Compare(statusRank[u.docs[x].Status], statusRank[u.docs[y].Status])
		})
	case sortSpans:
		slices.SortStableFunc(u.shown, func(x, y int) int { return cmp.Compare(u.docs[y].Spans, u.docs[x].Spans) })
	}
	u.docList.UnselectAll()
	if i := u.rowOf(u.CurrentDocument()); i >= 0 {
		u.docList.Select(i)
	}
	u.docList.Refresh()
	if b.f.active() {
		b.button.Importance = widget.HighImportance
	} else {
		b.button.Importance = widget.MediumImportance
	}
	b.button.Refresh()
	u.updateProgress()
}

// rowOf returns the row of the document list showing document id, or -1.
func (u *UI) rowOf(id string) int {
	for row, i := range u.shown {
		if u.docs[i].ID == id {
			return row
		}
	}
	return -1
}

// ListedDocuments returns the ids of the documents the list shows, in its
// order.
func (u *UI) ListedDocuments() []string {
	out := make([]string, len(u.shown))
	for row, i := range u.shown {
		out[row] = u.docs[i].ID
	}
	return out
}
