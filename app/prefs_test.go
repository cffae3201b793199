package app_test

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"claimdesk/annotate"
	"claimdesk/app"
	"claimdesk/store"
)

// TestFirstStartAsksTheAnnotatorOnce: without -annotator or
// $CLAIMDESK_ANNOTATOR the first start asks for a name, the spans made
// then record it, and the next start does not ask again.
func TestFirstStartAsksTheAnnotatorOnce(t *testing.T) {
	text := readArticle(t)
	path := filepath.Join(t.TempDir(), "p.claimdesk")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import([]annotate.Record{{Document: annotate.NewDocument("A", "test", text, time.Now())}}, "x"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	a := test.NewTempApp(t)
	open := func(p string, ro bool) (app.Project, error) { return store.Open(p, store.Options{ReadOnly: ro}) }

	u := app.Start(a, path, app.Options{Annotator: "osuser", Open: open})
	w := u.Window()
	top := w.Canvas().Overlays().Top()
	name := findEntryIn(top)
	if name == nil || findLabelWith(top, "Your name") == nil {
		t.Fatal("the first start does not ask for the annotator's name")
	}
	if got := reflect.ValueOf(name).Elem().FieldByName("Entry").FieldByName("Text").String(); got != "osuser" {
		t.Fatalf("the name field offers %q, want the OS user's name", got)
	}
	reflect.ValueOf(name).Interface().(interface{ SetText(string) }).SetText("Ana Lima")
	typeKey(w, fyne.KeyReturn)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter left the name dialog open")
	}
	sp := tagText(t, u, w, text, "Wang Yi", "1")
	if sp.Annotator != "Ana Lima" {
		t.Fatalf("the span records %q, want the name given", sp.Annotator)
	}
	w.Close()

	u2 := app.Start(a, path, app.Options{Annotator: "osuser", Open: open})
	if top := u2.Window().Canvas().Overlays().Top(); top != nil {
		t.Fatal("the second start asks for the name again")
	}
	if got := u2.Session().Annotator(); got != "Ana Lima" {
		t.Fatalf("the second start records %q", got)
	}
	u2.Window().Close()

	// a name given on the command line wins, and nothing is asked
	u3 := app.Start(a, path, app.Options{Annotator: "cli", AnnotatorGiven: true, Open: open})
	if got := u3.Session().Annotator(); got != "cli" {
		t.Fatalf("with -annotator the window records %q", got)
	}
	u3.Window().Close()
}

// TestPreferencesComeBack: theme, zoom, the document and the place in it
// come back on the next start.
func TestPreferencesComeBack(t *testing.T) {
	text := readArticle(t)
	path := filepath.Join(t.TempDir(), "p.claimdesk")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs := []annotate.Record{
		{Document: annotate.NewDocument("A", "test", text, time.Now())},
		{Document: annotate.NewDocument("B", "test", strings.Repeat(text+"\n\n", 6), time.Now())},
	}
	if _, err := st.Import(recs, "x"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	a := test.NewTempApp(t)
	open := func(p string, ro bool) (app.Project, error) { return store.Open(p, store.Options{ReadOnly: ro}) }
	opts := app.Options{Annotator: "tester", AnnotatorGiven: true, Open: open}

	u := app.Start(a, path, opts)
	w := u.Window()
	menuItem(w, "Dark theme").Action()
	size := u.Article().TextSize()
	shortcut(w, fyne.KeyEqual, fyne.KeyModifierShortcutDefault)
	zoomed := u.Article().TextSize()
	if zoomed <= size {
		t.Fatalf("Ctrl+= did not zoom: %v → %v", size, zoomed)
	}
	second := u.Session().Documents()[1].ID
	u.DoneAndNext() // the first is done: the second opens
	if u.CurrentDocument() != second {
		t.Fatalf("Done & next opened %s, want %s", u.CurrentDocument(), second)
	}
	u.Article().ScrollToOffset(3 * len([]rune(text)))
	top := u.Article().TopOffset()
	if top == 0 {
		t.Fatal("the article did not scroll")
	}
	w.Close()
	a.Settings().SetTheme(theme.LightTheme())

	u2 := app.Start(a, path, opts)
	if bg := a.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight); bg != theme.DarkTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Errorf("the background is %v after a restart, want the dark theme's", bg)
	}
	if got := u2.Article().TextSize(); got != zoomed {
		t.Errorf("text size %v after a restart, want %v", got, zoomed)
	}
	if got := u2.CurrentDocument(); got != second {
		t.Errorf("the restart opened %s, want the last document %s", got, second)
	}
	if got := u2.Article().TopOffset(); got != top {
		t.Errorf("the restart shows offset %d at the top, want %d", got, top)
	}
	if got := app.LastProject(a); got != path {
		t.Errorf("LastProject = %q, want %q", got, path)
	}
	if it := menuItem(u2.Window(), "Open Recent"); it == nil || it.ChildMenu == nil || len(it.ChildMenu.Items) == 0 || it.ChildMenu.Items[0].Label != path {
		t.Errorf("File → Open Recent does not list %s first", path)
	}
	u2.Window().Close()
}

// TestOpenDocumentIsRememberedAtOnce: the document shown is remembered
// when it opens, while the window is still open, so that a quit whose
// preference writes are lost still reopens it (the smoke test's "the
// window reopens on the document shown last" failed so).
func TestOpenDocumentIsRememberedAtOnce(t *testing.T) {
	text := readArticle(t)
	path := filepath.Join(t.TempDir(), "p.claimdesk")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs := []annotate.Record{
		{Document: annotate.NewDocument("A", "test", text, time.Now())},
		{Document: annotate.NewDocument("B", "test", text+" (2)", time.Now())},
	}
	if _, err := st.Import(recs, "x"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	a := test.NewTempApp(t)
	open := func(p string, ro bool) (app.Project, error) { return store.Open(p, store.Options{ReadOnly: ro}) }
	u := app.Start(a, path, app.Options{Annotator: "tester", AnnotatorGiven: true, Open: open})
	defer u.Window().Close()
	second := u.Session().Documents()[1].ID
	u.DoneAndNext() // the first is done: the second opens
	if u.CurrentDocument() != second {
		t.Fatalf("Done & next opened %s, want %s", u.CurrentDocument(), second)
	}
	// The preferences, the window still open.
	if got := a.Preferences().String("lastDocument:" + path); got != second {
		t.Errorf("with the window open, the last document remembered is %q, want %s", got, second)
	}
	if got := app.LastProject(a); got != path {
		t.Errorf("with the window open, LastProject = %q, want %q", got, path)
	}
}
