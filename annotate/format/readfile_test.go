package format

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
)

func TestReadFileText(t *testing.T) {
	long := strings.Repeat("é", 130)
	tests := []struct {
		name, file, data string
		title, source    string
		text             string
	}{
		{"txt", "in/a.txt", "\n\n  Wang Yi’s offer  \nbody 😀\n", "Wang Yi’s offer", "a.txt", "\n\n  Wang Yi’s offer  \nbody 😀\n"},
		{"BOM and CRLF", "b.TXT", "\xef\xbb\xbfTitle\r\nline two\rline three\r\n", "Title", "b.TXT", "Title\nline two\nline three\n"},
		{"markdown heading", "notes/c.md", "# China & Iraq\n\nText.", "China & Iraq", "c.md", "# China & Iraq\n\nText."},
		{"long title cut", "d.txt", long + "\nx", strings.Repeat("é", annotate.MaxDerivedTitle-1) + "…", "d.txt", long + "\nx"},
		{"title collapses spaces", "e.txt", "a \t b\u00a0 c\nx", "a b c", "e.txt", "a \t b\u00a0 c\nx"},
		{"markdown only hashes", "f.md", "###\nbody", "body", "f.md", "###\nbody"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := ReadFile(tt.file, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 1 {
				t.Fatalf("%d records", len(recs))
			}
			d := recs[0].Document
			if d.Title != tt.title || d.Source != tt.source || d.Text != tt.text || d.ID != "" || d.Status != annotate.StatusTodo {
				t.Errorf("got title %q source %q text %q id %q status %q", d.Title, d.Source, d.Text, d.ID, d.Status)
			}
		})
	}
}

func TestReadFileErrors(t *testing.T) {
	tests := []struct {
		name, file, data, want string
		line                   int
	}{
		{"invalid UTF-8", "dir/bad.txt", "ok\xff\x81", "dir/bad.txt:1: invalid UTF-8 at column 3 (byte 2)", 1},
		{"empty text", "empty.txt", "", "empty.txt: the file has no text", 0},
		{"whitespace only", "ws.md", " \r\n\t\n", "ws.md: the file has no text", 0},
		{"unsupported", "paper.pdf", "%PDF", `paper.pdf: unsupported file type ".pdf" (supported: .txt, .md, .html, .htm, .docx, .jsonl, .json, .ann)`, 0},
		{"no extension", "README", "hi", "README: unsupported file type without an extension", 0},
		{"jsonl line", "x.jsonl", "{\"text\":\"a\"}\n{", "x.jsonl:2: invalid JSON", 2},
		{"html without article", "empty.html", "<html><head><title>T</title></head><body><script>var x = 1;</script><img src=a.png></body></html>", "empty.html: the page has no article text", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFile(tt.file, []byte(tt.data))
			var le *annotate.LineError
			if !errors.As(err, &le) || le.File != tt.file || le.Line != tt.line {
				t.Fatalf("err = %#v, want a LineError for %s:%d", err, tt.file, tt.line)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("err = %q, want %q", err.Error(), tt.want)
			}
			if annotate.ErrorCode(err) != annotate.EINVALID {
				t.Errorf("code %q", annotate.ErrorCode(err))
			}
		})
	}
}

// FuzzReadFile: ReadFile never panics on the data of any importable
// extension, and every record it returns is valid and can be exported and
// read back. Every format with a reader is fuzzed here through the
// registry; FuzzJSONLReader goes deeper into JSONL lines.
func FuzzReadFile(f *testing.F) {
	html, err := os.ReadFile("testdata/article.html")
	if err != nil {
		f.Fatal(err)
	}
	shapes, err := os.ReadFile("testdata/shapes.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(".txt", []byte("Title\r\nbody “quoted” 😀\n"))
	f.Add(".md", []byte("# Heading\n\nText\u2009with thin space."))
	f.Add(".txt", []byte("\xef\xbb\xbf\xff"))
	f.Add(".html", html)
	f.Add(".html", []byte("<p>a<p>b<br>c<table><tr><td>x</td><td>y</td></tr></table>"))
	f.Add(".htm", []byte("<html><head><meta charset=windows-1252></head><body><article><p>caf\xe9 \x93quoted\x94</p></article></body></html>"))
	f.Add(".jsonl", shapes)
	f.Add(".txt", []byte("\xff\xfeT\x00i\x00\x3d\xd8\x00\xde"))
	f.Add(".html", []byte("\xfe\xff\x00<\x00p\x00>\x00x"))
	f.Add(".jsonl", []byte("\xff\xfe{\x00}\x00\n\x00"))
	f.Add(".md", []byte("caf\xe9 \x80 \x81"))
	if docx, err := os.ReadFile("testdata/article.docx"); err == nil {
		f.Add(".docx", docx)
	} else {
		f.Fatal(err)
	}
	f.Add(".jsonl", []byte("{\"text\": \"a😀b\", \"label\": [[1, 2, \"A\"]]}\r\n\n{\"text\": 1}"))
	exts := ImportExtensions()
	f.Fuzz(func(t *testing.T, ext string, data []byte) {
		if !slices.Contains(exts, ext) {
			ext = exts[len(ext)%len(exts)]
		}
		name := "fuzz" + ext
		recs, err := ReadFile(name, data)
		if err != nil {
			var le *annotate.LineError
			// A brat .ann's error may be about its text, beside it.
			if !errors.As(err, &le) || (le.File != name && !(ext == ".ann" && le.File == bratTextPath(name))) {
				t.Fatalf("error %v does not name the file", err)
			}
		}
		// .jsonl and .json hold any number of records (an empty file, an
		// empty array: none); the others one document each.
		if ext != ".jsonl" && ext != ".json" && err == nil && len(recs) != 1 {
			t.Fatalf("%d records", len(recs))
		}
		for _, rec := range recs {
			d := rec.Document
			if strings.TrimSpace(d.Text) == "" {
				t.Fatalf("document without text %+v", d)
			}
			if ext != ".jsonl" && ext != ".json" && (d.Title == "" || d.Source == "" || annotate.RuneCount(d.Title) > maxTitle) {
				t.Fatalf("title %q, source %q", d.Title, d.Source)
			}
			checkRecordSpans(t, rec)
			if _, err := DecodeJSONLine(mustLine(t, rec)); err != nil {
				t.Fatalf("the record cannot be exported and read back: %v", err)
			}
		}
	})
}

// mustLine returns rec as one Claimdesk JSONL line.
func mustLine(t *testing.T, rec annotate.Record) []byte {
	t.Helper()
	var sb strings.Builder
	w := NewJSONLWriter(&sb)
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return []byte(strings.TrimSuffix(sb.String(), "\n"))
}
