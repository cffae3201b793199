package app_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/app"
	"claimdesk/store"
)

// typeKey presses a key without modifiers as the desktop driver delivers
// it: to the focused widget, else to the canvas's key handler.
func typeKey(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := w.Canvas().OnTypedKey(); h != nil {
		h(ev)
	}
}

// tagText drags across s in the article and presses key.
func tagText(t *testing.T, u *app.UI, w fyne.Window, text, s, key string) annotate.Span {
	t.Helper()
	start, end := runeRange(t, text, s)
	dragAcross(w, u.Article(), start, end)
	test.TypeOnCanvas(w.Canvas(), key)
	sp, ok := u.Session().Span(u.SelectedSpan())
	if !ok || sp.Start != start || sp.End != end {
		t.Fatalf("tagging %q with %s: selected span %+v", s, key, sp)
	}
	return sp
}

func storedSpan(t *testing.T, p app.Project, docID, id string) annotate.Span {
	t.Helper()
	for _, s := range spansOf(t, p, docID) {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("span %s is not stored", id)
	return annotate.Span{}
}

// findSelect returns the first visible drop-down list: a widget.Select,
// or a widget of the app that embeds one.
func findSelect(o fyne.CanvasObject) *widget.Select {
	var found *widget.Select
	walk(o, func(o fyne.CanvasObject) {
		s, ok := o.(*widget.Select)
		if v := reflect.ValueOf(o); !ok && v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
			if f := v.Elem().FieldByName("Select"); f.IsValid() && f.Type() == reflect.TypeFor[widget.Select]() {
				s, ok = f.Addr().Interface().(*widget.Select), true
			}
		}
		if ok && found == nil && s.Visible() {
			found = s
		}
	})
	return found
}

func findLabelWith(o fyne.CanvasObject, sub string) *widget.Label {
	var found *widget.Label
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && found == nil && strings.Contains(l.Text, sub) {
			found = l
		}
	})
	return found
}

func menuItem(w fyne.Window, label string) *fyne.MenuItem {
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	return nil
}

// TestUndoRedoKeysAsTheDriverSendsThem presses Ctrl+Z, Ctrl+Y and
// Ctrl+Shift+Z as the real driver delivers them (fyne.ShortcutUndo and
// fyne.ShortcutRedo through the Edit menu), with the focus in the article
// and in the side panel's list; in the note field they edit the typing.
func TestUndoRedoKeysAsTheDriverSendsThem(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	ctrl := fyne.KeyModifierShortcutDefault
	tagText(t, u, w, text, "Wang Yi", "1")

	shortcut(w, fyne.KeyZ, ctrl)
	if n := len(spansOf(t, p, doc)); n != 0 {
		t.Fatalf("Ctrl+Z: %d spans stored, want 0", n)
	}
	shortcut(w, fyne.KeyY, ctrl)
	if n := len(spansOf(t, p, doc)); n != 1 {
		t.Fatalf("Ctrl+Y: %d spans stored, want 1", n)
	}
	// Focus in the side panel's annotation list: the keys still work.
	list := findList(w.Canvas().Content(), 1)
	w.Canvas().Focus(list)
	shortcut(w, fyne.KeyZ, ctrl)
	if n := len(spansOf(t, p, doc)); n != 0 {
		t.Fatalf("Ctrl+Z with the focus in the panel: %d spans stored, want 0", n)
	}
	shortcut(w, fyne.KeyZ, ctrl|fyne.KeyModifierShift)
	if n := len(spansOf(t, p, doc)); n != 1 {
		t.Fatalf("Ctrl+Shift+Z with the focus in the panel: %d spans stored, want 1", n)
	}
	// In the note field, Ctrl+Z undoes the typing, not the span.
	u.Session().SelectSpan(spansOf(t, p, doc)[0].ID)
	note := findNote(w)
	w.Canvas().Focus(note)
	test.Type(note, "typo")
	shortcut(w, fyne.KeyZ, ctrl)
	if n := len(spansOf(t, p, doc)); n != 1 {
		t.Fatalf("Ctrl+Z in the note field changed the spans: %d stored", n)
	}
	if txt := noteText(note); txt != "" {
		t.Errorf("Ctrl+Z in the note field left %q", txt)
	}
}

