package store

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/internal/filelock"
)

// A backup of a copy that fails the quick check is refused, and the older
// backups stay: a damaged project cannot rotate good backups out.
func TestBackupOnlyOfSoundCopies(t *testing.T) {
	s, path := backupProject(t, 3)
	var good []Backup
	for range 2 {
		b, err := s.TakeBackup()
		if err != nil {
			t.Fatal(err)
		}
		good = append(good, b)
	}
	damaged := everyPage48(damageProject(t))
	for range BackupsKept {
		_, err := writeBackup(path, func(w io.Writer) error { _, err := w.Write(damaged); return err })
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "no backup taken, the older ones are kept") {
			t.Fatalf("a backup of a damaged copy: %v", err)
		}
	}
	bs, err := Backups(path)
	if err != nil || len(bs) != 2 || bs[0] != good[1] || bs[1] != good[0] {
		t.Fatalf("backups %v, %v; want the two good ones", bs, err)
	}
	if names := dirNames(t, BackupDir(path)); len(names) != 2 {
		t.Errorf("the backup folder holds %v", names)
	}
}

// The case: pages 10-209 of a project zeroed; five backups -now
// (each a read-only open and TakeBackup) later, the good backups are
// still there.
func TestDamagedProjectKeepsItsBackups(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.claimdesk")
	if err := os.WriteFile(path, damageProject(t), 0o600); err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t, path, Options{ReadOnly: true})
	good, err := s.TakeBackup()
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.WriteFile(path, damageFile(damageProject(t), damageScript(op(7, 10, 0, 200))), 0o600); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		s, err := Open(path, Options{ReadOnly: true})
		if err == nil {
			_, err = s.TakeBackup()
			s.Close()
		}
		if !errors.Is(err, ErrDamaged) {
			t.Fatalf("a backup of the damaged project: %v", err)
		}
		if _, err := OpenSnapshot(path); !errors.Is(err, ErrDamaged) && annotate.ErrorCode(err) != annotate.EINVALID {
			t.Fatalf("a snapshot of the damaged project: %v", err)
		}
	}
	if bs, err := Backups(path); err != nil || len(bs) != 1 || bs[0] != good {
		t.Fatalf("backups %v, %v; want %v", bs, err, good)
	}
	kept, err := Restore(path, good.Path)
	if err != nil || !strings.HasPrefix(kept.Path, path+".damaged-") {
		t.Fatalf("restore: %v, %v", kept, err)
	}
	backupDump(t, path)
}

