package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"claimdesk/annotate"
	"claimdesk/internal/filelock"
	bolt "go.etcd.io/bbolt"
)

// Backups
//
// A project's backups are complete project files in the folder beside it
// that BackupDir names: for p.claimdesk, p.claimdesk.backups. Each is
// named by the UTC time it was taken, to the millisecond, as
// 2026-11-27T08-30-00.000Z.claimdesk, so that names sort by age. A backup
// is written under a temporary name (".tmp-…", which Backups ignores),
// synced and renamed: a backup that a full disk or a crash cut short
// never appears, and never replaces an older one.

// BackupInterval is how old the newest backup must be before AutoBackup
// takes another.
const BackupInterval = time.Hour

// BackupsKept is how many backups AutoBackup and TakeBackup keep: the
// newest ones.
const BackupsKept = 5

const (
	backupDirSuffix = ".backups"
	backupLayout    = "2006-01-02T15-04-05.000Z"
	backupExt       = ".claimdesk"
	backupTempGlob  = ".tmp-*"
)

// Backup is one backup of a project.
type Backup struct {
	// Path is the backup's file.
	Path string
	// Time is when it was taken (UTC, to the millisecond), from its name.
	Time time.Time
	// Size is the file's size in bytes.
	Size int64
}

// BackupDir returns the folder that holds the backups of the project file
// at project: the project's path with ".backups" added.
func BackupDir(project string) string { return project + backupDirSuffix }

// backupTime returns the time in a backup's file name, and whether the
// name is one of a backup.
func backupTime(name string) (time.Time, bool) {
	stem, ok := strings.CutSuffix(name, backupExt)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(backupLayout, stem)
	return t, err == nil
}

// Backups returns the backups of the project file at project, newest
// first; none (and no error) when it has no backup folder. It reads only
// the folder, not the backups, and needs no lock on the project.
//
// Errors: EINVALID when the backup folder's path is a file; I/O errors
// (no code), naming the folder.
func Backups(project string) ([]Backup, error) {
	dir := BackupDir(project)
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, nil
	case errors.Is(err, syscall.ENOTDIR):
		return nil, annotate.Errorf(annotate.EINVALID, "the backups of project %s cannot be kept: %s is a file, not a folder", project, dir)
	case err != nil:
		return nil, fmt.Errorf("list the backups of project %s: %w", project, err)
	}
	var out []Backup
	for _, e := range entries {
		t, ok := backupTime(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if errors.Is(err, os.ErrNotExist) {
			continue // removed meanwhile
		}
		if err != nil {
			return nil, fmt.Errorf("list the backups of project %s: %w", project, err)
		}
		out = append(out, Backup{Path: filepath.Join(dir, e.Name()), Time: t, Size: info.Size()})
	}
	slices.SortFunc(out, func(a, b Backup) int { return b.Time.Compare(a.Time) })
	return out, nil
}

// TakeBackup writes a copy of the project, as it is now, into its backup
// folder (BackupDir, made when missing), in one read transaction
// (bbolt's tx.WriteTo: other goroutines may keep writing meanwhile), and
// then removes the oldest backups beyond the newest BackupsKept. It works
// on a read-only project too; the copy of a snapshot (OpenSnapshot) goes
// beside the original file.
//
// Errors: EINVALID when the backup folder's path is a file; otherwise I/O
// errors (no code) naming the project and the folder, such as a full disk
// (annotate.ErrorCode EINTERNAL; errors.Is syscall.ENOSPC or EFBIG), after
// which the older backups and the project are as they were.
func (s *Store) TakeBackup() (Backup, error) {
	var b Backup
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		b, err = s.writeBackup(tx)
		return err
	})
	if err != nil {
		return Backup{}, err
	}
	return b, pruneBackups(s.path, b.Path)
}

// AutoBackup is the backup taken when a project is opened for writing: it
// takes one (as TakeBackup does, keeping the newest BackupsKept) unless
// the newest backup is younger than BackupInterval, the project holds no
// document yet, or it is read-only. It reports whether it took one. It is
// one read transaction, which a goroutine may run while others write.
//
// Errors: those of TakeBackup and of Backups.
func (s *Store) AutoBackup() (Backup, bool, error) {
	if s.readOnly {
		return Backup{}, false, nil
	}
	old, err := Backups(s.path)
	if err != nil {
		return Backup{}, false, err
	}
	if len(old) > 0 {
		if age := time.Since(old[0].Time); age >= 0 && age < BackupInterval {
			return Backup{}, false, nil
		}
	}
	var b Backup
	err = s.view(func(tx *bolt.Tx) error {
		if k, _ := tx.Bucket(bucketOrder).Cursor().First(); k == nil {
			return nil // nothing worth keeping
		}
		var err error
		b, err = s.writeBackup(tx)
		return err
	})
	if err != nil || b.Path == "" {
		return Backup{}, false, err
	}
	return b, true, pruneBackups(s.path, b.Path)
}

