// Package store keeps a Claimdesk project in one local bbolt file: its
// documents, their spans and relations, and its label set. It is the only
// package that knows about bbolt.
//
// Every public method of Store is exactly one bbolt transaction: methods
// that change something run in one read-write transaction, so when they
// return nil the change is on disk, and when they return an error nothing
// changed; methods that only read run in one read transaction and see one
// consistent state of the file. The one exception is ImportStream, which
// commits a large import in batches into a copy of the file and renames
// the copy over the file when it has ended (see its documentation).
//
// # File layout
//
//	meta                       schema (8-byte big-endian), labels (JSON), created (RFC 3339 UTC),
//	                           relation_types (JSON; missing in older files: annotate.DefaultRelationTypes),
//	                           import (the id of an import in progress, see ImportStream)
//	order                      8-byte big-endian sequence → document id (import order)
//	sha                        hex SHA-256 of a text → document id
//	docs/<document id>/info    the document without its text, with its span count and
//	                           sequence (binary, encodeInfo; JSON in schema 1)
//	docs/<document id>/text    the text (UTF-8)
//	docs/<document id>/spans/      span id → span (binary, encodeSpan; JSON in schema 1)
//	docs/<document id>/relations/  relation id → relation (JSON)
//	docs/<document id>/keys/       natural key (annotate.SpanKey, see spankeys.go) → span id
//	entities                   entity id → annotate.Entity (JSON); missing in older files (none)
//	concepts                   concept id → annotate.Concept (JSON); missing in older files (none)
//	decisions/<document id>/   annotate.Decision.Key → annotate.Decision (JSON): review decisions;
//	                           missing until the first one (decision.go)
//	counts                     what Stats reports, kept by every change (bucketCounts; schema 2)
//	staging                    the documents of an import in progress (bucketStaging)
//	files                      hex SHA-256 of an imported file → JSON list of annotate.FileImport
//	                           (who imported it, when, under which name); missing until a file is
//	                           imported (bucketFiles)
//
// Span and relation ids are unique within their document, and so is a
// relation's type with its two spans. A span's entity and concept
// (annotate.Span.Entity, Concept) are ids of the entities and concepts
// buckets; entity names are unique in the project (annotate.NameKey), and
// so are concept names.
package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Bucket and key names of the file layout (see the package documentation).
var (
	bucketMeta      = []byte("meta")
	bucketOrder     = []byte("order")
	bucketSHA       = []byte("sha")
	bucketDocs      = []byte("docs")
	bucketSpans     = []byte("spans")
	bucketRelations = []byte("relations")

	keySchema  = []byte("schema")
	keyLabels  = []byte("labels")
	keyCreated = []byte("created")
	keyInfo    = []byte("info")
	keyText    = []byte("text")
)

// DefaultTimeout is how long Open waits for a lock held by another program
// when Options.Timeout is 0.
const DefaultTimeout = time.Second

// initialMmapSize is the memory map size of a project opened read-write.
const initialMmapSize = 1 << 30

// allocSize is how much a project file opened read-write grows at a
// time, past what it needs, once its memory map is larger than this
// (always, with initialMmapSize): bbolt's default of 16 MB made a
// project holding one article a 16 MB file. Growing by 1 MiB costs a
// truncate and an fsync per MiB a commit adds, which commits pay anyway.
const allocSize = 1 << 20

// fileMode is the permission of a new project file.
const fileMode = 0o600

// Options configure Open.
type Options struct {
	// ReadOnly opens the project for review: the file's bytes never
	// change, and every method that would change something returns an
	// EREADONLY *annotate.Error.
	ReadOnly bool
	// Timeout is how long to wait for a file lock held by another process
	// before Open returns an ELOCKED error; 0 means DefaultTimeout.
	Timeout time.Duration
}

// Store is an open project file. It implements annotate.Project. Its
// methods are safe for concurrent use.
type Store struct {
	// db is the open file; an import into a copy (importIntoCopy)
	// replaces it, under dbMu: methods take it with handle.
	db   *bolt.DB
	dbMu sync.RWMutex
	// file is the project file, open for reading the structure of its
	// pages (checkPages): the file bbolt holds. An import into a copy
	// replaces it with db, under dbMu.
	file     *os.File
	path     string
	readOnly bool
	// pending is the hidden file of a project CreateNew made and nothing
	// published yet (Publish), else "".
	pending string
	// importing is set while an import writes into a copy of the file
	// (importIntoCopy): changes are refused meanwhile, or the rename
	// would lose them.
	importing atomic.Bool
	// snapshotDir is the temporary folder of a snapshot's copy, removed
	// by Close; "" for a project opened with Open.
	snapshotDir string
}

