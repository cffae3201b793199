package store

import (
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
	"pgregory.net/rapid"
)

func TestSpanKeyEncodingRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := annotate.SpanKey{
			Start:     rapid.IntRange(0, 1<<40).Draw(t, "start"),
			End:       rapid.IntRange(0, 1<<40).Draw(t, "end"),
			Label:     rapid.String().Draw(t, "label"),
			Annotator: rapid.String().Draw(t, "annotator"),
		}
		got, ok := decodeSpanKey(encodeSpanKey(k))
		if !ok || got != k {
			t.Fatalf("decode(encode(%+v)) = %+v, %v", k, got, ok)
		}
		// Different keys never share an encoding (the label's length
		// separates label and annotator).
		k2 := k
		k2.Label, k2.Annotator = k.Label+"x", strings.TrimPrefix(k.Annotator, "x")
		if k2 != k && string(encodeSpanKey(k2)) == string(encodeSpanKey(k)) {
			t.Fatalf("%+v and %+v encode alike", k, k2)
		}
	})
}

// TestKeyIndexFollowsEveryChange adds, relabels, deletes and restores
// spans and checks after each step (Check in the cleanup verifies the
// index against the spans) that the index enforces the natural key.
func TestKeyIndexFollowsEveryChange(t *testing.T) {
	text := article(t)
	s := newStore(t)
	d := annotate.NewDocument("China", "test", text, testTime)
	if _, err := s.Import([]annotate.Record{{Document: d}}, "ana"); err != nil {
		t.Fatal(err)
	}
	a := span(t, d.ID, text, "Wang Yi", 0, annotate.LabelActor)
	if err := s.AddSpan(a); err != nil {
		t.Fatal(err)
	}
	dup := a
	dup.ID = annotate.NewID()
	wantCode(t, s.AddSpan(dup), annotate.ECONFLICT)
	// Relabelled, the span frees its old key and takes the new one.
	a.Label = annotate.LabelClaim
	if err := s.UpdateSpan(a); err != nil {
		t.Fatal(err)
	}
	if err := s.AddSpan(dup); err != nil {
		t.Fatalf("the old key is still taken after a relabel: %v", err)
	}
	dup2 := dup
	dup2.ID, dup2.Label = annotate.NewID(), annotate.LabelClaim
	wantCode(t, s.AddSpan(dup2), annotate.ECONFLICT)
	// Deleted, the span frees its key; restored, it takes it again.
	if _, err := s.DeleteSpan(d.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.AddSpan(dup2); err != nil {
		t.Fatalf("the key is still taken after a delete: %v", err)
	}
	wantCode(t, s.RestoreSpan(a, nil), annotate.ECONFLICT)
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

// TestKeyIndexIsBuiltForOlderDocuments: a document stored before the
// index existed (no keys bucket) opens read-only as it is, and its first
// change builds the index, which then refuses duplicates.
func TestKeyIndexIsBuiltForOlderDocuments(t *testing.T) {
	text := article(t)
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	d := annotate.NewDocument("China", "test", text, testTime)
	a := span(t, d.ID, text, "Wang Yi", 0, annotate.LabelActor)
	if _, err := s.Import([]annotate.Record{{Document: d, Spans: []annotate.Span{a}}}, "ana"); err != nil {
		t.Fatal(err)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDocs).Bucket([]byte(d.ID)).DeleteBucket(bucketKeys)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("a document without the index is sound: %v", err)
	}
	s.Close()

	ro := mustOpen(t, path, Options{ReadOnly: true})
	if spans, err := ro.Spans(d.ID); err != nil || len(spans) != 1 {
		t.Fatalf("read-only Spans of an older document: %v, %v", spans, err)
	}
	ro.Close()

	s = mustOpen(t, path, Options{})
	dup := a
	dup.ID = annotate.NewID()
	wantCode(t, s.AddSpan(dup), annotate.ECONFLICT)
	b := annotate.NewSpan(d.ID, a.Start, a.End, annotate.LabelClaim, "ana", testTime)
	if err := s.AddSpan(b); err != nil {
		t.Fatal(err)
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		keys := tx.Bucket(bucketDocs).Bucket([]byte(d.ID)).Bucket(bucketKeys)
		if keys == nil || keys.Stats().KeyN != 2 {
			t.Errorf("the index was not built with both spans")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestKeyIndexOfTheOldLayoutIsReplaced: a document whose index has the
// old layout (offsets first, under legacyKeys) opens read-only and checks
// sound as it is (the old index is not read), and its first change builds
// the index anew, drops the old one, and refuses duplicates.
func TestKeyIndexOfTheOldLayoutIsReplaced(t *testing.T) {
	text := article(t)
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	d := annotate.NewDocument("China", "test", text, testTime)
	a := span(t, d.ID, text, "Wang Yi", 0, annotate.LabelActor)
	if _, err := s.Import([]annotate.Record{{Document: d, Spans: []annotate.Span{a}}}, "ana"); err != nil {
		t.Fatal(err)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDocs).Bucket([]byte(d.ID))
		if err := b.DeleteBucket(bucketKeys); err != nil {
			return err
		}
		old, err := b.CreateBucket(legacyKeys)
		if err != nil {
			return err
		}
		// The old layout: start, end, the label's length, label, annotator.
		k := binary.BigEndian.AppendUint64(nil, uint64(a.Start))
		k = binary.BigEndian.AppendUint64(k, uint64(a.End))
		k = binary.AppendUvarint(k, uint64(len(a.Label)))
		k = append(append(k, a.Label...), a.Annotator...)
		return old.Put(k, []byte(a.ID))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("a document with the old index is sound: %v", err)
	}
	s.Close()

	ro := mustOpen(t, path, Options{ReadOnly: true})
	if spans, err := ro.Spans(d.ID); err != nil || len(spans) != 1 {
		t.Fatalf("read-only Spans of a document with the old index: %v, %v", spans, err)
	}
	ro.Close()

	s = mustOpen(t, path, Options{})
	dup := a
	dup.ID = annotate.NewID()
	wantCode(t, s.AddSpan(dup), annotate.ECONFLICT)
	b := annotate.NewSpan(d.ID, a.Start, a.End, annotate.LabelClaim, "ana", testTime)
	if err := s.AddSpan(b); err != nil {
		t.Fatal(err)
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		doc := tx.Bucket(bucketDocs).Bucket([]byte(d.ID))
		if keys := doc.Bucket(bucketKeys); keys == nil || keys.Stats().KeyN != 2 {
			t.Errorf("the index was not built with both spans")
		}
		if doc.Bucket(legacyKeys) != nil {
			t.Errorf("the old index is still there")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestKeyIndexGroupsAnnotators: each annotator's keys are one stretch of
// the index, whatever their offsets (what keeps a collect's changed pages
// to the coder's own).
func TestKeyIndexGroupsAnnotators(t *testing.T) {
	var keys []string
	for _, ann := range []string{"ana", "bo", "anabel"} {
		for _, start := range []int{900, 5, 70} {
			keys = append(keys, string(encodeSpanKey(annotate.SpanKey{Start: start, End: start + 3, Label: "CLAIM", Annotator: ann})))
		}
	}
	slices.Sort(keys)
	var order []string
	for _, k := range keys {
		sk, _ := decodeSpanKey([]byte(k))
		if n := len(order); n == 0 || order[n-1] != sk.Annotator {
			order = append(order, sk.Annotator)
		}
	}
	if len(order) != 3 {
		t.Fatalf("annotators in the index's order: %v, want each once", order)
	}
}

// TestCheckFindsADamagedKeyIndex: an entry for no span and a span without
// its entry are both reported.
func TestCheckFindsADamagedKeyIndex(t *testing.T) {
	s, d, a, _ := corruptible(t)
	damage(t, s, d.ID, func(tx *bolt.Tx, b *bolt.Bucket) error {
		keys := b.Bucket(bucketKeys)
		if err := keys.Delete(encodeSpanKey(a.Key())); err != nil {
			return err
		}
		return keys.Put(encodeSpanKey(annotate.SpanKey{Start: 1, End: 2, Label: "ACTOR", Annotator: "ghost"}), []byte("nobody"))
	})
	err := s.Check()
	if err == nil || !strings.Contains(err.Error(), "maps 1–2 ACTOR by ghost to span nobody") ||
		!strings.Contains(err.Error(), "span "+a.ID+" (ACTOR") {
		t.Fatalf("Check = %v, want the stray entry and the missing one reported", err)
	}
	wantCode(t, err, annotate.EINTERNAL)
}