// writeBackup writes the file as tx sees it into the backup folder.
func (s *Store) writeBackup(tx *bolt.Tx) (Backup, error) {
	return writeBackup(s.path, func(w io.Writer) error {
		_, err := tx.WriteTo(w)
		return err
	})
}

// writeBackup writes a new backup of project with write: to a temporary
// file in the backup folder, synced, then renamed to the name of the
// current time (a millisecond later while that name is taken).
func writeBackup(project string, write func(io.Writer) error) (Backup, error) {
	dir := BackupDir(project)
	fail := func(err error) (Backup, error) {
		return Backup{}, fmt.Errorf("back up project %s into %s: %w%s", project, dir, err, diskHint(err))
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		if errors.Is(err, syscall.ENOTDIR) {
			return Backup{}, annotate.Errorf(annotate.EINVALID, "the backups of project %s cannot be kept: %s is a file, not a folder", project, dir)
		}
		return fail(err)
	}
	f, err := os.CreateTemp(dir, backupTempGlob)
	if err != nil {
		return fail(err)
	}
	holdTemp(f) // until closed: not an abandoned file (cleanStale)
	tmp := f.Name()
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		// Only a copy that passes the quick check becomes a backup: a
		// damaged project must not rotate good backups out.
		if cerr := checkOpenFile(f, project); cerr != nil {
			f.Close()
			os.Remove(tmp)
			return Backup{}, fmt.Errorf("back up project %s: no backup taken, the older ones are kept: %w", project, cerr)
		}
	}
	if !filelock.Supported { // Windows renames no open file
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	var b Backup
	if err == nil {
		b, err = renameBackup(tmp, dir)
	}
	if filelock.Supported {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		os.Remove(tmp)
		return fail(err)
	}
	return b, nil
}

// renameBackup gives the written backup tmp the name of the current time
// in dir and syncs the folder.
func renameBackup(tmp, dir string) (Backup, error) {
	info, err := os.Stat(tmp)
	if err != nil {
		return Backup{}, err
	}
	t := time.Now().UTC().Truncate(time.Millisecond)
	var path string
	for {
		path = filepath.Join(dir, t.Format(backupLayout)+backupExt)
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			break
		}
		t = t.Add(time.Millisecond)
	}
	if err := os.Rename(tmp, path); err != nil {
		return Backup{}, err
	}
	if err := syncDir(dir); err != nil {
		return Backup{}, err
	}
	return Backup{Path: path, Time: t, Size: info.Size()}, nil
}

// pruneBackups removes the backups of project beyond the newest
// BackupsKept, except the newest backup that passes a quick check
// (checkPages) when none of those kept does, and temporary files that
// interrupted backups left (cleanStale). sound is the path of a backup
// known to pass (the one just written, checked as it was), or "".
func pruneBackups(project, sound string) error {
	cleanStale(project)
	all, err := Backups(project)
	if err != nil {
		return err
	}
	kept := min(len(all), BackupsKept)
	drop := all[kept:]
	if len(drop) > 0 && newestSound(all[:kept], sound) < 0 {
		if i := newestSound(drop, sound); i >= 0 {
			drop = append(drop[:i:i], drop[i+1:]...)
		}
	}
	for _, b := range drop {
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove old backup %s: %w", b.Path, err)
		}
	}
	return nil
}

// newestSound returns the index of the first of bs (newest first) that
// passes the quick check (or is the backup sound), or -1.
func newestSound(bs []Backup, sound string) int {
	for i, b := range bs {
		if b.Path == sound || checkFile(b.Path, b.Path) == nil {
			return i
		}
	}
	return -1
}

