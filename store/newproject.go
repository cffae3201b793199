package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"claimdesk/annotate"
)

// A project that an import creates (CreateNew) lives in a hidden file
// beside its path until the import has stored something (Publish): an
// import that fails, or is killed, leaves no project file with no
// documents behind, only, when killed, the hidden file, which the next
// CreateNew or read-write Open of that path removes.

// newProjectPattern is the name of the file of a project CreateNew made
// and nothing published yet ("*" is random).
func newProjectPattern(project string) string {
	return "." + filepath.Base(project) + ".new-*.tmp"
}

// CreateNew creates a new project that is to appear at path, which must
// not exist: in a hidden file beside it, which messages and Path name
// path. Publish moves it to path; Close before that removes it. An
// import into it that outgrows one transaction (ImportStream) publishes
// it at its end.
//
// Errors: EINVALID when something exists at path; those of Open.
func CreateNew(path string) (*Store, error) {
	if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
		if err == nil {
			return nil, annotate.Errorf(annotate.EINVALID, "project file %s exists already", path)
		}
		return nil, fmt.Errorf("create project %s: %w", path, err)
	}
	removeStale(path, escapeGlob("."+filepath.Base(path))+".new-*.tmp") // newProjectPattern
	f, err := os.CreateTemp(filepath.Dir(path), newProjectPattern(path))
	if err != nil {
		return nil, fmt.Errorf("create project %s: %w%s", path, err, diskHint(err))
	}
	tmp := f.Name()
	f.Close()
	os.Remove(tmp) // bbolt makes it anew, with its own permissions
	s, err := openFile(tmp, path, Options{})
	if err != nil {
		os.Remove(tmp)
		return nil, err
	}
	s.pending = tmp
	return s, nil
}

// Publish moves a project CreateNew made to its path, unless something
// appeared there meanwhile (an EINVALID error); nothing for another
// project, or one published already.
func (s *Store) Publish() error {
	if s.pending == "" {
		return nil
	}
	if err := os.Link(s.pending, s.path); err != nil {
		if _, lerr := os.Lstat(s.path); lerr == nil {
			return annotate.Errorf(annotate.EINVALID, "project file %s appeared while it was being made: the new project was not kept", s.path)
		}
		// A file system without hard links: a rename, which the check
		// above leaves a moment's race.
		if err := os.Rename(s.pending, s.path); err != nil {
			return fmt.Errorf("create project %s: %w%s", s.path, err, diskHint(err))
		}
	} else {
		os.Remove(s.pending)
	}
	syncDir(filepath.Dir(s.path))
	s.pending = ""
	return nil
}

// removeStale removes the files beside project named by pattern (its
// base, escaped, then a glob) that killed commands left: those that no
// process holds open as a project (its lock) and that nothing wrote for
// staleAfter (an import writes its copy before it locks it). Errors
// change nothing.
func removeStale(project, pattern string) {
	names, _ := filepath.Glob(filepath.Join(filepath.Dir(project), pattern))
	for _, name := range names {
		if info, err := os.Stat(name); err == nil && time.Since(info.ModTime()) > staleAfter && unlocked(name) {
			os.Remove(name)
		}
	}
}

// staleAfter is how long a file of an import must have been left alone
// before removeStale takes it for a killed import's.
const staleAfter = time.Minute
