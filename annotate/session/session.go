package session

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"claimdesk/annotate"
)

// Session is what one annotation window edits: the labels and documents
// of a project, the open document with its spans and relations, the
// selection, and each document's undo history. See the package
// documentation for the model.
type Session struct {
	p         annotate.Project
	annotator string
	now       func() time.Time

	labels   annotate.LabelSet
	types    annotate.RelationTypes
	docs     []annotate.DocumentInfo
	entities []annotate.Entity  // in annotate.CompareEntities order
	concepts []annotate.Concept // in annotate.CompareConcepts order

	doc     annotate.Document   // the open document; ID "" when none is open
	textLen int                 // of doc.Text, in code points
	spans   []annotate.Span     // of doc, in annotate.CompareSpans order
	rels    []annotate.Relation // of doc, in id order

	selStart, selEnd int    // the text selection, in code points
	selSpan          string // the selected span's id, or ""

	histories map[string]*history // by document id

	layer string // what review takes as mine: an annotator's layer, or "" for every span (SetReviewLayer)
}

// New returns a session on p that records annotator on the spans it adds
// and takes their times from now (time.Now when nil). It loads the label
// set, the relation types, the document list, and the entities and
// concepts; no document is open yet (see Open and
// NextNotDone).
func New(p annotate.Project, annotator string, now func() time.Time) (*Session, error) {
	if strings.TrimSpace(annotator) == "" {
		return nil, annotate.Errorf(annotate.EINVALID, "no annotator name given: spans must record who made them")
	}
	if now == nil {
		now = time.Now
	}
	s := &Session{p: p, annotator: annotator, now: now, histories: make(map[string]*history)}
	labels, err := p.Labels()
	if err != nil {
		return nil, fmt.Errorf("read the labels of %s: %w", p.Path(), err)
	}
	types, err := p.RelationTypes()
	if err != nil {
		return nil, fmt.Errorf("read the link types of %s: %w", p.Path(), err)
	}
	docs, err := p.Documents()
	if err != nil {
		return nil, fmt.Errorf("list the documents of %s: %w", p.Path(), err)
	}
	entities, concepts, err := readNames(p)
	if err != nil {
		return nil, err
	}
	s.labels, s.types, s.docs, s.entities, s.concepts = labels, types, docs, entities, concepts
	return s, nil
}

// Project returns the project the session edits.
func (s *Session) Project() annotate.Project { return s.p }

// Annotator returns the name recorded on the spans the session adds.
func (s *Session) Annotator() string { return s.annotator }

// SetAnnotator changes the name recorded on the spans the session adds
// from now on; spans already made keep theirs. Its error is EINVALID for
// an empty name.
func (s *Session) SetAnnotator(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return annotate.Errorf(annotate.EINVALID, "no annotator name given: spans must record who made them")
	}
	s.annotator = name
	return nil
}

// Labels returns the project's label set.
func (s *Session) Labels() annotate.LabelSet { return slices.Clone(s.labels) }

// RelationTypes returns the project's relation types, as read by New or
// Reload.
func (s *Session) RelationTypes() annotate.RelationTypes { return slices.Clone(s.types) }

// Documents returns the document list in the project's order, with span
// counts and statuses kept up to date by the session's edits.
func (s *Session) Documents() []annotate.DocumentInfo { return slices.Clone(s.docs) }

// DocumentInfo returns the list entry of the document id.
func (s *Session) DocumentInfo(id string) (annotate.DocumentInfo, bool) {
	if i := s.DocumentIndex(id); i >= 0 {
		return s.docs[i], true
	}
	return annotate.DocumentInfo{}, false
}

// DocumentIndex returns the position of the document id in Documents, or
// -1. Positions change when the list is reloaded: a view may use them to
// refresh a row, never to remember a document.
func (s *Session) DocumentIndex(id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(s.docs, func(d annotate.DocumentInfo) bool { return d.ID == id })
}

// ReloadDocuments reads the document list from the project again (after
// an import, say). On error the list stays as it was.
func (s *Session) ReloadDocuments() error {
	docs, err := s.p.Documents()
	if err != nil {
		return fmt.Errorf("list the documents of %s: %w", s.p.Path(), err)
	}
	s.docs = docs
	return nil
}

// Reload reads the label set, the relation types, the document list, the
// entities and concepts, and the open document's
// spans and relations from the project again, to show what is stored
// after a failed change or an import. The selected span stays selected if
// it is still stored; the histories stay. On error nothing changes.
func (s *Session) Reload() error {
	labels, err := s.p.Labels()
	if err != nil {
		return fmt.Errorf("read the labels of %s: %w", s.p.Path(), err)
	}
	types, err := s.p.RelationTypes()
	if err != nil {
		return fmt.Errorf("read the link types of %s: %w", s.p.Path(), err)
	}
	docs, err := s.p.Documents()
	if err != nil {
		return fmt.Errorf("list the documents of %s: %w", s.p.Path(), err)
	}
	entities, concepts, err := readNames(s.p)
	if err != nil {
		return err
	}
	var (
		doc   annotate.Document
		spans []annotate.Span
		rels  []annotate.Relation
	)
	if s.doc.ID != "" {
		if doc, spans, rels, err = s.read(s.doc.ID); err != nil {
			return err
		}
	}
	s.labels, s.types, s.docs, s.entities, s.concepts = labels, types, docs, entities, concepts
	if doc.ID != "" {
		s.doc, s.spans, s.rels = doc, spans, rels
		if _, ok := s.Span(s.selSpan); !ok {
			s.selSpan = ""
		}
	}
	return nil
}

