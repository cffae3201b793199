package session

import (
	"fmt"
	"slices"
	"strings"

	"claimdesk/annotate"
)

// The entities (actors) and concepts of a project belong to no document,
// but every command lives in one document's history: the edits below
// that change an entity or concept itself (RenameEntity, EditEntity,
// MergeEntities, RenameConcept) go into the open document's history, and
// are undone from there.

// readNames returns the project's entities and concepts.
func readNames(p annotate.Project) ([]annotate.Entity, []annotate.Concept, error) {
	entities, err := p.Entities()
	if err != nil {
		return nil, nil, fmt.Errorf("read the actors of %s: %w", p.Path(), err)
	}
	concepts, err := p.Concepts()
	if err != nil {
		return nil, nil, fmt.Errorf("read the concepts of %s: %w", p.Path(), err)
	}
	return entities, concepts, nil
}

// Entities returns the project's entities (actors) in
// annotate.CompareEntities order, kept up to date by the session's edits.
func (s *Session) Entities() []annotate.Entity { return slices.Clone(s.entities) }

// Concepts returns the project's concepts in annotate.CompareConcepts
// order, kept up to date by the session's edits.
func (s *Session) Concepts() []annotate.Concept { return slices.Clone(s.concepts) }

// Entity returns the entity id.
func (s *Session) Entity(id string) (annotate.Entity, bool) {
	i := slices.IndexFunc(s.entities, func(e annotate.Entity) bool { return e.ID == id })
	if i < 0 || id == "" {
		return annotate.Entity{}, false
	}
	return s.entities[i], true
}

// Concept returns the concept id.
func (s *Session) Concept(id string) (annotate.Concept, bool) {
	i := slices.IndexFunc(s.concepts, func(c annotate.Concept) bool { return c.ID == id })
	if i < 0 || id == "" {
		return annotate.Concept{}, false
	}
	return s.concepts[i], true
}

// EntityByName returns the entity called name, by its name or one of its
// aliases, ignoring case and spacing (annotate.Entity.Called).
func (s *Session) EntityByName(name string) (annotate.Entity, bool) {
	return annotate.EntityCalled(s.entities, name)
}

// ConceptByName returns the concept called name, ignoring case and
// spacing (annotate.NameKey).
func (s *Session) ConceptByName(name string) (annotate.Concept, bool) {
	key := annotate.NameKey(name)
	i := slices.IndexFunc(s.concepts, func(c annotate.Concept) bool { return annotate.NameKey(c.Name) == key })
	if i < 0 {
		return annotate.Concept{}, false
	}
	return s.concepts[i], true
}

// SetEntity makes the open document's actor span spanID name the entity
// called name (ignoring case and spacing), creating that entity (of
// unknown kind) when the project has none of that name; "" makes the span
// name none. It is one command and one transaction: undoing it gives the span its former
// entity back and removes an entity it created. The Effect's Updated
// holds the span. Errors: ENOTFOUND for an unknown span; EINVALID when the
// span is not an actor span (annotate.RelationTypes.EntityLabel).
func (s *Session) SetEntity(spanID, name string) (Effect, error) {
	sp, err := s.editableSpan(spanID)
	if err != nil {
		return Effect{}, err
	}
	name = strings.TrimSpace(name)
	if name != "" && !s.types.EntityLabel(sp.Label) {
		return Effect{}, annotate.Errorf(annotate.EINVALID, "Only actor spans name an actor, not %s span", s.article(sp.Label))
	}
	set := &setSpanRef{ref: annotate.SpanRef{DocumentID: sp.DocumentID, SpanID: sp.ID}, old: sp.Entity}
	if name == "" {
		if sp.Entity == "" {
			return Effect{}, nil
		}
		return s.Do(set)
	}
	if e, ok := s.EntityByName(name); ok {
		if e.ID == sp.Entity {
			return Effect{}, nil
		}
		set.new = e.ID
		return s.Do(set)
	}
	e := annotate.Entity{ID: annotate.NewID(), Name: name}
	if err := e.Validate(); err != nil {
		return Effect{}, err
	}
	after := sp
	after.Entity = e.ID
	return s.Do(&editCommand{name: "set actor " + name, edit: annotate.Edit{DocumentID: sp.DocumentID,
		AddEntities: []annotate.Entity{e.Clean()}, Spans: []annotate.SpanChange{{Before: sp, After: after}}}})
}

