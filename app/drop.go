package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
)

// Drop imports the files and folders dropped onto the window into the open
// project: it is the window's OnDropped callback (fyne.Window.SetOnDropped),
// which the desktop driver calls with a file URI for each item. One item
// imports as File → Import… does, with its progress and its messages; a
// folder imports the files below it that a format reads, as one
// (format.ImportFile). Several items import one after another, each whole
// or not at all as `claimdesk import` does with several files, with one
// progress dialog and one account of each item at the end.
//
// With no project open, one item imports into a new project (the start
// page's import); items that are not files are named and left out; while
// a dialog covers the window nothing is imported, and the status line
// says so.
func (u *UI) Drop(_ fyne.Position, items []fyne.URI) {
	var paths, others []string
	for _, it := range items {
		if it.Scheme() == "file" {
			paths = append(paths, it.Path())
		} else {
			others = append(others, it.String())
		}
	}
	if len(others) > 0 {
		u.dlg.Error(fmt.Errorf("only files and folders import: left out %s (%s)",
			plural(len(others), "dropped item"), annotate.Printable(strings.Join(others, ", "))))
		return
	}
	if len(paths) == 0 {
		return
	}
	if u.dlg.Open() || u.dlg.Covered() {
		u.setStatus("Nothing dropped was imported: close the open dialog first, then drop again")
		return
	}
	if u.project == nil {
		if len(paths) > 1 {
			u.dlg.Info("No project open",
				"Dropped files import into the open project. Open or create one (File → New project…), then drop them onto it; one file dropped here imports into a new project.")
			return
		}
		article := paths[0]
		if err := format.CheckFile(article); err != nil {
			u.dlg.Error(err)
			return
		}
		name := strings.TrimSuffix(filepath.Base(article), filepath.Ext(article)) + projectExt
		u.askNewProjectFor(name, func(path string) { u.ImportNewProject(path, article) })
		return
	}
	u.importPaths(paths)
}

// importPaths imports files and folders into the open project: one as
// File → Import… does (importFile), several one after another.
func (u *UI) importPaths(paths []string) {
	if len(paths) == 1 {
		u.importFile(paths[0], false)
		return
	}
	if !u.canEditProject() || !u.panel.saveNote() {
		return
	}
	p, annotator := u.project, u.annotatorName()
	type outcome struct {
		path string
		res  annotate.ImportResult
		err  error
	}
	var outs []outcome
	n := len(paths)
	u.background(fmt.Sprintf("Importing %d items", n), "Reading "+namesOf(paths, 3), func(ctx context.Context, progress func(float64)) error {
		for i, path := range paths {
			if err := ctx.Err(); err != nil {
				return err
			}
			res, err := format.ImportFile(ctx, p, path, annotator, func(done, total int64) {
				if total > 0 {
					progress((float64(i) + float64(done)/float64(total)) / float64(n))
				}
			})
			outs = append(outs, outcome{path, res, err})
			if canceled(err) {
				return err
			}
		}
		return nil
	}, func(err error) {
		var lines []string
		imported, before := 0, 0
		for _, o := range outs {
			name := filepath.Base(o.path)
			switch {
			case canceled(o.err):
				lines = append(lines, name+": cancelled, nothing of it was stored")
			case o.err != nil:
				lines = append(lines, o.err.Error()+" (nothing of "+name+" was stored)")
			default:
				imported++
				title := importedTitle(o.res)
				if title != "Imported " {
					before++
				}
				lines = append(lines, strings.TrimSuffix(title, " ")+" "+name+": "+o.res.String())
			}
		}
		for _, path := range paths[len(outs):] {
			lines = append(lines, filepath.Base(path)+": not imported (cancelled before it)")
		}
		if imported > 0 {
			u.showImported()
		}
		title := fmt.Sprintf("Imported %d of %d dropped items", imported, n)
		if imported == n {
			title = fmt.Sprintf("Imported %d dropped items", n)
		}
		if before > 0 {
			title += fmt.Sprintf(" (%d imported before: left out)", before)
		}
		u.setStatus(title)
		if imported < n {
			u.dlg.Error(fmt.Errorf("%s:\n%s", title, strings.Join(lines, "\n")))
			return
		}
		u.dlg.Info(title, strings.Join(lines, "\n"))
	})
}

// namesOf lists the base names of the first limit paths, and how many more:
// "a.txt, b.txt, c.txt and 2 more".
func namesOf(paths []string, limit int) string {
	var names []string
	for i, p := range paths {
		if i == limit {
			return strings.Join(names, ", ") + fmt.Sprintf(" and %d more", len(paths)-limit)
		}
		names = append(names, filepath.Base(p))
	}
	return strings.Join(names, ", ")
}
