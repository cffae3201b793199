package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keySelect is a drop-down list for a dialog: Space, Down or Up opens it
// (Fyne's Select; its menu then takes Down, Up, Enter and Escape), Left
// and Right step through the options, and Enter and Escape, with the menu
// closed, confirm and cancel the dialog as they do in its text fields.
// Fyne's Select keeps the keyboard focus once an option is chosen and
// ignores Enter and Escape, so that a dialog could not be closed from
// the keyboard after its drop-down was used.
type keySelect struct {
	widget.Select

	// OnEnter and OnEscape are called on Enter and Escape.
	OnEnter, OnEscape func()
}

// newKeySelect returns a drop-down list of options.
func newKeySelect(options []string, changed func(string)) *keySelect {
	s := &keySelect{}
	s.Options = options
	s.OnChanged = changed
	s.PlaceHolder = "(Select one)"
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey hands Enter and Escape to the dialog.
func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if s.OnEnter != nil {
			s.OnEnter()
		}
	case fyne.KeyEscape:
		if s.OnEscape != nil {
			s.OnEscape()
		}
	default:
		s.Select.TypedKey(ev)
	}
}

// keyEntry is a one-line text field for a dialog whose Enter and Escape
// confirm and cancel the dialog (OnEnter, OnEscape), as keySelect's do.
type keyEntry struct {
	widget.Entry

	// OnEnter and OnEscape are called on Enter and Escape.
	OnEnter, OnEscape func()
}

// newKeyEntry returns an empty field.
func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey hands Enter and Escape to the dialog.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.OnEnter != nil {
			e.OnEnter()
		}
	case fyne.KeyEscape:
		if e.OnEscape != nil {
			e.OnEscape()
		}
	default:
		e.Entry.TypedKey(ev)
	}
}
