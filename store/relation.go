package store

import (
	"encoding/json"

	"claimdesk/annotate"
	"github.com/go-json-experiment/json/jsontext"
	bolt "go.etcd.io/bbolt"
)

// Relations returns a document's relations in the order of their ids
// (creation order for time-ordered ids). Its error is ENOTFOUND for an
// unknown document. It is one read transaction.
func (s *Store) Relations(docID string) ([]annotate.Relation, error) {
	var rels []annotate.Relation
	err := s.view(func(tx *bolt.Tx) error {
		b, err := mustDoc(tx, docID)
		if err != nil {
			return err
		}
		rels, err = readRelations(b, docID, []annotate.Relation{})
		return err
	})
	if err != nil {
		return nil, err
	}
	return rels, nil
}

// readRelations appends the relations of the document bucket b to buf.
func readRelations(b *bolt.Bucket, docID string, buf []annotate.Relation) ([]annotate.Relation, error) {
	err := b.Bucket(bucketRelations).ForEach(func(k, v []byte) error {
		var r annotate.Relation
		if err := json.Unmarshal(v, &r); err != nil {
			return errDamaged("relation "+string(k)+" of document "+docID, err)
		}
		buf = append(buf, r)
		return nil
	})
	return buf, err
}

// putRelation stores a relation in a document's relations bucket, as
// the JSON of encodeRelation.
func putRelation(rels *bolt.Bucket, r *annotate.Relation) error {
	data, err := encodeRelation(r)
	if err != nil {
		return err
	}
	return rels.Put([]byte(r.ID), data)
}

// encodeRelation returns the JSON of a relation that json.Marshal would
// give, {"id","type","from","to"}, but without reflection, as an import
// stores many (and without escaping <, > and & for HTML).
func encodeRelation(r *annotate.Relation) ([]byte, error) {
	buf := make([]byte, 0, 32+len(r.ID)+len(r.Type)+len(r.From)+len(r.To))
	for _, f := range [...]struct{ key, v string }{{`{"id":`, r.ID}, {`,"type":`, r.Type}, {`,"from":`, r.From}, {`,"to":`, r.To}} {
		buf = append(buf, f.key...)
		var err error
		if buf, err = jsontext.AppendQuote(buf, f.v); err != nil {
			// Not valid UTF-8: json.Marshal makes it so.
			return json.Marshal(r)
		}
	}
	return append(buf, '}'), nil
}

// deleteRelationsOf deletes the relations of the document bucket b that
// start or end at the span spanID, and returns them.
func deleteRelationsOf(b *bolt.Bucket, docID, spanID string) ([]annotate.Relation, error) {
	rels := b.Bucket(bucketRelations)
	var gone []annotate.Relation
	err := rels.ForEach(func(k, v []byte) error {
		var r annotate.Relation
		if err := json.Unmarshal(v, &r); err != nil {
			return errDamaged("relation "+string(k)+" of document "+docID, err)
		}
		if r.From == spanID || r.To == spanID {
			gone = append(gone, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range gone {
		if err := rels.Delete([]byte(r.ID)); err != nil {
			return nil, err
		}
	}
	return gone, nil
}

// AddRelation stores a new relation of the document docID, in one
// transaction. Errors: ENOTFOUND for an unknown document, or a start or
// end that is not a span of the document; EINVALID for a relation without
// id or type, or one that annotate.RelationTypes.CheckRelation refuses
// with the project's relation types (an unknown type, a span linked to
// itself, a label the type does not allow); ECONFLICT when the document
// already has a relation with this id, or one with the same type, start
// and end (the message names it); EREADONLY.
func (s *Store) AddRelation(docID string, r annotate.Relation) error {
	return s.update(func(tx *bolt.Tx) error {
		b, err := mustDoc(tx, docID)
		if err != nil {
			return err
		}
		ts, err := getRelationTypes(tx)
		if err != nil {
			return err
		}
		return addRelation(b, docID, ts, r)
	})
}

// addRelation checks the relation r as AddRelation does and stores it in
// the document bucket b.
func addRelation(b *bolt.Bucket, docID string, ts annotate.RelationTypes, r annotate.Relation) error {
	if r.ID == "" || r.Type == "" {
		return annotate.Errorf(annotate.EINVALID, "relation %q has no id or no type", r.ID)
	}
	spans, relsB := b.Bucket(bucketSpans), b.Bucket(bucketRelations)
	from, err := getSpan(spans, docID, r.From)
	if err != nil {
		return err
	}
	to, err := getSpan(spans, docID, r.To)
	if err != nil {
		return err
	}
	if err := ts.CheckRelation(r, from, to); err != nil {
		return err
	}
	if relsB.Get([]byte(r.ID)) != nil {
		return annotate.Errorf(annotate.ECONFLICT, "relation %s is already in document %s", r.ID, docID)
	}
	rels, err := readRelations(b, docID, nil)
	if err != nil {
		return err
	}
	if dup, ok := annotate.DuplicateRelation(rels, r); ok {
		return annotate.Errorf(annotate.ECONFLICT, "document %s already has a %s link from %s to %s (relation id %s)",
			docID, r.Type, from.Describe(), to.Describe(), dup.ID)
	}
	if err := putRelation(relsB, &r); err != nil {
		return err
	}
	return noteRelationAdded(b.Tx(), &r, &from, sourcedBy(rels, r.From), nil)
}

// DeleteRelation removes the relation relID of the document docID, in one
// transaction, and returns it. Errors: ENOTFOUND for an unknown document
// or relation, EREADONLY.
func (s *Store) DeleteRelation(docID, relID string) (annotate.Relation, error) {
	var r annotate.Relation
	err := s.update(func(tx *bolt.Tx) error {
		b, err := mustDoc(tx, docID)
		if err != nil {
			return err
		}
		rels := b.Bucket(bucketRelations)
		v := rels.Get([]byte(relID))
		if relID == "" || v == nil {
			return annotate.Errorf(annotate.ENOTFOUND, "no relation %s in document %s", relID, docID)
		}
		if err := json.Unmarshal(v, &r); err != nil {
			return errDamaged("relation "+relID+" of document "+docID, err)
		}
		if err := rels.Delete([]byte(relID)); err != nil {
			return err
		}
		return noteRelationsRemoved(tx, b, docID, []annotate.Relation{r}, nil)
	})
	if err != nil {
		return annotate.Relation{}, err
	}
	return r, nil
}

// sourcedBy reports whether one of rels is a SOURCE link that starts at
// the span spanID.
func sourcedBy(rels []annotate.Relation, spanID string) bool {
	for _, r := range rels {
		if r.Type == annotate.RelationSource && r.From == spanID {
			return true
		}
	}
	return false
}
