package store

import (
	"encoding/binary"
	"fmt"
	"time"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// schemaVersion is the version of the file layout this code writes and
// reads. A file of an older version is migrated on a read-write open.
var schemaVersion = uint64(len(migrations))

// migrations[v] upgrades a file of schema v to schema v+1, inside the
// transaction of Open. To change the layout, append a function and the
// schema version follows.
var migrations = []func(tx *bolt.Tx, now time.Time) error{
	migrate0to1,
	migrate1to2,
}

// readableSince is the oldest schema a read-only open reads as it is:
// schema 1 differs from 2 only in what 2 adds (compact span and document
// values, which schema 2 reads in both forms, and the counts bucket,
// which Stats does without by counting), so a file of schema 1 opens,
// checks and exports read-only without a migration.
const readableSince = 1

// migrate1to2 upgrades schema 1 to 2: it counts the file into the counts
// bucket (bucketCounts). Values stay as they are (JSON): schema 2 reads
// them, and writes the compact form (encodeSpan, encodeInfo) of each
// value it changes or adds.
func migrate1to2(tx *bolt.Tx, _ time.Time) error {
	return buildCounts(tx)
}

// migrate0to1 upgrades the first draft of the layout (schema 0): a meta
// bucket without a schema key, and without a stored label set (the default
// labels were implied) nor a creation time.
func migrate0to1(tx *bolt.Tx, now time.Time) error {
	meta := tx.Bucket(bucketMeta)
	if meta.Get(keyLabels) == nil {
		if err := putLabels(tx, annotate.DefaultLabels()); err != nil {
			return err
		}
	}
	if meta.Get(keyCreated) == nil {
		if err := meta.Put(keyCreated, []byte(now.UTC().Format(time.RFC3339))); err != nil {
			return err
		}
	}
	for _, name := range [][]byte{bucketOrder, bucketSHA, bucketDocs} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}

// encodeVersion returns v as 8 bytes, big-endian.
func encodeVersion(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

// readSchema returns the schema version of the file, and false when the
// file holds no meta bucket (it is not a Claimdesk project, or empty).
func readSchema(tx *bolt.Tx, path string) (uint64, bool, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, false, nil
	}
	v := meta.Get(keySchema)
	if v == nil {
		return 0, true, nil // schema 0 had no version key
	}
	if len(v) != 8 {
		return 0, true, errNotProject(path, "its version number is damaged")
	}
	n := binary.BigEndian.Uint64(v)
	if n > schemaVersion {
		return n, true, annotate.Errorf(annotate.EINVALID, "This project was made by a newer Claimdesk: %s (file version %d; this Claimdesk reads up to version %d, update it to open the file)", path, n, schemaVersion)
	}
	return n, true, nil
}

// isEmpty reports whether the file holds no bucket at all: a bbolt file
// that was created but never given a schema.
func isEmpty(tx *bolt.Tx) bool {
	k, _ := tx.Cursor().First()
	return k == nil
}

// errNotProject is the EINVALID error for a file that is not a Claimdesk
// project; why says what it is instead.
func errNotProject(path, why string) error {
	return annotate.Errorf(annotate.EINVALID, "This is not a Claimdesk project file: %s (%s)", path, why)
}

// whyOtherDatabase is what errNotProject says of a database file without
// Claimdesk's layout.
const whyOtherDatabase = "it is a database of another program"

// checkSchema is the read-only open's check: the file must be a project of
// the current schema.
func checkSchema(tx *bolt.Tx, path string) error {
	v, ok, err := readSchema(tx, path)
	switch {
	case err != nil:
		return err
	case !ok:
		return errNotProject(path, whyOtherDatabase)
	case v < readableSince:
		return annotate.Errorf(annotate.EINVALID, "This project was made by an older Claimdesk: %s (file version %d); open it once without read-only to upgrade it to version %d", path, v, schemaVersion)
	}
	return nil
}

// prepareSchema is the read-write open's check: it gives an empty file the
// current schema and migrates an older one.
func prepareSchema(tx *bolt.Tx, path string, now time.Time) error {
	v, ok, err := readSchema(tx, path)
	if err != nil {
		return err
	}
	if !ok {
		if !isEmpty(tx) {
			return errNotProject(path, whyOtherDatabase)
		}
		return createSchema(tx, now)
	}
	if err := createEntityBuckets(tx); err != nil {
		return err
	}
	if err := rollbackStaged(tx, ""); err != nil {
		return fmt.Errorf("remove an unfinished import from %s: %w", path, err)
	}
	if v == schemaVersion {
		return nil
	}
	for ; v < schemaVersion; v++ {
		if err := migrations[v](tx, now); err != nil {
			return annotate.Errorf(annotate.EINVALID, "upgrade %s from schema %d to %d: %v", path, v, v+1, err)
		}
	}
	return tx.Bucket(bucketMeta).Put(keySchema, encodeVersion(schemaVersion))
}

// createSchema lays out a new project: its buckets, schema version,
// default label set and relation types, and creation time.
func createSchema(tx *bolt.Tx, now time.Time) error {
	meta, err := tx.CreateBucket(bucketMeta)
	if err != nil {
		return err
	}
	for _, name := range [][]byte{bucketOrder, bucketSHA, bucketDocs, bucketEntities, bucketConcepts, bucketCounts} {
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	if err := meta.Put(keySchema, encodeVersion(schemaVersion)); err != nil {
		return err
	}
	if err := meta.Put(keyCreated, []byte(now.UTC().Format(time.RFC3339))); err != nil {
		return err
	}
	if err := putLabels(tx, annotate.DefaultLabels()); err != nil {
		return err
	}
	return putRelationTypes(tx, annotate.DefaultRelationTypes())
}

// prepare is the read-write open's work on the schema. It first reads the
// schema in a read transaction and writes only when the file needs a
// schema, a migration or the entities and concepts buckets: a committed bbolt transaction rewrites a meta page
// (its transaction id) even when it changed nothing, and opening a current
// project must leave its bytes as they are.
func prepare(db *bolt.DB, path string) error {
	var current bool
	err := guardedView(db, path, func(tx *bolt.Tx) error {
		v, ok, err := readSchema(tx, path)
		if err != nil {
			return err
		}
		if !ok && !isEmpty(tx) {
			return errNotProject(path, whyOtherDatabase)
		}
		current = ok && v == schemaVersion && hasEntityBuckets(tx) && !hasPendingImport(tx)
		return nil
	})
	if err != nil || current {
		return err
	}
	return guardedUpdate(db, path, func(tx *bolt.Tx) error { return prepareSchema(tx, path, time.Now()) })
}
