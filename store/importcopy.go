package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// A large import (ImportStream past its first batch) writes into a copy
// of the project file and renames the copy over the file when it has
// ended. bbolt writes every commit into its file, and a file never
// shrinks: an import staged in the project itself and rolled back on
// failure left the data as it was, but grew a 10.5 MB project to 144 MB
// and changed its bytes. The other way, checking the whole input before
// the first write, would read and parse the input twice, and could not
// check what only storing finds (a span id stored with another key):
// README, "A failed import", has the costs of both as measured.

// renameOverOpen says whether a file can be renamed over one that is
// open: not on Windows (replaceClosed). Tests set it.
var renameOverOpen = runtime.GOOS != "windows"

// importCopyPattern is the name of the copy an import writes into, in the
// project's folder ("*" is random): hidden, and named after the project.
func importCopyPattern(project string) string {
	return "." + filepath.Base(project) + ".import-*.tmp"
}

// errReplaced ends a transaction that began on a file an import replaced;
// update runs it again on the new one.
var errReplaced = errors.New("the project file was replaced by an import")

// errImporting is the error of a change while an import into a copy of
// the file runs.
func errImporting(path string) error {
	return annotate.Errorf(annotate.ECONFLICT, "an import into project %s is in progress: nothing was changed; try again when it has ended", path)
}

// importIntoCopy is ImportStream past its first batch: it copies the
// file beside itself, imports into the copy (importStaged) and, when that
// succeeded, renames the copy over the file and uses it from then on;
// when it failed, it removes the copy, and the file's bytes are as they
// were.
func (s *Store) importIntoCopy(first []aheadRecord, ahead func() (aheadRecord, error), annotator string, files func() ([]annotate.FileImport, error)) (annotate.ImportResult, error) {
	if !s.importing.CompareAndSwap(false, true) {
		return annotate.ImportResult{}, annotate.Errorf(annotate.ECONFLICT, "another import into project %s is in progress", s.path)
	}
	defer s.importing.Store(false)
	old := s.handle()
	cp, base, err := s.copyForImport(old)
	if err != nil {
		return annotate.ImportResult{}, err
	}
	tmp := cp.db.Path()
	done := false
	defer func() {
		if !done {
			cp.db.Close()
			if cp.file != nil {
				cp.file.Close()
			}
			os.Remove(tmp)
		}
	}()
	res, err := cp.importStaged(first, ahead, annotator, files)
	if err != nil {
		return annotate.ImportResult{}, err
	}
	if err := s.replaceWith(old, cp, base); err != nil {
		return annotate.ImportResult{}, err
	}
	done = true
	return res, nil
}

// copyForImport writes the file as a read transaction of old sees it into
// a new file beside it, with the file's permissions, and opens that. It
// returns the copy and the id of the transaction it copied.
func (s *Store) copyForImport(old *bolt.DB) (cp *Store, base int, err error) {
	fail := func(err error) (*Store, int, error) {
		return nil, 0, fmt.Errorf("copy project %s for the import: %w%s", s.path, err, diskHint(err))
	}
	file := s.path
	if s.pending != "" {
		file = s.pending // a new project's hidden file (CreateNew)
	}
	info, err := os.Stat(file)
	if err != nil {
		return fail(err)
	}
	f, err := os.CreateTemp(filepath.Dir(s.path), importCopyPattern(s.path))
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	err = old.View(func(tx *bolt.Tx) error {
		base = tx.ID()
		_, err := tx.WriteTo(f)
		return err
	})
	if err == nil {
		err = f.Chmod(info.Mode().Perm())
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fail(err)
	}
	cp, err = openFile(tmp, s.path, Options{})
	if err != nil {
		os.Remove(tmp)
		return nil, 0, err
	}
	return cp, base, nil
}

// replaceWith renames the file of db, the copy an import wrote, over the
// project file, which old has open, and makes db the Store's file; old
// is closed. It holds old's write transaction meanwhile, so that nothing
// commits into old after the check that nothing did since the copy was
// taken (transaction base); a change that did makes it an ECONFLICT
// error, and the copy is not used.
func (s *Store) replaceWith(old *bolt.DB, cp *Store, base int) error {
	db := cp.db
	tx, err := old.Begin(true)
	if err != nil {
		return fmt.Errorf("end the import into project %s: %w", s.path, err)
	}
	if tx.ID()-1 != base {
		tx.Rollback()
		return annotate.Errorf(annotate.ECONFLICT, "project %s was changed by another part of the program during the import: nothing was imported; import again", s.path)
	}
	if !renameOverOpen {
		// Windows renames no file over one that is open: both are closed
		// first, and the project opened again. (Changes through s are
		// still refused meanwhile: s.importing.)
		tx.Rollback()
		return s.replaceClosed(old, cp)
	}
	if err := os.Rename(db.Path(), s.path); err != nil {
		tx.Rollback()
		return fmt.Errorf("end the import into project %s: %w%s", s.path, err, diskHint(err))
	}
	// The rename is done, and with it the import: a folder that cannot
	// be synced now can change nothing about that.
	syncDir(filepath.Dir(s.path))
	s.dbMu.Lock()
	s.db = db
	oldFile := s.file
	s.file, cp.file = cp.file, nil
	s.dbMu.Unlock()
	if oldFile != nil {
		oldFile.Close()
	}
	tx.Rollback()
	old.Close() // waits for the readers that began on it
	// A new project (CreateNew) is published by the rename.
	if s.pending != "" {
		os.Remove(s.pending)
		s.pending = ""
	}
	return nil
}

// replaceClosed is replaceWith for Windows: it closes old and db, renames
// the file of db over the project file, and opens that.
func (s *Store) replaceClosed(old *bolt.DB, cp *Store) error {
	db := cp.db
	tmp := db.Path()
	if cp.file != nil {
		cp.file.Close()
		cp.file = nil
	}
	old.Close()
	if s.file != nil {
		s.file.Close() // Windows renames nothing over an open file
		s.file = nil
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("end the import into project %s: %w", s.path, err)
	}
	fail := func(err error) error {
		// The Store keeps a closed file: its methods return errors.
		return fmt.Errorf("end the import into project %s (open it again): %w%s", s.path, err, diskHint(err))
	}
	if err := os.Rename(tmp, s.path); err != nil {
		os.Remove(tmp)
		return fail(err)
	}
	if s.pending != "" {
		os.Remove(s.pending)
		s.pending = ""
	}
	ns, err := openFile(s.path, s.path, Options{})
	if err != nil {
		return fail(err)
	}
	s.dbMu.Lock()
	s.db = ns.db
	oldFile := s.file
	s.file = ns.file
	s.dbMu.Unlock()
	if oldFile != nil {
		oldFile.Close()
	}
	return nil
}

// removeImportCopies removes the copies of imports into project that were
// killed (importIntoCopy), as removeStale does: errors change nothing, the
// next open tries again.
func removeImportCopies(project string) {
	removeStale(project, escapeGlob("."+filepath.Base(project))+".import-*.tmp") // importCopyPattern
}

// escapeGlob escapes the characters that filepath.Match treats specially
// in name.
func escapeGlob(name string) string {
	var b []byte
	for i := 0; i < len(name); i++ {
		switch c := name[i]; c {
		case '*', '?', '[', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return string(b)
}
