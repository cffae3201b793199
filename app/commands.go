package app

import (
	"fmt"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"claimdesk/annotate"
)

// The zoom range of the article text, as a factor of the theme's size.
const (
	zoomMin  = 0.6
	zoomMax  = 3.0
	zoomStep = 1.15
)

func (u *UI) buildToolbar() *Toolbar {
	return newToolbar(u.newTipButton)
}

// buildLabelButtons puts a button per label, then the editing actions,
// into the toolbar.
func (u *UI) buildLabelButtons() {
	var acts []*ToolbarAction
	u.actions.edit = u.actions.edit[:0]
	for _, l := range u.labels {
		l := l
		text, short := l.Display, l.Key
		if l.Key != "" {
			text += " (" + l.Key + ")"
		} else if r := []rune(l.Display); len(r) > 0 {
			short = string(unicode.ToUpper(r[0]))
		}
		b := &ToolbarAction{Label: text, Short: short, Icon: swatch(l), Tip: labelTip(l), OnTapped: func() { u.ApplyLabel(l.Name); u.focusArticle() }}
		acts = append(acts, b)
		u.actions.edit = append(u.actions.edit, b)
	}
	undo := &ToolbarAction{Label: "Undo", IconOnly: true, Icon: theme.ContentUndoIcon(), Tip: "Undo the last change (Ctrl+Z)", OnTapped: func() { u.Undo(); u.focusArticle() }}
	redo := &ToolbarAction{Label: "Redo", IconOnly: true, Icon: theme.ContentRedoIcon(), Tip: "Redo (Ctrl+Shift+Z or Ctrl+Y)", OnTapped: func() { u.Redo(); u.focusArticle() }}
	done := &ToolbarAction{Label: "Done & next", Icon: theme.ConfirmIcon(), Tip: "Mark this document done and open the next one not done (Ctrl+Enter)", OnTapped: func() { u.DoneAndNext(); u.focusArticle() }}
	u.actions.edit = append(u.actions.edit, undo, redo, done)
	acts = append(acts,
		NewToolbarSeparator(),
		undo, redo, done,
		NewToolbarSeparator(),
		u.suggestionButton(),
		NewToolbarSeparator(),
		&ToolbarAction{Label: "Smaller text", IconOnly: true, Icon: theme.ZoomOutIcon(), Tip: "Smaller text (Ctrl+-; Ctrl+0: actual size)", OnTapped: func() { u.Zoom(1 / zoomStep) }},
		&ToolbarAction{Label: "Larger text", IconOnly: true, Icon: theme.ZoomInIcon(), Tip: "Larger text (Ctrl+=)", OnTapped: func() { u.Zoom(zoomStep) }},
		&ToolbarAction{Label: "Keyboard shortcuts", IconOnly: true, Icon: theme.HelpIcon(), Tip: "Keyboard shortcuts (F1)", OnTapped: u.ShowHelp},
	)
	u.toolbar.SetActions(acts...)
	u.updateActions()
}

// labelTip is the tooltip of a label's button: what it does, its keys,
// and the label's codebook definition.
func labelTip(l annotate.Label) string {
	keys := l.Key
	if r := []rune(l.Display); len(r) > 0 {
		if keys != "" {
			keys += " or "
		}
		keys += string(unicode.ToUpper(r[0]))
	}
	tip := "Tag the selection " + l.Display + ", or relabel the selected span"
	if keys != "" {
		tip += " (" + keys + ")"
	}
	if l.Definition != "" {
		def := []rune(l.Definition)
		if len(def) > 110 {
			def = append(def[:109], '…')
		}
		tip += ". " + string(def)
	}
	return tip
}