// Rotation removes the oldest backups beyond BackupsKept, but not the
// newest one that passes the quick check when none of those kept does.
func TestRotationKeepsTheNewestSoundBackup(t *testing.T) {
	path := tempPath(t)
	dir := BackupDir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	name := func(i int) string {
		return filepath.Join(dir, at.Add(time.Duration(i)*time.Minute).Format(backupLayout)+backupExt)
	}
	sound, bad := damageProject(t), everyPage48(damageProject(t))
	for i := range 8 { // 0 and 1 (the oldest) sound, 2 … 7 damaged
		data := bad
		if i < 2 {
			data = sound
		}
		if err := os.WriteFile(name(i), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := pruneBackups(path, ""); err != nil {
		t.Fatal(err)
	}
	var got []string
	bs, _ := Backups(path)
	for _, b := range bs {
		got = append(got, b.Path)
	}
	want := []string{name(7), name(6), name(5), name(4), name(3), name(1)}
	if !slices.Equal(got, want) {
		t.Errorf("kept %v,\nwant %v", got, want)
	}
}

// A restore over a file cut short, over an empty file and over one with
// damaged pages works, and keeps the current file beside the project.
func TestRestoreOverDamagedFiles(t *testing.T) {
	fixture := damageProject(t)
	for name, data := range map[string][]byte{
		"cut short": fixture[:usedBytes(t, fixture)/2],
		"empty":     {},
		"zeroed":    everyPage48(damageProject(t)),
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "p.claimdesk")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			kept, err := Restore(path, goodBackup(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(kept.Path, path+".damaged-") || kept.Size != int64(len(data)) {
				t.Errorf("kept %+v", kept)
			}
			backupDump(t, path)
			if names, _ := filepath.Glob(filepath.Join(dir, ".p.claimdesk.restore-*")); len(names) > 0 {
				t.Errorf("left %v", names)
			}
		})
	}
}

// Open removes the temporary files of restores and backups whose
// process is gone (their lock is free), and leaves those of a living one.
func TestOpenRemovesAbandonedTemporaryFiles(t *testing.T) {
	if !filelock.Supported {
		t.Skip("no file locks here: temporary files are removed by age")
	}
	s, path := backupProject(t, 1)
	if _, err := s.TakeBackup(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	dir := filepath.Dir(path)
	abandonedFiles := []string{
		filepath.Join(dir, "."+filepath.Base(path)+".restore-123"),
		filepath.Join(BackupDir(path), ".tmp-456"),
	}
	living := filepath.Join(dir, "."+filepath.Base(path)+".restore-789")
	for _, name := range append(abandonedFiles, living) {
		if err := os.WriteFile(name, []byte("partial copy"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(living)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	holdTemp(f) // as a restore in another process holds its copy
	mustOpen(t, path, Options{ReadOnly: true})
	for _, name := range abandonedFiles {
		if _, err := os.Stat(name); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there (%v)", name, err)
		}
	}
	if _, err := os.Stat(living); err != nil {
		t.Errorf("the copy of a living restore was removed: %v", err)
	}
}

// A program that opens a project and waits for its lock while a restore
// replaces the file opens the restored file, never the replaced one.
// 50 restores and imports run at random offsets, each import with its
// own open (as a second process): every import that reported success is
// in the project, or in the file its restore kept.
func TestRestoreAndImportRace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.claimdesk")
	good := goodBackup(t, dir)
	if err := os.WriteFile(path, damageProject(t), 0o600); err != nil {
		t.Fatal(err)
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	const pairs = 50
	type outcome struct {
		title string
		err   error
		kept  string
		rerr  error
	}
	imported, inProject, inKept := 0, 0, 0
	for i := range pairs {
		title := fmt.Sprintf("race %d", i)
		delay := time.Duration(rng.IntN(3000)) * time.Microsecond
		importFirst := rng.IntN(2) == 0
		var o outcome
		o.title = title
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			if !importFirst {
				time.Sleep(delay) // a random offset between the two, not a wait
			}
			s, err := Open(path, Options{Timeout: 10 * time.Second})
			if err != nil {
				o.err = err
				return
			}
			d := annotate.NewDocument(title, "race", "A text imported during a restore, number "+title+".", testTime)
			_, o.err = s.Import([]annotate.Record{{Document: d}}, "race")
			if cerr := s.Close(); o.err == nil {
				o.err = cerr
			}
		}()
		go func() {
			defer wg.Done()
			if importFirst {
				time.Sleep(delay)
			}
			kept, err := Restore(path, good)
			o.kept, o.rerr = kept.Path, err
		}()
		wg.Wait()
		// Where the import went, before the next pair replaces the
		// project again.
		if o.err != nil {
			continue
		}
		imported++
		if hasTitle(t, path, o.title) {
			inProject++
			continue
		}
		if o.rerr == nil && o.kept != "" && hasTitle(t, o.kept, o.title) {
			inKept++
			continue
		}
		t.Errorf("%s was imported, but is neither in the project nor in the kept file %q (restore: %v)", o.title, o.kept, o.rerr)
	}
	t.Logf("%d imports reported, %d found in the project, %d in the file their restore kept", imported, inProject, inKept)
	if imported == 0 {
		t.Error("no import succeeded")
	}
}

// hasTitle reports whether the project file at path holds a document of
// that title.
func hasTitle(t *testing.T, path, title string) bool {
	t.Helper()
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer s.Close()
	docs, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Title == title {
			return true
		}
	}
	return false
}
