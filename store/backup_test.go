package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"claimdesk/annotate"
)

// backupProject makes a project with n documents, left open, and returns
// it with its path.
func backupProject(t *testing.T, n int) (*Store, string) {
	t.Helper()
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	if n > 0 {
		if _, err := s.Import(importRecords(t, n), "ana"); err != nil {
			t.Fatal(err)
		}
	}
	return s, path
}

// backupDump opens a backup read-only, checks it and returns its records.
func backupDump(t *testing.T, path string) []annotate.Record {
	t.Helper()
	b, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	defer b.Close()
	if err := b.Check(); err != nil {
		t.Fatalf("check backup %s: %v", path, err)
	}
	return dump(t, b)
}

// dirNames returns the names in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TakeBackup writes a copy of the project beside it, under a name of its
// time, and keeps the newest BackupsKept, newest first.
func TestTakeBackupKeepsTheNewest(t *testing.T) {
	s, path := backupProject(t, 1)
	var taken []Backup
	for i := range BackupsKept + 2 {
		if i > 0 {
			if _, err := s.Import(importRecords(t, 1), "ana"); err != nil {
				t.Fatal(err)
			}
		}
		b, err := s.TakeBackup()
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(b.Path) != path+".backups" {
			t.Errorf("backup %s is not in %s.backups", b.Path, path)
		}
		if info, err := os.Stat(b.Path); err != nil || info.Size() != b.Size || b.Size == 0 {
			t.Errorf("backup %s: size %d, stat %v %v", b.Path, b.Size, info, err)
		}
		if d := time.Since(b.Time); d < 0 || d > time.Minute {
			t.Errorf("backup time %v, now %v", b.Time, time.Now())
		}
		if got, want := backupDump(t, b.Path), dump(t, s); !reflect.DeepEqual(got, want) {
			t.Errorf("backup %d holds %d records, the project %d", i, len(got), len(want))
		}
		taken = append(taken, b)
	}
	got, err := Backups(path)
	if err != nil {
		t.Fatal(err)
	}
	var want []Backup
	for i := len(taken) - 1; i >= len(taken)-BackupsKept; i-- {
		want = append(want, taken[i])
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("backups\n%v, want the newest %d\n%v", got, BackupsKept, want)
	}
	if names := dirNames(t, BackupDir(path)); len(names) != BackupsKept {
		t.Errorf("the backup folder holds %v", names)
	}
}

