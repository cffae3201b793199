package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/store"
)

// A project held by another Claimdesk can still be opened read-only: the
// window gets a snapshot copy, which disappears when it is closed.
func TestOpenForGUIReadOnlyWhileLocked(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the snapshot's copy goes
	path := filepath.Join(t.TempDir(), "p.claimdesk")
	holder, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	doc := annotate.NewDocument("t", "s", "Wang Yi made the offer.", time.Now())
	if err := holder.AddDocument(doc); err != nil {
		t.Fatal(err)
	}

	if _, err := openForGUI(path, false); annotate.ErrorCode(err) != annotate.ELOCKED {
		t.Fatalf("read-write open of a held file: %v, want an ELOCKED error", err)
	}
	p, err := openForGUI(path, true)
	if err != nil {
		t.Fatalf("read-only open of a held file: %v", err)
	}
	if p.Path() != path || !p.ReadOnly() {
		t.Errorf("snapshot reports path %q, read-only %v", p.Path(), p.ReadOnly())
	}
	if got, err := p.Document(doc.ID); err != nil || got.Text != doc.Text {
		t.Errorf("snapshot document: %+v, %v", got, err)
	}
	if err := p.AddSpan(annotate.NewSpan(doc.ID, 0, 7, annotate.LabelActor, "x", time.Now())); annotate.ErrorCode(err) != annotate.EREADONLY {
		t.Errorf("AddSpan on the snapshot: %v, want EREADONLY", err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if entries, err := os.ReadDir(tmp); err != nil || len(entries) != 0 {
		t.Errorf("the snapshot left %v behind after Close (%v)", entries, err)
	}
}

func TestCreateSampleProject(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path, err := defaultProject()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs, err := st.Documents()
	if err != nil || len(docs) != 2 || docs[0].Title != "Harbour Authority Denies Plan to Sell Northern Docks" {
		t.Fatalf("default project documents %+v, %v", docs, err)
	}
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
	if again, err := defaultProject(); err != nil || again != path {
		t.Fatalf("second call: %q, %v", again, err)
	}
}
