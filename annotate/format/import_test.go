package format

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// memImporter is an Importer that keeps what it is given, or fails on the
// record at failAt (when failAt >= 0) with a RecordError.
type memImporter struct {
	calls     int
	records   []annotate.Record
	annotator string
	failAt    int
}

func (m *memImporter) Import(recs []annotate.Record, annotator string) (annotate.ImportResult, error) {
	m.calls++
	if m.failAt >= 0 && m.failAt < len(recs) {
		return annotate.ImportResult{}, &annotate.RecordError{Index: m.failAt,
			Err: annotate.Errorf(annotate.ECONFLICT, "document %d clashes", m.failAt)}
	}
	m.records, m.annotator = recs, annotator
	return annotate.ImportResult{Documents: len(recs)}, nil
}

// writeFile writes data to name in a new temporary folder and returns its path.
func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportFile(t *testing.T) {
	article, err := os.ReadFile(fixtureArticle)
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, data string
		texts      []string // a prefix of each record's text
	}{
		{"article.TXT", string(article), []string{"Beijing Weighs Help"}},
		{"notes.md", "# Heading\n\nBody.", []string{"# Heading"}},
		{"page.html", string(html), []string{"China has offered to help Iraq"}},
		{"lines.jsonl", "{\"text\": \"one\"}\n\n{\"text\": \"two\", \"label\": [[0, 3, \"ACTOR\"]]}\n", []string{"one", "two"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.name, tt.data)
			dst := &memImporter{failAt: -1}
			res, err := ImportFile(context.Background(), dst, path, "ana", nil)
			if err != nil {
				t.Fatal(err)
			}
			if dst.calls != 1 || dst.annotator != "ana" || res.Documents != len(tt.texts) || len(dst.records) != len(tt.texts) {
				t.Fatalf("%d calls, annotator %q, result %+v, %d records", dst.calls, dst.annotator, res, len(dst.records))
			}
			for i, want := range tt.texts {
				if got := dst.records[i].Document.Text; !strings.HasPrefix(got, want) {
					t.Errorf("record %d text %.40q, want it to start %q", i, got, want)
				}
			}
		})
	}
}

// TestImportFileRecordErrorLine: an error the importer finds with one
// record names the file and that record's line, blank lines counted.
func TestImportFileRecordErrorLine(t *testing.T) {
	path := writeFile(t, "in.jsonl", "{\"text\": \"one\"}\n\n\n{\"text\": \"two\"}\n{\"text\": \"three\"}\n")
	for _, tt := range []struct{ failAt, line int }{{0, 1}, {1, 4}, {2, 5}} {
		dst := &memImporter{failAt: tt.failAt}
		_, err := ImportFile(context.Background(), dst, path, "ana", nil)
		var le *annotate.LineError
		if !errors.As(err, &le) || le.File != path || le.Line != tt.line {
			t.Fatalf("record %d: err = %v, want a LineError at %s:%d", tt.failAt, err, path, tt.line)
		}
		if want := fmt.Sprintf("%s:%d: document %d clashes", path, tt.line, tt.failAt); err.Error() != want {
			t.Errorf("err = %q, want %q", err, want)
		}
		if annotate.ErrorCode(err) != annotate.ECONFLICT {
			t.Errorf("code %q", annotate.ErrorCode(err))
		}
	}
	// A file that is one record: the error names the file.
	txt := writeFile(t, "a.txt", "Some text.")
	_, err := ImportFile(context.Background(), &memImporter{failAt: 0}, txt, "ana", nil)
	if want := txt + ": document 0 clashes"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

func TestImportFileErrors(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, "bad.jsonl", "{\"text\": \"one\"}\n{\"text\": 2}\n")
	tests := []struct {
		name, path, want string
		code             string
	}{
		{"missing", filepath.Join(dir, "notthere.txt"), filepath.Join(dir, "notthere.txt") + ": no such file", annotate.ENOTFOUND},
		{"missing, unsupported", filepath.Join(dir, "notthere.pdf"), filepath.Join(dir, "notthere.pdf") + ": no such file", annotate.ENOTFOUND},
		{"empty folder", dir, dir + ": the folder holds no file to import (supported: .txt, .md, .html, .htm, .docx, .jsonl, .json, .ann)", annotate.EINVALID},
		{"unsupported", writeFile(t, "a.pdf", "%PDF"), "a.pdf: unsupported file type \".pdf\"", annotate.EINVALID},
		{"bad line", bad, bad + ":2: \"text\" must be a string", annotate.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := &memImporter{failAt: -1}
			_, err := ImportFile(context.Background(), dst, tt.path, "ana", nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "read ") || strings.Contains(err.Error(), "open ") {
				t.Errorf("err = %q says read or open", err)
			}
			if annotate.ErrorCode(err) != tt.code {
				t.Errorf("code %q, want %q", annotate.ErrorCode(err), tt.code)
			}
			if dst.calls != 0 {
				t.Errorf("Import was called")
			}
		})
	}
}

