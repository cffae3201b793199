package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// bucketCounts holds what Stats reports, kept up to date in the same
// transaction as every change (schema 2; the migration from schema 1
// counts a file once). Its keys:
//
//	docs                 documents (those in the order bucket)
//	spans                spans of those documents
//	status\x00<status>   documents with the status
//	label\x00<label>     spans with the label
//	annotator\x00<name>  spans by the annotator
//	sourced\x00<label>   spans with the label that a SOURCE link starts at
//
// each → a varint. A count that falls to 0 is deleted. The documents of
// an import in progress (see ImportStream) are not counted until it ends.
// Check compares the bucket with a count of the whole file.
//
// The counts are kept by putSpan, dropSpan, putInfo, noteRelationAdded
// and noteRelationRemoved: code that changes spans, statuses or SOURCE
// links goes through them.
var bucketCounts = []byte("counts")

const (
	countDocs      = "docs"
	countSpans     = "spans"
	countStatus    = "status\x00"
	countLabel     = "label\x00"
	countAnnotator = "annotator\x00"
	countSourced   = "sourced\x00"
)

// tally is a set of changes to the counts, or a whole count.
type tally map[string]int64

func (t tally) add(key string, n int64) { t[key] += n }

// span counts a span with the label and annotator n times (n is 1 or -1).
func (t tally) span(label, annotator string, n int64) {
	t.add(countSpans, n)
	t.add(countLabel+label, n)
	t.add(countAnnotator+annotator, n)
}

// apply adds the changes to the counts bucket of tx; a file without one
// (read-only, schema 1) has nothing to keep.
func (t tally) apply(tx *bolt.Tx) error {
	b := tx.Bucket(bucketCounts)
	if b == nil {
		return nil
	}
	for k, d := range t {
		if d == 0 {
			continue
		}
		cur, _ := binary.Varint(b.Get([]byte(k)))
		n := cur + d
		var err error
		if n == 0 {
			err = b.Delete([]byte(k))
		} else {
			err = b.Put([]byte(k), binary.AppendVarint(nil, n))
		}
		if err != nil {
			return fmt.Errorf("update count %q: %w", k, err)
		}
	}
	return nil
}

// change applies t to tx at once when into is nil, or adds it to into.
func (t tally) change(tx *bolt.Tx, into *tally) error {
	if into == nil {
		return t.apply(tx)
	}
	if *into == nil {
		*into = make(tally)
	}
	for k, d := range t {
		(*into)[k] += d
	}
	return nil
}

// readCounts returns the counts bucket as a tally, and false for a file
// without one.
func readCounts(tx *bolt.Tx) (tally, bool, error) {
	b := tx.Bucket(bucketCounts)
	if b == nil {
		return nil, false, nil
	}
	t := make(tally)
	err := b.ForEach(func(k, v []byte) error {
		n, w := binary.Varint(v)
		if w <= 0 || w != len(v) {
			return errDamaged(fmt.Sprintf("count %q", k), nil)
		}
		t[string(k)] = n
		return nil
	})
	return t, true, err
}

// countFile counts the whole file as the counts bucket should hold it:
// the documents in the order bucket, their spans and SOURCE links.
func countFile(tx *bolt.Tx) (tally, error) {
	t := make(tally)
	docs := tx.Bucket(bucketDocs)
	err := tx.Bucket(bucketOrder).ForEach(func(_, id []byte) error {
		b := docs.Bucket(id)
		if b == nil {
			return errDamaged("the order bucket lists a missing document "+string(id), nil)
		}
		return countDocument(t, b, string(id))
	})
	return t, err
}

// countDocument adds one document to t.
func countDocument(t tally, b *bolt.Bucket, id string) error {
	in, err := getInfo(b, []byte(id))
	if err != nil {
		return err
	}
	t.add(countDocs, 1)
	t.add(countStatus+string(in.Status), 1)
	sourced, err := sourcedSpans(b, id)
	if err != nil {
		return err
	}
	return b.Bucket(bucketSpans).ForEach(func(k, v []byte) error {
		label, annotator, err := spanFacts(k, id, v)
		if err != nil {
			return errDamaged("span "+string(k)+" of document "+id, err)
		}
		t.span(label, annotator, 1)
		if sourced[string(k)] {
			t.add(countSourced+label, 1)
		}
		return nil
	})
}

// stats turns a whole count into Stats, given the project's relation
// types (which labels are statements: annotate.RelationTypes.IsStatement).
func (t tally) stats(types annotate.RelationTypes) annotate.Stats {
	st := annotate.Stats{
		ByStatus:    make(map[annotate.Status]int, len(annotate.Statuses)),
		ByLabel:     make(map[string]int),
		ByAnnotator: make(map[string]int),
	}
	for _, status := range annotate.Statuses {
		st.ByStatus[status] = 0
	}
	sourced := make(map[string]int)
	for k, n := range t {
		switch name, ok := cutKey(k); {
		case k == countDocs:
			st.Documents = int(n)
		case k == countSpans:
			st.Spans = int(n)
		case ok && strings.HasPrefix(k, countStatus):
			st.ByStatus[annotate.Status(name)] = int(n)
		case ok && strings.HasPrefix(k, countLabel):
			st.ByLabel[name] = int(n)
		case ok && strings.HasPrefix(k, countAnnotator):
			st.ByAnnotator[name] = int(n)
		case ok && strings.HasPrefix(k, countSourced):
			sourced[name] = int(n)
		}
	}
	for label, n := range st.ByLabel {
		if types.IsStatement(label) {
			st.Unsourced += n - sourced[label]
		}
	}
	return st
}

