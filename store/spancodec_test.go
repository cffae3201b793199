package store

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"claimdesk/annotate"
	"pgregory.net/rapid"
)

// TestDecodeSpanIsJSONs: for any span putSpan could store, decodeSpan
// gives what json.Unmarshal gives, fast path or not.
func TestDecodeSpanIsJSONs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		str := rapid.OneOf(rapid.String(), rapid.StringMatching(`[a-zA-Z0-9 ’“”é-]*`), rapid.Just(""))
		when := rapid.Custom(func(t *rapid.T) time.Time {
			ts := time.Unix(rapid.Int64Range(-1e10, 1e10).Draw(t, "sec"), rapid.Int64Range(0, 999999999).Draw(t, "ns"))
			if rapid.Bool().Draw(t, "utc") {
				return ts.UTC()
			}
			return ts.In(time.FixedZone("x", 3600))
		})
		s := annotate.Span{
			ID: str.Draw(t, "id"), DocumentID: str.Draw(t, "doc"),
			Start: rapid.IntRange(-5, 1<<40).Draw(t, "start"), End: rapid.Int().Draw(t, "end"),
			Label: str.Draw(t, "label"), Annotator: str.Draw(t, "annotator"),
			Created: when.Draw(t, "created"), Updated: when.Draw(t, "updated"), Note: str.Draw(t, "note"),
		}
		if rapid.Bool().Draw(t, "annotators") {
			s.Annotators = rapid.SliceOf(str).Draw(t, "names")
		}
		if rapid.Bool().Draw(t, "linked") {
			s.Entity, s.Concept = str.Draw(t, "entity"), str.Draw(t, "concept")
		}
		data, err := json.Marshal(&s)
		if err != nil {
			t.Fatal(err)
		}
		var want, got annotate.Span
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		if err := decodeSpan(nil, "", data, &got); err != nil {
			t.Fatalf("decodeSpan(%s): %v", data, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("decodeSpan(%s)\n got %#v\nwant %#v", data, got, want)
		}
	})
}

// TestDecodeSpanTakesTheFastPath: a plain stored span is read without
// encoding/json.
func TestDecodeSpanTakesTheFastPath(t *testing.T) {
	s := annotate.NewSpan("doc", 3, 9, "ACTOR", "ana", testTime)
	s.Note = "Iraq’s “foreign” minister"
	data, _ := json.Marshal(&s)
	var got annotate.Span
	if !decodeSpanFast(data, &got) || !reflect.DeepEqual(got, s) {
		t.Fatalf("fast path on %s: %+v", data, got)
	}
	for _, linked := range []annotate.Span{
		func() annotate.Span { t := s; t.Entity = "e1"; return t }(),
		func() annotate.Span { t := s; t.Label, t.Concept = "CLAIM", "c1"; return t }(),
		func() annotate.Span { t := s; t.Entity, t.Concept = "e1", "c1"; return t }(),
	} {
		data, _ := json.Marshal(&linked)
		if !decodeSpanFast(data, &got) || !reflect.DeepEqual(got, linked) {
			t.Fatalf("fast path on %s: %+v", data, got)
		}
	}
	for _, odd := range []string{
		`{"id":"a\"b","document_id":"d","start":1,"end":2,"label":"X","annotator":"a","created":"2024-01-01T00:00:00Z","updated":"2024-01-01T00:00:00Z","note":""}`,
		`{"id":"a","document_id":"d","start":01,"end":2,"label":"X","annotator":"a","created":"2024-01-01T00:00:00Z","updated":"2024-01-01T00:00:00Z","note":""}`,
		`{"id":"a","document_id":"d","start":1,"end":2,"label":"X","annotator":"a","created":"2024-01-01T00:00:00+01:00","updated":"2024-01-01T00:00:00Z","note":""}`,
		`{"document_id":"d","id":"a","start":1,"end":2,"label":"X","annotator":"a","created":"2024-01-01T00:00:00Z","updated":"2024-01-01T00:00:00Z","note":""}`,
		`{"id":"a","document_id":"d","start":1,"end":2,"label":"X","annotator":"a","created":"2024-01-01T00:00:00Z","updated":"2024-01-01T00:00:00Z","note":"","annotators":["a"]}`,
		`{"id":"a","document_id":"d","start":1,"end":2,"label":"X","annotator":"a","created":"2024-01-01T00:00:00Z","updated":"2024-01-01T00:00:00Z","note":"","concept":"c","entity":"e"}`,
		`{"id":"a","document_id":"d","start":1,"end":2,"label":"X","annotator":"a","created":"2024-01-01T00:00:00Z","updated":"2024-01-01T00:00:00Z","note":"","entity":"e","entity":"f"}`,
		`{"id":"a","document_id":"d","start":1,"end":2,"label":"X","annotator":"a","created":"2024-01-01T00:00:00Z","updated":"2024-01-01T00:00:00Z","note":"","entity":1}`,
	} {
		if decodeSpanFast([]byte(odd), &got) {
			t.Errorf("the fast path took %s", odd)
		}
	}
}

