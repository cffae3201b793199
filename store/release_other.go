//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releaseMapped does nothing outside Linux (see release_linux.go).
func releaseMapped(db *bolt.DB, tx *bolt.Tx) {}
