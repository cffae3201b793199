package app_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
)

// embedded returns o as a *T: o itself, or a widget of the app that
// embeds a T (a drop-down list whose Enter confirms its dialog).
func embedded[T any](o fyne.CanvasObject) (*T, bool) {
	if t, ok := any(o).(*T); ok {
		return t, true
	}
	if v := reflect.ValueOf(o); v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
		if f := v.Elem().FieldByName(reflect.TypeFor[T]().Name()); f.IsValid() && f.Type() == reflect.TypeFor[T]() {
			return f.Addr().Interface().(*T), true
		}
	}
	return nil, false
}

// findSelects returns the visible selects inside o.
func findSelects(o fyne.CanvasObject) []*widget.Select {
	var found []*widget.Select
	walk(o, func(o fyne.CanvasObject) {
		if s, ok := embedded[widget.Select](o); ok {
			found = append(found, s)
		}
	})
	return found
}

// findChecks returns the visible checks inside o.
func findChecks(o fyne.CanvasObject) []*widget.Check {
	var found []*widget.Check
	walk(o, func(o fyne.CanvasObject) {
		if c, ok := embedded[widget.Check](o); ok {
			found = append(found, c)
		}
	})
	return found
}

// checkWithText returns the visible check with the text.
func checkWithText(t *testing.T, o fyne.CanvasObject, text string) *widget.Check {
	t.Helper()
	for _, c := range findChecks(o) {
		if c.Text == text {
			return c
		}
	}
	t.Fatalf("no check %q", text)
	return nil
}

// openExportDialog presses Ctrl+E and returns the export dialog.
func openExportDialog(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	shortcut(w, fyne.KeyE, fyne.KeyModifierShortcutDefault)
	top := w.Canvas().Overlays().Top()
	if top == nil || findLabelWith(top, "Format") == nil {
		t.Fatal("Ctrl+E shows no export dialog")
	}
	return top
}

// selectWithOptions returns the visible select in o offering exactly
// options.
func selectWithOptions(t *testing.T, o fyne.CanvasObject, options []string) *widget.Select {
	t.Helper()
	for _, s := range findSelects(o) {
		if slices.Equal(s.Options, options) {
			return s
		}
	}
	t.Fatalf("no choice of %v in the dialog", options)
	return nil
}

// choose taps the select and then its item value in the popup menu, as a
// user does with the mouse.
func choose(t *testing.T, w fyne.Window, s *widget.Select, value string) {
	t.Helper()
	test.Tap(s)
	var item fyne.Tappable
	for _, o := range w.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			if it, ok := o.(fyne.Tappable); ok && o != s && findLabelIn(o, value) {
				item = it // the innermost
			}
		})
	}
	if item == nil {
		t.Fatalf("the choice %v shows no item %q", s.Options, value)
	}
	test.Tap(item)
	if s.Selected != value {
		t.Fatalf("tapping %q chose %q", value, s.Selected)
	}
}

// TestExportDialogOffersEveryFormat: File → Export… (Ctrl+E) offers every
// format format's registry writes, in its order, each with its own file
// name ending and the options it takes (format.Format.Options) at their
// defaults, and no other; choosing each and pressing Enter writes it
// beside the project, as `claimdesk export` would.
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
		top := openExportDialog(t, w)
		sels := findSelects(top)
		if len(sels) == 0 || !slices.Equal(sels[0].Options, names) {
			t.Fatalf("the export dialog offers %v, want every format written: %v", sels, names)
		}
		choose(t, w, sels[0], name)
		f, _ := format.Lookup(name)
		// the selects: the format, each option with values, the annotators
		wantSels := [][]string{names}
		var wantChecks []string
		for _, o := range f.Options() {
			if o.Values != nil {
				wantSels = append(wantSels, o.ValueNames())
			} else {
				wantChecks = append(wantChecks, o.Title)
			}
		}
		wantSels = append(wantSels, []string{"Every annotator", "tester"})
		sels = findSelects(top)
		var got [][]string
		for i, s := range sels {
			got = append(got, s.Options)
			if i > 0 && i < len(wantSels)-1 && s.Selected != wantSels[i][0] {
				t.Errorf("%s: %v starts at %q, not its default", name, s.Options, s.Selected)
			}
		}
		if !slices.EqualFunc(got, wantSels, slices.Equal) {
			t.Errorf("%s: the dialog offers %v, want %v", name, got, wantSels)
		}
		// the option checks, off, then the filters: done documents (off)
		// and each label of the project (on)
		var checks []string
		for _, c := range findChecks(top) {
			label := slices.ContainsFunc(u.Session().Labels(), func(l annotate.Label) bool { return l.Display == c.Text })
			if c.Checked != label {
				t.Errorf("%s: %q is ticked %v at first", name, c.Text, c.Checked)
			}
			checks = append(checks, c.Text)
		}
		want := append(wantChecks, "Only documents marked done (training data)")
		for _, l := range u.Session().Labels() {
			want = append(want, l.Display)
		}
		if !slices.Equal(checks, want) {
			t.Errorf("%s: the dialog's checks %v, want %v", name, checks, want)
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
	if len(written) < len(names) {
		t.Errorf("wrote %v for %d formats", written, len(names))
	}
}

