package app_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/app"
	"claimdesk/store"
	berrors "go.etcd.io/bbolt/errors"
)

// articlePath is the project's test article (see testdata/README.md).
const articlePath = "../testdata/article.txt"

func readArticle(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(articlePath)
	if err != nil {
		t.Fatal(err)
	}
	text, err := annotate.NormalizeText(b)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// runeRange returns the code-point offsets of the first occurrence of s.
func runeRange(t *testing.T, text, s string) (int, int) {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q is not in the text", s)
	}
	start := utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(s)
}

// openProject creates a project file holding the given texts, one
// document each, and checks its integrity when the test ends.
func openProject(t *testing.T, readOnly bool, texts ...string) *store.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.claimdesk")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var recs []annotate.Record
	for i, text := range texts {
		recs = append(recs, annotate.Record{Document: annotate.NewDocument("doc "+string(rune('A'+i)), "test", text, time.Now())})
	}
	if _, err := st.Import(recs, "tester"); err != nil {
		t.Fatal(err)
	}
	if readOnly {
		st.Close()
		if st, err = store.Open(path, store.Options{ReadOnly: true}); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil && !errors.Is(err, berrors.ErrDatabaseNotOpen) { // closed with its window
			t.Errorf("project check: %v", err)
		}
		st.Close()
	})
	return st
}

// newWindow shows the project in a test window of a realistic size.
func newWindow(t *testing.T, p app.Project) (*app.UI, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	u := app.New(a, p, app.Options{Annotator: "tester", Open: func(string, bool) (app.Project, error) { return p, nil }})
	w := u.Window()
	w.Resize(fyne.NewSize(1280, 800))
	return u, w
}

// canvasPos returns the canvas position of code point offset off in the
// article, moved right by dx and down to the middle of the line.
func canvasPos(w fyne.Window, av *app.ArticleView, off int, dx float32) fyne.Position {
	inset, _ := w.Canvas().InteractiveArea()
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(av).Add(inset)
	p := av.PositionOf(off)
	return abs.Add(p).Add(fyne.NewPos(dx, av.TextSize()*0.6))
}

// dragAcross drags with the mouse from inside the first character of
// [start, end) to inside its last character, as a user selecting words.
func dragAcross(w fyne.Window, av *app.ArticleView, start, end int) {
	from := canvasPos(w, av, start, 2)
	to := canvasPos(w, av, end-1, 2)
	test.Drag(w.Canvas(), to, to.X-from.X, to.Y-from.Y)
}

func key(w fyne.Window, name fyne.KeyName) {
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: name})
}

// shortcut presses a key with modifiers as Fyne's desktop (GLFW) driver
// delivers it (internal/driver/glfw/window.go, triggersShortcut): Ctrl+Z
// and Ctrl+Y become fyne.ShortcutUndo and fyne.ShortcutRedo (Ctrl+C, V, X,
// A the clipboard and select-all shortcuts), any other combination with a
// modifier other than Shift a desktop.CustomShortcut; a main menu item
// whose shortcut has the same name runs first, then the focused widget if
// it takes shortcuts, else the canvas's handlers.
func shortcut(w fyne.Window, name fyne.KeyName, mod fyne.KeyModifier) {
	var sc fyne.Shortcut
	if mod == fyne.KeyModifierShortcutDefault {
		switch name {
		case fyne.KeyZ:
			sc = &fyne.ShortcutUndo{}
		case fyne.KeyY:
			sc = &fyne.ShortcutRedo{}
		case fyne.KeyC:
			sc = &fyne.ShortcutCopy{Clipboard: test.NewClipboard()}
		case fyne.KeyV:
			sc = &fyne.ShortcutPaste{Clipboard: test.NewClipboard()}
		case fyne.KeyX:
			sc = &fyne.ShortcutCut{Clipboard: test.NewClipboard()}
		case fyne.KeyA:
			sc = &fyne.ShortcutSelectAll{}
		}
	}
	if sc == nil {
		if mod == 0 || mod == fyne.KeyModifierShift {
			panic("not a shortcut: the driver types it as a key")
		}
		sc = &desktop.CustomShortcut{KeyName: name, Modifier: mod}
	}
	if m := w.MainMenu(); m != nil && runMenuShortcut(m.Items, sc) {
		return
	}
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(sc)
}

