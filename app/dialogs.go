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

// modals shows the window's dialogs and keeps the stack of those open,
// topmost last, so that Enter and Escape reach the dialog on top and no
// typed key reaches the article beneath one.
type modals struct {
	win   fyne.Window
	stack []*modal

	// OnAllClosed runs when the last open dialog has closed, before the
	// then of the dialog that closed (ShowThen).
	OnAllClosed func()
}

// newModals returns the dialog stack of win, with no dialog open.
func newModals(win fyne.Window) *modals { return &modals{win: win} }

// Show shows d and keeps it on the stack until it closes; enter and
// escape (nil: close the dialog) are what Enter and Escape do while it is
// on top.
func (m *modals) Show(d dialog.Dialog, enter, escape func()) {
	m.ShowThen(d, enter, escape, nil)
}

// ShowThen is Show with then (if not nil) run once the dialog has closed
// and left the stack: what a dialog's answer starts runs after the window
// is done with the dialog.
func (m *modals) ShowThen(d dialog.Dialog, enter, escape, then func()) {
	md := &modal{d: d, enter: enter, escape: escape}
	m.stack = append(m.stack, md)
	d.SetOnClosed(func() {
		if i := slices.Index(m.stack, md); i >= 0 {
			m.stack = slices.Delete(m.stack, i, i+1)
		}
		if len(m.stack) == 0 && m.OnAllClosed != nil {
			m.OnAllClosed()
		}
		if then != nil {
			then()
		}
	})
	d.Show()
}

// Open reports whether a dialog of the stack is open.
func (m *modals) Open() bool { return len(m.stack) > 0 }

// Top returns the dialog on top of the stack, nil with none open.
func (m *modals) Top() dialog.Dialog {
	if len(m.stack) == 0 {
		return nil
	}
	return m.stack[len(m.stack)-1].d
}

// Form shows content in a dialog with a confirm and a dismiss button and
// calls fn with the answer once the dialog has closed: Enter confirms,
// Escape dismisses. A width above 0 sets the dialog's width.
func (m *modals) Form(title, confirm, dismiss string, content fyne.CanvasObject, width float32, fn func(ok bool)) {
	answer := false
	d := dialog.NewCustomConfirm(title, confirm, dismiss, content, func(ok bool) { answer = ok }, m.win)
	if width > 0 {
		d.Resize(fyne.NewSize(width, 0))
	}
	m.ShowThen(d, d.Confirm, d.Dismiss, func() { fn(answer) })
}

// Key handles a key while a dialog is open: Enter (or Return) and Escape
// act on the top dialog. It reports whether a dialog or another overlay
// is open (Covered), in which case the key must not reach the article.
func (m *modals) Key(name fyne.KeyName) bool {
	if len(m.stack) == 0 {
		return m.Covered()
	}
	top := m.stack[len(m.stack)-1]
	switch name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if top.enter != nil {
			top.enter()
		} else {
			top.d.Hide()
		}
	case fyne.KeyEscape:
		if top.escape != nil {
			top.escape()
		} else {
			top.d.Hide()
		}
	}
	return true
}

// Covered reports whether something (a file dialog, a pop-up menu)
// covers the window, so that typed keys must not tag text beneath it.
func (m *modals) Covered() bool {
	c := m.win.Canvas()
	return c != nil && c.Overlays().Top() != nil
}

// Info shows a message; Enter or Escape closes it.
func (m *modals) Info(title, message string) {
	m.Show(dialog.NewInformation(annotate.ControlPictures(title), visibleLines(message), m.win), nil, nil)
}

// Error shows an error as it is worded: Fyne's own error dialog
// capitalises the first letter, which turns a path such as "bad/x" into
// "Bad/x". Enter or Escape closes it.
func (m *modals) Error(err error) {
	msg := widget.NewLabel(visibleLines(err.Error()))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Error", "OK", msg, m.win)
	d.SetIcon(theme.ErrorIcon())
	if w := m.win.Canvas().Size().Width; w > 0 {
		d.Resize(fyne.NewSize(min(560, w*0.8), 0))
	}
	m.Show(d, nil, nil)
}

// Confirm asks a yes/no question: Enter answers yes, Escape no; confirm
// (if not empty) names the yes button. fn runs once the question has
// closed.
func (m *modals) Confirm(title, message, confirm string, fn func(ok bool)) {
	answer := false
	d := dialog.NewConfirm(annotate.ControlPictures(title), visibleLines(message), func(ok bool) { answer = ok }, m.win)
	if confirm != "" {
		d.SetConfirmText(confirm)
	}
	m.ShowThen(d, d.Confirm, d.Dismiss, func() { fn(answer) })
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
