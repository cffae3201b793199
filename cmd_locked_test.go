package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"claimdesk/store"
)

// The headless commands refuse a project that a window holds, and tell
// the user how to get at its data: the window's File → Export….
func TestCommandsOnLockedProject(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.claimdesk")
	holder, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	want := "claimdesk: project file " + path + " is in use by another program (open in a Claimdesk window? export from that window's File → Export…, or close it first)\n"
	for _, cmd := range []string{"export", "stats", "check"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{cmd, path}, &stdout, &stderr); code != 1 {
			t.Errorf("%s: exit code %d, want 1", cmd, code)
		}
		if stderr.String() != want {
			t.Errorf("%s: stderr %q, want %q", cmd, stderr.String(), want)
		}
		if stdout.Len() != 0 {
			t.Errorf("%s: stdout %q", cmd, stdout.String())
		}
	}
}
