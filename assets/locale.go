package assets

import "os"

// Fyne works out the user's language while its packages initialise, and
// logs "Error parsing user locale C" on machines whose locale is the bare
// C/POSIX one (common in containers and CI). This init runs before Fyne's:
// since Go 1.21 packages initialise in import-path order among those whose
// imports are ready, and "claimdesk/assets" sorts before "fyne.io/…" and
// imports nothing but os. A C locale means "no preference": English.
func init() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		switch os.Getenv(v) {
		case "C", "POSIX", "C.UTF-8", "C.utf8", "POSIX.UTF-8":
			os.Setenv(v, "en_US.UTF-8")
		}
	}
}
