package annotate

import (
	"fmt"
	"time"
)

// FileImport records that a file was imported into a project: which file
// (by the SHA-256 of its bytes, and the name it had), when and by whom.
// An import remembers each file it takes; importing the same bytes again
// adds nothing unless asked to (claimdesk import -again).
type FileImport struct {
	// SHA256 is the hex SHA-256 of the file's bytes (a brat .ann's
	// followed by its .txt's).
	SHA256 string `json:"sha256"`
	// Name is the file's path as it was given to the import.
	Name string `json:"name"`
	// Annotator is who imported it: the import's annotator.
	Annotator string `json:"annotator"`
	// Time is when the import ended, in UTC.
	Time time.Time `json:"time"`
}

// Describe says when and by whom the file was imported, and under which
// name: "imported on 2026-12-05 17:40 UTC by ana (as news.jsonl)".
func (f FileImport) Describe() string {
	who := f.Annotator
	if who == "" {
		who = "an unnamed annotator"
	}
	return fmt.Sprintf("imported on %s by %s (as %s)", f.Time.UTC().Format("2006-01-02 15:04 MST"), who, f.Name)
}

// SeenFile is a file an import left out because the project took the same
// bytes before: its name now, and the first import of those bytes.
type SeenFile struct {
	Name   string
	Before FileImport
}

// String says what happened: "news.jsonl: left out, the same file was
// imported on 2026-12-05 17:40 UTC by ana (as news.jsonl)".
func (f SeenFile) String() string {
	return fmt.Sprintf("%s: left out, the same file was %s", f.Name, f.Before.Describe())
}