// noteText returns the text of an entry (a widget.Entry or a widget
// embedding one).
func noteText(e entry) string {
	return reflect.ValueOf(e).Elem().FieldByName("Text").String()
}

// findList returns the n-th visible widget.List (0: the documents, 1: the
// side panel's annotations).
func findList(o fyne.CanvasObject, n int) *widget.List {
	var lists []*widget.List
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok && l.Visible() {
			lists = append(lists, l)
		}
	})
	if n >= len(lists) {
		return nil
	}
	return lists[n]
}

// TestNoteSurvivesRelabelUndoAndClose types a note and checks that
// nothing typed is lost: relabelling stores it first, undo leaves it in the
// field, and closing the window stores it.
func TestNoteSurvivesRelabelUndoAndClose(t *testing.T) {
	text := readArticle(t)
	path := filepath.Join(t.TempDir(), "notes.claimdesk")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import([]annotate.Record{{Document: annotate.NewDocument("doc", "test", text, time.Now())}}, "tester"); err != nil {
		t.Fatal(err)
	}
	u, w := newWindow(t, st)
	doc := u.CurrentDocument()
	sp := tagText(t, u, w, text, "Ibrahim Jafari", "1")
	note := findNote(w)
	w.Canvas().Focus(note)
	test.Type(note, "Iraq’s foreign minister")

	// The side panel's label drop-down relabels; the typed note is
	// stored first and stays in the field.
	sel := findSelect(w.Canvas().Content())
	sel.SetSelected("Claim")
	got := storedSpan(t, st, doc, sp.ID)
	if got.Label != annotate.LabelClaim || got.Note != "Iraq’s foreign minister" {
		t.Fatalf("after relabelling with the drop-down: %+v", got)
	}
	if w.Canvas().Focused() != u.Article() {
		t.Error("after the drop-down the article does not have the focus: the label keys would not work")
	}
	// The label keys work again at once.
	test.TypeOnCanvas(w.Canvas(), "3")
	if got := storedSpan(t, st, doc, sp.ID); got.Label != annotate.LabelDenial || got.Note != "Iraq’s foreign minister" {
		t.Fatalf("3 after the drop-down: %+v", got)
	}

	// Leaving the field stores the note.
	w.Canvas().Focus(note)
	test.Type(note, " (FT)")
	w.Canvas().Unfocus()
	if got := storedSpan(t, st, doc, sp.ID); got.Note != "Iraq’s foreign minister (FT)" {
		t.Fatalf("leaving the note field stored %q", got.Note)
	}
	// A toolbar label button while typing: the note is stored first, and
	// the field keeps it.
	w.Canvas().Focus(note)
	test.Type(note, " typed")
	test.Tap(findButton(w.Canvas().Content(), "Claim (2)"))
	if got := storedSpan(t, st, doc, sp.ID); got.Label != annotate.LabelClaim || got.Note != "Iraq’s foreign minister (FT) typed" {
		t.Fatalf("toolbar relabel while typing: stored %+v", got)
	}
	if txt := noteText(note); txt != "Iraq’s foreign minister (FT) typed" {
		t.Fatalf("the toolbar relabel overwrote the note field: %q", txt)
	}
	// Undo (the toolbar button keeps the focus where it is, as the desktop
	// driver does) reverts the relabel, and the field still shows the note.
	test.Tap(findButtonIcon(t, w, "undo"))
	if got := storedSpan(t, st, doc, sp.ID); got.Label != annotate.LabelDenial || got.Note != "Iraq’s foreign minister (FT) typed" {
		t.Fatalf("undo of the relabel: stored %+v", got)
	}
	if txt := noteText(note); txt != "Iraq’s foreign minister (FT) typed" {
		t.Fatalf("undo overwrote the note field: %q", txt)
	}
	// Typing, then undo while in the field: the typing is undone, not a
	// stored change.
	w.Canvas().Focus(note)
	test.Type(note, "!")
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if got := storedSpan(t, st, doc, sp.ID); got.Label != annotate.LabelDenial {
		t.Fatalf("Ctrl+Z in the note field undid a stored change: %+v", got)
	}
	test.Type(note, " typed")

	// Closing the window stores what is typed.
	w.Close()
	st2, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if err := st2.Check(); err != nil {
		t.Fatal(err)
	}
	if got := storedSpan(t, st2, doc, sp.ID); got.Note != "Iraq’s foreign minister (FT) typed typed" {
		t.Fatalf("after closing the window the note is %q", got.Note)
	}
}

