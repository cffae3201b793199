package store

import (
	"claimdesk/annotate"
)

// importNames is what an import knows of the project's entities or
// concepts: the stored ones by id and by the annotate.NameKey of each of
// their names (an entity's name and aliases), read once.
type importNames[T any] struct {
	byID   map[string]T
	byName map[string]string
	loaded bool
}

// load reads the stored entities or concepts (all, of names) the first
// time it is called.
func (n *importNames[T]) load(all func() (map[string]T, error), names func(T) []string) error {
	if n.loaded {
		return nil
	}
	m, err := all()
	if err != nil {
		return err
	}
	n.byID, n.byName, n.loaded = m, make(map[string]string, len(m)), true
	for id, v := range m {
		n.add(id, v, names)
	}
	return nil
}

// add records v, stored under id, by id and by each of its names.
func (n *importNames[T]) add(id string, v T, names func(T) []string) {
	n.byID[id] = v
	for _, name := range names(v) {
		n.byName[annotate.NameKey(name)] = id
	}
}

// projectNames answers an annotate.ImportPlan's questions about the
// project's actors and concepts (annotate.ImportProject) from the
// import's transaction; what it adds is stored at once, and recorded in
// the stage of a staged import (stage.addName).
type projectNames importer

var _ annotate.ImportProject = (*projectNames)(nil)

func entityNames(e annotate.Entity) []string   { return e.Names() }
func conceptNames(c annotate.Concept) []string { return []string{c.Name} }

func (p *projectNames) entities() error {
	return p.knownEntities.load(func() (map[string]annotate.Entity, error) { return getEntities(p.tx) }, entityNames)
}

func (p *projectNames) concepts() error {
	return p.knownConcepts.load(func() (map[string]annotate.Concept, error) { return getConcepts(p.tx) }, conceptNames)
}

// HasEntity reports whether the project has the actor id.
func (p *projectNames) HasEntity(id string) (bool, error) {
	if err := p.entities(); err != nil {
		return false, err
	}
	_, ok := p.knownEntities.byID[id]
	return ok, nil
}

// EntityNamed returns the id of the project's actor that has a name or
// alias whose name key is key.
func (p *projectNames) EntityNamed(key string) (string, bool, error) {
	if err := p.entities(); err != nil {
		return "", false, err
	}
	id, ok := p.knownEntities.byName[key]
	return id, ok, nil
}

// AddEntity stores a new actor.
func (p *projectNames) AddEntity(e annotate.Entity) error {
	if err := p.entities(); err != nil {
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	// The rules of putEntity, asked of what the import read once rather
	// than of every stored entity again for each one it adds.
	known := &p.knownEntities
	if _, ok := known.byID[e.ID]; ok {
		return annotate.Errorf(annotate.ECONFLICT, "actor %s is already in the project", e.ID)
	}
	for _, n := range e.Names() {
		if id, ok := known.byName[annotate.NameKey(n)]; ok {
			if err := e.NameClash(known.byID[id]); err != nil {
				return err
			}
		}
	}
	if err := putValue(p.tx, bucketEntities, e.ID, &e); err != nil {
		return err
	}
	if err := p.st.addName(p.tx, bucketEntities, e.ID); err != nil {
		return err
	}
	p.knownEntities.add(e.ID, e, entityNames)
	return nil
}

// HasConcept reports whether the project has the concept id.
func (p *projectNames) HasConcept(id string) (bool, error) {
	if err := p.concepts(); err != nil {
		return false, err
	}
	_, ok := p.knownConcepts.byID[id]
	return ok, nil
}

// ConceptNamed returns the id of the project's concept whose name key is
// key.
func (p *projectNames) ConceptNamed(key string) (string, bool, error) {
	if err := p.concepts(); err != nil {
		return "", false, err
	}
	id, ok := p.knownConcepts.byName[key]
	return id, ok, nil
}

// AddConcept stores a new concept.
func (p *projectNames) AddConcept(c annotate.Concept) error {
	if err := p.concepts(); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	// The rules of putConcept, asked of what the import read once.
	known := &p.knownConcepts
	if _, ok := known.byID[c.ID]; ok {
		return annotate.Errorf(annotate.ECONFLICT, "concept %s is already in the project", c.ID)
	}
	if id, ok := known.byName[annotate.NameKey(c.Name)]; ok {
		return annotate.Errorf(annotate.ECONFLICT, "The project already has a concept called %q", known.byID[id].Name)
	}
	if err := putValue(p.tx, bucketConcepts, c.ID, &c); err != nil {
		return err
	}
	if err := p.st.addName(p.tx, bucketConcepts, c.ID); err != nil {
		return err
	}
	p.knownConcepts.add(c.ID, c, conceptNames)
	return nil
}
