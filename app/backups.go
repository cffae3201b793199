package app

import (
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// BackupEntry is one backup of a project, as File → Backups… lists it.
type BackupEntry struct {
	// Path is the backup's file.
	Path string
	// Time is when it was taken.
	Time time.Time
	// Size is the file's size in bytes.
	Size int64
	// Documents is how many documents it holds; -1 when it cannot be
	// read.
	Documents int
}

// Backups are what File → Backups… needs of the store; main wires them in
// (Options.Backups). Without List, the dialog says that there are none.
type Backups struct {
	// List returns the backups of the project file at path, newest first.
	List func(path string) ([]BackupEntry, error)
	// Restore replaces the project file at path, which no one holds, by
	// the backup file, after checking the backup in full, and keeps the
	// replaced file as a backup of its own; it returns that backup's path
	// ("" when there was no file). A backup that fails the check changes
	// nothing.
	Restore func(path, backup string) (kept string, err error)
}

// ShowBackups shows File → Backups…: the open project's backups, newest
// first, to choose one to restore. Restoring asks first, closes the
// project, replaces its file (the current one is kept as a backup) and
// opens it again.
func (u *UI) ShowBackups() {
	if u.project == nil {
		u.dlg.Info("Backups", "Open a project first: this lists its backups.")
		return
	}
	path := u.project.Path()
	list, err := u.listBackups(path)
	if err != nil {
		u.dlg.Error(err)
		return
	}
	if len(list) == 0 {
		u.dlg.Info("Backups", fmt.Sprintf("%s has no backups yet.\n\nClaimdesk takes one when it opens a project for writing, at most once an hour, and keeps the newest 5 in the folder %s beside it.",
			filepath.Base(path), filepath.Base(path)+".backups"))
		return
	}
	u.chooseBackup(path, u.project.ReadOnly(), list)
}

// showOpenError shows why the project at path did not open; when it is
// damaged (or otherwise not a project this Claimdesk opens) and has
// backups, it offers to restore one.
func (u *UI) showOpenError(path string, readOnly bool, err error) {
	list, lerr := u.listBackups(path)
	if annotate.ErrorCode(err) != annotate.EINVALID || lerr != nil || len(list) == 0 {
		u.dlg.Error(err)
		return
	}
	u.dlg.Confirm("Project does not open",
		fmt.Sprintf("%v\n\n%s has %d backups, the newest taken %s. Restore one?", err, filepath.Base(path), len(list),
			list[0].Time.Local().Format("2006-01-02 15:04:05")),
		"Choose a backup…", func(ok bool) {
			if ok {
				u.chooseBackup(path, readOnly, list)
			}
		})
}

// listBackups lists the backups of the project file at path; none when
// main wired in no backups.
func (u *UI) listBackups(path string) ([]BackupEntry, error) {
	if u.opts.Backups.List == nil || u.opts.Backups.Restore == nil {
		return nil, nil
	}
	return u.opts.Backups.List(path)
}

// chooseBackup shows the backups of the project at path to choose one to
// restore.
func (u *UI) chooseBackup(path string, readOnly bool, list []BackupEntry) {
	choices := make([]string, len(list))
	for i, b := range list {
		choices[i] = describeBackup(b)
	}
	pick := widget.NewRadioGroup(choices, nil)
	pick.SetSelected(choices[0])
	intro := widget.NewLabel(fmt.Sprintf("Backups of %s, newest first. Restoring one replaces the project; its current file is kept.", filepath.Base(path)))
	intro.Wrapping = fyne.TextWrapWord
	u.dlg.Form("Backups", "Restore…", "Close", container.NewVBox(intro, pick), 560, func(ok bool) {
		i := slices.Index(choices, pick.Selected)
		if !ok || i < 0 {
			return
		}
		u.confirmRestore(path, readOnly, list[i])
	})
}

// describeBackup is a backup's line in the dialog.
func describeBackup(b BackupEntry) string {
	docs := "unreadable"
	switch {
	case b.Documents == 1:
		docs = "1 document"
	case b.Documents >= 0:
		docs = fmt.Sprintf("%d documents", b.Documents)
	}
	return fmt.Sprintf("%s · %s · %s", b.Time.Local().Format("2006-01-02 15:04:05"), docs, byteSize(b.Size))
}

// byteSize is a file size as people read it: "48 KB", "3.2 MB".
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1e9)
}

// confirmRestore asks before it restores the backup b over the project at
// path.
func (u *UI) confirmRestore(path string, readOnly bool, b BackupEntry) {
	u.dlg.Confirm("Restore backup",
		fmt.Sprintf("Replace %s by its backup of %s?\n\nThe current file is kept: File → Backups… can bring it back.",
			filepath.Base(path), b.Time.Local().Format("2006-01-02 15:04:05")),
		"Restore", func(ok bool) {
			if ok {
				u.restoreBackup(path, readOnly, b)
			}
		})
}

// restoreBackup closes the open project, restores the backup over the
// file at path and opens it, read-only or not, also when the restore
// failed.
func (u *UI) restoreBackup(path string, readOnly bool, b BackupEntry) {
	u.closeProject()
	u.showStart()
	kept, err := u.opts.Backups.Restore(path, b.Path)
	u.openPath(path, readOnly)
	if err != nil {
		u.dlg.Error(err)
		return
	}
	msg := fmt.Sprintf("Restored the backup of %s.", b.Time.Local().Format("2006-01-02 15:04:05"))
	if kept != "" {
		msg += " The replaced file is kept as " + filepath.Base(kept) + "."
	}
	u.setStatus(msg)
}