// bigJSONL returns n JSONL lines of about 1 KiB each.
func bigJSONL(n int) string {
	var sb strings.Builder
	line := `{"text": "` + strings.Repeat("Wang Yi met Mr Jafari. ", 44) + `"}` + "\n"
	for range n {
		sb.WriteString(line)
	}
	return sb.String()
}

func TestImportFileProgress(t *testing.T) {
	for _, n := range []int{1, 3000, 20000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			data := bigJSONL(n)
			path := writeFile(t, "big.jsonl", data)
			size := int64(len(data))
			var calls [][2]int64
			dst := &memImporter{failAt: -1}
			_, err := ImportFile(context.Background(), dst, path, "ana", func(done, total int64) {
				calls = append(calls, [2]int64{done, total})
				if dst.calls != 0 {
					t.Error("progress reported after the import")
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(calls) == 0 || calls[len(calls)-1] != [2]int64{size, size} {
				t.Fatalf("last report %v, want [%d %d]", calls, size, size)
			}
			if limit := int(size/(256<<10)) + 2; len(calls) > min(limit, 102) {
				t.Errorf("%d reports for %d bytes", len(calls), size)
			}
			for i := 1; i < len(calls); i++ {
				if calls[i][0] < calls[i-1][0] || calls[i][1] != size {
					t.Fatalf("reports %v do not grow to the size %d", calls, size)
				}
			}
			if len(dst.records) != n {
				t.Errorf("%d records", len(dst.records))
			}
		})
	}
}

func TestImportFileCancel(t *testing.T) {
	path := writeFile(t, "big.jsonl", bigJSONL(3000))
	ctx, cancel := context.WithCancel(context.Background())
	dst := &memImporter{failAt: -1}
	_, err := ImportFile(ctx, dst, path, "ana", func(done, total int64) { cancel() })
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want a canceled import naming the file", err)
	}
	if dst.calls != 0 {
		t.Error("a canceled import imported")
	}
	_, err = ImportFile(ctx, dst, writeFile(t, "a.txt", "text"), "ana", nil)
	if !errors.Is(err, context.Canceled) || dst.calls != 0 {
		t.Errorf("import with a canceled context: %v, %d calls", err, dst.calls)
	}
}

func TestCheckFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(good, []byte("An article."), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	tests := []struct {
		path, want string
	}{
		{good, ""},
		{dir, ""},
		{empty, empty + ": the folder holds no file to import (supported: "},
		{filepath.Join(dir, "gone.txt"), "gone.txt: no such file"},
		{pdf, `unsupported file type ".pdf"`},
	}
	for _, tt := range tests {
		err := CheckFile(tt.path)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckFile(%s) = %v", tt.path, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("CheckFile(%s) = %v, want %q", tt.path, err, tt.want)
		}
	}
}

