//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package store

import (
	"os"
	"syscall"
)

// mapForCheck maps the first n bytes of f read-only for checkPages, and
// returns them and the function that unmaps them; ok is false when the
// file cannot be mapped (checkPages then reads it with ReadAt).
func mapForCheck(f *os.File, n int64) (data []byte, unmap func(), ok bool) {
	if n <= 0 || int64(int(n)) != n {
		return nil, nil, false
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(n), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, false
	}
	return data, func() { syscall.Munmap(data) }, true
}
