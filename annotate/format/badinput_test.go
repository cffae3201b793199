package format

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// badInputFormat says how to make bad inputs for one reader;
// badInputFormats must have an entry for the first extension of every
// format with a reader, so that a new format is in the matrix from the
// start.
type badInputFormat struct {
	sample string // a real file of the format, cut in half for "truncated"
	lines  bool   // errors about the content name a line
	// span returns files holding one span start-end over badText (every
	// shape of span the format has), or nil for a format without offsets.
	span func(start, end int) []string
	// unknownKeys returns a valid file with keys the format does not
	// know, "" for a format without keys. Unknown keys are accepted and
	// ignored, in every JSON format: tools add their own (Prodigy's
	// "_input_hash", "answer" and "tokens", Label Studio's "created_at",
	// "lead_time"…), and refusing them would refuse those tools' files.
	unknownKeys string
	// nested returns a file whose JSON nests depth lists, "" for a format
	// that is not JSON.
	nested func(depth int) string
	// long returns a valid file with one line of about n bytes.
	long func(n int) []byte
}

// badText is the text of the files span makes: 14 code points.
const badText = "Wang Yi spoke."

var badInputFormats = map[string]badInputFormat{
	".txt": {sample: fixtureArticle, long: func(n int) []byte { return bytes.Repeat([]byte("word "), n/5) }},
	".html": {sample: "testdata/article.html", long: func(n int) []byte {
		return slices.Concat([]byte("<html><body><article><p>"), bytes.Repeat([]byte("word "), n/5), []byte("</p></article></body></html>"))
	}},
	".docx": {sample: "testdata/article.docx", long: func(n int) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("word/document.xml") // writing to memory cannot fail
		w.Write([]byte(body("<w:p><w:r><w:t>" + strings.Repeat("word ", n/5) + "</w:t></w:r></w:p>")))
		zw.Close()
		return buf.Bytes()
	}},
	".jsonl": {
		sample: "testdata/export.golden.jsonl",
		lines:  true,
		span: func(start, end int) []string {
			return []string{
				fmt.Sprintf(`{"text": %q, "spans": [{"start": %d, "end": %d, "label": "ACTOR"}]}`, badText, start, end),
				fmt.Sprintf(`{"text": %q, "label": [[%d, %d, "ACTOR"]]}`, badText, start, end),
				fmt.Sprintf(`{"text": %q, "entities": [{"id": 1, "start_offset": %d, "end_offset": %d, "label": "ACTOR"}]}`, badText, start, end),
				fmt.Sprintf(`{"text": %q, "offsets": "utf16", "spans": [{"start": %d, "end": %d, "label": "ACTOR"}]}`, badText, start, end),
			}
		},
		unknownKeys: `{"text": "Wang Yi spoke.", "_input_hash": 1, "answer": "accept", "spans": [{"start": 0, "end": 7, "label": "ACTOR", "token_start": 0, "color": "red"}], "whatever": {"a": [1]}}`,
		nested: func(depth int) string {
			return `{"text": "a", "meta": {"x": ` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}}`
		},
		long: func(n int) []byte {
			return slices.Concat([]byte(`{"text": "`), bytes.Repeat([]byte("word "), n/5), []byte(`"}`))
		},
	},
	".json": {
		sample: "testdata/labelstudio.json",
		lines:  true,
		span: func(start, end int) []string {
			return []string{fmt.Sprintf(`[{"data": {"text": %q}, "annotations": [{"result": [{"id": "a", "type": "labels", "value": {"start": %d, "end": %d, "labels": ["ACTOR"]}}]}]}]`, badText, start, end)}
		},
		unknownKeys: `[{"id": 1, "created_at": "2024-01-01", "data": {"text": "Wang Yi spoke.", "extra": 1}, "annotations": [{"lead_time": 2.5, "result": [{"id": "a", "type": "labels", "origin": "manual", "value": {"start": 0, "end": 7, "labels": ["ACTOR"], "score": 1}}]}], "predictions": []}]`,
		nested: func(depth int) string {
			return `[{"data": {"text": "a", "x": ` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}}]`
		},
		long: func(n int) []byte {
			return slices.Concat([]byte(`[{"data": {"text": "`), bytes.Repeat([]byte("word "), n/5), []byte(`"}}]`))
		},
	},
	".ann": {
		sample: "testdata/brat/article.ann",
		lines:  true,
		span: func(start, end int) []string {
			return []string{fmt.Sprintf("T1\tACTOR %d %d\tWang Yi\n", start, end)}
		},
		long: func(n int) []byte {
			return slices.Concat([]byte("T1\tCLAIM 28 58\tChina has offered to help Iraq\n#1\tAnnotatorNotes T1\t"), bytes.Repeat([]byte("note "), n/5), []byte("\n"))
		},
	},
}