// writeTree writes files (name, content, …) below a new temporary folder
// and returns the folder.
func writeTree(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i+1 < len(files); i += 2 {
		path := filepath.Join(dir, filepath.FromSlash(files[i]))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(files[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFolderFiles(t *testing.T) {
	docx, err := os.ReadFile("testdata/article.docx")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		files   []string
		want    []string // relative to the folder
		skipped int
	}{
		{"sorted, recursive, unsupported counted",
			[]string{"b/2.txt", "two", "a.txt", "one", "c.MD", "# three", "notes.pdf", "%PDF", "data.csv", "a,b", "z.docx", string(docx), "a-b.html", "<p>x</p>"},
			[]string{"a-b.html", "a.txt", "b/2.txt", "c.MD", "z.docx"}, 2},
		{"hidden files and folders left out",
			[]string{".hidden.txt", "x", ".git/x.txt", "x", ".git/config", "x", "sub/.DS_Store", "x", "sub/a.txt", "a"},
			[]string{"sub/a.txt"}, 0},
		{"brat pairs read once",
			[]string{"in/a.txt", "A", "in/a.ann", "T1\tX 0 1\tA", "in/b.txt", "B", "annotation.conf", "[entities]", "C.TXT", "C", "C.Ann", ""},
			[]string{"C.Ann", "in/a.ann", "in/b.txt"}, 1},
		{"nothing to import", []string{"x.pdf", "%PDF", "y.csv", "a"}, nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files...)
			files, skipped, err := FolderFiles(dir)
			if err != nil {
				t.Fatal(err)
			}
			var rel []string
			for _, f := range files {
				r, err := filepath.Rel(dir, f)
				if err != nil {
					t.Fatal(err)
				}
				rel = append(rel, filepath.ToSlash(r))
			}
			if !slices.Equal(rel, tt.want) || skipped != tt.skipped {
				t.Errorf("files %q, skipped %d; want %q, %d", rel, skipped, tt.want, tt.skipped)
			}
		})
	}
}

func TestImportFolder(t *testing.T) {
	dir := writeTree(t,
		"b.txt", "Second article.",
		"a/one.md", "# First\n\nText.",
		"a/pair.txt", "Wang Yi spoke.",
		"a/pair.ann", "T1\tACTOR 0 7\tWang Yi\nA1\tNegated T1\n",
		"c.txt", "caf\xe9 \x93quoted\x94",
		"notes.pdf", "%PDF",
		".hidden.txt", "not read",
	)
	var calls [][2]int64
	dst := &memImporter{failAt: -1}
	res, err := ImportFile(context.Background(), dst, dir, "ana", func(done, total int64) {
		calls = append(calls, [2]int64{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}
	if dst.calls != 1 {
		t.Fatalf("%d Import calls, want 1 for the whole folder", dst.calls)
	}
	var titles []string
	for _, rec := range dst.records {
		titles = append(titles, rec.Document.Title)
	}
	if want := []string{"First", "Wang Yi spoke.", "Second article.", "café “quoted”"}; !slices.Equal(titles, want) {
		t.Errorf("titles %q, want %q", titles, want)
	}
	if len(dst.records[1].Spans) != 1 {
		t.Errorf("the brat pair has %d spans", len(dst.records[1].Spans))
	}
	wantNotices := []string{
		"pair.ann: skipped what Claimdesk does not keep: 1 attribute (A, M)",
		filepath.Join(dir, "c.txt") + ": converted from Windows-1252",
		dir + ": skipped 1 file of an unsupported type",
	}
	if !slices.Equal(res.Notices, wantNotices) {
		t.Errorf("notices %q\nwant %q", res.Notices, wantNotices)
	}
	// The bytes of the files read through the readers: not the brat text,
	// which the brat reader reads itself.
	size := int64(len("Second article.") + len("# First\n\nText.") + len("T1\tACTOR 0 7\tWang Yi\nA1\tNegated T1\n") + len("caf\xe9 \x93quoted\x94"))
	if len(calls) == 0 || calls[len(calls)-1] != [2]int64{size, size} {
		t.Errorf("progress %v, want a last report of [%d %d]", calls, size, size)
	}

	// A record the store refuses names its file.
	_, err = ImportFile(context.Background(), &memImporter{failAt: 2}, dir, "ana", nil)
	if want := filepath.Join(dir, "b.txt") + ": document 2 clashes"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}

	// One bad file: nothing of the folder is imported.
	if err := os.WriteFile(filepath.Join(dir, "a", "z.jsonl"), []byte("{\"text\": \"ok\"}\n{\"text\": 1}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dst = &memImporter{failAt: -1}
	_, err = ImportFile(context.Background(), dst, dir, "ana", nil)
	var le *annotate.LineError
	if !errors.As(err, &le) || le.File != filepath.Join(dir, "a", "z.jsonl") || le.Line != 2 || dst.calls != 0 {
		t.Errorf("err = %v, %d Import calls; want z.jsonl:2 and none", err, dst.calls)
	}
}