// exportProject makes a project of text with spans (by their annotators)
// and shows it.
func exportProject(t *testing.T, text string, spans ...annotate.Span) (w fyne.Window, wait func(), dir string) {
	t.Helper()
	p := openProject(t, false)
	doc := annotate.NewDocument("Options", "test", text, time.Now())
	for i := range spans {
		spans[i].ID, spans[i].DocumentID = annotate.NewID(), doc.ID
	}
	if _, err := p.Import([]annotate.Record{{Document: doc, Spans: spans}}, "tester"); err != nil {
		t.Fatal(err)
	}
	u, w := newWindow(t, p)
	return w, u.Wait, filepath.Dir(p.Path())
}

// exportedFile returns the one file beside the project (test.claimdesk),
// where the dialog proposes to export; "" when there is none.
func exportedFile(t *testing.T, dir string) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, "test*"))
	var files []string
	for _, m := range matches {
		if filepath.Base(m) != "test.claimdesk" && !strings.HasSuffix(m, ".labels.json") {
			files = append(files, m)
		}
	}
	if len(files) > 1 {
		t.Fatalf("the export wrote %v", files)
	}
	if len(files) == 0 {
		return ""
	}
	return files[0]
}

// TestExportDialogOptions: each option of `claimdesk export` that the
// chosen format takes is offered and does what the flag does; the window
// says what the export changed or left out in the CLI's words.
func TestExportDialogOptions(t *testing.T) {
	const text = "🇮🇶 Mr Wang Yi said =cmd was fine.\n"
	// "ang Yi" starts inside the word "Wang"; "=cmd" begins a formula.
	start, end := runeRange(t, text, "ang Yi")
	wangYi := annotate.Span{Start: start, End: end, Label: "ACTOR", Annotator: "ana"}
	start, end = runeRange(t, text, "=cmd")
	formula := annotate.Span{Start: start, End: end, Label: "CLAIM", Annotator: "bo"}
	tests := []struct {
		name, format  string
		set           func(t *testing.T, w fyne.Window, top fyne.CanvasObject)
		file, notFile []string // what the file holds, and does not
		says          string   // what the window says
	}{
		{
			name: "conll align expand", format: "conll",
			set: func(t *testing.T, w fyne.Window, top fyne.CanvasObject) {
				choose(t, w, selectWithOptions(t, top, format.AlignModes), "expand")
			},
			file: []string{"Wang\tB-ACTOR\nYi\tI-ACTOR\n"},
			says: "1 span widened to whole tokens (-align expand)",
		},
		{
			name: "conll default split", format: "conll",
			file: []string{"W\tO\nang\tB-ACTOR\nYi\tI-ACTOR\n"},
		},
		{
			name: "hf inner layer, align contract", format: "hf",
			set: func(t *testing.T, w fyne.Window, top fyne.CanvasObject) {
				choose(t, w, selectWithOptions(t, top, format.ConllLayers), "inner")
				choose(t, w, selectWithOptions(t, top, format.AlignModes), "contract")
			},
			file: []string{`"tokens":["🇮🇶","Mr","Wang","Yi"`},
			says: "1 span narrowed to whole tokens (-align contract)",
		},
		{
			name: "spacy tokens, align strict", format: "spacy",
			set: func(t *testing.T, w fyne.Window, top fyne.CanvasObject) {
				al := selectWithOptions(t, top, format.AlignModes)
				if !al.Disabled() {
					t.Error("spacy's alignment is offered without tokens")
				}
				test.Tap(checkWithText(t, top, "Write tokens"))
				if al.Disabled() {
					t.Fatal("Write tokens does not offer the alignment")
				}
				choose(t, w, al, "strict")
			},
			says: "ang Yi", // strict refuses the span, naming it: nothing written
		},
		{
			name: "spacy tokens", format: "spacy",
			set: func(t *testing.T, w fyne.Window, top fyne.CanvasObject) {
				test.Tap(checkWithText(t, top, "Write tokens"))
			},
			file: []string{`"tokens":[{"text":"🇮🇶"`, `"token_start":`},
		},
		{
			name: "jsonl offsets utf16", format: "jsonl",
			set: func(t *testing.T, w fyne.Window, top fyne.CanvasObject) {
				choose(t, w, selectWithOptions(t, top, format.OffsetUnits), format.OffsetsUTF16)
			},
			file: []string{`"offsets":"utf16"`, `"start":9,"end":15,"label":"ACTOR"`},
		},
		{
			name: "csv escapes formulas", format: "csv",
			file: []string{",'=cmd,"}, notFile: []string{",=cmd,"},
		},
		{
			name: "csv raw", format: "csv",
			set: func(t *testing.T, w fyne.Window, top fyne.CanvasObject) {
				test.Tap(checkWithText(t, top, "Write formulas as they are"))
			},
			file: []string{",=cmd,"},
		},
		{
			name: "csv of one label", format: "csv",
			set: func(t *testing.T, w fyne.Window, top fyne.CanvasObject) {
				test.Tap(checkWithText(t, top, "Actor"))
			},
			file: []string{",'=cmd,bo,"}, notFile: []string{"ang Yi"},
		},
		{
			name: "brat of one label", format: "brat",
			set: func(t *testing.T, w fyne.Window, top fyne.CanvasObject) {
				test.Tap(checkWithText(t, top, "Claim"))
			},
			file: []string{"T1\tACTOR 7 13\tang Yi\n"}, notFile: []string{"T2", "\tCLAIM "},
		},
		{
			name: "csv by one annotator", format: "csv",
			set: func(t *testing.T, w fyne.Window, top fyne.CanvasObject) {
				choose(t, w, selectWithOptions(t, top, []string{"Every annotator", "ana", "bo"}), "ana")
			},
			file: []string{",ang Yi,ana,"}, notFile: []string{"=cmd"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, wait, dir := exportProject(t, text, wangYi, formula)
			top := openExportDialog(t, w)
			choose(t, w, findSelects(top)[0], tt.format)
			if tt.set != nil {
				tt.set(t, w, top)
			}
			typeKey(w, fyne.KeyReturn) // Export
			wait()
			path := exportedFile(t, dir)
			if len(tt.file) > 0 && path == "" {
				t.Fatal("the export wrote no file")
			}
			if len(tt.file) == 0 && path != "" {
				t.Fatalf("the export wrote %s", path)
			}
			data, _ := os.ReadFile(path)
			if info, err := os.Stat(path); err == nil && info.IsDir() { // brat: every file of the folder
				files, _ := filepath.Glob(filepath.Join(path, "*"))
				for _, f := range files {
					b, _ := os.ReadFile(f)
					data = append(data, b...)
				}
			}
			for _, s := range tt.file {
				if !strings.Contains(string(data), s) {
					t.Errorf("the export lacks %q:\n%s", s, data)
				}
			}
			for _, s := range tt.notFile {
				if strings.Contains(string(data), s) {
					t.Errorf("the export holds %q:\n%s", s, data)
				}
			}
			if tt.says != "" {
				top := w.Canvas().Overlays().Top()
				if top == nil || findLabelWith(top, tt.says) == nil {
					t.Errorf("the window does not say %q", tt.says)
				}
			}
			if tt.says == "" && len(tt.file) > 0 {
				if top := w.Canvas().Overlays().Top(); top != nil {
					var texts []string
					walk(top, func(o fyne.CanvasObject) {
						if l, ok := o.(*widget.Label); ok {
							texts = append(texts, l.Text)
						}
					})
					t.Errorf("an export without warnings shows a dialog: %q", texts)
				}
			}
		})
	}
}

