package app_test

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"claimdesk/app"
	"claimdesk/store"
)

// dropFiles drops paths onto the window as the desktop driver does: its
// drop callback (Window.SetOnDropped, which is UI.Drop) receives a file
// URI per path (storage.NewFileURI), at the pointer's position. Fyne's
// test window does not keep the callback, so the test calls it.
func dropFiles(u *app.UI, paths ...string) {
	uris := make([]fyne.URI, len(paths))
	for i, p := range paths {
		uris[i] = storage.NewFileURI(p)
	}
	u.Drop(fyne.NewPos(400, 300), uris)
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDropFolderImports: a folder dropped onto the window imports the
// files below it that a format reads, as one import, and the dialog says
// what was imported and what was left out.
func TestDropFolderImports(t *testing.T) {
	p := openProject(t, false, readArticle(t))
	u, w := newWindow(t, p)
	dir := filepath.Join(t.TempDir(), "news")
	writeFiles(t, dir, map[string]string{
		"one.txt":         "First article.\n",
		"sub/two.md":      "Second article.\n",
		"picture.png":     "not an article",
		".hidden/old.txt": "left out\n",
	})
	dropFiles(u, dir)
	u.Wait()
	if st, err := p.Stats(); err != nil || st.Documents != 3 {
		t.Fatalf("after dropping the folder: %+v, %v; want 3 documents", st, err)
	}
	top := w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, "Imported news") == nil || findLabelWith(top, "2 new documents") == nil {
		t.Fatal("no dialog saying that news imported 2 documents")
	}
	if findLabelWith(top, "skipped 1 file of an unsupported type") == nil {
		t.Error("the dialog does not count the file left out")
	}
	if findLabelWith(w.Canvas().Content(), "Imported news: 2 new documents") == nil {
		t.Error("the status line does not say what was imported")
	}
}

// TestDropSeveralFiles: several files dropped import one after another,
// each whole or not at all: a broken one stores nothing, the others stay
// imported, and one dialog accounts for each.
func TestDropSeveralFiles(t *testing.T) {
	p := openProject(t, false, readArticle(t))
	u, w := newWindow(t, p)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"good.jsonl": "{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n",
		"bad.jsonl":  "{\"text\": \"Three.\"}\n{\"text\": 5}\n",
		"art.html":   "<html><body><p>Four, in HTML.</p></body></html>",
	})
	dropFiles(u, filepath.Join(dir, "good.jsonl"), filepath.Join(dir, "bad.jsonl"), filepath.Join(dir, "art.html"))
	u.Wait()
	if st, err := p.Stats(); err != nil || st.Documents != 4 {
		t.Fatalf("after the drop: %+v, %v; want 1 + 2 + 0 + 1 documents", st, err)
	}
	top := w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, "Imported 2 of 3 dropped items") == nil {
		t.Fatal("no dialog saying that 2 of 3 items imported")
	}
	for _, want := range []string{"bad.jsonl:2", "nothing of bad.jsonl was stored", "Imported good.jsonl: 2 new documents", "Imported art.html: 1 new document"} {
		if findLabelWith(top, want) == nil {
			t.Errorf("the dialog does not say %q", want)
		}
	}
	typeKey(w, fyne.KeyEscape)
	// The same files again: the project took them before.
	dropFiles(u, filepath.Join(dir, "good.jsonl"), filepath.Join(dir, "art.html"))
	u.Wait()
	top = w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, "Imported before: good.jsonl") == nil ||
		findLabelWith(top, "Imported 2 dropped items (2 imported before: left out)") == nil {
		t.Fatal("dropping a file again does not say that it was imported before")
	}
	if st, _ := p.Stats(); st.Documents != 4 {
		t.Errorf("dropping the same files again stored documents: %d", st.Documents)
	}
}

