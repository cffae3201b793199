package filelock

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestLock takes locks on one file through two descriptors, as two
// processes would: flock locks belong to the open file, not the process.
func TestLock(t *testing.T) {
	if !Supported {
		t.Skip("no file locks on this system")
	}
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	open := func() *os.File {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	a, b, c := open(), open(), open()
	if err := Lock(a, false, time.Second); err != nil {
		t.Fatal(err)
	}
	if err := Lock(b, false, time.Second); err != nil {
		t.Fatalf("a second shared lock: %v", err)
	}
	if ok, err := TryLock(c); ok || err != nil {
		t.Fatalf("an exclusive lock beside shared ones: %v, %v", ok, err)
	}
	if err := Lock(c, true, 0); !errors.Is(err, ErrTimeout) {
		t.Fatalf("Lock of a held file: %v, want ErrTimeout", err)
	}
	Unlock(a)
	b.Close()
	if ok, err := TryLock(c); !ok || err != nil {
		t.Fatalf("an exclusive lock of a free file: %v, %v", ok, err)
	}
}
