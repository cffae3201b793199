package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// readAll reads every record of in with the reader of name's extension,
// returning the records, the line of each and the reader's notices.
func readAll(t *testing.T, name, in string) ([]annotate.Record, []int, []string, error) {
	t.Helper()
	f, err := ForFile(name)
	if err != nil {
		t.Fatal(err)
	}
	r := f.NewReader(strings.NewReader(in), name)
	var recs []annotate.Record
	var lines []int
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return recs, lines, nil, err
		}
		recs = append(recs, rec)
		lines = append(lines, r.Line())
	}
	var notices []string
	if n, ok := r.(Noticer); ok {
		notices = n.Notices()
	}
	return recs, lines, notices, nil
}

// TestJSONRecordLayouts: a .jsonl or .json file may hold its records one
// a line, pretty-printed one after another, or as one JSON array (on one
// line or many), of every shape; each reads the same records, and Line
// gives the line where each record begins.
func TestJSONRecordLayouts(t *testing.T) {
	doccano := `{"id": 1, "text": "Wang Yi denied it.", "label": [[0, 7, "ACTOR"], [8, 14, "DENIAL"]]}`
	claimdesk := `{"text": "Mr Jafari said so.", "spans": [{"start": 0, "end": 9, "label": "ACTOR", "text": "Mr Jafari"}]}`
	task := `{"id": 7, "data": {"text": "😀 Wang Yi"}, "annotations": [{"completed_by": "ana", "result": [{"id": "a", "type": "labels", "value": {"start": 3, "end": 10, "text": "Wang Yi", "labels": ["ACTOR"]}}]}]}`
	pretty := func(s string) string { // one key a line, as json.MarshalIndent would
		s = strings.Replace(s, "{", "{\n  ", 1)
		s = strings.ReplaceAll(s, `, "`, ",\n  \"")
		return s[:len(s)-1] + "\n}"
	}
	want := [][]string{{"ACTOR:Wang Yi", "DENIAL:denied"}, {"ACTOR:Mr Jafari"}, {"ACTOR:Wang Yi"}}
	tests := []struct {
		name, in string
		lines    []int
	}{
		{"one a line", doccano + "\n" + claimdesk + "\n" + task + "\n", []int{1, 2, 3}},
		{"pretty-printed", pretty(doccano) + "\n" + pretty(claimdesk) + "\n\n" + pretty(task) + "\n", []int{1, 8, 16}},
		{"one a line then pretty", doccano + "\n" + pretty(claimdesk) + "\n" + task, []int{1, 2, 9}},
		{"array on many lines", "[\n  " + doccano + ",\n  " + claimdesk + ",\n  " + task + "\n]\n", []int{2, 3, 4}},
		{"array on one line", "[" + doccano + ", " + claimdesk + ", " + task + "]", []int{1, 1, 1}},
		{"array of pretty records", "[" + pretty(doccano) + ",\n" + pretty(claimdesk) + ",\n" + pretty(task) + "]\n", []int{1, 8, 15}},
		{"with a byte order mark and CRLF", "\xef\xbb\xbf" + strings.ReplaceAll(pretty(doccano)+"\n"+pretty(claimdesk)+"\n"+pretty(task), "\n", "\r\n"), []int{1, 8, 15}},
	}
	for _, tt := range tests {
		for _, ext := range []string{".jsonl", ".json"} {
			t.Run(tt.name+ext, func(t *testing.T) {
				recs, lines, _, err := readAll(t, "in"+ext, tt.in)
				if err != nil {
					t.Fatal(err)
				}
				var got [][]string
				for _, rec := range recs {
					got = append(got, spanTexts(rec))
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("spans %q, want %q", got, want)
				}
				if !reflect.DeepEqual(lines, tt.lines) {
					t.Errorf("lines %v, want %v", lines, tt.lines)
				}
				if len(recs) == 3 && recs[2].Document.Meta["labelstudio_id"] != "7" {
					t.Errorf("task's meta %v", recs[2].Document.Meta)
				}
			})
		}
	}
}