// runMenuShortcut runs the first menu item whose shortcut matches sc, as
// the driver does before anything else gets the shortcut.
func runMenuShortcut(menus []*fyne.Menu, sc fyne.Shortcut) bool {
	for _, m := range menus {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
				it.Action()
				return true
			}
			if it.ChildMenu != nil && runMenuShortcut([]*fyne.Menu{it.ChildMenu}, sc) {
				return true
			}
		}
	}
	return false
}

func spansOf(t *testing.T, p app.Project, docID string) []annotate.Span {
	t.Helper()
	spans, err := p.Spans(docID)
	if err != nil {
		t.Fatal(err)
	}
	return spans
}

func TestDragWangYiPressOneStoresActor(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	start, end := runeRange(t, text, "Wang Yi")

	dragAcross(w, av, start+1, end-1) // from inside "W" to inside "Y": snaps to the words
	if s, e := av.Selection(); s != start || e != end {
		t.Fatalf("selection %d-%d, want %d-%d (Wang Yi)", s, e, start, end)
	}
	test.TypeOnCanvas(w.Canvas(), "1")

	spans := spansOf(t, p, u.CurrentDocument())
	if len(spans) != 1 {
		t.Fatalf("store holds %d spans, want 1: %+v", len(spans), spans)
	}
	s := spans[0]
	if s.Start != start || s.End != end || s.Label != annotate.LabelActor || s.Annotator != "tester" {
		t.Fatalf("stored span %+v, want ACTOR %d-%d by tester", s, start, end)
	}
	if got, _ := annotate.SliceRunes(text, s.Start, s.End); got != "Wang Yi" {
		t.Fatalf("stored span text %q", got)
	}
	doc, _ := p.Document(u.CurrentDocument())
	if doc.Status != annotate.StatusInProgress {
		t.Errorf("document status %s after the first span, want in_progress", doc.Status)
	}
}

func TestNestedClaimAndActor(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	claim := "China has offered to help Iraq defeat Sunni extremists"
	cs, ce := runeRange(t, text, claim)
	as, ae := runeRange(t, text, "China has")
	ae -= len(" has")

	dragAcross(w, av, cs, ce)
	test.TypeOnCanvas(w.Canvas(), "c") // C: claim
	av.SetSelection(0, 0)
	dragAcross(w, av, as, ae)
	test.TypeOnCanvas(w.Canvas(), "a") // A: actor

	spans := spansOf(t, p, u.CurrentDocument())
	if len(spans) != 2 {
		t.Fatalf("store holds %d spans, want 2: %+v", len(spans), spans)
	}
	if spans[0].Label != annotate.LabelClaim || spans[0].Start != cs || spans[0].End != ce {
		t.Errorf("outer span %+v, want CLAIM %d-%d", spans[0], cs, ce)
	}
	if spans[1].Label != annotate.LabelActor || spans[1].Start != as || spans[1].End != ae {
		t.Errorf("inner span %+v, want ACTOR %d-%d", spans[1], as, ae)
	}
	if got := av.SpansAt(as); len(got) != 2 {
		t.Errorf("the article shows %d spans at %d, want 2", len(got), as)
	}
}

func TestRelabelDeleteUndoRedo(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	doc := u.CurrentDocument()
	start, end := runeRange(t, text, "Ibrahim Jafari")

	dragAcross(w, av, start, end)
	test.TypeOnCanvas(w.Canvas(), "1")
	spans := spansOf(t, p, doc)
	if len(spans) != 1 || u.SelectedSpan() != spans[0].ID {
		t.Fatalf("after tagging: spans %+v, selected %q", spans, u.SelectedSpan())
	}
	id := spans[0].ID

	// 2 relabels the selected span.
	test.TypeOnCanvas(w.Canvas(), "2")
	if spans = spansOf(t, p, doc); len(spans) != 1 || spans[0].Label != annotate.LabelClaim || spans[0].ID != id {
		t.Fatalf("after relabel: %+v", spans)
	}
	// Delete removes it.
	key(w, fyne.KeyDelete)
	if spans = spansOf(t, p, doc); len(spans) != 0 {
		t.Fatalf("after delete: %+v", spans)
	}
	// Undo brings it back with its id, undo again restores the label.
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if spans = spansOf(t, p, doc); len(spans) != 1 || spans[0].ID != id || spans[0].Label != annotate.LabelClaim {
		t.Fatalf("after undo delete: %+v", spans)
	}
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if spans = spansOf(t, p, doc); len(spans) != 1 || spans[0].Label != annotate.LabelActor {
		t.Fatalf("after undo relabel: %+v", spans)
	}
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if spans = spansOf(t, p, doc); len(spans) != 0 {
		t.Fatalf("after undo add: %+v", spans)
	}
	if got := av.SpansAt(start); len(got) != 0 {
		t.Fatalf("the article still shows %d spans after undo", len(got))
	}
	// Redo twice: added, relabelled.
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	if spans = spansOf(t, p, doc); len(spans) != 1 || spans[0].ID != id || spans[0].Label != annotate.LabelClaim {
		t.Fatalf("after redo: %+v", spans)
	}
	if got := av.SpansAt(start); len(got) != 1 || got[0].Label != annotate.LabelClaim {
		t.Fatalf("the article shows %+v after redo", got)
	}
}

