package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// corruptible returns an open project holding the real article with two
// spans and a relation, which the test damages behind the store's back. It
// is closed, not checked, when the test ends.
func corruptible(t *testing.T) (*Store, annotate.Document, annotate.Span, annotate.Span) {
	t.Helper()
	text := article(t)
	s, err := Open(tempPath(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	d := annotate.NewDocument("China", "test", text, testTime)
	a := span(t, d.ID, text, "Mr Jafari", 0, annotate.LabelActor)
	c := span(t, d.ID, text, "China has offered to help Iraq", 0, annotate.LabelClaim)
	rec := annotate.Record{Document: d, Spans: []annotate.Span{a, c},
		Relations: []annotate.Relation{{ID: "rel-1", Type: annotate.RelationSource, From: c.ID, To: a.ID}}}
	if _, err := s.Import([]annotate.Record{rec, {Document: annotate.NewDocument("other", "test", "Other text.", testTime)}}, "ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("the project is damaged before the test damages it: %v", err)
	}
	return s, d, a, c
}

// damage runs fn in a write transaction on the document's bucket.
func damage(t *testing.T, s *Store, docID string, fn func(tx *bolt.Tx, b *bolt.Bucket) error) {
	t.Helper()
	err := s.db.Update(func(tx *bolt.Tx) error {
		return fn(tx, tx.Bucket(bucketDocs).Bucket([]byte(docID)))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func putJSON(t *testing.T, b *bolt.Bucket, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b.Put([]byte(key), data)
}

func TestCheckFindsDamage(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error
		want   []string // each a substring of one problem
	}{
		{"span JSON", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return b.Bucket(bucketSpans).Put([]byte(a.ID), []byte(`{"id": "`+a.ID+`", "start": "oops"`))
		}, []string{"span {a}: unexpected end of JSON input"}},
		{"span outside the text", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			a.End = annotate.RuneCount(d.Text) + 1
			return putJSON(t, b.Bucket(bucketSpans), a.ID, a)
		}, []string{"document {d}: span {a}: span {a.start}-{len+1} lies outside the text ({len} code points)"}},
		{"span byte offsets", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			a.Start, a.End = len(d.Text)-3, len(d.Text)
			return putJSON(t, b.Bucket(bucketSpans), a.ID, a)
		}, []string{"span {a}: span {bytes-3}-{bytes} lies outside the text"}},
		{"span label", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			a.Label = "PERSON"
			return putJSON(t, b.Bucket(bucketSpans), a.ID, a)
		}, []string{`span {a}: label "PERSON" is not in the label set`}},
		{"span of another document", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			a.DocumentID = "elsewhere"
			return putJSON(t, b.Bucket(bucketSpans), a.ID, a)
		}, []string{`document {d}: span {a} names document "elsewhere"`}},
		{"span count", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return b.Bucket(bucketSpans).Delete([]byte(a.ID))
		}, []string{"document {d}: 1 spans are stored, its info counts 2", `relation rel-1 links span "{a}", which does not exist`}},
		{"text changed", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return b.Put(keyText, []byte(strings.Replace(d.Text, "China", "Chine", 1)))
		}, []string{"document {d}: the text's SHA-256 is"}},
		{"text index", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return tx.Bucket(bucketSHA).Put([]byte(d.SHA256), []byte("ghost"))
		}, []string{`document {d}: the text index maps its SHA-256 to "ghost"`, "to document ghost, which does not exist"}},
		{"order index", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return tx.Bucket(bucketOrder).Delete(seqKey(1))
		}, []string{"document {d} is missing from the order bucket"}},
		{"label set", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return tx.Bucket(bucketMeta).Put(keyLabels, []byte(`[{"name":"ACTOR"},{"name":"ACTOR"},{"name":"bad label"}]`))
		}, []string{`label "ACTOR" is listed twice`, `invalid label "bad label"`, `span {c}: label "CLAIM" is not in the label set`}},
		{"label keys and colours", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return tx.Bucket(bucketMeta).Put(keyLabels, []byte(`[{"name":"ACTOR","color":"#1f77b4","key":"1"},{"name":"CLAIM","color":"green","key":"1"}]`))
		}, []string{`labels "ACTOR" and "CLAIM" have the same key "1"`, `label "CLAIM": invalid colour "green"`}},
		{"two spans with one natural key", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			dup := a
			dup.ID = "dup"
			return putJSON(t, b.Bucket(bucketSpans), dup.ID, dup)
		}, []string{"document {d}: spans {a} and dup are the same span (ACTOR {a.start}–{a.end} by ana)"}},
		{"relation against its type's labels", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return putJSON(t, b.Bucket(bucketRelations), "rel-2", annotate.Relation{ID: "rel-2", Type: annotate.RelationTarget, From: a.ID, To: c.ID})
		}, []string{"document {d}: relation rel-2 breaks a rule: A target link goes from a Claim or Denial to an Actor, not from an Actor"}},
		{"relation of an unknown type", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return putJSON(t, b.Bucket(bucketRelations), "rel-2", annotate.Relation{ID: "rel-2", Type: "QUOTES", From: c.ID, To: a.ID})
		}, []string{`relation rel-2 breaks a rule: unknown link type "QUOTES" (the project's link types are SOURCE, TARGET)`}},
		{"relation linking a span to itself", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return putJSON(t, b.Bucket(bucketRelations), "rel-2", annotate.Relation{ID: "rel-2", Type: annotate.RelationSource, From: c.ID, To: c.ID})
		}, []string{"relation rel-2 breaks a rule: A span cannot be linked to itself"}},
		{"two relations with one type and ends", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return putJSON(t, b.Bucket(bucketRelations), "rel-2", annotate.Relation{ID: "rel-2", Type: annotate.RelationSource, From: c.ID, To: a.ID})
		}, []string{"document {d}: relations rel-1 and rel-2 are the same SOURCE link from span {c} to span {a}"}},
		{"relation types", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return tx.Bucket(bucketMeta).Put(keyRelationTypes, []byte(`[{"name":"SOURCE"},{"name":"SOURCE"},{"name":"bad type"}]`))
		}, []string{`relation type "SOURCE" is listed twice`, `relation type: invalid label "bad type"`}},
		{"relation types JSON", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return tx.Bucket(bucketMeta).Put(keyRelationTypes, []byte(`{"name":`))
		}, []string{"relation types: unexpected end of JSON input"}},
		{"counts", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return tally{countLabel + annotate.LabelActor: 2, countDocs: -1, countAnnotator + "ghost": 1}.apply(tx)
		}, []string{`count "label\x00ACTOR" is 3, the file holds 1`, `count "docs" is 1, the file holds 2`, `count "annotator\x00ghost" is 1, the file holds 0`}},
		{"counts bucket", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			return tx.DeleteBucket(bucketCounts)
		}, []string{"the counts bucket is missing"}},
		{"staging without an import", func(t *testing.T, tx *bolt.Tx, b *bolt.Bucket, d annotate.Document, a, c annotate.Span) error {
			_, err := tx.CreateBucket(bucketStaging)
			return err
		}, []string{"the staging bucket of an import is there, but no import is in progress"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, d, a, c := corruptible(t)
			damage(t, s, d.ID, func(tx *bolt.Tx, b *bolt.Bucket) error { return tt.damage(t, tx, b, d, a, c) })
			err := s.Check()
			if err == nil {
				t.Fatal("Check found nothing")
			}
			wantCode(t, err, annotate.EINTERNAL)
			problems := err.(interface{ Unwrap() []error }).Unwrap()
			n, nb := annotate.RuneCount(d.Text), len(d.Text)
			r := strings.NewReplacer("{d}", d.ID, "{a}", a.ID, "{c}", c.ID, "{a.start}", fmt.Sprint(a.Start), "{a.end}", fmt.Sprint(a.End),
				"{len+1}", fmt.Sprint(n+1), "{len}", fmt.Sprint(n), "{bytes-3}", fmt.Sprint(nb-3), "{bytes}", fmt.Sprint(nb))
			for _, w := range tt.want {
				w = r.Replace(w)
				found := false
				for _, p := range problems {
					found = found || strings.Contains(p.Error(), w)
				}
				if !found {
					t.Errorf("no problem says %q; found:\n%v", w, err)
				}
			}
		})
	}
}

func TestCheckFindsEveryProblem(t *testing.T) {
	s, d, a, c := corruptible(t)
	damage(t, s, d.ID, func(tx *bolt.Tx, b *bolt.Bucket) error {
		a.End = 100000
		c.Label = "NOPE"
		if err := putJSON(t, b.Bucket(bucketSpans), a.ID, a); err != nil {
			return err
		}
		if err := putJSON(t, b.Bucket(bucketSpans), c.ID, c); err != nil {
			return err
		}
		return b.Put(keyText, []byte("changed"))
	})
	err := s.Check()
	problems := err.(interface{ Unwrap() []error }).Unwrap()
	// a outside, c outside the shortened text, c's label, the SHA-256,
	// for a and c, whose keys changed behind the natural-key index's
	// back, its stale entry and their missing one, and the SOURCE link
	// that now starts at a span labelled NOPE; and the counts of spans
	// and sourced spans by label, which the change went around (CLAIM
	// and NOPE, each).
	if len(problems) != 13 {
		t.Errorf("%d problems:\n%v", len(problems), err)
	}
}
