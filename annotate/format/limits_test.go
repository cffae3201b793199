package format

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// importWith imports the file at path into memory with the limits l and
// returns the records and the error.
func importWith(t *testing.T, path string, l Limits) ([]annotate.Record, annotate.ImportResult, error) {
	t.Helper()
	m := &memImporter{failAt: -1}
	res, err := ImportFile(WithLimits(context.Background(), l), m, path, "tester", nil)
	return m.records, res, err
}

// wantLimit checks that err is an EINVALID *LimitError naming file whose
// message is want.
func wantLimit(t *testing.T, err error, want string) {
	t.Helper()
	var le *LimitError
	if !errors.As(err, &le) {
		t.Fatalf("error %v (%T), want a LimitError", err, err)
	}
	if annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("code %s, want %s", annotate.ErrorCode(err), annotate.EINVALID)
	}
	if err.Error() != want {
		t.Errorf("error\n%s\nwant\n%s", err, want)
	}
}

func nested(open, close string, n int) string {
	return strings.Repeat(open, n) + "deep text" + strings.Repeat(close, n)
}

func TestReaderLimits(t *testing.T) {
	small := Limits{Text: 1 << 10, Line: 400, Depth: 8, Elements: 40, Spans: 2, Relations: 1}
	spans3 := `{"text":"a b c","spans":[{"start":0,"end":1,"label":"ACTOR"},{"start":2,"end":3,"label":"ACTOR"},{"start":4,"end":5,"label":"ACTOR"}]}` + "\n"
	rels2 := `{"text":"a b c","entities":[{"id":1,"start_offset":0,"end_offset":1,"label":"ACTOR"},{"id":2,"start_offset":2,"end_offset":3,"label":"CLAIM"}],"relations":[{"id":1,"from_id":2,"to_id":1,"type":"SOURCE"},{"id":2,"from_id":1,"to_id":2,"type":"TARGET"}]}` + "\n"
	tests := []struct {
		name, file, data string
		l                Limits
		want             string // after the file's path
	}{
		{"a text file", "big.txt", strings.Repeat("word ", 300), small,
			": the file is longer than 1 KiB: refused (import -max-text raises the limit)"},
		{"a JSONL line", "long.jsonl", `{"text":"short"}` + "\n" + `{"text":"` + strings.Repeat("x", 500) + `"}` + "\n", small,
			":2: the line is longer than 400 bytes: refused (import -max-line raises the limit)"},
		{"a JSONL line past the reader's buffer", "longer.jsonl", `{"text":"` + strings.Repeat("x", 200<<10) + `"}` + "\n", Limits{Line: 100 << 10},
			":1: the line is longer than 100 KiB: refused (import -max-line raises the limit)"},
		{"a record's text", "text.jsonl", `{"text":"` + strings.Repeat("x", 2000) + `"}` + "\n", Limits{Text: 1 << 10},
			":1: the text is longer than 1 KiB: refused (import -max-text raises the limit)"},
		{"spans of a record", "spans.jsonl", spans3, small,
			":1: the record has 3 spans, more than 2: refused (import -max-spans raises the limit)"},
		{"spans of a line, before it is decoded", "many.jsonl", `{"text":"abc","spans":[` + strings.Repeat(`{"start":0,"end":1,"label":"ACTOR"},`, 2000) + `{}]}` + "\n", Limits{Spans: 100, Relations: 100, Line: 1 << 20},
			":1: the record has more spans and relations than 200: refused (import -max-spans or -max-relations raises the limit)"},
		{"relations of a record", "rels.jsonl", rels2, small,
			":1: the record has 2 relations, more than 1: refused (import -max-relations raises the limit)"},
		{"a Label Studio task", "tasks.json", `[{"data":{"text":"` + strings.Repeat("x", 500) + `"}}]`, small,
			":1: task 1: the task is longer than 400 bytes: refused (import -max-line raises the limit)"},
		{"HTML nested past -max-depth", "deep.html", "<p>Some text here.</p>" + nested("<div>", "</div>", 10), small,
			": the page nests elements deeper than 8: refused (import -max-depth raises the limit)"},
		{"HTML nested past the parser's limit", "deeper.html", "<p>Some text here.</p>" + nested("<div>", "</div>", 100_000), Limits{},
			": the page nests elements deeper than 512, the most the HTML parser takes: refused"},
		{"HTML tables nested past the parser's limit", "tables.html", "<p>Some text.</p>" + nested("<table><tr><td>", "</td></tr></table>", 20_000), Limits{},
			": the page nests elements deeper than 512, the most the HTML parser takes: refused"},
		{"HTML with too many elements", "many.html", strings.Repeat("<p>Some text here.</p>", 41), small,
			": the page has more elements than 40: refused (import -max-elements raises the limit)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.file, tt.data)
			recs, _, err := importWith(t, path, tt.l)
			wantLimit(t, err, path+tt.want)
			if len(recs) != 0 {
				t.Errorf("%d records stored", len(recs))
			}
		})
	}
	// A brat file past -max-spans or -max-relations, refused before it is
	// decoded.
	dir := t.TempDir()
	txt := strings.Repeat("word ", 10)
	ann := "T1\tACTOR 0 4\tword\nT2\tACTOR 5 9;10 14\tword word\nR1\tSOURCE Arg1:T1 Arg2:T2\nR2\tSOURCE Arg1:T2 Arg2:T1\n"
	for name, data := range map[string]string{"b.txt": txt, "b.ann": ann} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err := importWith(t, filepath.Join(dir, "b.ann"), Limits{Spans: 2})
	wantLimit(t, err, filepath.Join(dir, "b.ann")+": the file has 3 spans, more than 2: refused (import -max-spans raises the limit)")
	_, _, err = importWith(t, filepath.Join(dir, "b.ann"), Limits{Relations: 1})
	wantLimit(t, err, filepath.Join(dir, "b.ann")+": the file has 2 relations, more than 1: refused (import -max-relations raises the limit)")

	// Just inside every limit, each file imports.
	inside := []struct{ file, data string }{
		{"text.txt", strings.Repeat("x", 1<<10)},
		{"line.jsonl", `{"text":"` + strings.Repeat("x", 400-12) + `"}` + "\n"},
		{"page.html", "<p>Some text here.</p>" + nested("<div>", "</div>", 5)},
		{"spans.jsonl", `{"text":"a b","spans":[{"start":0,"end":1,"label":"ACTOR"},{"start":2,"end":3,"label":"ACTOR"}]}` + "\n"},
	}
	for _, in := range inside {
		path := writeFile(t, in.file, in.data)
		if recs, _, err := importWith(t, path, small); err != nil || len(recs) != 1 {
			t.Errorf("%s: %d records, %v", in.file, len(recs), err)
		}
	}
}

