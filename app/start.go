package app

import (
	"os"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// recentKey is the preference holding the recently opened projects, most
// recent first.
const recentKey = "recentProjects"

// maxRecent is how many recent projects the start page lists.
const maxRecent = 8

// startPage is what the window shows while no project is open: ways to
// open or create one, the recent projects and a short how-to. Everything
// on it works; nothing that needs a project is shown.
type startPage struct {
	u       *UI
	content fyne.CanvasObject
	recent  *fyne.Container
}

func newStartPage(u *UI) *startPage {
	p := &startPage{u: u, recent: container.NewVBox()}
	title := widget.NewLabelWithStyle("Claimdesk", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel("Annotate who claims what in news articles: actors, claims and denials.")
	intro.Wrapping = fyne.TextWrapWord
	buttons := container.NewVBox(
		widget.NewButtonWithIcon("Open project…", theme.FolderOpenIcon(), func() { u.chooseProject(false) }),
		widget.NewButtonWithIcon("New project…", theme.ContentAddIcon(), u.chooseNewProject),
		widget.NewButtonWithIcon("Import articles into a new project…", theme.UploadIcon(), u.chooseImportNewProject),
	)
	howto := widget.NewRichTextFromMarkdown(`**How it works**

1. Open or create a project: one file that holds your articles and annotations.
2. File → Import… adds articles (.txt, .md, .html, .docx) or annotations (.jsonl, .json, brat .ann).
3. Drag across words in the article, then press **1** Actor, **2** Claim or **3** Denial.
4. Every action is saved as you make it. **Ctrl+Z** undoes, **F1** lists every shortcut.
5. File → Export… writes training data (JSONL, doccano, spaCy, CoNLL, CSV, brat, …).`)
	howto.Wrapping = fyne.TextWrapWord
	col := container.NewVBox(title, intro, widget.NewSeparator(), buttons,
		widget.NewLabelWithStyle("Recent projects", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.recent,
		widget.NewSeparator(), howto)
	// scrolls rather than hold the window taller than an 800×600 screen
	p.content = container.NewVScroll(container.NewCenter(container.NewGridWrap(fyne.NewSize(560, col.MinSize().Height+200), col)))
	return p
}

// refresh lists the recent projects that still exist.
func (p *startPage) refresh() {
	p.recent.RemoveAll()
	for _, path := range p.u.recentProjects() {
		path := path
		b := widget.NewButtonWithIcon(filepath.Base(path)+"  —  "+filepath.Dir(path), theme.FileIcon(), func() { p.u.openPath(path, p.u.opts.ReadOnly) })
		b.Alignment = widget.ButtonAlignLeading
		p.recent.Add(b)
	}
	if len(p.recent.Objects) == 0 {
		p.recent.Add(widget.NewLabel("None yet."))
	}
}

// recentProjects returns the recently opened project files that still
// exist, most recent first.
func (u *UI) recentProjects() []string {
	var out []string
	for _, path := range u.app.Preferences().StringList(recentKey) {
		if _, err := os.Stat(path); err == nil {
			out = append(out, path)
		}
	}
	return out
}

// rememberRecent puts path first in the recent projects.
func (u *UI) rememberRecent(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := slices.DeleteFunc(u.app.Preferences().StringList(recentKey), func(p string) bool { return p == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	u.app.Preferences().SetStringList(recentKey, list)
	u.win.SetMainMenu(u.buildMenu()) // File → Open Recent
	u.updateActions()
}