// Open makes the document id the open one, reading its text, spans and
// relations, and clears the selection. Its undo history is the one it had
// when it was last open. On error the open document stays as it was.
func (s *Session) Open(id string) error {
	doc, spans, rels, err := s.read(id)
	if err != nil {
		return err
	}
	s.doc, s.spans, s.rels = doc, spans, rels
	s.textLen = annotate.RuneCount(doc.Text)
	s.selStart, s.selEnd, s.selSpan = 0, 0, ""
	return nil
}

// read returns a document with its spans and relations.
func (s *Session) read(id string) (annotate.Document, []annotate.Span, []annotate.Relation, error) {
	doc, err := s.p.Document(id)
	if err != nil {
		return annotate.Document{}, nil, nil, fmt.Errorf("open document %s: %w", id, err)
	}
	spans, err := s.p.Spans(id)
	if err != nil {
		return annotate.Document{}, nil, nil, fmt.Errorf("read the spans of document %s: %w", id, err)
	}
	rels, err := s.p.Relations(id)
	if err != nil {
		return annotate.Document{}, nil, nil, fmt.Errorf("read the relations of document %s: %w", id, err)
	}
	slices.SortFunc(rels, compareRelations)
	return doc, spans, rels, nil
}

// Document returns the open document with its text; its ID is "" when no
// document is open.
func (s *Session) Document() annotate.Document { return s.doc }

// Spans returns the open document's spans in annotate.CompareSpans order.
func (s *Session) Spans() []annotate.Span { return slices.Clone(s.spans) }

// Relations returns the open document's relations in id order.
func (s *Session) Relations() []annotate.Relation { return slices.Clone(s.rels) }

// Span returns the open document's span id.
func (s *Session) Span(id string) (annotate.Span, bool) {
	if i := s.spanIndex(id); i >= 0 {
		return s.spans[i], true
	}
	return annotate.Span{}, false
}

// RelationsOf returns the open document's relations that start or end at
// the span id, in id order.
func (s *Session) RelationsOf(id string) []annotate.Relation {
	var out []annotate.Relation
	for _, r := range s.rels {
		if r.From == id || r.To == id {
			out = append(out, r)
		}
	}
	return out
}

// SetSelection sets the text selection of the open document, in code
// points, end exclusive. The ends are swapped when start > end and kept
// within the text. A selection that is not empty unselects the selected
// span: a text selection and a selected span exclude each other.
func (s *Session) SetSelection(start, end int) {
	if start > end {
		start, end = end, start
	}
	s.selStart, s.selEnd = min(max(start, 0), s.textLen), min(max(end, 0), s.textLen)
	if s.selEnd > s.selStart {
		s.selSpan = ""
	}
}

// Selection returns the text selection; start == end when nothing is
// selected.
func (s *Session) Selection() (start, end int) { return s.selStart, s.selEnd }

// SelectSpan makes the open document's span id the selected span and
// clears the text selection; "" unselects. Its error is ENOTFOUND for a
// span the open document does not have, and then nothing changes.
func (s *Session) SelectSpan(id string) error {
	if id != "" && s.spanIndex(id) < 0 {
		return annotate.Errorf(annotate.ENOTFOUND, "no span %s in the open document", id)
	}
	s.selSpan = id
	if id != "" {
		s.selStart, s.selEnd = 0, 0
	}
	return nil
}

// SelectedSpan returns the selected span's id, or "".
func (s *Session) SelectedSpan() string { return s.selSpan }

// NextNotDone returns the first document after the open one in list
// order, wrapping around, that is not done; with no document open, the
// first document not done. ok is false when every other document is done.
func (s *Session) NextNotDone() (id string, ok bool) {
	n := len(s.docs)
	cur := s.DocumentIndex(s.doc.ID)
	for k := 1; k <= n; k++ {
		j := (cur + k) % n
		if j == cur {
			break
		}
		if s.docs[j].Status != annotate.StatusDone {
			return s.docs[j].ID, true
		}
	}
	return "", false
}

// labelDisplay returns how the label name is shown.
func (s *Session) labelDisplay(name string) string {
	if l, ok := s.labels.Find(name); ok && l.Display != "" {
		return l.Display
	}
	return name
}

func (s *Session) spanIndex(id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(s.spans, func(sp annotate.Span) bool { return sp.ID == id })
}

// compareRelations orders relations by id, as Project.Relations lists them.
func compareRelations(a, b annotate.Relation) int { return strings.Compare(a.ID, b.ID) }
