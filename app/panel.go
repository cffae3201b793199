package app

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// SpanPanel is the side panel's Span tab: the selected span's details
// (label, text, author, entity, note, links) and the open document's
// annotations grouped by label. It owns what it shows (the rows, the note
// being typed) and tells the window what the user did through its On
// callbacks; it reads what to show through its data functions, as Fyne's
// List reads its rows, when refresh is called. See wire.go.
type SpanPanel struct {
	content fyne.CanvasObject

	heading   *widget.Label
	text      *widget.Label
	meta      *widget.Label
	labelSel  *widget.Select
	note      *noteEntry
	noteOf    string // the span whose note the entry holds
	noteDirty bool   // the entry holds typing not yet stored
	saving    bool
	deleteBtn *widget.Button
	links     *fyne.Container // the selected span's links, and a button to link it
	entity    *widget.Label   // the selected span's actor entity or concept
	linkBtn   *widget.Button
	unsourced *widget.Check // lists only the statements without a source
	details   *fyne.Container

	labels   annotate.LabelSet
	rows     []panelRow
	list     *widget.List
	updating bool

	// Spans returns the open document's spans; nil without one.
	Spans func() []annotate.Span
	// Selected describes the selected span, if there is one.
	Selected func() (SpanDetail, bool)
	// RowText is a span's line in the annotation list.
	RowText func(annotate.Span) string
	// Unsourced reports whether a span is a statement without a source.
	Unsourced func(annotate.Span) bool
	// Listed reports whether the annotation list is on screen (its rows
	// are then drawn; behind another tab they wait until it shows).
	Listed func() bool

	// OnRelabel is called when the user gives the selected span id
	// another label.
	OnRelabel func(id, label string)
	// OnNoteChanged is called to store the note typed for span id; it
	// reports whether nothing is left unsaved (a failed save keeps the
	// typing in the field).
	OnNoteChanged func(id, note string) bool
	// OnDelete deletes the selected span; OnLinkSource links it to its
	// source; OnUnlink removes the link id.
	OnDelete, OnLinkSource func()
	OnUnlink               func(id string)
	// OnSpanChosen is called when the user picks span id in the list.
	OnSpanChosen func(id string)
	// OnDone is called after each of the actions above, and after the
	// note is stored with Shift+Enter: the keyboard goes back to the
	// article.
	OnDone func()
	// OnF6 moves the keyboard focus to the next pane (from the note).
	OnF6 func()
}

// SpanDetail is the selected span as the Span tab shows it.
type SpanDetail struct {
	Span          annotate.Span
	Label         string     // the label's display name
	Text          string     // the span's text
	Entity        string     // its actor entity or concept, or what E does
	Links         []SpanLink // its links
	CanLinkSource bool       // a statement, in a project with source links
	ReadOnly      bool       // nothing can be changed
}

// SpanLink is a link of the selected span, as the Span tab lists it.
type SpanLink struct {
	ID   string // the relation's id
	Text string // its type and the other span
}

// panelRow is a line of the annotation list: a label heading or a span.
type panelRow struct {
	label annotate.Label
	count int            // for headings
	span  *annotate.Span // nil for headings
}

