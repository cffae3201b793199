package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// decodeBoth decodes an import line into a rawLine twice: as
// DecodeJSONLine does (the encoding/json/v2 API with lineOptions and
// rawSpan.UnmarshalJSONFrom), and with encoding/json by the field tags.
func decodeBoth(line []byte) (v2, v1 rawLine, err2, err1 error) {
	err2 = jsonv2.Unmarshal(line, &v2, lineOptions)
	if v2.Spans != nil {
		for i := range *v2.Spans {
			(*v2.Spans)[i].buf = nil // the buffer behind the values
		}
	}
	// encoding/json, by the field tags, with a null span as nil.
	var mirror struct {
		rawLine
		Spans *[]*rawSpan `json:"spans"`
	}
	err1 = json.Unmarshal(line, &mirror)
	v1 = mirror.rawLine
	if mirror.Spans != nil {
		spans := make([]rawSpan, len(*mirror.Spans))
		for i, rs := range *mirror.Spans {
			if rs == nil {
				spans[i].null = true
			} else {
				spans[i] = *rs
			}
		}
		v1.Spans = &spans
	}
	return
}

// The first decoding of a line gives what encoding/json gives: keys in
// any case, the last of a repeated key, escaped keys, unknown keys and
// nested values skipped, nulls, lone surrogate escapes.
func TestLineDecodingIsEncodingJSONs(t *testing.T) {
	lines := []string{
		`{"text": "abc", "spans": [{"id": "a", "start": 0, "end": 1, "label": "A", "text": "a", "annotator": "x", "created": "", "updated": "", "note": "n", "annotators": ["x", "y"], "entity": {"id": "e", "name": "E"}, "concept": {"name": "c"}}]}`,
		`{"TEXT": "abc", "Spans": [{"START": 0, "End": 1, "lAbEl": "A", "label": "B", "token_start": 0, "_id": {"$oid": "x"}, "extra": [1, {"a": [null]}]}]}`,
		`{"text": "abc", "spans": [{"\u0073tart": 0, "end": 1e2, "label": null, "note": "\ud800", "text": "\"q\" \\ \n"}, null, {}]}`,
		`{"text": "\ud83d\ude00 \ud800", "spans": []}`,
		`{"text": "abc", "spans": [ { "start" : 0 , "end" : 1 , "label" : "A" } ] , "relations" : [ ] }`,
		`{"text": "abc", "spans": [{"start": 0, "end": 1, "label": "A", "start": 2}]}`,
		`{"text": "abc", "spans": [{"ſtart": 0, "end": 1, "label": "A", "K": 1}]}`,
	}
	for _, line := range lines {
		v2, v1, err2, err1 := decodeBoth([]byte(line))
		if err2 != nil || err1 != nil {
			t.Errorf("%s: errors %v and %v", line, err2, err1)
			continue
		}
		if !reflect.DeepEqual(v2, v1) {
			t.Errorf("%s:\nv2 API %s\nencoding/json %s", line, dumpRawLine(v2), dumpRawLine(v1))
		}
	}
}

// FuzzLineDecoding checks that the first decoding of any line agrees with
// encoding/json: both decode it, to the same fields, or neither, and a
// line that is not JSON is a syntax error to both.
func FuzzLineDecoding(f *testing.F) {
	f.Add([]byte(`{"text": "abc", "spans": [{"id": "a", "start": 0, "end": 1, "label": "A", "Label": "B", "entity": {"id": "e"}}]}`))
	f.Add([]byte(`{"text": "a", "spans": [null, 3]}`))
	f.Add([]byte(`{"text": "a", "spans": [{"\u0069d": 1, "start": "0"}]}`))
	f.Add([]byte(`{"text": "\ud800", "spans": [{"note": "\udfff"}]}`))
	f.Add([]byte(`{"text": "a", "spans": [{"start": 0,}]}`))
	fuzzSeeds(f, ".jsonl")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, line := range bytes.Split(data, []byte("\n")) {
			if !utf8.Valid(line) { // DecodeJSONLine refuses it first
				continue
			}
			v2, v1, err2, err1 := decodeBoth(line)
			if (err2 == nil) != (err1 == nil) {
				t.Fatalf("%q: v2 API error %v, encoding/json error %v", line, err2, err1)
			}
			if err2 != nil {
				var se2 *jsontext.SyntacticError
				var se1 *json.SyntaxError
				if errors.As(err2, &se2) && !errors.As(err1, &se1) && json.Valid(line) {
					t.Fatalf("%q: a syntax error to the v2 API (%v), valid JSON to encoding/json", line, err2)
				}
				continue
			}
			if !reflect.DeepEqual(v2, v1) {
				t.Fatalf("%q:\nv2 API %s\nencoding/json %s", line, dumpRawLine(v2), dumpRawLine(v1))
			}
		}
	})
}

func dumpRawLine(rl rawLine) string {
	b, _ := json.Marshal(rl)
	return string(b)
}

// A JSONLReader reuses the memory of each line's raw spans for the next
// (lineScratch): the records it returned before stay as they were, equal
// to those of each line decoded on its own.
func TestJSONLReaderReusesNothingItReturned(t *testing.T) {
	lines := []string{
		`{"text": "Wang Yi met Mr Jafari in Tehran.", "spans": [{"id": "s1", "start": 0, "end": 7, "label": "ACTOR", "text": "Wang Yi", "annotator": "ana", "note": "a long note about the foreign minister of China", "entity": {"id": "e1", "name": "Wang Yi"}}, {"id": "s2", "start": 12, "end": 21, "label": "ACTOR", "annotator": "bea", "annotators": ["ana", "bea"]}, {"start": 25, "end": 31, "label": "PLACE", "concept": {"name": "Iran"}}], "relations": [{"id": "r1", "type": "MET", "from": "s1", "to": "s2"}]}`,
		`{"text": "No.", "spans": [{"start": 0, "end": 3, "label": "DENIAL", "note": "n"}]}`,
		`{"text": "Iraq’s minister", "spans": [{"start": 0, "end": 6, "label": "ACTOR", "token_start": 0, "token_end": 1}]}`,
		`{"text": "plain"}`,
		`{"text": "x y z", "spans": [{"start": 0, "end": 1, "label": "A"}, {"start": 2, "end": 3, "label": "B"}, {"start": 4, "end": 5, "label": "C"}, {"start": 0, "end": 5, "label": "D", "note": "the whole of it, a note longer than a buffer's first size: ` + strings.Repeat("ü", 200) + `"}]}`,
	}
	data, err := os.ReadFile("testdata/export.golden.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		lines = append(lines, l)
	}
	lines = append(lines, lines...) // the long lines again, after short ones
	got, err := ReadJSONL(strings.NewReader(strings.Join(lines, "\n")), "in.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(lines) {
		t.Fatalf("%d records of %d lines", len(got), len(lines))
	}
	for i, line := range lines {
		want, err := DecodeJSONLine([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("line %d read after the others:\n%+v\nalone:\n%+v", i+1, got[i], want)
		}
	}
}
