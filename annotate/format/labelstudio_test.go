package format

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"claimdesk/annotate"

	"github.com/google/uuid"
	"pgregory.net/rapid"
)

// fataler is what the helpers need of a *testing.T, a *testing.F's or a
// *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
}

// readLabelStudio reads every record of a Label Studio export, with the
// line of each.
func readLabelStudio(t fataler, data []byte) ([]annotate.Record, []int) {
	t.Helper()
	r := NewLabelStudioReader(bytes.NewReader(data), "ls.json")
	var recs []annotate.Record
	var lines []int
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return recs, lines
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
		lines = append(lines, r.Line())
	}
}

// spanAt returns the span of rec whose text is text, failing if there is
// none.
func spanAt(t *testing.T, rec annotate.Record, text string) annotate.Span {
	t.Helper()
	for _, s := range rec.Spans {
		if got, _ := annotate.SliceRunes(rec.Document.Text, s.Start, s.End); got == text {
			return s
		}
	}
	t.Fatalf("no span %q among %+v", text, rec.Spans)
	return annotate.Span{}
}

// TestLabelStudioSample reads an export as Label Studio writes it: its
// UTF-16 offsets (after a flag emoji) become code points, cancelled
// annotations are left out, relations keep their direction.
func TestLabelStudioSample(t *testing.T) {
	data, err := os.ReadFile("testdata/labelstudio.json")
	if err != nil {
		t.Fatal(err)
	}
	recs, lines := readLabelStudio(t, data)
	if len(recs) != 2 || lines[0] != 2 || lines[1] != 129 {
		t.Fatalf("%d records at lines %v, want 2 at lines 2 and 129", len(recs), lines)
	}
	r1 := recs[0]
	d := r1.Document
	if d.Title != "China offers Iraq help" || d.Source != "https://example.org/iraq" || d.Meta["labelstudio_id"] != "101" {
		t.Errorf("document %+v", d)
	}
	jafari := spanAt(t, r1, "Ibrahim Jafari")
	// "🇮🇶 Iraq’s foreign minister ": 27 code points, 29 UTF-16 units.
	if jafari.Start != 27 || jafari.End != 41 || jafari.Label != "ACTOR" || jafari.Annotator != "labelstudio user 1" {
		t.Errorf("Jafari span %+v", jafari)
	}
	claim := spanAt(t, r1, "China offered help")
	beijing := spanAt(t, r1, "Beijing")
	denial := spanAt(t, r1, "denied it")
	if len(r1.Spans) != 4 || len(r1.Relations) != 2 {
		t.Fatalf("%d spans, %d relations", len(r1.Spans), len(r1.Relations))
	}
	for i, want := range [][2]string{{claim.ID, jafari.ID}, {denial.ID, beijing.ID}} {
		r := r1.Relations[i]
		if r.Type != "SOURCE" || r.From != want[0] || r.To != want[1] {
			t.Errorf("relation %d = %+v, want SOURCE %s -> %s", i, r, want[0], want[1])
		}
	}
	r2 := recs[1]
	if len(r2.Spans) != 2 || r2.Relations != nil {
		t.Fatalf("task 102: spans %+v, relations %+v", r2.Spans, r2.Relations)
	}
	minister := spanAt(t, r2, "وزير الخارجية")
	if minister.Start != 0 || minister.End != 13 || minister.Annotator != "bo@example.org" {
		t.Errorf("RTL span %+v", minister)
	}
}

// renumber gives the spans and relations of recs the ids s1, s2, ... and
// r1, r2, ..., and each document an id of its own, so that their export
// can be compared with a golden file.
func renumber(recs []annotate.Record) {
	for i := range recs {
		rec := &recs[i]
		rec.Document.ID = uuid.NewSHA1(uuid.NameSpaceURL, []byte(fmt.Sprint(i))).String()
		ids := map[string]string{}
		for j := range rec.Spans {
			ids[rec.Spans[j].ID] = fmt.Sprintf("s%d.%d", i+1, j+1)
			rec.Spans[j].ID = ids[rec.Spans[j].ID]
			rec.Spans[j].DocumentID = rec.Document.ID
		}
		for j := range rec.Relations {
			r := &rec.Relations[j]
			r.ID, r.From, r.To = fmt.Sprintf("r%d.%d", i+1, j+1), ids[r.From], ids[r.To]
		}
	}
}

