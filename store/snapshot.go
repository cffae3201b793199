package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"claimdesk/annotate"
)

// snapshotAttempts is how many copies OpenSnapshot takes before it gives
// up on a file that another program keeps changing.
const snapshotAttempts = 5

// snapshotBackoff is the wait before the second copy; it doubles for each
// further one.
const snapshotBackoff = 20 * time.Millisecond

// OpenSnapshot opens a read-only copy of the project file at path, for
// review while another program (a Claimdesk window) holds the file. That
// program may be writing: a copy can be torn, so each copy is opened and
// checked in full (Check), and a copy that does not open or has problems
// is taken again, a few times, after a short wait. A damaged copy never
// panics: bbolt's panics and memory faults on bad pages become errors.
//
// The Store's Path is path, ReadOnly is true, and Close removes the copy;
// when OpenSnapshot fails, nothing of the copy is left either.
//
// Errors: ENOTFOUND when there is no file at path; EINVALID when the path
// is a folder or the copy is not a Claimdesk project of the current
// schema (the errors of a read-only Open, naming path); EINTERNAL when no
// copy passed the check. I/O errors have no code.
func OpenSnapshot(path string) (*Store, error) {
	return openSnapshot(path, copyFile)
}

// openSnapshot is OpenSnapshot with the function that copies the file, so
// that tests can tear copies. copy is told which attempt (0-based) it
// makes.
func openSnapshot(path string, copy func(src, dst string, attempt int) error) (*Store, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, errMissing(path)
	case err != nil:
		return nil, fmt.Errorf("open a copy of project %s: %w", path, err)
	case info.IsDir():
		return nil, errFolder(path)
	}
	dir, err := os.MkdirTemp("", "claimdesk-snapshot-")
	if err != nil {
		return nil, fmt.Errorf("open a copy of project %s: %w", path, err)
	}
	dst := filepath.Join(dir, filepath.Base(path))
	var last error
	wait := snapshotBackoff
	for attempt := range snapshotAttempts {
		if attempt > 0 {
			time.Sleep(wait)
			wait *= 2
		}
		if err := os.Remove(dst); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("open a copy of project %s: %w", path, err)
		}
		if err := copy(path, dst, attempt); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("copy project %s for reading: %w", path, err)
		}
		var st *Store
		st, last = openCopy(dst, path)
		if last == nil {
			st.snapshotDir = dir
			return st, nil
		}
	}
	os.RemoveAll(dir)
	if annotate.ErrorCode(last) == annotate.EINVALID {
		return nil, last // not a project, or not of this schema: as Open says
	}
	return nil, annotate.Errorf(annotate.EINTERNAL,
		"Could not read a sound copy of project file %s in %d tries: another program kept changing it, or the file is damaged (%s)",
		path, snapshotAttempts, firstMessage(last))
}

// openCopy opens the copy at file read-only under the name of the
// original, and checks it in full. bbolt panics on some damaged pages,
// and reading a page past the end of a truncated file is a memory fault:
// both become errors.
func openCopy(file, name string) (st *Store, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if st != nil {
				closeAfterPanic(st)
			}
			st, err = nil, annotate.Errorf(annotate.EINTERNAL, "a damaged page in the copy: %v", r)
		}
	}()
	st, err = openFile(file, name, Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	if err := st.Check(); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// closeAfterPanic closes a store whose file made bbolt panic, ignoring a
// second panic: the copy is removed anyway.
func closeAfterPanic(st *Store) {
	defer func() { recover() }()
	st.db.Close()
}

// firstMessage returns the message of the first error joined in err.
func firstMessage(err error) string {
	msgs := annotate.ErrorMessages(err)
	if len(msgs) > 1 {
		return fmt.Sprintf("%s; and %d more problems", msgs[0], len(msgs)-1)
	}
	return msgs[0]
}

// copyFile copies the file src to a new file dst.
func copyFile(src, dst string, _ int) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fileMode)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}