// TestBadInput reads bad inputs with every reader of the registry: empty,
// truncated and binary files, invalid UTF-8, a 50 MB line, negative,
// reversed and too large offsets, unknown keys, deeply nested JSON. Each
// reader either reads the file (where it is valid) or gives one error,
// on one line and not too long, that is an *annotate.LineError naming the
// file and, for formats with lines, the line; none panics or hangs.
func TestBadInput(t *testing.T) {
	junk := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range junk {
		junk[i] = byte(rng.UintN(256))
	}
	type input struct {
		name string
		data []byte
		over string // the text of an .ann file: the brat sample's if empty
		// valid: the file must be read without error (true), must fail
		// (false); nil: either.
		valid *bool
	}
	yes, no := true, false
	for _, name := range Names() {
		f, _ := Lookup(name)
		if f.NewReader == nil {
			continue
		}
		ext := f.Extensions[0] // one reader, whatever the extension
		bf, ok := badInputFormats[ext]
		if !ok {
			t.Errorf("no bad inputs for %s files: add the format to badInputFormats", ext)
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			sample, err := os.ReadFile(bf.sample)
			if err != nil {
				t.Fatal(err)
			}
			inputs := []input{
				{"sample", sample, "", &yes},
				{"empty", nil, "", nil},
				{"truncated", sample[:len(sample)/2], "", nil},
				{"binary junk", junk, "", nil}, // an HTML page of Windows-1252 text
				{"invalid UTF-8", slices.Concat(sample[:len(sample)/3], []byte("\xff\xfe\xc0"), sample[len(sample)/3:]), "", nil},
				{"NUL bytes", bytes.ReplaceAll(sample, []byte(" "), []byte("\x00")), "", nil},
			}
			if bf.span != nil {
				for _, c := range []struct {
					name       string
					start, end int
				}{{"negative offsets", -3, 4}, {"reversed offsets", 7, 2}, {"end past the text", 5, 60}, {"empty span", 4, 4}, {"huge offsets", 1 << 62, 1<<62 + 1}} {
					for i, s := range bf.span(c.start, c.end) {
						inputs = append(inputs, input{fmt.Sprintf("%s %d", c.name, i), []byte(s), badText, &no})
					}
				}
				for i, s := range bf.span(0, 7) {
					inputs = append(inputs, input{fmt.Sprintf("good span %d", i), []byte(s), badText, &yes})
				}
			}
			if bf.unknownKeys != "" {
				inputs = append(inputs, input{"unknown keys", []byte(bf.unknownKeys), "", &yes})
			}
			if bf.nested != nil {
				inputs = append(inputs, input{"nested 100000", []byte(bf.nested(100000)), "", &no},
					input{"nested 100", []byte(bf.nested(100)), "", &yes},
					input{"bare nesting", []byte(strings.Repeat("[", 100000)), "", &no})
			}
			// A 50 MB line takes a second or two per format, ten times
			// that with the race detector, where 5 MB still takes the
			// long-line paths.
			if !testing.Short() {
				size := 50 << 20
				if raceEnabled {
					size = 5 << 20
				}
				inputs = append(inputs, input{"long line", bf.long(size), "", &yes})
			}
			for _, in := range inputs {
				t.Run(in.name, func(t *testing.T) {
					err := readBadInput(t, ext, in.data, in.over)
					if in.valid != nil && *in.valid != (err == nil) {
						t.Fatalf("err = %v, want valid=%v", err, *in.valid)
					}
					if err != nil {
						checkInputError(t, err, bf.lines)
					}
				})
			}
		})
	}
}

// readBadInput writes data to a file of the extension ext (with over, or
// the brat sample text, beside an .ann) and reads every record of it with the
// registry's reader, returning the first error.
func readBadInput(t *testing.T, ext string, data []byte, over string) error {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "bad"+ext)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if ext == ".ann" {
		txt, err := os.ReadFile("testdata/brat/article.txt")
		if err != nil {
			t.Fatal(err)
		}
		if over != "" {
			txt = []byte(over)
		}
		if err := os.WriteFile(bratTextPath(path), txt, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := ForFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r := f.NewReader(fh, path)
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var le *annotate.LineError
			if errors.As(err, &le) {
				le.File = strings.Replace(le.File, dir, "DIR", 1)
			}
			return err
		}
		checkRecordSpans(t, rec)
	}
}

// checkInputError fails unless err is a good error about an input file:
// an EINVALID *annotate.LineError naming DIR/bad.EXT (or the brat text
// beside it), with a line when lines, on one line of at most 300 bytes.
func checkInputError(t *testing.T, err error, lines bool) {
	t.Helper()
	msg := err.Error()
	t.Log(msg)
	var le *annotate.LineError
	if !errors.As(err, &le) || !strings.HasPrefix(le.File, "DIR/bad.") {
		t.Fatalf("error %q (%T) is not a LineError naming the file", msg, err)
	}
	if strings.ContainsAny(msg, "\n\r") {
		t.Errorf("error is not one line: %q", msg)
	}
	if len(msg) > 300 {
		t.Errorf("error is %d bytes long: %.300q…", len(msg), msg)
	}
	if lines && le.Line < 1 && !strings.HasSuffix(le.File, ".txt") {
		t.Errorf("error %q names no line", msg)
	}
	if annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("error %q has code %q, want %q", msg, annotate.ErrorCode(err), annotate.EINVALID)
	}
}
