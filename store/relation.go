package store

import (
	"encoding/json"

	"claimdesk/annotate"
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

// putRelation stores a relation in a document's relations bucket.
func putRelation(rels *bolt.Bucket, r *annotate.Relation) error {
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return rels.Put([]byte(r.ID), data)
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