// TestDropRefused: what is not a file, a drop while a dialog is open and
// a drop onto a read-only project import nothing, and say why.
func TestDropRefused(t *testing.T) {
	p := openProject(t, false, readArticle(t))
	u, w := newWindow(t, p)
	file := filepath.Join(t.TempDir(), "a.txt")
	writeFiles(t, filepath.Dir(file), map[string]string{"a.txt": "An article.\n"})

	web, _ := storage.ParseURI("https://example.org/a.txt")
	u.Drop(fyne.NewPos(1, 1), []fyne.URI{web})
	top := w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, "left out 1 dropped item (https://example.org/a.txt)") == nil {
		t.Fatal("no error naming the item that is not a file")
	}
	// that error dialog is open: a drop now waits for it to close
	dropFiles(u, file)
	u.Wait()
	if findLabelWith(w.Canvas().Content(), "close the open dialog first") == nil {
		t.Error("the status line does not say why the drop was refused")
	}
	typeKey(w, fyne.KeyEscape)
	if st, _ := p.Stats(); st.Documents != 1 {
		t.Fatalf("a refused drop stored documents: %d", st.Documents)
	}
	dropFiles(u, file)
	u.Wait()
	if st, _ := p.Stats(); st.Documents != 2 {
		t.Fatalf("the drop after the dialog closed: %d documents, want 2", st.Documents)
	}
}

// TestDropOntoReadOnlyProject: a project open for review takes nothing.
func TestDropOntoReadOnlyProject(t *testing.T) {
	p := openProject(t, true, readArticle(t))
	u, w := newWindow(t, p)
	file := filepath.Join(t.TempDir(), "a.txt")
	writeFiles(t, filepath.Dir(file), map[string]string{"a.txt": "An article.\n"})
	dropFiles(u, file)
	u.Wait()
	top := w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, "open read-only") == nil {
		t.Fatal("no message that a read-only project takes no import")
	}
	if st, _ := p.Stats(); st.Documents != 1 {
		t.Fatalf("a read-only project took documents: %d", st.Documents)
	}
}

// TestDropOntoTheStartPage: with no project open, one file dropped asks
// where to create a project for it (as the start page's import into a
// new project) and imports it there; several files are refused, saying
// why.
func TestDropOntoTheStartPage(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home) // where the new project is proposed
	var opened []app.Project
	opts := app.Options{Annotator: "tester", AnnotatorGiven: true,
		Open: func(path string, ro bool) (app.Project, error) { return store.Open(path, store.Options{ReadOnly: ro}) },
		CreateNew: func(path string) (app.Project, error) {
			p, err := store.CreateNew(path)
			if err == nil {
				opened = append(opened, p)
			}
			return p, err
		}}
	u := app.Start(test.NewTempApp(t), "", opts)
	t.Cleanup(func() {
		for _, p := range opened {
			p.Close()
		}
	})
	w := u.Window()
	files := t.TempDir()
	writeFiles(t, files, map[string]string{"news.txt": "An article.\n", "more.txt": "Another.\n"})

	dropFiles(u, filepath.Join(files, "news.txt"), filepath.Join(files, "more.txt"))
	top := w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, "Dropped files import into the open project") == nil {
		t.Fatal("dropping two files onto the start page does not say what to do")
	}
	typeKey(w, fyne.KeyEscape)
	if len(opened) != 0 {
		t.Fatalf("two files dropped onto the start page made a project")
	}

	dropFiles(u, filepath.Join(files, "news.txt"))
	top = w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, "File name") == nil {
		t.Fatal("dropping a file onto the start page does not ask for the new project")
	}
	typeKey(w, fyne.KeyReturn) // Create
	u.Wait()
	if len(opened) != 1 {
		t.Fatalf("made %d projects, want 1", len(opened))
	}
	if docs, err := opened[0].Documents(); err != nil || len(docs) != 1 {
		t.Fatalf("the new project holds %d documents, %v", len(docs), err)
	}
	if want := filepath.Join(home, "news.claimdesk"); opened[0].Path() != want {
		t.Errorf("the new project is %s, want %s", opened[0].Path(), want)
	}
}