// findButtonIcon returns the toolbar button whose icon is named like name.
func findButtonIcon(t *testing.T, w fyne.Window, name string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(w.Canvas().Content(), func(o fyne.CanvasObject) {
		if b := asButton(o); b != nil && found == nil && b.Icon != nil && strings.Contains(b.Icon.Name(), name) {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button with a %s icon", name)
	}
	return found
}

// noteFailingProject cannot store span changes, as a full disk would.
type noteFailingProject struct{ *store.Store }

func (noteFailingProject) UpdateSpan(annotate.Span) error {
	return errors.New("write project: no space left on device")
}

// TestFailedNoteSaveKeepsTheText: when the note cannot be stored, the
// error is shown and the typed text stays in the field, with its span
// still selected.
func TestFailedNoteSaveKeepsTheText(t *testing.T) {
	text := readArticle(t)
	p := noteFailingProject{openProject(t, false, text)}
	u, w := newWindow(t, p)
	sp := tagText(t, u, w, text, "Ibrahim Jafari", "1")
	other := tagText(t, u, w, text, "Wang Yi", "1")
	u.Session().SelectSpan(sp.ID)
	u.Article().OnSpanSelected(sp.ID)
	note := findNote(w)
	w.Canvas().Focus(note)
	test.Type(note, "keep me")
	u.Article().OnSpanSelected(other.ID) // a click on another span
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no error shown for the failed save")
	}
	if u.SelectedSpan() != sp.ID {
		t.Errorf("the selection moved away from the span whose note could not be stored")
	}
	if txt := noteText(note); txt != "keep me" {
		t.Fatalf("the note field holds %q after the failed save, want the typed text", txt)
	}
}

// TestSpanTextWithLineBreakOnOneLine: the side panel shows a span across
// a line break on one line, with the break drawn as a symbol.
func TestSpanTextWithLineBreakOnOneLine(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	start, end := runeRange(t, text, "Chinese\ncounterpart")
	u.AddSpan(start, end, annotate.LabelActor)
	l := findLabelWith(w.Canvas().Content(), "counterpart")
	if l == nil {
		t.Fatal("the side panel does not show the span's text")
	}
	if strings.Contains(l.Text, "\n") || !strings.Contains(l.Text, "Chinese↵ counterpart") {
		t.Errorf("side panel text %q: want one line with ↵ for the break", l.Text)
	}
	if l.Truncation != fyne.TextTruncateEllipsis || l.Wrapping != fyne.TextWrapOff {
		t.Errorf("side panel text is not one ellipsised line (truncation %v, wrapping %v)", l.Truncation, l.Wrapping)
	}
}

// TestStartPageWhenTheFileIsNotAProject: a file that cannot be opened
// leaves the start page, where everything shown works and nothing that
// needs a project is enabled.
func TestStartPageWhenTheFileIsNotAProject(t *testing.T) {
	a := test.NewTempApp(t)
	bad := errors.New("not a Claimdesk project file: bad/fake.claimdesk (the file is of another kind)")
	u := app.Start(a, "bad/fake.claimdesk", app.Options{Annotator: "tester", AnnotatorGiven: true, Open: func(string, bool) (app.Project, error) {
		return nil, annotate.Errorf(annotate.EINVALID, "%s", bad.Error())
	}})
	w := u.Window()
	top := w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, "bad/fake.claimdesk") == nil {
		t.Fatal("no error naming the file")
	}
	if findLabelWith(top, "Bad/fake") != nil {
		t.Error("the error capitalises the path")
	}
	typeKey(w, fyne.KeyReturn)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter did not close the error")
	}
	for _, b := range []string{"Open project…", "New project…", "Import articles into a new project…"} {
		if findButton(w.Canvas().Content(), b) == nil {
			t.Errorf("the start page has no %q", b)
		}
	}
	if findButton(w.Canvas().Content(), "Delete span") != nil || findSelect(w.Canvas().Content()) != nil {
		t.Error("the start page shows span controls")
	}
	for _, label := range []string{"Export…", "Import…", "Undo", "Redo", "Delete span", "Done, next document", "Close project"} {
		if it := menuItem(w, label); it == nil || !it.Disabled {
			t.Errorf("menu item %q is enabled without a project", label)
		}
	}
	for _, label := range []string{"Open…", "New project…", "Quit", "Keyboard shortcuts"} {
		if it := menuItem(w, label); it == nil || it.Disabled {
			t.Errorf("menu item %q is not available on the start page", label)
		}
	}
	// Label keys and Delete do nothing and fail nothing.
	test.TypeOnCanvas(w.Canvas(), "1")
	typeKey(w, fyne.KeyDelete)
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
}

