package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"claimdesk/annotate"

	"github.com/google/uuid"
	"pgregory.net/rapid"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const (
	docID1  = "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b"
	spanID1 = "0190a5b2-7c3d-7e4f-8a1b-000000000001"
	spanID2 = "0190a5b2-7c3d-7e4f-8a1b-000000000002"
)

// readOne reads a single-line input and fails unless it gives one record.
func readOne(t *testing.T, line string) annotate.Record {
	t.Helper()
	recs, err := ReadJSONL(strings.NewReader(line), "in.jsonl")
	if err != nil {
		t.Fatalf("ReadJSONL: %v", err)
	}
	if len(recs) != 1 {
		t.Fatalf("got %d records, want 1", len(recs))
	}
	return recs[0]
}

// spanTexts returns "LABEL:text" for each span, in CompareSpans order.
func spanTexts(rec annotate.Record) []string {
	spans := append([]annotate.Span(nil), rec.Spans...)
	annotate.SortSpans(spans)
	ix := annotate.NewRuneIndex(rec.Document.Text)
	var out []string
	for _, s := range spans {
		out = append(out, s.Label+":"+ix.Slice(s.Start, s.End))
	}
	return out
}

func TestReadJSONLShapes(t *testing.T) {
	created := time.Date(2024, 5, 6, 7, 8, 9, 123000000, time.UTC)
	tests := []struct {
		name  string
		line  string
		doc   annotate.Document
		spans []string // LABEL:text in CompareSpans order
		check func(t *testing.T, rec annotate.Record)
	}{
		{
			name: "plain text only",
			line: `{"text": "Wang Yi met Mr Jafari."}`,
			doc:  annotate.Document{Text: "Wang Yi met Mr Jafari.", Status: annotate.StatusTodo},
		},
		{
			name: "plain with id title meta",
			line: `{"id": "` + docID1 + `", "title": "Talks", "meta": {"source": "ft.com", "n": 3}, "text": "Wang Yi met Mr Jafari."}`,
			doc: annotate.Document{ID: docID1, Title: "Talks", Source: "ft.com", Text: "Wang Yi met Mr Jafari.", Status: annotate.StatusTodo,
				Meta: map[string]any{"source": "ft.com", "n": json.Number("3")}},
		},
		{
			name: "title and source from meta, url fallback",
			line: `{"text": "x y", "meta": {"title": "T", "url": "https://ft.com/a"}}`,
			doc: annotate.Document{Title: "T", Source: "https://ft.com/a", Text: "x y", Status: annotate.StatusTodo,
				Meta: map[string]any{"title": "T", "url": "https://ft.com/a"}},
		},
		{
			// encoding/json's matching, kept by the faster first decoding
			// (lineOptions): any case, "_" not ignored, the last of a key wins.
			name: "keys in any case, _id is not id, last of a repeated key",
			line: `{"_id": {"$oid": "5f1d"}, "TEXT": "first", "Title": "T", "text": "abc"}`,
			doc:  annotate.Document{Title: "T", Text: "abc", Status: annotate.StatusTodo},
		},
		{
			name: "uppercase UUID id is normalised",
			line: `{"id": "` + strings.ToUpper(docID1) + `", "text": "abc"}`,
			doc:  annotate.Document{ID: docID1, Text: "abc", Status: annotate.StatusTodo},
		},
		{
			name: "non-UUID string id kept in meta",
			line: `{"id": "article-17", "text": "abc"}`,
			doc:  annotate.Document{Text: "abc", Status: annotate.StatusTodo, Meta: map[string]any{"import_id": "article-17"}},
		},
		{
			name: "claimdesk own",
			line: `{"id":"` + docID1 + `","title":"China–Iraq","source":"ft.com","status":"in_progress","created":"2024-05-06T07:08:09.123Z",` +
				`"text":"“Wang Yi” said 😀 no.","spans":[{"id":"` + spanID1 + `","start":1,"end":8,"label":"ACTOR","text":"Wang Yi",` +
				`"annotator":"ana","created":"2024-05-06T07:08:09.123Z","updated":"2024-05-07T00:00:00Z","note":"näme"},` +
				`{"id":"` + spanID2 + `","start":17,"end":20,"label":"DENIAL","text":"no.","annotator":"","created":"","updated":"","note":""}],` +
				`"relations":[{"id":"r1","type":"SOURCE","from":"` + spanID2 + `","to":"` + spanID1 + `"}]}`,
			doc: annotate.Document{ID: docID1, Title: "China–Iraq", Source: "ft.com", Status: annotate.StatusInProgress, Created: created,
				Text: "“Wang Yi” said 😀 no."},
			spans: []string{"ACTOR:Wang Yi", "DENIAL:no."},
			check: func(t *testing.T, rec annotate.Record) {
				want := annotate.Span{ID: spanID1, DocumentID: docID1, Start: 1, End: 8, Label: "ACTOR", Annotator: "ana",
					Created: created, Updated: time.Date(2024, 5, 7, 0, 0, 0, 0, time.UTC), Note: "näme"}
				if !reflect.DeepEqual(rec.Spans[0], want) {
					t.Errorf("span = %+v, want %+v", rec.Spans[0], want)
				}
				wantRel := []annotate.Relation{{ID: "r1", Type: "SOURCE", From: spanID2, To: spanID1}}
				if !reflect.DeepEqual(rec.Relations, wantRel) {
					t.Errorf("relations = %+v, want %+v", rec.Relations, wantRel)
				}
			},
		},
		{
			name:  "spacy prodigy spans",
			line:  `{"text": "Iraq’s foreign minister spoke.", "spans": [{"start": 0, "end": 23, "label": "ACTOR", "token_start": 0, "token_end": 2}], "meta": {"source": "prodigy"}, "_input_hash": 1, "answer": "accept"}`,
			doc:   annotate.Document{Source: "prodigy", Text: "Iraq’s foreign minister spoke.", Status: annotate.StatusTodo, Meta: map[string]any{"source": "prodigy"}},
			spans: []string{"ACTOR:Iraq’s foreign minister"},
			check: func(t *testing.T, rec annotate.Record) {
				if rec.Spans[0].ID != "" {
					t.Errorf("span without id got id %q", rec.Spans[0].ID)
				}
			},
		},
		{
			name:  "spans offsets written as 3.0",
			line:  `{"text": "abcdef", "spans": [{"start": 1.0, "end": 3e0, "label": "CLAIM"}]}`,
			doc:   annotate.Document{Text: "abcdef", Status: annotate.StatusTodo},
			spans: []string{"CLAIM:bc"},
		},
		{
			name:  "doccano label with number id",
			line:  `{"id": 42, "text": "“Wang Yi” 😀 said no", "label": [[15, 19, "DENIAL"], [1, 8, "ACTOR"]]}`,
			doc:   annotate.Document{Text: "“Wang Yi” 😀 said no", Status: annotate.StatusTodo, Meta: map[string]any{"doccano_id": json.Number("42")}},
			spans: []string{"ACTOR:Wang Yi", "DENIAL:d no"},
			check: func(t *testing.T, rec annotate.Record) {
				for _, s := range rec.Spans {
					if _, err := uuid.Parse(s.ID); err != nil {
						t.Errorf("doccano span id %q is not a fresh UUID", s.ID)
					}
				}
			},
		},
		{
			name:  "doccano labels key with UUID id",
			line:  `{"id": "` + docID1 + `", "text": "Wang Yi", "labels": [[0, 4, "ACTOR"]]}`,
			doc:   annotate.Document{ID: docID1, Text: "Wang Yi", Status: annotate.StatusTodo},
			spans: []string{"ACTOR:Wang"},
			check: func(t *testing.T, rec annotate.Record) {
				if rec.Spans[0].DocumentID != docID1 {
					t.Errorf("span DocumentID = %q", rec.Spans[0].DocumentID)
				}
			},
		},
		{
			name: "doccano entities and relations",
			line: `{"id": 7, "text": "Wang Yi denied it.", "entities": [{"id": 101, "start_offset": 0, "end_offset": 7, "label": "ACTOR"},` +
				`{"id": "102", "start_offset": 8, "end_offset": 17, "label": "DENIAL"}], "relations": [{"id": 5, "from_id": 102, "to_id": 101, "type": "SOURCE"}], "Comments": []}`,
			doc:   annotate.Document{Text: "Wang Yi denied it.", Status: annotate.StatusTodo, Meta: map[string]any{"doccano_id": json.Number("7")}},
			spans: []string{"ACTOR:Wang Yi", "DENIAL:denied it"},
			check: func(t *testing.T, rec annotate.Record) {
				if len(rec.Relations) != 1 {
					t.Fatalf("relations = %+v", rec.Relations)
				}
				r := rec.Relations[0]
				if r.From != rec.Spans[1].ID || r.To != rec.Spans[0].ID || r.Type != "SOURCE" || r.ID == "" {
					t.Errorf("relation %+v not mapped to spans %s, %s", r, rec.Spans[1].ID, rec.Spans[0].ID)
				}
				if rec.Spans[0].ID == rec.Spans[1].ID {
					t.Errorf("spans share id %q", rec.Spans[0].ID)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := readOne(t, tt.line)
			if !reflect.DeepEqual(rec.Document, tt.doc) {
				t.Errorf("document =\n%#v\nwant\n%#v", rec.Document, tt.doc)
			}
			if got := spanTexts(rec); !reflect.DeepEqual(got, tt.spans) {
				t.Errorf("spans = %q, want %q", got, tt.spans)
			}
			if tt.check != nil {
				tt.check(t, rec)
			}
		})
	}
}

func TestReadJSONLTestdata(t *testing.T) {
	f, err := os.Open("testdata/shapes.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := ReadJSONL(f, "testdata/shapes.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"CLAIM:China has offered to help Iraq", "ACTOR:Wang Yi"},
		nil,
		{"ACTOR:Ibrahim Jafari", "ACTOR:Iraq’s foreign minister"},
		{"ACTOR:Wang Yi", "DENIAL:does not allow us"},
		{"ACTOR:Mr Hong"},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d", len(recs), len(want))
	}
	for i, rec := range recs {
		if got := spanTexts(rec); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("record %d spans = %q, want %q", i, got, want[i])
		}
	}
}

func TestReadJSONLErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		line int
		want string // a part of the message
	}{
		{"bad JSON on line 3", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\": \"c\",}\n", 3, "invalid JSON"},
		{"not an object", `["text"]`, 1, "a record must be a JSON object, not a string"},
		{"a string", `"text"`, 1, "not a JSON object"},
		{"no text", `{"title": "x"}`, 1, `no "text"`},
		{"text null", `{"text": null}`, 1, `no "text"`},
		{"text not a string", `{"text": 3}`, 1, `"text" must be a string`},
		{"empty text", `{"text": "  \n"}`, 1, `"text" is empty`},
		{"unknown status", `{"text": "a", "status": "finished"}`, 1, `unknown status "finished"`},
		{"bad created", `{"text": "a", "created": "yesterday"}`, 1, "not an RFC 3339 time"},
		{"meta not object", `{"text": "a", "meta": [1]}`, 1, `"meta" must be an object`},
		{"id a boolean", `{"text": "a", "id": true}`, 1, `"id" must be a string or a number`},
		{"start not integer", `{"text": "abc", "spans": [{"start": 0.5, "end": 2, "label": "ACTOR"}]}`, 1, `"start" must be an integer`},
		{"start a string", `{"text": "abc", "spans": [{"start": "0", "end": 2, "label": "ACTOR"}]}`, 1, `"start" must be an integer`},
		{"end missing", `{"text": "abc", "spans": [{"start": 0, "label": "ACTOR"}]}`, 1, `"end" is missing`},
		{"start negative", `{"text": "abc", "spans": [{"start": -1, "end": 2, "label": "ACTOR"}]}`, 1, "start is negative"},
		{"end outside text", `{"text": "a😀c", "spans": [{"start": 0, "end": 4, "label": "ACTOR"}]}`, 1, "span 0-4 lies outside the text (3 code points)"},
		{"annotators a string", `{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "ACTOR", "annotators": "ana"}]}`, 1, `spans[0] "annotators" must be a list, not a string`},
		{"annotators item a number", `{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "ACTOR", "annotators": ["ana", 3]}]}`, 1, `spans[0] "annotators"[1] must be a string, not a number`},
		{"annotators item null", `{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "ACTOR", "annotators": [null]}]}`, 1, `spans[0] "annotators"[0] must be a string, not null`},
		{"end equals start", `{"text": "abc", "spans": [{"start": 1, "end": 1, "label": "ACTOR"}]}`, 1, "span 1-1: end must be after start"},
		{"end before start", `{"text": "abc", "spans": [{"start": 2, "end": 1, "label": "ACTOR"}]}`, 1, "end must be after start"},
		{"empty label", `{"text": "abc", "spans": [{"start": 0, "end": 1, "label": ""}]}`, 1, "has no label"},
		{"invalid label", `{"text": "abc", "spans": [{"start": 0, "end": 1, "label": "A B"}]}`, 1, `invalid label "A B"`},
		{"span not object", `{"text": "abc", "spans": [3]}`, 1, "spans[0] must be an object"},
		{"spans not list", `{"text": "abc", "spans": {}}`, 1, `"spans" must be a list`},
		{"duplicate span id", `{"text": "abc", "spans": [{"id":"x","start":0,"end":1,"label":"A"},{"id":"x","start":1,"end":2,"label":"A"}]}`, 1, `duplicate span id "x"`},
		{"relation to unknown span", `{"text": "abc", "spans": [{"id":"x","start":0,"end":1,"label":"A"}], "relations": [{"id":"r","type":"SOURCE","from":"x","to":"y"}]}`, 1, `"to" span "y" is not among`},
		{"relation without type", `{"text": "abc", "spans": [{"id":"x","start":0,"end":1,"label":"A"}], "relations": [{"id":"r","from":"x","to":"x"}]}`, 1, "has no type"},
		{"relations without spans", `{"text": "abc", "relations": [{"id":"r"}]}`, 1, "no spans"},
		{"doccano label not triple", `{"text": "abc", "label": ["positive"]}`, 1, `label[0] must be [start, end, "LABEL"]`},
		{"doccano label string", `{"text": "abc", "label": "positive"}`, 1, `"label" must be a list`},
		{"doccano label outside", `{"text": "abc", "label": [[0, 9, "ACTOR"]]}`, 1, "lies outside the text"},
		{"doccano unknown entity", `{"text": "abc", "entities": [{"id": 1, "start_offset": 0, "end_offset": 1, "label": "A"}], "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "T"}]}`, 1, "to_id 2 is not the id"},
		{"doccano entity offsets float", `{"text": "abc", "entities": [{"id": 1, "start_offset": 0, "end_offset": 1.5, "label": "A"}]}`, 1, `"end_offset" must be an integer`},
		{"invalid UTF-8", "{\"text\": \"a\xffb\"}", 1, "invalid UTF-8 at column 12"},
		{
			"byte offsets",
			`{"text": "Mr Jafari’s Chinese counterpart Wang Yi, made the offer", "spans": [{"start": 34, "end": 41, "label": "ACTOR", "text": "Wang Yi"}]}`,
			1,
			`span 34-41 "Wang Yi": text[34:41] is "ng Yi, " (offsets must be Unicode code points; these look like UTF-8 byte offsets: mark the line "offsets": "byte")`,
		},
		{
			"UTF-16 offsets",
			`{"text": "😀 Wang Yi said", "spans": [{"start": 3, "end": 10, "label": "ACTOR", "text": "Wang Yi"}]}`,
			1,
			"these look like UTF-16 offsets",
		},
		{
			"unknown offsets",
			`{"text": "Wang Yi said", "spans": [{"start": 1, "end": 7, "label": "ACTOR", "text": "Wang Yi"}]}`,
			1,
			"was the file written with byte or UTF-16 offsets?",
		},
		{"error after blank lines", "\n  \n{\"text\": \"a\"}\n\r\n{\"text\": 1}\n", 5, "must be a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJSONL(strings.NewReader(tt.in), "data/in.jsonl")
			var le *annotate.LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v (%T), want a *LineError", err, err)
			}
			if le.Line != tt.line || le.File != "data/in.jsonl" {
				t.Errorf("LineError at %s:%d, want data/in.jsonl:%d", le.File, le.Line, tt.line)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "data/in.jsonl:") || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q does not name the file or contain %q", msg, tt.want)
			}
			if strings.Contains(msg, "failed to") {
				t.Errorf("error %q says \"failed to\"", msg)
			}
			if annotate.ErrorCode(err) != annotate.EINVALID {
				t.Errorf("code = %q, want %q", annotate.ErrorCode(err), annotate.EINVALID)
			}
		})
	}
}

