package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// fileImport returns the record of an import of a file named name whose
// sum is made of c.
func fileImport(c byte, name, annotator string) annotate.FileImport {
	return annotate.FileImport{SHA256: strings.Repeat(string(c), 64), Name: name, Annotator: annotator}
}

// TestFileImportsRecorded: an import records the files it took, with
// who imported them and when, in its transaction; a later import of the
// same sum adds a record after the first; the record survives reopening.
func TestFileImportsRecorded(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	if got, err := s.FileImports(strings.Repeat("a", 64)); err != nil || got != nil {
		t.Fatalf("a new project has file imports %v, %v", got, err)
	}
	before := time.Now().UTC().Add(-time.Second)
	recs := []annotate.Record{{Document: annotate.Document{Text: "Wang Yi met Mr Jafari."}}}
	res, err := s.ImportStreamFiles(streamOf(recs, nil), "ana", filesOf(fileImport('a', "news.jsonl", "ana")))
	if err != nil || res.Documents != 1 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	res, err = s.ImportStreamFiles(streamOf(recs, nil), "bo", filesOf(fileImport('a', "copy.jsonl", "bo")))
	if err != nil || res.Documents != 0 {
		t.Fatalf("second import: %+v, %v", res, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, path, Options{})
	got, err := s.FileImports(strings.Repeat("a", 64))
	if err != nil || len(got) != 2 {
		t.Fatalf("file imports %+v, %v", got, err)
	}
	for i, want := range []struct{ name, annotator string }{{"news.jsonl", "ana"}, {"copy.jsonl", "bo"}} {
		f := got[i]
		if f.Name != want.name || f.Annotator != want.annotator || f.SHA256 != strings.Repeat("a", 64) {
			t.Errorf("import %d: %+v, want %s by %s", i, f, want.name, want.annotator)
		}
		if f.Time.Before(before) || f.Time.After(time.Now().Add(time.Second)) || f.Time.Location() != time.UTC {
			t.Errorf("import %d at %v, not now in UTC", i, f.Time)
		}
	}
	if got, err := s.FileImports(strings.Repeat("b", 64)); err != nil || got != nil {
		t.Errorf("another sum has file imports %v, %v", got, err)
	}
}

// TestFileImportsStaged: a streamed import of many batches records its
// files in the transaction that ends it (the flip), not before; a failed
// one records nothing and leaves the file as it was.
func TestFileImportsStaged(t *testing.T) {
	smallBatches(t, 2)
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	var recs []annotate.Record
	for i := range 7 {
		recs = append(recs, annotate.Record{Document: annotate.Document{Text: fmt.Sprintf("Document %d.", i)}})
	}
	sum := strings.Repeat("c", 64)
	seenDuring := -1
	onBatch(t, func() {
		got, err := s.FileImports(sum)
		if err != nil {
			t.Error(err)
		}
		seenDuring = max(seenDuring, len(got))
	})
	res, err := s.ImportStreamFiles(streamOf(recs, nil), "ana", filesOf(annotate.FileImport{SHA256: sum, Name: "many.jsonl", Annotator: "ana"}))
	if err != nil || res.Documents != 7 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	if seenDuring != 0 {
		t.Errorf("the file import was visible during the import (%d)", seenDuring)
	}
	if got, err := s.FileImports(sum); err != nil || len(got) != 1 || got[0].Name != "many.jsonl" {
		t.Fatalf("file imports %+v, %v", got, err)
	}

	// A failed import, staged or not, records nothing.
	for _, n := range []int{1, 5} {
		bad := append([]annotate.Record(nil), recs[:n]...)
		bad = append(bad, annotate.Record{Document: annotate.Document{Text: "x"}, Spans: []annotate.Span{{Start: 0, End: 9, Label: "ACTOR"}}})
		other := strings.Repeat("d", 64)
		if _, err := s.ImportStreamFiles(streamOf(bad, nil), "bo", filesOf(annotate.FileImport{SHA256: other, Name: "bad.jsonl"})); err == nil {
			t.Fatalf("%d records: a span outside its text imported", n)
		}
		if got, err := s.FileImports(other); err != nil || got != nil {
			t.Errorf("%d records: a failed import recorded %+v, %v", n, got, err)
		}
	}
}

// TestFileImportsReadOnly: a read-only project reads its file imports.
func TestFileImportsReadOnly(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	recs := []annotate.Record{{Document: annotate.Document{Text: "Wang Yi met Mr Jafari."}}}
	if _, err := s.ImportStreamFiles(streamOf(recs, nil), "ana", filesOf(fileImport('e', "a.jsonl", "ana"))); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro := mustOpen(t, path, Options{ReadOnly: true})
	if got, err := ro.FileImports(strings.Repeat("e", 64)); err != nil || len(got) != 1 {
		t.Errorf("read-only: %+v, %v", got, err)
	}
}

// filesOf returns an ImportStreamFiles argument giving files.
func filesOf(files ...annotate.FileImport) func() ([]annotate.FileImport, error) {
	return func() ([]annotate.FileImport, error) { return files, nil }
}

// TestFileImportsError: an error of the files function fails the import,
// which stores nothing, streamed or not.
func TestFileImportsError(t *testing.T) {
	smallBatches(t, 2)
	s := newStore(t)
	for _, n := range []int{1, 5} {
		var recs []annotate.Record
		for i := range n {
			recs = append(recs, annotate.Record{Document: annotate.Document{Text: fmt.Sprintf("Document %d.", i)}})
		}
		fail := errors.New("no sum")
		_, err := s.ImportStreamFiles(streamOf(recs, nil), "ana", func() ([]annotate.FileImport, error) { return nil, fail })
		if !errors.Is(err, fail) {
			t.Fatalf("%d records: err = %v, want %v", n, err, fail)
		}
		if st, err := s.Stats(); err != nil || st.Documents != 0 {
			t.Errorf("%d records: a failed import stored %+v, %v", n, st, err)
		}
	}
}

// TestFileImportsChecked: Check finds a files bucket whose key is not a
// SHA-256 or whose value cannot be read.
func TestFileImportsChecked(t *testing.T) {
	s := newStore(t)
	recs := []annotate.Record{{Document: annotate.Document{Text: "Wang Yi met Mr Jafari."}}}
	if _, err := s.ImportStreamFiles(streamOf(recs, nil), "ana", filesOf(fileImport('f', "a.jsonl", "ana"))); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("check: %v", err)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFiles)
		if err := b.Put([]byte("not a sum"), []byte("[]")); err != nil {
			return err
		}
		return b.Put([]byte(strings.Repeat("0", 64)), []byte("{"))
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Check()
	if err == nil || !strings.Contains(err.Error(), `key "not a sum" is not a SHA-256`) || !strings.Contains(err.Error(), "cannot be read") {
		t.Errorf("check: %v", err)
	}
	// Leave the project sound for the cleanup's check.
	err = s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFiles)
		if err := b.Delete([]byte("not a sum")); err != nil {
			return err
		}
		return b.Delete([]byte(strings.Repeat("0", 64)))
	})
	if err != nil {
		t.Fatal(err)
	}
}