// swatch is a small square in a label's colour, as an SVG icon.
func swatch(l annotate.Label) fyne.Resource {
	c := labelColor(l)
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect x="1" y="1" width="14" height="14" rx="3" fill="#%02x%02x%02x"/></svg>`, c.R, c.G, c.B)
	return fyne.NewStaticResource("label-"+l.Name+".svg", []byte(svg))
}

// Zoom scales the article text by factor; 0 goes back to actual size.
func (u *UI) Zoom(factor float32) {
	if u.zoom == 0 {
		u.zoom = 1
	}
	if factor == 0 {
		u.zoom = 1
		u.article.SetTextSize(0)
		u.app.Preferences().SetFloat(prefZoom, 1)
		return
	}
	z := u.zoom * factor
	if z < zoomMin-1e-3 || z > zoomMax+1e-3 {
		return
	}
	base := u.article.TextSize() / u.zoom
	u.zoom = z
	u.article.SetTextSize(base * z)
	u.app.Preferences().SetFloat(prefZoom, float64(z))
}

func (u *UI) buildMenu() *fyne.MainMenu {
	ctrl := fyne.KeyModifierShortcutDefault
	item := func(label string, key fyne.KeyName, mod fyne.KeyModifier, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		if key != "" {
			it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		}
		return it
	}
	open := item("Open…", fyne.KeyO, ctrl, func() { u.chooseProject(false) })
	openRO := item("Open read-only…", "", 0, func() { u.chooseProject(true) })
	newProj := item("New project…", "", 0, u.chooseNewProject)
	imp := item("Import…", "", 0, u.chooseImport)
	impFolder := item("Import a folder…", "", 0, u.chooseImportFolder)
	exp := item("Export…", fyne.KeyE, ctrl, u.chooseExport)
	compare := item("Compare with…", "", 0, u.chooseCompare)
	closeProj := item("Close project", "", 0, func() { u.closeProject(); u.showStart() })
	recent := fyne.NewMenuItem("Open Recent", nil)
	var recentItems []*fyne.MenuItem
	for _, path := range u.recentProjects() {
		recentItems = append(recentItems, fyne.NewMenuItem(path, func() { u.openPath(path, false) }))
	}
	if len(recentItems) == 0 {
		none := fyne.NewMenuItem("None yet", nil)
		none.Disabled = true
		recentItems = append(recentItems, none)
	}
	recent.ChildMenu = fyne.NewMenu("", recentItems...)
	annotatorName := item("Annotator name…", "", 0, func() { u.chooseAnnotator(false) })
	quit := item("Quit", fyne.KeyQ, ctrl, u.Quit)
	quit.IsQuit = true
	// The driver turns Ctrl+Z into fyne.ShortcutUndo and runs the menu
	// item that carries it before anything else.
	undo := fyne.NewMenuItem("Undo", u.Undo)
	undo.Shortcut = &fyne.ShortcutUndo{}
	redo := item("Redo", fyne.KeyZ, ctrl|fyne.KeyModifierShift, u.Redo)
	del := item("Delete span", "", 0, u.DeleteSelected)
	done := item("Done, next document", fyne.KeyReturn, ctrl, u.DoneAndNext)
	reopen := item("Mark document not done", "", 0, func() { u.SetStatus(annotate.StatusInProgress) })
	entities := item("Actor entities…", "", 0, u.ShowEntities)
	find := item("Find…", fyne.KeyF, ctrl, u.Find)
	zin := item("Zoom in", fyne.KeyEqual, ctrl, func() { u.Zoom(zoomStep) })
	zout := item("Zoom out", fyne.KeyMinus, ctrl, func() { u.Zoom(1 / zoomStep) })
	zreset := item("Actual size", fyne.Key0, ctrl, func() { u.Zoom(0) })
	showDocs := item("Document list", fyne.KeyD, ctrl|fyne.KeyModifierShift, func() { u.togglePane(paneDocuments) })
	showDocs.Checked = u.panes == nil || u.panes.showLeft
	showSide := item("Side panel", fyne.KeyP, ctrl|fyne.KeyModifierShift, func() { u.togglePane(paneSide) })
	showSide.Checked = u.panes == nil || u.panes.showSide
	light := item("Light theme", "", 0, func() { u.setVariant(theme.VariantLight) })
	dark := item("Dark theme", "", 0, func() { u.setVariant(theme.VariantDark) })
	help := item("Keyboard shortcuts", fyne.KeyF1, 0, u.ShowHelp)
	roundStatus := item("Round status…", "", 0, u.ShowRound)
	u.actions.needProject = []*fyne.MenuItem{exp, compare, closeProj, zin, zout, zreset, find, roundStatus}
	u.actions.needWritable = []*fyne.MenuItem{imp, impFolder}
	u.actions.needEdit = []*fyne.MenuItem{undo, redo, del, done, reopen, entities}
	return fyne.NewMainMenu(
		fyne.NewMenu("File", newProj, open, recent, openRO, fyne.NewMenuItemSeparator(), imp, impFolder, exp, compare, fyne.NewMenuItem("Backups…", u.ShowBackups), fyne.NewMenuItemSeparator(), closeProj, quit),
		fyne.NewMenu("Edit", undo, redo, fyne.NewMenuItemSeparator(), find, del, entities, fyne.NewMenuItemSeparator(), done, reopen),
		fyne.NewMenu("Settings", fyne.NewMenuItem("Labels…", u.ShowLabels), annotatorName),
		fyne.NewMenu("View", zin, zout, zreset, fyne.NewMenuItemSeparator(), showDocs, showSide, fyne.NewMenuItemSeparator(), light, dark, fyne.NewMenuItemSeparator(), roundStatus),
		u.reviewMenu(),
		fyne.NewMenu("Help", help),
	)
}

// actionSet holds the menu items and buttons that only work in some states
// of the window, so that the others are shown disabled.
type actionSet struct {
	needProject    []*fyne.MenuItem   // an open project
	needWritable   []*fyne.MenuItem   // a project open for writing
	needEdit       []*fyne.MenuItem   // an open document of a writable project
	needComparison []*fyne.MenuItem   // a comparison under way (Review → End comparison)
	edit           []fyne.Disableable // toolbar buttons that change the document
}

// updateActions enables what can work in the window's state and disables
// the rest: without a project, or in a read-only one, nothing that edits
// is clickable.
func (u *UI) updateActions() {
	hasProject := u.project != nil
	writable := hasProject && !u.project.ReadOnly()
	editable := writable && u.CurrentDocument() != ""
	set := func(items []*fyne.MenuItem, on bool) {
		for _, it := range items {
			it.Disabled = !on
		}
	}
	set(u.actions.needProject, hasProject)
	set(u.actions.needWritable, writable)
	set(u.actions.needEdit, editable)
	set(u.actions.needComparison, hasProject && u.cmp != nil)
	for _, b := range u.actions.edit {
		if editable {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if m := u.win.MainMenu(); m != nil {
		m.Refresh()
	}
}

// Quit saves a note being edited, closes the project and ends the app.
func (u *UI) Quit() {
	u.closeProject()
	u.app.Quit()
}
