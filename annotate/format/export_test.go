package format

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"claimdesk/annotate"
)

// sliceSource is a Source of the given records.
func sliceSource(recs ...annotate.Record) Source {
	return Source{Total: len(recs), ForEach: func(fn func(annotate.Record) error) error {
		for _, r := range recs {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}}
}

// goldenRecords are the records of the golden export files.
func goldenRecords() []annotate.Record {
	second := annotate.Record{Document: annotate.Document{ID: "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7c", Title: "No spans", Text: "Nothing here.", Status: annotate.StatusTodo}}
	return []annotate.Record{goldenRecord(), second}
}

// TestExportFile writes each golden file through ExportFile, over an
// older file, and reports progress once per record and at the end.
func TestExportFile(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ file, format string }{
		{"export.golden.jsonl", "jsonl"},
		{"export.golden.doccano.jsonl", "doccano"},
		{"export.golden.csv", "csv"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, []byte("an older export"), 0o600); err != nil {
				t.Fatal(err)
			}
			var reports [][2]int
			err = ExportFile(context.Background(), path, tt.format, sliceSource(goldenRecords()...),
				func(done, total int) { reports = append(reports, [2]int{done, total}) })
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from testdata/%s:\n%s", path, tt.file, got)
			}
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm() != 0o644 {
				t.Errorf("mode %v, want 0644", info.Mode().Perm())
			}
			if want := [][2]int{{1, 2}, {2, 2}}; !equalReports(reports, want) {
				t.Errorf("progress %v, want %v", reports, want)
			}
		})
	}
	assertOnlyFiles(t, dir, "export.golden.jsonl", "export.golden.doccano.jsonl", "export.golden.csv")
}

func equalReports(a, b [][2]int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// assertOnlyFiles fails unless dir holds exactly the files names.
func assertOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(names) {
		t.Fatalf("%s holds %q, want %q", dir, got, names)
	}
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Fatalf("%s holds %q, want %q", dir, got, names)
		}
	}
}

// TestExportFileFailure: a write that fails, for whatever reason, leaves
// the previous export as it was and no temporary file behind.
func TestExportFileFailure(t *testing.T) {
	badSpan := annotate.Record{Document: annotate.Document{ID: "d", Text: "abc"},
		Spans: []annotate.Span{{Start: 0, End: 9, Label: "ACTOR"}}}
	storeFailure := errors.New("the project file is damaged")
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	good := goldenRecords()
	tests := []struct {
		name string
		ctx  context.Context
		src  Source
		want error  // errors.Is the error, when not nil
		code string // else the error's code
	}{
		{"bad record", context.Background(), sliceSource(good[0], badSpan, good[1]), nil, annotate.EINVALID},
		{"source error", context.Background(), Source{ForEach: func(fn func(annotate.Record) error) error {
			if err := fn(good[0]); err != nil {
				return err
			}
			return storeFailure
		}}, storeFailure, ""},
		{"canceled", canceled, sliceSource(good...), context.Canceled, ""},
	}
	for _, tt := range tests {
		for _, name := range WriterNames() {
			if f, _ := Lookup(name); f.Folder {
				t.Run(tt.name+"/"+name, func(t *testing.T) {
					dir := t.TempDir()
					err := ExportDir(tt.ctx, filepath.Join(dir, "out"), name, ExportOptions{}, tt.src, nil)
					switch {
					case err == nil:
						t.Fatal("no error")
					case tt.want != nil && !errors.Is(err, tt.want):
						t.Errorf("err = %v, want %v", err, tt.want)
					case tt.want == nil && annotate.ErrorCode(err) != tt.code:
						t.Errorf("err = %v (code %q), want code %q", err, annotate.ErrorCode(err), tt.code)
					}
					assertOnlyFiles(t, dir) // the folder it made is gone
				})
				continue
			}
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "out")
				if err := os.WriteFile(path, []byte("the previous export"), 0o644); err != nil {
					t.Fatal(err)
				}
				err := ExportFile(tt.ctx, path, name, tt.src, nil)
				switch {
				case err == nil:
					t.Fatal("no error")
				case tt.want != nil && !errors.Is(err, tt.want):
					t.Errorf("err = %v, want %v", err, tt.want)
				case tt.want == nil && annotate.ErrorCode(err) != tt.code:
					t.Errorf("err = %v (code %q), want code %q", err, annotate.ErrorCode(err), tt.code)
				}
				if got, _ := os.ReadFile(path); string(got) != "the previous export" {
					t.Errorf("the previous export became %q", got)
				}
				assertOnlyFiles(t, dir, "out")
			})
		}
	}
}

func TestExportFileErrors(t *testing.T) {
	dir := t.TempDir()
	err := ExportFile(context.Background(), filepath.Join(dir, "out"), "xml", sliceSource(), nil)
	if err == nil || err.Error() != `unknown format "xml" (want jsonl, labelstudio, doccano, spacy, csv, network, edges, conll, hf or brat)` || annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("unknown format: %v", err)
	}
	err = ExportFile(context.Background(), filepath.Join(dir, "no", "such", "folder", "out"), "jsonl", sliceSource(goldenRecords()...), nil)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing folder: %v", err)
	}
	// A folder in the way of the rename.
	if err := os.Mkdir(filepath.Join(dir, "taken"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := ExportFile(context.Background(), filepath.Join(dir, "taken"), "jsonl", sliceSource(goldenRecords()...), nil); err == nil {
		t.Error("exported over a folder")
	}
	assertOnlyFiles(t, dir, "taken")
}

// TestExportEmpty: an empty project exports an empty JSONL file and a CSV
// header, and reports its end.
func TestExportEmpty(t *testing.T) {
	for name, want := range map[string]string{"jsonl": "", "doccano": "", "csv": "document_id,title,start,end,label,text,annotator,created,note\n"} {
		var buf bytes.Buffer
		var reports [][2]int
		err := Export(context.Background(), &buf, name, sliceSource(), func(done, total int) { reports = append(reports, [2]int{done, total}) })
		if err != nil || buf.String() != want || !equalReports(reports, [][2]int{{0, 0}}) {
			t.Errorf("%s: %v, %q, progress %v", name, err, buf.String(), reports)
		}
	}
}
