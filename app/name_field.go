package app

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// nameFieldRows is how many suggestions show at once under a name field.
const nameFieldRows = 5

// nameField is a text field that suggests names as one types: the names
// that complete what is typed (annotate.NameMatches) are listed under it;
// Down and Up move through them, Enter chooses the one marked (and Enter
// again, with none marked, confirms), a click chooses one, Escape cancels.
type nameField struct {
	widget.Entry

	names   *annotate.NameCompleter
	empty   bool // no names at all
	matches []string
	via     []string // by match: the alias it matched by, "" by its name
	active  int      // the marked suggestion, -1 none
	moving  bool
	list    *widget.List
	hint    *widget.Label
	box     *fyne.Container

	// OnNameChanged is called with the text whenever it changes (typed or
	// chosen).
	OnNameChanged func(name string)
	// OnConfirm is called on Enter when no suggestion is marked.
	OnConfirm func()
	// OnCancel is called on Escape.
	OnCancel func()
}

// newNameField returns a field that suggests the names of the completer
// (an entity's also by its aliases: annotate.NewEntityCompleter).
func newNameField(names *annotate.NameCompleter) *nameField {
	f := &nameField{names: names, empty: names.Len() == 0, active: -1}
	f.ExtendBaseWidget(f)
	f.list = widget.NewList(
		func() int { return len(f.matches) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(f.matches) {
				o.(*widget.Label).SetText(annotate.ControlPictures(f.label(i)))
			}
		})
	f.list.OnSelected = func(i widget.ListItemID) {
		if f.moving {
			return
		}
		f.choose(i) // a click
	}
	f.hint = widget.NewLabel("")
	f.hint.Wrapping = fyne.TextWrapWord
	rowH := widget.NewLabel("X").MinSize().Height
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(0, rowH*nameFieldRows))
	f.box = container.NewBorder(f, nil, nil, nil, container.NewStack(room, f.list, container.NewVBox(f.hint)))
	f.Entry.OnChanged = func(string) { f.update() }
	f.update()
	return f
}

// Content is the field with its list of suggestions beneath.
func (f *nameField) Content() fyne.CanvasObject { return f.box }

// Matches returns the suggestions listed now.
func (f *nameField) Matches() []string { return slices.Clone(f.matches) }

// label is how suggestion i is listed: its name, and the alias it was
// found by: "Wang Yi (“Mr Wang”)".
func (f *nameField) label(i int) string {
	if i < len(f.via) && f.via[i] != "" {
		return f.matches[i] + " (“" + f.via[i] + "”)"
	}
	return f.matches[i]
}

// Active returns the marked suggestion, or "".
func (f *nameField) Active() string {
	if f.active < 0 || f.active >= len(f.matches) {
		return ""
	}
	return f.matches[f.active]
}

// SetName sets the text, with the cursor at its end.
func (f *nameField) SetName(name string) {
	f.SetText(name)
	f.CursorRow, f.CursorColumn = 0, len([]rune(name))
	f.Refresh()
}

// update lists the names that complete the text and unmarks the marked
// one.
func (f *nameField) update() {
	f.matches, f.via = f.names.MatchesVia(f.Text)
	f.mark(-1)
	switch {
	case f.empty:
		f.hint.SetText("No names yet: the name typed creates one.")
	case len(f.matches) == 0:
		f.hint.SetText("No name matches: Enter creates “" + annotate.ControlPictures(strings.TrimSpace(f.Text)) + "”.")
	default:
		f.hint.SetText("")
	}
	if f.hint.Text == "" {
		f.hint.Hide()
		f.list.Show()
	} else {
		f.list.Hide()
		f.hint.Show()
	}
	f.list.Refresh()
	if f.OnNameChanged != nil {
		f.OnNameChanged(f.Text)
	}
}

// mark marks suggestion i (-1: none) without choosing it.
func (f *nameField) mark(i int) {
	f.active = i
	f.moving = true
	defer func() { f.moving = false }()
	if i < 0 {
		f.list.UnselectAll()
		return
	}
	f.list.Select(i)
}

// choose puts suggestion i in the field and gives the field the focus
// back.
func (f *nameField) choose(i int) {
	if i < 0 || i >= len(f.matches) {
		return
	}
	f.SetName(f.matches[i])
	if c := fyne.CurrentApp().Driver().CanvasForObject(f); c != nil {
		c.Focus(f)
	}
}

// TypedKey moves through the suggestions (Down, Up), chooses the marked
// one or confirms (Enter) and cancels (Escape); other keys edit the text.
func (f *nameField) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDown:
		if len(f.matches) > 0 {
			f.mark(min(f.active+1, len(f.matches)-1))
		}
	case fyne.KeyUp:
		if f.active >= 0 {
			f.mark(f.active - 1)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if f.active >= 0 {
			f.choose(f.active)
			return
		}
		if f.OnConfirm != nil {
			f.OnConfirm()
		}
	case fyne.KeyEscape:
		if f.OnCancel != nil {
			f.OnCancel()
		}
	default:
		f.Entry.TypedKey(ev)
	}
}
