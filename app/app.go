// Package app is Claimdesk's GUI: the annotation window, built with Fyne.
// It receives a fyne.App from main, so its tests run on Fyne's headless test
// driver. It knows projects only through the Project interface: the store
// is wired in by main.
package app

import (
	"fmt"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/annotate/session"
	"claimdesk/assets"
)

// icon is the window's icon.
var icon = fyne.NewStaticResource("claimdesk.png", assets.Icon)

// Project is an open project file as the window uses it.
type Project interface {
	annotate.Project
	// Import adds records to the project in one transaction.
	Import(records []annotate.Record, annotator string) (annotate.ImportResult, error)
	// ForEachRecord calls fn with every document and its annotations, in
	// import order, in one read transaction (File → Export…).
	ForEachRecord(fn func(annotate.Record) error) error
	// Stats counts the project's documents and spans.
	Stats() (annotate.Stats, error)
	// Close releases the file.
	Close() error
}

// Publisher is a project made by Options.CreateNew: Publish makes it
// appear at its path.
type Publisher interface {
	Publish() error
}

// Opener opens the project file at path, read-only for review.
type Opener func(path string, readOnly bool) (Project, error)

// Options configure the window.
type Options struct {
	// Annotator is recorded on the spans the user makes: the default
	// (the OS user's name) unless AnnotatorGiven.
	Annotator string
	// AnnotatorGiven says that Annotator was given explicitly (-annotator
	// or $CLAIMDESK_ANNOTATOR) and takes precedence over the name chosen
	// in the window; otherwise the window asks for a name on its first
	// start and remembers it.
	AnnotatorGiven bool
	// ReadOnly opens projects for review only.
	ReadOnly bool
	// Open opens project files (File → Open…, and Start).
	Open Opener
	// CreateNew makes the project of an import into a new project (the
	// start page's): one that appears at path only once something was
	// imported into it (the window then calls its Publish, see
	// Publisher), so that an import that fails or is killed leaves no
	// project behind. nil makes it with Open.
	CreateNew func(path string) (Project, error)
	// OpenSource reads a colleague's project file or export for review
	// (File → Compare with…); nil leaves review out.
	OpenSource SourceOpener
	// Compare lists colleagues' files to review beside the first project
	// the window opens.
	Compare []string
	// Backups list and restore a project's backups (File → Backups…).
	Backups Backups
	// NativeFileDialog shows the platform's file dialog where there is one
	// (filechooser.go), else Fyne's; tests leave it false.
	NativeFileDialog bool
}

// Start opens the project at path and shows its window. When the file is
// held by another program, the window offers to open it read-only; other
// errors are shown in the window, over the start page. An empty path shows
// the start page.
func Start(a fyne.App, path string, opts Options) *UI {
	u := newUI(a, opts)
	u.win.Show()
	if path != "" {
		u.openPath(path, opts.ReadOnly)
	}
	if len(opts.Compare) > 0 && u.project != nil {
		u.Compare(opts.Compare...)
	}
	u.askAnnotatorOnce()
	return u
}

// New shows a window on an already open project.
func New(a fyne.App, p Project, opts Options) *UI {
	u := newUI(a, opts)
	u.setProject(p)
	u.win.Show()
	return u
}

// UI is Claimdesk's main window and its state.
type UI struct {
	app  fyne.App
	win  fyne.Window
	opts Options

	project   Project
	sess      *session.Session // the editing session on project; nil without one
	cmp       *comparison      // the review of colleagues' files; nil without one
	labels    annotate.LabelSet
	docs      []annotate.DocumentInfo // the session's document list
	docFilter *docFilterBar           // the document list's filter (files.go resets its tags; see refilter)

	article *ArticleView
	docList *DocumentList // the left pane (doclist.go)
	side    *SidePanel    // the side panel: the span, the review, the search results
	banner  *widget.Label
	panel   *SpanPanel // the Span tab (panel.go)
	toolbar *Toolbar
	centre  *fyne.Container
	status  *widget.Label
	zoom    float32
	tips    *tipLayer // the tooltip drawn over the workspace
	panes   *panes    // the document list, the article and the side panel
	search  *searchBar

	work    *fyne.Container // the annotation workspace: the panes, and the tooltip layer over them
	start   *startPage      // shown while no project is open
	dlg     *modals         // the dialogs and the stack of those open (dialogs.go)
	sugg    suggestionState // the suggestions shown (suggestions.go)
	actions actionSet       // menu items and buttons enabled by state
	tasks   sync.WaitGroup  // imports and exports running in the background

	exportFilter format.Filter // what File → Export… leaves out (only done documents)

	files       fileChooser     // the file dialog (filechooser.go)
	keyBindings []fyne.Shortcut // the shortcuts registered on the canvas (installShortcuts)
}