// writeLabelStudio writes recs as a Label Studio export.
func writeLabelStudio(t fataler, recs []annotate.Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter("labelstudio", Target{W: &buf})
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestLabelStudioGolden: the sample, read and written again, is the
// golden export, which reads back to the same records.
func TestLabelStudioGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/labelstudio.json")
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := readLabelStudio(t, data)
	for _, rec := range recs {
		annotate.SortSpans(rec.Spans) // in the order of the export
	}
	renumber(recs)
	got := writeLabelStudio(t, recs)
	checkGolden(t, "labelstudio.golden.json", got)
	back, _ := readLabelStudio(t, got)
	renumber(back)
	for i := range back {
		// The one annotation of the export is completed_by all the spans'
		// annotators; the sample's have one each.
		if len(back[i].Spans) != len(recs[i].Spans) || len(back[i].Relations) != len(recs[i].Relations) {
			t.Fatalf("record %d: %+v, want %+v", i, back[i], recs[i])
		}
		for j, s := range back[i].Spans {
			w := recs[i].Spans[j]
			if s.Start != w.Start || s.End != w.End || s.Label != w.Label || s.Annotator != w.Annotator {
				t.Errorf("record %d span %d = %+v, want %+v", i, j, s, w)
			}
		}
		for j, r := range back[i].Relations {
			w := recs[i].Relations[j]
			if r.ID != w.ID || r.Type != w.Type || r.From != w.From || r.To != w.To { // Origin names the file's ids
				t.Errorf("record %d relation %d = %+v, want %+v", i, j, r, w)
			}
		}
	}
}

// TestLabelStudioRoundTrip: any record, its text full of emoji, combining
// marks and right-to-left script, survives export and import: text, id,
// spans and relations.
func TestLabelStudioRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var recs []annotate.Record
		for i := range rapid.IntRange(0, 3).Draw(t, "ndocs") {
			text := unicodeText.Draw(t, "text")
			n := annotate.RuneCount(text)
			rec := annotate.Record{Document: annotate.Document{ID: uuid.NewSHA1(uuid.NameSpaceURL, []byte(text)).String(), Text: text,
				Title: rapid.String().Draw(t, "title")}}
			for j := range rapid.IntRange(0, 6).Draw(t, "nspans") {
				start := rapid.IntRange(0, n-1).Draw(t, "start")
				rec.Spans = append(rec.Spans, annotate.Span{ID: fmt.Sprintf("s%d.%d", i, j), Start: start,
					End:       rapid.IntRange(start+1, n).Draw(t, "end"),
					Label:     rapid.SampledFrom([]string{"ACTOR", "CLAIM", "DENIAL"}).Draw(t, "label"),
					Annotator: "ana"})
			}
			if len(rec.Spans) > 0 {
				for k := range rapid.IntRange(0, 3).Draw(t, "nrels") {
					rec.Relations = append(rec.Relations, annotate.Relation{ID: fmt.Sprintf("r%d.%d", i, k),
						Type: rapid.SampledFrom([]string{annotate.RelationSource, annotate.RelationTarget}).Draw(t, "type"),
						From: rapid.SampledFrom(rec.Spans).Draw(t, "from").ID,
						To:   rapid.SampledFrom(rec.Spans).Draw(t, "to").ID})
				}
			}
			recs = append(recs, rec)
		}
		back, _ := readLabelStudio(t, writeLabelStudio(t, recs))
		if len(back) != len(recs) {
			t.Fatalf("%d records back, want %d", len(back), len(recs))
		}
		for i, rec := range recs {
			b := back[i]
			if b.Document.Text != rec.Document.Text || b.Document.ID != rec.Document.ID || b.Document.Title != rec.Document.Title {
				t.Fatalf("document %+v, want %+v", b.Document, rec.Document)
			}
			want := append([]annotate.Span(nil), rec.Spans...)
			annotate.SortSpans(want)
			if len(b.Spans) != len(want) {
				t.Fatalf("%d spans, want %d", len(b.Spans), len(want))
			}
			ids := map[string]string{} // imported id -> exported id
			for j, s := range b.Spans {
				w := want[j]
				if s.Start != w.Start || s.End != w.End || s.Label != w.Label || s.Annotator != "ana" {
					t.Fatalf("span %d = %+v, want %+v", j, s, w)
				}
				ids[s.ID] = w.ID
			}
			if len(b.Relations) != len(rec.Relations) {
				t.Fatalf("%d relations, want %d", len(b.Relations), len(rec.Relations))
			}
			for j, r := range b.Relations {
				w := rec.Relations[j]
				if r.Type != w.Type || ids[r.From] != w.From || ids[r.To] != w.To {
					t.Fatalf("relation %d = %+v, want %+v", j, r, w)
				}
			}
		}
	})
}