// TestReadOnlyShowsEditingDisabled: in a read-only project the label
// buttons, Undo, Redo and Done are disabled and the status line does not
// invite tagging.
func TestReadOnlyShowsEditingDisabled(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, true, text)
	u, w := newWindow(t, p)
	for _, b := range []string{"Actor (1)", "Claim (2)", "Denial (3)", "Done & next"} {
		btn := findButton(w.Canvas().Content(), b)
		if btn == nil || !btn.Disabled() {
			t.Errorf("button %q is not disabled in a read-only project", b)
		}
	}
	for _, icon := range []string{"undo", "redo"} {
		if !findButtonIcon(t, w, icon).Disabled() {
			t.Errorf("the %s button is not disabled in a read-only project", icon)
		}
	}
	for _, label := range []string{"Undo", "Redo", "Delete span", "Done, next document", "Import…"} {
		if it := menuItem(w, label); it == nil || !it.Disabled {
			t.Errorf("menu item %q is enabled in a read-only project", label)
		}
	}
	if it := menuItem(w, "Export…"); it == nil || it.Disabled {
		t.Error("Export… is not available in a read-only project")
	}
	if l := findLabelWith(w.Canvas().Content(), "press 1"); l != nil {
		t.Errorf("the status line invites tagging: %q", l.Text)
	}
	_ = u
}

// TestDialogsAnswerEnterAndEscape: the help closes with Escape or Enter,
// and label keys typed while it is open tag nothing.
func TestDialogsAnswerEnterAndEscape(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	start, end := runeRange(t, text, "Wang Yi")
	dragAcross(w, u.Article(), start, end)
	for _, close := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		typeKey(w, fyne.KeyF1)
		if w.Canvas().Overlays().Top() == nil {
			t.Fatal("F1 shows no help")
		}
		test.TypeOnCanvas(w.Canvas(), "1")
		if n := len(spansOf(t, p, u.CurrentDocument())); n != 0 {
			t.Fatalf("a label key typed over the help tagged %d spans", n)
		}
		typeKey(w, close)
		if w.Canvas().Overlays().Top() != nil {
			t.Fatalf("%s does not close the help", close)
		}
	}
	// The selection is still there after the help closed: 1 tags it.
	test.TypeOnCanvas(w.Canvas(), "1")
	if n := len(spansOf(t, p, u.CurrentDocument())); n != 1 {
		t.Fatalf("after the help: %d spans, want 1", n)
	}
}