func TestDOCXLimits(t *testing.T) {
	small := Limits{Depth: 12, WordElements: 60}
	tests := []struct {
		name  string
		parts []string
		want  string
	}{
		{"nested paragraphs", []string{"word/document.xml", body(nested("<w:p>", "</w:p>", 100_000))},
			"word/document.xml nests elements deeper than 12: refused (import -max-depth raises the limit)"},
		{"nested inside properties that are skipped", []string{"word/document.xml", body(`<w:p><w:pPr>` + nested("<w:x>", "</w:x>", 100) + `</w:pPr><w:r><w:t>a</w:t></w:r></w:p>`)},
			"word/document.xml nests elements deeper than 12: refused (import -max-depth raises the limit)"},
		{"many elements", []string{"word/document.xml", body(strings.Repeat(`<w:p><w:r><w:t>a</w:t></w:r></w:p>`, 20))},
			"word/document.xml has more elements than 60: refused (import -max-word-elements raises the limit)"},
		{"a tag of a million attributes", []string{"word/document.xml", body(`<w:p x="1"` + strings.Repeat(` a="1"`, 200_000) + `><w:r><w:t>a</w:t></w:r></w:p>`)},
			"word/document.xml has a tag longer than 1 MiB: refused"},
		{"a tag of a million attributes after a quoted >", []string{"word/document.xml", body(`<w:p x=">"` + strings.Repeat(` a='>'`, 200_000) + `><w:r><w:t>a</w:t></w:r></w:p>`)},
			"word/document.xml has a tag longer than 1 MiB: refused"},
		{"a deep core.xml", []string{"word/document.xml", body(`<w:p><w:r><w:t>a</w:t></w:r></w:p>`),
			"docProps/core.xml", `<cp:coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cp="x"><dc:title>` + nested("<b>", "</b>", 100) + `</dc:title></cp:coreProperties>`},
			"docProps/core.xml nests elements deeper than 12: refused (import -max-depth raises the limit)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.docx")
			if err := os.WriteFile(path, makeDOCX(t, tt.parts...), 0o644); err != nil {
				t.Fatal(err)
			}
			_, _, err := importWith(t, path, small)
			wantLimit(t, err, path+": "+tt.want)
		})
	}
	// The default limits stop six million nested paragraphs at the 513th.
	deep := makeDOCX(t, "word/document.xml", body(nested("<w:p>", "</w:p>", 6_000_000)))
	_, err := ReadFile("deep.docx", deep)
	wantLimit(t, err, "deep.docx: word/document.xml nests elements deeper than 512: refused (import -max-depth raises the limit)")
}

