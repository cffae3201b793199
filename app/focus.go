package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// F6 moves the keyboard focus from pane to pane: the article, the document
// list, the note of the selected span, and back to the article. Each is
// usable from the keyboard: the article has its caret and Tab from span to
// span, the list moves with Up and Down and opens a document with Space,
// the note takes typing. Fyne's driver gives a plain F6 to the focused
// widget only, so each pane passes it on.

// docList is the document list; it passes F6 on.
type docList struct {
	widget.List
	onF6 func() // the next pane
	onF1 func() // the help
}

// newDocList returns a list of length() rows made by create and filled by
// update.
func newDocList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *docList {
	l := &docList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey moves the focus on F6 and shows the help on F1; other keys
// move in the list.
func (l *docList) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyF6 && l.onF6 != nil:
		l.onF6()
	case ev.Name == fyne.KeyF1 && l.onF1 != nil:
		l.onF1()
	default:
		l.List.TypedKey(ev)
	}
}

// nextPane moves the keyboard focus to the pane after the focused one:
// article, document list, note (when a span of a writable document is
// selected), article.
func (u *UI) nextPane() {
	c := u.win.Canvas()
	if c == nil || u.project == nil || c.Content() != u.work {
		return
	}
	switch {
	case c.Focused() == u.article:
		u.docList.Focus(c)
		u.setStatus("Documents: Up and Down move, Space opens, F6 goes on")
	case u.docList.Focused(c):
		if u.panel.noteEditable() {
			c.Focus(u.panel.note)
			u.setStatus("Note: typing is saved when you leave the field; F6 goes on")
			return
		}
		u.focusArticle()
		u.setStatus("Article: arrows move the caret, Shift selects, Tab goes from span to span")
	default:
		u.focusArticle()
		u.setStatus("Article: arrows move the caret, Shift selects, Tab goes from span to span")
	}
}

// openDetails takes the keyboard to the selected span's details in the
// side panel: its note field, where Escape or F6 lead on.
func (u *UI) openDetails() {
	if u.SelectedSpan() == "" {
		return
	}
	if c := u.win.Canvas(); c != nil && u.panel.noteEditable() {
		c.Focus(u.panel.note)
		u.setStatus("Note of the selected span: Shift+Enter stores it, F6 goes on")
	}
}