func TestCtrlEnterMarksDoneAndMovesOn(t *testing.T) {
	p := openProject(t, false, "First article.", "Second article.", "Third article.")
	u, w := newWindow(t, p)
	docs, _ := p.Documents()
	if u.CurrentDocument() != docs[0].ID {
		t.Fatalf("opened %s, want the first document", u.CurrentDocument())
	}
	shortcut(w, fyne.KeyReturn, fyne.KeyModifierShortcutDefault)
	if u.CurrentDocument() != docs[1].ID {
		t.Fatalf("after Ctrl+Enter the open document is %s, want the second", u.CurrentDocument())
	}
	d, _ := p.Document(docs[0].ID)
	if d.Status != annotate.StatusDone {
		t.Fatalf("first document is %s, want done", d.Status)
	}
	shortcut(w, fyne.KeyReturn, fyne.KeyModifierShortcutDefault)
	shortcut(w, fyne.KeyReturn, fyne.KeyModifierShortcutDefault)
	for _, d := range docs {
		if got, _ := p.Document(d.ID); got.Status != annotate.StatusDone {
			t.Errorf("%s is %s, want done", d.Title, got.Status)
		}
	}
}

func TestReadOnlyProjectRefusesEdits(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, true, text)
	u, w := newWindow(t, p)
	if !strings.Contains(w.Title(), "read-only") || !strings.HasPrefix(w.Title(), "Claimdesk") {
		t.Errorf("window title %q does not say read-only", w.Title())
	}
	start, end := runeRange(t, text, "Wang Yi")
	dragAcross(w, u.Article(), start, end)
	test.TypeOnCanvas(w.Canvas(), "1")
	if spans := spansOf(t, p, u.CurrentDocument()); len(spans) != 0 {
		t.Fatalf("a read-only project stored %+v", spans)
	}
	if len(w.Canvas().Overlays().List()) == 0 {
		t.Fatal("no dialog told the user the project is read-only")
	}
}

func TestWindowTitleNamesProject(t *testing.T) {
	p := openProject(t, false, "Some text.")
	_, w := newWindow(t, p)
	if want := "Claimdesk — test.claimdesk"; w.Title() != want {
		t.Fatalf("title %q, want %q", w.Title(), want)
	}
}

// failingProject refuses to store spans, as a full disk would.
type failingProject struct{ *store.Store }

func (failingProject) AddSpan(annotate.Span) error {
	return annotate.Errorf(annotate.EINTERNAL, "write error: no space left on device")
}

func TestFailedWriteShowsErrorAndWhatIsStored(t *testing.T) {
	text := readArticle(t)
	p := failingProject{openProject(t, false, text)}
	u, w := newWindow(t, p)
	start, end := runeRange(t, text, "Wang Yi")
	dragAcross(w, u.Article(), start, end)
	test.TypeOnCanvas(w.Canvas(), "1")
	if got := u.Article().SpansAt(start); len(got) != 0 {
		t.Fatalf("the article shows %d spans that were never stored", len(got))
	}
	if len(w.Canvas().Overlays().List()) == 0 {
		t.Fatal("no error dialog after a failed write")
	}
}

func TestNoteIsStoredOnShiftEnter(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	start, end := runeRange(t, text, "Mr Jafari")
	dragAcross(w, u.Article(), start, end)
	test.TypeOnCanvas(w.Canvas(), "1")

	note := findNote(w)
	if note == nil {
		t.Fatal("no note entry in the side panel")
	}
	w.Canvas().Focus(note)
	test.Type(note, "speaks for Iraq’s government")
	// Enter makes a new line in the multi-line note; Shift+Enter saves.
	note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(note, "(foreign minister)")
	if spans := spansOf(t, p, u.CurrentDocument()); spans[0].Note != "" {
		t.Fatalf("stored %q before the note was left", spans[0].Note)
	}
	note.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	note.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	spans := spansOf(t, p, u.CurrentDocument())
	if len(spans) != 1 || spans[0].Note != "speaks for Iraq’s government\n(foreign minister)" {
		t.Fatalf("stored %+v, want the note", spans)
	}
	if w.Canvas().Focused() != u.Article() {
		t.Error("after Shift+Enter the article does not have the focus back")
	}
}