// Restore replaces the project file at project by a copy of the backup
// file at backup (any project file: one listed by Backups, or another).
// The copy is made beside the project and checked in full first (opened
// read-only, Check); a backup that fails is refused and nothing changes.
// Then Restore takes the lock of the current project file, when there
// is one (as bbolt does: it waits for a program that has the project
// open, and holds off any that opens it meanwhile), keeps it as a backup
// of its own (in BackupDir), and renames the synced copy over the
// project, so that a crash leaves either the old file or the restored
// one. A program that waited for the lock meanwhile opens the restored
// file (openFile). The current file is never read through bbolt, so that
// a damaged one (the reason for most restores) cannot stop a restore:
// backups are only ever taken of files that pass the quick check of
// their pages (checkPages); a damaged project file is kept beside the
// project instead, as it is, named PROJECT.damaged-TIME (TIME as in a
// backup's name), where no rotation removes it. Restore removes no
// backup. It returns what it kept of the current file, or a zero Backup
// when there was no project file.
//
// Errors: ENOTFOUND when there is no file at backup; EINVALID when backup
// is a folder, or is not a sound Claimdesk project of the current schema
// (its message says why and that the project is unchanged), or the
// project's path is a folder; ELOCKED when another program (a Claimdesk
// window) holds the project; I/O errors (no code) naming the files, such
// as a full disk, after which the project is as it was.
func Restore(project, backup string) (Backup, error) {
	info, err := os.Stat(backup)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return Backup{}, annotate.Errorf(annotate.ENOTFOUND, "backup file %s does not exist", backup)
	case err != nil:
		return Backup{}, fmt.Errorf("restore project %s from %s: %w", project, backup, err)
	case info.IsDir():
		return Backup{}, annotate.Errorf(annotate.EINVALID, "backup %s is a folder, not a Claimdesk project file", backup)
	}
	if info, err := os.Stat(project); err == nil && info.IsDir() {
		return Backup{}, errFolder(project)
	}
	tmp, held, err := copyForRestore(project, backup)
	if err != nil {
		return Backup{}, fmt.Errorf("restore project %s from %s: %w", project, backup, err)
	}
	defer os.Remove(tmp) // a no-op once renamed
	defer held.Close()
	if err := checkBackup(tmp, backup); err != nil {
		return Backup{}, annotate.Errorf(annotate.EINVALID,
			"backup %s cannot be restored, project %s is unchanged: %s", backup, project, firstMessage(err))
	}

	// Hold the project while it is kept and replaced: a program that
	// waits for it meanwhile finds, once it has the lock, that the path
	// names another file, and opens that (openFile).
	cur, err := lockProject(project)
	if err != nil {
		return Backup{}, err
	}
	var kept Backup
	if cur != nil {
		defer cur.Close()
		if kept, err = keepCurrent(project, cur); err != nil {
			return Backup{}, fmt.Errorf("restore project %s: keep the current file first: %w", project, err)
		}
		if !filelock.Supported {
			cur.Close() // Windows renames no open file
		}
	}
	if !filelock.Supported {
		held.Close()
	}
	err = os.Rename(tmp, project)
	if err == nil {
		err = syncDir(filepath.Dir(project))
	}
	if err != nil {
		return kept, fmt.Errorf("restore project %s from %s: %w", project, backup, err)
	}
	return kept, nil
}

// lockProject opens the project file at project and takes its lock
// (the one bbolt takes: no Store has it open for writing, nor reading,
// until it is released), waiting DefaultTimeout for it; nil when there is
// no file. Once it holds the lock, the path must still name the file it
// locked, or it locks the new one.
//
// Errors: ELOCKED when another program holds the file; I/O errors.
func lockProject(project string) (*os.File, error) {
	for range maxReopens {
		f, err := os.Open(project)
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("restore project %s: %w", project, err)
		}
		if err := filelock.Lock(f, true, DefaultTimeout); err != nil {
			f.Close()
			if errors.Is(err, filelock.ErrTimeout) {
				return nil, annotate.Errorf(annotate.ELOCKED,
					"project file %s is in use by another program (open in a Claimdesk window? close it first); nothing was restored", project)
			}
			return nil, fmt.Errorf("restore project %s: %w", project, err)
		}
		if now, err := os.Stat(project); err == nil && sameFile(f, now) {
			return f, nil
		}
		f.Close() // replaced meanwhile: lock the new one
	}
	return nil, annotate.Errorf(annotate.ELOCKED, "project file %s is being replaced by another program again and again; nothing was restored", project)
}

