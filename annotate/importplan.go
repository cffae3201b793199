package annotate

import (
	"fmt"
	"slices"
	"time"
)

// ImportPlan holds the rules an import applies to each record it adds to
// a project, written once here for every importer (the store's Import and
// ImportStream, which the command line and the window both reach through
// format.ImportFile): how a span and a relation are completed, which spans
// and relations are valid, which labels and link types the project gains,
// how a span's actor and concept references resolve, and which label
// allows them. It counts what the import adds in Result.
//
// The split: what needs no database is decided here; what does is asked.
// The store keeps only the questions a plan cannot answer without the
// project's file — whether a document (by id or text), a span (by id or
// natural key) or a relation is already stored, and so whether the
// record's item is new, skipped or a conflict — and asks the plan about
// every item it is about to write. The actors and concepts the project
// already has are asked through ImportProject, which the store answers
// from its transaction; the plan decides what a reference means and when
// a new actor or concept is added.
//
// An ImportPlan is used by one import, on one goroutine at a time.
type ImportPlan struct {
	// Labels and Types are the project's label set and relation types,
	// with those the import added (Result's NewLabels and
	// NewRelationTypes): the store writes them back when either grew.
	Labels LabelSet
	Types  RelationTypes
	// Annotator is the annotator of spans that arrive without one.
	Annotator string
	// Now is the time of spans that arrive without one.
	Now time.Time
	// Result counts what the import added (the store counts documents,
	// spans, relations and documents skipped; the plan labels, link types,
	// actors and concepts).
	Result ImportResult
}

// ImportProject is what an ImportPlan asks of the project about its
// actors (entities) and concepts, the one part of resolving a reference
// that needs the database. Names are compared by NameKey.
type ImportProject interface {
	// HasEntity reports whether the project has the actor id.
	HasEntity(id string) (bool, error)
	// EntityNamed returns the id of the project's actor that has a name
	// or an alias whose NameKey is key.
	EntityNamed(key string) (id string, ok bool, err error)
	// AddEntity stores a new actor (valid, with an id, and a name and
	// aliases no stored actor has).
	AddEntity(e Entity) error
	// HasConcept, ConceptNamed and AddConcept are the same for concepts.
	HasConcept(id string) (bool, error)
	ConceptNamed(key string) (id string, ok bool, err error)
	AddConcept(c Concept) error
}

// NewImportPlan returns the plan of an import into a project with the
// labels and relation types, at now, of spans by annotator when they name
// none.
func NewImportPlan(labels LabelSet, types RelationTypes, annotator string, now time.Time) *ImportPlan {
	return &ImportPlan{Labels: labels, Types: types, Annotator: annotator, Now: now}
}

// Complete fills a span's default fields: Annotator (annotator, when
// not empty), Created (now), Updated (Created); both times in UTC.
func (sp *Span) Complete(now time.Time, annotator string) {
	if sp.Annotator == "" {
		sp.Annotator = annotator
	}
	if sp.Created.IsZero() {
		sp.Created = now
	}
	if sp.Updated.IsZero() {
		sp.Updated = sp.Created
	}
	sp.Created, sp.Updated = sp.Created.UTC(), sp.Updated.UTC()
}

// Complete fills a document's derived and default fields (SHA256, Status
// todo, Created now, in UTC, and a Title of its first words when it has
// none: DocumentTitle) and validates it (Document.Validate). sum,
// when not "", is the SHA-256 of a document that has none, already
// computed (TextSHA256) by the caller.
func (d *Document) Complete(now time.Time, sum string) error {
	if d.Status == "" {
		d.Status = StatusTodo
	}
	if untitled(d.Title) {
		d.Title = DocumentTitle(d.Text)
	}
	if d.Created.IsZero() {
		d.Created = now
	}
	d.Created = d.Created.UTC()
	// Validate checks a given SHA-256 against the text; one computed
	// here, after it, need not be checked (and the text hashed twice).
	if err := d.Validate(); err != nil {
		return err
	}
	switch {
	case d.SHA256 != "":
	case sum != "":
		d.SHA256 = sum
	default:
		d.SHA256 = TextSHA256(d.Text)
	}
	return nil
}