// TestLabelStudioErrors: mistakes name the line of their task.
func TestLabelStudioErrors(t *testing.T) {
	task := func(text, result string) string {
		return `{"id": 1, "data": {"text": "` + text + `"}, "annotations": [{"id": 1, "completed_by": 1, "result": [` + result + `]}]}`
	}
	label := func(id string, start, end int, text, l string) string {
		return fmt.Sprintf(`{"id": %q, "type": "labels", "from_name": "label", "to_name": "text", "value": {"start": %d, "end": %d, "text": %q, "labels": [%q]}}`, id, start, end, text, l)
	}
	tests := []struct {
		name, in string
		line     int
		want     string
	}{
		{"one task without text", `{"data": {}}`, 1, `task 1: data "text" is missing or empty`},
		{"task not an object", "[\n  3\n]", 2, "task 1: a task must be a JSON object, not a number"},
		{"no text", "[\n{\"data\": {}}]", 2, `task 1: data "text" is missing or empty`},
		{"text mismatch", "[\n" + task("abc", "") + ",\n" + task("😀 Wang Yi", label("a", 2, 9, "Wang Yi", "ACTOR")) + "\n]", 3,
			`task 2: span 2-9 "Wang Yi": the text at these offsets (UTF-16 code units) is " Wang Y"`},
		{"inside surrogate pair", "[" + task("😀 Wang", label("a", 1, 3, "x", "ACTOR")) + "]", 1,
			"annotations[0].result[0]: span 1-3: start offset 1 (UTF-16 code units) falls inside a UTF-16 surrogate pair"},
		{"outside", "[" + task("😀 Wang", label("a", 0, 9, "x", "ACTOR")) + "]", 1, "span 0-9 lies outside the text (7 UTF-16 code units)"},
		{"no label", "[" + task("Wang", `{"id": "a", "type": "labels", "value": {"start": 0, "end": 4, "labels": []}}`) + "]", 1, "span 0-4 has no label"},
		{"relation to unknown result", "[" + task("Wang", label("a", 0, 4, "Wang", "ACTOR")+`, {"type": "relation", "from_id": "a", "to_id": "b", "direction": "right", "labels": ["SOURCE"]}`) + "]", 1,
			`to_id "b" is not the id of one of the annotation's labels`},
		{"relation without label", "[" + task("Wang", label("a", 0, 4, "Wang", "ACTOR")+`, {"type": "relation", "from_id": "a", "to_id": "a", "direction": "right"}`) + "]", 1,
			"relation has no label"},
		{"syntax", "[\n" + task("abc", "") + ",\n{\"id\": 2,, }\n]", 3, "invalid JSON at column 10"},
		{"syntax on a later line", "[\n" + task("abc", "") + ",\n{\"id\": 2,\n  \"data\": {\"text\": \"a\",}}\n]", 3, "task 2: invalid JSON at line 4, column 24"},
		{"invalid UTF-8", "[\n" + task("abc", "") + ",\n  {\"data\": {\"text\": \"a\xffb\"}}\n]", 3, "task 2: invalid UTF-8 at column 23"},
		{"a brace too many", "[\n" + task("abc", "") + ",\n{\"id\": 2,\n  \"data\": {\"text\": \"a\"}}}\n]", 4, "invalid JSON at column 25: invalid character '}' after array element"},
		{"unterminated", "[\n" + task("abc", "") + ",\n", 3, "the file ends too early"},
		{"data after array", "[]\n[]", 2, "data after the array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewLabelStudioReader(strings.NewReader(tt.in), "ls.json")
			var err error
			for err == nil {
				_, err = r.Next()
			}
			var le *annotate.LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v (%T), want a LineError", err, err)
			}
			if le.File != "ls.json" || le.Line != tt.line {
				t.Errorf("error at %s:%d, want ls.json:%d", le.File, le.Line, tt.line)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", err, tt.want)
			}
			if annotate.ErrorCode(err) != annotate.EINVALID {
				t.Errorf("code %q", annotate.ErrorCode(err))
			}
		})
	}
}