func TestLockedProjectOffersReadOnly(t *testing.T) {
	text := readArticle(t)
	ro := openProject(t, true, text)
	a := test.NewTempApp(t)
	var asked []bool
	u := app.Start(a, "other.claimdesk", app.Options{AnnotatorGiven: true, Annotator: "tester", Open: func(path string, readOnly bool) (app.Project, error) {
		asked = append(asked, readOnly)
		if !readOnly {
			return nil, annotate.Errorf(annotate.ELOCKED, "project file %s is in use by another program", path)
		}
		return ro, nil
	}})
	w := u.Window()
	yes := findButton(w.Canvas().Overlays().Top(), "Open read-only")
	if yes == nil {
		t.Fatal("no dialog offering to open the project read-only")
	}
	test.Tap(yes)
	if len(asked) != 2 || asked[0] || !asked[1] {
		t.Fatalf("opens %v, want read-write then read-only", asked)
	}
	if u.Project() != app.Project(ro) || !strings.Contains(w.Title(), "read-only") {
		t.Fatalf("after choosing read-only: project %v, title %q", u.Project(), w.Title())
	}
}

// entry is what the tests use of a text field (a widget.Entry or a widget
// extending it).
type entry interface {
	fyne.Focusable
	desktop.Keyable
	Undo()
}

func findEntry(o fyne.CanvasObject) entry {
	var found entry
	walk(o, func(o fyne.CanvasObject) {
		if e, ok := o.(entry); ok && found == nil && o.Visible() {
			found = e
		}
	})
	return found
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b := asButton(o); b != nil && found == nil && b.Text == text {
			found = b
		}
	})
	return found
}

// asButton returns o as a button: a *widget.Button, or the button inside
// a widget that extends one (the toolbar's buttons with tooltips); nil
// for other objects.
func asButton(o fyne.CanvasObject) *widget.Button {
	if b, ok := o.(*widget.Button); ok {
		return b
	}
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("Button")
	if !f.IsValid() || f.Type() != reflect.TypeOf(widget.Button{}) || !f.CanAddr() {
		return nil
	}
	return (*widget.Button)(f.Addr().UnsafePointer())
}

// walk visits o and every object inside it, through containers and widget
// renderers.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return // what is hidden cannot be reached
	}
	fn(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walk(c, fn)
		}
	}
}

func TestPanelClickScrollsArticleToSpan(t *testing.T) {
	text := strings.Repeat(readArticle(t)+"\n\n", 5)
	p := openProject(t, false, text)
	docs, _ := p.Documents()
	last := strings.LastIndex(text, "Wang Yi")
	start := utf8.RuneCountInString(text[:last])
	span := annotate.NewSpan(docs[0].ID, start, start+7, annotate.LabelActor, "ana", time.Now())
	if err := p.AddSpan(span); err != nil {
		t.Fatal(err)
	}
	u, w := newWindow(t, p)
	av := u.Article()
	if y := av.PositionOf(start).Y; y < av.Size().Height {
		t.Fatalf("the span is already visible (y=%v): the test needs it below the fold", y)
	}
	var panelList *widget.List
	walk(w.Canvas().Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok && l.Length() == 4 { // Actor heading, the span, Claim, Denial
			panelList = l
		}
	})
	if panelList == nil {
		t.Fatal("no annotation list with the span in the side panel")
	}
	panelList.Select(1)
	if u.SelectedSpan() != span.ID || av.SelectedSpan() != span.ID {
		t.Fatalf("selected %q / %q, want the span %s", u.SelectedSpan(), av.SelectedSpan(), span.ID)
	}
	if y := av.PositionOf(start).Y; y < 0 || y >= av.Size().Height {
		t.Fatalf("after the click the span is at y=%v, outside the article's %v", y, av.Size().Height)
	}
}

