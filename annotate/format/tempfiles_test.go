package format

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"claimdesk/internal/filelock"
)

// An export removes the temporary files that an earlier export of the
// same path left when it was killed, and not one that a living export
// holds.
func TestWriteAtomicRemovesAbandonedTemps(t *testing.T) {
	if !filelock.Supported {
		t.Skip("no file locks here: temporary files are removed by age")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "out.jsonl")
	dead := filepath.Join(dir, ".out.jsonl.123.tmp")
	living := filepath.Join(dir, ".out.jsonl.456.tmp")
	other := filepath.Join(dir, ".other.jsonl.789.tmp")
	for _, name := range []string{dead, living, other} {
		if err := os.WriteFile(name, []byte("half an export"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(living)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	filelock.Hold(f)
	if err := writeAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "{}\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the abandoned temporary file is still there: %v", err)
	}
	for _, name := range []string{living, other, path} {
		if _, err := os.Stat(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