func TestJSONLReaderContinuesAfterBadLine(t *testing.T) {
	in := "{\"text\":\"a\"}\nnot json\n{\"text\":\"c\"}"
	r := NewJSONLReader(strings.NewReader(in), "x.jsonl")
	var texts []string
	var bad []int
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			bad = append(bad, r.Line())
			continue
		}
		texts = append(texts, rec.Document.Text)
	}
	if !reflect.DeepEqual(texts, []string{"a", "c"}) || !reflect.DeepEqual(bad, []int{2}) {
		t.Errorf("texts %q, bad lines %v", texts, bad)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next after EOF = %v", err)
	}
}

type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n == 0 {
		f.n++
		return copy(p, "{\"text\":\"a\"}\n{\"te"), nil
	}
	return 0, errors.New("disk on fire")
}

func TestJSONLReaderReadError(t *testing.T) {
	r := NewJSONLReader(&failingReader{}, "x.jsonl")
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	_, err := r.Next()
	var le *annotate.LineError
	if !errors.As(err, &le) || le.Line != 2 || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("err = %v", err)
	}
	if _, err2 := r.Next(); err2 != err {
		t.Errorf("read error is not final: %v", err2)
	}
}

func TestReadJSONLBlankLinesCRLFAndBOM(t *testing.T) {
	in := "\xef\xbb\xbf{\"text\":\"one\\r\\ntwo\"}\r\n\r\n   \r\n{\"text\":\"three\",\"spans\":[{\"start\":0,\"end\":5,\"label\":\"A\",\"text\":\"three\"}]}\r\n\r\n"
	r := NewJSONLReader(strings.NewReader(in), "crlf.jsonl")
	rec, err := r.Next()
	if err != nil || rec.Document.Text != "one\r\ntwo" || r.Line() != 1 {
		t.Fatalf("first: %v %q line %d", err, rec.Document.Text, r.Line())
	}
	rec, err = r.Next()
	if err != nil || rec.Document.Text != "three" || r.Line() != 4 || len(rec.Spans) != 1 {
		t.Fatalf("second: %v %+v line %d", err, rec, r.Line())
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("third: %v, want EOF", err)
	}
	if recs, err := ReadJSONL(strings.NewReader(""), "empty.jsonl"); err != nil || len(recs) != 0 {
		t.Errorf("empty input: %v %v", recs, err)
	}
}