// CompleteDocument gives a record's document an id when it has none and
// completes it (Document.Complete) at the plan's time; sum is as there.
func (p *ImportPlan) CompleteDocument(d *Document, sum string) error {
	if d.ID == "" {
		d.ID = NewID()
	}
	return d.Complete(p.Now, sum)
}

// CompleteSpan gives a record's span an id when it has none and its
// default fields (Span.Complete): the annotator is part of its natural
// key, so this comes before the span is looked for in the project.
func (p *ImportPlan) CompleteSpan(sp *Span) {
	if sp.ID == "" {
		sp.ID = NewID()
	}
	sp.Complete(p.Now, p.Annotator)
}

// CheckSpan checks a span the import adds to a document whose text is
// textLen code points long (Span.Validate) and adds its label to Labels
// when the project does not have it (LabelSet.With), listing it in
// Result.NewLabels.
func (p *ImportPlan) CheckSpan(sp *Span, textLen int) error {
	if err := sp.Validate(textLen); err != nil {
		return err
	}
	labels, added, err := p.Labels.With(sp.Label)
	if err != nil {
		return err
	}
	if added {
		p.Labels = labels
		p.Result.NewLabels = append(p.Result.NewLabels, sp.Label)
	}
	return nil
}

// SpanRefs replaces the span's Entity and Concept references by the ids
// of the project's actor and concept they resolve to (ResolveEntity,
// ResolveConcept), and checks that its label allows them
// (RelationTypes.CheckSpanLabel).
func (p *ImportPlan) SpanRefs(rec *Record, sp *Span, proj ImportProject) error {
	var err error
	if sp.Entity != "" {
		if sp.Entity, err = p.ResolveEntity(rec, sp.Entity, proj); err != nil {
			return fmt.Errorf("span %s: %w", sp.ID, err)
		}
	}
	if sp.Concept != "" {
		if sp.Concept, err = p.ResolveConcept(rec, sp.Concept, proj); err != nil {
			return fmt.Errorf("span %s: %w", sp.ID, err)
		}
	}
	if err := p.Types.CheckSpanLabel(*sp); err != nil {
		return fmt.Errorf("span %s (%s): %w", sp.ID, sp.Describe(), err)
	}
	return nil
}

// ResolveEntity returns the id of the project's actor that a span's
// reference ref names in the record rec. An actor of the record
// (rec.Entities[ref], cleaned) is the project's actor with its id, else
// the one with its name as a name or an alias (NameKey), else it is added
// (with its id, or a new one when it has none) and counted in
// Result.Entities; the stored actor's name, kind, affiliation and aliases
// win over the record's. An alias of an added actor that is already a
// name of another actor of the project is left out and counted in
// Result.AliasesLeftOut, the first few with a notice. A reference that
// the record does not define must be the id of a stored actor. Errors:
// EINVALID for an unknown reference or an actor that Entity.Validate
// refuses.
func (p *ImportPlan) ResolveEntity(rec *Record, ref string, proj ImportProject) (string, error) {
	e, ok := rec.Entities[ref]
	if !ok {
		if stored, err := proj.HasEntity(ref); err != nil || stored {
			return ref, err
		}
		return "", Errorf(EINVALID, "a span names actor %q, which neither the line nor the project has", ref)
	}
	e = e.Clean()
	if e.ID != "" {
		if stored, err := proj.HasEntity(e.ID); err != nil || stored {
			return e.ID, err
		}
	}
	if id, stored, err := proj.EntityNamed(NameKey(e.Name)); err != nil || stored {
		return id, err
	}
	if e.ID == "" {
		e.ID = NewID()
	}
	if err := e.Validate(); err != nil {
		return "", err
	}
	if err := p.dropTakenAliases(&e, proj); err != nil {
		return "", err
	}
	if err := proj.AddEntity(e); err != nil {
		return "", err
	}
	p.Result.Entities++
	return e.ID, nil
}

