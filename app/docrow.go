package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// docRow is one line of the document list: status icon, title, span count.
type docRow struct {
	widget.BaseWidget
	icon  *widget.Icon
	title *widget.Label
	count *widget.Label
}

func newDocRow() *docRow {
	r := &docRow{icon: widget.NewIcon(nil), title: widget.NewLabel(""), count: widget.NewLabel("")}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *docRow) set(d annotate.DocumentInfo, onlyMine bool) {
	r.icon.SetResource(statusIcon(d.Status))
	title := d.ListName()
	if onlyMine {
		title = "(only here) " + title
	}
	r.title.SetText(annotate.ControlPictures(title))
	r.count.SetText(fmt.Sprint(d.Spans))
}

// CreateRenderer implements fyne.Widget.
func (r *docRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.icon, r.count, r.title))
}

// statusIcon shows a document's status: an empty circle (todo), a pencil
// (in progress) or a tick (done).
func statusIcon(s annotate.Status) fyne.Resource {
	switch s {
	case annotate.StatusDone:
		return theme.ConfirmIcon()
	case annotate.StatusInProgress:
		return theme.DocumentCreateIcon()
	}
	return theme.RadioButtonIcon()
}
