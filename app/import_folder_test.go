package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/store"
)

// labelsIn returns the texts of the labels inside o.
func labelsIn(o fyne.CanvasObject) []string {
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			texts = append(texts, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return texts
}

// TestImportAFolder: File → Import a folder… asks the platform's dialog
// for a folder (Fyne's folder dialog when there is none), starting in the
// folder used last, and imports every file below it that a format reads
// as one import, as a dropped folder does: the same documents, titles
// from their first words, and the same account of what was left out.
func TestImportAFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "news")
	for name, data := range map[string]string{
		"one.txt":     "First article.\n",
		"sub/two.md":  "# Second\n\nText.\n",
		"lines.jsonl": `{"text": "A line with only a text, no title at all."}` + "\n",
		"picture.png": "not an article",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "p.claimdesk"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("project check: %v", err)
		}
		st.Close()
	})
	last := t.TempDir()
	var asked []fileRequest
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLastFolder, last)
	u := New(a, st, Options{Annotator: "ana", AnnotatorGiven: true, NativeFileDialog: true})
	u.files = &nativeChooser{run: func(req fileRequest, _ uintptr) (string, error) {
		asked = append(asked, req)
		return dir, nil
	}}
	t.Cleanup(u.Wait)
	u.win.Resize(fyne.NewSize(1024, 768))
	it := menuItemOf(u, "File", "Import a folder…")
	if it == nil {
		t.Fatal("the File menu has no Import a folder…")
	}
	it.Action()
	u.Wait()
	if len(asked) != 1 || !asked[0].folder || asked[0].dir != last {
		t.Fatalf("the dialog was asked %+v, want a folder starting in %s", asked, last)
	}
	docs, err := st.Documents()
	if err != nil || len(docs) != 3 {
		t.Fatalf("after importing the folder: %d documents, %v; want 3", len(docs), err)
	}
	var titles []string
	for _, d := range docs {
		titles = append(titles, d.Title)
	}
	if got := strings.Join(titles, "|"); got != "A line with only a text, no title at all.|First article.|Second" {
		t.Errorf("titles %q", got)
	}
	top := u.win.Canvas().Overlays().Top()
	said := strings.Join(labelsIn(top), "\n")
	if top == nil || !strings.Contains(said, "Imported news") || !strings.Contains(said, "3 new documents") || !strings.Contains(said, "1 file") {
		t.Errorf("the window says %q", said)
	}
	if got := u.app.Preferences().String(prefLastFolder); got != dir {
		t.Errorf("the last folder is %q, want the folder imported, %q", got, dir)
	}

	// With no platform dialog, Fyne's folder dialog shows.
	u.files = &nativeChooser{run: func(fileRequest, uintptr) (string, error) { return "", errNoNativeDialog }}
	typeKeyTo(u, fyne.KeyEscape) // close the account
	it.Action()
	u.Wait()
	if !topFileDialog(u) {
		t.Error("without a platform dialog, Fyne's folder dialog does not show")
	}
}

// menuItemOf returns the item label of the window's menu menu.
func menuItemOf(u *UI, menu, label string) *fyne.MenuItem {
	for _, m := range u.win.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	return nil
}

// typeKeyTo presses a key as the driver delivers it with nothing focused.
func typeKeyTo(u *UI, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := u.win.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := u.win.Canvas().OnTypedKey(); h != nil {
		h(ev)
	}
}
