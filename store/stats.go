package store

import (
	"bytes"
	"encoding/json"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// Stats counts the project's documents by status (every status is a key,
// with 0 when no document has it) and its spans by label and by
// annotator, and the statements without a source: spans with a label a
// SOURCE link may start at (any label, when the SOURCE type allows any)
// that no SOURCE link starts at; none when the project has no SOURCE type;
// and the project's entities and concepts. The documents, actors and
// concepts of an import in progress are not counted.
//
// It reads the counts kept up to date with every change (bucketCounts),
// without reading documents; a file of schema 1 opened read-only has
// none, and is counted in full. It is one read transaction; its error is
// EINTERNAL for a damaged file.
func (s *Store) Stats() (annotate.Stats, error) {
	var st annotate.Stats
	err := s.view(func(tx *bolt.Tx) error {
		types, err := getRelationTypes(tx)
		if err != nil {
			return err
		}
		t, ok, err := readCounts(tx)
		if err != nil {
			return err
		}
		if !ok {
			if t, err = countFile(tx); err != nil {
				return err
			}
		}
		st = t.stats(types)
		for _, x := range []struct {
			name []byte
			n    *int
		}{{bucketEntities, &st.Entities}, {bucketConcepts, &st.Concepts}} {
			if b := tx.Bucket(x.name); b != nil {
				*x.n = b.Stats().KeyN - stagedNames(tx, x.name)
			}
		}
		return nil
	})
	if err != nil {
		return annotate.Stats{}, err
	}
	return st, nil
}

// sourcedSpans returns the ids of the spans of the document bucket b that
// a SOURCE link starts at.
func sourcedSpans(b *bolt.Bucket, docID string) (map[string]bool, error) {
	sourced := make(map[string]bool)
	err := b.Bucket(bucketRelations).ForEach(func(k, v []byte) error {
		var r annotate.Relation
		if err := json.Unmarshal(v, &r); err != nil {
			return errDamaged("relation "+string(k)+" of document "+docID, err)
		}
		if r.Type == annotate.RelationSource {
			sourced[r.From] = true
		}
		return nil
	})
	return sourced, err
}

// stagedNames counts the actors or concepts (the bucket which) that an
// import in progress added.
func stagedNames(tx *bolt.Tx, which []byte) int {
	staging := tx.Bucket(bucketStaging)
	if staging == nil {
		return 0
	}
	n := 0
	prefix := nameKey(which, "")
	c := staging.Bucket(stagingNames).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		n++
	}
	return n
}