// TestLabelStudioOneTask: a Label Studio export of one task, not wrapped
// in [ ], reads as that task.
func TestLabelStudioOneTask(t *testing.T) {
	in := "{\n  \"id\": 3,\n  \"data\": {\"text\": \"Wang Yi met Mr Jafari.\"},\n  \"annotations\": [{\"completed_by\": 2, \"result\": [\n" +
		"    {\"id\": \"x\", \"type\": \"labels\", \"value\": {\"start\": 0, \"end\": 7, \"text\": \"Wang Yi\", \"labels\": [\"ACTOR\"]}}]}]\n}\n"
	for _, name := range []string{"task.json", "task.jsonl"} {
		recs, lines, notices, err := readAll(t, name, in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(recs) != 1 || !reflect.DeepEqual(spanTexts(recs[0]), []string{"ACTOR:Wang Yi"}) || lines[0] != 1 {
			t.Fatalf("%s: read %+v at lines %v", name, recs, lines)
		}
		if a := recs[0].Spans[0].Annotator; a != "labelstudio user 2" {
			t.Errorf("%s: annotator %q", name, a)
		}
		if notices != nil {
			t.Errorf("%s: notices %q", name, notices)
		}
	}
}

// TestJSONRecordErrors: an error in a record over many lines names the
// line where the record begins (and, for bad JSON, where in it).
func TestJSONRecordErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		want     string
	}{
		{"syntax in a pretty record", "{\"text\": \"a\"}\n{\n  \"text\": \"b\",\n  \"label\": [[0, 1, \"A\"]],,\n}\n", 2,
			"invalid JSON at line 4, column 26"},
		{"content of a pretty record", "{\n  \"text\": \"a\"\n}\n{\n  \"text\": \"b\",\n  \"label\": [[0, 9, \"A\"]]\n}\n", 4,
			"lies outside the text"},
		{"an element of an array", "[\n  {\"text\": \"a\"},\n  3\n]", 3, "a record must be a JSON object, not a number"},
		{"a record that does not end", "{\"text\": \"a\"}\n{\n  \"text\": \"b\"\n", 2, "the file ends too early"},
		{"an array that does not end", "[\n  {\"text\": \"a\"}\n", 3, "the array does not end"},
		{"a string cut at the line end", "{\"text\": \"a\n\"}", 1, "invalid JSON"},
		{"a stray bracket", "{\n\"text\": \"a\"\n}\n]\n", 4, "invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := readAll(t, "in.jsonl", tt.in)
			var le *annotate.LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v (%T), want a LineError", err, err)
			}
			if le.File != "in.jsonl" || le.Line != tt.line {
				t.Errorf("error at %s:%d, want in.jsonl:%d (%v)", le.File, le.Line, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.want) || annotate.ErrorCode(err) != annotate.EINVALID {
				t.Errorf("error %q (%s) lacks %q", err, annotate.ErrorCode(err), tt.want)
			}
		})
	}
}

