package session

import "claimdesk/annotate"

// addRelation stores a relation between two spans of a document
// (Project.AddRelation); its inverse removes it.
type addRelation struct {
	docID   string
	rel     annotate.Relation
	display string // the type as shown: "source"
}

func (c *addRelation) Name() string       { return "add " + c.display + " link" }
func (c *addRelation) DocumentID() string { return c.docID }

func (c *addRelation) Apply(p annotate.Project) (Effect, error) {
	if err := p.AddRelation(c.docID, c.rel); err != nil {
		return Effect{}, err
	}
	return Effect{DocumentID: c.docID, AddedRelations: []annotate.Relation{c.rel}}, nil
}

func (c *addRelation) Inverse() Command {
	return &deleteRelation{docID: c.docID, rel: c.rel, display: c.display}
}

// deleteRelation removes a relation (Project.DeleteRelation); its inverse
// stores it again, with its id.
type deleteRelation struct {
	docID   string
	rel     annotate.Relation
	display string
}

func (c *deleteRelation) Name() string       { return "remove " + c.display + " link" }
func (c *deleteRelation) DocumentID() string { return c.docID }

func (c *deleteRelation) Apply(p annotate.Project) (Effect, error) {
	r, err := p.DeleteRelation(c.docID, c.rel.ID)
	if err != nil {
		return Effect{}, err
	}
	c.rel = r
	return Effect{DocumentID: c.docID, RemovedRelations: []annotate.Relation{r}}, nil
}

func (c *deleteRelation) Inverse() Command {
	return &addRelation{docID: c.docID, rel: c.rel, display: c.display}
}

// Link links the open document's span fromID to its span toID with a new
// relation of type typ (annotate.RelationSource, say), as one command.
// The rules of the project's relation types are checked first
// (annotate.RelationTypes.CheckRelation), and a refused link changes
// nothing. Errors: ENOTFOUND for a span the open document does not have;
// EINVALID for an unknown type, a span linked to itself or labels the
// type does not allow; ECONFLICT when the spans are linked with that type
// already ("That Claim is already linked to that Actor as its source").
func (s *Session) Link(typ, fromID, toID string) (Effect, error) {
	from, err := s.editableSpan(fromID)
	if err != nil {
		return Effect{}, err
	}
	to, err := s.editableSpan(toID)
	if err != nil {
		return Effect{}, err
	}
	r := annotate.Relation{ID: annotate.NewID(), Type: typ, From: fromID, To: toID}
	if err := s.types.CheckRelation(r, from, to); err != nil {
		return Effect{}, err
	}
	t, _ := s.types.Find(typ)
	if _, dup := annotate.DuplicateRelation(s.rels, r); dup {
		return Effect{}, annotate.Errorf(annotate.ECONFLICT, "That %s is already linked to that %s as its %s",
			s.labelDisplay(from.Label), s.labelDisplay(to.Label), t.Label())
	}
	return s.Do(&addRelation{docID: s.doc.ID, rel: r, display: t.Label()})
}

// Unlink removes the open document's relation relID, as one command;
// undoing it stores the relation again. Its error is ENOTFOUND for a
// relation the open document does not have.
func (s *Session) Unlink(relID string) (Effect, error) {
	if err := s.editable(); err != nil {
		return Effect{}, err
	}
	r, ok := s.Relation(relID)
	if !ok {
		return Effect{}, annotate.Errorf(annotate.ENOTFOUND, "no link %s in document %s", relID, s.doc.ID)
	}
	return s.Do(&deleteRelation{docID: s.doc.ID, rel: r, display: s.relationDisplay(r.Type)})
}

// Relation returns the open document's relation id.
func (s *Session) Relation(id string) (annotate.Relation, bool) {
	for _, r := range s.rels {
		if r.ID == id && id != "" {
			return r, true
		}
	}
	return annotate.Relation{}, false
}

// relationDisplay returns how the relation type name is shown.
func (s *Session) relationDisplay(name string) string {
	if t, ok := s.types.Find(name); ok {
		return t.Label()
	}
	return name
}

// checkLinks returns the EINVALID error of the first relation of the open
// document's span sp that the rules of the relation types refuse once sp
// has the label, or nil.
func (s *Session) checkLinks(sp annotate.Span, label string) error {
	nu := sp
	nu.Label = label
	for _, r := range s.RelationsOf(sp.ID) {
		from, to := nu, nu
		if r.From != sp.ID {
			from, _ = s.Span(r.From)
		} else if r.To != sp.ID {
			to, _ = s.Span(r.To)
		}
		if err := s.types.CheckRelation(r, from, to); err != nil {
			return annotate.Errorf(annotate.EINVALID, "%v: remove its %s link first", err, s.relationDisplay(r.Type))
		}
	}
	return nil
}
