package store

import (
	"bytes"
	"encoding/json"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// bucketDecisions holds the review decisions: document id → bucket of
// annotate.Decision.Key → annotate.Decision (JSON). Files made before it
// existed lack it, and then have no decisions; the first decision stored
// creates it.
var bucketDecisions = []byte("decisions")

// Decisions returns the review decisions stored for the document docID,
// in the order of their keys. It is one read transaction; its error is
// ENOTFOUND for an unknown document, EINTERNAL for a damaged decision.
func (s *Store) Decisions(docID string) ([]annotate.Decision, error) {
	var out []annotate.Decision
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := mustDoc(tx, docID); err != nil {
			return err
		}
		var err error
		out, err = readDecisions(tx, docID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readDecisions reads the decisions of the document docID.
func readDecisions(tx *bolt.Tx, docID string) ([]annotate.Decision, error) {
	b := decisionsOf(tx, docID)
	if b == nil {
		return nil, nil
	}
	var out []annotate.Decision
	err := b.ForEach(func(k, v []byte) error {
		d, err := decodeDecision(docID, k, v)
		if err != nil {
			return err
		}
		out = append(out, d)
		return nil
	})
	return out, err
}

// decisionsOf returns the bucket of the document's decisions, or nil.
func decisionsOf(tx *bolt.Tx, docID string) *bolt.Bucket {
	top := tx.Bucket(bucketDecisions)
	if top == nil {
		return nil
	}
	return top.Bucket([]byte(docID))
}

// decodeDecision decodes a stored decision and checks that it is stored
// under its own key.
func decodeDecision(docID string, k, v []byte) (annotate.Decision, error) {
	var d annotate.Decision
	if err := json.Unmarshal(v, &d); err != nil {
		return d, errDamaged("review decision "+string(k)+" of document "+docID, err)
	}
	if d.Key() != string(k) || d.DocumentID != docID {
		return d, annotate.Errorf(annotate.EINTERNAL, "project damaged: review decision %s of document %s is stored under another key or document", k, docID)
	}
	return d, nil
}

// ApplyEdit stores the edit e in one transaction (see annotate.Edit for
// the order of its parts). Each part is checked as the method that makes
// it alone checks it: relations as AddRelation, spans added as AddSpan,
// entities and concepts added as PutEntity and PutConcept (their ids must
// be new), changed as PutEntity and PutConcept (what is stored must be
// their Before) and removed as DeleteEntity and DeleteConcept; a span changed in
// place keeps its id and is checked as AddSpan checks a span, and every
// relation left at it as UpdateSpan checks them. What a change's Before
// says must be what is stored: a relation removed, a span removed or
// changed, a decision replaced (ECONFLICT otherwise). A span removed must
// have no relation left. Errors: ENOTFOUND for an unknown document or a
// relation or span that is not stored, the errors of the checks,
// EREADONLY.
func (s *Store) ApplyEdit(e annotate.Edit) error {
	return s.update(func(tx *bolt.Tx) error { return applyEdit(tx, e) })
}

// applyEdit is ApplyEdit within tx.
func applyEdit(tx *bolt.Tx, e annotate.Edit) error {
	docID := e.DocumentID
	b, err := mustDoc(tx, docID)
	if err != nil {
		return err
	}
	spans, relsB := b.Bucket(bucketSpans), b.Bucket(bucketRelations)

	// Relations removed.
	if len(e.RemoveRelations) > 0 {
		for _, r := range e.RemoveRelations {
			v := relsB.Get([]byte(r.ID))
			if r.ID == "" || v == nil {
				return annotate.Errorf(annotate.ENOTFOUND, "no relation %s in document %s", r.ID, docID)
			}
			var got annotate.Relation
			if err := json.Unmarshal(v, &got); err != nil {
				return errDamaged("relation "+r.ID+" of document "+docID, err)
			}
			if got != r {
				return annotate.Errorf(annotate.ECONFLICT, "relation %s of document %s changed since it was read", r.ID, docID)
			}
			if err := relsB.Delete([]byte(r.ID)); err != nil {
				return err
			}
		}
		if err := noteRelationsRemoved(tx, b, docID, e.RemoveRelations, nil); err != nil {
			return err
		}
	}

	// Entities and concepts added.
	for _, en := range e.AddEntities {
		if err := putEntity(tx, en.Clean(), true); err != nil {
			return err
		}
	}
	for _, c := range e.AddConcepts {
		if err := putConcept(tx, c.Clean(), true); err != nil {
			return err
		}
	}

	// Entities and concepts changed.
	if len(e.ChangeEntities) > 0 {
		all, err := getEntities(tx)
		if err != nil {
			return err
		}
		for _, c := range e.ChangeEntities {
			if got, ok := all[c.Before.ID]; !ok || !got.Equal(c.Before.Clean()) {
				return annotate.Errorf(annotate.ECONFLICT, "actor %q changed since it was read", c.Before.Name)
			}
			if c.After.ID != c.Before.ID {
				return annotate.Errorf(annotate.EINVALID, "actor %s changed into actor %s: a change keeps the id", c.Before.ID, c.After.ID)
			}
			if err := putEntity(tx, c.After.Clean(), false); err != nil {
				return err
			}
		}
	}
	if len(e.ChangeConcepts) > 0 {
		all, err := getConcepts(tx)
		if err != nil {
			return err
		}
		for _, c := range e.ChangeConcepts {
			if got, ok := all[c.Before.ID]; !ok || got != c.Before.Clean() {
				return annotate.Errorf(annotate.ECONFLICT, "concept %q changed since it was read", c.Before.Name)
			}
			if c.After.ID != c.Before.ID {
				return annotate.Errorf(annotate.EINVALID, "concept %s changed into concept %s: a change keeps the id", c.Before.ID, c.After.ID)
			}
			if err := putConcept(tx, c.After.Clean(), false); err != nil {
				return err
			}
		}
	}

	// Spans: removed, changed, added.
	for _, c := range e.Spans {
		if c.After.ID != "" || c.Before.ID == "" {
			continue
		}
		if err := sameSpan(spans, docID, c.Before); err != nil {
			return err
		}
		gone, err := deleteSpan(tx, docID, c.Before.ID)
		if err != nil {
			return err
		}
		if len(gone) > 0 {
			return annotate.Errorf(annotate.EINVALID, "span %s of document %s still has %d links that the change does not remove", c.Before.ID, docID, len(gone))
		}
	}
	var changed []annotate.Span
	for _, c := range e.Spans {
		if c.After.ID == "" || c.Before.ID == "" {
			continue
		}
		if c.After.ID != c.Before.ID || c.After.DocumentID != docID {
			return annotate.Errorf(annotate.EINVALID, "span %s changed into span %s of document %q: a change keeps the span's id and document", c.Before.ID, c.After.ID, c.After.DocumentID)
		}
		if err := sameSpan(spans, docID, c.Before); err != nil {
			return err
		}
		if err := changeSpan(tx, b, c.Before, c.After); err != nil {
			return err
		}
		if c.After.Label != c.Before.Label { // the rules of links depend on labels only
			changed = append(changed, c.After)
		}
	}
	for _, c := range e.Spans {
		if c.Before.ID != "" || c.After.ID == "" {
			continue
		}
		if c.After.DocumentID != docID {
			return annotate.Errorf(annotate.EINVALID, "span %s belongs to document %q, not %s", c.After.ID, c.After.DocumentID, docID)
		}
		if err := addSpan(tx, c.After); err != nil {
			return err
		}
	}

	// Relations added, then the relations of the relabelled spans checked.
	if len(e.AddRelations) > 0 {
		ts, err := getRelationTypes(tx)
		if err != nil {
			return err
		}
		for _, r := range e.AddRelations {
			if err := addRelation(b, docID, ts, r); err != nil {
				return err
			}
		}
	}
	for i := range changed {
		if err := checkLinksOf(tx, b, &changed[i]); err != nil {
			return err
		}
	}

	// Entities and concepts removed.
	for _, en := range e.RemoveEntities {
		if err := deleteNamed(tx, bucketEntities, "entity", "actor", en.ID); err != nil {
			return err
		}
	}
	for _, c := range e.RemoveConcepts {
		if err := deleteNamed(tx, bucketConcepts, "concept", "concept", c.ID); err != nil {
			return err
		}
	}

	// Decisions.
	for _, c := range e.Decisions {
		if err := changeDecision(tx, docID, c); err != nil {
			return err
		}
	}
	return nil
}

// sameSpan checks that the span want.ID of the document is stored as want
// says (range, label, annotator, note, entity, concept).
func sameSpan(spans *bolt.Bucket, docID string, want annotate.Span) error {
	got, err := getSpan(spans, docID, want.ID)
	if err != nil {
		return err
	}
	if got.Key() != want.Key() || got.Note != want.Note || got.Entity != want.Entity || got.Concept != want.Concept {
		return annotate.Errorf(annotate.ECONFLICT, "span %s of document %s changed since it was read", want.ID, docID)
	}
	return nil
}

// changeSpan stores after in place of the stored span before (same id),
// checked as addSpan checks a new span.
func changeSpan(tx *bolt.Tx, b *bolt.Bucket, before, after annotate.Span) error {
	labels, err := getLabels(tx)
	if err != nil {
		return err
	}
	if err := validateSpan(&after, b, labels); err != nil {
		return err
	}
	if err := checkSpanRefs(tx, &after); err != nil {
		return err
	}
	completeSpan(&after, before.Created, "")
	spans := b.Bucket(bucketSpans)
	if before.Key() != after.Key() {
		keys, err := spanKeys(b, after.DocumentID)
		if err != nil {
			return err
		}
		if err := releaseKey(keys, &before); err != nil {
			return err
		}
		if err := claimKey(keys, spans, after.DocumentID, &after); err != nil {
			return err
		}
	}
	return putSpan(spans, &after)
}

// changeDecision replaces the stored decision c.Before (none when it is
// not Stored) by c.After (none likewise).
func changeDecision(tx *bolt.Tx, docID string, c annotate.DecisionChange) error {
	key := []byte(c.Key)
	if c.After.Stored() {
		if err := c.After.Validate(); err != nil {
			return err
		}
		if c.After.DocumentID != docID || c.After.Key() != c.Key {
			return annotate.Errorf(annotate.EINVALID, "review decision %s does not belong to document %s under key %s", c.After.Key(), docID, c.Key)
		}
	}
	b := decisionsOf(tx, docID)
	var old []byte
	if b != nil {
		old = b.Get(key)
	}
	if c.Before.Stored() {
		want, err := json.Marshal(&c.Before)
		if err != nil {
			return err
		}
		if old == nil || !sameDecision(old, want) {
			return annotate.Errorf(annotate.ECONFLICT, "review decision %s of document %s changed since it was read", c.Key, docID)
		}
	} else if old != nil {
		return annotate.Errorf(annotate.ECONFLICT, "review decision %s of document %s was taken meanwhile", c.Key, docID)
	}
	if !c.After.Stored() {
		if b == nil || old == nil {
			return nil
		}
		return b.Delete(key)
	}
	if b == nil {
		top, err := tx.CreateBucketIfNotExists(bucketDecisions)
		if err != nil {
			return err
		}
		if b, err = top.CreateBucketIfNotExists([]byte(docID)); err != nil {
			return err
		}
	}
	c.After.At = c.After.At.UTC()
	data, err := json.Marshal(&c.After)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// sameDecision reports whether two encoded decisions are the same
// decision (their times compared as instants).
func sameDecision(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var x, y annotate.Decision
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, ya := x.At, y.At
	x.At, y.At = xa.UTC(), ya.UTC()
	xb, _ := json.Marshal(&x)
	yb, _ := json.Marshal(&y)
	return bytes.Equal(xb, yb)
}

// checkDecisions checks the review decisions (Check): each decodes, is
// valid, is stored under its key, and belongs to a document of the
// project.
func (c *checker) checkDecisions() {
	c.checkPerDocument(bucketDecisions, "decisions", "review decisions", func(id []byte, b *bolt.Bucket) {
		b.ForEach(func(k, v []byte) error {
			d, err := decodeDecision(string(id), k, v)
			if err == nil {
				err = d.Validate()
			}
			if err != nil {
				c.problem("review decision %s of document %s: %v", k, id, err)
			}
			return nil
		})
	})
}

// checkPerDocument checks a top-level bucket of a bucket per document
// (bucket, named name in problems, holding what): each key is a bucket
// of a document the project has; fn checks each such bucket.
func (c *checker) checkPerDocument(bucket []byte, name, what string, fn func(id []byte, b *bolt.Bucket)) {
	top := c.tx.Bucket(bucket)
	if top == nil {
		return
	}
	docs := c.tx.Bucket(bucketDocs)
	top.ForEach(func(id, v []byte) error {
		b := top.Bucket(id)
		if v != nil || b == nil {
			c.problem("%s bucket: key %q is not a document's bucket", name, id)
			return nil
		}
		if docs == nil || docs.Bucket(id) == nil {
			c.problem("%s of document %s, which does not exist", what, id)
		}
		fn(id, b)
		return nil
	})
}
