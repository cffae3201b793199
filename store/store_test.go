package store

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

func TestOpenCreatesProject(t *testing.T) {
	s := newStore(t)
	labels, err := s.Labels()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(labels, annotate.LabelSet(annotate.DefaultLabels())) {
		t.Errorf("labels %v", labels)
	}
	docs, err := s.Documents()
	if err != nil || len(docs) != 0 {
		t.Errorf("documents %v, %v", docs, err)
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	want := map[annotate.Status]int{annotate.StatusTodo: 0, annotate.StatusInProgress: 0, annotate.StatusDone: 0}
	if st.Documents != 0 || st.Spans != 0 || !reflect.DeepEqual(st.ByStatus, want) {
		t.Errorf("stats %+v", st)
	}
	if s.ReadOnly() || s.Path() == "" {
		t.Errorf("read-only %v, path %q", s.ReadOnly(), s.Path())
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		v, ok, err := readSchema(tx, s.path)
		if err != nil || !ok || v != schemaVersion {
			t.Errorf("schema %d %v %v", v, ok, err)
		}
		if _, err := time.Parse(time.RFC3339, string(tx.Bucket(bucketMeta).Get(keyCreated))); err != nil {
			t.Errorf("created: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	text := article(t)
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	var recs []annotate.Record
	for i, title := range []string{"first", "second", "third", "fourth"} {
		d := annotate.NewDocument(title, "test", fmt.Sprintf("%d. %s", i, text), testTime)
		recs = append(recs, annotate.Record{Document: d})
	}
	// Ids that sort in the opposite order of import: the order must be the
	// import order, not the id order.
	for i := range recs {
		recs[i].Document.ID = fmt.Sprintf("doc-%d", 9-i)
	}
	if _, err := s.Import(recs, "ana"); err != nil {
		t.Fatal(err)
	}
	d0 := recs[0].Document
	sp := span(t, d0.ID, d0.Text, "Wang Yi", 0, annotate.LabelActor)
	if err := s.AddSpan(sp); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(recs[2].Document.ID, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import([]annotate.Record{{Document: recs[1].Document, Spans: []annotate.Span{{Start: 0, End: 1, Label: "EVENT"}}}}, "bob"); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	labels, _ := s.Labels()
	docs, _ := s.Documents()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = mustOpen(t, path, Options{})
	after := dump(t, s)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("records changed on reopen:\n%+v\n%+v", before, after)
	}
	labels2, _ := s.Labels()
	if !reflect.DeepEqual(labels, labels2) || len(labels2) != 4 || labels2[3].Name != "EVENT" {
		t.Errorf("labels %v, then %v", labels, labels2)
	}
	docs2, _ := s.Documents()
	if !reflect.DeepEqual(docs, docs2) {
		t.Errorf("documents %v, then %v", docs, docs2)
	}
	var ids []string
	for _, d := range docs2 {
		ids = append(ids, d.ID)
	}
	if got := strings.Join(ids, " "); got != "doc-9 doc-8 doc-7 doc-6" {
		t.Errorf("order %s", got)
	}
	// The second document received a span by import: in progress.
	want := []annotate.Status{annotate.StatusInProgress, annotate.StatusInProgress, annotate.StatusDone, annotate.StatusTodo}
	for i, d := range docs2 {
		if d.Status != want[i] {
			t.Errorf("document %d status %s, want %s", i, d.Status, want[i])
		}
	}
	if docs2[0].Spans != 1 || docs2[1].Spans != 1 || docs2[2].Spans != 0 {
		t.Errorf("span counts %+v", docs2)
	}
	got, err := s.Spans(d0.ID)
	if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], sp) {
		t.Errorf("spans %+v %v, want %+v", got, err, sp)
	}
	doc, err := s.Document(d0.ID)
	if err != nil || doc.Text != d0.Text || doc.SHA256 != d0.SHA256 || !doc.Created.Equal(d0.Created) {
		t.Errorf("document %+v %v", doc, err)
	}
}

func TestOpenReadOnlyMissing(t *testing.T) {
	path := tempPath(t)
	_, err := Open(path, Options{ReadOnly: true})
	wantCode(t, err, annotate.ENOTFOUND)
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the path", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a read-only open created the file: %v", err)
	}
}

