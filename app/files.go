package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// projectExt is the extension of Claimdesk project files.
const projectExt = ".claimdesk"

// chooseProject lets the user pick a project file to open.
func (u *UI) chooseProject(readOnly bool) {
	u.choosePath([]string{projectExt}, func(path string) {
		u.openPath(path, readOnly)
	})
}

// chooseNewProject asks where to create a new, empty project and opens it.
func (u *UI) chooseNewProject() {
	u.askNewProject("new-project"+projectExt, nil)
}

// chooseImportNewProject asks for articles to import, then where to create
// the project that receives them.
func (u *UI) chooseImportNewProject() {
	u.choosePath(importExtensions, func(article string) {
		name := strings.TrimSuffix(filepath.Base(article), filepath.Ext(article)) + projectExt
		u.askNewProjectFor(name, func(path string) { u.ImportNewProject(path, article) })
	})
}

// askNewProject asks for the new project's name and folder, then creates
// it and runs then (if not nil).
func (u *UI) askNewProject(name string, then func()) {
	u.askNewProjectFor(name, func(path string) { u.createProject(path, then) })
}

// askNewProjectFor asks for a new project's name and folder, then calls
// create with its path.
func (u *UI) askNewProjectFor(name string, create func(path string)) {
	t := u.newTargetForm(name)
	u.dlg.Form("New project", "Create", "Cancel", t.content, 520, func(ok bool) {
		if ok && t.path() != "" {
			create(t.path())
		}
	})
	u.win.Canvas().Focus(t.name)
}

// createProject creates the project file at path, opens it and then runs
// then (if not nil). An existing file is never overwritten.
func (u *UI) createProject(path string, then func()) {
	if filepath.Ext(path) != projectExt {
		path += projectExt
	}
	if _, err := os.Stat(path); err == nil {
		u.dlg.Error(fmt.Errorf("%s already exists: File → Open… opens it, or choose another name for the new project", path))
		return
	}
	u.openPath(path, false)
	if u.project != nil && u.project.Path() == path && then != nil {
		then()
	}
}

// chooseImport lets the user import an article or annotation file into the
// open project (one transaction: the file imports whole or not at all).
func (u *UI) chooseImport() {
	if u.canEditProject() {
		u.choosePath(importExtensions, u.ImportFile)
	}
}

// chooseImportFolder lets the user choose a folder and imports every file
// below it that a format reads into the open project, as one import,
// whole or not at all: as a folder dropped onto the window does
// (importPaths), with the same progress and messages (File → Import a
// folder…). The chooser is the platform's folder dialog, else Fyne's.
func (u *UI) chooseImportFolder() {
	if u.canEditProject() {
		u.chooseFile("Choose a folder to import", "", nil, true, func(path string) {
			u.importPaths([]string{path})
		})
	}
}

// choosePath shows a file dialog (the platform's where there is one,
// filechooser.go), starting in the folder used last, and calls fn with the
// path of the file chosen.
func (u *UI) choosePath(exts []string, fn func(path string)) {
	title, what := "Choose an article or annotation file", "Articles and annotations"
	if len(exts) == 1 && exts[0] == projectExt {
		title, what = "Open a project", "Claimdesk projects"
	}
	u.chooseFile(title, what, exts, false, fn)
}

// setProjectData shows the label set and document list again, after an
// import changed them.
func (u *UI) setProjectData() {
	if err := u.sess.Reload(); err != nil {
		u.dlg.Error(err)
		return
	}
	u.labels = u.sess.Labels()
	u.buildLabelButtons()
	u.panel.setLabels(u.labels)
	u.article.SetLabels(u.labels)
	u.docs = u.sess.Documents()
	u.docFilter.tags = nil
	u.refilter()
	u.updateProgress()
}

// canEditProject is canEdit for actions that need no open document.
func (u *UI) canEditProject() bool {
	if u.project == nil {
		return false
	}
	if u.project.ReadOnly() {
		u.dlg.Info("Read-only project", "This project is open read-only for review, so nothing can be imported into it.")
		return false
	}
	return true
}

// progressDialog shows a task's progress with a Cancel button; its
// methods are called on the UI goroutine.
type progressDialog struct {
	d    *dialog.CustomDialog
	bar  *widget.ProgressBar
	note *widget.Label
}

// showProgress shows a progress dialog whose Cancel button calls cancel.
func (u *UI) showProgress(title, what string, cancel context.CancelFunc) *progressDialog {
	p := &progressDialog{bar: widget.NewProgressBar(), note: widget.NewLabel(what)}
	p.d = dialog.NewCustomWithoutButtons(title, container.NewVBox(p.note, p.bar), u.win)
	p.d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", cancel)})
	p.d.Resize(fyne.NewSize(420, 0))
	u.dlg.Show(p.d, func() {}, cancel)
	return p
}

// set shows how far the task is, from 0 to 1.
func (p *progressDialog) set(v float64) { p.bar.SetValue(v) }

// close removes the dialog.
func (p *progressDialog) close() { p.d.Hide() }

// canceled reports whether err is the user's Cancel.
func canceled(err error) bool { return errors.Is(err, context.Canceled) }

// plural is "1 span" or "n spans".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