func TestReadJSONLLongLine(t *testing.T) {
	para := "Wang Yi, Mr Jafari’s Chinese counterpart, made the offer 😀. "
	var sb strings.Builder
	for sb.Len() < 2<<20 {
		sb.WriteString(para)
	}
	text := sb.String()
	ix := annotate.NewRuneIndex(text)
	b := strings.LastIndex(text, "Wang Yi")
	rec := annotate.Record{Document: annotate.Document{ID: docID1, Text: text, Status: annotate.StatusTodo},
		Spans: []annotate.Span{{ID: spanID1, DocumentID: docID1, Start: ix.Rune(b), End: ix.Rune(b) + 7, Label: "ACTOR"}}}
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	for range 2 {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() < 4<<20 {
		t.Fatalf("lines are only %d bytes", buf.Len())
	}
	recs, err := ReadJSONL(&buf, "long.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[1].Document.Text != text {
		t.Fatalf("got %d records", len(recs))
	}
	if got := spanTexts(recs[1]); !reflect.DeepEqual(got, []string{"ACTOR:Wang Yi"}) {
		t.Errorf("spans %q", got)
	}
}

// goldenRecord is the fixed record of the golden export files: curly
// quotes, emoji (one astral, one flag of two code points), HTML-like text,
// nested and overlapping spans, a note that needs CSV quoting.
func goldenRecord() annotate.Record {
	t0 := time.Date(2024, 10, 3, 9, 15, 0, 0, time.UTC)
	t1 := time.Date(2024, 10, 3, 9, 16, 30, 250000000, time.UTC)
	text := "“We do not allow <b>that</b> 🙅,” said Wang Yi 🇨🇳.\nIraq’s foreign minister & friends disagreed."
	ix := annotate.NewRuneIndex(text)
	find := func(s string) (int, int) {
		b := strings.Index(text, s)
		return ix.Rune(b), ix.Rune(b + len(s))
	}
	span := func(id, s, label, annotator, note string, created, updated time.Time) annotate.Span {
		start, end := find(s)
		return annotate.Span{ID: id, DocumentID: docID1, Start: start, End: end, Label: label,
			Annotator: annotator, Created: created, Updated: updated, Note: note}
	}
	return annotate.Record{
		Document: annotate.Document{ID: docID1, Title: "Wang Yi “denies” <all>", Source: "https://www.ft.com/content/x?a=1&b=2",
			Status: annotate.StatusDone, Created: time.Date(2024, 10, 1, 12, 0, 0, 0, time.FixedZone("CEST", 2*3600)),
			Text: text, SHA256: annotate.TextSHA256(text), Meta: map[string]any{"lang": "en", "pages": 2}},
		Spans: []annotate.Span{
			span("0190a5b2-7c3d-7e4f-8a1b-000000000004", "Iraq’s foreign minister", "ACTOR", "bob", "", t1, t1),
			span("0190a5b2-7c3d-7e4f-8a1b-000000000003", "Wang Yi 🇨🇳", "ACTOR", "ana", "with the flag, \"of course\"\nsecond line", t0, t1),
			span("0190a5b2-7c3d-7e4f-8a1b-000000000002", "We do not allow <b>that</b> 🙅", "DENIAL", "ana", "", t0, t0),
			span("0190a5b2-7c3d-7e4f-8a1b-000000000001", "“We do not allow <b>that</b> 🙅,”", "CLAIM", "ana", "", t0, t0),
		},
		Relations: []annotate.Relation{
			{ID: "0190a5b2-7c3d-7e4f-8a1b-0000000000a1", Type: annotate.RelationSource, From: "0190a5b2-7c3d-7e4f-8a1b-000000000002", To: "0190a5b2-7c3d-7e4f-8a1b-000000000003"},
		},
	}
}

func TestGoldenExport(t *testing.T) {
	second := annotate.Record{Document: annotate.Document{ID: "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7c", Title: "No spans", Text: "Nothing here.", Status: annotate.StatusTodo}}
	tests := []struct{ file, format string }{
		{"export.golden.jsonl", "jsonl"},
		{"export.golden.doccano.jsonl", "doccano"},
		{"export.golden.csv", "csv"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rec := goldenRecord()
			spansBefore := append([]annotate.Span(nil), rec.Spans...)
			var buf bytes.Buffer
			w, err := NewWriter(tt.format, Target{W: &buf})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range []annotate.Record{rec, second} {
				if err := w.Write(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rec.Spans, spansBefore) {
				t.Error("Write reordered the caller's spans")
			}
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the output:\n%s", path, buf.Bytes())
			}
		})
	}
}

