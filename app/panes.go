package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// panes arranges the workspace: the document list, the article with its
// toolbar, and the side panel, each side pane in a split the user can
// drag, and each one hidden or shown from the View menu (Ctrl+Shift+D, the
// document list; Ctrl+Shift+P, the side panel), so that the window works
// at 800×600.
type panes struct {
	left, centre, side fyne.CanvasObject
	showLeft, showSide bool
	outer, inner       *container.Split // kept, with the places they were dragged to
}

func newPanes(left, centre, side fyne.CanvasObject) *panes {
	p := &panes{left: left, centre: centre, side: side, showLeft: true, showSide: true}
	p.inner = container.NewHSplit(centre, side)
	p.inner.Offset = 0.72
	p.outer = container.NewHSplit(left, p.inner)
	p.outer.Offset = 0.2
	return p
}

// layout returns the workspace as the panes shown make it.
func (p *panes) layout() fyne.CanvasObject {
	var right fyne.CanvasObject = p.centre
	if p.showSide {
		p.inner.Leading = p.centre
		right = p.inner
	}
	if !p.showLeft {
		return right
	}
	p.outer.Trailing = right
	return p.outer
}

// Pane names for togglePane.
const (
	paneDocuments = "documents"
	paneSide      = "side"
)

// togglePane hides the named pane if it is shown, shows it if hidden, and
// remembers the choice.
func (u *UI) togglePane(name string) {
	switch name {
	case paneDocuments:
		u.panes.showLeft = !u.panes.showLeft
	case paneSide:
		u.panes.showSide = !u.panes.showSide
	}
	u.app.Preferences().SetBool(prefHideDocuments, !u.panes.showLeft)
	u.app.Preferences().SetBool(prefHideSide, !u.panes.showSide)
	u.relayoutPanes()
}

// relayoutPanes puts the panes shown into the workspace.
func (u *UI) relayoutPanes() {
	u.work.Objects[0] = u.panes.layout()
	u.work.Refresh()
	u.win.SetMainMenu(u.buildMenu()) // the View menu's ticks
	u.updateActions()
	u.focusArticle()
}

// PanesShown reports whether the document list and the side panel are
// shown.
func (u *UI) PanesShown() (documents, side bool) { return u.panes.showLeft, u.panes.showSide }