// checkLocked opens path with a short timeout and checks that it fails
// with ELOCKED, in reasonable time.
func checkLocked(t *testing.T, path string, readOnly bool) {
	t.Helper()
	start := time.Now()
	s, err := Open(path, Options{ReadOnly: readOnly, Timeout: 200 * time.Millisecond})
	elapsed := time.Since(start)
	if err == nil {
		s.Close()
		t.Fatalf("read-only %v: opened a file another open holds", readOnly)
	}
	wantCode(t, err, annotate.ELOCKED)
	want := "project file " + path + " is in use by another program (open in a Claimdesk window? export from that window's File → Export…, or close it first)"
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if elapsed > 5*time.Second {
		t.Errorf("the open waited %v with a 200ms timeout", elapsed)
	}
}

// On Linux, flock locks belong to open file descriptions: a second open of
// the same file in this process conflicts like another process would.
func TestLockedSameProcess(t *testing.T) {
	path := tempPath(t)
	mustOpen(t, path, Options{})
	checkLocked(t, path, false)
	checkLocked(t, path, true)
	// Timeout 0 means DefaultTimeout, not forever.
	start := time.Now()
	_, err := Open(path, Options{})
	wantCode(t, err, annotate.ELOCKED)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the default timeout waited %v", d)
	}
}

