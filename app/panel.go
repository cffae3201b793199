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

// spanPanel is the right-hand side: the selected span's details and the
// open document's annotations grouped by label.
type spanPanel struct {
	u       *UI
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

	rows     []panelRow
	list     *widget.List
	updating bool
}

// panelRow is a line of the annotation list: a label heading or a span.
type panelRow struct {
	label annotate.Label
	count int            // for headings
	span  *annotate.Span // nil for headings
}

func newSpanPanel(u *UI) *spanPanel {
	p := &spanPanel{u: u}
	p.heading = widget.NewLabelWithStyle("No span selected", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.text = widget.NewLabel("")
	p.text.Truncation = fyne.TextTruncateEllipsis
	p.meta = widget.NewLabel("")
	p.meta.Wrapping = fyne.TextWrapWord
	p.labelSel = widget.NewSelect(nil, func(display string) {
		id := p.u.SelectedSpan()
		if p.updating || id == "" {
			return
		}
		for _, l := range p.u.labels {
			if l.Display == display {
				p.u.Relabel(id, l.Name)
			}
		}
		// The label keys go on working without a click into the article.
		p.u.focusArticle()
	})
	p.note = newNoteEntry(func() { p.saveNote() })
	p.note.onF6 = u.nextPane
	p.note.SetPlaceHolder("Note: saved when you leave the field (Shift+Enter)")
	p.note.OnChanged = func(string) {
		if !p.updating {
			p.noteDirty = true
		}
	}
	p.note.OnSubmitted = func(string) {
		if p.saveNote() {
			p.u.focusArticle()
		}
	}
	p.deleteBtn = widget.NewButtonWithIcon("Delete span", theme.DeleteIcon(), func() { p.u.DeleteSelected(); p.u.focusArticle() })
	p.links = container.NewVBox()
	p.entity = widget.NewLabel("")
	p.entity.Truncation = fyne.TextTruncateEllipsis
	p.linkBtn = widget.NewButtonWithIcon("Link source… (L)", theme.ContentAddIcon(), func() { p.u.ChooseLink(annotate.RelationSource) })
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
				l.SetText(oneLine(shorten(p.u.slice(r.span.Start, r.span.End), 80)) + p.u.sourceSuffix(*r.span))
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
		if s := p.rows[i].span; s != nil {
			p.u.selectSpan(s.ID, true)
			p.u.focusArticle()
		}
	}
	title := widget.NewLabelWithStyle("Annotations", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.unsourced = widget.NewCheck("Only statements without a source", func(bool) { p.refresh() })
	p.content = container.NewBorder(container.NewVBox(p.details, widget.NewSeparator(), title, narrow(p.unsourced)), nil, nil, nil, p.list)
	return p
}

// setLabels fills the relabel choice.
func (p *spanPanel) setLabels(ls annotate.LabelSet) {
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
// change, and reports whether the field holds nothing unsaved afterwards.
// A failed save keeps the typed text in the field.
func (p *spanPanel) saveNote() bool {
	if p.noteOf == "" || p.updating || p.saving || !p.noteDirty || p.u.project == nil || p.u.project.ReadOnly() {
		return true
	}
	s, ok := p.u.sess.Span(p.noteOf)
	if !ok {
		return true
	}
	if s.Note == p.note.Text {
		p.noteDirty = false
		return true
	}
	p.saving = true
	defer func() { p.saving = false }()
	if p.u.SetNote(p.noteOf, p.note.Text) {
		p.noteDirty = false
		return true
	}
	return false
}

// editingNote reports whether the note field has the keyboard focus.
func (p *spanPanel) editingNote() bool {
	c := p.u.win.Canvas()
	return c != nil && c.Focused() == p.note
}

// refresh shows the current spans and selection.
func (p *spanPanel) refresh() {
	p.updating = true
	defer func() { p.updating = false }()
	u := p.u
	var spans []annotate.Span
	selID := u.SelectedSpan()
	if u.sess != nil {
		spans = u.sess.Spans()
	}
	p.rows = p.rows[:0]
	selRow := -1
	for _, l := range u.labels {
		head := len(p.rows)
		p.rows = append(p.rows, panelRow{label: l})
		for i := range spans {
			if p.unsourced.Checked && !u.unsourced(spans[i]) {
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
	if u.side == nil || u.side.Shows(p.content) {
		p.list.Refresh()
		if selRow >= 0 {
			p.list.Select(selRow)
			p.list.ScrollTo(selRow)
		} else {
			p.list.UnselectAll()
		}
	}

	s, ok := annotate.Span{}, false
	if u.sess != nil {
		s, ok = u.sess.Span(selID)
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
	p.heading.SetText(fmt.Sprintf("%s  %d–%d", u.labelDisplay(s.Label), s.Start, s.End))
	p.text.SetText("“" + oneLine(shorten(u.slice(s.Start, s.End), 400)) + "”")
	p.labelSel.SetSelected(u.labelDisplay(s.Label))
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
	p.links.Objects = u.linksOf(s)
	types := u.sess.RelationTypes()
	if _, ok := types.Find(annotate.RelationSource); ok && types.IsStatement(s.Label) {
		p.links.Objects = append(p.links.Objects, p.linkBtn)
	}
	p.links.Show()
	p.links.Refresh()
	if t := u.entityText(s); t != "" {
		p.entity.SetText(t + "  (E changes it)")
	} else if types.IsActor(s.Label) {
		p.entity.SetText("No actor entity yet: E names it")
	} else {
		p.entity.SetText("No concept yet: E names it")
	}
	p.entity.Show()
	ro := u.project != nil && u.project.ReadOnly()
	if ro {
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
