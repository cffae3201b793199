package format

import (
	"os"
	"path/filepath"
	"time"

	"claimdesk/internal/filelock"
)

// abandonedAge is the age past which a temporary file of an export counts
// as abandoned where file locks cannot tell (filelock.Abandoned).
const abandonedAge = time.Hour

// tempPattern is the os.CreateTemp pattern of the temporary files that
// writeAtomic writes for path: .NAME.N.tmp beside it.
func tempPattern(path string) string {
	return "." + filepath.Base(path) + ".*.tmp"
}

// removeAbandonedTemps removes the temporary files of writes of path whose
// process is gone (an export killed before it renamed its file), as large
// as the export was when it died. Best effort: one that cannot be
// removed stays.
func removeAbandonedTemps(path string) {
	names, _ := filepath.Glob(filepath.Join(filepath.Dir(path), tempPattern(path)))
	for _, name := range names {
		if filelock.Abandoned(name, abandonedAge) {
			os.Remove(name)
		}
	}
}