// The store is used from several goroutines: the GUI's and background
// work.
func TestConcurrentUse(t *testing.T) {
	text := article(t)
	s := newStore(t)
	d := annotate.NewDocument("China", "test", text, testTime)
	if err := s.AddDocument(d); err != nil {
		t.Fatal(err)
	}
	start, end := find(t, text, "China", 2)
	done := make(chan error)
	for g := range 4 {
		go func() {
			for i := range 10 {
				// One span each of 40 annotators: no two share a natural key.
				who := fmt.Sprintf("annotator %d.%d", g, i)
				if err := s.AddSpan(annotate.NewSpan(d.ID, start, end, annotate.LabelActor, who, time.Now())); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
		go func() {
			for range 10 {
				if _, err := s.Documents(); err != nil {
					done <- err
					return
				}
				if err := s.ForEachRecord(func(annotate.Record) error { return nil }); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	if docs, _ := s.Documents(); docs[0].Spans != 40 {
		t.Errorf("%d spans, want 40", docs[0].Spans)
	}
}

const lockHelperEnv = "CLAIMDESK_STORE_TEST_LOCK_HELPER"

// TestLockHelperProcess is not a test: TestLockedOtherProcess runs the test
// binary with it as a child process that holds a project open until its
// standard input closes.
func TestLockHelperProcess(t *testing.T) {
	path := os.Getenv(lockHelperEnv)
	if path == "" {
		t.Skip("only run as a child process of TestLockedOtherProcess")
	}
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n')
	s.Close()
	os.Exit(0)
}

// holdInChild runs the test binary as a child process (TestLockHelperProcess)
// that holds the project at path open read-write, and returns when it does.
// release closes the project and waits for the child to end.
func holdInChild(t *testing.T, path string) (release func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelperProcess$")
	cmd.Env = append(os.Environ(), lockHelperEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		t.Fatalf("the child process said %q (%v)", line, err)
	}
	return func() {
		t.Helper()
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child process: %v", err)
		}
	}
}

func TestLockedOtherProcess(t *testing.T) {
	path := tempPath(t)
	release := holdInChild(t, path)
	checkLocked(t, path, false)
	checkLocked(t, path, true)
	release()
	// Released: the file opens now.
	mustOpen(t, path, Options{Timeout: 200 * time.Millisecond})
}

func TestReadOnlyChangesNothing(t *testing.T) {
	text := article(t)
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	d := annotate.NewDocument("China", "test", text, testTime)
	sp := span(t, d.ID, text, "Wang Yi", 0, annotate.LabelClaim)
	sp2 := span(t, d.ID, text, "Mr Jafari", 0, annotate.LabelActor)
	rel := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: sp.ID, To: sp2.ID}
	if _, err := s.Import([]annotate.Record{{Document: d, Spans: []annotate.Span{sp, sp2}, Relations: []annotate.Relation{rel}}}, "ana"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	sum := fileSum(t, path)
	info, _ := os.Stat(path)

	ro := mustOpen(t, path, Options{ReadOnly: true})
	if !ro.ReadOnly() {
		t.Error("ReadOnly() is false")
	}
	// Every read.
	if _, err := ro.Labels(); err != nil {
		t.Error(err)
	}
	if docs, err := ro.Documents(); err != nil || len(docs) != 1 {
		t.Error(docs, err)
	}
	if _, err := ro.Document(d.ID); err != nil {
		t.Error(err)
	}
	if spans, err := ro.Spans(d.ID); err != nil || len(spans) != 2 {
		t.Error(spans, err)
	}
	if rels, err := ro.Relations(d.ID); err != nil || len(rels) != 1 {
		t.Error(rels, err)
	}
	if _, err := ro.Stats(); err != nil {
		t.Error(err)
	}
	if ts, err := ro.RelationTypes(); err != nil || len(ts) != 2 {
		t.Error(ts, err)
	}
	if err := ro.ForEachRecord(func(annotate.Record) error { return nil }); err != nil {
		t.Error(err)
	}
	if err := ro.Check(); err != nil {
		t.Error(err)
	}
	var buf bytes.Buffer
	if _, err := ro.Backup(&buf); err != nil {
		t.Error(err)
	}
	// Every change.
	upd := sp
	upd.Label = annotate.LabelDenial
	for name, err := range map[string]error{
		"AddSpan":        ro.AddSpan(span(t, d.ID, text, "China", 0, annotate.LabelActor)),
		"UpdateSpan":     ro.UpdateSpan(upd),
		"DeleteSpan":     second(ro.DeleteSpan(d.ID, sp.ID)),
		"RestoreSpan":    ro.RestoreSpan(sp, nil),
		"SetStatus":      ro.SetStatus(d.ID, annotate.StatusDone),
		"AddRelation":    ro.AddRelation(d.ID, annotate.Relation{ID: "r2", Type: annotate.RelationTarget, From: sp.ID, To: sp2.ID}),
		"DeleteRelation": second(ro.DeleteRelation(d.ID, rel.ID)),
		"AddDocument":    ro.AddDocument(annotate.NewDocument("x", "x", "new text", testTime)),
		"Import": func() error {
			_, err := ro.Import([]annotate.Record{{Document: annotate.NewDocument("y", "y", "other text", testTime)}}, "ana")
			return err
		}(),
	} {
		if annotate.ErrorCode(err) != annotate.EREADONLY {
			t.Errorf("%s: error %v, want EREADONLY", name, err)
		}
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != sum {
		t.Error("a read-only session changed the file's bytes")
	}
	if info2, _ := os.Stat(path); !info2.ModTime().Equal(info.ModTime()) {
		t.Error("a read-only session changed the file's modification time")
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, encodeVersion(7))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	sum := fileSum(t, path)
	for _, ro := range []bool{false, true} {
		_, err := Open(path, Options{ReadOnly: ro})
		wantCode(t, err, annotate.EINVALID)
		want := "This project was made by a newer Claimdesk: " + path + " (file version 7; this Claimdesk reads up to version " + fmt.Sprint(schemaVersion) + ", update it to open the file)"
		if err.Error() != want {
			t.Errorf("error %q, want %q", err, want)
		}
	}
	if fileSum(t, path) != sum {
		t.Error("refusing the file changed it")
	}
}

// makeV0 writes a project of schema 0: a meta bucket without schema,
// labels or creation time, and one document.
func makeV0(t *testing.T, path, text string) annotate.Document {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := annotate.NewDocument("old", "old.txt", text, testTime)
	err = db.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucket(bucketMeta); err != nil {
			return err
		}
		for _, name := range [][]byte{bucketOrder, bucketSHA, bucketDocs} {
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		return insertDocumentV1(tx, &d, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestMigrateV0(t *testing.T) {
	text := article(t)
	path := tempPath(t)
	d := makeV0(t, path, text)
	sum := fileSum(t, path)

	_, err := Open(path, Options{ReadOnly: true})
	wantCode(t, err, annotate.EINVALID)
	want := "This project was made by an older Claimdesk: " + path + " (file version 0); open it once without read-only to upgrade it to version " + fmt.Sprint(schemaVersion)
	if err.Error() != want || fileSum(t, path) != sum {
		t.Errorf("read-only open of a v0 file: %v", err)
	}

	s := mustOpen(t, path, Options{})
	labels, err := s.Labels()
	if err != nil || !reflect.DeepEqual(labels, annotate.LabelSet(annotate.DefaultLabels())) {
		t.Errorf("labels after migration: %v %v", labels, err)
	}
	if err := s.AddSpan(span(t, d.ID, text, "China", 0, annotate.LabelActor)); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro := mustOpen(t, path, Options{ReadOnly: true})
	if docs, err := ro.Documents(); err != nil || len(docs) != 1 || docs[0].Spans != 1 {
		t.Errorf("documents after migration: %+v %v", docs, err)
	}
}

func TestNotAProject(t *testing.T) {
	garbage := bytes.Repeat([]byte("not a database, just garbage bytes. "), 1000)
	cases := map[string][]byte{
		"short text":    []byte("hello, world\n"),
		"garbage 36 kB": garbage,
		"one page":      garbage[:4096],
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			path := tempPath(t)
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, ro := range []bool{false, true} {
				_, err := Open(path, Options{ReadOnly: ro})
				wantCode(t, err, annotate.EINVALID)
				want := "This is not a Claimdesk project file: " + path + " (the file is damaged or of another kind)"
				if err.Error() != want {
					t.Errorf("read-only %v: error %q, want %q", ro, err, want)
				}
				if strings.Contains(err.Error(), "bbolt") {
					t.Errorf("read-only %v: error %q speaks of bbolt", ro, err)
				}
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
				t.Error("the file was changed")
			}
		})
	}

	t.Run("bbolt without meta", func(t *testing.T) {
		path := tempPath(t)
		db, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket([]byte("widgets"))
			if err != nil {
				return err
			}
			return b.Put([]byte("a"), []byte("b"))
		})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		sum := fileSum(t, path)
		for _, ro := range []bool{false, true} {
			_, err := Open(path, Options{ReadOnly: ro})
			wantCode(t, err, annotate.EINVALID)
			want := "This is not a Claimdesk project file: " + path + " (it is a database of another program)"
			if err.Error() != want {
				t.Errorf("read-only %v: error %q, want %q", ro, err, want)
			}
		}
		if fileSum(t, path) != sum {
			t.Error("the file was changed")
		}
	})

	t.Run("directory", func(t *testing.T) {
		dir := t.TempDir()
		_, err := Open(dir, Options{})
		wantCode(t, err, annotate.EINVALID)
		if want := "This is a folder, not a Claimdesk project file: " + dir; err.Error() != want {
			t.Errorf("error %q, want %q", err, want)
		}
	})

	t.Run("damaged version number", func(t *testing.T) {
		path := tempPath(t)
		s := mustOpen(t, path, Options{})
		err := s.db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(keySchema, []byte{1})
		})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		for _, ro := range []bool{false, true} {
			_, err := Open(path, Options{ReadOnly: ro})
			wantCode(t, err, annotate.EINVALID)
			if want := "This is not a Claimdesk project file: " + path + " (its version number is damaged)"; err.Error() != want {
				t.Errorf("read-only %v: error %q, want %q", ro, err, want)
			}
		}
	})
}

func TestBackup(t *testing.T) {
	text := article(t)
	s := newStore(t)
	d := annotate.NewDocument("China", "test", text, testTime)
	if _, err := s.Import([]annotate.Record{{Document: d, Spans: []annotate.Span{span(t, d.ID, text, "Iraq", 1, annotate.LabelActor)}}}, "ana"); err != nil {
		t.Fatal(err)
	}
	path := tempPath(t)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Backup(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Size() != n || n == 0 {
		t.Errorf("wrote %d bytes, the file has %d", n, info.Size())
	}
	b := mustOpen(t, path, Options{ReadOnly: true})
	if !reflect.DeepEqual(dump(t, s), dump(t, b)) {
		t.Error("the backup holds other records")
	}
}