// keepCurrent keeps the current project file f, whose lock Restore
// holds, before it is replaced: a sound file (checkPages: nothing of it
// is read through bbolt) as a backup of its own, copied as it is; a
// damaged one beside the project (keepDamaged).
func keepCurrent(project string, f *os.File) (Backup, error) {
	info, err := f.Stat()
	if err != nil {
		return Backup{}, err
	}
	if err := checkOpenFile(f, project); err != nil {
		if !errors.Is(err, ErrDamaged) && annotate.ErrorCode(err) != annotate.EINVALID {
			return Backup{}, err
		}
		return keepDamaged(project)
	}
	return writeBackup(project, func(w io.Writer) error {
		_, err := io.Copy(w, io.NewSectionReader(f, 0, info.Size()))
		return err
	})
}

// keepDamaged keeps a project file that does not open beside it, as
// PROJECT.damaged-TIME: a second name of the file (a hard link), or a
// copy where links are not supported.
func keepDamaged(project string) (Backup, error) {
	t := time.Now().UTC().Truncate(time.Millisecond)
	path := project + ".damaged-" + t.Format(backupLayout)
	if err := os.Link(project, path); err != nil {
		if err := copyFile(project, path, 0); err != nil {
			os.Remove(path)
			return Backup{}, fmt.Errorf("keep damaged project %s as %s: %w%s", project, path, err, diskHint(err))
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		return Backup{}, fmt.Errorf("keep damaged project %s: %w", project, err)
	}
	return Backup{Path: path, Time: t, Size: info.Size()}, nil
}

// copyForRestore copies backup to a new synced temporary file beside
// project and returns its path, and the file, open and held (holdTemp)
// until the caller closes it.
func copyForRestore(project, backup string) (string, *os.File, error) {
	in, err := os.Open(backup)
	if err != nil {
		return "", nil, err
	}
	defer in.Close()
	out, err := os.CreateTemp(filepath.Dir(project), "."+filepath.Base(project)+".restore-*")
	if err != nil {
		return "", nil, fmt.Errorf("%w%s", err, diskHint(err))
	}
	holdTemp(out)
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if err != nil {
		out.Close()
		os.Remove(out.Name())
		return "", nil, fmt.Errorf("%w%s", err, diskHint(err))
	}
	return out.Name(), out, nil
}

// checkBackup opens the copy at file read-only under the backup's name and
// checks it in full (as a snapshot's copy is checked).
func checkBackup(file, name string) error {
	st, err := openCopy(file, name)
	if err != nil {
		return err
	}
	return st.Close()
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// diskHint is DiskHint for an error of writing, which may also be one of
// a folder or file that cannot be written to.
func diskHint(err error) string {
	if h := DiskHint(err); h != "" {
		return h
	}
	if errors.Is(err, os.ErrPermission) {
		return " (the folder or file cannot be written to)"
	}
	return ""
}

// DiskHint returns words that explain an error of writing to a full disk,
// past a file-size limit or to a read-only file system, to add to its
// message (" (the disk is full: …)"); "" for other errors. It knows the
// errors by their errno, or by their words when a library kept only those
// (bbolt's "file resize error"). A permission error gets none: it may be
// one of reading.
func DiskHint(err error) string {
	if err == nil {
		return ""
	}
	has := func(errno syscall.Errno) bool {
		return errors.Is(err, errno) || strings.Contains(err.Error(), errno.Error())
	}
	switch {
	case has(syscall.ENOSPC):
		return " (the disk is full: free some space and try again)"
	case has(syscall.EFBIG):
		return " (the file would be larger than this system allows)"
	case has(syscall.EROFS):
		return " (the disk or folder is read-only)"
	}
	return ""
}

// Documents opens the backup read-only and counts its documents, without
// reading them; a damaged backup gives an error, never a panic.
//
// Errors: those of a read-only Open (ENOTFOUND, EINVALID for a file that
// is damaged or not a project of the current schema, ELOCKED), and
// EINTERNAL for a damaged page.
func (b Backup) Documents() (n int, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	var st *Store
	defer func() {
		if r := recover(); r != nil {
			if st != nil {
				closeAfterPanic(st)
			}
			n, err = 0, annotate.Errorf(annotate.EINTERNAL, "backup %s has a damaged page: %v", b.Path, r)
		}
	}()
	st, err = Open(b.Path, Options{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	n, err = st.DocumentCount()
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return n, err
}
