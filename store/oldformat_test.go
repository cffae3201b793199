package store

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"time"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// insertDocumentV1 stores a document with its spans and relations as
// schema 1 did: JSON info and JSON spans, and no counts.
func insertDocumentV1(tx *bolt.Tx, d *annotate.Document, rec *annotate.Record) error {
	order := tx.Bucket(bucketOrder)
	seq, err := order.NextSequence()
	if err != nil {
		return err
	}
	b, err := tx.Bucket(bucketDocs).CreateBucket([]byte(d.ID))
	if err != nil {
		return err
	}
	in := docInfo{ID: d.ID, Title: d.Title, Source: d.Source, Status: d.Status,
		Created: d.Created, SHA256: d.SHA256, Meta: d.Meta, Seq: seq}
	if rec != nil {
		in.Spans = len(rec.Spans)
	}
	info, _ := json.Marshal(in)
	if err := b.Put(keyInfo, info); err != nil {
		return err
	}
	if err := b.Put(keyText, []byte(d.Text)); err != nil {
		return err
	}
	for _, name := range [][]byte{bucketSpans, bucketRelations, bucketKeys} {
		if _, err := b.CreateBucket(name); err != nil {
			return err
		}
	}
	if rec != nil {
		for _, sp := range rec.Spans {
			data, _ := json.Marshal(sp)
			if err := b.Bucket(bucketSpans).Put([]byte(sp.ID), data); err != nil {
				return err
			}
			if err := b.Bucket(bucketKeys).Put(encodeSpanKey(sp.Key()), []byte(sp.ID)); err != nil {
				return err
			}
		}
		for _, r := range rec.Relations {
			data, _ := json.Marshal(r)
			if err := b.Bucket(bucketRelations).Put([]byte(r.ID), data); err != nil {
				return err
			}
		}
	}
	if err := tx.Bucket(bucketSHA).Put([]byte(d.SHA256), []byte(d.ID)); err != nil {
		return err
	}
	return order.Put(seqKey(seq), []byte(d.ID))
}

