// Package filelock takes advisory locks on open files: flock(2) on Unix,
// the lock bbolt takes on a project file, so that a lock taken here and
// bbolt's exclude each other. Claimdesk uses them to hold a project file
// that is about to be replaced (a restore), and to mark a temporary file
// as in use by a living process: a process that dies loses its locks, so
// a temporary file that can be locked was left by one that died.
//
// Where flock is not available (Windows, Plan 9), Supported is false,
// Lock and Unlock do nothing and TryLock reports false: nothing can be
// told of another process's files there.
package filelock

import (
	"errors"
	"os"
	"time"
)

// ErrTimeout is returned by Lock when another process held the file for
// the whole timeout.
var ErrTimeout = errors.New("the file is locked by another process")

// pollInterval is how often Lock tries again while it waits (bbolt's own
// flock waits the same way).
const pollInterval = 50 * time.Millisecond

// Lock takes an exclusive lock on f, or a shared one, waiting up to
// timeout for another process to release it.
func Lock(f *os.File, exclusive bool, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := try(f, exclusive)
		if err != nil || ok {
			return err
		}
		if time.Now().After(deadline) {
			return ErrTimeout
		}
		time.Sleep(pollInterval)
	}
}

// TryLock takes an exclusive lock on f without waiting, and reports
// whether it did; false where locks are not supported.
func TryLock(f *os.File) (bool, error) {
	if !Supported {
		return false, nil
	}
	return try(f, true)
}

// Hold marks the temporary file f as in use by this process until f is
// closed (a shared lock: the process itself may open it again, as bbolt
// does, and lock it shared too). An error is ignored: Abandoned then goes
// by age.
func Hold(f *os.File) {
	Lock(f, false, 0)
}

// Abandoned reports whether the temporary file name, which its writer
// holds (Hold) while it lives, was left by a process that is gone: its
// lock is free. Where locks are not supported, a file older than maxAge
// counts as abandoned. A file that is not a regular file never does.
func Abandoned(name string, maxAge time.Duration) bool {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	if !Supported {
		return time.Since(info.ModTime()) > maxAge
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	if ok, err := TryLock(f); err != nil || !ok {
		return false
	}
	// Still the same file: its writer may have renamed it meanwhile.
	held, err := f.Stat()
	now, nerr := os.Lstat(name)
	return err == nil && nerr == nil && os.SameFile(held, now)
}
