package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// importExtensions are the file types File → Import… offers.
var importExtensions = annotate.ImportExtensions

// exportFormats are the formats File → Export… offers, as the CLI's
// -format names them.
var exportFormats = []string{"jsonl", "doccano", "csv"}

// Wait waits until the imports and exports running in the background
// have finished and shown their results.
func (u *UI) Wait() { u.tasks.Wait() }

// ImportFile imports one file into the open project, off the UI
// goroutine, with a progress dialog; the file imports whole or not at all,
// and the result or the error (naming the file and line) is shown when it
// is done. done, if not nil, is called on the UI goroutine afterwards.
func (u *UI) ImportFile(path string) {
	if !u.canEditProject() {
		return
	}
	u.panel.saveNote()
	p, annotator := u.project, u.opts.Annotator
	ctx, cancel := context.WithCancel(context.Background())
	prog := u.showProgress("Importing "+filepath.Base(path), "Reading "+path, cancel)
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		res, err := importFile(ctx, p, path, annotator, func(done, total int64) {
			if total > 0 {
				fyne.Do(func() { prog.set(float64(done) / float64(total)) })
			}
		})
		fyne.Do(func() {
			cancel()
			prog.close()
			if u.project != p {
				return // the window moved on to another project
			}
			switch {
			case canceled(err):
				u.setStatus("Import of " + filepath.Base(path) + " cancelled: nothing was stored")
				return
			case err != nil:
				u.showError(err)
				return
			}
			u.setProjectData()
			if u.CurrentDocument() == "" && len(u.docs) > 0 {
				u.openDocument(u.docs[0].ID)
			} else if id := u.CurrentDocument(); id != "" {
				// The open document may have received spans.
				u.article.SetDocument(u.sess.Document().Text, u.sess.Spans(), u.labels)
				u.showSelection(false)
			}
			u.setStatus("Imported " + filepath.Base(path) + ": " + res.String())
			u.showInfo("Imported "+filepath.Base(path), res.String())
		})
	}()
}

// importFile reads a file and imports it into p in one transaction.
func importFile(ctx context.Context, p Project, path, annotator string, progress func(done, total int64)) (annotate.ImportResult, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return annotate.ImportResult{}, fmt.Errorf("import %s: %w", path, err)
	}
	recs, err := annotate.ReadFile(path, data)
	if err != nil {
		return annotate.ImportResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return annotate.ImportResult{}, err
	}
	progress(int64(len(data)), int64(len(data)))
	res, err := p.Import(recs, annotator)
	if err != nil {
		return res, fmt.Errorf("import %s: %w", path, err)
	}
	return res, nil
}

// chooseExport asks for a format and a file, then writes the whole project
// to it (File → Export…).
func (u *UI) chooseExport() {
	if u.project == nil {
		return
	}
	u.panel.saveNote()
	formats := widget.NewRadioGroup(exportFormats, nil)
	formats.SetSelected(exportFormats[0])
	formats.Required = true
	help := widget.NewLabel("JSONL is Claimdesk's own (every field); doccano JSONL and CSV serve other tools. Offsets are Unicode code points.")
	help.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(widget.NewLabel("Format"), formats, help)
	var d *dialog.ConfirmDialog
	next := func(ok bool) {
		if !ok {
			return
		}
		name := formats.Selected
		stem := filepath.Base(u.project.Path())
		stem = stem[:len(stem)-len(filepath.Ext(stem))]
		ext := map[string]string{"jsonl": ".jsonl", "doccano": ".doccano.jsonl", "csv": ".csv"}[name]
		u.chooseSavePath(stem+ext, func(path string) { u.ExportFile(path, name) })
	}
	d = dialog.NewCustomConfirm("Export "+filepath.Base(u.project.Path()), "Choose file…", "Cancel", content, next, u.win)
	d.Resize(fyne.NewSize(460, 0))
	u.showModal(d, d.Confirm, d.Dismiss)
}

// ExportFile writes the whole open project to path in the named format,
// off the UI goroutine, with a progress dialog. The file is written under
// a temporary name and renamed when complete, so a previous export at path
// stays intact until then, and after an error or a Cancel.
func (u *UI) ExportFile(path, formatName string) {
	if u.project == nil || !slices.Contains(exportFormats, formatName) {
		return
	}
	p := u.project
	ctx, cancel := context.WithCancel(context.Background())
	prog := u.showProgress("Exporting "+filepath.Base(p.Path()), "Writing "+path, cancel)
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		n, err := exportFile(ctx, p, path, formatName, func(done, total int) {
			if total > 0 {
				fyne.Do(func() { prog.set(float64(done) / float64(total)) })
			}
		})
		fyne.Do(func() {
			cancel()
			prog.close()
			switch {
			case canceled(err):
				u.setStatus("Export cancelled: " + path + " was not written")
			case err != nil:
				u.showError(err)
			default:
				u.setStatus(fmt.Sprintf("Exported %s to %s", plural(n, "document"), path))
			}
		})
	}()
}

// exportFile writes p to path in format, through a temporary file that is
// renamed at the end, and returns the number of documents written.
func exportFile(ctx context.Context, p Project, path, format string, progress func(done, total int)) (n int, err error) {
	st, err := p.Stats()
	if err != nil {
		return 0, fmt.Errorf("export to %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("export to %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := newWriter(format, tmp)
	err = p.ForEachRecord(func(rec annotate.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		n++
		if n%64 == 0 || n == st.Documents {
			progress(n, st.Documents)
		}
		return w.Write(rec)
	})
	if err == nil {
		err = w.Flush()
	}
	for _, step := range []func() error{tmp.Sync, tmp.Close,
		func() error { return os.Chmod(tmp.Name(), 0o644) },
		func() error { return os.Rename(tmp.Name(), path) }} {
		if err != nil {
			break
		}
		err = step()
	}
	if err != nil {
		return 0, fmt.Errorf("export to %s: %w", path, err)
	}
	return n, nil
}

// recordWriter is what every export format provides.
type recordWriter interface {
	Write(annotate.Record) error
	Flush() error
}

func newWriter(format string, w io.Writer) recordWriter {
	switch format {
	case "doccano":
		return annotate.NewDoccanoWriter(w)
	case "csv":
		return annotate.NewCSVWriter(w)
	}
	return annotate.NewJSONLWriter(w)
}
