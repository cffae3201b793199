package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
)

// importExtensions are the file types File → Import… offers.
var importExtensions = format.ImportExtensions()

// Wait waits until the imports and exports running in the background
// have finished and shown their results.
func (u *UI) Wait() { u.tasks.Wait() }

// background runs work off the UI goroutine with a progress dialog whose
// Cancel cancels work's context; work reports progress from 0 to 1. done
// is then called on the UI goroutine with work's error, unless the window
// moved on to another project meanwhile.
func (u *UI) background(title, what string, work func(ctx context.Context, progress func(float64)) error, done func(err error)) {
	p := u.project
	ctx, cancel := context.WithCancel(context.Background())
	prog := u.showProgress(title, what, cancel)
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		err := work(ctx, func(v float64) { fyne.Do(func() { prog.set(v) }) })
		fyne.Do(func() {
			cancel()
			prog.close()
			if u.project == p {
				done(err)
			}
		})
	}()
}

// ImportFile imports one file into the open project, off the UI
// goroutine, with a progress dialog: the same import as `claimdesk
// import`, whole or not at all, whose errors name the file and line. The
// result or the error is shown when it is done.
func (u *UI) ImportFile(path string) { u.importFile(path, false) }

// ImportNewProject creates the project file at project (never over an
// existing file), opens it and imports file into it, as File → Import…
// does (the start page's "import into a new project"). When the import
// fails or is cancelled, the new project is closed and removed, and the
// start page shows again with the error: nothing is left behind.
func (u *UI) ImportNewProject(project, file string) {
	u.createImportProject(project, func() { u.importFile(file, true) })
}

// createImportProject makes the project of an import into a new project
// at path (Options.CreateNew, else as createProject does), opens it and
// runs then.
func (u *UI) createImportProject(path string, then func()) {
	if u.opts.CreateNew == nil {
		u.createProject(path, then)
		return
	}
	if filepath.Ext(path) != projectExt {
		path += projectExt
	}
	if _, err := os.Stat(path); err == nil {
		u.dlg.Error(fmt.Errorf("%s already exists: File → Open… opens it, or choose another name for the new project", path))
		return
	}
	p, err := u.opts.CreateNew(path)
	if err != nil {
		u.dlg.Error(err)
		return
	}
	u.setProject(p)
	if u.project == p {
		then()
	}
}

// importFile is ImportFile; newProject says that the open project was
// created for this import (ImportNewProject).
func (u *UI) importFile(path string, newProject bool) {
	if !u.canEditProject() || !u.panel.saveNote() {
		return
	}
	p, annotator, name := u.project, u.annotatorName(), filepath.Base(path)
	var res annotate.ImportResult
	u.background("Importing "+name, "Reading "+path, func(ctx context.Context, progress func(float64)) error {
		r, err := format.ImportFile(ctx, p, path, annotator, func(done, total int64) {
			if total > 0 {
				progress(float64(done) / float64(total))
			}
		})
		res = r
		return err
	}, func(err error) {
		if err != nil && newProject {
			u.dropNewProject()
		}
		switch {
		case canceled(err):
			u.setStatus("Import of " + name + " cancelled: nothing was stored")
			return
		case err != nil:
			u.dlg.Error(err)
			return
		}
		if p, ok := u.project.(Publisher); ok && newProject {
			if err := p.Publish(); err != nil {
				u.dlg.Error(err)
				return
			}
			u.rememberRecent(u.project.Path())
		}
		u.showImported()
		done := importedTitle(res)
		u.setStatus(done + name + ": " + res.String())
		u.dlg.Info(done+name, res.String())
	})
}

// showImported shows the document list, and the open document, again
// after an import added to them; with no document open, it opens the
// first.
func (u *UI) showImported() {
	u.setProjectData()
	if u.CurrentDocument() == "" && len(u.docs) > 0 {
		u.openDocument(u.docs[0].ID)
	} else if u.CurrentDocument() != "" {
		// The open document may have received spans.
		u.article.SetDocument(u.sess.Document().Text, u.sess.Spans(), u.labels)
		u.article.SetRelations(u.sess.Relations())
		u.showSelection(false)
	}
}

// importedTitle is "Imported " or, for a file the project took before and
// left out (the CLI's import -again takes it anyway), "Imported before: ".
func importedTitle(res annotate.ImportResult) string {
	if len(res.Seen) > 0 && res.Documents == 0 && res.Spans == 0 && res.Relations == 0 {
		return "Imported before: "
	}
	return "Imported "
}

// exportDescriptions say what each format of File → Export… is for, by
// its name in format's registry (a test checks that every format written
// has one).
var exportDescriptions = map[string]string{
	"jsonl":       "Claimdesk's own JSONL: every field (spans, links, entities, notes, status), read back by import.",
	"labelstudio": "Label Studio's JSON export (offsets in UTF-16 code units), which Label Studio imports.",
	"doccano":     "doccano JSONL: each document's text and its spans as [start, end, \"LABEL\"].",
	"spacy":       "spaCy/Prodigy JSONL: spans, and relations as Prodigy's rel.manual saves them.",
	"csv":         "CSV, a row per span, for spreadsheets (a cell that would run as a formula is escaped).",
	"network":     "The discourse network as GraphML, for Gephi, igraph or networkx: actors and what they claim or deny, by their source links.",
	"edges":       "The network's statements as CSV, a row each: actor, concept, agreement, document, offsets, text.",
	"conll":       "CoNLL IOB2 token tags for token-classification training, a sentence per example.",
	"hf":          "Hugging Face token-classification JSONL (tokens and ner_tags), the tag names in a .labels.json file beside it.",
	"brat":        "brat standoff: a folder of .txt/.ann pairs per document, with annotation.conf.",
}

