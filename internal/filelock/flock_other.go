//go:build !unix

package filelock

import "os"

// Supported reports whether this system has the locks this package takes.
const Supported = false

// try takes no lock where locks are not supported: it reports success, so
// that Lock does not wait.
func try(f *os.File, exclusive bool) (bool, error) { return true, nil }

// Unlock does nothing where locks are not supported.
func Unlock(f *os.File) error { return nil }
