package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// onBatch makes ImportStream call f after each batch but the last is
// committed, for the test.
func onBatch(t *testing.T, f func()) {
	afterBatch = f
	t.Cleanup(func() { afterBatch = nil })
}

// smallBatches makes ImportStream commit every n records for the test.
func smallBatches(t *testing.T, n int) {
	first, records := streamFirstRecords, streamBatchRecords
	streamFirstRecords, streamBatchRecords = n, n
	t.Cleanup(func() { streamFirstRecords, streamBatchRecords = first, records })
}

// streamOf returns a next function over recs that calls each (when not
// nil) before it returns the i-th record.
func streamOf(recs []annotate.Record, each func(i int) error) func() (annotate.Record, error) {
	i := 0
	return func() (annotate.Record, error) {
		if i == len(recs) {
			return annotate.Record{}, io.EOF
		}
		if each != nil {
			if err := each(i); err != nil {
				return annotate.Record{}, err
			}
		}
		i++
		return recs[i-1], nil
	}
}

// wantCounts fails unless the counts bucket holds a count of the file.
func wantCounts(t *testing.T, s *Store) {
	t.Helper()
	err := s.view(func(tx *bolt.Tx) error {
		stored, ok, err := readCounts(tx)
		if err != nil || !ok {
			t.Fatalf("counts %v, %v", ok, err)
		}
		want, err := countFile(tx)
		if err != nil {
			t.Fatal(err)
		}
		for k, n := range want {
			if n == 0 {
				delete(want, k)
			}
		}
		if !reflect.DeepEqual(stored, want) {
			t.Errorf("counts bucket %v, the file holds %v", stored, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// ImportStream stores what Import stores, over many batches: documents
// repeated across batches by id and by text, and documents already in
// the project, are recognised as by Import.
func TestImportStreamIsImport(t *testing.T) {
	smallBatches(t, 7)
	recs := importRecords(t, 40)
	// Already in the project: the first 5 documents, with one span each.
	before := make([]annotate.Record, 5)
	for i := range before {
		before[i] = recs[i]
		before[i].Spans = recs[i].Spans[:1]
		before[i].Relations = nil
	}
	// Repeated in the stream: record 3 by id in another batch (with a span
	// by another annotator), record 12 by text under another id.
	again := recs[3]
	extra := again.Spans[0]
	extra.ID, extra.Annotator = annotate.NewID(), "bea"
	again.Spans = []annotate.Span{extra}
	again.Relations = nil
	byText := recs[12]
	byText.Document.ID = annotate.NewID()
	// And record 37 by text in its own batch (35–41), before the batch's
	// texts are stored (stage.putSHAs).
	byTextNow := recs[37]
	byTextNow.Document.ID = annotate.NewID()
	stream := append(append([]annotate.Record(nil), recs[:39]...), byTextNow)
	stream = append(append(stream, recs[39:]...), again, byText)

	a, b := newStore(t), newStore(t)
	for _, s := range []*Store{a, b} {
		if _, err := s.Import(before, "ana"); err != nil {
			t.Fatal(err)
		}
	}
	want, err := a.Import(stream, "ana")
	if err != nil {
		t.Fatal(err)
	}
	got, err := b.ImportStream(streamOf(stream, nil), "ana")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ImportStream result %+v, Import's %+v", got, want)
	}
	if da, db := dump(t, a), dump(t, b); !reflect.DeepEqual(db, da) {
		t.Errorf("ImportStream stored\n%+v\nImport stored\n%+v", db, da)
	}
	sa, _ := a.Stats()
	sb, _ := b.Stats()
	if !reflect.DeepEqual(sa, sb) {
		t.Errorf("stats after ImportStream %+v, after Import %+v", sb, sa)
	}
	wantCounts(t, b)
	// Importing the stream again adds nothing.
	res, err := b.ImportStream(streamOf(stream, nil), "ana")
	if err != nil || res.Documents != 0 || res.Spans != 0 || res.Skipped != len(stream) {
		t.Errorf("again: %+v, %v", res, err)
	}
}

// While an import runs, readers see the project as it was; a failure in
// any batch, or of the stream itself, leaves it as it was.
func TestImportStreamAllOrNothing(t *testing.T) {
	smallBatches(t, 4)
	s := newStore(t)
	old := importRecords(t, 3)
	if _, err := s.Import(old, "ana"); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	stats, _ := s.Stats()
	recs := importRecords(t, 20)
	// A record of a stored document with a new span: put aside until the
	// end, and dropped with the rest.
	more := old[1]
	more.Spans = []annotate.Span{span(t, more.Document.ID, more.Document.Text, "Tehran", 0, annotate.LabelActor)}
	more.Relations = nil
	recs = append(recs[:5], append([]annotate.Record{more}, recs[5:]...)...)
	// A label and a link type the project does not have yet: staged
	// documents use them before the end of the import stores them.
	place := span(t, recs[2].Document.ID, recs[2].Document.Text, "Tehran", 0, "PLACE")
	recs[2].Spans = append(recs[2].Spans, place)
	recs[2].Relations = append(recs[2].Relations, annotate.Relation{ID: annotate.NewID(), Type: "NEAR", From: place.ID, To: recs[2].Spans[0].ID})

	batches := 0
	readers := func() {
		batches++
		if got := dump(t, s); !reflect.DeepEqual(got, before) {
			t.Errorf("batch %d: readers see the staged import", batches)
		}
		if st, _ := s.Stats(); !reflect.DeepEqual(st, stats) {
			t.Errorf("batch %d: stats count the staged import: %+v", batches, st)
		}
		// recs[3] is new, and staged in the first batch.
		_, err := s.Document(recs[3].Document.ID)
		wantCode(t, err, annotate.ENOTFOUND)
		_, err = s.ImportStream(streamOf(recs[:10], nil), "ana") // more than a batch: staged
		wantCode(t, err, annotate.ECONFLICT)
		// The text of a staged document cannot be added meanwhile,
		// nor can Import write into a staged document.
		d := recs[3].Document
		d.ID = annotate.NewID()
		wantCode(t, s.AddDocument(d), annotate.ECONFLICT)
		_, err = s.Import(recs[3:4], "ana")
		wantCode(t, err, annotate.ECONFLICT)
		if err := s.Check(); err != nil {
			t.Errorf("batch %d: check during the import: %v", batches, err)
		}
	}

	bad := recs[17]
	bad.Spans = []annotate.Span{{ID: "x", Start: 5, End: 1, Label: annotate.LabelActor}}
	failing := append(append([]annotate.Record(nil), recs[:17]...), bad)
	onBatch(t, readers)
	_, err := s.ImportStream(streamOf(failing, nil), "ana")
	var re *annotate.RecordError
	if !errors.As(err, &re) || re.Index != 17 {
		t.Fatalf("error %v, want record 17's", err)
	}
	if batches != 4 {
		t.Errorf("readers looked after %d batches, want 4", batches)
	}
	boom := errors.New("the disk is on fire")
	_, err = s.ImportStream(streamOf(recs, func(i int) error {
		if i == 13 {
			return boom
		}
		return nil
	}), "ana")
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want the stream's", err)
	}
	if got := dump(t, s); !reflect.DeepEqual(got, before) {
		t.Error("a failed import left something behind")
	}
	if st, _ := s.Stats(); !reflect.DeepEqual(st, stats) {
		t.Errorf("stats after failed imports %+v, want %+v", st, stats)
	}
	// The put-aside record of a stored document arrives with the rest.
	res, err := s.ImportStream(streamOf(recs, nil), "ana")
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 17 || res.Spans != 36 || res.Skipped != 2 || !reflect.DeepEqual(res.NewLabels, []string{"PLACE"}) { // 3 texts are old's, one gets a span
		t.Errorf("result %+v", res)
	}
	wantCounts(t, s)
}

// An import that never ended (the program was killed) leaves the project
// file as it was and its copy beside it, which the next read-write open
// removes. The copy itself, opened as a project, holds the staged import:
// invisible to a read-only open, rolled back by a read-write one.
func TestImportStreamKilled(t *testing.T) {
	smallBatches(t, 3)
	s := newStore(t)
	old := importRecords(t, 2)
	if _, err := s.Import(old, "ana"); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	sum := fileSum(t, s.Path())
	copyPath := filepath.Join(t.TempDir(), "killed.claimdesk")
	recs := importRecords(t, 10)
	for i := range recs {
		recs[i].Entities = map[string]annotate.Entity{"wang": {Name: "Wang Yi " + recs[i].Document.ID}}
		recs[i].Spans[0].Entity = "wang"
	}
	// The import's copy in the middle of the import (between batches, no
	// transaction runs) is the copy as a kill at that moment leaves it.
	copies := func() []string {
		names, err := filepath.Glob(filepath.Join(filepath.Dir(s.Path()), ".test.claimdesk.import-*.tmp"))
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	batches := 0
	onBatch(t, func() {
		if batches++; batches != 2 {
			return
		}
		names := copies()
		if len(names) != 1 {
			t.Fatalf("copies of the project during the import: %q", names)
		}
		if err := copyFile(names[0], copyPath, 0); err != nil {
			t.Fatal(err)
		}
		if fileSum(t, s.Path()) != sum {
			t.Error("the import changed the project file before its end")
		}
	})
	_, err := s.ImportStream(streamOf(recs, nil), "ana")
	if err != nil {
		t.Fatal(err)
	}
	onBatch(t, nil)
	if names := copies(); len(names) != 0 {
		t.Errorf("the import left %q", names)
	}
	// The copy a kill leaves is removed by the next read-write open,
	// once nothing has written it for a while (a running import's copy
	// is written all the time).
	leftover := filepath.Join(filepath.Dir(s.Path()), ".test.claimdesk.import-123.tmp")
	if err := copyFile(copyPath, leftover, 0); err != nil {
		t.Fatal(err)
	}
	s.Close()
	mustOpen(t, s.Path(), Options{}).Close()
	if names := copies(); len(names) != 1 {
		t.Errorf("an open removed a copy just written: %q", names)
	}
	hourAgo := time.Now().Add(-time.Hour)
	if err := os.Chtimes(leftover, hourAgo, hourAgo); err != nil {
		t.Fatal(err)
	}
	mustOpen(t, s.Path(), Options{ReadOnly: true}).Close()
	if names := copies(); len(names) != 1 {
		t.Errorf("a read-only open removed the copy: %q", names)
	}
	mustOpen(t, s.Path(), Options{})
	if names := copies(); len(names) != 0 {
		t.Errorf("a read-write open left %q", names)
	}

	ro := mustOpen(t, copyPath, Options{ReadOnly: true})
	err = ro.view(func(tx *bolt.Tx) error {
		n := 0
		tx.Bucket(bucketStaging).Bucket(stagingIDs).ForEach(func(_, _ []byte) error { n++; return nil })
		if n != 4 { // of the first two batches' 6 records, 2 are old's documents
			t.Errorf("the copy holds %d staged documents, want 4", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := dump(t, ro); !reflect.DeepEqual(got, before) {
		t.Error("a read-only open sees the unfinished import")
	}
	if st, err := ro.Stats(); err != nil || st.Entities != 0 || st.Documents != len(old) {
		t.Errorf("stats count the unfinished import: %+v, %v", st, err)
	}
	if es, err := ro.Entities(); err != nil || len(es) != 0 {
		t.Errorf("a read-only open lists the unfinished import's actors: %v, %v", es, err)
	}
	if err := ro.Check(); err != nil {
		t.Errorf("check of a file with an unfinished import: %v", err)
	}
	ro.Close()

	rw := mustOpen(t, copyPath, Options{})
	if got := dump(t, rw); !reflect.DeepEqual(got, before) {
		t.Error("the unfinished import is there after a read-write open")
	}
	if es, _ := rw.Entities(); len(es) != 0 {
		t.Errorf("the unfinished import's %d actors are still there", len(es))
	}
	err = rw.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketStaging) != nil || hasPendingImport(tx) {
			t.Error("the staging bucket or the import key is still there")
		}
		n := 0
		tx.Bucket(bucketDocs).ForEach(func(_, _ []byte) error { n++; return nil })
		if n != len(old) {
			t.Errorf("%d document buckets, want %d", n, len(old))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rw)
	// And the same import then goes through.
	if _, err := rw.ImportStream(streamOf(recs, nil), "ana"); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rw)
}

// A stream that ends within its first batch is one transaction: when it
// fails, the file keeps its bytes, as with Import.
func TestImportStreamSmallKeepsBytes(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	if _, err := s.Import(importRecords(t, 2), "ana"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	sum := fileSum(t, path)
	s = mustOpen(t, path, Options{})
	recs := importRecords(t, 5)
	recs[4].Spans[0].Label = "bad label"
	_, err := s.ImportStream(streamOf(recs, nil), "ana")
	var re *annotate.RecordError
	if !errors.As(err, &re) || re.Index != 4 {
		t.Fatalf("error %v, want record 4's", err)
	}
	_, err = s.ImportStream(streamOf(recs, func(i int) error {
		if i == 3 {
			return errors.New("line 4 is not JSON")
		}
		return nil
	}), "ana")
	if err == nil {
		t.Fatal("no error from a failing stream")
	}
	s.Close()
	if fileSum(t, path) != sum {
		t.Error("a small failed import changed the file's bytes")
	}
}

// The filter of the texts an import has seen never forgets one, and
// seldom claims one it has not seen.
func TestStageSeen(t *testing.T) {
	var st stage
	if st.mayHave(annotate.TextSHA256("never")) {
		t.Error("an empty filter has seen a text")
	}
	for i := range 10_000 {
		st.saw(annotate.TextSHA256(fmt.Sprint("seen ", i)))
	}
	for i := range 10_000 {
		if !st.mayHave(annotate.TextSHA256(fmt.Sprint("seen ", i))) {
			t.Fatalf("text %d forgotten", i)
		}
	}
	wrong := 0
	for i := range 100_000 {
		if st.mayHave(annotate.TextSHA256(fmt.Sprint("not seen ", i))) {
			wrong++
		}
	}
	if wrong > 10 { // about 1 in 2.5 million is expected at 10,000 texts
		t.Errorf("%d of 100,000 texts not seen are said to be", wrong)
	}
	if !st.mayHave("not a SHA-256") {
		t.Error("a sum that is not hex SHA-256 is not looked up")
	}
}

// A large import that fails after its first transaction leaves the
// project file byte for byte as it was, and no copy beside it: for a
// record refused, for an error of the stream, and for a change committed
// into the file under the import. One that succeeds replaces the file,
// keeps its permissions, and the Store goes on with the new file.
func TestImportStreamFailedKeepsBytes(t *testing.T) {
	smallBatches(t, 5)
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	if _, err := s.Import(importRecords(t, 30), "ana"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	sum := fileSum(t, path)
	s = mustOpen(t, path, Options{})
	recs := importRecords(t, 40)
	bad := append([]annotate.Record(nil), recs...)
	bad[31].Spans = []annotate.Span{{ID: "x", Start: 5, End: 1, Label: annotate.LabelActor}}
	batches := 0
	onBatch(t, func() { batches++ })
	_, err := s.ImportStream(streamOf(bad, nil), "ana")
	var re *annotate.RecordError
	if !errors.As(err, &re) || re.Index != 31 {
		t.Fatalf("error %v, want record 31's", err)
	}
	if batches < 2 {
		t.Fatalf("the import failed after %d batches, want a failure after the first transaction", batches)
	}
	_, err = s.ImportStream(streamOf(recs, func(i int) error {
		if i == 27 {
			return errors.New("line 28 is not JSON")
		}
		return nil
	}), "ana")
	if err == nil || !strings.Contains(err.Error(), "line 28") {
		t.Fatalf("error %v, want the stream's", err)
	}
	// A change committed into the file under the import (not through
	// the Store's methods, which refuse it meanwhile).
	batches = 0
	onBatch(t, func() {
		wantCode(t, s.SetStatus(recs[0].Document.ID, annotate.StatusDone), annotate.ECONFLICT)
		if batches++; batches == 3 {
			err := s.handle().Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put([]byte("x"), []byte("y")) })
			if err != nil {
				t.Fatal(err)
			}
		}
	})
	_, err = s.ImportStream(streamOf(recs, nil), "ana")
	wantCode(t, err, annotate.ECONFLICT)
	err = s.handle().Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete([]byte("x")) })
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fileSum(t, path) == sum {
		t.Fatal("the change under the import was not made")
	}
	// Bytes again, now of the file as the change left it.
	sum = fileSum(t, path)
	s = mustOpen(t, path, Options{})
	_, err = s.ImportStream(streamOf(bad, nil), "ana")
	if !errors.As(err, &re) || re.Index != 31 {
		t.Fatalf("error %v, want record 31's", err)
	}
	s.Close()
	if fileSum(t, path) != sum {
		t.Error("a failed import changed the project file's bytes")
	}
	if names, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp")); len(names) != 0 {
		t.Errorf("failed imports left %q", names)
	}

	onBatch(t, nil)
	s = mustOpen(t, path, Options{})
	res, err := s.ImportStream(streamOf(recs, nil), "ana")
	if err != nil || res.Documents != 10 {
		t.Fatalf("import %+v, %v", res, err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o640 {
		t.Errorf("the project's mode after the import: %v, %v", info.Mode(), err)
	}
	if err := s.SetStatus(recs[39].Document.ID, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, s)
	s.Close()
	s = mustOpen(t, path, Options{ReadOnly: true})
	if d, err := s.Document(recs[39].Document.ID); err != nil || d.Status != annotate.StatusDone {
		t.Errorf("after the import and a change: %+v, %v", d, err)
	}
}

// On Windows, where no file is renamed over an open one, the import
// closes both files, renames, and opens the project again: the same
// result, and the Store goes on.
func TestImportStreamReplaceClosed(t *testing.T) {
	renameOverOpen = false
	t.Cleanup(func() { renameOverOpen = true })
	smallBatches(t, 4)
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	recs := importRecords(t, 10)
	res, err := s.ImportStream(streamOf(recs, nil), "ana")
	if err != nil || res.Documents != 10 {
		t.Fatalf("import %+v, %v", res, err)
	}
	if err := s.SetStatus(recs[3].Document.ID, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, s)
	if names, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*")); len(names) != 0 {
		t.Errorf("left %q", names)
	}
	// And a new project, published by the import.
	path2 := filepath.Join(filepath.Dir(path), "new.claimdesk")
	n, err := CreateNew(path2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.ImportStream(streamOf(recs, nil), "ana"); err != nil {
		t.Fatal(err)
	}
	n.Close()
	if names, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*")); len(names) != 0 {
		t.Errorf("left %q", names)
	}
	n = mustOpen(t, path2, Options{ReadOnly: true})
	if st, err := n.Stats(); err != nil || st.Documents != 10 {
		t.Errorf("%+v, %v", st, err)
	}
}