// NewSpanPanel returns a Span tab showing nothing.
func NewSpanPanel() *SpanPanel {
	p := &SpanPanel{}
	done := func() {
		if p.OnDone != nil {
			p.OnDone()
		}
	}
	p.heading = widget.NewLabelWithStyle("No span selected", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.text = widget.NewLabel("")
	p.text.Truncation = fyne.TextTruncateEllipsis
	p.meta = widget.NewLabel("")
	p.meta.Wrapping = fyne.TextWrapWord
	p.labelSel = widget.NewSelect(nil, func(display string) {
		d, ok := p.selected()
		if p.updating || !ok {
			return
		}
		for _, l := range p.labels {
			if l.Display == display && p.OnRelabel != nil {
				p.OnRelabel(d.Span.ID, l.Name)
			}
		}
		// The label keys go on working without a click into the article.
		done()
	})
	p.note = newNoteEntry(func() { p.saveNote() })
	p.note.onF6 = func() {
		if p.OnF6 != nil {
			p.OnF6()
		}
	}
	p.note.SetPlaceHolder("Note: saved when you leave the field (Shift+Enter)")
	p.note.OnChanged = func(string) {
		if !p.updating {
			p.noteDirty = true
		}
	}
	p.note.OnSubmitted = func(string) {
		if p.saveNote() {
			done()
		}
	}
	p.deleteBtn = widget.NewButtonWithIcon("Delete span", theme.DeleteIcon(), func() {
		if p.OnDelete != nil {
			p.OnDelete()
		}
		done()
	})
	p.links = container.NewVBox()
	p.entity = widget.NewLabel("")
	p.entity.Wrapping = fyne.TextWrapWord // the actor's name, aliases, kind, affiliation
	p.linkBtn = widget.NewButtonWithIcon("Link source… (L)", theme.ContentAddIcon(), func() {
		if p.OnLinkSource != nil {
			p.OnLinkSource()
		}
	})
	p.details = container.NewVBox(p.heading, p.text, p.labelSel, p.meta, p.entity, p.note, p.links, p.deleteBtn)

	p.list = widget.NewList(
		func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			sw := canvas.NewRectangle(color.Transparent)
			sw.SetMinSize(fyne.NewSize(12, 12))
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, container.NewCenter(sw), nil, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := p.rows[i]
			c := o.(*fyne.Container)
			l := c.Objects[0].(*widget.Label)
			sw := c.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
			col := labelColor(r.label)
			if r.span == nil {
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText(fmt.Sprintf("%s (%d)", r.label.Display, r.count))
				sw.FillColor = col
				sw.StrokeWidth = 0
			} else {
				l.TextStyle = fyne.TextStyle{}
				text := ""
				if p.RowText != nil {
					text = p.RowText(*r.span)
				}
				l.SetText(text)
				sw.FillColor = withAlpha(col, 0x55)
				sw.StrokeColor = col
				sw.StrokeWidth = 1
			}
			sw.Refresh()
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.updating || i >= len(p.rows) {
			return
		}
		if s := p.rows[i].span; s != nil && p.OnSpanChosen != nil {
			p.OnSpanChosen(s.ID)
			done()
		}
	}
	title := widget.NewLabelWithStyle("Annotations", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.unsourced = widget.NewCheck("Only statements without a source", func(bool) { p.refresh() })
	p.content = container.NewBorder(container.NewVBox(p.details, widget.NewSeparator(), title, narrow(p.unsourced)), nil, nil, nil, p.list)
	return p
}

// Content returns the tab's widgets.
func (p *SpanPanel) Content() fyne.CanvasObject { return p.content }

// selected returns the selected span's details, if there is one.
func (p *SpanPanel) selected() (SpanDetail, bool) {
	if p.Selected == nil {
		return SpanDetail{}, false
	}
	return p.Selected()
}

// setLabels fills the relabel choice and groups the list by ls.
func (p *SpanPanel) setLabels(ls annotate.LabelSet) {
	p.labels = ls
	opts := make([]string, len(ls))
	for i, l := range ls {
		opts[i] = l.Display
	}
	p.updating = true
	p.labelSel.Options = opts
	p.labelSel.Refresh()
	p.updating = false
}

// saveNote stores the note being typed, if it changed, as one undoable
// change (OnNoteChanged), and reports whether the field holds nothing
// unsaved afterwards. A failed save keeps the typed text in the field.
func (p *SpanPanel) saveNote() bool {
	if p.noteOf == "" || p.updating || p.saving || !p.noteDirty || p.OnNoteChanged == nil {
		return true
	}
	p.saving = true
	defer func() { p.saving = false }()
	if p.OnNoteChanged(p.noteOf, p.note.Text) {
		p.noteDirty = false
		return true
	}
	return false
}

// editingNote reports whether the note field has the keyboard focus.
func (p *SpanPanel) editingNote() bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(p.note)
	return c != nil && c.Focused() == p.note
}

// noteEditable reports whether the note field is shown and takes typing.
func (p *SpanPanel) noteEditable() bool { return p.note.Visible() && !p.note.Disabled() }

// refresh shows the current spans and selection.
func (p *SpanPanel) refresh() {
	p.updating = true
	defer func() { p.updating = false }()
	var spans []annotate.Span
	if p.Spans != nil {
		spans = p.Spans()
	}
	d, ok := p.selected()
	selID := ""
	if ok {
		selID = d.Span.ID
	}
	p.rows = p.rows[:0]
	selRow := -1
	for _, l := range p.labels {
		head := len(p.rows)
		p.rows = append(p.rows, panelRow{label: l})
		for i := range spans {
			if p.unsourced.Checked && (p.Unsourced == nil || !p.Unsourced(spans[i])) {
				continue
			}
			if spans[i].Label == l.Name {
				if spans[i].ID == selID {
					selRow = len(p.rows)
				}
				p.rows = append(p.rows, panelRow{label: l, span: &spans[i]})
			}
		}
		p.rows[head].count = len(p.rows) - head - 1
	}
	// Behind the Review tab the list is not drawn: its rows (each a
	// truncated label, costly to measure) are shown again when it shows.
	if p.Listed == nil || p.Listed() {
		p.list.Refresh()
		if selRow >= 0 {
			p.list.Select(selRow)
			p.list.ScrollTo(selRow)
		} else {
			p.list.UnselectAll()
		}
	}

	if !ok {
		p.noteOf = ""
		p.noteDirty = false
		p.heading.SetText("No span selected")
		p.text.SetText("Click a highlighted span to see it here, or select text and press a label's key.")
		p.meta.SetText("")
		p.labelSel.Hide()
		p.note.Hide()
		p.deleteBtn.Hide()
		p.links.Hide()
		p.entity.Hide()
		return
	}
	s := d.Span
	p.heading.SetText(fmt.Sprintf("%s  %d–%d", d.Label, s.Start, s.End))
	p.text.SetText("“" + oneLine(shorten(d.Text, 400)) + "”")
	p.labelSel.SetSelected(d.Label)
	p.meta.SetText(fmt.Sprintf("by %s, %s", s.Annotator, s.Created.Local().Format("2 Jan 2006 15:04")))
	// Typing not yet stored stays in the field (after a failed save, or
	// while another change of the same span is shown).
	if p.noteOf != s.ID || (!p.noteDirty && p.note.Text != s.Note) {
		p.note.SetText(s.Note)
		p.noteDirty = false
	}
	p.noteOf = s.ID
	p.labelSel.Show()
	p.note.Show()
	p.deleteBtn.Show()
	p.links.Objects = p.linkRows(d)
	if d.CanLinkSource {
		p.links.Objects = append(p.links.Objects, p.linkBtn)
	}
	p.links.Show()
	p.links.Refresh()
	p.entity.SetText(d.Entity)
	p.entity.Show()
	if d.ReadOnly {
		p.labelSel.Disable()
		p.note.Disable()
		p.deleteBtn.Disable()
		p.linkBtn.Disable()
	} else {
		p.labelSel.Enable()
		p.note.Enable()
		p.deleteBtn.Enable()
		p.linkBtn.Enable()
	}
}

// linkRows are the selected span's links: one row each, naming the link's
// type and the other span, with a button that removes it.
func (p *SpanPanel) linkRows(d SpanDetail) []fyne.CanvasObject {
	rows := make([]fyne.CanvasObject, 0, len(d.Links)+1)
	for _, k := range d.Links {
		l := widget.NewLabel(k.Text)
		l.Truncation = fyne.TextTruncateEllipsis
		id := k.ID
		rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() {
			if p.OnUnlink != nil {
				p.OnUnlink(id)
			}
			if p.OnDone != nil {
				p.OnDone()
			}
		})
		if d.ReadOnly {
			rm.Disable()
		}
		rows = append(rows, container.NewBorder(nil, nil, nil, rm, l))
	}
	return rows
}

// labelColor parses a label's colour (annotate.ParseColor); grey when it
// is malformed.
func labelColor(l annotate.Label) color.NRGBA {
	r, g, b, err := annotate.ParseColor(l.Color)
	if err != nil {
		return color.NRGBA{0x80, 0x80, 0x80, 0xff}
	}
	return color.NRGBA{r, g, b, 0xff}
}

func withAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}

// oneLine shows text on one line: line breaks and tabs become visible
// symbols.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", "↵ ", "\n", "↵ ", "\r", "↵ ", "\t", "⇥ ").Replace(s)
}

// noteEntry is the multi-line note field: it saves when it loses the
// keyboard focus.
type noteEntry struct {
	widget.Entry
	onFocusLost func()
	onF6        func() // F6: the next pane
}

func newNoteEntry(onFocusLost func()) *noteEntry {
	e := &noteEntry{onFocusLost: onFocusLost}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey passes F6 on (the next pane) and leaves every other key to the
// entry.
func (e *noteEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyF6 && e.onF6 != nil {
		e.onF6()
		return
	}
	e.Entry.TypedKey(ev)
}

// FocusLost saves the note, then lets the entry update itself.
func (e *noteEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}
