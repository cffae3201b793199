package store

import (
	"encoding/json"
	"strings"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// keyRelationTypes is the meta key of the project's relation types (JSON).
// A file without it (every file made before relation types existed) has
// annotate.DefaultRelationTypes.
var keyRelationTypes = []byte("relation_types")

// RelationTypes returns the project's relation types: those stored in the
// file, or annotate.DefaultRelationTypes for a file that stores none. Its
// error is EINTERNAL for a damaged file. It is one read transaction.
func (s *Store) RelationTypes() (annotate.RelationTypes, error) {
	var ts annotate.RelationTypes
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		ts, err = getRelationTypes(tx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return ts, nil
}

// getRelationTypes reads the relation types from the meta bucket.
func getRelationTypes(tx *bolt.Tx) (annotate.RelationTypes, error) {
	v := tx.Bucket(bucketMeta).Get(keyRelationTypes)
	if v == nil {
		return annotate.DefaultRelationTypes(), nil
	}
	var ts annotate.RelationTypes
	if err := json.Unmarshal(v, &ts); err != nil {
		return nil, errDamaged("relation types", err)
	}
	return ts, nil
}

// putRelationTypes stores the relation types in the meta bucket after
// checking them (annotate.RelationTypes.Validate); invalid types are an
// EINVALID error.
func putRelationTypes(tx *bolt.Tx, ts annotate.RelationTypes) error {
	if err := ts.Validate(); err != nil {
		return annotate.Errorf(annotate.EINVALID, "relation types: %s", strings.Join(annotate.ErrorMessages(err), "; "))
	}
	data, err := json.Marshal(ts)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(keyRelationTypes, data)
}
