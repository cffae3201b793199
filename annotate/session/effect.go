package session

import (
	"slices"

	"claimdesk/annotate"
)

// Effect is what one applied command changed in one document, so that a
// view can update incrementally: add, remove or redraw single spans
// instead of laying out the whole text again.
type Effect struct {
	// DocumentID is the document that changed; "" for an Effect that
	// changed nothing.
	DocumentID string
	// Added are spans now stored that were not before.
	Added []annotate.Span
	// Removed are spans no longer stored.
	Removed []annotate.Span
	// Updated are spans whose label or note changed, as they are now.
	Updated []annotate.Span
	// AddedRelations are relations now stored that were not before.
	AddedRelations []annotate.Relation
	// RemovedRelations are relations no longer stored (for instance those
	// of a deleted span).
	RemovedRelations []annotate.Relation
	// StatusChanged reports that the document's status is now Status. The
	// Session sets it also for the change a project makes on its own: a
	// todo document becomes in_progress when a span is added to it.
	StatusChanged bool
	// Status is the document's new status when StatusChanged is true.
	Status annotate.Status
	// Entities are the entities (actors) the command stored, new or
	// changed, as they are now; RemovedEntities the ids of those it
	// removed. Entities belong to the project, not to DocumentID.
	Entities        []annotate.Entity
	RemovedEntities []string
	// Concepts and RemovedConcepts are the same for concepts.
	Concepts        []annotate.Concept
	RemovedConcepts []string
	// Repointed are the spans, of any document, whose entity or concept
	// the command changed. The Session adds those of the open document,
	// as they are now, to Updated.
	Repointed []Repoint
	// Decisions reports that the document's review decisions changed
	// (Session.Decide, and its undo).
	Decisions bool
	// Rejected reports that the document's rejected suggestions changed
	// (Session.RejectSuggestions, and its undo).
	Rejected bool
	// Elsewhere is the number of spans the command added (negative:
	// removed) in documents other than DocumentID, by document id, as
	// tagging mentions in the whole project does. The Session keeps its
	// list of documents with them: their span counts, and a todo document
	// that gets spans becomes in_progress, as the project makes it.
	Elsewhere map[string]int
}

// Repoint says that a span now names another entity, or has another
// concept.
type Repoint struct {
	Span annotate.SpanRef
	// Concept is true when the span's concept changed, false when its
	// entity did.
	Concept bool
	// To is the id of the entity or concept the span now has; "" none.
	To string
}

// Empty reports whether the effect changed nothing.
func (e Effect) Empty() bool {
	return len(e.Added) == 0 && len(e.Removed) == 0 && len(e.Updated) == 0 &&
		len(e.AddedRelations) == 0 && len(e.RemovedRelations) == 0 && !e.StatusChanged &&
		len(e.Entities) == 0 && len(e.RemovedEntities) == 0 && len(e.Concepts) == 0 &&
		len(e.RemovedConcepts) == 0 && len(e.Repointed) == 0 && !e.Decisions && !e.Rejected && len(e.Elsewhere) == 0
}

// absorb folds the effect of an applied command into the session's state
// and returns it, completed with the status change the project made on its
// own: a todo document becomes in_progress when a span is added to it.
// Spans added to the open document become the selected span.
func (s *Session) absorb(eff Effect) Effect {
	s.absorbNames(eff)
	i := s.DocumentIndex(eff.DocumentID)
	open := eff.DocumentID != "" && eff.DocumentID == s.doc.ID
	if !eff.StatusChanged && len(eff.Added) > 0 {
		var st annotate.Status
		switch {
		case i >= 0:
			st = s.docs[i].Status
		case open:
			st = s.doc.Status
		}
		if st == annotate.StatusTodo {
			eff.StatusChanged, eff.Status = true, annotate.StatusInProgress
		}
	}
	if i >= 0 {
		s.docs[i].Spans += len(eff.Added) - len(eff.Removed)
		if eff.StatusChanged {
			s.docs[i].Status = eff.Status
		}
	}
	for id, n := range eff.Elsewhere {
		if j := s.DocumentIndex(id); j >= 0 && id != eff.DocumentID {
			s.docs[j].Spans += n
			if n > 0 {
				s.docs[j].Status = s.docs[j].Status.AfterSpanAdded()
			}
		}
	}
	if !open {
		return eff
	}
	if eff.StatusChanged {
		s.doc.Status = eff.Status
	}
	for _, sp := range eff.Removed {
		s.dropSpan(sp.ID)
		if s.selSpan == sp.ID {
			s.selSpan = ""
		}
	}
	for _, sp := range eff.Updated {
		s.dropSpan(sp.ID)
		s.insertSpan(sp)
	}
	for _, rp := range eff.Repointed {
		if rp.Span.DocumentID != s.doc.ID {
			continue
		}
		if j := s.spanIndex(rp.Span.SpanID); j >= 0 {
			if rp.Concept {
				s.spans[j].Concept = rp.To
			} else {
				s.spans[j].Entity = rp.To
			}
			eff.Updated = append(eff.Updated, s.spans[j])
		}
	}
	for _, sp := range eff.Added {
		s.dropSpan(sp.ID)
		s.insertSpan(sp)
		s.selSpan = sp.ID
		s.selStart, s.selEnd = 0, 0
	}
	for _, r := range eff.RemovedRelations {
		s.rels = slices.DeleteFunc(s.rels, func(x annotate.Relation) bool { return x.ID == r.ID })
	}
	for _, r := range eff.AddedRelations {
		s.rels = slices.DeleteFunc(s.rels, func(x annotate.Relation) bool { return x.ID == r.ID })
		j, _ := slices.BinarySearchFunc(s.rels, r, compareRelations)
		s.rels = slices.Insert(s.rels, j, r)
	}
	return eff
}

// absorbNames folds the entities and concepts an effect stored and
// removed into the session's lists.
func (s *Session) absorbNames(eff Effect) {
	for _, e := range eff.Entities {
		s.entities = slices.DeleteFunc(s.entities, func(x annotate.Entity) bool { return x.ID == e.ID })
		j, _ := slices.BinarySearchFunc(s.entities, e, annotate.CompareEntities)
		s.entities = slices.Insert(s.entities, j, e)
	}
	for _, id := range eff.RemovedEntities {
		s.entities = slices.DeleteFunc(s.entities, func(x annotate.Entity) bool { return x.ID == id })
	}
	for _, c := range eff.Concepts {
		s.concepts = slices.DeleteFunc(s.concepts, func(x annotate.Concept) bool { return x.ID == c.ID })
		j, _ := slices.BinarySearchFunc(s.concepts, c, annotate.CompareConcepts)
		s.concepts = slices.Insert(s.concepts, j, c)
	}
	for _, id := range eff.RemovedConcepts {
		s.concepts = slices.DeleteFunc(s.concepts, func(x annotate.Concept) bool { return x.ID == id })
	}
}

// insertSpan adds sp to the open document's spans, in order.
func (s *Session) insertSpan(sp annotate.Span) {
	j, _ := slices.BinarySearchFunc(s.spans, sp, annotate.CompareSpans)
	s.spans = slices.Insert(s.spans, j, sp)
}

// dropSpan removes the span id from the open document's spans.
func (s *Session) dropSpan(id string) {
	if j := s.spanIndex(id); j >= 0 {
		s.spans = slices.Delete(s.spans, j, j+1)
	}
}