// aliasNotices bounds the notices of aliases left out by one import.
const aliasNotices = 10

// dropTakenAliases leaves out the aliases of e, an actor about to be
// added, that are names of actors of the project, and counts them.
func (p *ImportPlan) dropTakenAliases(e *Entity, proj ImportProject) error {
	kept := e.Aliases[:0:0]
	for _, a := range e.Aliases {
		id, taken, err := proj.EntityNamed(NameKey(a))
		if err != nil {
			return err
		}
		if !taken {
			kept = append(kept, a)
			continue
		}
		p.Result.AliasesLeftOut++
		if p.Result.AliasesLeftOut <= aliasNotices {
			p.Result.Notices = append(p.Result.Notices, fmt.Sprintf("left out the alias %q of the new actor %q: it names the project's actor %s", a, e.Name, id))
		}
	}
	if len(kept) == 0 {
		kept = nil
	}
	e.Aliases = kept
	return nil
}

// ResolveConcept is ResolveEntity for a statement's concept
// (rec.Concepts), counted in Result.Concepts.
func (p *ImportPlan) ResolveConcept(rec *Record, ref string, proj ImportProject) (string, error) {
	c, ok := rec.Concepts[ref]
	if !ok {
		if stored, err := proj.HasConcept(ref); err != nil || stored {
			return ref, err
		}
		return "", Errorf(EINVALID, "a span has concept %q, which neither the line nor the project has", ref)
	}
	c = c.Clean()
	if c.ID != "" {
		if stored, err := proj.HasConcept(c.ID); err != nil || stored {
			return c.ID, err
		}
	}
	if id, stored, err := proj.ConceptNamed(NameKey(c.Name)); err != nil || stored {
		return id, err
	}
	if c.ID == "" {
		c.ID = NewID()
	}
	if err := c.Validate(); err != nil {
		return "", err
	}
	if err := proj.AddConcept(c); err != nil {
		return "", err
	}
	p.Result.Concepts++
	return c.ID, nil
}

// CompleteRelation gives a record's relation an id when it has none, and
// refuses one without a type (EINVALID).
func (p *ImportPlan) CompleteRelation(r *Relation) error {
	if r.ID == "" {
		r.ID = NewID()
	}
	if r.Type == "" {
		return Errorf(EINVALID, "relation %s has no type", r.Name())
	}
	return nil
}

// RelationType checks the type of a relation the import adds: a type the
// project does not know is added to Types, allowing any labels
// (NewRelationType), and listed in Result.NewRelationTypes; an invalid
// type name is EINVALID.
func (p *ImportPlan) RelationType(r *Relation) error {
	if _, ok := p.Types.Find(r.Type); ok {
		return nil
	}
	if err := ValidateLabelName(r.Type); err != nil {
		return fmt.Errorf("relation %s: invalid type: %w", r.Name(), err)
	}
	p.Types = append(slices.Clone(p.Types), NewRelationType(r.Type))
	p.Result.NewRelationTypes = append(p.Result.NewRelationTypes, r.Type)
	return nil
}

// CheckRelation checks a relation the import adds, whose type RelationType
// checked, from the span from to the span to, against the rules of its
// type (RelationTypes.CheckRelation).
func (p *ImportPlan) CheckRelation(r *Relation, from, to Span) error {
	if err := p.Types.CheckRelation(*r, from, to); err != nil {
		return fmt.Errorf("relation %s: %w", r.Name(), err)
	}
	return nil
}

// RelationError is err about the relation r of a file, given on r's line
// (a *LineError) when the file said where r was.
func RelationError(r *Relation, err error) error {
	if r.Line > 0 {
		return &LineError{Line: r.Line, Err: err}
	}
	return err
}