func newUI(a fyne.App, opts Options) *UI {
	u := &UI{app: a, opts: opts}
	u.win = a.NewWindow("Claimdesk")
	u.win.SetIcon(icon)
	u.win.Resize(fyne.NewSize(1280, 800))
	u.dlg = newModals(u.win)
	u.dlg.OnAllClosed = func() {
		u.focusArticle()
		// the desktop driver may move the focus once the dialog is gone
		// (a main menu gives it back where it took it from): again, after
		// the events in hand
		fyne.Do(u.focusArticle)
	}
	u.build()
	u.restorePrefs()
	u.win.SetOnClosed(u.closeProject)
	u.win.SetOnDropped(u.Drop) // files and folders dropped import (drop.go)
	return u
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// Article returns the article widget.
func (u *UI) Article() *ArticleView { return u.article }

// Project returns the open project, or nil.
func (u *UI) Project() Project { return u.project }

// CurrentDocument returns the id of the open document, or "".
func (u *UI) CurrentDocument() string {
	if u.sess == nil {
		return ""
	}
	return u.sess.Document().ID
}

// SelectedSpan returns the id of the selected span, or "".
func (u *UI) SelectedSpan() string {
	if u.sess == nil {
		return ""
	}
	return u.sess.SelectedSpan()
}

// Session returns the editing session of the open project, or nil.
func (u *UI) Session() *session.Session { return u.sess }

func (u *UI) build() {
	// The parts, wired together in wire.go.
	u.article = NewArticleView()
	u.docList = NewDocumentList()
	left := u.docList.Content()

	u.panel = NewSpanPanel()
	u.banner = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	u.banner.Hide()
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.tips = newTipLayer()
	u.toolbar = u.buildToolbar()
	u.logLayout()

	// the toolbar gives way rather than hold the window wide (toolbar.go)
	u.search = newSearchBar(u)
	u.centre = container.NewBorder(container.NewVBox(u.banner, u.toolbar, u.search.box), u.status, nil, nil, u.article)
	u.side = NewSidePanel(container.NewTabItem("Span", u.panel.Content()))
	u.panes = newPanes(left, u.centre, u.side)
	u.work = container.NewStack(u.panes.layout(), u.tips.box)
	u.wire()

	u.start = newStartPage(u)
	u.win.SetMainMenu(u.buildMenu())
	u.buildLabelButtons()
	u.showStart()
	u.installShortcuts()
}

// showStart shows the start page: no project is open.
func (u *UI) showStart() {
	u.start.refresh()
	u.win.SetContent(u.start.content)
	u.win.SetTitle("Claimdesk")
	u.updateActions()
}

// closeProject saves a note being typed and releases the open project.
func (u *UI) closeProject() {
	if u.project == nil {
		return
	}
	u.panel.saveNote()
	u.endComparison()
	u.saveWindowPrefs()
	u.project.Close()
	u.project, u.sess = nil, nil
	u.docs = nil
	u.docList.Clear()
}

// openPath opens a project file, offering a read-only open when another
// program holds it.
func (u *UI) openPath(path string, readOnly bool) {
	p, err := u.opts.Open(path, readOnly)
	if err == nil {
		u.setProject(p)
		return
	}
	if annotate.ErrorCode(err) == annotate.ELOCKED && !readOnly {
		u.dlg.Confirm("Project in use",
			fmt.Sprintf("%s is open in another program (another Claimdesk?).\n\nOpen it read-only, to read and review without changing it?", filepath.Base(path)),
			"Open read-only",
			func(ok bool) {
				if ok {
					u.openPath(path, true)
				}
			})
		return
	}
	u.showOpenError(path, readOnly, err)
}

// setProject shows p in the window, closing the project shown before.
func (u *UI) setProject(p Project) {
	sess, err := session.New(p, u.sessionAnnotator(p), now)
	if err != nil {
		p.Close()
		u.dlg.Error(err)
		return
	}
	u.closeProject()
	u.project, u.sess = p, sess
	u.endComparison()
	u.win.SetContent(u.work)
	u.rememberRecent(p.Path())
	labels := sess.Labels()
	u.labels = labels
	u.buildLabelButtons()
	u.panel.setLabels(labels)
	docs := sess.Documents()
	u.docs = docs
	u.docList.SetLabels(labels)
	u.docList.SetDocuments(docs)

	title := projectTitle(p, filepath.Base(p.Path()))
	if p.ReadOnly() {
		title += " (read-only)"
		u.banner.SetText("Read-only: reviewing " + filepath.Base(p.Path()) + "; nothing here can be changed.")
		u.banner.Show()
	} else {
		u.banner.Hide()
	}
	u.centre.Refresh() // the toolbar and banner changed size
	u.win.SetTitle(annotate.ControlPictures(title))
	u.updateActions()
	if len(docs) == 0 {
		u.article.SetDocument("", nil, labels)
		u.panel.refresh()
		u.setStatus("This project has no documents yet: File → Import… adds articles.")
		return
	}
	if id, top := u.lastDocument(p.Path()); id != "" && sess.DocumentIndex(id) >= 0 {
		u.openDocument(id)
		u.article.ScrollToTop(top)
		return
	}
	first, ok := sess.NextNotDone()
	if !ok {
		first = docs[0].ID
	}
	u.openDocument(first)
}

// openDocument shows the document id.
func (u *UI) openDocument(id string) {
	if u.sess == nil || !u.panel.saveNote() {
		return
	}
	if err := u.sess.Open(id); err != nil {
		u.dlg.Error(err)
		return
	}
	doc := u.sess.Document()
	u.rememberDocument()
	u.article.SetDocument(doc.Text, u.sess.Spans(), u.labels)
	u.article.SetRelations(u.sess.Relations())
	if u.cmp != nil {
		u.cmp.cur = -1
		u.cmp.show()
	}
	u.docList.SetCurrent(id)
	u.panel.refresh()
	u.focusArticle()
	u.updateActions()
	u.search.update()
	u.suggestionsDocumentOpened()
	if u.project.ReadOnly() {
		u.setStatus(fmt.Sprintf("%s — read-only: click a span to see it (F1: all shortcuts)", doc.Title))
		return
	}
	u.setStatus(fmt.Sprintf("%s — drag across words, then press %s (F1: all shortcuts)", doc.Title, u.labelKeysHint()))
}

// focusArticle gives the article the keyboard focus, when it is shown.
func (u *UI) focusArticle() {
	if c := u.win.Canvas(); c != nil && u.project != nil && c.Content() == u.work {
		c.Focus(u.article)
	}
}

func (u *UI) setStatus(s string) { u.status.SetText(visibleLines(s)) }
