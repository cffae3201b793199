package store

import (
	"claimdesk/annotate"
)

// importNames is what an import knows of the project's entities or
// concepts: the stored ones by id and by annotate.NameKey, and the ids
// the records' references resolved to.
type importNames[T any] struct {
	byID   map[string]T
	byName map[string]string
	loaded bool
}

// resolveEntity returns the id of the stored entity that the span's
// reference ref names in the record rec, storing the entity first when
// the project has none of its id or name. A reference that the record
// does not define must be the id of a stored entity. Errors: EINVALID for
// an unknown reference or an entity that annotate.Entity.Validate refuses.
func (im *importer) resolveEntity(rec *annotate.Record, ref string) (string, error) {
	n := &im.entities
	if !n.loaded {
		all, err := getEntities(im.tx)
		if err != nil {
			return "", err
		}
		n.byID, n.byName, n.loaded = all, make(map[string]string, len(all)), true
		for id, e := range all {
			n.byName[annotate.NameKey(e.Name)] = id
		}
	}
	e, ok := rec.Entities[ref]
	if !ok {
		if _, stored := n.byID[ref]; stored {
			return ref, nil
		}
		return "", annotate.Errorf(annotate.EINVALID, "a span names actor %q, which neither the line nor the project has", ref)
	}
	e = e.Clean()
	if _, stored := n.byID[e.ID]; stored && e.ID != "" {
		return e.ID, nil
	}
	if id, stored := n.byName[annotate.NameKey(e.Name)]; stored {
		return id, nil
	}
	if e.ID == "" {
		e.ID = annotate.NewID()
	}
	if err := putEntity(im.tx, e, true); err != nil {
		return "", err
	}
	if err := im.st.addName(im.tx, bucketEntities, e.ID); err != nil {
		return "", err
	}
	n.byID[e.ID], n.byName[annotate.NameKey(e.Name)] = e, e.ID
	im.res.Entities++
	return e.ID, nil
}

// resolveConcept is resolveEntity for a statement's concept.
func (im *importer) resolveConcept(rec *annotate.Record, ref string) (string, error) {
	n := &im.concepts
	if !n.loaded {
		all, err := getConcepts(im.tx)
		if err != nil {
			return "", err
		}
		n.byID, n.byName, n.loaded = all, make(map[string]string, len(all)), true
		for id, c := range all {
			n.byName[annotate.NameKey(c.Name)] = id
		}
	}
	c, ok := rec.Concepts[ref]
	if !ok {
		if _, stored := n.byID[ref]; stored {
			return ref, nil
		}
		return "", annotate.Errorf(annotate.EINVALID, "a span has concept %q, which neither the line nor the project has", ref)
	}
	c = c.Clean()
	if _, stored := n.byID[c.ID]; stored && c.ID != "" {
		return c.ID, nil
	}
	if id, stored := n.byName[annotate.NameKey(c.Name)]; stored {
		return id, nil
	}
	if c.ID == "" {
		c.ID = annotate.NewID()
	}
	if err := putConcept(im.tx, c, true); err != nil {
		return "", err
	}
	if err := im.st.addName(im.tx, bucketConcepts, c.ID); err != nil {
		return "", err
	}
	n.byID[c.ID], n.byName[annotate.NameKey(c.Name)] = c, c.ID
	im.res.Concepts++
	return c.ID, nil
}