// SetConcept gives the open document's statement spanID (a claim or
// denial) the concept called name (ignoring case and spacing), creating
// that concept when the project has none of that name; "" gives it none.
// It is one command, undone as SetEntity is. Errors: ENOTFOUND for an
// unknown span; EINVALID when the span is not a statement
// (annotate.RelationTypes.ConceptLabel).
func (s *Session) SetConcept(spanID, name string) (Effect, error) {
	sp, err := s.editableSpan(spanID)
	if err != nil {
		return Effect{}, err
	}
	name = strings.TrimSpace(name)
	if name != "" && !s.types.ConceptLabel(sp.Label) {
		return Effect{}, annotate.Errorf(annotate.EINVALID, "Only claims and denials have a concept, not %s span", s.article(sp.Label))
	}
	set := &setSpanRef{ref: annotate.SpanRef{DocumentID: sp.DocumentID, SpanID: sp.ID}, concept: true, old: sp.Concept}
	if name == "" {
		if sp.Concept == "" {
			return Effect{}, nil
		}
		return s.Do(set)
	}
	if c, ok := s.ConceptByName(name); ok {
		if c.ID == sp.Concept {
			return Effect{}, nil
		}
		set.new = c.ID
		return s.Do(set)
	}
	c := annotate.Concept{ID: annotate.NewID(), Name: name}
	if err := c.Validate(); err != nil {
		return Effect{}, err
	}
	after := sp
	after.Concept = c.ID
	return s.Do(&editCommand{name: "set concept " + name, edit: annotate.Edit{DocumentID: sp.DocumentID,
		AddConcepts: []annotate.Concept{c.Clean()}, Spans: []annotate.SpanChange{{Before: sp, After: after}}}})
}

// RenameEntity gives the entity id the name newName (trimmed), as one
// command in the open document's history. Errors: ENOTFOUND for an unknown
// entity; EINVALID for a blank name; ECONFLICT when another entity has the
// name (ignoring case and spacing).
func (s *Session) RenameEntity(id, newName string) (Effect, error) {
	e, ok := s.Entity(id)
	if !ok {
		return Effect{}, annotate.Errorf(annotate.ENOTFOUND, "no actor %s in the project", id)
	}
	e.Name = newName
	return s.EditEntity(e)
}

// EditEntity stores e, an entity of the project (by id) with another
// name, kind, affiliation or aliases, as one command in the open
// document's history; it is cleaned first (annotate.Entity.Clean).
// Errors: ENOTFOUND for an unknown entity; EINVALID when
// annotate.Entity.Validate refuses it (a blank name, an unknown kind, a
// bad alias); ECONFLICT when a name or alias of e is one of another
// entity (annotate.Entity.NameClash).
func (s *Session) EditEntity(e annotate.Entity) (Effect, error) {
	if err := s.editable(); err != nil {
		return Effect{}, err
	}
	old, ok := s.Entity(e.ID)
	if !ok {
		return Effect{}, annotate.Errorf(annotate.ENOTFOUND, "no actor %s in the project", e.ID)
	}
	e = e.Clean()
	if e.Equal(old) {
		return Effect{}, nil
	}
	if err := e.Validate(); err != nil {
		return Effect{}, err
	}
	for _, o := range s.entities {
		if err := e.NameClash(o); err != nil {
			return Effect{}, err
		}
	}
	return s.Do(&putEntity{docID: s.doc.ID, old: &old, new: e})
}

// RenameConcept gives the concept id the name newName (trimmed), as one
// command in the open document's history. Errors: ENOTFOUND for an
// unknown concept; EINVALID for a blank name; ECONFLICT when another
// concept has the name (ignoring case and spacing).
func (s *Session) RenameConcept(id, newName string) (Effect, error) {
	if err := s.editable(); err != nil {
		return Effect{}, err
	}
	old, ok := s.Concept(id)
	if !ok {
		return Effect{}, annotate.Errorf(annotate.ENOTFOUND, "no concept %s in the project", id)
	}
	c := annotate.Concept{ID: id, Name: newName}.Clean()
	if c == old {
		return Effect{}, nil
	}
	if err := c.Validate(); err != nil {
		return Effect{}, err
	}
	if other, ok := s.ConceptByName(c.Name); ok && other.ID != c.ID {
		return Effect{}, annotate.Errorf(annotate.ECONFLICT, "The project already has a concept called %q", other.Name)
	}
	return s.Do(&putConcept{docID: s.doc.ID, old: &old, new: c})
}

