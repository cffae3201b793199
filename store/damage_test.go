package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
)

// The damage tests take a real project file, damage its pages as a disk,
// a USB stick or an interrupted copy do (bytes flipped or zeroed, page
// ids, counts and overflows changed, meta pages that still pass their
// checksum but point elsewhere, the file cut short) and run what a user
// runs on it, in a child process (this test binary again, with
// -test.run=^TestDamageChild$): open, stats, check, export, a backup, a
// read-write open and a write, and a restore of a good backup over it.
// None may end the process with a fault, a panic or a stack dump, nor
// hang: each child has a time limit.

// Environment of a damage child.
const (
	envDamageFile   = "CLAIMDESK_DAMAGE_FILE"   // the damaged project
	envDamageBackup = "CLAIMDESK_DAMAGE_BACKUP" // a good project file to restore over it
)

// damageChildTimeout is how long a damage child may take. A healthy one
// takes a fraction of a second.
const damageChildTimeout = 60 * time.Second

// TestDamageChild is the child process of the damage tests; it skips when
// not run by one of them. It prints one line per step and exits 0 unless
// a step breaks a promise (a restore that does not give a sound project).
func TestDamageChild(t *testing.T) {
	path := os.Getenv(envDamageFile)
	if path == "" {
		t.Skip("the child process of TestDamagedFiles and FuzzDamagedProject")
	}
	step := func(what string, err error) {
		fmt.Printf("%s: %v\n", what, err)
	}
	if s, err := Open(path, Options{ReadOnly: true}); err != nil {
		step("open read-only", err)
	} else {
		step("stats", second(s.Stats()))
		step("documents", second(s.Documents()))
		step("check", s.Check())
		n := 0
		step("export", s.ForEachRecord(func(annotate.Record) error { n++; return nil }))
		for _, name := range format.WriterNames() {
			// Every format, as the export command writes it.
			step("export "+name, format.Export(context.Background(), io.Discard, name, format.Source{ForEach: s.ForEachRecord}, nil))
		}
		step("backup", second(s.TakeBackup()))
		step("close", s.Close())
	}
	for _, b := range orNone(Backups(path)) {
		step("backup documents", second(b.Documents()))
	}
	if s, err := Open(path, Options{}); err != nil {
		step("open", err)
	} else {
		d := annotate.NewDocument("after", "child", "A text added after the damage.", testTime)
		step("add", s.AddDocument(d))
		step("check", s.Check())
		step("close", s.Close())
	}
	if good := os.Getenv(envDamageBackup); good != "" {
		kept, err := Restore(path, good)
		step("restore", err)
		if err != nil {
			os.Exit(1)
		}
		s, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			step("open restored", err)
			os.Exit(1)
		}
		if err := s.Check(); err != nil {
			step("check restored", err)
			os.Exit(1)
		}
		s.Close()
		step("kept "+kept.Path, nil)
	}
	os.Exit(0)
}

// orNone is v, or its zero value on an error.
func orNone[T any](v T, err error) T {
	if err != nil {
		var zero T
		return zero
	}
	return v
}

// runDamageChild runs a damage child on the project file at path, with
// the good project file to restore over it ("" for none), and fails tb
// when it crashed, hung or broke a promise.
func runDamageChild(tb testing.TB, path, good string) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), damageChildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestDamageChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envDamageFile+"="+path, envDamageBackup+"="+good, "GOTRACEBACK=single")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	out := stdout.String() + stderr.String()
	switch {
	case ctx.Err() != nil:
		tb.Fatalf("the child did not finish in %v:\n%s", damageChildTimeout, out)
	case err != nil:
		tb.Fatalf("the child failed (%v):\n%s", err, out)
	}
	// Its standard output holds the messages of each step, which may
	// quote a panic that bbolt's check recovered; a crash writes to the
	// standard error.
	for _, bad := range []string{"panic:", "fatal error", "goroutine ", "SIGSEGV", "SIGBUS", "please report"} {
		if strings.Contains(stderr.String(), bad) {
			tb.Fatalf("the child printed %q:\n%s", bad, out)
		}
	}
	return stdout.String()
}

var (
	damageOnce    sync.Once
	damageFixture []byte
	damageErr     error
)

