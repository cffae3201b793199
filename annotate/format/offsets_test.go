package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"

	"pgregory.net/rapid"
)

// unicodeText draws a text of ASCII, emoji (ZWJ sequences and flags, off
// the Basic Multilingual Plane), combining marks and right-to-left script.
var unicodeText = rapid.Custom(func(t *rapid.T) string {
	parts := rapid.SliceOfN(rapid.SampledFrom([]string{
		"a", "Wang Yi ", "😀", "👩‍👩‍👧", "🇮🇶", "e\u0301", "\u0627\u0644\u0639\u0631\u0627\u0642", "\u200f", "’", "𝔘", "\n",
	}), 1, 20).Draw(t, "parts")
	return "x" + strings.Join(parts, "") + rapid.String().Draw(t, "tail")
})

// TestOffsetUnitsRoundTrip: a record exported with offsets in any unit
// imports with the same spans, in code points.
func TestOffsetUnitsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := unicodeText.Draw(t, "text")
		n := annotate.RuneCount(text)
		rec := annotate.Record{Document: annotate.Document{Text: text}}
		for i := range rapid.IntRange(0, 6).Draw(t, "nspans") {
			start := rapid.IntRange(0, n-1).Draw(t, "start")
			end := rapid.IntRange(start+1, n).Draw(t, "end")
			rec.Spans = append(rec.Spans, annotate.Span{ID: fmt.Sprintf("s%d", i), Start: start, End: end,
				Label: rapid.SampledFrom([]string{"ACTOR", "CLAIM", "DENIAL"}).Draw(t, "label")})
		}
		unit := rapid.SampledFrom(OffsetUnits).Draw(t, "unit")
		var buf bytes.Buffer
		w, err := NewWriter("jsonl", Target{W: &buf, Offsets: unit})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		var line struct {
			Offsets *string `json:"offsets"`
		}
		if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		if unit == OffsetsCodepoint && line.Offsets != nil {
			t.Fatalf("code-point line has \"offsets\": %q", *line.Offsets)
		}
		if unit != OffsetsCodepoint && (line.Offsets == nil || *line.Offsets != unit) {
			t.Fatalf("line %s does not say \"offsets\": %q", buf.String(), unit)
		}
		got, err := ReadJSONL(&buf, "in.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || len(got[0].Spans) != len(rec.Spans) {
			t.Fatalf("read %+v", got)
		}
		want := slices.Clone(rec.Spans)
		annotate.SortSpans(want)
		for i, s := range got[0].Spans {
			if s.ID != want[i].ID || s.Start != want[i].Start || s.End != want[i].End || s.Label != want[i].Label {
				t.Fatalf("span %d = %+v, want %+v", i, s, want[i])
			}
		}
	})
}

// TestOffsetUnitsWritten pins the offsets of one line in each unit.
func TestOffsetUnitsWritten(t *testing.T) {
	// "é" is 1 code point, 1 UTF-16 unit, 2 bytes; "😀" 1, 2 and 4.
	rec := annotate.Record{Document: annotate.Document{Text: "é😀 Wang Yi"},
		Spans: []annotate.Span{{ID: "s", Start: 3, End: 10, Label: "ACTOR"}}}
	for _, tt := range []struct {
		unit, want string
	}{
		{OffsetsCodepoint, `"spans":[{"id":"s","start":3,"end":10,`},
		{OffsetsUTF16, `"offsets":"utf16","spans":[{"id":"s","start":4,"end":11,`},
		{OffsetsByte, `"offsets":"byte","spans":[{"id":"s","start":7,"end":14,`},
	} {
		var buf bytes.Buffer
		w := NewJSONLWriterOffsets(&buf, tt.unit)
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tt.want) {
			t.Errorf("%s: %s lacks %s", tt.unit, buf.String(), tt.want)
		}
	}
}

// TestOffsetUnitsErrors: offsets inside a character, outside the text, or
// in an unknown unit, and span texts that give the unit away.
func TestOffsetUnitsErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"inside surrogate pair", `{"text": "😀 Wang Yi", "offsets": "utf16", "spans": [{"start": 1, "end": 4, "label": "ACTOR"}]}`,
			"span 1-4: start offset 1 (UTF-16 code units) falls inside a UTF-16 surrogate pair"},
		{"inside UTF-8 sequence", `{"text": "é Wang", "offsets": "byte", "spans": [{"start": 0, "end": 1, "label": "ACTOR"}]}`,
			"span 0-1: end offset 1 (UTF-8 bytes) falls inside a UTF-8 sequence"},
		{"outside in UTF-16", `{"text": "😀 Wang", "offsets": "utf16", "spans": [{"start": 0, "end": 8, "label": "ACTOR"}]}`,
			"span 0-8 lies outside the text (7 UTF-16 code units)"},
		{"unknown unit", `{"text": "abc", "offsets": "utf8", "spans": []}`,
			`"offsets" must be "codepoint", "utf16" or "byte", not "utf8"`},
		{"mismatch in UTF-16", `{"text": "😀 Wang Yi", "offsets": "utf16", "spans": [{"start": 2, "end": 9, "label": "ACTOR", "text": "Wang Yi"}]}`,
			`span 2-9 "Wang Yi": the text at these offsets (UTF-16 code units) is " Wang Y"`},
		{"UTF-16 without key", `{"text": "😀 Wang Yi said", "spans": [{"start": 3, "end": 10, "label": "ACTOR", "text": "Wang Yi"}]}`,
			`these look like UTF-16 offsets, as JavaScript and Java count: mark the line "offsets": "utf16"`},
		// Byte offsets past the last code point: the hint comes with the
		// range error.
		{"bytes past the end", `{"text": "ééé Wang", "spans": [{"start": 7, "end": 11, "label": "ACTOR", "text": "Wang"}]}`,
			`lies outside the text (8 code points) (offsets must be Unicode code points; these look like UTF-8 byte offsets: mark the line "offsets": "byte")`},
		// One span fits bytes, the other does not: no guess.
		{"mixed", `{"text": "é Wang Yi", "spans": [{"start": 3, "end": 7, "label": "ACTOR", "text": "Wang"}, {"start": 2, "end": 6, "label": "ACTOR", "text": "Wang"}]}`,
			"was the file written with byte or UTF-16 offsets?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJSONL(strings.NewReader(tt.in+"\n"), "in.jsonl")
			var le *annotate.LineError
			if !errors.As(err, &le) || le.Line != 1 {
				t.Fatalf("err = %v, want a LineError at line 1", err)
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

// TestOffsetUnitsOnlyJSONL: other formats refuse a choice of offsets.
func TestOffsetUnitsOnlyJSONL(t *testing.T) {
	if _, err := NewWriter("csv", Target{W: &bytes.Buffer{}, Offsets: OffsetsUTF16}); err == nil || !strings.Contains(err.Error(), "no choice of offsets") {
		t.Errorf("csv with utf16 offsets: %v", err)
	}
	if _, err := NewWriter("jsonl", Target{W: &bytes.Buffer{}, Offsets: "utf32"}); err == nil || !strings.Contains(err.Error(), `unknown offsets "utf32"`) {
		t.Errorf("jsonl with utf32 offsets: %v", err)
	}
}