// TestExportFromTheWindow writes each format through File → Export…'s
// path (a temporary file renamed at the end) while the project is open.
func TestExportFromTheWindow(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	tagText(t, u, w, text, "Wang Yi", "1")
	dir := t.TempDir()
	for format, want := range map[string]string{"jsonl": `"label":"ACTOR","text":"Wang Yi"`, "doccano": `"ACTOR"]`, "csv": "ACTOR,Wang Yi"} {
		path := filepath.Join(dir, "out."+format)
		u.ExportFile(path, format)
		u.Wait()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if !strings.Contains(string(data), want) {
			t.Errorf("%s export lacks %q:\n%s", format, want, data)
		}
	}
	// A token export says in the status bar what it left out: "Wang"
	// inside "Wang Yi" is not in the outer layer.
	tagText(t, u, w, text, "Wang", "1")
	u.ExportFile(filepath.Join(dir, "out.conll"), "conll")
	u.Wait()
	if findLabelWith(w.Canvas().Content(), "1 span overlapping the outer layer left out") == nil {
		t.Error("the status bar does not say what the conll export left out")
	}
	// brat writes a folder of .txt/.ann pairs and annotation.conf.
	bratDir := filepath.Join(dir, "brat")
	u.ExportFile(bratDir, "brat")
	u.Wait()
	if conf, err := os.ReadFile(filepath.Join(bratDir, "annotation.conf")); err != nil || !strings.Contains(string(conf), "ACTOR") {
		t.Fatalf("brat export: annotation.conf %q, %v", conf, err)
	}
	if anns, _ := filepath.Glob(filepath.Join(bratDir, "*.ann")); len(anns) != 1 {
		t.Fatalf("brat export wrote %v", anns)
	}
	// A folder that does not exist: an error, and nothing written.
	bad := filepath.Join(dir, "missing", "out.jsonl")
	u.ExportFile(bad, "jsonl")
	u.Wait()
	top := w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, bad) == nil {
		t.Fatal("no error naming the file that could not be written")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

// TestImportFromTheWindow imports through File → Import…'s path: a bad
// line is reported with its file and line and nothing is stored; a good
// file adds its documents.
func TestImportFromTheWindow(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"text\": \"One.\"}\n{\"text\": 5}\n"), 0o644)
	u.ImportFile(bad)
	u.Wait()
	top := w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, "bad.jsonl:2") == nil {
		t.Fatal("no error naming bad.jsonl:2")
	}
	typeKey(w, fyne.KeyEscape)
	if docs, _ := p.Documents(); len(docs) != 1 {
		t.Fatalf("a rejected import stored documents: %d", len(docs))
	}
	good := filepath.Join(dir, "good.jsonl")
	os.WriteFile(good, []byte("{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n"), 0o644)
	u.ImportFile(good)
	u.Wait()
	if docs, _ := p.Documents(); len(docs) != 3 {
		t.Fatalf("after the import: %d documents, want 3", len(docs))
	}
	if n := u.Window().Title(); !strings.Contains(n, filepath.Base(p.Path())) {
		t.Errorf("title %q", n)
	}
	if l := findLabelWith(w.Canvas().Content(), "0 of 3 done"); l == nil {
		t.Error("the document list does not count the imported documents")
	}
}

// findEntryIn returns the first visible entry inside o.
func findEntryIn(o fyne.CanvasObject) entry { return findEntry(o) }

