package app_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate/format"
)

// findSelects returns the visible selects inside o.
func findSelects(o fyne.CanvasObject) []*widget.Select {
	var found []*widget.Select
	walk(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			found = append(found, s)
		}
	})
	return found
}

// TestExportDialogOffersEveryFormat: File → Export… (Ctrl+E) offers every
// format format's registry writes, in its order, each with its own file
// name ending and the format's modes; choosing each and pressing Enter
// writes it beside the project, as `claimdesk export` would.
func TestExportDialogOffersEveryFormat(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	tagText(t, u, w, text, "Wang Yi", "1")
	dir := filepath.Dir(p.Path())
	names := format.WriterNames()
	if len(names) < 10 {
		t.Fatalf("the registry writes %v", names)
	}
	written := map[string]string{}
	for _, name := range names {
		before, _ := os.ReadDir(dir)
		shortcut(w, fyne.KeyE, fyne.KeyModifierShortcutDefault)
		top := w.Canvas().Overlays().Top()
		if top == nil || findLabelWith(top, "Format") == nil {
			t.Fatal("Ctrl+E shows no export dialog")
		}
		sels := findSelects(top)
		if len(sels) == 0 || !slices.Equal(sels[0].Options, names) {
			t.Fatalf("the export dialog offers %v, want every format written: %v", sels, names)
		}
		sels[0].SetSelected(name)
		f, _ := format.Lookup(name)
		sels = findSelects(top)
		switch {
		case len(f.Modes) > 0 && (len(sels) != 2 || !slices.Equal(sels[1].Options, f.Modes) || sels[1].Selected != f.Modes[0]):
			t.Errorf("%s: the dialog offers modes %v, want %v", name, sels[1:], f.Modes)
		case len(f.Modes) == 0 && len(sels) != 1:
			t.Errorf("%s: the dialog offers modes though the format has none", name)
		}
		if name == "conll" {
			sels[1].SetSelected("inner")
		}
		typeKey(w, fyne.KeyReturn) // Export
		u.Wait()
		after, _ := os.ReadDir(dir)
		var added []string
		for _, e := range after {
			if !slices.ContainsFunc(before, func(b os.DirEntry) bool { return b.Name() == e.Name() }) {
				added = append(added, e.Name())
			}
		}
		if len(added) == 0 {
			t.Fatalf("%s: the export wrote nothing beside the project", name)
		}
		for _, a := range added {
			if !strings.HasPrefix(a, "test") {
				t.Errorf("%s: wrote %s, not named after the project", name, a)
			}
			written[a] = name
		}
	}
	// conll with the inner layer tagged Wang Yi all the same (no nesting)
	var conll string
	for file, name := range written {
		if name == "conll" {
			conll = file
		}
	}
	if data, err := os.ReadFile(filepath.Join(dir, conll)); err != nil || !strings.Contains(string(data), "B-ACTOR") {
		t.Errorf("the conll export %s: %v\n%s", conll, err, data)
	}
}
