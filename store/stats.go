package store

import (
	"encoding/json"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// Stats counts the project's documents by status (every status is a key,
// with 0 when no document has it) and its spans by label and by
// annotator, and the statements without a source: spans with a label a
// SOURCE link may start at (any label, when the SOURCE type allows any)
// that no SOURCE link starts at; none when the project has no SOURCE type;
// and the project's entities and concepts.
// It is one read transaction.
func (s *Store) Stats() (annotate.Stats, error) {
	st := annotate.Stats{
		ByStatus:    make(map[annotate.Status]int, len(annotate.Statuses)),
		ByLabel:     make(map[string]int),
		ByAnnotator: make(map[string]int),
	}
	for _, status := range annotate.Statuses {
		st.ByStatus[status] = 0
	}
	err := s.view(func(tx *bolt.Tx) error {
		types, err := getRelationTypes(tx)
		if err != nil {
			return err
		}
		for _, x := range []struct {
			name []byte
			n    *int
		}{{bucketEntities, &st.Entities}, {bucketConcepts, &st.Concepts}} {
			if b := tx.Bucket(x.name); b != nil {
				*x.n = b.Stats().KeyN
			}
		}
		source, hasSource := types.Find(annotate.RelationSource)
		return tx.Bucket(bucketDocs).ForEachBucket(func(id []byte) error {
			b := tx.Bucket(bucketDocs).Bucket(id)
			in, err := getInfo(b, id)
			if err != nil {
				return err
			}
			st.Documents++
			st.ByStatus[in.Status]++
			var statements []string // ids of the document's statements
			err = b.Bucket(bucketSpans).ForEach(func(k, v []byte) error {
				var sp struct {
					Label     string `json:"label"`
					Annotator string `json:"annotator"`
				}
				if err := json.Unmarshal(v, &sp); err != nil {
					return errDamaged("span "+string(k)+" of document "+in.ID, err)
				}
				st.Spans++
				st.ByLabel[sp.Label]++
				st.ByAnnotator[sp.Annotator]++
				if hasSource && source.AllowsFrom(sp.Label) {
					statements = append(statements, string(k))
				}
				return nil
			})
			if err != nil || len(statements) == 0 {
				return err
			}
			sourced, err := sourcedSpans(b, in.ID)
			if err != nil {
				return err
			}
			for _, id := range statements {
				if !sourced[id] {
					st.Unsourced++
				}
			}
			return nil
		})
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
