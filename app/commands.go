package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
)

// The zoom range of the article text, as a factor of the theme's size.
const (
	zoomMin  = 0.6
	zoomMax  = 3.0
	zoomStep = 1.15
)

func (u *UI) buildToolbar() *fyne.Container {
	return container.NewHBox()
}

// buildLabelButtons puts a button per label, then the editing actions,
// into the toolbar.
func (u *UI) buildLabelButtons() {
	var objs []fyne.CanvasObject
	for _, l := range u.labels {
		l := l
		text := l.Display
		if l.Key != "" {
			text += " (" + l.Key + ")"
		}
		b := widget.NewButtonWithIcon(text, swatch(l), func() { u.ApplyLabel(l.Name); u.focusArticle() })
		objs = append(objs, b)
	}
	objs = append(objs,
		widget.NewSeparator(),
		widget.NewButtonWithIcon("", theme.ContentUndoIcon(), u.Undo),
		widget.NewButtonWithIcon("", theme.ContentRedoIcon(), u.Redo),
		widget.NewButtonWithIcon("Done & next", theme.ConfirmIcon(), u.DoneAndNext),
		widget.NewSeparator(),
		widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { u.Zoom(1 / zoomStep) }),
		widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { u.Zoom(zoomStep) }),
		widget.NewButtonWithIcon("", theme.HelpIcon(), u.ShowHelp),
	)
	u.toolbar.Objects = objs
	u.toolbar.Refresh()
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
		return
	}
	z := u.zoom * factor
	if z < zoomMin || z > zoomMax {
		return
	}
	base := u.article.TextSize() / u.zoom
	u.zoom = z
	u.article.SetTextSize(base * z)
}

func (u *UI) buildMenu() *fyne.MainMenu {
	open := fyne.NewMenuItem("Open…", func() { u.chooseProject(false) })
	open.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	openRO := fyne.NewMenuItem("Open read-only…", func() { u.chooseProject(true) })
	imp := fyne.NewMenuItem("Import articles…", u.chooseImport)
	quit := fyne.NewMenuItem("Quit", u.Quit)
	quit.IsQuit = true
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	undo := fyne.NewMenuItem("Undo", u.Undo)
	undo.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}
	redo := fyne.NewMenuItem("Redo", u.Redo)
	redo.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	del := fyne.NewMenuItem("Delete span", u.DeleteSelected)
	done := fyne.NewMenuItem("Done, next document", u.DoneAndNext)
	done.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}
	reopen := fyne.NewMenuItem("Mark document not done", func() { u.SetStatus(annotate.StatusInProgress) })
	zin := fyne.NewMenuItem("Zoom in", func() { u.Zoom(zoomStep) })
	zin.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault}
	zout := fyne.NewMenuItem("Zoom out", func() { u.Zoom(1 / zoomStep) })
	zout.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierShortcutDefault}
	zreset := fyne.NewMenuItem("Actual size", func() { u.Zoom(0) })
	zreset.Shortcut = &desktop.CustomShortcut{KeyName: fyne.Key0, Modifier: fyne.KeyModifierShortcutDefault}
	light := fyne.NewMenuItem("Light theme", func() { u.setVariant(theme.VariantLight) })
	dark := fyne.NewMenuItem("Dark theme", func() { u.setVariant(theme.VariantDark) })
	help := fyne.NewMenuItem("Keyboard shortcuts", u.ShowHelp)
	return fyne.NewMainMenu(
		fyne.NewMenu("File", open, openRO, fyne.NewMenuItemSeparator(), imp, fyne.NewMenuItemSeparator(), quit),
		fyne.NewMenu("Edit", undo, redo, fyne.NewMenuItemSeparator(), del, fyne.NewMenuItemSeparator(), done, reopen),
		fyne.NewMenu("View", zin, zout, zreset, fyne.NewMenuItemSeparator(), light, dark),
		fyne.NewMenu("Help", help),
	)
}

// Quit saves a note being edited, closes the project and ends the app.
func (u *UI) Quit() {
	u.panel.saveNote()
	if u.project != nil {
		u.project.Close()
		u.project = nil
	}
	u.app.Quit()
}

// chooseProject lets the user pick a project file to open.
func (u *UI) chooseProject(readOnly bool) {
	u.choosePath([]string{".claimdesk"}, func(path string) {
		u.panel.saveNote()
		u.openPath(path, readOnly)
	})
}

// chooseImport lets the user import an article or annotation file into the
// open project (one transaction: the file imports whole or not at all).
func (u *UI) chooseImport() {
	if u.canEditProject() {
		u.choosePath(format.ImportExtensions(), u.ImportFile)
	}
}

// choosePath shows a file dialog, starting in the open project's folder,
// and calls fn with the path of the file chosen.
func (u *UI) choosePath(exts []string, fn func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, u.win)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		fn(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	if u.project != nil {
		if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(u.project.Path()))); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
}

// ImportFile imports one file into the open project and shows the result.
func (u *UI) ImportFile(path string) {
	if !u.canEditProject() {
		return
	}
	res, err := format.ImportFile(context.Background(), u.project, path, u.opts.Annotator, nil)
	if err != nil {
		dialog.ShowError(err, u.win)
		return
	}
	msg := fmt.Sprintf("%d new documents, %d new spans", res.Documents, res.Spans)
	if len(res.NewLabels) > 0 {
		msg += "; added labels " + strings.Join(res.NewLabels, ", ")
	}
	cur := u.doc.ID
	u.setProjectData()
	for i, d := range u.docs {
		if d.ID == cur {
			u.openDocument(i)
		}
	}
	dialog.ShowInformation("Imported "+filepath.Base(path), msg, u.win)
}

// setProjectData re-reads the label set and document list.
func (u *UI) setProjectData() {
	if labels, err := u.project.Labels(); err == nil {
		u.labels = labels
		u.buildLabelButtons()
		u.panel.setLabels(labels)
		u.article.SetLabels(labels)
	}
	if docs, err := u.project.Documents(); err == nil {
		u.docs = docs
		u.docList.Refresh()
		u.updateProgress()
	}
}

// canEditProject is canEdit for actions that need no open document.
func (u *UI) canEditProject() bool {
	if u.project == nil {
		return false
	}
	if u.project.ReadOnly() {
		dialog.ShowInformation("Read-only project", "This project is open read-only for review, so nothing can be imported into it.", u.win)
		return false
	}
	return true
}