// TestExportDialogSplits: a split typed in the dialog (export's -split)
// writes the parts beside the file named, each document in one of them,
// and the status line names them; a split that is not one is an error,
// and nothing is written.
func TestExportDialogSplits(t *testing.T) {
	var texts []string
	for i := range 12 {
		texts = append(texts, strings.Repeat("Text number "+string(rune('a'+i))+". ", 3))
	}
	p := openProject(t, false, texts...)
	u, w := newWindow(t, p)
	dir := filepath.Dir(p.Path())
	for _, bad := range []string{"80/30", "a/b"} {
		top := openExportDialog(t, w)
		e := entryWithPlaceHolder(t, top, "80/10/10")
		test.Type(e, bad)
		typeKey(w, fyne.KeyReturn)
		u.Wait()
		if top := w.Canvas().Overlays().Top(); top == nil || findLabelWith(top, bad) == nil {
			t.Fatalf("the split %q is not refused, naming it", bad)
		}
		typeKey(w, fyne.KeyEscape)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "test.*.jsonl")); len(files) > 0 {
		t.Fatalf("a refused split wrote %v", files)
	}
	top := openExportDialog(t, w)
	test.Type(entryWithPlaceHolder(t, top, "80/10/10"), "50/50")
	typeKey(w, fyne.KeyReturn)
	u.Wait()
	lines := 0
	for _, part := range []string{"train", "dev"} {
		data, err := os.ReadFile(filepath.Join(dir, "test."+part+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		lines += strings.Count(string(data), "\n")
		if findLabelWith(w.Canvas().Content(), part+": "+filepath.Join(dir, "test."+part+".jsonl")) == nil {
			t.Errorf("the status line does not name the %s part", part)
		}
	}
	if lines != len(texts) {
		t.Errorf("the parts hold %d documents, want %d", lines, len(texts))
	}
}

// entryWithPlaceHolder returns the visible entry in o with the place
// holder.
func entryWithPlaceHolder(t *testing.T, o fyne.CanvasObject, ph string) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	walk(o, func(o fyne.CanvasObject) {
		if e, ok := embedded[widget.Entry](o); ok && e.PlaceHolder == ph {
			found = e
		}
	})
	if found == nil {
		t.Fatalf("no field %q", ph)
	}
	return found
}
