//go:build !unix

package format

import "errors"

// mkfifo reports that this system has no named pipes in its file system.
func mkfifo(path string) error { return errors.New("no named pipes in the file system here") }
