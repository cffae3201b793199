package app

import (
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
	l      *DocumentList
	box    *fyne.Container
	entry  *widget.Entry
	button *widget.Button
	f      docFilter
	tags   map[string]docTags // by document id; nil until a label or annotator filter needs it
}

func newDocFilterBar(l *DocumentList) *docFilterBar {
	b := &docFilterBar{l: l}
	b.entry = widget.NewEntry()
	b.entry.SetPlaceHolder("Filter by title")
	b.entry.OnChanged = func(s string) {
		b.f.text = strings.TrimSpace(s)
		l.refilter()
	}
	b.button = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), b.showMenu)
	b.box = container.NewBorder(nil, nil, nil, b.button, b.entry)
	return b
}

// showMenu offers the filters and orders, the ones in force ticked.
func (b *docFilterBar) showMenu() {
	l := b.l
	set := func(fn func()) func() {
		return func() {
			fn()
			l.refilter()
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
	for _, lb := range l.labels {
		labels = append(labels,
			check("With "+lb.Display, b.f.label == lb.Name && !b.f.lacks, func() { b.needTags(); b.f.label, b.f.lacks = lb.Name, false }),
			check("Without "+lb.Display, b.f.label == lb.Name && b.f.lacks, func() { b.needTags(); b.f.label, b.f.lacks = lb.Name, true }))
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
		l.refilter()
	}))
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(b.button).Add(fyne.NewPos(0, b.button.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), d.CanvasForObject(b.button), pos)
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
	l := b.l
	if b.tags != nil || l.Spans == nil {
		return
	}
	b.tags = make(map[string]docTags, len(l.docs))
	for _, d := range l.docs {
		spans, err := l.Spans(d.ID)
		if err != nil {
			if l.OnError != nil {
				l.OnError(fmt.Errorf("read the spans of %s: %w", d.Title, err))
			}
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
// date after an edit: its spans are now spans.
func (b *docFilterBar) docChanged(id string, spans []annotate.Span) {
	if b.tags == nil || id != b.l.current {
		b.tags = nil // another document changed (mentions in the project): read again when needed
		return
	}
	b.tags[id] = tagsOf(spans)
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
