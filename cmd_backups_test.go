package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/store"
)

// While a window holds the project, backups -now backs up a checked copy
// of it, and restore refuses to replace it.
func TestBackupsOfLockedProject(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.claimdesk")
	holder, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	d := annotate.NewDocument("one", "test", "Wang Yi made the offer.", time.Now())
	if _, err := holder.Import([]annotate.Record{{Document: d}}, "tester"); err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	if code := run([]string{"backups", "-now", path}, &stdout, &stderr); code != 0 {
		t.Fatalf("backups -now: exit code %d: %s", code, stderr.String())
	}
	bs, err := store.Backups(path)
	if err != nil || len(bs) != 1 {
		t.Fatalf("backups %v, %v", bs, err)
	}
	if n, err := bs[0].Documents(); n != 1 || err != nil {
		t.Errorf("the backup holds %d documents, %v", n, err)
	}
	if !strings.Contains(stdout.String(), "  1 document  ") {
		t.Errorf("stdout %q", stdout.String())
	}

	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"restore", path, "1"}, &stdout, &stderr); code != 1 {
		t.Errorf("restore: exit code %d, want 1", code)
	}
	want := "claimdesk: project file " + path + " is in use by another program (open in a Claimdesk window? close it first); nothing was restored\n"
	if stderr.String() != want || stdout.Len() != 0 {
		t.Errorf("restore: stderr %q, stdout %q; want %q", stderr.String(), stdout.String(), want)
	}
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(after, before) {
		t.Errorf("the project changed (%v)", err)
	}
	if bs, err := store.Backups(path); err != nil || len(bs) != 1 {
		t.Errorf("backups %v, %v", bs, err)
	}
}
