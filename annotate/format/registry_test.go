package format

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"claimdesk/annotate"
)

func TestRegistry(t *testing.T) {
	if got, want := Names(), []string{"text", "html", "docx", "jsonl", "labelstudio", "doccano", "spacy", "csv", "network", "edges", "conll", "hf", "brat"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	if got, want := WriterNames(), []string{"jsonl", "labelstudio", "doccano", "spacy", "csv", "network", "edges", "conll", "hf", "brat"}; !reflect.DeepEqual(got, want) {
		t.Errorf("WriterNames() = %q, want %q", got, want)
	}
	if got, want := ImportExtensions(), []string{".txt", ".md", ".html", ".htm", ".docx", ".jsonl", ".json", ".ann"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ImportExtensions() = %q, want %q", got, want)
	}
	seen := map[string]string{}
	for _, name := range Names() {
		f, ok := Lookup(name)
		if !ok || f.Name != name {
			t.Fatalf("Lookup(%q) = %+v, %v", name, f, ok)
		}
		if f.NewReader == nil && f.NewWriter == nil {
			t.Errorf("%s neither reads nor writes", name)
		}
		if f.NewReader == nil && len(f.Extensions) > 0 {
			t.Errorf("%s has extensions but no reader", name)
		}
		for _, ext := range f.Extensions {
			if !strings.HasPrefix(ext, ".") || ext != strings.ToLower(ext) {
				t.Errorf("%s: extension %q is not lower case with a dot", name, ext)
			}
			if other, dup := seen[ext]; dup {
				t.Errorf("%s is read by both %s and %s", ext, other, name)
			}
			seen[ext] = name
		}
	}
	if _, ok := Lookup("xml"); ok {
		t.Error(`Lookup("xml") found a format`)
	}
	// Lookup's Extensions are the caller's to change.
	f, _ := Lookup("text")
	f.Extensions[0] = ".pdf"
	if ImportExtensions()[0] != ".txt" {
		t.Error("changing a looked-up format changed the registry")
	}
}

func TestForFile(t *testing.T) {
	for file, want := range map[string]string{
		"a.txt": "text", "dir.v2/B.MD": "text", "page.Html": "html", "old.htm": "html", "x.JSONL": "jsonl",
	} {
		f, err := ForFile(file)
		if err != nil || f.Name != want {
			t.Errorf("ForFile(%q) = %q, %v; want %q", file, f.Name, err, want)
		}
	}
	for file, want := range map[string]string{
		"paper.pdf":     `paper.pdf: unsupported file type ".pdf" (supported: .txt, .md, .html, .htm, .docx, .jsonl, .json, .ann)`,
		"README":        `README: unsupported file type without an extension (supported: .txt, .md, .html, .htm, .docx, .jsonl, .json, .ann)`,
		"spans.csv":     `spans.csv: unsupported file type ".csv" (supported: .txt, .md, .html, .htm, .docx, .jsonl, .json, .ann)`,
		"dir.jsonl/out": `dir.jsonl/out: unsupported file type without an extension (supported: .txt, .md, .html, .htm, .docx, .jsonl, .json, .ann)`,
	} {
		_, err := ForFile(file)
		var le *annotate.LineError
		if !errors.As(err, &le) || le.File != file || err.Error() != want || annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("ForFile(%q) error %v, want %q", file, err, want)
		}
	}
}

func TestNewWriter(t *testing.T) {
	for _, name := range WriterNames() {
		if w, err := NewWriter(name, Target{W: io.Discard, Dir: t.TempDir()}); err != nil || w == nil {
			t.Errorf("NewWriter(%q): %v", name, err)
		}
	}
	if _, err := NewWriter("brat", Target{W: io.Discard}); err == nil || err.Error() != "format brat writes a folder of files: name the folder" {
		t.Errorf(`NewWriter("brat") without a folder: error %v`, err)
	}
	for _, name := range []string{"xml", "text", "html", "JSONL", ""} {
		_, err := NewWriter(name, Target{W: io.Discard})
		want := `unknown format "` + name + `" (want jsonl, labelstudio, doccano, spacy, csv, network, edges, conll, hf or brat)`
		if err == nil || err.Error() != want || annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("NewWriter(%q) error %v, want %q", name, err, want)
		}
	}
}