// AutoBackup takes a backup of a project with documents when the newest
// is an hour old or there is none, and never of a read-only one.
func TestAutoBackup(t *testing.T) {
	s, path := backupProject(t, 0)
	if _, took, err := s.AutoBackup(); err != nil || took {
		t.Fatalf("empty project: took %v, %v", took, err)
	}
	if _, err := s.Import(importRecords(t, 1), "ana"); err != nil {
		t.Fatal(err)
	}
	first, took, err := s.AutoBackup()
	if err != nil || !took {
		t.Fatalf("first: took %v, %v", took, err)
	}
	if _, took, err := s.AutoBackup(); err != nil || took {
		t.Fatalf("a minute later: took %v, %v", took, err)
	}
	// The newest backup is now over an hour old.
	old := filepath.Join(BackupDir(path), time.Now().UTC().Add(-BackupInterval-time.Minute).Format(backupLayout)+".claimdesk")
	if err := os.Rename(first.Path, old); err != nil {
		t.Fatal(err)
	}
	second, took, err := s.AutoBackup()
	if err != nil || !took {
		t.Fatalf("an hour later: took %v, %v", took, err)
	}
	bs, err := Backups(path)
	if err != nil || len(bs) != 2 || bs[0] != second || bs[1].Path != old {
		t.Errorf("backups %v, %v", bs, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// A backup dated in the future (a clock put back) does not stop them.
	future := filepath.Join(BackupDir(path), time.Now().UTC().Add(48*time.Hour).Format(backupLayout)+".claimdesk")
	if err := os.Rename(second.Path, future); err != nil {
		t.Fatal(err)
	}
	ro := mustOpen(t, path, Options{ReadOnly: true})
	if _, took, err := ro.AutoBackup(); err != nil || took {
		t.Errorf("read-only: took %v, %v", took, err)
	}
	ro.Close()
	rw := mustOpen(t, path, Options{})
	if _, took, err := rw.AutoBackup(); err != nil || !took {
		t.Errorf("after a future backup: took %v, %v", took, err)
	}
}

// Backups lists only backups: not temporary files, not other files.
func TestBackupsIgnoresOtherFiles(t *testing.T) {
	s, path := backupProject(t, 1)
	if bs, err := Backups(path); err != nil || bs != nil {
		t.Fatalf("no folder: %v, %v", bs, err)
	}
	b, err := s.TakeBackup()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".tmp-123", "notes.txt", "2026-13-01T00-00-00.000Z.claimdesk"} {
		if err := os.WriteFile(filepath.Join(BackupDir(path), name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if bs, err := Backups(path); err != nil || !reflect.DeepEqual(bs, []Backup{b}) {
		t.Errorf("backups %v, %v; want %v", bs, err, b)
	}
}

// A file where the backup folder should be is an EINVALID error, and the
// file stays.
func TestBackupFolderIsAFile(t *testing.T) {
	s, path := backupProject(t, 1)
	if err := os.WriteFile(BackupDir(path), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := s.TakeBackup()
	wantCode(t, err, annotate.EINVALID)
	_, err = Backups(path)
	wantCode(t, err, annotate.EINVALID)
	if data, _ := os.ReadFile(BackupDir(path)); string(data) != "mine" {
		t.Errorf("the file became %q", data)
	}
}

// Restore replaces the project by the backup and keeps the replaced file
// as a backup of its own.
func TestRestore(t *testing.T) {
	s, path := backupProject(t, 1)
	b, err := s.TakeBackup()
	if err != nil {
		t.Fatal(err)
	}
	backedUp := dump(t, s)
	if _, err := s.Import(importRecords(t, 2), "ana"); err != nil {
		t.Fatal(err)
	}
	current := dump(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	kept, err := Restore(path, b.Path)
	if err != nil {
		t.Fatal(err)
	}
	if got := backupDump(t, path); !reflect.DeepEqual(got, backedUp) {
		t.Errorf("the restored project holds %d records, the backup %d", len(got), len(backedUp))
	}
	if got := backupDump(t, kept.Path); !reflect.DeepEqual(got, current) {
		t.Errorf("the kept backup holds %d records, the project had %d", len(got), len(current))
	}
	bs, err := Backups(path)
	if err != nil || len(bs) != 2 || bs[0] != kept || bs[1] != b {
		t.Errorf("backups %v, %v; want %v and %v", bs, err, kept, b)
	}
	// The restored project opens for writing and passes the check.
	mustOpen(t, path, Options{})
}

// A backup that is damaged, or not a project, is refused before anything
// changes: the project's bytes are the same and no backup is added.
func TestRestoreRefusesDamagedBackups(t *testing.T) {
	for name, tear := range tears {
		t.Run(name, func(t *testing.T) {
			s, path := backupProject(t, 3)
			b, err := s.TakeBackup()
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			tear(t, b.Path)
			sum := fileSum(t, path)
			_, err = Restore(path, b.Path)
			wantCode(t, err, annotate.EINVALID)
			if fileSum(t, path) != sum {
				t.Error("the project changed")
			}
			if names := dirNames(t, BackupDir(path)); len(names) != 1 {
				t.Errorf("the backup folder holds %v", names)
			}
			if names := dirNames(t, filepath.Dir(path)); len(names) != 2 {
				t.Errorf("the project's folder holds %v", names)
			}
		})
	}
	t.Run("not a project", func(t *testing.T) {
		_, path := backupProject(t, 1)
		junk := filepath.Join(t.TempDir(), "junk.claimdesk")
		if err := os.WriteFile(junk, []byte("not a project"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Restore(path, junk)
		wantCode(t, err, annotate.EINVALID)
		_, err = Restore(path, filepath.Join(t.TempDir(), "missing.claimdesk"))
		wantCode(t, err, annotate.ENOTFOUND)
		_, err = Restore(path, t.TempDir())
		wantCode(t, err, annotate.EINVALID)
	})
}

// A project that another program holds is not replaced.
func TestRestoreLockedProject(t *testing.T) {
	s, path := backupProject(t, 1)
	b, err := s.TakeBackup()
	if err != nil {
		t.Fatal(err)
	}
	sum := fileSum(t, path)
	_, err = Restore(path, b.Path)
	wantCode(t, err, annotate.ELOCKED)
	if fileSum(t, path) != sum {
		t.Error("the project changed")
	}
	if bs, err := Backups(path); err != nil || len(bs) != 1 {
		t.Errorf("backups %v, %v", bs, err)
	}
}

// A project file that is missing or damaged is what backups are for: a
// missing one is restored, a damaged one is kept beside the project, not
// among the backups (which are only of files that open), and replaced.
func TestRestoreLostProject(t *testing.T) {
	s, path := backupProject(t, 2)
	b, err := s.TakeBackup()
	if err != nil {
		t.Fatal(err)
	}
	want := dump(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	if err := os.WriteFile(path, []byte("damaged"), 0o600); err != nil {
		t.Fatal(err)
	}
	kept, err := Restore(path, b.Path)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(kept.Path); err != nil || string(data) != "damaged" {
		t.Errorf("kept %q, %v", data, err)
	}
	if !strings.HasPrefix(kept.Path, path+".damaged-") || kept.Size != int64(len("damaged")) {
		t.Errorf("kept %+v, want %s.damaged-…", kept, path)
	}
	if bs, err := Backups(path); err != nil || len(bs) != 1 || bs[0] != b {
		t.Errorf("backups %v, %v; want only %v", bs, err, b)
	}
	if got := backupDump(t, path); !reflect.DeepEqual(got, want) {
		t.Error("the restored project holds other records")
	}

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	kept, err = Restore(path, b.Path)
	if err != nil || kept != (Backup{}) {
		t.Fatalf("kept %v, %v", kept, err)
	}
	if got := backupDump(t, path); !reflect.DeepEqual(got, want) {
		t.Error("the restored project holds other records")
	}
	mustOpen(t, path, Options{})
}

// DiskHint explains the errors of a full disk, a file-size limit and a
// read-only file system, also when a library kept only their words, and
// nothing else.
func TestDiskHint(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, "the disk is full"},
		{&os.PathError{Op: "write", Path: "x", Err: syscall.EFBIG}, "larger than this system allows"},
		{errors.New("file resize error: truncate p.claimdesk: file too large"), "larger than this system allows"},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EROFS}, "read-only"},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}, ""}, // reading, or writing?
		{errors.New("something else"), ""},
		{nil, ""},
	} {
		got := DiskHint(c.err)
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("DiskHint(%v) = %q, want %q", c.err, got, c.want)
		}
	}
	// Within the store, where the error is one of writing, a permission
	// error is one of a folder that cannot be written to.
	if got := diskHint(&os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}); !strings.Contains(got, "cannot be written to") {
		t.Errorf("diskHint(EACCES) = %q", got)
	}
}