// makeV1 writes a project of schema 1 holding recs.
func makeV1(t *testing.T, path string, recs []annotate.Record) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		for _, name := range [][]byte{bucketOrder, bucketSHA, bucketDocs, bucketEntities, bucketConcepts} {
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		meta.Put(keySchema, encodeVersion(1))
		meta.Put(keyCreated, []byte(testTime.Format(time.RFC3339)))
		if err := putLabels(tx, annotate.DefaultLabels()); err != nil {
			return err
		}
		for i := range recs {
			if err := insertDocumentV1(tx, &recs[i].Document, &recs[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// v1Records returns two documents of the article with spans (one a
// sourced claim, one an unsourced claim) for makeV1.
func v1Records(t *testing.T) []annotate.Record {
	text := article(t)
	var recs []annotate.Record
	for i, title := range []string{"one", "two"} {
		d := annotate.NewDocument(title, "test", text[:len(text)-i], testTime)
		d.Status = annotate.StatusInProgress
		wang := span(t, d.ID, d.Text, "Wang Yi", 0, annotate.LabelActor)
		claim := span(t, d.ID, d.Text, "China", 0, annotate.LabelClaim)
		other := span(t, d.ID, d.Text, "Iraq", 0, annotate.LabelClaim)
		other.Note = "an “old” note"
		rec := annotate.Record{Document: d, Spans: []annotate.Span{wang, claim, other},
			Relations: []annotate.Relation{{ID: annotate.NewID(), Type: annotate.RelationSource, From: claim.ID, To: wang.ID}}}
		annotate.SortSpans(rec.Spans)
		recs = append(recs, rec)
	}
	return recs
}

// A file of schema 1 (JSON values, no counts) opens read-only as it is:
// it lists, exports, counts and checks; opened read-write it is migrated
// (counted) and then keeps its counts as it changes, old values and new.
func TestSchema1File(t *testing.T) {
	path := tempPath(t)
	recs := v1Records(t)
	makeV1(t, path, recs)
	sum := fileSum(t, path)
	want := annotate.Stats{Documents: 2, Spans: 6, Unsourced: 2,
		ByStatus:    map[annotate.Status]int{annotate.StatusTodo: 0, annotate.StatusInProgress: 2, annotate.StatusDone: 0},
		ByLabel:     map[string]int{annotate.LabelActor: 2, annotate.LabelClaim: 4},
		ByAnnotator: map[string]int{"ana": 6}}
	for _, st := range annotate.Statuses {
		if _, ok := want.ByStatus[st]; !ok {
			want.ByStatus[st] = 0
		}
	}

	ro := mustOpen(t, path, Options{ReadOnly: true})
	if got := dump(t, ro); !reflect.DeepEqual(got, recs) {
		t.Errorf("export of a schema 1 file:\n got %+v\nwant %+v", got, recs)
	}
	if st, err := ro.Stats(); err != nil || !reflect.DeepEqual(st, want) {
		t.Errorf("stats of a schema 1 file: %+v, %v; want %+v", st, err, want)
	}
	if err := ro.Check(); err != nil {
		t.Errorf("check of a schema 1 file: %v", err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != sum {
		t.Fatal("a read-only open changed the file")
	}

	s := mustOpen(t, path, Options{})
	if st, err := s.Stats(); err != nil || !reflect.DeepEqual(st, want) {
		t.Errorf("stats after the migration: %+v, %v; want %+v", st, err, want)
	}
	// Change old (JSON) values: the counts follow.
	d := recs[0].Document
	if err := s.UpdateSpan(annotate.Span{ID: recs[0].Spans[1].ID, DocumentID: d.ID, Label: annotate.LabelDenial}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteSpan(d.ID, recs[0].Spans[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(d.ID, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	if err := s.AddSpan(span(t, d.ID, d.Text, "Tehran", 0, annotate.LabelActor)); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Errorf("check after changes: %v", err)
	}
	if got := dump(t, s); len(got) != 2 || len(got[0].Spans) != 3 {
		t.Errorf("after changes: %+v", got)
	}
}

// A project holding one article is a small file: bbolt grows a file by
// allocSize (1 MiB), not its default 16 MB, past what it needs.
func TestOneArticleIsASmallFile(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	if err := s.AddDocument(annotate.NewDocument("China", "test", article(t), testTime)); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() > 2<<20 {
		t.Errorf("a project of one article is %d bytes", info.Size())
	}
}

// testdata/schema1.claimdesk was written by Claimdesk before schema 2
// (commit c808225): three documents with spans, SOURCE links, an actor, a
// document's metadata, a note with quotes and a tab, two annotators, a
// done document. It opens read-only, exports, counts and checks as it
// is; a read-write open migrates it, and then it exports the same.
func TestSchema1Fixture(t *testing.T) {
	data, err := os.ReadFile("testdata/schema1.claimdesk")
	if err != nil {
		t.Fatal(err)
	}
	path := tempPath(t)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ro := mustOpen(t, path, Options{ReadOnly: true})
	before := dump(t, ro)
	stats, err := ro.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 3 || stats.Spans != 6 || stats.Documents != 3 || stats.ByStatus[annotate.StatusDone] != 1 ||
		stats.ByAnnotator["bea"] != 1 || stats.Entities != 1 || before[1].Document.Meta["source_id"] != "x-1" {
		t.Fatalf("schema 1 file read-only: %d records, stats %+v", len(before), stats)
	}
	if err := ro.Check(); err != nil {
		t.Fatalf("check of the schema 1 file: %v", err)
	}
	ro.Close()

	s := mustOpen(t, path, Options{})
	if got := dump(t, s); !reflect.DeepEqual(got, before) {
		t.Errorf("after the migration:\n got %+v\nwant %+v", got, before)
	}
	if st, err := s.Stats(); err != nil || !reflect.DeepEqual(st, stats) {
		t.Errorf("stats after the migration %+v, %v; before %+v", st, err, stats)
	}
	wantCounts(t, s)
	d := before[0].Document
	if err := s.AddSpan(span(t, d.ID, d.Text, "Tehran", 0, annotate.LabelActor)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteSpan(d.ID, before[0].Spans[0].ID); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, s)
}
