package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestOpenCompareSource reads a colleague's project for the window's
// review: documents with their SHA-256 and spans, no texts, named by its
// annotator when it has one; the file keeps its bytes and modification
// time. An export with two annotators is named after the file.
func TestOpenCompareSource(t *testing.T) {
	dir := t.TempDir()
	recs := sourceFixture()
	for i := range recs {
		for j := range recs[i].Spans {
			recs[i].Spans[j].Annotator = "bo"
		}
	}
	path := filepath.Join(dir, "bo.claimdesk")
	writeProject(t, path, recs)
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	src, err := openCompareSource(path)
	if err != nil {
		t.Fatal(err)
	}
	if src.Name != "bo" || len(src.Records) != 2 || src.Records[0].Document.Text != "" ||
		src.Records[0].Document.SHA256 != recs[0].Document.SHA256 || len(src.Records[0].Spans) != 2 {
		t.Fatalf("source %+v", src)
	}
	after, _ := os.ReadFile(path)
	info, _ := os.Stat(path)
	if !bytes.Equal(before, after) || !info.ModTime().Equal(old) {
		t.Fatalf("reading the colleague's project changed it (bytes equal %v, mtime %v)", bytes.Equal(before, after), info.ModTime())
	}

	export := filepath.Join(dir, "team.jsonl")
	writeExport(t, export, sourceFixture())
	src, err = openCompareSource(export)
	if err != nil {
		t.Fatal(err)
	}
	if src.Name != "team" || len(src.Records) != 2 || src.Records[1].Document.SHA256 == "" {
		t.Fatalf("export source %+v", src)
	}
	if _, err := openCompareSource(filepath.Join(dir, "missing.claimdesk")); err == nil {
		t.Fatal("a missing file opened")
	}
}
