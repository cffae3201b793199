//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPageCheckOfAMappedFileCutShortMeanwhile: a file cut short after
// its size was taken (by another program, while the check runs) faults
// when the check reads its mapped pages past the new end; the check
// reports that it cannot be read, and the process lives on.
func TestPageCheckOfAMappedFileCutShortMeanwhile(t *testing.T) {
	data := damageProject(t)
	path := filepath.Join(t.TempDir(), "p.claimdesk")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if fp, problems := checkPages(f, int64(len(data))); fp != nil || len(problems.list) > 0 {
		t.Fatalf("the sound file: %+v %v", fp, problems.list)
	}
	// Cut to its first three pages, the size still the old one.
	if err := os.Truncate(path, 3*4096); err != nil {
		t.Fatal(err)
	}
	fp, problems := checkPages(f, int64(len(data)))
	if fp != nil || len(problems.list) == 0 || !strings.Contains(strings.Join(problems.list, "\n"), "cannot be read") {
		t.Fatalf("the file cut short meanwhile: %+v %v, want that it cannot be read", fp, problems.list)
	}
	t.Log(problems.list)
}
