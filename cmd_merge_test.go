package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"claimdesk/store"
)

// dirNames returns the names in dir, sorted.
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
	slices.Sort(names)
	return names
}

// writeGold leaves the new project and nothing else in its folder; a file
// that appears at its path while it writes is left as it is.
func TestWriteGold(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.claimdesk")
	res, err := writeGold(gold, nil, sourceFixture())
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 2 || res.Spans != 3 {
		t.Errorf("wrote %d documents and %d spans, want 2 and 3", res.Documents, res.Spans)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"gold.claimdesk"}) {
		t.Errorf("the folder holds %q, want only gold.claimdesk", got)
	}
	st, err := store.Open(gold, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Check(); err != nil {
		t.Error(err)
	}
	if n, err := st.DocumentCount(); err != nil || n != 2 {
		t.Errorf("the gold project has %d documents (%v), want 2", n, err)
	}
	st.Close()

	taken := filepath.Join(dir, "taken.claimdesk")
	if err := os.WriteFile(taken, []byte("someone's file"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := writeGold(taken, nil, sourceFixture()); err == nil || !strings.Contains(err.Error(), "appeared while merging") {
		t.Errorf("writeGold over a file: %v, want an error saying it appeared", err)
	}
	if data, _ := os.ReadFile(taken); !bytes.Equal(data, []byte("someone's file")) {
		t.Errorf("writeGold changed the file in its way: %q", data)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"gold.claimdesk", "taken.claimdesk"}) {
		t.Errorf("the folder holds %q, want gold.claimdesk and taken.claimdesk", got)
	}
}