// FuzzDecodeSpan: whatever the bytes, a fast decode agrees with
// json.Unmarshal.
func FuzzDecodeSpan(f *testing.F) {
	s := annotate.NewSpan("doc", 3, 9, "ACTOR", "ana", testTime)
	data, _ := json.Marshal(&s)
	f.Add(data)
	f.Add([]byte(`{"id":"a","document_id":"d","start":1,"end":2,"label":"X","annotator":"a","created":"2024-01-01T00:00:00Z","updated":"2024-01-01T00:00:00Z","note":"","entity":"e","concept":"c"}`))
	f.Add([]byte(`{"id":"a","document_id":"d","start":-0,"end":2,"label":"X","annotator":"a","created":"2024-01-01T00:00:00Z","updated":"2024-01-01T00:00:00Z","note":""}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var got annotate.Span
		if !decodeSpanFast(data, &got) {
			return
		}
		var want annotate.Span
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("the fast path took %q, which json.Unmarshal refuses: %v", data, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q\n got %#v\nwant %#v", data, got, want)
		}
	})
}

// TestSpanBinaryRoundTrip: decodeSpan gives back every span encodeSpan
// stores, binary (UTC times) or JSON (other zones, exactly as before).
func TestSpanBinaryRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		str := rapid.OneOf(rapid.String(), rapid.StringMatching(`[a-zA-Z0-9 ’“”é-]*`), rapid.Just(""))
		utc := rapid.Bool().Draw(t, "utc")
		when := rapid.Custom(func(t *rapid.T) time.Time {
			ts := time.Unix(rapid.Int64Range(-1e10, 1e10).Draw(t, "sec"), rapid.Int64Range(0, 999999999).Draw(t, "ns"))
			if utc {
				return ts.UTC()
			}
			return ts.In(time.FixedZone("x", 3600))
		})
		s := annotate.Span{
			ID: rapid.StringMatching(`[a-z0-9-]{1,36}`).Draw(t, "id"), DocumentID: "doc",
			Start: rapid.IntRange(-5, 1<<40).Draw(t, "start"), End: rapid.IntRange(-5, 1<<40).Draw(t, "end"),
			Label: str.Draw(t, "label"), Annotator: str.Draw(t, "annotator"),
			Created: when.Draw(t, "created"), Updated: when.Draw(t, "updated"), Note: str.Draw(t, "note"),
		}
		if rapid.Bool().Draw(t, "annotators") {
			s.Annotators = rapid.SliceOfN(str, 1, 4).Draw(t, "names")
		}
		if rapid.Bool().Draw(t, "linked") {
			s.Entity, s.Concept = str.Draw(t, "entity"), str.Draw(t, "concept")
		}
		data, err := encodeSpan(&s)
		if err != nil {
			t.Fatal(err)
		}
		if utc != (data[0] == spanBinary) {
			t.Fatalf("utc %v, stored %q", utc, data)
		}
		var got annotate.Span
		if err := decodeSpan([]byte(s.ID), "doc", data, &got); err != nil {
			t.Fatalf("decodeSpan(%q): %v", data, err)
		}
		if utc && !reflect.DeepEqual(got, s) || !utc && (!got.Created.Equal(s.Created) || got.Label != s.Label) {
			t.Fatalf("decodeSpan(encodeSpan(%#v)) = %#v", s, got)
		}
		label, annotator, err := spanFacts([]byte(s.ID), "doc", data)
		if err != nil || label != s.Label || annotator != s.Annotator {
			t.Fatalf("spanFacts: %q %q %v", label, annotator, err)
		}
		// A damaged binary value is an error, never a panic.
		for cut := 1; cut < len(data) && utc; cut++ {
			if err := decodeSpan([]byte(s.ID), "doc", data[:cut], &got); err == nil {
				t.Fatalf("decodeSpan accepted %q, cut at %d", data, cut)
			}
		}
	})
}
