package store

import (
	"os"
	"path/filepath"
	"time"

	"claimdesk/internal/filelock"
)

// Temporary files of interrupted commands
//
// A restore copies the backup to .PROJECT.restore-N beside the project, and
// a backup writes PROJECT.backups/.tmp-N, before renaming it; a process
// killed meanwhile leaves that file behind, as large as the project. Each
// holds a shared lock (internal/filelock) on its temporary file while it
// lives, and Open removes those whose lock is free: their process is gone.
// Where locks are not supported, a temporary file is removed once it is
// staleAge old.

// staleAge is the age past which a temporary file is taken for abandoned
// where file locks cannot tell.
const staleAge = time.Hour

// holdTemp marks the temporary file f as in use by this process until it
// is closed (filelock.Hold).
func holdTemp(f *os.File) { filelock.Hold(f) }

// tempPatterns are the globs of the temporary files that the commands on
// the project file at project write.
func tempPatterns(project string) []string {
	return []string{
		filepath.Join(filepath.Dir(project), "."+filepath.Base(project)+".restore-*"),
		filepath.Join(BackupDir(project), backupTempGlob),
	}
}

// cleanStale removes the temporary files that interrupted commands on
// the project file at project left (see above), and returns how many it
// removed. It is best effort: a file it cannot remove stays.
func cleanStale(project string) int {
	n := 0
	for _, pattern := range tempPatterns(project) {
		names, _ := filepath.Glob(pattern)
		for _, name := range names {
			if abandoned(name) && os.Remove(name) == nil {
				n++
			}
		}
	}
	return n
}

// abandoned reports whether the temporary file name is no living
// process's (filelock.Abandoned).
func abandoned(name string) bool { return filelock.Abandoned(name, staleAge) }