// TestNewProjectNeverOverwrites: File → New project… creates the project
// where the form says, and refuses a name that exists, leaving that file
// as it was (Fyne's own save dialog would have emptied it).
func TestNewProjectNeverOverwrites(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	existing := filepath.Join(dir, "thesis.claimdesk")
	if err := os.WriteFile(existing, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	var opened []string
	u2 := app.Start(a, "", app.Options{Annotator: "tester", AnnotatorGiven: true, Open: func(path string, ro bool) (app.Project, error) {
		opened = append(opened, path)
		return store.Open(path, store.Options{})
	}})
	w2 := u2.Window()
	menuItem(w2, "New project…").Action()
	top := w2.Canvas().Overlays().Top()
	name := findEntryIn(top)
	if name == nil {
		t.Fatal("New project… shows no name field")
	}
	reflect.ValueOf(name).Interface().(interface{ SetText(string) }).SetText(existing)
	typeKey(w2, fyne.KeyReturn)
	if data, _ := os.ReadFile(existing); string(data) != "precious" {
		t.Fatalf("New project… changed the existing file: %q", data)
	}
	if len(opened) != 0 {
		t.Fatalf("New project… opened %v over an existing file", opened)
	}
	if top := w2.Canvas().Overlays().Top(); top == nil || findLabelWith(top, "already exists") == nil {
		t.Fatal("no error saying the file exists")
	}
	typeKey(w2, fyne.KeyEscape)

	menuItem(w2, "New project…").Action()
	name = findEntryIn(w2.Canvas().Overlays().Top())
	fresh := filepath.Join(dir, "fresh.claimdesk")
	reflect.ValueOf(name).Interface().(interface{ SetText(string) }).SetText(fresh)
	typeKey(w2, fyne.KeyReturn)
	if len(opened) != 1 || opened[0] != fresh {
		t.Fatalf("New project… opened %v, want %s", opened, fresh)
	}
	if got := u2.Project(); got == nil || got.Path() != fresh {
		t.Fatalf("the window shows %v", got)
	}
	if !strings.Contains(w2.Title(), "fresh.claimdesk") {
		t.Errorf("title %q", w2.Title())
	}
	u2.Project().Close()
}

// TestExportAsksBeforeReplacing: File → Export… proposes a file beside
// the project; when it exists, it asks, and the old file stays until the
// new export is complete.
func TestExportAsksBeforeReplacing(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	tagText(t, u, w, text, "Wang Yi", "1")
	target := filepath.Join(filepath.Dir(p.Path()), "test.jsonl")
	if err := os.WriteFile(target, []byte("old export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	shortcut(w, fyne.KeyE, fyne.KeyModifierShortcutDefault)
	if findLabelWith(w.Canvas().Overlays().Top(), "Format") == nil {
		t.Fatal("Ctrl+E shows no export dialog")
	}
	typeKey(w, fyne.KeyReturn) // Export
	if top := w.Canvas().Overlays().Top(); top == nil || findLabelWith(top, "Replace it with this export?") == nil {
		t.Fatal("no question before replacing test.jsonl")
	}
	if data, _ := os.ReadFile(target); string(data) != "old export\n" {
		t.Fatalf("the old export changed before the answer: %q", data)
	}
	typeKey(w, fyne.KeyReturn) // Replace
	u.Wait()
	data, err := os.ReadFile(target)
	if err != nil || !strings.Contains(string(data), `"text":"Wang Yi"`) {
		t.Fatalf("after Replace: %q, %v", data, err)
	}
}

func findCheck(o fyne.CanvasObject, text string) *widget.Check {
	var found *widget.Check
	walk(o, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && found == nil && c.Text == text {
			found = c
		}
	})
	return found
}

// An import into a new project that fails leaves no project file, and
// the window returns to the start page with the error; one that succeeds
// keeps the project. So with Options.CreateNew (the project appears at
// its path once the import stored something) and without (made by Open,
// removed when the import fails).
func TestImportNewProjectFailsCleanly(t *testing.T) {
	for _, create := range []bool{false, true} {
		t.Run(fmt.Sprint("CreateNew=", create), func(t *testing.T) {
			a := test.NewTempApp(t)
			dir := t.TempDir()
			var opened []app.Project
			opts := app.Options{Annotator: "tester", AnnotatorGiven: true, Open: func(path string, ro bool) (app.Project, error) {
				p, err := store.Open(path, store.Options{})
				if err == nil {
					opened = append(opened, p)
				}
				return p, err
			}}
			if create {
				opts.CreateNew = func(path string) (app.Project, error) {
					p, err := store.CreateNew(path)
					if err == nil {
						opened = append(opened, p)
					}
					return p, err
				}
			}
			u := app.Start(a, "", opts)
			t.Cleanup(func() {
				for _, p := range opened {
					p.Close()
				}
			})
			w := u.Window()
			files := t.TempDir()
			bad := filepath.Join(files, "bad.jsonl")
			os.WriteFile(bad, []byte("{\"text\": \"One.\"}\n{\"text\": 5}\n"), 0o644)
			project := filepath.Join(dir, "new.claimdesk")
			u.ImportNewProject(project, bad)
			u.Wait()
			if len(opened) != 1 {
				t.Fatalf("opened %d projects, want 1", len(opened))
			}
			if names, _ := filepath.Glob(filepath.Join(dir, "*")); len(names) != 0 {
				t.Errorf("a failed import into a new project left %q", names)
			}
			if names, _ := filepath.Glob(filepath.Join(dir, ".*")); len(names) != 0 {
				t.Errorf("a failed import into a new project left %q", names)
			}
			if top := w.Canvas().Overlays().Top(); top == nil || findLabelWith(top, "bad.jsonl:2") == nil {
				t.Fatal("no error naming bad.jsonl:2")
			}
			if w.Title() != "Claimdesk" {
				t.Errorf("after the failed import the window shows %q, want the start page", w.Title())
			}
			typeKey(w, fyne.KeyEscape)

			good := filepath.Join(files, "good.jsonl")
			os.WriteFile(good, []byte("{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n"), 0o644)
			u.ImportNewProject(project, good)
			u.Wait()
			if docs, err := opened[len(opened)-1].Documents(); err != nil || len(docs) != 2 {
				t.Fatalf("after the import: %d documents, %v", len(docs), err)
			}
			if _, err := os.Stat(project); err != nil {
				t.Error(err)
			}
			if names, _ := filepath.Glob(filepath.Join(dir, ".*")); len(names) != 0 {
				t.Errorf("the import left %q", names)
			}
		})
	}
}

// A title and a file name that carry control characters show them as
// visible symbols (␛ for ESC) in the document list and in an error, and
// never the characters themselves.
func TestControlCharactersShowAsSymbols(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.claimdesk")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	d := annotate.NewDocument("evil\x1b]0;pwned\a title", "test", "Some text.", time.Now())
	if _, err := st.Import([]annotate.Record{{Document: d}}, "tester"); err != nil {
		t.Fatal(err)
	}
	u, w := newWindow(t, st)
	if findLabelWith(w.Canvas().Content(), "evil␛]0;pwned␇ title") == nil {
		t.Error("the document list does not show the title with ␛ and ␇")
	}
	if findLabelWith(w.Canvas().Content(), "\x1b") != nil {
		t.Error("a label shows a raw ESC")
	}
	bad := filepath.Join(t.TempDir(), "x\x1b[2Jy.jsonl")
	os.WriteFile(bad, []byte("{\"text\": 5}\n"), 0o644)
	u.ImportFile(bad)
	u.Wait()
	top := w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, "x␛[2Jy.jsonl:1") == nil {
		t.Fatal("no error naming x␛[2Jy.jsonl:1")
	}
	if findLabelWith(top, "\x1b") != nil {
		t.Error("the error shows a raw ESC")
	}
}