// MergeEntities makes every span of the project that names the entity
// goneID name keepID, gives keepID the names of goneID as aliases
// (annotate.Entity.Absorb) and removes goneID, as one command in the open
// document's history; undoing it stores goneID again, keepID as it was,
// and makes the spans it moved name goneID again. Errors: ENOTFOUND for an unknown entity;
// EINVALID when keepID is goneID.
func (s *Session) MergeEntities(keepID, goneID string) (Effect, error) {
	if err := s.editable(); err != nil {
		return Effect{}, err
	}
	keep, ok := s.Entity(keepID)
	if !ok {
		return Effect{}, annotate.Errorf(annotate.ENOTFOUND, "no actor %s in the project", keepID)
	}
	gone, ok := s.Entity(goneID)
	if !ok {
		return Effect{}, annotate.Errorf(annotate.ENOTFOUND, "no actor %s in the project", goneID)
	}
	if keepID == goneID {
		return Effect{}, annotate.Errorf(annotate.EINVALID, "An actor cannot be merged into itself")
	}
	return s.Do(&mergeEntities{docID: s.doc.ID, keep: keep, gone: gone})
}

// article returns the label as shown with its indefinite article: "a
// Claim".
func (s *Session) article(label string) string {
	d := s.labelDisplay(label)
	if d != "" && strings.ContainsRune("AEIOUaeiou", rune(d[0])) {
		return "an " + d
	}
	return "a " + d
}

// setSpanRef changes a span's entity (or, with concept, its concept) from
// old to new (Project.SetSpanEntity, SetSpanConcept).
type setSpanRef struct {
	ref      annotate.SpanRef
	concept  bool
	old, new string
}

func (c *setSpanRef) Name() string {
	what := "actor"
	if c.concept {
		what = "concept"
	}
	if c.new == "" {
		return "clear " + what
	}
	return "set " + what
}

func (c *setSpanRef) DocumentID() string { return c.ref.DocumentID }

func (c *setSpanRef) Apply(p annotate.Project) (Effect, error) {
	var err error
	if c.concept {
		err = p.SetSpanConcept(c.ref.DocumentID, c.ref.SpanID, c.new)
	} else {
		err = p.SetSpanEntity(c.ref.DocumentID, c.ref.SpanID, c.new)
	}
	if err != nil {
		return Effect{}, err
	}
	return Effect{DocumentID: c.ref.DocumentID, Repointed: []Repoint{{Span: c.ref, Concept: c.concept, To: c.new}}}, nil
}

func (c *setSpanRef) Inverse() Command {
	return &setSpanRef{ref: c.ref, concept: c.concept, old: c.new, new: c.old}
}

// putEntity stores an entity: a new one (old nil), whose inverse removes
// it, or a changed one, whose inverse stores old again.
type putEntity struct {
	docID string
	old   *annotate.Entity
	new   annotate.Entity
}

func (c *putEntity) Name() string {
	switch {
	case c.old == nil:
		return "add actor " + c.new.Name
	case c.old.Name != c.new.Name:
		return "rename actor " + c.old.Name + " → " + c.new.Name
	}
	return "edit actor " + c.new.Name
}

func (c *putEntity) DocumentID() string { return c.docID }

func (c *putEntity) Apply(p annotate.Project) (Effect, error) {
	if err := p.PutEntity(c.new); err != nil {
		return Effect{}, err
	}
	return Effect{DocumentID: c.docID, Entities: []annotate.Entity{c.new.Clean()}}, nil
}

func (c *putEntity) Inverse() Command {
	if c.old == nil {
		return &deleteEntity{docID: c.docID, e: c.new}
	}
	nu := c.new
	return &putEntity{docID: c.docID, old: &nu, new: *c.old}
}

// deleteEntity removes an entity no span names; its inverse stores it
// again.
type deleteEntity struct {
	docID string
	e     annotate.Entity
}

func (c *deleteEntity) Name() string       { return "remove actor " + c.e.Name }
func (c *deleteEntity) DocumentID() string { return c.docID }

func (c *deleteEntity) Apply(p annotate.Project) (Effect, error) {
	if err := p.DeleteEntity(c.e.ID); err != nil {
		return Effect{}, err
	}
	return Effect{DocumentID: c.docID, RemovedEntities: []string{c.e.ID}}, nil
}

