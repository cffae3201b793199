package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// linkChoice is one span a link chooser offers: its id and how the menu
// shows it.
type linkChoice struct{ ID, Text string }

// linkChooser is the menu of L: the spans a selected span may be linked
// to, each shown with its entity and where it stands, which the keyboard
// drives (Down and Up, Enter, Escape) as the mouse does. It has the
// keyboard focus while it shows.
type linkChooser struct {
	choices []linkChoice
	menu    *widget.PopUpMenu

	// OnChosen is called with the id of the span chosen.
	OnChosen func(id string)
}

// newLinkChooser returns a chooser of choices for canvas c.
func newLinkChooser(choices []linkChoice, c fyne.Canvas) *linkChooser {
	l := &linkChooser{choices: choices}
	items := make([]*fyne.MenuItem, len(choices))
	for i, ch := range choices {
		items[i] = fyne.NewMenuItem(ch.Text, func() {
			if l.OnChosen != nil {
				l.OnChosen(ch.ID)
			}
		})
	}
	l.menu = widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	return l
}

// ShowAt shows the menu at pos (canvas coordinates), moved to fit.
func (l *linkChooser) ShowAt(pos fyne.Position) { l.menu.ShowAtPosition(pos) }
