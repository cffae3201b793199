//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package store

import "os"

// mapForCheck maps nothing on this system: checkPages reads the file
// with ReadAt.
func mapForCheck(f *os.File, n int64) (data []byte, unmap func(), ok bool) {
	return nil, nil, false
}
