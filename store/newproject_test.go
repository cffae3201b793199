package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"claimdesk/annotate"
)

// hidden returns the hidden files beside path.
func hidden(t *testing.T, path string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(filepath.Dir(path), ".*"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// A project CreateNew makes appears at its path only when published: a
// small import then Publish, or a large import (ImportStream into a
// copy), which publishes it itself. Closed before, it leaves nothing; a
// killed one leaves a hidden file, which the next CreateNew removes.
func TestCreateNew(t *testing.T) {
	smallBatches(t, 4)
	path := tempPath(t)
	s, err := CreateNew(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("Path %q, want %q", s.Path(), path)
	}
	if _, err := s.Import(importRecords(t, 2), "ana"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the project is at its path before Publish: %v", err)
	}
	s.Close()
	if names := hidden(t, path); len(names) != 0 {
		t.Errorf("closed unpublished, it left %q", names)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("closed unpublished, it is at its path: %v", err)
	}

	// Published.
	s, err = CreateNew(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(importRecords(t, 2), "ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(); err != nil {
		t.Fatal(err)
	}
	if err := s.AddDocument(annotate.NewDocument("after", "test", "Written after Publish.", testTime)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if names := hidden(t, path); len(names) != 0 {
		t.Errorf("published, it left %q", names)
	}
	s = mustOpen(t, path, Options{ReadOnly: true})
	if st, err := s.Stats(); err != nil || st.Documents != 3 {
		t.Errorf("the published project: %+v, %v", st, err)
	}
	s.Close()
	if _, err := CreateNew(path); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("CreateNew over a project: %v", err)
	}

	// A large import publishes it; in the middle, nothing is at the path.
	path2 := filepath.Join(filepath.Dir(path), "large.claimdesk")
	s, err = CreateNew(path2)
	if err != nil {
		t.Fatal(err)
	}
	onBatch(t, func() {
		if _, err := os.Stat(path2); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("during the import, the project is at its path: %v", err)
		}
	})
	recs := importRecords(t, 12)
	if _, err := s.ImportStream(streamOf(recs, nil), "ana"); err != nil {
		t.Fatal(err)
	}
	onBatch(t, nil)
	if err := s.Publish(); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(recs[0].Document.ID, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if names := hidden(t, path2); len(names) != 0 {
		t.Errorf("the large import left %q", names)
	}
	s = mustOpen(t, path2, Options{ReadOnly: true})
	if st, err := s.Stats(); err != nil || st.Documents != 12 || st.ByStatus[annotate.StatusDone] != 1 {
		t.Errorf("the project of the large import: %+v, %v", st, err)
	}
	s.Close()

	// What a kill leaves: the hidden file, removed by the next CreateNew
	// when no process has it open; one that is open stays.
	path3 := filepath.Join(filepath.Dir(path), "killed.claimdesk")
	busy, err := CreateNew(path3)
	if err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(filepath.Dir(path), ".killed.claimdesk.new-1.tmp")
	if err := copyFile(busy.pending, leftover, 0); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	for _, f := range []string{leftover, busy.pending} {
		if err := os.Chtimes(f, old, old); err != nil {
			t.Fatal(err)
		}
	}
	s, err = CreateNew(path3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(leftover); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the leftover of a killed import is still there: %v", err)
	}
	if _, err := os.Stat(busy.pending); err != nil {
		t.Errorf("the file of a project being made was removed: %v", err)
	}
	busy.Close()
	s.Close()
	if names := hidden(t, path3); len(names) != 0 {
		t.Errorf("left %q", names)
	}
}
