package session

import (
	"strings"

	"claimdesk/annotate"
)

// NameEntity is the answer to E on an actor span: the span spanID names
// the entity called e.Name (NameKey: in any letters), which is created
// when the project has none by that name, and that entity gets e's kind
// and affiliation. It is one step of the history and one transaction
// (Project.ApplyEdit), however many of those
// changes it makes (SetEntity and EditEntity in one); nothing changes
// when the span names that entity already, described so. A blank name
// clears the span's entity, as SetEntity does.
func (s *Session) NameEntity(spanID string, e annotate.Entity) (Effect, error) {
	name := strings.TrimSpace(e.Name)
	if name == "" {
		return s.SetEntity(spanID, "")
	}
	sp, err := s.editableSpan(spanID)
	if err != nil {
		return Effect{}, err
	}
	if !s.types.EntityLabel(sp.Label) {
		return Effect{}, annotate.Errorf(annotate.EINVALID, "Only actor spans name an actor, not %s span", s.article(sp.Label))
	}
	edit := annotate.Edit{DocumentID: sp.DocumentID}
	target, found := s.EntityByName(name)
	if !found {
		target = annotate.Entity{ID: annotate.NewID(), Name: name, Kind: e.Kind, Affiliation: e.Affiliation}.Clean()
		if err := target.Validate(); err != nil {
			return Effect{}, err
		}
		edit.AddEntities = []annotate.Entity{target}
	} else {
		old := target
		target.Kind, target.Affiliation = e.Kind, e.Affiliation
		if target = target.Clean(); !target.Equal(old) {
			if err := target.Validate(); err != nil {
				return Effect{}, err
			}
			edit.ChangeEntities = []annotate.EntityChange{{Before: old, After: target}}
		}
	}
	if sp.Entity != target.ID {
		after := sp
		after.Entity = target.ID
		edit.Spans = []annotate.SpanChange{{Before: sp, After: after}}
	}
	if len(edit.AddEntities)+len(edit.ChangeEntities)+len(edit.Spans) == 0 {
		return Effect{}, nil
	}
	return s.Do(&editCommand{name: "set actor " + target.Name, edit: edit})
}
