package app_test

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
)

// TestImportSameFileFromTheWindow: File → Import… goes through the CLI's
// import path, which remembers each file: the same file again, imported
// under another annotator's name, adds nothing and says when and by whom
// it was imported.
func TestImportSameFileFromTheWindow(t *testing.T) {
	p := openProject(t, false, readArticle(t))
	u, w := newWindow(t, p)
	file := filepath.Join(t.TempDir(), "shared.jsonl")
	os.WriteFile(file, []byte(`{"text": "Wang Yi met Mr Jafari.", "label": [[0, 7, "ACTOR"]]}`+"\n"), 0o644)
	u.ImportFile(file)
	u.Wait()
	typeKey(w, fyne.KeyEscape)
	stats, err := p.Stats()
	if err != nil || stats.Documents != 2 || stats.Spans != 1 {
		t.Fatalf("after the first import: %+v, %v", stats, err)
	}
	annotator := "tester" // newWindow's
	u.ImportFile(file)
	u.Wait()
	top := w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, "shared.jsonl: left out, the same file was imported on") == nil ||
		findLabelWith(top, "by "+annotator) == nil {
		t.Fatal("the second import does not say that the file was imported before, and by whom")
	}
	if findLabelWith(top, "Imported before: shared.jsonl") == nil {
		t.Error("the dialog's title does not say that the file was imported before")
	}
	if findLabelWith(top, "0 new documents, 0 new spans") == nil {
		t.Error("the second import does not say that it added nothing")
	}
	if stats, err := p.Stats(); err != nil || stats.Documents != 2 || stats.Spans != 1 {
		t.Errorf("after the second import: %+v, %v", stats, err)
	}
}