var _ annotate.Project = (*Store)(nil)

// Open opens the project file at path, creating it (with the current schema
// and the default label set) when it is missing and opts.ReadOnly is false.
// A file of an older schema is migrated in one transaction when opened
// read-write.
//
// Errors, each naming the path (after the message's first words, so that
// a dialog that capitalises the message leaves the path as it is), in
// words a researcher knows: ENOTFOUND when a read-only open finds no file;
// ELOCKED when another program holds the file for longer than
// opts.Timeout; EINVALID when the path is a folder, the file is not a
// Claimdesk project (damaged, or another kind of file), was written by a
// newer Claimdesk, or (read-only) needs a migration. Other errors (I/O)
// have no code (EINTERNAL).
func Open(path string, opts Options) (*Store, error) {
	s, err := openFile(path, path, opts)
	if err == nil && !opts.ReadOnly {
		// What killed imports left: their copies (this open holds the
		// lock), and the files of new projects (CreateNew).
		removeImportCopies(path)
		removeStale(path, escapeGlob("."+filepath.Base(path))+".new-*.tmp")
	}
	return s, err
}

// openFile is Open of the file at file, which messages and Path call name:
// a snapshot opens a copy under the original's name.
//
// Once it holds the file's lock, it checks that the path still names the
// file it locked (another process, a restore, may have renamed a new file
// over it while this one waited for the lock), and opens the path again
// when not: a Store never writes into a file that is no longer the
// project.
func openFile(file, name string, opts Options) (*Store, error) {
	for attempt := 0; ; attempt++ {
		st, replaced, err := openOnce(file, name, opts)
		if !replaced {
			return st, err
		}
		if attempt >= maxReopens {
			return nil, annotate.Errorf(annotate.ELOCKED, "project file %s is being replaced by another program again and again; try again", name)
		}
	}
}

// maxReopens is how many times openFile opens a path again that was
// replaced while it waited for the lock.
const maxReopens = 10

// openOnce is one try of openFile; replaced reports that the path names
// another file than the one it locked (the Store is closed then).
func openOnce(file, name string, opts Options) (*Store, bool, error) {
	if file == name {
		cleanStale(file) // what interrupted commands left (stale.go)
	}
	info, statErr := os.Stat(file)
	missing := errors.Is(statErr, os.ErrNotExist)
	switch {
	case missing && opts.ReadOnly:
		return nil, false, errMissing(name)
	case statErr != nil && !missing:
		return nil, false, fmt.Errorf("open project %s: %w", name, statErr)
	case statErr == nil && info.IsDir():
		return nil, false, errFolder(name)
	}
	// held is the file as this open found it, opened before bbolt opens
	// it: when the path still names it once bbolt holds the lock, bbolt
	// holds it too. A new file is opened once bbolt made it.
	var held *os.File
	if !missing {
		f, err := os.Open(file)
		if err != nil {
			return nil, false, fmt.Errorf("open project %s: %w", name, err)
		}
		held = f
		// Before bbolt maps it: an empty file (which a read-only open
		// must not initialise), one cut short (which the map would reach
		// past: a fault) and one whose pages would lead bbolt astray are
		// refused here.
		if err := precheck(held, name, opts.ReadOnly); err != nil {
			held.Close()
			return nil, false, err
		}
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	bopts := &bolt.Options{Timeout: timeout, ReadOnly: opts.ReadOnly}
	if !opts.ReadOnly && runtime.GOOS != "windows" && strconv.IntSize == 64 {
		// Each time a write transaction outgrows the memory map, bbolt
		// remaps and copies every page the transaction changed so far: a
		// large Import would copy its data a dozen times. Mapping 1 GB
		// from the start costs address space only (the file grows as
		// needed), except on Windows, where it would grow the file.
		bopts.InitialMmapSize = initialMmapSize
	}
	var db *bolt.DB
	err := guard(name, func() error {
		var err error
		db, err = bolt.Open(file, fileMode, bopts)
		return err
	})
	if err == nil && held == nil {
		held, err = os.Open(file)
		if err != nil {
			db.Close()
			err = fmt.Errorf("open project %s: %w", name, err)
		}
	}
	if err != nil {
		if held != nil {
			held.Close()
		}
		if errors.Is(err, ErrDamaged) || annotate.ErrorCode(err) != annotate.EINTERNAL {
			return nil, false, err
		}
		return nil, false, openError(name, err)
	}
	if now, err := os.Stat(file); err != nil || !sameFile(held, now) {
		db.Close()
		held.Close()
		return nil, true, nil
	}
	if !opts.ReadOnly {
		db.AllocSize = allocSize
	}
	s := &Store{db: db, file: held, path: name, readOnly: opts.ReadOnly}
	if opts.ReadOnly {
		err = s.view(func(tx *bolt.Tx) error { return checkSchema(tx, name) })
	} else {
		err = prepare(db, name)
	}
	if err != nil {
		db.Close()
		held.Close()
		if missing {
			os.Remove(file)
		}
		if annotate.ErrorCode(err) == annotate.EINTERNAL {
			err = fmt.Errorf("open project %s: %w", name, err)
		}
		return nil, false, err
	}
	return s, false, nil
}

// precheck checks the structure of the project file f (checkPages)
// before bbolt maps it, without a lock: it refuses a file that is empty
// (when opened read-only: a read-write open gives it a schema), has no
// valid meta page, is shorter than its meta page says, or whose pages
// would lead bbolt astray. Another program may be writing the file
// meanwhile; bbolt never changes a page that the last meta page reaches
// until a later commit, so a check during which the meta page stayed the
// same saw one sound state of the file. A file that keeps changing is
// left to bbolt, under the lock (and the fault guard).
func precheck(f *os.File, name string, readOnly bool) error {
	for range 3 {
		// The meta page first, then the size: a writer grows the file
		// before it writes a meta page that counts the new pages.
		before, _ := readMeta(f)
		info, err := f.Stat()
		if err != nil {
			return fmt.Errorf("open project %s: %w", name, err)
		}
		if info.Size() == 0 {
			if readOnly {
				return errEmptyFile(name)
			}
			return nil
		}
		fp, problems := checkPages(f, info.Size())
		if after, _ := readMeta(f); after == before {
			return pagesError(name, fp, problems)
		}
	}
	return nil
}

// sameFile reports whether the open file f is the one info describes
// (same device and inode).
func sameFile(f *os.File, info os.FileInfo) bool {
	held, err := f.Stat()
	return err == nil && os.SameFile(held, info)
}

// openError turns an error of bolt.Open into one that names the path and
// carries a code for the cases a user can act on.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return annotate.Errorf(annotate.ELOCKED, "project file %s is in use by another program (open in a Claimdesk window? export from that window's File → Export…, or close it first)", path)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch), strings.Contains(err.Error(), "file size too small"):
		return errNotProject(path, "the file is damaged or of another kind")
	}
	return fmt.Errorf("open project %s: %w", path, err)
}