func TestZoomShortcuts(t *testing.T) {
	p := openProject(t, false, readArticle(t))
	u, w := newWindow(t, p)
	base := u.Article().TextSize()
	shortcut(w, fyne.KeyEqual, fyne.KeyModifierShortcutDefault)
	if got := u.Article().TextSize(); got <= base {
		t.Fatalf("Ctrl+= left the text size at %v (was %v)", got, base)
	}
	shortcut(w, fyne.KeyMinus, fyne.KeyModifierShortcutDefault)
	shortcut(w, fyne.KeyMinus, fyne.KeyModifierShortcutDefault)
	if got := u.Article().TextSize(); got >= base {
		t.Fatalf("Ctrl+- twice gives %v, want below %v", got, base)
	}
	shortcut(w, fyne.Key0, fyne.KeyModifierShortcutDefault)
	if got := u.Article().TextSize(); got != base {
		t.Fatalf("Ctrl+0 gives %v, want %v", got, base)
	}
}

func TestEscapeClearsSelectionAndHelpOpens(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	start, end := runeRange(t, text, "Wang Yi")
	dragAcross(w, u.Article(), start, end)
	key(w, fyne.KeyEscape)
	if s, e := u.Article().Selection(); s != e {
		t.Fatalf("selection %d-%d after Escape", s, e)
	}
	test.TypeOnCanvas(w.Canvas(), "1")
	if spans := spansOf(t, p, u.CurrentDocument()); len(spans) != 0 {
		t.Fatalf("a label key without a selection stored %+v", spans)
	}
	key(w, fyne.KeyF1)
	if findButton(w.Canvas().Overlays().Top(), "Close") == nil {
		t.Fatal("F1 shows no help")
	}
}

// TestZoomKeepsTheSelectedSpanInView zooms in up to the largest size with
// a span near the end of the article selected: it stays on screen.
func TestZoomKeepsTheSelectedSpanInView(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	av := u.Article()
	start, end := runeRange(t, text, "Mr Jafari said")
	av.ScrollToOffset(start)
	dragAcross(w, av, start, end)
	test.TypeOnCanvas(w.Canvas(), "2")
	if u.SelectedSpan() == "" {
		t.Fatal("no span selected")
	}
	for range 8 {
		shortcut(w, fyne.KeyEqual, fyne.KeyModifierShortcutDefault)
		if y := av.PositionOf(start).Y; y < 0 || y >= av.Size().Height {
			t.Fatalf("at text size %v the selected span is at y=%v, outside the article's %v", av.TextSize(), y, av.Size().Height)
		}
	}
}

// TestWindowWorksAt800x600: the workspace fits 800×600, and the side
// panes hide (View menu, Ctrl+Shift+D and Ctrl+Shift+P) to give the
// article the room.
func TestWindowWorksAt800x600(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	w.Resize(fyne.NewSize(800, 600))
	if m := w.Content().MinSize(); m.Width > 800 || m.Height > 600 {
		t.Fatalf("the workspace needs %v, more than 800×600", m)
	}
	av := u.Article()
	before := av.Size().Width
	shortcut(w, fyne.KeyD, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	shortcut(w, fyne.KeyP, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	if docs, side := u.PanesShown(); docs || side {
		t.Fatalf("after Ctrl+Shift+D and Ctrl+Shift+P the panes shown are %v, %v", docs, side)
	}
	if got := av.Size().Width; got <= before {
		t.Fatalf("hiding the panes left the article %v wide (was %v)", got, before)
	}
	// the article still works, and the keyboard is still on it
	start, end := runeRange(t, text, "Wang Yi")
	dragAcross(w, av, start, end)
	test.TypeOnCanvas(w.Canvas(), "1")
	if spans := spansOf(t, p, u.CurrentDocument()); len(spans) != 1 {
		t.Fatalf("tagging with the panes hidden stored %d spans", len(spans))
	}
	shortcut(w, fyne.KeyD, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	if docs, _ := u.PanesShown(); !docs {
		t.Fatal("Ctrl+Shift+D did not show the document list again")
	}
}

// findNote returns the side panel's note field.
func findNote(w fyne.Window) entry {
	var found entry
	walk(w.Canvas().Content(), func(o fyne.CanvasObject) {
		if e, ok := o.(entry); ok && found == nil {
			if v := reflect.ValueOf(o).Elem().FieldByName("Entry"); v.IsValid() && strings.HasPrefix(v.FieldByName("PlaceHolder").String(), "Note") {
				found = e
			}
		}
	})
	return found
}

// findPlaceholder reports whether o is an entry showing placeholder ph.
func findPlaceholder(o fyne.CanvasObject, ph string) bool {
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return false
	}
	f := v.Elem().FieldByName("PlaceHolder")
	return f.IsValid() && f.Kind() == reflect.String && f.String() == ph
}
