package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// modal is a dialog the window shows, with what Enter and Escape do while
// it is on top. Fyne's dialogs answer only to the mouse and to Tab+Space;
// the window routes Enter and Escape to the top modal instead.
type modal struct {
	d      dialog.Dialog
	enter  func() // nil: Enter closes the dialog
	escape func() // nil: Escape closes the dialog
}

// showModal shows d and keeps it on the window's modal stack until it
// closes.
func (u *UI) showModal(d dialog.Dialog, enter, escape func()) {
	u.showModalThen(d, enter, escape, nil)
}

// showModalThen is showModal with then (if not nil) run once the dialog
// has closed and left the stack: what a dialog's answer starts runs after
// the window is done with the dialog.
func (u *UI) showModalThen(d dialog.Dialog, enter, escape, then func()) {
	m := &modal{d: d, enter: enter, escape: escape}
	u.modals = append(u.modals, m)
	d.SetOnClosed(func() {
		if i := slices.Index(u.modals, m); i >= 0 {
			u.modals = slices.Delete(u.modals, i, i+1)
		}
		if len(u.modals) == 0 {
			u.focusArticle()
			// the desktop driver may move the focus once the dialog is
			// gone (a main menu gives it back where it took it from):
			// again, after the events in hand
			fyne.Do(u.focusArticle)
		}
		if then != nil {
			then()
		}
	})
	d.Show()
}

// showForm shows content in a dialog with a confirm and a dismiss button
// and calls fn with the answer once the dialog has closed: Enter
// confirms, Escape dismisses.
func (u *UI) showForm(title, confirm, dismiss string, content fyne.CanvasObject, width float32, fn func(ok bool)) {
	answer := false
	d := dialog.NewCustomConfirm(title, confirm, dismiss, content, func(ok bool) { answer = ok }, u.win)
	if width > 0 {
		d.Resize(fyne.NewSize(width, 0))
	}
	u.showModalThen(d, d.Confirm, d.Dismiss, func() { fn(answer) })
}

// modalKey handles a key while a modal is open: Enter (or Return) and
// Escape act on the top modal. It reports whether a modal is open, in
// which case the key must not reach the article.
func (u *UI) modalKey(name fyne.KeyName) bool {
	if len(u.modals) == 0 {
		return u.overlayOpen()
	}
	m := u.modals[len(u.modals)-1]
	switch name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if m.enter != nil {
			m.enter()
		} else {
			m.d.Hide()
		}
	case fyne.KeyEscape:
		if m.escape != nil {
			m.escape()
		} else {
			m.d.Hide()
		}
	}
	return true
}

// overlayOpen reports whether something (a file dialog, a pop-up menu)
// covers the window, so that typed keys must not tag text beneath it.
func (u *UI) overlayOpen() bool {
	c := u.win.Canvas()
	return c != nil && c.Overlays().Top() != nil
}

// showInfo shows a message; Enter or Escape closes it.
func (u *UI) showInfo(title, message string) {
	u.showModal(dialog.NewInformation(annotate.ControlPictures(title), visibleLines(message), u.win), nil, nil)
}

// showError shows an error as it is worded: Fyne's own error dialog
// capitalises the first letter, which turns a path such as "bad/x" into
// "Bad/x". Enter or Escape closes it.
func (u *UI) showError(err error) {
	msg := widget.NewLabel(visibleLines(err.Error()))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Error", "OK", msg, u.win)
	d.SetIcon(theme.ErrorIcon())
	if w := u.win.Canvas().Size().Width; w > 0 {
		d.Resize(fyne.NewSize(min(560, w*0.8), 0))
	}
	u.showModal(d, nil, nil)
}

// showConfirm asks a yes/no question: Enter answers yes, Escape no. fn
// runs once the question has closed.
func (u *UI) showConfirm(title, message, confirm string, fn func(ok bool)) {
	answer := false
	d := dialog.NewConfirm(annotate.ControlPictures(title), visibleLines(message), func(ok bool) { answer = ok }, u.win)
	if confirm != "" {
		d.SetConfirmText(confirm)
	}
	u.showModalThen(d, d.Confirm, d.Dismiss, func() { fn(answer) })
}

// visibleLines returns a message for the window: its lines as they are,
// each with its control characters as visible symbols
// (annotate.ControlPictures), so that a file name or title that carries
// them shows them.
func visibleLines(message string) string {
	lines := strings.Split(message, "\n")
	for i, l := range lines {
		lines[i] = annotate.ControlPictures(l)
	}
	return strings.Join(lines, "\n")
}
