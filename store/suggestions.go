package store

import (
	"fmt"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// bucketRejected holds the suggestions coders rejected in the window:
// document id → bucket of suggestion key (suggest.Suggestion.Key) → the
// name of the coder who rejected it. Files made before it existed lack
// it; the first rejection creates it.
var bucketRejected = []byte("rejected")

// RejectSuggestions records that annotator rejected the suggestions keys
// of the document docID, in one transaction, so that they are not
// offered again for it. Its error is ENOTFOUND for an unknown document,
// EINVALID without keys.
func (s *Store) RejectSuggestions(docID string, keys []string, annotator string) error {
	if len(keys) == 0 {
		return annotate.Errorf(annotate.EINVALID, "reject suggestions of document %s: no suggestions", docID)
	}
	return s.update(func(tx *bolt.Tx) error {
		if _, err := mustDoc(tx, docID); err != nil {
			return err
		}
		top, err := tx.CreateBucketIfNotExists(bucketRejected)
		if err != nil {
			return fmt.Errorf("reject suggestions of document %s: %w", docID, err)
		}
		b, err := top.CreateBucketIfNotExists([]byte(docID))
		if err != nil {
			return fmt.Errorf("reject suggestions of document %s: %w", docID, err)
		}
		for _, k := range keys {
			if k == "" || len(k) > bolt.MaxKeySize {
				return annotate.Errorf(annotate.EINVALID, "reject suggestions of document %s: bad key %q", docID, k)
			}
			if err := b.Put([]byte(k), []byte(annotator)); err != nil {
				return fmt.Errorf("reject suggestions of document %s: %w", docID, err)
			}
		}
		return nil
	})
}

// UnrejectSuggestions forgets that the suggestions keys of the document
// docID were rejected, in one transaction, so that they are offered
// again: the undo of RejectSuggestions. Keys not rejected are left as
// they are. Its error is ENOTFOUND for an unknown document, EINVALID
// without keys.
func (s *Store) UnrejectSuggestions(docID string, keys []string) error {
	if len(keys) == 0 {
		return annotate.Errorf(annotate.EINVALID, "offer again the suggestions of document %s: no suggestions", docID)
	}
	return s.update(func(tx *bolt.Tx) error {
		if _, err := mustDoc(tx, docID); err != nil {
			return err
		}
		top := tx.Bucket(bucketRejected)
		if top == nil {
			return nil
		}
		b := top.Bucket([]byte(docID))
		if b == nil {
			return nil
		}
		for _, k := range keys {
			if k == "" || len(k) > bolt.MaxKeySize {
				return annotate.Errorf(annotate.EINVALID, "offer again the suggestions of document %s: bad key %q", docID, k)
			}
			if err := b.Delete([]byte(k)); err != nil {
				return fmt.Errorf("offer again the suggestions of document %s: %w", docID, err)
			}
		}
		if k, _ := b.Cursor().First(); k == nil {
			if err := top.DeleteBucket([]byte(docID)); err != nil {
				return fmt.Errorf("offer again the suggestions of document %s: %w", docID, err)
			}
		}
		return nil
	})
}

// RejectedSuggestions returns the keys of the suggestions rejected for
// the document docID (none when there are none), in one read transaction.
func (s *Store) RejectedSuggestions(docID string) (map[string]bool, error) {
	out := map[string]bool{}
	err := s.view(func(tx *bolt.Tx) error {
		top := tx.Bucket(bucketRejected)
		if top == nil {
			return nil
		}
		b := top.Bucket([]byte(docID))
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			out[string(k)] = true
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkRejected checks the rejected suggestions (Check): a bucket per
// document of the project.
func (c *checker) checkRejected() {
	c.checkPerDocument(bucketRejected, "rejected", "rejected suggestions", func([]byte, *bolt.Bucket) {})
}
