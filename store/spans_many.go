package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"claimdesk/annotate"
)

// AddSpans stores new spans, of one document or several, in one
// transaction: all of them or, on the first error, none. Each is checked
// as AddSpan checks it, and the spans already in the call count (two spans
// of the call with one natural key are an ECONFLICT). Each document that
// gets a span takes the status Status.AfterSpanAdded. The error names the
// span that was refused.
func (s *Store) AddSpans(spans []annotate.Span) error {
	if len(spans) == 0 {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error {
		for i := range spans {
			if err := addSpan(tx, spans[i]); err != nil {
				return fmt.Errorf("span %d of %d (%s, %d–%d): %w", i+1, len(spans), spans[i].Label, spans[i].Start, spans[i].End, err)
			}
		}
		return nil
	})
}

// DeleteSpans removes spans, of one document or several, and the
// relations that start or end at them, in one transaction (all or, on the
// first error, none), and returns those relations: the undo of AddSpans.
// Errors: those of DeleteSpan, naming the span.
func (s *Store) DeleteSpans(refs []annotate.SpanRef) ([]annotate.Relation, error) {
	var gone []annotate.Relation
	err := s.update(func(tx *bolt.Tx) error {
		gone = gone[:0]
		for i, r := range refs {
			rels, err := deleteSpan(tx, r.DocumentID, r.SpanID)
			if err != nil {
				return fmt.Errorf("span %d of %d (%s of document %s): %w", i+1, len(refs), r.SpanID, r.DocumentID, err)
			}
			gone = append(gone, rels...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return gone, nil
}