// TestGoldenReadBack reads the golden JSONL and doccano files back.
func TestGoldenReadBack(t *testing.T) {
	want := goldenRecord()
	recs, err := readFileForTest(t, "testdata/export.golden.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	got := recs[0]
	want.Document.SHA256 = "" // not exported: the store computes it
	want.Document.Created = want.Document.Created.UTC()
	want.Document.Meta = map[string]any{"lang": "en", "pages": json.Number("2")}
	annotate.SortSpans(want.Spans)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, want)
	}
	recs, err = readFileForTest(t, "testdata/export.golden.doccano.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if recs[0].Document.ID != docID1 || !reflect.DeepEqual(spanTexts(recs[0]), spanTexts(want)) {
		t.Errorf("doccano read back %+v", recs[0])
	}
}

func readFileForTest(t *testing.T, path string) ([]annotate.Record, error) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ReadFile(path, b)
}

func TestWritersRejectBadSpans(t *testing.T) {
	bad := []annotate.Record{
		{Document: annotate.Document{Text: "abc"}, Spans: []annotate.Span{{Start: 0, End: 4, Label: "A"}}},
		{Document: annotate.Document{Text: "abc"}, Spans: []annotate.Span{{Start: 2, End: 2, Label: "A"}}},
		{Document: annotate.Document{Text: "abc"}, Spans: []annotate.Span{{Start: -1, End: 2, Label: "A"}}},
		{Document: annotate.Document{Text: "a\xffc"}},
	}
	for _, name := range WriterNames() {
		dir := t.TempDir()
		w, err := NewWriter(name, Target{W: io.Discard, Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		for i, rec := range bad {
			if err := w.Write(rec); annotate.ErrorCode(err) != annotate.EINVALID {
				t.Errorf("%s record %d: err = %v, want EINVALID", name, i, err)
			}
		}
		assertOnlyFiles(t, dir)
	}
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	rec := annotate.Record{Document: annotate.Document{Text: "abc", Meta: map[string]any{"f": func() {}}}}
	if err := w.Write(rec); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("unencodable meta: err = %v", err)
	}
	w.Flush()
	if buf.Len() != 0 {
		t.Errorf("a failed Write wrote %q", buf.String())
	}
}

// TestJSONLWriterFormat checks the details of a written line: key order,
// arrays never null, no HTML escaping, UTC times.
func TestJSONLWriterFormat(t *testing.T) {
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	rec := annotate.Record{Document: annotate.Document{Text: "<a> & “b”", Created: time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("X", -3600))}}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	want := `{"id":"","title":"","source":"","status":"todo","created":"2024-01-02T04:04:05Z","text":"<a> & “b”","spans":[],"relations":[]}` + "\n"
	if buf.String() != want {
		t.Errorf("got  %s\nwant %s", buf.String(), want)
	}
}

// TestJSONLAnnotatorsRoundTrip writes a merged span's annotators as
// "annotators" after "note", leaves the key out for a span without them,
// and reads both back as they were.
func TestJSONLAnnotatorsRoundTrip(t *testing.T) {
	created := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	rec := annotate.Record{
		Document: annotate.Document{ID: docID1, Text: "“China” denied it.", Status: annotate.StatusInProgress, Created: created},
		Spans: []annotate.Span{
			{ID: spanID1, DocumentID: docID1, Start: 1, End: 6, Label: "ACTOR", Annotator: "gold",
				Created: created, Updated: created, Annotators: []string{"ana", "bo"}},
			{ID: spanID2, DocumentID: docID1, Start: 0, End: 17, Label: "DENIAL", Annotator: "ana",
				Created: created, Updated: created},
		},
	}
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := `{"id":"` + docID1 + `","title":"","source":"","status":"in_progress","created":"2026-11-27T10:00:00Z","text":"“China” denied it.","spans":[` +
		`{"id":"` + spanID2 + `","start":0,"end":17,"label":"DENIAL","text":"“China” denied it","annotator":"ana","created":"2026-11-27T10:00:00Z","updated":"2026-11-27T10:00:00Z","note":""},` +
		`{"id":"` + spanID1 + `","start":1,"end":6,"label":"ACTOR","text":"China","annotator":"gold","created":"2026-11-27T10:00:00Z","updated":"2026-11-27T10:00:00Z","note":"","annotators":["ana","bo"]}` +
		`],"relations":[]}` + "\n"
	if buf.String() != want {
		t.Fatalf("got  %s\nwant %s", buf.String(), want)
	}
	back := readOne(t, buf.String())
	wantSpans := append([]annotate.Span(nil), rec.Spans...)
	annotate.SortSpans(wantSpans)
	if !reflect.DeepEqual(back.Spans, wantSpans) {
		t.Errorf("read back spans\n%+v\nwant\n%+v", back.Spans, wantSpans)
	}
	// An empty list reads as none, and is not written.
	empty := readOne(t, `{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "ACTOR", "annotators": []}]}`)
	if empty.Spans[0].Annotators != nil {
		t.Errorf("\"annotators\": [] read as %q, want nil", empty.Spans[0].Annotators)
	}
}

