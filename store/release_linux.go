package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped tells the kernel that the pages of the file's memory map
// that tx's pages cover are not needed now: they stay in the page cache,
// and a read maps them again. ImportStream calls it between batches.
// bbolt reads the file through a shared, read-only memory map, and each
// page it reads makes the kernel map up to 64 KB of the pages around it
// that are in the page cache (fault-around): pages the import just wrote.
// Those count as the process's resident memory though the kernel can
// drop them at will; without this, a 370 MB import's resident memory grew
// by about half the file's size.
//
// It must run inside a read-write transaction: only the writer remaps
// the file, so the map stays where it is while it runs.
func releaseMapped(db *bolt.DB, tx *bolt.Tx) {
	base, size := db.Info().Data, tx.Size()
	if base == 0 || size <= 0 {
		return
	}
	// Advice only: an error changes nothing.
	syscall.Syscall(syscall.SYS_MADVISE, base, uintptr(size), syscall.MADV_DONTNEED)
}