func (c *deleteEntity) Inverse() Command { return &putEntity{docID: c.docID, new: c.e} }

// putConcept stores a concept, as putEntity stores an entity.
type putConcept struct {
	docID string
	old   *annotate.Concept
	new   annotate.Concept
}

func (c *putConcept) Name() string {
	if c.old == nil {
		return "add concept " + c.new.Name
	}
	return "rename concept " + c.old.Name + " → " + c.new.Name
}

func (c *putConcept) DocumentID() string { return c.docID }

func (c *putConcept) Apply(p annotate.Project) (Effect, error) {
	if err := p.PutConcept(c.new); err != nil {
		return Effect{}, err
	}
	return Effect{DocumentID: c.docID, Concepts: []annotate.Concept{c.new.Clean()}}, nil
}

func (c *putConcept) Inverse() Command {
	if c.old == nil {
		return &deleteConcept{docID: c.docID, c: c.new}
	}
	nu := c.new
	return &putConcept{docID: c.docID, old: &nu, new: *c.old}
}

// deleteConcept removes a concept no span has; its inverse stores it
// again.
type deleteConcept struct {
	docID string
	c     annotate.Concept
}

func (c *deleteConcept) Name() string       { return "remove concept " + c.c.Name }
func (c *deleteConcept) DocumentID() string { return c.docID }

func (c *deleteConcept) Apply(p annotate.Project) (Effect, error) {
	if err := p.DeleteConcept(c.c.ID); err != nil {
		return Effect{}, err
	}
	return Effect{DocumentID: c.docID, RemovedConcepts: []string{c.c.ID}}, nil
}

func (c *deleteConcept) Inverse() Command { return &putConcept{docID: c.docID, new: c.c} }

// mergeEntities merges the entity gone into keep (Project.MergeEntities:
// keep gets gone's names as aliases) and records what the merge did; its
// inverse (restoreEntity) stores gone and keep as they were and makes the
// spans name gone again.
type mergeEntities struct {
	docID string
	keep  annotate.Entity
	gone  annotate.Entity
	done  annotate.EntityMerge // set by a successful Apply
}

func (c *mergeEntities) Name() string {
	return "merge actor " + c.gone.Name + " into " + c.keep.Name
}

func (c *mergeEntities) DocumentID() string { return c.docID }

func (c *mergeEntities) Apply(p annotate.Project) (Effect, error) {
	m, err := p.MergeEntities(c.keep.ID, c.gone.ID)
	if err != nil {
		return Effect{}, err
	}
	c.done = m
	return Effect{DocumentID: c.docID, Entities: []annotate.Entity{m.Merged}, RemovedEntities: []string{c.gone.ID},
		Repointed: repoints(m.Spans, c.keep.ID)}, nil
}

func (c *mergeEntities) Inverse() Command {
	m := c.done
	m.Spans = slices.Clone(m.Spans)
	return &restoreEntity{docID: c.docID, keep: c.keep, gone: c.gone, merge: m}
}

// restoreEntity undoes mergeEntities (Project.RestoreEntity); its inverse
// merges again.
type restoreEntity struct {
	docID string
	keep  annotate.Entity
	gone  annotate.Entity
	merge annotate.EntityMerge
}

func (c *restoreEntity) Name() string {
	return "merge actor " + c.gone.Name + " into " + c.keep.Name
}

func (c *restoreEntity) DocumentID() string { return c.docID }

func (c *restoreEntity) Apply(p annotate.Project) (Effect, error) {
	if err := p.RestoreEntity(c.gone, c.merge); err != nil {
		return Effect{}, err
	}
	ents := []annotate.Entity{c.gone.Clean()}
	if c.merge.Kept.ID != "" {
		ents = append(ents, c.merge.Kept.Clean())
	}
	return Effect{DocumentID: c.docID, Entities: ents, Repointed: repoints(c.merge.Spans, c.gone.ID)}, nil
}

func (c *restoreEntity) Inverse() Command {
	return &mergeEntities{docID: c.docID, keep: c.keep, gone: c.gone}
}

// repoints says that the spans now name the entity to.
func repoints(spans []annotate.SpanRef, to string) []Repoint {
	out := make([]Repoint, len(spans))
	for i, ref := range spans {
		out[i] = Repoint{Span: ref, To: to}
	}
	return out
}
