package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"claimdesk/annotate"
	"claimdesk/store"
)

var restoreCommand = command{
	name:  "restore",
	usage: "restore PROJECT BACKUP",
	help: `Replace PROJECT by BACKUP: a backup's number in the list that
'claimdesk backups PROJECT' prints (1 is the newest), or the path of any
project file. The backup is checked in full first, and refused when it is
damaged, leaving PROJECT as it was. The current PROJECT file is then kept
as a backup of its own, so a restore can be undone by restoring that one;
a current file that is damaged (the reason for most restores: restore
never needs to read it) is kept beside it as PROJECT.damaged-TIME instead.
Close a Claimdesk window that has PROJECT open first: restore waits a
moment for the project's lock, and a command that waited for it meanwhile
works on the restored file.`,
}

func runRestore(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	pos, err := parseFlags(fs, restoreCommand, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return &usageError{"restore", "need a PROJECT and a BACKUP (a number from 'claimdesk backups PROJECT', or a file)"}
	}
	project, backup := pos[0], pos[1]
	for _, p := range []string{project, backup} {
		if err := refuseSpecialFile(p); err != nil {
			return err
		}
	}
	if n, err := strconv.Atoi(backup); err == nil {
		if _, serr := os.Stat(backup); serr != nil { // a number, not a file
			bs, err := store.Backups(project)
			if err != nil {
				return err
			}
			if n < 1 || n > len(bs) {
				return &usageError{"restore", fmt.Sprintf("%s has %s: there is no backup number %d", project, plural(len(bs), "backup"), n)}
			}
			backup = bs[n-1].Path
		}
	}
	kept, err := store.Restore(project, backup)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %s from %s\n", annotate.Printable(project), annotate.Printable(backup))
	if kept.Path != "" {
		fmt.Fprintf(stdout, "The replaced file is kept as %s\n", annotate.Printable(kept.Path))
	}
	return nil
}