// cutKey returns the name after a count key's prefix.
func cutKey(k string) (string, bool) {
	_, name, ok := strings.Cut(k, "\x00")
	return name, ok
}

// spanCounted keeps the counts for a span stored under key k of document
// docID, whose stored value was old (nil for a new span).
func spanCounted(tx *bolt.Tx, docID string, k, old []byte, sp *annotate.Span, into *tally) error {
	t := make(tally)
	if old == nil {
		t.span(sp.Label, sp.Annotator, 1)
		return t.change(tx, into)
	}
	label, annotator, err := spanFacts(k, docID, old)
	if err != nil {
		return errDamaged("span "+string(k)+" of document "+docID, err)
	}
	if label == sp.Label && annotator == sp.Annotator {
		return nil
	}
	t.span(label, annotator, -1)
	t.span(sp.Label, sp.Annotator, 1)
	if label != sp.Label {
		has, err := hasSource(tx, docID, string(k))
		if err != nil {
			return err
		}
		if has {
			t.add(countSourced+label, -1)
			t.add(countSourced+sp.Label, 1)
		}
	}
	return t.change(tx, into)
}

// dropSpan deletes the span spanID from a document's spans bucket and
// keeps the counts; a SOURCE link that starts at it must be deleted in
// the same transaction (deleteRelationsOf), and counts through
// noteRelationRemoved as if the span were still there.
func dropSpan(spans *bolt.Bucket, sp *annotate.Span) error {
	tx := spans.Tx()
	t := make(tally)
	t.span(sp.Label, sp.Annotator, -1)
	if err := t.apply(tx); err != nil {
		return err
	}
	return spans.Delete([]byte(sp.ID))
}

// hasSource reports whether a SOURCE link starts at the span spanID of
// the document docID.
func hasSource(tx *bolt.Tx, docID, spanID string) (bool, error) {
	b := tx.Bucket(bucketDocs).Bucket([]byte(docID))
	if b == nil {
		return false, nil
	}
	found := false
	err := b.Bucket(bucketRelations).ForEach(func(k, v []byte) error {
		if found || !bytes.Contains(v, []byte(spanID)) {
			return nil
		}
		var r annotate.Relation
		if err := json.Unmarshal(v, &r); err != nil {
			return errDamaged("relation "+string(k)+" of document "+docID, err)
		}
		found = r.Type == annotate.RelationSource && r.From == spanID
		return nil
	})
	return found, err
}

// noteRelationAdded keeps the counts for the relation r, just stored, of
// the document docID, whose start is the span from; hadSource says
// whether a SOURCE link started at from before.
func noteRelationAdded(tx *bolt.Tx, r *annotate.Relation, from *annotate.Span, hadSource bool, into *tally) error {
	if r.Type != annotate.RelationSource || hadSource {
		return nil
	}
	return tally{countSourced + from.Label: 1}.change(tx, into)
}

// buildCounts creates the counts bucket of a file that has none, from a
// count of the whole file.
func buildCounts(tx *bolt.Tx) error {
	if tx.Bucket(bucketCounts) != nil {
		return nil
	}
	t, err := countFile(tx)
	if err != nil {
		return err
	}
	if _, err := tx.CreateBucket(bucketCounts); err != nil {
		return err
	}
	return t.apply(tx)
}

// noteRelationsRemoved keeps the counts for the relations gone, just
// deleted from the document bucket b of docID: each span that a SOURCE
// link of gone started at, and none starts at now, is no longer sourced.
// deleted is the span deleted with them (no longer stored), or nil.
func noteRelationsRemoved(tx *bolt.Tx, b *bolt.Bucket, docID string, gone []annotate.Relation, deleted *annotate.Span) error {
	seen := make(map[string]bool)
	for _, r := range gone {
		if r.Type != annotate.RelationSource || seen[r.From] {
			continue
		}
		seen[r.From] = true
		has, err := hasSource(tx, docID, r.From)
		if err != nil {
			return err
		}
		if has {
			continue
		}
		var label string
		if deleted != nil && deleted.ID == r.From {
			label = deleted.Label
		} else {
			from, err := getSpan(b.Bucket(bucketSpans), docID, r.From)
			if err != nil {
				return err
			}
			label = from.Label
		}
		if err := (tally{countSourced + label: -1}).apply(tx); err != nil {
			return err
		}
	}
	return nil
}