// TestLabelStudioSkipsCounted: what a text task holds that is not
// imported (an image's rectangles, choices, cancelled annotations,
// predictions) is counted by kind in a notice.
func TestLabelStudioSkipsCounted(t *testing.T) {
	in := `[{"data": {"text": "Wang Yi"}, "predictions": [{"result": []}],
  "annotations": [
    {"completed_by": "ana", "result": [
      {"id": "a", "type": "labels", "value": {"start": 0, "end": 7, "text": "Wang Yi", "labels": ["ACTOR"]}},
      {"id": "b", "type": "rectanglelabels", "value": {"x": 1, "y": 2, "width": 3, "height": 4, "rectanglelabels": ["Face"]}},
      {"id": "c", "type": "rectanglelabels", "value": {"x": 5, "y": 2, "width": 3, "height": 4, "rectanglelabels": ["Face"]}},
      {"id": "d", "type": "choices", "value": {"choices": ["news"]}},
      {"id": "e", "type": "magic", "value": {}},
      {"type": "relation", "from_id": "b", "to_id": "a", "direction": "right", "labels": ["SHOWS"]},
      {"type": "relation", "from_id": "a", "to_id": "a", "direction": "right", "labels": ["SELF"]}]},
    {"completed_by": "bo", "was_cancelled": true, "result": []}]}]`
	recs, _, notices, err := readAll(t, "ls.json", in)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || len(recs[0].Spans) != 1 || len(recs[0].Relations) != 1 {
		t.Fatalf("read %+v", recs)
	}
	want := []string{`ls.json: left out 1 "magic" result, 1 cancelled annotation, 1 choice, 2 image rectangles, 1 prediction and 1 relation to a result left out (not imported)`}
	if !reflect.DeepEqual(notices, want) {
		t.Errorf("notices\n%q\nwant\n%q", notices, want)
	}
}

// TestJSONLUnimportedCounted: annotations no shape imports (spaCy's text
// categories, Prodigy's choices, doccano's comments) are counted by kind
// in a notice; lines without them say nothing.
func TestJSONLUnimportedCounted(t *testing.T) {
	in := `{"text": "Wang Yi spoke.", "cats": {"POLITICS": 1.0, "SPORT": 0.0}}
{"text": "Mr Jafari spoke.", "label": [[0, 9, "ACTOR"]], "Comments": [{"text": "check"}]}
{"text": "Choose one.", "options": [{"id": "A"}, {"id": "B"}], "accept": ["A"]}
{"text": "Plain."}
`
	recs, _, notices, err := readAll(t, "in.jsonl", in)
	if err != nil || len(recs) != 4 {
		t.Fatalf("read %d records, %v", len(recs), err)
	}
	want := []string{`in.jsonl: left out 1 choice ("accept"), 1 comment ("comments") and 2 text categories ("cats") (not imported)`}
	if !reflect.DeepEqual(notices, want) {
		t.Errorf("notices\n%q\nwant\n%q", notices, want)
	}
	if _, _, notices, _ := readAll(t, "in.jsonl", "{\"text\": \"Plain.\"}\n"); notices != nil {
		t.Errorf("a plain file's notices: %q", notices)
	}
}

// BenchmarkReadJSONLayouts reads the records of BenchmarkReadJSONL (10,000
// documents, about 32 MB) pretty-printed one after another and as one
// JSON array, the layouts read as JSON values rather than a line at a
// time; the MB/s compare with BenchmarkReadJSONL's.
func BenchmarkReadJSONLayouts(b *testing.B) {
	var lines bytes.Buffer
	w := NewJSONLWriter(&lines)
	for _, rec := range benchRecords(b, 10000, 6, 1700) {
		if err := w.Write(rec); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	var pretty, array bytes.Buffer
	array.WriteString("[\n")
	for i, line := range bytes.Split(bytes.TrimSpace(lines.Bytes()), []byte("\n")) {
		if err := json.Indent(&pretty, line, "", "  "); err != nil {
			b.Fatal(err)
		}
		pretty.WriteByte('\n')
		if i > 0 {
			array.WriteString(",\n")
		}
		array.Write(line)
	}
	array.WriteString("\n]\n")
	for _, layout := range []struct {
		name string
		data []byte
	}{{"pretty", pretty.Bytes()}, {"array", array.Bytes()}} {
		b.Run(layout.name, func(b *testing.B) {
			b.SetBytes(int64(len(layout.data)))
			b.ReportAllocs()
			for b.Loop() {
				r := NewJSONLReader(bytes.NewReader(layout.data), "bench.jsonl")
				n := 0
				for {
					_, err := r.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n != 10000 {
					b.Fatalf("read %d records", n)
				}
			}
		})
	}
}
