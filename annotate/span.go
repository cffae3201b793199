package annotate

import (
	"cmp"
	"slices"
	"time"
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
}

// NewSpan returns a span with a fresh id, created and updated now.
func NewSpan(docID string, start, end int, label, annotator string, now time.Time) Span {
	now = now.UTC()
	return Span{ID: NewID(), DocumentID: docID, Start: start, End: end,
		Label: label, Annotator: annotator, Created: now, Updated: now}
}

// Validate checks the span against the length of its document's text in
// code points.
func (s *Span) Validate(textLen int) error {
	switch {
	case s.ID == "":
		return Errorf(EINVALID, "span has no id")
	case s.Label == "":
		return Errorf(EINVALID, "span %d-%d has no label", s.Start, s.End)
	case s.Start < 0 || s.End > textLen:
		return Errorf(EINVALID, "span %d-%d lies outside the text (%d code points)", s.Start, s.End, textLen)
	case s.End <= s.Start:
		return Errorf(EINVALID, "span %d-%d ends before it starts", s.Start, s.End)
	}
	return nil
}

// SpanKey identifies a span without its id: spans imported again without
// ids are recognised by it.
type SpanKey struct {
	Start, End int
	Label      string
}

// Key returns the span's SpanKey.
func (s *Span) Key() SpanKey { return SpanKey{s.Start, s.End, s.Label} }

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