// exportExtension is the file name ending proposed for a format.
func exportExtension(name string) string {
	switch name {
	case "doccano":
		return ".doccano.jsonl"
	case "csv":
		return ".csv"
	case "network":
		return ".graphml"
	case "edges":
		return ".edges.csv"
	case "brat":
		return "-brat" // a folder
	case "labelstudio":
		return ".labelstudio.json"
	case "conll":
		return ".conll"
	case "spacy":
		return ".spacy.jsonl"
	case "hf":
		return ".hf.jsonl"
	}
	return ".jsonl"
}

// ExportFile writes the whole open project to path in the named format
// (format.ExportFile: the same export as `claimdesk export -o`), off the
// UI goroutine, with a progress dialog. A previous file at path stays
// intact until the new one is complete, and after an error or a Cancel.
func (u *UI) ExportFile(path, name string) { u.ExportFileMode(path, name, "") }

// ExportFileMode is ExportFile with the format's mode ("congruence" for
// network; "" for its default).
func (u *UI) ExportFileMode(path, name, mode string) {
	u.exportWith(path, exportChoice{name: name, opts: format.ExportOptions{Mode: mode}, filter: u.exportFilter})
}

// exportWith writes the open project to path as c chooses, off the UI
// goroutine, with a progress dialog: the export of `claimdesk export -o`
// with the same options. What the export changed or left out is said as
// the CLI says it on its standard error (format.ExportNotes), in the
// status line and in a dialog, so that it is not missed.
func (u *UI) exportWith(path string, c exportChoice) {
	name := c.name
	if u.project == nil || !slices.Contains(format.WriterNames(), name) {
		return
	}
	p, filter := u.project, c.filter
	n := 0
	var written []string // the paths written, a split's each with its part's name
	notes := format.NewExportNotes(name, c.opts.Mode)
	u.background("Exporting "+filepath.Base(p.Path()), "Writing "+path, func(ctx context.Context, progress func(float64)) error {
		st, err := p.Stats()
		if err != nil {
			return fmt.Errorf("export to %s: %w", path, err)
		}
		labels, err := p.Labels()
		if err != nil {
			return fmt.Errorf("export to %s: %w", path, err)
		}
		types, err := p.RelationTypes()
		if err != nil {
			return fmt.Errorf("export to %s: %w", path, err)
		}
		opts := c.opts
		opts.Opened = func(w format.Writer) {
			notes.Opened(w)
			if s, ok := w.(format.SchemaSetter); ok { // brat's annotation.conf: the labels exported
				var names []string
				for _, l := range labels {
					if filter.Labels == nil || slices.Contains(filter.Labels, l.Name) {
						names = append(names, l.Name)
					}
				}
				s.SetSchema(names, types)
			}
		}
		src := filter.Source(format.Source{ForEach: p.ForEachRecord, Total: st.Documents})
		report := func(done, total int) {
			n = done
			if total > 0 {
				progress(float64(done) / float64(total))
			}
		}
		if c.split.Percent != nil {
			parts, err := format.ExportSplit(ctx, path, name, opts, src, c.split, report)
			for i, p := range parts {
				written = append(written, format.SplitNames[i]+": "+p)
			}
			return err
		}
		written = []string{path}
		if f, _ := format.Lookup(name); f.Folder {
			return format.ExportDir(ctx, path, name, opts, src, report)
		}
		return format.ExportFileWith(ctx, path, name, opts, src, report)
	}, func(err error) {
		switch {
		case c.split.Percent != nil && err != nil && len(written) > 0: // the parts before stay
			u.dlg.Error(fmt.Errorf("%w (the parts written before: %s)", err, strings.Join(written, ", ")))
		case canceled(err):
			u.setStatus("Export cancelled: " + path + " was not written")
		case err != nil:
			u.dlg.Error(err)
		default:
			msg := fmt.Sprintf("Exported %s to %s", plural(n, "document"), strings.Join(written, ", "))
			warnings := notes.Notes()
			if len(warnings) == 0 {
				u.setStatus(msg)
				return
			}
			u.setStatus(msg + " (" + strings.Join(warnings, "; ") + ")")
			u.dlg.Info("Exported "+filepath.Base(path)+", with warnings", msg+".\n"+strings.Join(warnings, ".\n")+".")
		}
	})
}

// dropNewProject closes the open project, created for an import that
// failed, removes its file when it holds no document, and shows the
// start page.
func (u *UI) dropNewProject() {
	path := u.project.Path()
	docs, err := u.project.Documents()
	u.closeProject()
	if err == nil && len(docs) == 0 {
		os.Remove(path)
	}
	u.showStart()
}