// damageProject returns the bytes of a real project: documents (some
// larger than a page) with spans, relations, an entity; built once.
func damageProject(tb testing.TB) []byte {
	tb.Helper()
	damageOnce.Do(func() {
		dir, err := os.MkdirTemp("", "claimdesk-damage-")
		if err != nil {
			damageErr = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "p.claimdesk")
		s, err := Open(path, Options{})
		if err != nil {
			damageErr = err
			return
		}
		recs := append(crashRecords("small", 40, 600), crashRecords("large", 6, 9000)...)
		for i := range recs {
			if i%3 == 0 && len(recs[i].Spans) == 2 {
				r := annotate.Relation{ID: fmt.Sprintf("r%d", i), Type: annotate.RelationSource, From: recs[i].Spans[1].ID, To: recs[i].Spans[0].ID}
				recs[i].Relations = append(recs[i].Relations, r)
			}
		}
		if _, err := s.Import(recs, "fixture"); err == nil {
			e := annotate.Entity{ID: "e1", Name: "Wang Yi"}
			err = s.PutEntity(e)
		}
		if err == nil {
			err = s.Close()
		}
		if err != nil {
			damageErr = err
			return
		}
		damageFixture, damageErr = os.ReadFile(path)
	})
	if damageErr != nil {
		tb.Fatal(damageErr)
	}
	return bytes.Clone(damageFixture)
}

// damageFile applies the damage that script describes to the project file
// data and returns it. script is read 6 bytes at a time: an operation, a
// page (2 bytes), an offset in it (2 bytes) and a value. The page size is
// 4096 (the fixture's).
func damageFile(data, script []byte) []byte {
	const ps = 4096
	pages := len(data) / ps
	if pages < 3 {
		return data
	}
	ne := binary.NativeEndian
	for ; len(script) >= 6; script = script[6:] {
		op, val := script[0]%9, script[5]
		page := int(binary.BigEndian.Uint16(script[1:])) % pages
		off := int(binary.BigEndian.Uint16(script[3:])) % ps
		at := page*ps + off
		if at >= len(data) {
			continue
		}
		switch op {
		case 0: // flip the bits of a byte
			data[at] ^= val | 1
		case 1: // zero 48 bytes past the page header
			at = page*ps + boltPageHeaderSize + off%(ps-boltPageHeaderSize-48)
			clear(data[at:min(at+48, len(data))])
		case 2: // the page says it is another page
			ne.PutUint64(data[page*ps:], uint64(page)^uint64(val))
		case 3: // another element count
			ne.PutUint16(data[page*ps+10:], uint16(val)*257)
		case 4: // another overflow
			ne.PutUint32(data[page*ps+12:], uint32(val)*uint32(val+1))
		case 5: // a child page id in an element (branch elements' pgid is at +8)
			at = page*ps + boltPageHeaderSize + (off%(ps/boltElementSize-1))*boltElementSize + 8
			ne.PutUint64(data[at:], uint64(val)%uint64(pages+2))
		case 6: // a meta page's root, free list or page count, with a valid checksum
			m := (int(val) % 2) * ps
			field := []int{16, 32, 40}[off%3]
			ne.PutUint64(data[m+boltPageHeaderSize+field:], uint64(page))
			h := fnv.New64a()
			h.Write(data[m+boltPageHeaderSize : m+boltPageHeaderSize+56])
			ne.PutUint64(data[m+boltPageHeaderSize+56:], h.Sum64())
		case 7: // zero whole pages
			clear(data[page*ps : min(len(data), (page+int(val)+1)*ps)])
		case 8: // cut the file short
			data = data[:at]
			pages = len(data) / ps
			if pages < 3 {
				return data
			}
		}
	}
	return data
}

// damageScript is a script for damageFile.
func damageScript(ops ...[6]byte) []byte {
	var b []byte
	for _, op := range ops {
		b = append(b, op[:]...)
	}
	return b
}

// op is one operation of a damage script.
func op(code byte, page, off uint16, val byte) [6]byte {
	return [6]byte{code, byte(page >> 8), byte(page), byte(off >> 8), byte(off), val}
}

// goodBackup writes the undamaged fixture into dir, to restore.
func goodBackup(tb testing.TB, dir string) string {
	good := filepath.Join(dir, "good.claimdesk")
	if err := os.WriteFile(good, damageProject(tb), 0o600); err != nil {
		tb.Fatal(err)
	}
	return good
}

// everyPage48 zeroes 48 bytes inside every page past the page headers, as
// the issue that reported the first crash did.
func everyPage48(data []byte) []byte {
	for p := 2; p*4096+24+48 <= len(data); p++ {
		clear(data[p*4096+24 : p*4096+24+48])
	}
	return data
}

