package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	bolt "go.etcd.io/bbolt"

	"claimdesk/annotate"
	"claimdesk/store"
)

// benchBboltFloor is the floor of an import that means something for a
// store: bbolt itself writing the same records (each JSONL line of file,
// as it is, under its document's id) in as many transactions as
// ImportStream commits for them, with no parsing, no checks and no index.
// The lines and ids are ready before the timer starts. It reports the
// transactions as the metric "txs".
func benchBboltFloor(b *testing.B, file string, size int64, recs []annotate.Record) {
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	if len(lines) != len(recs) {
		b.Fatalf("%d lines, %d records", len(lines), len(recs))
	}
	txs := importTxs(b, recs)
	per := (len(lines) + txs - 1) / txs
	b.SetBytes(size)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		db, err := bolt.Open(filepath.Join(b.TempDir(), fmt.Sprintf("floor%d.db", i)), 0o600, nil)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		for lo := 0; lo < len(lines); lo += per {
			err := db.Update(func(tx *bolt.Tx) error {
				bk, err := tx.CreateBucketIfNotExists([]byte("records"))
				if err != nil {
					return err
				}
				for j := lo; j < min(lo+per, len(lines)); j++ {
					if err := bk.Put([]byte(recs[j].Document.ID), lines[j]); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(txs), "txs")
}

// importTxs returns how many write transactions an ImportStream of recs
// into a new project commits: the growth of the file's transaction id
// over the import, less what opening and closing the project commits.
func importTxs(b *testing.B, recs []annotate.Record) int {
	b.Helper()
	path := filepath.Join(b.TempDir(), "txs.claimdesk")
	cycle := func(work func(st *store.Store)) uint64 {
		st, err := store.Open(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if work != nil {
			work(st)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		tx, err := db.Begin(false)
		if err != nil {
			b.Fatal(err)
		}
		defer tx.Rollback()
		return uint64(tx.ID())
	}
	t0 := cycle(nil)
	t1 := cycle(nil)
	t2 := cycle(func(st *store.Store) {
		j := 0
		_, err := st.ImportStream(func() (annotate.Record, error) {
			if j == len(recs) {
				return annotate.Record{}, io.EOF
			}
			j++
			return recs[j-1], nil
		}, "bench")
		if err != nil {
			b.Fatal(err)
		}
	})
	n := int(t2-t1) - int(t1-t0)
	if n < 1 {
		b.Fatalf("the import committed %d transactions (ids %d, %d, %d)", n, t0, t1, t2)
	}
	return n
}
