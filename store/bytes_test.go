package store

import (
	"testing"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// A read-write open of a current project writes nothing, and neither does
// a rejected import nor any failing change: the file's bytes, not only
// its contents, stay as they were.
func TestFailedChangesKeepBytes(t *testing.T) {
	text := article(t)
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	d := annotate.NewDocument("China", "test", text, testTime)
	if err := s.AddDocument(d); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	sum := fileSum(t, path)

	s = mustOpen(t, path, Options{})
	if fileSum(t, path) != sum {
		t.Fatal("a read-write open of a current project changed the file")
	}
	// A large import whose last record is refused: it allocates well past
	// the file's size before it fails.
	recs := importRecords(t, 300)
	recs = append(recs, annotate.Record{Document: annotate.Document{ID: d.ID, Text: "another text"}})
	_, err := s.Import(recs, "ana")
	wantCode(t, err, annotate.EINVALID)
	wantCode(t, s.AddSpan(annotate.NewSpan(d.ID, 0, 1, "NOPE", "ana", testTime)), annotate.EINVALID)
	wantCode(t, s.SetStatus("missing", annotate.StatusDone), annotate.ENOTFOUND)
	wantCode(t, second(s.DeleteSpan(d.ID, "missing")), annotate.ENOTFOUND)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != sum {
		t.Error("failed changes changed the file's bytes")
	}
}

// An open that must write (a new file, a migration) still commits, and
// the next open then writes nothing.
func TestOpenWritesOnlyWhenNeeded(t *testing.T) {
	path := tempPath(t)
	makeV0(t, path, article(t))
	before := fileSum(t, path)
	s := mustOpen(t, path, Options{})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	migrated := fileSum(t, path)
	if migrated == before {
		t.Fatal("the migration wrote nothing")
	}
	s = mustOpen(t, path, Options{})
	err := s.db.View(func(tx *bolt.Tx) error {
		v, ok, err := readSchema(tx, path)
		if err != nil || !ok || v != schemaVersion {
			t.Errorf("schema %d, %v, %v after migration", v, ok, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != migrated {
		t.Error("reopening a migrated project changed it")
	}
}