// TestOnlyRegularFiles: a FIFO or a device, named or in a folder, is
// refused by name and never read; a folder's links are followed only to
// files inside it, the others named in a note; a brat text is read only
// from beside its .ann.
func TestOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	write("f/a.txt", "The council met on Tuesday.")
	write("f/sub/c.txt", "The mayor spoke.")
	write("outside.txt", "A secret of the host.")
	link("../outside.txt", "f/b.txt")
	link("sub/c.txt", "f/inside.txt")
	link("/dev/zero", "f/zero.txt")
	link("../nowhere.txt", "f/dangling.txt")
	link("sub", "f/subdir")
	if err := mkfifo(filepath.Join(dir, "f/p.jsonl")); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	if err := mkfifo(filepath.Join(dir, "named.jsonl")); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "f")
	recs, res, err := importWith(t, folder, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, r := range recs {
		texts = append(texts, r.Document.Text)
	}
	if got, want := strings.Join(texts, "|"), "The council met on Tuesday.|The mayor spoke.|The mayor spoke."; got != want {
		t.Errorf("texts %q, want %q", got, want)
	}
	wantNotes := []string{
		folder + ": skipped b.txt: a link to a file outside the folder",
		folder + ": skipped dangling.txt: a link to nothing (no such file or directory)",
		folder + ": skipped p.jsonl: a named pipe (FIFO), not a regular file",
		folder + ": skipped subdir: a link to a folder (not followed)",
		folder + ": skipped zero.txt: a link to a file outside the folder",
	}
	if got, want := strings.Join(res.Notices, "\n"), strings.Join(wantNotes, "\n"); got != want {
		t.Errorf("notices\n%s\nwant\n%s", got, want)
	}

	// A folder named by a link to it is read as the folder.
	link("f", "linked")
	recs, res, err = importWith(t, filepath.Join(dir, "linked"), Limits{})
	if err != nil || len(recs) != 3 || len(res.Notices) != len(wantNotes) {
		t.Errorf("import of a link to the folder: %d records, notices %q, %v", len(recs), res.Notices, err)
	}

	for _, tt := range []struct{ path, want string }{
		{filepath.Join(dir, "named.jsonl"), "a named pipe (FIFO), not a regular file: refused"},
		{"/dev/zero", "a character device, not a regular file: refused"},
	} {
		if _, err := os.Stat(tt.path); err != nil {
			continue
		}
		_, _, err := importWith(t, tt.path, Limits{})
		if err == nil || err.Error() != tt.path+": "+tt.want || annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("import %s: %v, want %s: %s", tt.path, err, tt.path, tt.want)
		}
		if err := CheckFile(tt.path); err == nil || err.Error() != tt.path+": "+tt.want {
			t.Errorf("CheckFile %s: %v", tt.path, err)
		}
	}

	// A brat text that is a link to /dev/zero or out of the .ann's folder.
	ann := "T1\tACTOR 0 3\tThe\n"
	write("brat/zero.ann", ann)
	link("/dev/zero", "brat/zero.txt")
	write("brat/out.ann", ann)
	link("../outside.txt", "brat/out.txt")
	write("brat/fifo.ann", ann)
	if err := mkfifo(filepath.Join(dir, "brat/fifo.txt")); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"zero": "zero.txt: a link to a file outside the folder of zero.ann: refused",
		"out":  "out.txt: a link to a file outside the folder of out.ann: refused",
		"fifo": "fifo.txt: a named pipe (FIFO), not a regular file: refused",
	} {
		_, _, err := importWith(t, filepath.Join(dir, "brat", name+".ann"), Limits{})
		if err == nil || err.Error() != filepath.Join(dir, "brat", want) {
			t.Errorf("%s.ann: %v, want %s", name, err, want)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{1: "1 byte", 200: "200 bytes", 1 << 10: "1 KiB", 1500: "1500 bytes", 64 << 20: "64 MiB", 3 << 29: "1536 MiB", 3<<20 + 1: "3.0 MiB", 2 << 30: "2 GiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestJSONContainers(t *testing.T) {
	for s, want := range map[string]int{
		`{}`: 1,
		`{"text":"{[}]","spans":[{"a":"\"{"},{}]}`:                     4,
		`{"text":"a","tokens":[{"text":"a"},{"text":"b"}],"spans":[]}`: 2,
		`{"TOKENS":[[{}]],"x":{"tokens":[{}]}}`:                        4,
		`{"a":"tokens","b":[{}]}`:                                      3,
	} {
		if got := jsonContainers([]byte(s)); got != want {
			t.Errorf("jsonContainers(%s) = %d, want %d", s, got, want)
		}
	}
}
