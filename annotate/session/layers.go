package session

import (
	"slices"
	"strings"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
)

// SetReviewLayer sets what the review commands (Compare, Decide) take as
// mine. With an annotator's name, a reviewer adjudicates the annotators of
// one project: mine is the open document's layer of that name (the gold
// layer being built; review.Layer), the spans a decision takes are added
// to it under that name, and their links join spans of it only. With "",
// mine is every span of the document, as when reviewing it against a
// colleague's file.
func (s *Session) SetReviewLayer(name string) { s.layer = strings.TrimSpace(name) }

// ReviewLayer returns the layer SetReviewLayer set, "" for the whole
// document.
func (s *Session) ReviewLayer() string { return s.layer }

// Layer returns an annotator's layer of the open document (review.Layer:
// their spans, the links between them, the entities and concepts they
// name) as a colleague's version of it, to compare and decide on as one
// from another file; ok is false when they did not code the document
// (review.Coded).
func (s *Session) Layer(name string) (Theirs, bool) {
	l := review.Layer(s.Record(), name)
	return Theirs{Name: name, Record: l}, review.Coded(l)
}

// Record returns the open document's record: its text, spans and
// relations, and the entities and concepts its spans name.
func (s *Session) Record() annotate.Record {
	rec := annotate.Record{Document: s.doc, Spans: slices.Clone(s.spans), Relations: slices.Clone(s.rels)}
	used := map[string]bool{}
	for _, sp := range s.spans {
		used[sp.Entity], used[sp.Concept] = true, true
	}
	for _, e := range s.entities {
		if used[e.ID] {
			if rec.Entities == nil {
				rec.Entities = map[string]annotate.Entity{}
			}
			rec.Entities[e.ID] = e
		}
	}
	for _, c := range s.concepts {
		if used[c.ID] {
			if rec.Concepts == nil {
				rec.Concepts = map[string]annotate.Concept{}
			}
			rec.Concepts[c.ID] = c
		}
	}
	return rec
}

// mine returns the open document's spans and relations that the review
// commands take as mine (SetReviewLayer).
func (s *Session) mine() ([]annotate.Span, []annotate.Relation) {
	if s.layer == "" {
		return s.spans, s.rels
	}
	l := review.Layer(annotate.Record{Spans: s.spans, Relations: s.rels}, s.layer)
	return l.Spans, l.Relations
}
