package format

import (
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// readNotices reads the file at path through the registry's reader, as
// ImportFile does, and returns its records and notices.
func readNotices(t *testing.T, path string) ([]annotate.Record, []string, error) {
	t.Helper()
	f, err := ForFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := f.NewReader(strings.NewReader(string(data)), path)
	var recs []annotate.Record
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return recs, nil, err
		}
		recs = append(recs, rec)
	}
	var notices []string
	if n, ok := r.(Noticer); ok {
		notices = n.Notices()
	}
	return recs, notices, nil
}

func TestEncodings(t *testing.T) {
	arabic := "إبراهيم الجعفري"
	tests := []struct {
		file   string
		title  string
		text   string // the whole text, or a part of it for HTML
		notice string
	}{
		{"news-1252.txt", "Beijing’s “offer” — café, naïve, €5",
			"Beijing’s “offer” — café, naïve, €5\nSecond line: François Müller\n",
			"news-1252.txt: converted from Windows-1252"},
		{"news-utf16le.txt", "Baghdad’s “reply” 😀",
			"Baghdad’s “reply” 😀\nsaid " + arabic + ".\n",
			"news-utf16le.txt: converted from UTF-16LE"},
		{"news-utf16be.md", "Baghdad’s “reply” 😀",
			"# Baghdad’s “reply” 😀\nsaid " + arabic + ".\n",
			"news-utf16be.md: converted from UTF-16BE"},
		{"news-bom.txt", "Baghdad’s “reply” 😀",
			"Baghdad’s “reply” 😀\nsaid " + arabic + ".\n",
			""},
		{"page-utf16le.html", "Wang Yi’s visit",
			"“China has offered help,” said " + arabic + " 😀.",
			"page-utf16le.html: converted from UTF-16LE"},
		{"page-1252.html", "Café “news”",
			"“The café opened on Tuesday,” said François Müller",
			"page-1252.html: converted from Windows-1252"},
		{"page-latin2.html", "Łódź",
			"W Łodzi otwarto nową kawiarnię we wtorek.",
			"page-latin2.html: converted from iso-8859-2"},
		{"lines-utf16le.jsonl", "",
			"Wang Yi’s offer 😀",
			"lines-utf16le.jsonl: converted from UTF-16LE"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs, notices, err := readNotices(t, "testdata/encoding/"+tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 1 {
				t.Fatalf("%d records", len(recs))
			}
			d := recs[0].Document
			if d.Title != tt.title {
				t.Errorf("title %q, want %q", d.Title, tt.title)
			}
			if strings.HasSuffix(tt.file, ".html") || strings.HasSuffix(tt.file, ".jsonl") {
				if !strings.Contains(d.Text, tt.text) {
					t.Errorf("text %q does not hold %q", d.Text, tt.text)
				}
			} else if d.Text != tt.text {
				t.Errorf("text %q, want %q", d.Text, tt.text)
			}
			var want []string
			if tt.notice != "" {
				want = []string{"testdata/encoding/" + tt.notice}
			}
			if !slices.Equal(notices, want) {
				t.Errorf("notices %q, want %q", notices, want)
			}
			for _, sp := range recs[0].Spans {
				if got, _ := annotate.SliceRunes(d.Text, sp.Start, sp.End); got != "Wang Yi" {
					t.Errorf("span %d-%d is %q", sp.Start, sp.End, got)
				}
			}
		})
	}
}

func TestEncodingErrors(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             string
		line             int
	}{
		{"NUL", "a.txt", "line one\ncaf\xe9\x00", "a.txt:2: invalid UTF-8 at column 4 (byte 12); not Windows-1252 text either (byte 0x00 at byte 13)", 2},
		{"undefined in 1252", "b.md", "ab\n\nc\x81d", "b.md:3: invalid UTF-8 at column 2 (byte 5); not Windows-1252 text either (byte 0x81 at byte 5)", 3},
		{"column in code points", "c.txt", "é😀\xff\x01", "c.txt:1: invalid UTF-8 at column 3 (byte 6); not Windows-1252 text either (byte 0x01 at byte 7)", 1},
		{"UTF-8 BOM then invalid", "d.txt", "\xef\xbb\xbfcaf\xe9", "d.txt:1: invalid UTF-8 at column 5 (byte 6)", 1},
		{"UTF-32", "f.txt", "\xff\xfe\x00\x00a\x00\x00\x00", "f.txt:1: a NUL character in UTF-16LE text: not a text file, or not UTF-16LE (UTF-32 is not read)", 1},
		{"NUL in UTF-16", "g.md", "\xfe\xff\x00a\x00\n\x00\x00", "g.md:2: a NUL character in UTF-16BE text: not a text file, or not UTF-16BE (UTF-32 is not read)", 2},
		{"binary junk html", "e.html", "\x00\x01\x02\xff", "e.html:1: invalid UTF-8 at column 4 (byte 3); not Windows-1252 text either (byte 0x00 at byte 0)", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFile(tt.file, []byte(tt.data))
			var le *annotate.LineError
			if !errors.As(err, &le) || le.File != tt.file || le.Line != tt.line {
				t.Fatalf("err = %v, want a LineError for %s:%d", err, tt.file, tt.line)
			}
			if err.Error() != tt.want {
				t.Errorf("err = %q\nwant  %q", err, tt.want)
			}
			if annotate.ErrorCode(err) != annotate.EINVALID {
				t.Errorf("code %q", annotate.ErrorCode(err))
			}
		})
	}
	recs, _, err := readNotices(t, "testdata/encoding/binary.txt")
	if err == nil || !strings.Contains(err.Error(), "not Windows-1252 text either") {
		t.Errorf("binary.txt: %d records, err %v", len(recs), err)
	}
}
