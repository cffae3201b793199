package store

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// The project remembers each file an import took, in a bucket of its own:
//
//	files    hex SHA-256 of the file → JSON list of annotate.FileImport,
//	         the imports of those bytes, oldest first
//
// The bucket is made by the first import that records a file; a project
// without it took no file yet (or was made before imports were recorded).
var bucketFiles = []byte("files")

// FileImports returns the imports recorded of the file whose bytes have
// the hex SHA-256 sum, oldest first; none when the project never took it.
func (s *Store) FileImports(sum string) ([]annotate.FileImport, error) {
	var out []annotate.FileImport
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = getFileImports(tx, sum)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the imports of project %s: %w", s.path, err)
	}
	return out, nil
}

// ImportStreamFiles is ImportStream that also records that files were
// imported (FileImports), in the transaction that ends the import: the
// record is there exactly when the import's records are. files is called
// once, in that transaction, and may wait (for the files' SHA-256 sums,
// computed while the import runs); an error from it fails the import,
// which then stores nothing.
func (s *Store) ImportStreamFiles(next func() (annotate.Record, error), annotator string, files func() ([]annotate.FileImport, error)) (annotate.ImportResult, error) {
	return s.importStream(next, annotator, files)
}

// getFileImports returns the imports recorded under sum in tx.
func getFileImports(tx *bolt.Tx, sum string) ([]annotate.FileImport, error) {
	b := tx.Bucket(bucketFiles)
	if b == nil {
		return nil, nil
	}
	v := b.Get([]byte(sum))
	if v == nil {
		return nil, nil
	}
	var out []annotate.FileImport
	if err := json.Unmarshal(v, &out); err != nil {
		return nil, annotate.Errorf(annotate.EINTERNAL, "file import %s: %v", sum, err)
	}
	return out, nil
}

// putFileImports adds the imports files returns to what tx records, each
// file at its time or, when that is zero, at now; nothing when files is
// nil.
func putFileImports(tx *bolt.Tx, filesFn func() ([]annotate.FileImport, error), now time.Time) error {
	if filesFn == nil {
		return nil
	}
	files, err := filesFn()
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketFiles)
	if err != nil {
		return err
	}
	for _, f := range files {
		if f.SHA256 == "" {
			return annotate.Errorf(annotate.EINVALID, "file import %s has no SHA-256", f.Name)
		}
		if f.Time.IsZero() {
			f.Time = now
		}
		f.Time = f.Time.UTC()
		prev, err := getFileImports(tx, f.SHA256)
		if err != nil {
			return err
		}
		v, err := json.Marshal(append(prev, f))
		if err != nil {
			return err
		}
		if err := b.Put([]byte(f.SHA256), v); err != nil {
			return err
		}
	}
	return nil
}

// fileImports checks the record of the files imported: each key a hex
// SHA-256, each value a list of imports of that sum.
func (c *checker) fileImports() {
	b := c.tx.Bucket(bucketFiles)
	if b == nil {
		return
	}
	_ = b.ForEach(func(k, v []byte) error {
		if _, err := hex.DecodeString(string(k)); err != nil || len(k) != 64 {
			c.problem("files bucket: key %q is not a SHA-256", clipKey(k))
			return nil
		}
		var list []annotate.FileImport
		if err := json.Unmarshal(v, &list); err != nil || len(list) == 0 {
			c.problem("files bucket: the imports of %s cannot be read", k)
			return nil
		}
		for _, f := range list {
			if f.SHA256 != string(k) {
				c.problem("files bucket: an import of %s (%s) has the sum %q", k, f.Name, f.SHA256)
			}
		}
		return nil
	})
}

// clipKey returns at most 80 bytes of the key k.
func clipKey(k []byte) []byte { return k[:min(len(k), 80)] }
