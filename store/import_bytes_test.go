package store

import (
	"bytes"
	"os"
	"testing"

	"claimdesk/annotate"
)

// TestFailedImportLeavesFileIdentical: an import that fails, at its first
// record or its last, leaves the project file byte for byte as it was,
// while the store is open and after it is closed; one that succeeds
// changes it.
func TestFailedImportLeavesFileIdentical(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	if _, err := s.Import(importRecords(t, 3), "ana"); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []int{0, 4} {
		recs := importRecords(t, 5)
		recs[0].Spans = append(recs[0].Spans, annotate.Span{Start: 0, End: 5, Label: "NEWLABEL"})
		recs[bad].Spans[0].End = annotate.RuneCount(recs[bad].Document.Text) + 1
		if _, err := s.Import(recs, "ana"); annotate.ErrorCode(err) != annotate.EINVALID {
			t.Fatalf("record %d bad: err = %v, want EINVALID", bad, err)
		}
		after, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(after, before) {
			t.Fatalf("a failed import (record %d bad) changed the open project file", bad)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(after, before) {
		t.Fatal("closing after failed imports changed the project file")
	}
	// The comparison sees an import that succeeds.
	s = mustOpen(t, path, Options{})
	if _, err := s.Import(importRecords(t, 5), "ana"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if after, _ := os.ReadFile(path); bytes.Equal(after, before) {
		t.Fatal("an import that succeeded left the file as it was")
	}
}
