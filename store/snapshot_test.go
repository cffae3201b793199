package store

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// snapshotTemp points the temporary folder at a fresh one, so that a test
// can see whether a snapshot left its copy behind, and returns it.
func snapshotTemp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	return dir
}

// wantEmpty fails the test unless dir holds nothing.
func wantEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("%s holds %v: the snapshot left its copy behind", dir, entries)
	}
}

// snapshotProject makes a closed project with the article, two spans and
// a relation, and returns its path and records.
func snapshotProject(t *testing.T) (string, []annotate.Record) {
	t.Helper()
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	if _, err := s.Import(importRecords(t, 2), "ana"); err != nil {
		t.Fatal(err)
	}
	recs := dump(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, recs
}

// checkSnapshot checks what a snapshot of path reports and holds, closes
// it and checks that its copy is gone.
func checkSnapshot(t *testing.T, st *Store, path string, want []annotate.Record, tmp string) {
	t.Helper()
	if st.Path() != path || !st.ReadOnly() {
		t.Errorf("snapshot path %q, read-only %v", st.Path(), st.ReadOnly())
	}
	if got := dump(t, st); !reflect.DeepEqual(got, want) {
		t.Errorf("the snapshot holds other records:\n%+v\n%+v", got, want)
	}
	if err := st.Check(); err != nil {
		t.Error(err)
	}
	err := st.AddSpan(annotate.NewSpan(want[0].Document.ID, 0, 3, annotate.LabelActor, "bob", testTime))
	wantCode(t, err, annotate.EREADONLY)
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the original path", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	wantEmpty(t, tmp)
}

// A project another process holds read-write can be opened as a snapshot;
// the original's bytes stay as they are.
func TestSnapshotOfLockedFile(t *testing.T) {
	tmp := snapshotTemp(t)
	path, recs := snapshotProject(t)
	sum := fileSum(t, path)
	release := holdInChild(t, path)
	_, err := Open(path, Options{ReadOnly: true, Timeout: 100_000_000})
	wantCode(t, err, annotate.ELOCKED)

	st, err := OpenSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	checkSnapshot(t, st, path, recs, tmp)
	release()
	if fileSum(t, path) != sum {
		t.Error("the snapshot changed the original")
	}
}

// tears damage a copied project file the ways a copy taken while bbolt
// writes can be damaged, and worse.
var tears = map[string]func(t *testing.T, file string){
	// The file grew after the meta page was read: pages the meta page
	// points to are missing (reading them is a memory fault).
	"truncated to its meta pages": func(t *testing.T, file string) {
		if err := os.Truncate(file, 2*int64(os.Getpagesize())); err != nil {
			t.Fatal(err)
		}
	},
	// Pages written after they were copied: zeros where the tree was.
	"data pages zeroed": func(t *testing.T, file string) {
		overwrite(t, file, 2*int64(os.Getpagesize()), make([]byte, 16*os.Getpagesize()))
	},
	// Pages half written: garbage in the tree.
	"data pages garbled": func(t *testing.T, file string) {
		overwrite(t, file, 2*int64(os.Getpagesize()), []byte(strings.Repeat("\xff\x01torn", 8*os.Getpagesize()/6)))
	},
	// Both meta pages torn.
	"meta pages zeroed": func(t *testing.T, file string) {
		overwrite(t, file, 0, make([]byte, 2*os.Getpagesize()))
	},
}

// overwrite writes data into file at offset off.
func overwrite(t *testing.T, file string, off int64, data []byte) {
	t.Helper()
	f, err := os.OpenFile(file, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(data, off); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// A torn copy is taken again: the snapshot of the third copy is sound.
func TestSnapshotRetriesTornCopies(t *testing.T) {
	for name, tear := range tears {
		t.Run(name, func(t *testing.T) {
			tmp := snapshotTemp(t)
			path, recs := snapshotProject(t)
			var attempts []int
			st, err := openSnapshot(path, func(src, dst string, attempt int) error {
				attempts = append(attempts, attempt)
				if err := copyFile(src, dst, attempt); err != nil {
					return err
				}
				if attempt < 2 {
					tear(t, dst)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(attempts, []int{0, 1, 2}) {
				t.Errorf("attempts %v, want 0 1 2", attempts)
			}
			checkSnapshot(t, st, path, recs, tmp)
		})
	}
}

// When every copy is torn, the snapshot fails with an error that names
// the original (not the copy), never a panic, and leaves nothing behind.
func TestSnapshotGivesUp(t *testing.T) {
	for name, tear := range tears {
		t.Run(name, func(t *testing.T) {
			tmp := snapshotTemp(t)
			path, _ := snapshotProject(t)
			n := 0
			st, err := openSnapshot(path, func(src, dst string, attempt int) error {
				n++
				if err := copyFile(src, dst, attempt); err != nil {
					return err
				}
				tear(t, dst)
				return nil
			})
			if err == nil {
				st.Close()
				t.Fatal("a torn copy opened")
			}
			if code := annotate.ErrorCode(err); code != annotate.EINTERNAL && code != annotate.EINVALID {
				t.Errorf("error %v has code %s", err, code)
			}
			if !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), tmp) {
				t.Errorf("error %q does not name the original, or names the copy", err)
			}
			if n != snapshotAttempts {
				t.Errorf("%d copies, want %d", n, snapshotAttempts)
			}
			wantEmpty(t, tmp)
		})
	}
}

// A snapshot of what is not a project says so as Open does, and copies
// nothing when there is nothing to copy.
func TestSnapshotRefuses(t *testing.T) {
	tmp := snapshotTemp(t)
	missing := tempPath(t)
	_, err := OpenSnapshot(missing)
	wantCode(t, err, annotate.ENOTFOUND)
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Error("the snapshot created the missing file")
	}
	dir := t.TempDir()
	_, err = OpenSnapshot(dir)
	wantCode(t, err, annotate.EINVALID)

	junk := tempPath(t)
	if err := os.WriteFile(junk, []byte(strings.Repeat("not a project ", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = OpenSnapshot(junk)
	wantCode(t, err, annotate.EINVALID)
	if want := "This is not a Claimdesk project file: " + junk + " (the file is damaged or of another kind)"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	wantEmpty(t, tmp)
}
