package session

import (
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
