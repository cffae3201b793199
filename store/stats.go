package store

import (
	"encoding/json"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// Stats counts the project's documents by status (every status is a key,
// with 0 when no document has it) and its spans by label and by annotator.
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
		return tx.Bucket(bucketDocs).ForEachBucket(func(id []byte) error {
			b := tx.Bucket(bucketDocs).Bucket(id)
			in, err := getInfo(b, id)
			if err != nil {
				return err
			}
			st.Documents++
			st.ByStatus[in.Status]++
			return b.Bucket(bucketSpans).ForEach(func(k, v []byte) error {
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
				return nil
			})
		})
	})
	if err != nil {
		return annotate.Stats{}, err
	}
	return st, nil
}
