package store

import (
	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// DocumentBySHA returns the id of the document whose text has the hex
// SHA-256 sum (annotate.TextSHA256), and whether there is one. It is one
// read transaction. An index entry that names a missing document is an
// EINTERNAL error (a damaged file).
func (s *Store) DocumentBySHA(sum string) (string, bool, error) {
	var id string
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketSHA).Get([]byte(sum))
		if v == nil {
			return nil
		}
		if tx.Bucket(bucketDocs).Bucket(v) == nil {
			return errDamaged("the text index names a missing document "+string(v), nil)
		}
		id = string(v)
		return nil
	})
	if err != nil {
		return "", false, err
	}
	return id, id != "", nil
}

// Record returns one document with its text, its spans (in
// annotate.CompareSpans order) and its relations, as ForEachRecord gives
// it. Its error is ENOTFOUND for an unknown id. It is one read
// transaction.
func (s *Store) Record(id string) (annotate.Record, error) {
	var rec annotate.Record
	err := s.view(func(tx *bolt.Tx) error {
		b, err := mustDoc(tx, id)
		if err != nil {
			return err
		}
		rec, err = readRecord(tx, b, id)
		return err
	})
	if err != nil {
		return annotate.Record{}, err
	}
	return rec, nil
}

// DocumentCount returns the number of documents in the project, without
// reading them. It is one read transaction.
func (s *Store) DocumentCount() (int, error) {
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOrder).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			n++
		}
		return nil
	})
	return n, err
}