// usedBytes is how many bytes of the project file data its meta page
// counts (bbolt grows a file ahead of what it uses).
func usedBytes(tb testing.TB, data []byte) int {
	m, ok := readMeta(bytes.NewReader(data))
	if !ok {
		tb.Fatal("the fixture has no valid meta page")
	}
	return int(m.pages) * int(m.pageSize)
}

// TestDamagedFiles runs the damage child on damage that once crashed
// Claimdesk, and on the fixture itself.
func TestDamagedFiles(t *testing.T) {
	fixture := damageProject(t)
	used := usedBytes(t, fixture)
	pages := used / 4096
	cases := map[string][]byte{
		"sound":             fixture,
		"empty":             {},
		"48 bytes per page": everyPage48(damageProject(t)),
		"half":              fixture[:used/2],
		"three pages":       fixture[:3*4096],
		"one byte short":    fixture[:used-1],
		"pages 10-209 zero": damageFile(damageProject(t), damageScript(op(7, 10, 0, 200))),
		"root elsewhere":    damageFile(damageProject(t), damageScript(op(6, 2, 0, 0), op(6, 2, 0, 1))),
		"page count large":  damageFile(damageProject(t), damageScript(op(6, uint16(pages+40), 2, 0), op(6, uint16(pages+40), 2, 1))),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, "p.claimdesk")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			out := runDamageChild(t, path, goodBackup(t, dir))
			t.Logf("%s", out)
			if name == "sound" && strings.Contains(out, "damaged") {
				t.Errorf("the sound fixture is said to be damaged:\n%s", out)
			}
		})
	}
}

// TestDamageMessages asserts what a user reads of an empty file and of
// a file cut short, and that a read-only open changes neither.
func TestDamageMessages(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.claimdesk")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(empty, Options{ReadOnly: true})
	if !errors.Is(err, ErrDamaged) || annotate.ErrorCode(err) != annotate.EINVALID ||
		err.Error() != "This is not a Claimdesk project: "+empty+" (empty file)" {
		t.Errorf("empty file: %v (code %s)", err, annotate.ErrorCode(err))
	}
	if info, err := os.Stat(empty); err != nil || info.Size() != 0 {
		t.Errorf("a read-only open changed the empty file: %v, %v", info, err)
	}

	used := usedBytes(t, damageProject(t))
	short := filepath.Join(dir, "short.claimdesk")
	if err := os.WriteFile(short, damageProject(t)[:used/2], 0o600); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{true, false} {
		_, err := Open(short, Options{ReadOnly: ro})
		want := fmt.Sprintf("The project file %s is cut short: %d of %d bytes", short, used/2, used)
		if !errors.Is(err, ErrDamaged) || !strings.HasPrefix(fmt.Sprint(err), want) {
			t.Errorf("read-only %v: %v, want %q…", ro, err, want)
		}
	}

	zeroed := filepath.Join(dir, "zeroed.claimdesk")
	if err := os.WriteFile(zeroed, everyPage48(damageProject(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Open(zeroed, Options{ReadOnly: true})
	if !errors.Is(err, ErrDamaged) || len(DamageProblems(err)) == 0 ||
		!strings.HasPrefix(err.Error(), "The project file "+zeroed+" is damaged: ") {
		t.Errorf("zeroed pages: %v (problems %q)", err, DamageProblems(err))
	}
}

// FuzzDamagedProject damages the fixture project as the fuzzer's script
// says (damageFile) and runs the damage child on it: no crash, no hang, and a
// good backup restores over it.
func FuzzDamagedProject(f *testing.F) {
	f.Add(damageScript(op(1, 5, 0, 0)))
	f.Add(damageScript(op(2, 4, 0, 3)))
	f.Add(damageScript(op(3, 3, 0, 200)))
	f.Add(damageScript(op(4, 6, 0, 90)))
	f.Add(damageScript(op(5, 3, 2, 3)))
	f.Add(damageScript(op(6, 9, 0, 0)))
	f.Add(damageScript(op(7, 8, 0, 3), op(0, 2, 100, 7)))
	f.Add(damageScript(op(8, 12, 100, 0)))
	f.Fuzz(func(t *testing.T, script []byte) {
		if len(script) > 6*64 {
			return // a few dozen damages say all that more would
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "p.claimdesk")
		if err := os.WriteFile(path, damageFile(damageProject(t), script), 0o600); err != nil {
			t.Fatal(err)
		}
		runDamageChild(t, path, goodBackup(t, dir))
	})
}
