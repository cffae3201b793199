//go:build unix

package store

import (
	"os"
	"syscall"
)

// unlocked reports whether no process holds the bbolt lock of the file at
// path (a flock, which ends with the process that took it).
func unlocked(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return false
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return true
}
