package annotate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Span is a labelled range of a document's text, in code points, end
// exclusive.
type Span struct {
	ID         string    `json:"id"`
	DocumentID string    `json:"document_id"`
	Start      int       `json:"start"`
	End        int       `json:"end"`
	Label      string    `json:"label"`
	Annotator  string    `json:"annotator"`
	Created    time.Time `json:"created"`
	Updated    time.Time `json:"updated"`
	Note       string    `json:"note"`
	// Annotators are, for a span of a merged (gold) project, the
	// annotators who made it in the projects that were merged; nil for a
	// span someone made. It is not part of the span's natural key.
	Annotators []string `json:"annotators,omitempty"`
	// Entity is the id of the Entity an actor span names; "" for none.
	Entity string `json:"entity,omitempty"`
	// Concept is the id of the Concept a statement (a claim or denial
	// span) claims or denies; "" for none.
	Concept string `json:"concept,omitempty"`
}

// NewSpan returns a span with a fresh id, created and updated now.
func NewSpan(docID string, start, end int, label, annotator string, now time.Time) Span {
	now = now.UTC()
	return Span{ID: NewID(), DocumentID: docID, Start: start, End: end,
		Label: label, Annotator: annotator, Created: now, Updated: now}
}

// Validate checks the span against the length of its document's text in
// code points: it has an id and a label, and its offsets pass CheckRange.
func (s *Span) Validate(textLen int) error {
	switch {
	case s.ID == "":
		return Errorf(EINVALID, "span has no id")
	case s.Label == "":
		return Errorf(EINVALID, "span %d-%d has no label", s.Start, s.End)
	}
	return CheckRange(s.Start, s.End, textLen)
}

// CheckRange is the rule for a span's offsets: code points counted from
// 0, end exclusive, 0 <= start < end <= textLen. Its error is EINVALID.
func CheckRange(start, end, textLen int) error {
	switch {
	case start < 0:
		return Errorf(EINVALID, "span %d-%d: start is negative", start, end)
	case end <= start:
		return Errorf(EINVALID, "span %d-%d: end must be after start", start, end)
	case end > textLen:
		unit := "code points"
		if textLen == 1 {
			unit = "code point"
		}
		return Errorf(EINVALID, "span %d-%d lies outside the text (%d %s)", start, end, textLen, unit)
	}
	return nil
}

// SpanKey is a span's natural key: a span is identified by its id, and no
// two spans of a document may share a SpanKey. Spans imported again
// without ids are recognised by it.
type SpanKey struct {
	Start, End int
	Label      string
	Annotator  string
}

// Key returns the span's SpanKey.
func (s *Span) Key() SpanKey { return SpanKey{s.Start, s.End, s.Label, s.Annotator} }

// DuplicateSpan returns a span of spans, other than s itself (a span with
// s's id), that has s's natural key, and whether there is one.
func DuplicateSpan(spans []Span, s Span) (Span, bool) {
	k := s.Key()
	for _, t := range spans {
		if t.ID != s.ID && t.Key() == k {
			return t, true
		}
	}
	return Span{}, false
}

// CheckDuplicate returns an ECONFLICT error naming the span of spans that
// has s's natural key (see DuplicateSpan), or nil when there is none.
// docID names the document in the message.
func CheckDuplicate(docID string, spans []Span, s Span) error {
	if t, ok := DuplicateSpan(spans, s); ok {
		return DuplicateSpanError(docID, t)
	}
	return nil
}

// DuplicateSpanError is the ECONFLICT error for a span whose natural key
// is the key of existing, a span of the document docID.
func DuplicateSpanError(docID string, existing Span) *Error {
	return Errorf(ECONFLICT, "document %s already has %s (span id %s)", docID, describeSpan(existing), existing.ID)
}

// DuplicateSpans returns the pairs of spans that share a natural key: for
// each span that repeats the key of an earlier one, the earlier one and
// itself, in the order of spans.
func DuplicateSpans(spans []Span) [][2]Span {
	first := make(map[SpanKey]int, len(spans))
	var dups [][2]Span
	for i, s := range spans {
		if j, ok := first[s.Key()]; ok {
			dups = append(dups, [2]Span{spans[j], s})
			continue
		}
		first[s.Key()] = i
	}
	return dups
}

// describeSpan names a span by its natural key for a message: "an ACTOR
// span 12–19 by ana".
func describeSpan(s Span) string {
	return fmt.Sprintf("%s %s span %d–%d %s", indefinite(s.Label), s.Label, s.Start, s.End, s.by())
}

// Describe names the span by its natural key for a message: "ACTOR 12–19
// by ana".
func (s *Span) Describe() string {
	return fmt.Sprintf("%s %d–%d %s", s.Label, s.Start, s.End, s.by())
}

// by returns "by ANNOTATOR", or "without annotator".
func (s *Span) by() string {
	if s.Annotator == "" {
		return "without annotator"
	}
	return "by " + s.Annotator
}

// indefinite returns the indefinite article for word: "an" before a vowel
// letter, else "a".
func indefinite(word string) string {
	r, _ := utf8.DecodeRuneInString(word)
	if strings.ContainsRune("AEIOUaeiou", r) {
		return "an"
	}
	return "a"
}

// CompareSpans orders spans by start, then end descending (outer spans
// before the spans they contain), then label and id, so the order is total.
func CompareSpans(a, b Span) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(b.End, a.End); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Label, b.Label); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// SortSpans sorts spans in CompareSpans order.
func SortSpans(spans []Span) { slices.SortFunc(spans, CompareSpans) }
