package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/store"
)

// sourceFixture is two documents, the second without an id in the export,
// with spans by two annotators.
func sourceFixture() []annotate.Record {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	d1 := annotate.NewDocument("China", "ft.com", "China has offered to help Iraq, said “Wang Yi”.", now)
	d2 := annotate.NewDocument("Denial", "ft.com", "Tehran denied it.", now)
	s1 := annotate.NewSpan(d1.ID, 0, 5, "ACTOR", "ana", now)
	s2 := annotate.NewSpan(d1.ID, 38, 45, "ACTOR", "bo", now)
	s3 := annotate.NewSpan(d2.ID, 0, 6, "ACTOR", "ana", now)
	return []annotate.Record{
		{Document: d1, Spans: []annotate.Span{s1, s2}},
		{Document: d2, Spans: []annotate.Span{s3}},
	}
}

// writeProject imports recs into a new project file at path, and closes it.
func writeProject(t *testing.T, path string, recs []annotate.Record) {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(recs, "tester"); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

// writeExport writes recs as Claimdesk JSONL to path.
func writeExport(t *testing.T, path string, recs []annotate.Record) {
	t.Helper()
	var buf bytes.Buffer
	w := format.NewJSONLWriter(&buf)
	for _, rec := range recs {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// spanIDs returns the ids of spans, sorted.
func spanIDs(spans []annotate.Span) []string {
	var ids []string
	for _, s := range spans {
		ids = append(ids, s.ID)
	}
	slices.Sort(ids)
	return ids
}

// A project and its export list the same documents in the same order,
// find a document by id, else by its text, and not at all when neither
// matches; the project file keeps its bytes and modification time.
func TestSourceProjectAndExport(t *testing.T) {
	recs := sourceFixture()
	dir := t.TempDir()
	project := filepath.Join(dir, "p.claimdesk")
	writeProject(t, project, recs)
	export := filepath.Join(dir, "p.jsonl")
	exported := slices.Clone(recs)
	exported[1].Document.ID = "" // found by its text only
	writeExport(t, export, exported)
	before, err := os.ReadFile(project)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(project)
	if err != nil {
		t.Fatal(err)
	}

	for _, path := range []string{project, export} {
		t.Run(filepath.Ext(path), func(t *testing.T) {
			src, err := openSource(path)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			if (src.st != nil) != (path == project) {
				t.Fatalf("%s opened as a project: %v", path, src.st != nil)
			}
			var texts []string
			err = src.forEach(func(rec annotate.Record) error {
				texts = append(texts, rec.Document.Text)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{recs[0].Document.Text, recs[1].Document.Text}; !slices.Equal(texts, want) {
				t.Errorf("documents %q, want %q", texts, want)
			}
			if n, err := src.count(); err != nil || n != 2 {
				t.Errorf("count() = %d, %v; want 2", n, err)
			}
			if names, err := src.annotators(); err != nil || !slices.Equal(names, []string{"ana", "bo"}) {
				t.Errorf("annotators() = %q, %v; want [ana bo]", names, err)
			}

			// By id, by text, by text when the id names another text.
			byText := recs[1].Document
			byText.ID = annotate.NewID()
			byText.SHA256 = ""
			otherText := recs[0].Document
			otherText.ID = recs[1].Document.ID
			otherText.SHA256 = annotate.TextSHA256(otherText.Text)
			for name, c := range map[string]struct {
				d    annotate.Document
				want annotate.Record
			}{
				"id":                 {recs[0].Document, recs[0]},
				"text":               {byText, recs[1]},
				"id of another text": {otherText, recs[0]},
			} {
				rec, ok, err := src.lookup(&c.d)
				if err != nil || !ok {
					t.Errorf("lookup by %s: ok %v, error %v", name, ok, err)
					continue
				}
				if rec.Document.Text != c.want.Document.Text || !slices.Equal(spanIDs(rec.Spans), spanIDs(c.want.Spans)) {
					t.Errorf("lookup by %s gave %q with spans %q, want %q with %q", name,
						rec.Document.Text, spanIDs(rec.Spans), c.want.Document.Text, spanIDs(c.want.Spans))
				}
			}
			missing := annotate.NewDocument("x", "x", "Nobody said anything.", time.Now())
			if rec, ok, err := src.lookup(&missing); err != nil || ok {
				t.Errorf("lookup of a missing document: %q, %v, %v", rec.Document.Text, ok, err)
			}
			sameIDOtherText := missing
			sameIDOtherText.ID = recs[0].Document.ID
			if rec, ok, err := src.lookup(&sameIDOtherText); err != nil || ok {
				t.Errorf("lookup of an id with an unknown text: %q, %v, %v", rec.Document.Text, ok, err)
			}
		})
	}

	after, err := os.ReadFile(project)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("reading the project changed its bytes")
	}
	if info2, err := os.Stat(project); err != nil || !info2.ModTime().Equal(info.ModTime()) {
		t.Error("reading the project changed its modification time")
	}
}

// A project that another program holds is read from a snapshot; the
// holder's file is left alone.
func TestSourceLockedProject(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()) // where the snapshot's copy goes
	path := filepath.Join(t.TempDir(), "p.claimdesk")
	writeProject(t, path, sourceFixture())
	holder, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()

	var stderr bytes.Buffer
	srcs, err := openSources([]string{path}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if !srcs[0].snapshot {
		t.Error("a held project was not read from a snapshot")
	}
	if !strings.Contains(stderr.String(), "reading a copy") {
		t.Errorf("stderr %q does not say a copy is read", stderr.String())
	}
	if n, err := srcs[0].count(); err != nil || n != 2 {
		t.Errorf("count() = %d, %v; want 2", n, err)
	}
	if err := closeSources(srcs); err != nil {
		t.Fatal(err)
	}
}

// A missing file, a folder, a file that is neither a project nor an
// export, and an export with a bad line are errors that name the file.
func TestSourceErrors(t *testing.T) {
	dir := t.TempDir()
	notProject := filepath.Join(dir, "notes.claimdesk")
	if err := os.WriteFile(notProject, []byte("not a project, just some words of text, long enough"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"text\": \"a\"}\n{\"text\": 3}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{filepath.Join(dir, "missing.claimdesk"), "missing.claimdesk: no such file"},
		{dir, "is a folder"},
		{notProject, "notes.claimdesk"},
		{bad, "bad.jsonl:2"},
	} {
		src, err := openSource(c.path)
		if err == nil {
			src.Close()
			t.Errorf("openSource(%s) succeeded", c.path)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("openSource(%s): %v, want an error mentioning %q", c.path, err, c.want)
		}
	}
}
