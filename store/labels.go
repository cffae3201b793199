package store

import (
	"encoding/json"
	"strings"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// Labels returns the project's label set, completed as
// annotate.LabelSet.Completed does for files written before underline
// styles and definitions existed. Its error is EINTERNAL for a damaged
// file. It is one read transaction.
func (s *Store) Labels() (annotate.LabelSet, error) {
	var ls annotate.LabelSet
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		ls, err = getLabels(tx)
		return err
	})
	return ls, err
}

// getLabels reads the label set from the meta bucket and completes it
// (annotate.LabelSet.Completed): a file written before underline styles
// and definitions existed is read as if it had them, and keeps its bytes
// until the label set is next written.
func getLabels(tx *bolt.Tx) (annotate.LabelSet, error) {
	var ls annotate.LabelSet
	if err := json.Unmarshal(tx.Bucket(bucketMeta).Get(keyLabels), &ls); err != nil {
		return nil, errDamaged("label set", err)
	}
	return ls.Completed(), nil
}

// putLabels stores the label set in the meta bucket after checking it
// (annotate.LabelSet.Validate); an invalid set is an EINVALID error.
func putLabels(tx *bolt.Tx, ls annotate.LabelSet) error {
	if err := ls.Validate(); err != nil {
		return annotate.Errorf(annotate.EINVALID, "label set: %s", strings.Join(annotate.ErrorMessages(err), "; "))
	}
	data, err := json.Marshal(ls)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(keyLabels, data)
}
