package format

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"claimdesk/annotate"
)

// fuzzWholeFile fuzzes the reader of a format whose file is one record
// (text, html), seeded with the real files seeds name and the extra
// inputs: it never panics; it gives one record or one error, a one-line
// EINVALID *annotate.LineError naming the file; the record has a text,
// a title and a source, and can be exported as JSONL and read back.
func fuzzWholeFile(f *testing.F, format, file string, seeds []string, extra ...string) {
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
	fm, ok := Lookup(format)
	if !ok || fm.NewReader == nil {
		f.Fatalf("no reader of %s", format)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := fm.NewReader(bytes.NewReader(data), file)
		rec, err := r.Next()
		if err != nil {
			var le *annotate.LineError
			if !errors.As(err, &le) || le.File != file {
				t.Fatalf("error %v (%T) is not a LineError naming the file", err, err)
			}
			if strings.ContainsAny(err.Error(), "\r\n") || annotate.ErrorCode(err) != annotate.EINVALID {
				t.Fatalf("error %q (code %s) is not one EINVALID line", err, annotate.ErrorCode(err))
			}
			return
		}
		if _, err := r.Next(); err != io.EOF {
			t.Fatalf("second Next: %v, want io.EOF", err)
		}
		d := rec.Document
		if strings.TrimSpace(d.Text) == "" || !utf8.ValidString(d.Text) {
			t.Fatalf("text %q", d.Text)
		}
		if d.Title == "" || d.Source == "" || annotate.RuneCount(d.Title) > maxTitle {
			t.Fatalf("title %q, source %q", d.Title, d.Source)
		}
		back, err := DecodeJSONLine(mustLine(t, rec))
		if err != nil || back.Document.Text != d.Text {
			t.Fatalf("the record cannot be exported and read back: %v", err)
		}
	})
}

// FuzzTextReader fuzzes the reader of .txt and .md files.
func FuzzTextReader(f *testing.F) {
	fuzzWholeFile(f, "text", "fuzz.md", []string{fixtureArticle, "testdata/brat/article.txt"},
		"# Heading\r\n\r\nText\u2009with thin space.", "\xef\xbb\xbf\xff", "\n\n\t", "a\rb\r\nc")
}

// FuzzHTMLReader fuzzes the reader of .html pages.
func FuzzHTMLReader(f *testing.F) {
	fuzzWholeFile(f, "html", "fuzz.html", []string{"testdata/article.html"},
		"<p>a<p>b<br>c<table><tr><td>x</td><td>y</td></tr></table>",
		"<html><head><meta charset=windows-1252><link rel=canonical href='http://x/y'></head><body><article><p>caf\xe9 \x93quoted\x94</p></article></body></html>",
		"<html><head><title>T</title></head><body><script>var x = 1;</script></body></html>",
		"<svg><math><template><p>x</template></math></svg>")
}

// fuzzSeeds adds every file of testdata (and the brat sample below it)
// whose name ends in ext to f's corpus.
func fuzzSeeds(f *testing.F, ext string) {
	paths, _ := filepath.Glob("testdata/*" + ext)
	more, _ := filepath.Glob("testdata/*/*" + ext)
	for _, path := range append(paths, more...) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}
