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
