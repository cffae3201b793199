package app_test

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/app"
	"claimdesk/store"
)

// storeBackups are the store's backups as main wires them in.
var storeBackups = app.Backups{
	List: func(path string) ([]app.BackupEntry, error) {
		bs, err := store.Backups(path)
		var out []app.BackupEntry
		for _, b := range bs {
			n, err := b.Documents()
			if err != nil {
				n = -1
			}
			out = append(out, app.BackupEntry{Path: b.Path, Time: b.Time, Size: b.Size, Documents: n})
		}
		return out, err
	},
	Restore: func(path, backup string) (string, error) {
		kept, err := store.Restore(path, backup)
		return kept.Path, err
	},
}

// File → Backups… lists the project's backups; Restore…, once confirmed,
// replaces the project by the chosen one, keeps the replaced file as a
// backup and shows the restored project.
func TestRestoreBackupFromTheWindow(t *testing.T) {
	text := readArticle(t)
	path := filepath.Join(t.TempDir(), "p.claimdesk")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := func(title string) []annotate.Record {
		return []annotate.Record{{Document: annotate.NewDocument(title, "test", title+"\n"+text, time.Now())}}
	}
	if _, err := st.Import(doc("first"), "tester"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.TakeBackup(); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(doc("second"), "tester"); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	u := app.New(a, st, app.Options{Annotator: "tester", Backups: storeBackups,
		Open: func(path string, readOnly bool) (app.Project, error) {
			return store.Open(path, store.Options{ReadOnly: readOnly})
		}})
	t.Cleanup(func() {
		if p, ok := u.Project().(*store.Store); ok {
			if err := p.Check(); err != nil {
				t.Error(err)
			}
			p.Close()
		}
	})
	w := u.Window()
	u.ShowBackups()
	restore := findButton(w.Canvas().Overlays().Top(), "Restore…")
	if restore == nil {
		t.Fatal("no Restore… button in File → Backups…")
	}
	test.Tap(restore)
	yes := findButton(w.Canvas().Overlays().Top(), "Restore")
	if yes == nil {
		t.Fatal("no question before the restore")
	}
	test.Tap(yes)

	p := u.Project()
	if p == nil {
		t.Fatal("no project open after the restore")
	}
	if docs, err := p.Documents(); err != nil || len(docs) != 1 || docs[0].Title != "first" {
		t.Errorf("after the restore: documents %v, %v; want the backup's one", docs, err)
	}
	bs, err := store.Backups(path)
	if err != nil || len(bs) != 2 {
		t.Fatalf("backups %v, %v; want the restored one and the replaced file", bs, err)
	}
	if n, err := bs[0].Documents(); err != nil || n != 2 {
		t.Errorf("the replaced file's backup holds %d documents, %v; want 2", n, err)
	}
	if !strings.Contains(w.Title(), "p.claimdesk") {
		t.Errorf("title %q", w.Title())
	}
}

// A project file that does not open, and has backups, is offered their
// restore: choosing one restores it and opens the project. So is one
// whose pages are damaged (48 bytes zeroed in each) or that is cut short,
// which once ended the process with a memory fault.
func TestDamagedProjectOffersItsBackups(t *testing.T) {
	page := os.Getpagesize()
	for name, damage := range map[string]func([]byte) []byte{
		"not a project": func([]byte) []byte { return []byte("damaged") },
		"zeroed pages": func(data []byte) []byte {
			for p := 2; (p+1)*page <= len(data); p++ {
				clear(data[p*page+24 : p*page+24+48])
			}
			return data
		},
		"cut short": func(data []byte) []byte {
			used := int(binary.NativeEndian.Uint64(data[16+40:])) * page // the meta page's count of pages
			return data[:used/2]
		},
	} {
		t.Run(name, func(t *testing.T) { testDamagedProjectOffersItsBackups(t, damage) })
	}
}

func testDamagedProjectOffersItsBackups(t *testing.T, damage func([]byte) []byte) {
	text := readArticle(t)
	path := filepath.Join(t.TempDir(), "p.claimdesk")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs := []annotate.Record{{Document: annotate.NewDocument("first", "test", text, time.Now())}}
	if _, err := st.Import(recs, "tester"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.TakeBackup(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = damage(data)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	u := app.Start(a, path, app.Options{Annotator: "tester", AnnotatorGiven: true, Backups: storeBackups,
		Open: func(path string, readOnly bool) (app.Project, error) {
			return store.Open(path, store.Options{ReadOnly: readOnly})
		}})
	t.Cleanup(func() {
		if p, ok := u.Project().(*store.Store); ok {
			p.Close()
		}
	})
	w := u.Window()
	for _, button := range []string{"Choose a backup…", "Restore…", "Restore"} {
		b := findButton(w.Canvas().Overlays().Top(), button)
		if b == nil {
			t.Fatalf("no %s button", button)
		}
		test.Tap(b)
	}
	p := u.Project()
	if p == nil {
		t.Fatal("no project open after the restore")
	}
	if docs, err := p.Documents(); err != nil || len(docs) != 1 || docs[0].Title != "first" {
		t.Errorf("after the restore: documents %v, %v; want the backup's one", docs, err)
	}
	kept, err := filepath.Glob(path + ".damaged-*")
	if err != nil || len(kept) != 1 {
		t.Fatalf("kept %v, %v", kept, err)
	}
	if got, err := os.ReadFile(kept[0]); err != nil || string(got) != string(data) {
		t.Errorf("kept %d bytes, %v; want the %d of the damaged file", len(got), err, len(data))
	}
}