// TestLabelStudioEmpty: no records is an empty array, which reads as no
// records.
func TestLabelStudioEmpty(t *testing.T) {
	got := writeLabelStudio(t, nil)
	if string(got) != "[\n]\n" {
		t.Errorf("empty export %q", got)
	}
	if recs, _ := readLabelStudio(t, got); len(recs) != 0 {
		t.Errorf("read %+v", recs)
	}
}

// FuzzLabelStudio: the reader never panics, every error names the file,
// every span lies inside its text, and what it reads can be written and
// read again.
func FuzzLabelStudio(f *testing.F) {
	fuzzSeeds(f, ".json") // Label Studio's export and Claimdesk's
	for _, s := range []string{
		`[]`,
		`[{"data": {"text": "a😀b"}, "annotations": [{"completed_by": "x", "result": [{"id": "1", "type": "labels", "value": {"start": 1, "end": 3, "text": "😀", "labels": ["A"]}}]}]}]`,
		`[{"data": {"text": "ab"}, "annotations": [{"result": [{"id": 1, "type": "labels", "value": {"start": 0, "end": 1, "labels": ["A", "B"]}}, {"type": "relation", "from_id": 1, "to_id": 1, "direction": "left", "labels": ["T"]}]}]}]`,
		`[1, {"data": {"text": "x"}}]`,
		"\xef\xbb\xbf[{\"data\": {\"text\": \"\\ud83d\\ude00 x\"}}]",
		`[{"data": {"text": "a"}}`,
		`{"data": {"text": "one task"}}`,
		"{\"text\": \"a\"}\n{\n \"data\": {\"text\": \"b\"}\n}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewLabelStudioReader(bytes.NewReader(data), "fuzz.json")
		var recs []annotate.Record
		for i := 0; i < 1000; i++ {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				var le *annotate.LineError
				if !errors.As(err, &le) || le.File != "fuzz.json" || le.Line < 1 {
					t.Fatalf("error %v (%T) is not a LineError with a line", err, err)
				}
				continue
			}
			checkRecordSpans(t, rec)
			recs = append(recs, rec)
		}
		back, _ := readLabelStudio(t, writeLabelStudio(t, recs))
		if len(back) != len(recs) {
			t.Fatalf("%d records read again, want %d", len(back), len(recs))
		}
		for i := range back {
			if back[i].Document.Text != recs[i].Document.Text || len(back[i].Spans) != len(recs[i].Spans) {
				t.Fatalf("record %d read again as %+v, want %+v", i, back[i], recs[i])
			}
		}
	})
}
