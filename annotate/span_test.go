package annotate

import (
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"
)

func TestCheckRange(t *testing.T) {
	tests := []struct {
		start, end, n int
		want          string // "" for no error
	}{
		{0, 1, 1, ""},
		{0, 10, 10, ""},
		{3, 4, 10, ""},
		{-1, 2, 10, "span -1-2: start is negative"},
		{0, 11, 10, "span 0-11 lies outside the text (10 code points)"},
		{10, 11, 10, "span 10-11 lies outside the text (10 code points)"},
		{4, 4, 10, "span 4-4: end must be after start"},
		{5, 4, 10, "span 5-4: end must be after start"},
		{0, 0, 0, "span 0-0: end must be after start"},
		{0, 1, 0, "span 0-1 lies outside the text (0 code points)"},
	}
	for _, tt := range tests {
		err := CheckRange(tt.start, tt.end, tt.n)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckRange(%d, %d, %d): %v", tt.start, tt.end, tt.n, err)
		case tt.want != "" && (err == nil || err.Error() != tt.want || ErrorCode(err) != EINVALID):
			t.Errorf("CheckRange(%d, %d, %d): %v, want EINVALID %q", tt.start, tt.end, tt.n, err, tt.want)
		}
	}
}

// CheckRange accepts exactly the ranges that slice the text into a
// non-empty piece.
func TestCheckRangeProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := rapid.StringN(0, 12, -1).Draw(t, "text")
		n := RuneCount(text)
		start := rapid.IntRange(-3, n+3).Draw(t, "start")
		end := rapid.IntRange(-3, n+3).Draw(t, "end")
		piece, ok := SliceRunes(text, start, end)
		valid := ok && RuneCount(piece) > 0
		if err := CheckRange(start, end, n); (err == nil) != valid {
			t.Fatalf("CheckRange(%d, %d, %d) = %v; the slice is %q, %v", start, end, n, err, piece, ok)
		}
	})
}

func TestSpanValidate(t *testing.T) {
	now := time.Date(2024, 10, 3, 9, 0, 0, 0, time.UTC)
	ok := NewSpan("d", 0, 5, LabelActor, "ana", now)
	tests := []struct {
		name string
		mod  func(*Span)
		want string
	}{
		{"valid", func(*Span) {}, ""},
		{"no id", func(s *Span) { s.ID = "" }, "span has no id"},
		{"no label", func(s *Span) { s.Label = "" }, "span 0-5 has no label"},
		{"outside", func(s *Span) { s.End = 11 }, "span 0-11 lies outside the text (10 code points)"},
		{"empty", func(s *Span) { s.Start = 5 }, "span 5-5: end must be after start"},
	}
	for _, tt := range tests {
		s := ok
		tt.mod(&s)
		err := s.Validate(10)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || err.Error() != tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestDuplicateSpan(t *testing.T) {
	now := time.Date(2024, 10, 3, 9, 0, 0, 0, time.UTC)
	ana := Span{ID: "a1", DocumentID: "d", Start: 12, End: 19, Label: LabelActor, Annotator: "ana", Created: now}
	spans := []Span{
		ana,
		{ID: "a2", DocumentID: "d", Start: 12, End: 19, Label: LabelClaim, Annotator: "ana"},
		{ID: "b1", DocumentID: "d", Start: 12, End: 19, Label: LabelActor, Annotator: "bob"},
	}
	tests := []struct {
		name   string
		s      Span
		wantID string // "" for none
	}{
		{"the span itself", ana, ""},
		{"same key, new id", Span{ID: "x", Start: 12, End: 19, Label: LabelActor, Annotator: "ana"}, "a1"},
		{"same key, other note and times", Span{ID: "x", Start: 12, End: 19, Label: LabelActor, Annotator: "ana", Note: "n", Created: now.Add(time.Hour)}, "a1"},
		{"other annotator", Span{ID: "x", Start: 12, End: 19, Label: LabelActor, Annotator: "cy"}, ""},
		{"other label", Span{ID: "x", Start: 12, End: 19, Label: LabelDenial, Annotator: "ana"}, ""},
		{"other end", Span{ID: "x", Start: 12, End: 20, Label: LabelActor, Annotator: "ana"}, ""},
		{"relabel onto another span", Span{ID: "a2", Start: 12, End: 19, Label: LabelActor, Annotator: "ana"}, "a1"},
	}
	for _, tt := range tests {
		got, ok := DuplicateSpan(spans, tt.s)
		if ok != (tt.wantID != "") || got.ID != tt.wantID {
			t.Errorf("%s: %+v %v, want %q", tt.name, got, ok, tt.wantID)
		}
		err := CheckDuplicate("d", spans, tt.s)
		if (err != nil) != (tt.wantID != "") || err != nil && ErrorCode(err) != ECONFLICT {
			t.Errorf("%s: CheckDuplicate: %v", tt.name, err)
		}
	}
	err := CheckDuplicate("doc-1", spans, Span{ID: "x", Start: 12, End: 19, Label: LabelActor, Annotator: "ana"})
	if want := "document doc-1 already has an ACTOR span 12–19 by ana (span id a1)"; err == nil || err.Error() != want {
		t.Errorf("message %v, want %q", err, want)
	}
	err = DuplicateSpanError("doc-1", Span{ID: "c", Start: 0, End: 3, Label: LabelClaim})
	if want := "document doc-1 already has a CLAIM span 0–3 without annotator (span id c)"; err.Error() != want {
		t.Errorf("message %v, want %q", err, want)
	}
	if got := spans[2].Describe(); got != "ACTOR 12–19 by bob" {
		t.Errorf("Describe: %q", got)
	}
}

// DuplicateSpans finds a pair exactly when two spans share a natural key,
// and DuplicateSpan agrees with it.
func TestDuplicateSpansProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 12).Draw(t, "n")
		spans := make([]Span, n)
		for i := range spans {
			spans[i] = Span{
				ID:        fmt.Sprint("s", i),
				Start:     rapid.IntRange(0, 2).Draw(t, "start"),
				End:       rapid.IntRange(3, 4).Draw(t, "end"),
				Label:     rapid.SampledFrom([]string{LabelActor, LabelClaim}).Draw(t, "label"),
				Annotator: rapid.SampledFrom([]string{"ana", "bob", ""}).Draw(t, "annotator"),
			}
		}
		keys := make(map[SpanKey]int)
		for _, s := range spans {
			keys[s.Key()]++
		}
		wantPairs := 0
		for _, c := range keys {
			wantPairs += c - 1
		}
		pairs := DuplicateSpans(spans)
		if len(pairs) != wantPairs {
			t.Fatalf("%d pairs, want %d: %+v", len(pairs), wantPairs, pairs)
		}
		for _, p := range pairs {
			if p[0].Key() != p[1].Key() || p[0].ID == p[1].ID {
				t.Fatalf("pair %+v", p)
			}
		}
		for _, s := range spans {
			_, dup := DuplicateSpan(spans, s)
			if dup != (keys[s.Key()] > 1) {
				t.Fatalf("DuplicateSpan(%+v) = %v; the key is used %d times", s, dup, keys[s.Key()])
			}
		}
	})
}
