package store

import (
	"encoding/json"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// Labels returns the project's label set. It is one read transaction.
func (s *Store) Labels() (annotate.LabelSet, error) {
	var ls annotate.LabelSet
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		ls, err = getLabels(tx)
		return err
	})
	return ls, err
}

// getLabels reads the label set from the meta bucket.
func getLabels(tx *bolt.Tx) (annotate.LabelSet, error) {
	var ls annotate.LabelSet
	if err := json.Unmarshal(tx.Bucket(bucketMeta).Get(keyLabels), &ls); err != nil {
		return nil, errDamaged("label set", err)
	}
	return ls, nil
}

// putLabels stores the label set in the meta bucket.
func putLabels(tx *bolt.Tx, ls annotate.LabelSet) error {
	data, err := json.Marshal(ls)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(keyLabels, data)
}