// fixtureArticle is the project's test article: curly quotes, thin and
// no-break spaces, an emoji ZWJ sequence, a flag, a combining accent, a
// right-to-left name and trailing web-page boilerplate.
const fixtureArticle = "../../testdata/article.txt"

// sharedArticle is the real news article of ../shared, which adds coverage
// where it exists; tests that read it skip when it is absent.
const sharedArticle = "../../../shared/articles/china-iraq.txt"

// TestRealArticle annotates the test article (and the shared real one when
// it is there) by code-point offsets and reads it back.
func TestRealArticle(t *testing.T) {
	for _, tt := range []struct{ path, title string }{
		{fixtureArticle, "Beijing Weighs Help for Baghdad Against Insurgents"},
		{sharedArticle, "China Offers To Help Iraq Defeat Extremists"},
	} {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			data, err := os.ReadFile(tt.path)
			if errors.Is(err, os.ErrNotExist) && tt.path == sharedArticle {
				t.Skipf("%s is absent", tt.path)
			}
			if err != nil {
				t.Fatal(err)
			}
			testRealArticle(t, tt.path, tt.title, data)
		})
	}
}

func testRealArticle(t *testing.T, path, title string, data []byte) {
	recs, err := ReadFile(path, data)
	if err != nil {
		t.Fatal(err)
	}
	rec := recs[0]
	text := rec.Document.Text
	if !strings.ContainsAny(text, "\u2009\u00a0’“") {
		t.Fatalf("%s lost its thin/non-breaking spaces or curly quotes", path)
	}
	if rec.Document.Title != title || rec.Document.Source != filepath.Base(path) {
		t.Errorf("title %q source %q", rec.Document.Title, rec.Document.Source)
	}
	rec.Document.ID = docID1
	ix := annotate.NewRuneIndex(text)
	var spans []annotate.Span
	for i, s := range []string{"Wang Yi", "Iraq’s foreign minister", "\u2009"} {
		b := strings.Index(text, s)
		if b < 0 {
			if i < 2 {
				t.Fatalf("%q is not in the article", s)
			}
			continue
		}
		start := utf8.RuneCountInString(text[:b])
		end := start + utf8.RuneCountInString(s)
		if start == b && strings.ContainsAny(text[:b], "’“”\u2009\u00a0") {
			t.Fatalf("test is broken: byte and code-point offsets of %q agree", s)
		}
		if got := ix.Slice(start, end); got != s {
			t.Fatalf("Slice(%d, %d) = %q", start, end, got)
		}
		spans = append(spans, annotate.NewSpan(docID1, start, end, annotate.LabelActor, "test", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
	}
	annotate.SortSpans(spans)
	rec.Spans = spans
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	back := readOne(t, buf.String())
	if back.Document.Text != text {
		t.Fatal("text changed in the round trip")
	}
	for i, s := range back.Spans {
		got, ok := annotate.SliceRunes(back.Document.Text, s.Start, s.End)
		want := ix.Slice(spans[i].Start, spans[i].End)
		if !ok || got != want {
			t.Errorf("span %d-%d: text %q, want %q", s.Start, s.End, got, want)
		}
	}
	// The exported span texts are what Python's text[start:end] gives.
	var line struct {
		Text  string
		Spans []struct {
			Start, End int
			Text       string
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatal(err)
	}
	runes := []rune(line.Text)
	for _, s := range line.Spans {
		if string(runes[s.Start:s.End]) != s.Text {
			t.Errorf("exported span %d-%d text %q != %q", s.Start, s.End, s.Text, string(runes[s.Start:s.End]))
		}
	}
	if len(line.Spans) < 2 || line.Spans[0].Text == "" {
		t.Errorf("spans %+v", line.Spans)
	}
}

// TestRoundTripProperty: any valid record survives JSONLWriter then
// JSONLReader unchanged, with its spans' entities and concepts.
func TestRoundTripProperty(t *testing.T) {
	labels := rapid.StringMatching(`[A-Z][A-Z_:./\-0-9]{0,10}|[\p{L}\p{N}]{1,8}`)
	anyTime := rapid.Custom(func(t *rapid.T) time.Time {
		if rapid.Bool().Draw(t, "zeroTime") {
			return time.Time{}
		}
		return time.Unix(rapid.Int64Range(-62135596800, 253402300799).Draw(t, "sec"),
			rapid.Int64Range(0, 999999999).Draw(t, "nsec")).UTC()
	})
	rapid.Check(t, func(t *rapid.T) {
		parts := rapid.SliceOf(rapid.OneOf(rapid.String(), rapid.Just("\n"), rapid.Just("“😀’\u2009"))).Draw(t, "text")
		text := strings.Join(parts, "")
		if strings.TrimSpace(text) == "" {
			text += "x"
		}
		n := annotate.RuneCount(text)
		var doc annotate.Document
		if rapid.Bool().Draw(t, "hasID") {
			doc.ID = uuid.Must(uuid.FromBytes(rapid.SliceOfN(rapid.Byte(), 16, 16).Draw(t, "id"))).String()
		}
		doc.Title = rapid.String().Draw(t, "title")
		doc.Source = rapid.String().Draw(t, "source")
		doc.Status = rapid.SampledFrom(annotate.Statuses).Draw(t, "status")
		doc.Created = anyTime.Draw(t, "created")
		doc.Text = text
		if rapid.Bool().Draw(t, "hasMeta") {
			doc.Meta = map[string]any{}
			for k, v := range rapid.MapOfN(rapid.String(), rapid.String(), 1, 4).Draw(t, "meta") {
				doc.Meta[k] = v
			}
			doc.Meta["n"] = json.Number("12345678901234567890")
			doc.Meta["b"] = true
		}
		rec := annotate.Record{Document: doc}
		ids := map[string]bool{}
		for i := range rapid.IntRange(0, 8).Draw(t, "nspans") {
			_ = i
			start := rapid.IntRange(0, n-1).Draw(t, "start")
			end := rapid.IntRange(start+1, n).Draw(t, "end")
			id := rapid.StringN(1, 40, -1).Draw(t, "spanID")
			if ids[id] {
				continue
			}
			ids[id] = true
			rec.Spans = append(rec.Spans, annotate.Span{ID: id, DocumentID: doc.ID, Start: start, End: end,
				Label:     labels.Draw(t, "label"),
				Annotator: rapid.String().Draw(t, "annotator"),
				Created:   anyTime.Draw(t, "spanCreated"),
				Updated:   anyTime.Draw(t, "spanUpdated"),
				Note:      rapid.String().Draw(t, "note")})
		}
		names := rapid.StringMatching(`[\p{L}\p{N} ’“-]{0,12}[\p{L}]`)
		entities := []annotate.Entity{}
		for i := range rapid.IntRange(0, 3).Draw(t, "nentities") {
			entities = append(entities, annotate.Entity{ID: fmt.Sprintf("e%d", i), Name: names.Draw(t, "entity"),
				Kind:        rapid.SampledFrom(append([]string{""}, annotate.EntityKinds...)).Draw(t, "kind"),
				Affiliation: rapid.String().Draw(t, "affiliation")})
		}
		concepts := []annotate.Concept{}
		for i := range rapid.IntRange(0, 3).Draw(t, "nconcepts") {
			concepts = append(concepts, annotate.Concept{ID: fmt.Sprintf("c%d", i), Name: names.Draw(t, "concept")})
		}
		for i := range rec.Spans {
			sp := &rec.Spans[i]
			if len(entities) > 0 && rapid.Bool().Draw(t, "hasEntity") {
				e := rapid.SampledFrom(entities).Draw(t, "spanEntity")
				sp.Entity = e.ID
				if rec.Entities == nil {
					rec.Entities = map[string]annotate.Entity{}
				}
				rec.Entities[e.ID] = e
			}
			if len(concepts) > 0 && rapid.Bool().Draw(t, "hasConcept") {
				c := rapid.SampledFrom(concepts).Draw(t, "spanConcept")
				sp.Concept = c.ID
				if rec.Concepts == nil {
					rec.Concepts = map[string]annotate.Concept{}
				}
				rec.Concepts[c.ID] = c
			}
		}
		if len(rec.Spans) > 0 {
			for range rapid.IntRange(0, 3).Draw(t, "nrels") {
				rec.Relations = append(rec.Relations, annotate.Relation{
					ID:   rapid.String().Draw(t, "relID"),
					Type: rapid.SampledFrom([]string{annotate.RelationSource, annotate.RelationTarget}).Draw(t, "relType"),
					From: rapid.SampledFrom(rec.Spans).Draw(t, "from").ID,
					To:   rapid.SampledFrom(rec.Spans).Draw(t, "to").ID,
				})
			}
		}
		var buf bytes.Buffer
		w := NewJSONLWriter(&buf)
		if err := w.Write(rec); err != nil {
			t.Fatalf("Write: %v", err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if bytes.Count(buf.Bytes(), []byte("\n")) != 1 {
			t.Fatalf("a record took more than one line: %q", buf.String())
		}
		recs, err := ReadJSONL(&buf, "prop.jsonl")
		if err != nil {
			t.Fatalf("ReadJSONL: %v\n%s", err, buf.String())
		}
		if len(recs) != 1 {
			t.Fatalf("read %d records", len(recs))
		}
		got := recs[0]
		annotate.SortSpans(rec.Spans)
		if len(rec.Spans) == 0 {
			rec.Spans = []annotate.Span{}
		}
		if !reflect.DeepEqual(got, rec) {
			t.Fatalf("round trip changed the record:\n got %#v\nwant %#v", got, rec)
		}
	})
}

// FuzzJSONLReader: the reader never panics, and every span it returns lies
// inside its text.
func FuzzJSONLReader(f *testing.F) {
	seeds := []string{
		`{"text": "Wang Yi met Mr Jafari."}`,
		`{"id": "` + docID1 + `", "title": "t", "meta": {"url": "u"}, "text": "abc"}`,
		`{"id":"` + docID1 + `","title":"","source":"","status":"done","created":"2024-01-01T00:00:00Z","text":"“Wang Yi” 😀","spans":[{"id":"a","start":1,"end":8,"label":"ACTOR","text":"Wang Yi","annotator":"x","created":"","updated":"","note":""}],"relations":[{"id":"r","type":"SOURCE","from":"a","to":"a"}]}`,
		`{"text": "Iraq’s minister", "spans": [{"start": 0, "end": 6, "label": "ACTOR", "token_start": 0, "token_end": 1}]}`,
		`{"id": 3, "text": "abc 😀 def", "label": [[0, 3, "A"], [6, 9, "B"]]}`,
		`{"text": "abc", "labels": [[0, 3, "A"]]}`,
		`{"id": 1, "text": "Wang denied", "entities": [{"id": 1, "start_offset": 0, "end_offset": 4, "label": "ACTOR"}, {"id": 2, "start_offset": 5, "end_offset": 11, "label": "DENIAL"}], "relations": [{"id": 1, "from_id": 2, "to_id": 1, "type": "SOURCE"}]}`,
		"{\"text\": \"a\"}\r\n\r\n{\"text\": \"b\"}\n",
		`{"text": "abc", "spans": [{"start": 2, "end": 1, "label": "A"}]}`,
		`{"text": "abc", "spans": [{"start": 1e300, "end": -1e300, "label": "A"}]}`,
		`{"text": "abc", "spans": [{"start": 0, "end": 9223372036854775807, "label": "A"}]}`,
		`{"text": "a😀", "spans": [{"start": 1, "end": 3, "label": "A", "text": "😀"}]}`,
		`{"text": 1}`,
		`[1, 2]`,
		`{"text": "a",}`,
		"\xef\xbb\xbf{\"text\": \"bom\"}",
		"{\"text\": \"a\xffb\"}",
		"{\n  \"text\": \"pretty\",\n  \"label\": [[0, 6, \"A\"]]\n}\n{\"text\": \"b\"}",
		"[\n {\"text\": \"a\"},\n {\"text\": \"b\"}\n]",
		`{"data": {"text": "ab"}, "annotations": [{"result": [{"type": "rectanglelabels"}]}]}`,
		"{\n \"text\": \"a\",,\n}",
		`{"text": "Mr Wang", "spans": [{"start": 0, "end": 7, "label": "ACTOR", "entity": {"name": "Wang Yi", "aliases": ["Mr Wang", " mr wang", "a,b", 1]}}]}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	fuzzSeeds(f, ".jsonl") // Claimdesk's, doccano's and spaCy's exports
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewJSONLReader(bytes.NewReader(data), "fuzz.jsonl")
		// Every record or error but a final one (which repeats) reads at
		// least a byte.
		for i := 0; i <= len(data)+1; i++ {
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var le *annotate.LineError
				if !errors.As(err, &le) || le.Line < 1 || le.File != "fuzz.jsonl" {
					t.Fatalf("error %v (%T) is not a LineError with a line", err, err)
				}
				continue
			}
			checkRecordSpans(t, rec)
			// What was read can be written and read again.
			var buf bytes.Buffer
			w := NewJSONLWriter(&buf)
			if err := w.Write(rec); err != nil {
				t.Fatalf("cannot write a record just read: %v", err)
			}
			w.Flush()
			back, err := ReadJSONL(&buf, "again.jsonl")
			if err != nil || len(back) != 1 || back[0].Document.Text != rec.Document.Text || len(back[0].Spans) != len(rec.Spans) {
				t.Fatalf("cannot read again what was written: %v\n%s", err, buf.String())
			}
		}
	})
}

// checkRecordSpans fails unless every span of rec satisfies
// 0 <= start < end <= len(text in code points).
func checkRecordSpans(t *testing.T, rec annotate.Record) {
	t.Helper()
	n := annotate.RuneCount(rec.Document.Text)
	if !utf8.ValidString(rec.Document.Text) {
		t.Fatalf("text is not valid UTF-8: %q", rec.Document.Text)
	}
	for _, s := range rec.Spans {
		if s.Start < 0 || s.Start >= s.End || s.End > n {
			t.Fatalf("span %d-%d outside text of %d code points", s.Start, s.End, n)
		}
		if err := annotate.ValidateLabelName(s.Label); err != nil {
			t.Fatalf("span label: %v", err)
		}
	}
}

// TestJSONLEntities: a span's entity and concept objects are read into
// the record, keyed by their id or, without one, by their name; objects
// that break a rule are errors of their line.
func TestJSONLEntities(t *testing.T) {
	line := `{"text":"Wang Yi said yes. Wang said no.","spans":[` +
		`{"start":0,"end":7,"label":"ACTOR","entity":{"id":"e1","name":"Wang Yi","kind":"person","affiliation":"China"}},` +
		`{"start":13,"end":16,"label":"CLAIM","concept":{"name":"Yes "}},` +
		`{"start":18,"end":22,"label":"ACTOR","entity":{"id":"e1","name":"Wang Yi","kind":"person","affiliation":"China"}}]}`
	rec, err := DecodeJSONLine([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	wantE := map[string]annotate.Entity{"e1": {ID: "e1", Name: "Wang Yi", Kind: "person", Affiliation: "China"}}
	wantC := map[string]annotate.Concept{"name:yes": {Name: "Yes "}}
	if !reflect.DeepEqual(rec.Entities, wantE) || !reflect.DeepEqual(rec.Concepts, wantC) {
		t.Fatalf("entities %+v, concepts %+v", rec.Entities, rec.Concepts)
	}
	if rec.Spans[0].Entity != "e1" || rec.Spans[1].Concept != "name:yes" || rec.Spans[2].Entity != "e1" {
		t.Fatalf("spans %+v", rec.Spans)
	}
	for _, bad := range []string{
		`{"text":"Wang","spans":[{"start":0,"end":4,"label":"ACTOR","entity":"Wang"}]}`,
		`{"text":"Wang","spans":[{"start":0,"end":4,"label":"ACTOR","entity":{"id":"e1","name":" "}}]}`,
		`{"text":"Wang","spans":[{"start":0,"end":4,"label":"ACTOR","entity":{"id":"e1","name":"Wang","kind":"king"}}]}`,
		`{"text":"Wang","spans":[{"start":0,"end":4,"label":"ACTOR","entity":{"id":"e1","name":"Wang"}},{"start":0,"end":3,"label":"ACTOR","entity":{"id":"e1","name":"Wan"}}]}`,
		`{"text":"Wang","spans":[{"start":0,"end":4,"label":"CLAIM","concept":{"id":true,"name":"x"}}]}`,
		`{"text":"Wang","spans":[{"start":0,"end":4,"label":"CLAIM","concept":{"name":""}}]}`,
	} {
		_, err := DecodeJSONLine([]byte(bad))
		if annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("%s: error %v, want EINVALID", bad, err)
		}
	}
	// A writer needs the entities and concepts its spans name.
	rec.Entities = nil
	if err := NewJSONLWriter(io.Discard).Write(rec); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("writing a span whose actor the record lacks: %v, want EINVALID", err)
	}
}