// Close releases the file; a snapshot (OpenSnapshot) also removes its
// copy. The Store cannot be used afterwards.
func (s *Store) Close() error {
	err := s.handle().Close()
	s.dbMu.RLock()
	f := s.file
	s.dbMu.RUnlock()
	if f != nil {
		f.Close()
	}
	if err != nil {
		err = fmt.Errorf("close project %s: %w", s.path, err)
	}
	if s.pending != "" {
		os.Remove(s.pending) // never published: nothing was stored
	}
	if s.snapshotDir != "" {
		if rerr := os.RemoveAll(s.snapshotDir); rerr != nil && err == nil {
			err = fmt.Errorf("remove the copy of project %s: %w", s.path, rerr)
		}
	}
	return err
}

// Path returns the path the project was opened with.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the project was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// update runs fn in one read-write transaction, or returns an EREADONLY
// error when the project is read-only, or an ECONFLICT error while an
// import into a copy of the file runs. A transaction that began on a
// file that an import replaced meanwhile runs again on the new one.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	if s.readOnly {
		return errReadOnly(s.path)
	}
	for {
		if s.importing.Load() {
			return errImporting(s.path)
		}
		db := s.handle()
		err := guardedUpdate(db, s.path, func(tx *bolt.Tx) error {
			if s.handle() != db {
				return errReplaced
			}
			return fn(tx)
		})
		if err == errReplaced || errors.Is(err, berrors.ErrDatabaseNotOpen) && s.handle() != db {
			continue
		}
		return err
	}
}

// updateTx runs fn in one read-write transaction, guarded against a
// damaged file (guard), without update's checks: for the copy an import
// writes into (importStaged).
func (s *Store) updateTx(fn func(tx *bolt.Tx) error) error {
	return guardedUpdate(s.handle(), s.path, fn)
}

// view runs fn in one read transaction, guarded against a damaged file
// (guard).
func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	for {
		db := s.handle()
		err := guardedView(db, s.path, fn)
		if errors.Is(err, berrors.ErrDatabaseNotOpen) && s.handle() != db {
			continue // replaced by an import, and closed, before the view began
		}
		return err
	}
}

// handle returns the open file.
func (s *Store) handle() *bolt.DB {
	s.dbMu.RLock()
	defer s.dbMu.RUnlock()
	return s.db
}
