package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"claimdesk/annotate"
	"claimdesk/app"
	"claimdesk/store"
)

var backupsCommand = command{
	name:  "backups",
	usage: "backups [-now] PROJECT",
	help: `List the backups of PROJECT, newest first, numbered for restore: when each
was taken, its size and how many documents it holds. Claimdesk keeps them in
the folder PROJECT.backups beside the project: when a project is opened for
writing (by the window or by import) and its newest backup is over an hour
old, a copy of it is taken, and the newest 5 are kept. -now takes one first,
whatever the age of the newest (of a checked copy, when a Claimdesk window
holds the project). A backup is only taken of a copy whose pages pass a
check, so a damaged project takes none (and lists the backups it has), and
the newest backup that passes is never rotated out.`,
}

func runBackups(args []string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("backups", flag.ContinueOnError)
	now := fs.Bool("now", false, "take a backup first")
	pos, err := parseFlags(fs, backupsCommand, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{"backups", "need exactly one PROJECT"}
	}
	project := pos[0]
	var takeErr error // a damaged project takes no backup; its list is what is needed then
	if *now {
		takeErr = takeBackup(project, stdout)
	}
	bs, err := store.Backups(project)
	if err != nil {
		return errors.Join(takeErr, err)
	}
	defer func() {
		if takeErr != nil {
			err = takeErr
		}
	}()
	if len(bs) == 0 {
		fmt.Fprintf(stdout, "No backups of %s yet (they are kept in %s)\n", project, store.BackupDir(project))
		return nil
	}
	fmt.Fprintf(stdout, "Backups of %s, newest first (claimdesk restore %s N restores number N):\n", project, project)
	for i, b := range bs {
		docs := "unreadable"
		if n, err := b.Documents(); err == nil {
			docs = plural(n, "document")
		}
		fmt.Fprintf(stdout, "%3d  %s  %9s  %-14s  %s\n", i+1, b.Time.Local().Format("2006-01-02 15:04:05 MST"),
			byteSize(b.Size), docs, filepath.ToSlash(b.Path))
	}
	return nil
}

// takeBackup is backups -now: a backup of the project, or of a checked
// copy when a window holds it.
func takeBackup(project string, stdout io.Writer) error {
	st, err := openProject(project, true)
	if annotate.ErrorCode(err) == annotate.ELOCKED {
		st, err = store.OpenSnapshot(project) // a window holds it: back up a checked copy
	}
	if err != nil {
		return err
	}
	b, err := st.TakeBackup()
	st.Close()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Took backup %s\n", b.Path)
	return nil
}

// autoBackup takes the hourly backup of a project opened for writing
// (store.Store.AutoBackup). A backup that fails is a warning on stderr:
// the work it was to protect goes on.
func autoBackup(st *store.Store, stderr io.Writer) {
	if _, _, err := st.AutoBackup(); err != nil {
		fmt.Fprintf(stderr, "claimdesk: warning: no backup taken: %v\n", err)
	}
}

// byteSize formats a size in bytes for people: 512 B, 1.5 kB, 16.0 MB.
func byteSize(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}

// guiBackups are the store's backups as File → Backups… uses them.
var guiBackups = app.Backups{
	List: func(path string) ([]app.BackupEntry, error) {
		bs, err := store.Backups(path)
		if err != nil {
			return nil, err
		}
		out := make([]app.BackupEntry, len(bs))
		for i, b := range bs {
			n, err := b.Documents()
			if err != nil {
				n = -1
			}
			out[i] = app.BackupEntry{Path: b.Path, Time: b.Time, Size: b.Size, Documents: n}
		}
		return out, nil
	},
	Restore: func(path, backup string) (string, error) {
		kept, err := store.Restore(path, backup)
		return kept.Path, err
	},
}
