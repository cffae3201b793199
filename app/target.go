package app

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// targetForm chooses where a new file goes: a folder and a file name. It
// replaces Fyne's save dialog, which opens the chosen file for writing and
// so empties a file that is already there (an earlier export, or a
// project) before the program sees its path. Nothing is created or
// changed until the caller writes.
type targetForm struct {
	u       *UI
	folder  string
	folderL *widget.Label
	name    *dialogEntry
	content fyne.CanvasObject
}

// dialogEntry is a one-line field of a dialog: Enter confirms the dialog
// and Escape closes it, as they do when the field does not have the focus.
type dialogEntry struct {
	widget.Entry
	u *UI
}

func newDialogEntry(u *UI) *dialogEntry {
	e := &dialogEntry{u: u}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey hands Enter and Escape to the dialog the field is in.
func (e *dialogEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
		e.u.dlg.Key(ev.Name)
		return
	}
	e.Entry.TypedKey(ev)
}

// newTargetForm proposes name in the open project's folder (else the home
// folder).
func (u *UI) newTargetForm(name string) *targetForm {
	t := &targetForm{u: u, folderL: widget.NewLabel(""), name: newDialogEntry(u)}
	t.folderL.Truncation = fyne.TextTruncateEllipsis
	t.setFolder(u.defaultFolder())
	t.name.SetText(name)
	choose := widget.NewButtonWithIcon("Folder…", theme.FolderOpenIcon(), t.chooseFolder)
	t.content = container.NewVBox(
		widget.NewLabel("File name"), t.name,
		widget.NewLabel("In the folder"), container.NewBorder(nil, nil, nil, choose, t.folderL))
	return t
}

// defaultFolder is the open project's folder, else the home folder.
func (u *UI) defaultFolder() string {
	if u.project != nil {
		if abs, err := filepath.Abs(filepath.Dir(u.project.Path())); err == nil {
			return abs
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return "."
}

func (t *targetForm) setFolder(dir string) {
	t.folder = dir
	t.folderL.SetText(dir)
}

// chooseFolder lets the user pick the folder (the platform's dialog where
// there is one), starting in the form's folder.
func (t *targetForm) chooseFolder() {
	req := fileRequest{title: "Choose a folder", dir: t.folder, folder: true}
	t.u.fileChooser().choose(t.u, req, t.setFolder)
}

// setExt replaces the file name's ending by ext (which may have several
// dots, as ".doccano.jsonl").
func (t *targetForm) setExt(ext string, known []string) {
	name := t.name.Text
	for _, e := range known {
		if strings.HasSuffix(name, e) {
			name = strings.TrimSuffix(name, e)
			break
		}
	}
	t.name.SetText(name + ext)
}

// path is the chosen file's path, or "" when no name is given.
func (t *targetForm) path() string {
	name := strings.TrimSpace(t.name.Text)
	if name == "" {
		return ""
	}
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(t.folder, name)
}
