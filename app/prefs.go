package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// What the window remembers between runs, in Fyne's preferences (stored
// under ~/.config/fyne/<app ID>/ by the desktop driver): the annotator's
// name, the theme, the zoom, the window's size, the last project and, per
// project, the last document and where it was scrolled to.
const (
	prefAnnotator     = "annotator"
	prefTheme         = "theme" // "light", "dark" or "" (the system's)
	prefZoom          = "zoom"
	prefWidth         = "windowWidth"
	prefHeight        = "windowHeight"
	prefLastProject   = "lastProject"
	prefLastDoc       = "lastDocument:" // + project path: the document's id
	prefLastOffset    = "lastOffset:"   // + project path: the offset at the top of the view
	prefHideDocuments = "hideDocumentList"
	prefHideSide      = "hideSidePanel"
	prefMinWidth      = float32(800) // the smallest window remembered
	prefMinHeight     = float32(600)
)

// restorePrefs applies the remembered theme, zoom and window size.
func (u *UI) restorePrefs() {
	p := u.app.Preferences()
	switch p.String(prefTheme) {
	case "light":
		u.setVariant(theme.VariantLight)
	case "dark":
		u.setVariant(theme.VariantDark)
	}
	if w, h := float32(p.Float(prefWidth)), float32(p.Float(prefHeight)); w >= prefMinWidth && h >= prefMinHeight {
		u.win.Resize(fyne.NewSize(w, h))
	}
	if p.Bool(prefHideDocuments) || p.Bool(prefHideSide) {
		u.panes.showLeft, u.panes.showSide = !p.Bool(prefHideDocuments), !p.Bool(prefHideSide)
		u.work.Objects[0] = u.panes.layout()
		u.win.SetMainMenu(u.buildMenu())
	}
	if z := float32(p.Float(prefZoom)); z >= zoomMin && z <= zoomMax && z != 1 {
		u.zoom = 1
		u.Zoom(z)
	}
}

// saveWindowPrefs remembers the window's size and, for the open project,
// the document and the place in it.
func (u *UI) saveWindowPrefs() {
	p := u.app.Preferences()
	if s := u.win.Canvas().Size(); s.Width >= prefMinWidth && s.Height >= prefMinHeight {
		p.SetFloat(prefWidth, float64(s.Width))
		p.SetFloat(prefHeight, float64(s.Height))
	}
	u.saveDocPrefs()
}

// rememberDocument remembers the open document of the open project as
// soon as it opens, not only when the window closes: Fyne writes its
// preferences file a moment after a change, and the writes made while the
// window quits were sometimes lost (the next start then opened the first
// document). The place in it is remembered when the window closes.
func (u *UI) rememberDocument() {
	if u.project == nil || u.CurrentDocument() == "" {
		return
	}
	p := u.app.Preferences()
	path := absPath(u.project.Path())
	p.SetString(prefLastProject, path)
	p.SetString(prefLastDoc+path, u.CurrentDocument())
}

// saveDocPrefs remembers the open document of the open project and the
// offset at the top of its view.
func (u *UI) saveDocPrefs() {
	if u.project == nil || u.CurrentDocument() == "" {
		return
	}
	p := u.app.Preferences()
	path := absPath(u.project.Path())
	p.SetString(prefLastProject, path)
	p.SetString(prefLastDoc+path, u.CurrentDocument())
	p.SetInt(prefLastOffset+path, u.article.TopOffset())
}

// lastDocument returns the document the project at path showed when it
// was last closed, and the offset at the top of its view.
func (u *UI) lastDocument(path string) (id string, offset int) {
	p := u.app.Preferences()
	path = absPath(path)
	return p.String(prefLastDoc + path), p.Int(prefLastOffset + path)
}

// absPath returns path made absolute, or as it is if that fails.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// LastProject returns the project the window showed last, or "".
func LastProject(a fyne.App) string { return a.Preferences().String(prefLastProject) }

// annotatorName returns the name to record on new spans: the one given on
// the command line or in $CLAIMDESK_ANNOTATOR, else the one chosen in the
// window before, else the default (the OS user's name).
func (u *UI) annotatorName() string {
	if u.opts.AnnotatorGiven {
		return u.opts.Annotator
	}
	if n := strings.TrimSpace(u.app.Preferences().String(prefAnnotator)); n != "" {
		return n
	}
	if u.opts.Annotator != "" {
		return u.opts.Annotator
	}
	return "unknown"
}

// askAnnotatorOnce asks for the annotator's name on the first start,
// unless it was given: it is recorded on every span the user makes.
func (u *UI) askAnnotatorOnce() {
	if u.opts.AnnotatorGiven || u.app.Preferences().String(prefAnnotator) != "" {
		return
	}
	u.chooseAnnotator(true)
}

// chooseAnnotator lets the user set the name recorded on new spans
// (Settings → Annotator name…); first says that this is the first start.
func (u *UI) chooseAnnotator(first bool) {
	entry := newDialogEntry(u)
	entry.SetText(u.annotatorName())
	msg := "The name recorded on the spans you make from now on (spans already made keep theirs)."
	if first {
		msg = "Welcome to Claimdesk. Every span you make records who made it, so that colleagues can compare their work.\nYour name (you can change it later under Settings → Annotator name…):"
	}
	hint := widget.NewLabel(msg)
	hint.Wrapping = fyne.TextWrapWord
	form := container.NewBorder(hint, nil, widget.NewLabel("Name"), nil, entry)
	u.dlg.Form("Annotator name", "Save", "Cancel", form, 520, func(ok bool) {
		name := strings.TrimSpace(entry.Text)
		if !ok || name == "" {
			if first {
				// asked once: the default stays until changed
				u.app.Preferences().SetString(prefAnnotator, u.annotatorName())
			}
			return
		}
		if err := u.checkReviewerName(name); err != nil {
			u.dlg.Error(err)
			return
		}
		u.app.Preferences().SetString(prefAnnotator, name)
		if u.opts.AnnotatorGiven && name != u.opts.Annotator {
			u.dlg.Info("Annotator name", "Saved for the next start; this window records "+u.opts.Annotator+", given on the command line or in $CLAIMDESK_ANNOTATOR.")
			return
		}
		if u.sess != nil {
			if err := u.sess.SetAnnotator(name); err != nil {
				u.dlg.Error(err)
				return
			}
		}
		u.setStatus("New spans record " + name + " as their annotator")
	})
	u.win.Canvas().Focus(entry)
}
