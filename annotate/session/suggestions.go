package session

import (
	"fmt"
	"slices"

	"claimdesk/annotate"
	"claimdesk/annotate/suggest"
)

// AcceptSuggestions makes suggestions of the open document (found by
// annotate/suggest, labelled with labels) the coder's own, as one command
// of its history: one transaction (Project.ApplyEdit) and one undo step,
// however many there are. Each becomes an actor span, a claim or denial
// span and a SOURCE link from the statement to the actor, by the
// session's annotator; a span the coder already has (same range and
// label) is used rather than made again, an actor named by several
// suggestions is one span, and a link already there is not added twice.
// An actor whose suggestion names one of the project's entities names it.
// name says what the command does ("accept 3 suggestions"). Its error is
// EINVALID when there is nothing to add.
func (s *Session) AcceptSuggestions(name string, sugs []suggest.Suggestion, labels suggest.Labels) (Effect, error) {
	if err := s.editable(); err != nil {
		return Effect{}, err
	}
	if labels.Actor == "" || labels.Source == "" {
		return Effect{}, annotate.Errorf(annotate.EINVALID, "%s: the project has no %s link to an actor", name, annotate.RelationSource)
	}
	now := s.now()
	edit := annotate.Edit{DocumentID: s.doc.ID}
	made := map[[3]any]string{} // (start, end, label) → id of a span the edit adds
	spanFor := func(r suggest.Range, label, entity string) string {
		key := [3]any{r.Start, r.End, label}
		if id, ok := made[key]; ok {
			return id
		}
		for _, sp := range s.spans {
			if sp.Start == r.Start && sp.End == r.End && sp.Label == label && sp.Annotator == s.annotator {
				return sp.ID
			}
		}
		sp := annotate.NewSpan(s.doc.ID, r.Start, r.End, label, s.annotator, now)
		sp.Entity = entity
		edit.Spans = append(edit.Spans, annotate.SpanChange{After: sp})
		made[key] = sp.ID
		return sp.ID
	}
	linked := map[[2]string]bool{}
	for _, r := range s.rels {
		if r.Type == labels.Source {
			linked[[2]string{r.From, r.To}] = true
		}
	}
	for _, sg := range sugs {
		label := labels.Claim
		if sg.Denial {
			label = labels.Denial
		}
		if label == "" {
			continue
		}
		actor := spanFor(sg.Actor, labels.Actor, sg.Entity)
		stmt := spanFor(sg.Statement, label, "")
		if linked[[2]string{stmt, actor}] {
			continue
		}
		linked[[2]string{stmt, actor}] = true
		edit.AddRelations = append(edit.AddRelations, annotate.Relation{ID: annotate.NewID(), Type: labels.Source, From: stmt, To: actor})
	}
	if len(edit.Spans) == 0 && len(edit.AddRelations) == 0 {
		return Effect{}, annotate.Errorf(annotate.EINVALID, "%s: you have those spans and links already", name)
	}
	return s.Do(&editCommand{name: name, edit: edit})
}

// SuggestionMemory is a project that remembers the suggestions coders
// rejected, by document and suggest.Suggestion.Key (store.Store is one):
// RejectedSuggestions lists them, RejectSuggestions records them in one
// transaction, UnrejectSuggestions forgets them in one.
type SuggestionMemory interface {
	RejectedSuggestions(docID string) (map[string]bool, error)
	RejectSuggestions(docID string, keys []string, annotator string) error
	UnrejectSuggestions(docID string, keys []string) error
}

// RejectSuggestions records that the coder rejected suggestions of the
// open document, so that they are not offered again for it
// (suggest.Pending), as one command of its history: one transaction and
// one undo step, whose undo offers them again (those rejected before
// stay rejected). name says what the command does ("reject a
// suggestion"). Its error is EINVALID without suggestions not rejected
// yet, or when the project cannot remember rejections (it is no
// SuggestionMemory).
func (s *Session) RejectSuggestions(name string, sugs []suggest.Suggestion) (Effect, error) {
	if err := s.editable(); err != nil {
		return Effect{}, err
	}
	if len(sugs) == 0 {
		return Effect{}, annotate.Errorf(annotate.EINVALID, "%s: no suggestions", name)
	}
	mem, ok := s.p.(SuggestionMemory)
	if !ok {
		return Effect{}, annotate.Errorf(annotate.EINVALID, "%s: project %s cannot remember rejected suggestions", name, s.p.Path())
	}
	before, err := mem.RejectedSuggestions(s.doc.ID)
	if err != nil {
		return Effect{}, fmt.Errorf("%s: %w", name, err)
	}
	var keys []string
	for _, sg := range suggest.Pending(sugs, before) {
		if k := sg.Key(); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return Effect{}, annotate.Errorf(annotate.EINVALID, "%s: rejected already", name)
	}
	return s.Do(&rejectSuggestions{doc: s.doc.ID, name: name, keys: keys, annotator: s.annotator})
}

// rejectSuggestions records rejected suggestions of a document (by their
// keys); its inverse forgets them.
type rejectSuggestions struct {
	doc, name, annotator string
	keys                 []string
	undo                 bool // the inverse: offer them again
}

func (c *rejectSuggestions) Name() string       { return c.name }
func (c *rejectSuggestions) DocumentID() string { return c.doc }

func (c *rejectSuggestions) Apply(p annotate.Project) (Effect, error) {
	mem, ok := p.(SuggestionMemory)
	if !ok {
		return Effect{}, annotate.Errorf(annotate.EINVALID, "project %s cannot remember rejected suggestions", p.Path())
	}
	var err error
	if c.undo {
		err = mem.UnrejectSuggestions(c.doc, c.keys)
	} else {
		err = mem.RejectSuggestions(c.doc, c.keys, c.annotator)
	}
	if err != nil {
		return Effect{}, err
	}
	return Effect{DocumentID: c.doc, Rejected: true}, nil
}

func (c *rejectSuggestions) Inverse() Command {
	return &rejectSuggestions{doc: c.doc, name: c.name, annotator: c.annotator, keys: c.keys, undo: !c.undo}
}
