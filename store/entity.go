package store

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// The buckets of the project's entities and concepts: id → JSON. Files
// made before they existed lack them: a read-write open creates them
// (writing nothing when they are there), and reading treats a missing
// bucket as empty, so such files open read-only as they are.
var (
	bucketEntities = []byte("entities")
	bucketConcepts = []byte("concepts")
)

// hasEntityBuckets reports whether the file has the entities and concepts
// buckets.
func hasEntityBuckets(tx *bolt.Tx) bool {
	return tx.Bucket(bucketEntities) != nil && tx.Bucket(bucketConcepts) != nil
}

// createEntityBuckets creates the entities and concepts buckets that are
// missing.
func createEntityBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketEntities, bucketConcepts} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}

// Entities returns the project's entities (actors) in
// annotate.CompareEntities order: by name, ignoring case; not those an
// import in progress added (ImportStream). It is one read transaction;
// its error is EINTERNAL for a damaged file.
func (s *Store) Entities() ([]annotate.Entity, error) {
	var list []annotate.Entity
	err := s.view(func(tx *bolt.Tx) error {
		m, err := getEntities(tx)
		dropStaged(tx, bucketEntities, m)
		list = slices.SortedFunc(maps.Values(m), annotate.CompareEntities)
		return err
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// Concepts returns the project's concepts in annotate.CompareConcepts
// order; not those an import in progress added. It is one read transaction; its error is EINTERNAL for a damaged
// file.
func (s *Store) Concepts() ([]annotate.Concept, error) {
	var list []annotate.Concept
	err := s.view(func(tx *bolt.Tx) error {
		m, err := getConcepts(tx)
		dropStaged(tx, bucketConcepts, m)
		list = slices.SortedFunc(maps.Values(m), annotate.CompareConcepts)
		return err
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// PutEntity stores the entity e, new or changed (by id), in one
// transaction, cleaned (annotate.Entity.Clean: name, affiliation and
// aliases trimmed, repeated aliases left out). Errors: EINVALID when
// annotate.Entity.Validate refuses it (no id, a blank name, an unknown
// kind, a bad alias); ECONFLICT when a name or alias of e is a name or
// alias of another entity (ignoring case and spacing:
// annotate.Entity.NameClash); EREADONLY.
func (s *Store) PutEntity(e annotate.Entity) error {
	return s.update(func(tx *bolt.Tx) error { return putEntity(tx, e.Clean(), false) })
}

// PutConcept stores the concept c, new or changed (by id), in one
// transaction; its name is stored trimmed. Errors: EINVALID when
// annotate.Concept.Validate refuses it; ECONFLICT when another concept has
// its name (annotate.NameKey); EREADONLY.
func (s *Store) PutConcept(c annotate.Concept) error {
	return s.update(func(tx *bolt.Tx) error { return putConcept(tx, c.Clean(), false) })
}

// putEntity checks e and stores it; isNew refuses an id that is stored.
func putEntity(tx *bolt.Tx, e annotate.Entity, isNew bool) error {
	if err := e.Validate(); err != nil {
		return err
	}
	all, err := getEntities(tx)
	if err != nil {
		return err
	}
	if _, ok := all[e.ID]; ok && isNew {
		return annotate.Errorf(annotate.ECONFLICT, "actor %s is already in the project", e.ID)
	}
	// Each name is put in NameKey form once; the clash reported (the
	// message is annotate.Entity.NameClash's) is with the first other
	// entity by name, so that it does not depend on the map's order.
	keys := make(map[string]bool, 1+len(e.Aliases))
	for _, n := range e.Names() {
		keys[annotate.NameKey(n)] = true
	}
	var clash error
	var with annotate.Entity
	for _, o := range all {
		if o.ID == e.ID || !slices.ContainsFunc(o.Names(), func(n string) bool { return keys[annotate.NameKey(n)] }) {
			continue
		}
		if err := e.NameClash(o); err != nil && (clash == nil || annotate.CompareEntities(o, with) < 0) {
			clash, with = err, o
		}
	}
	if clash != nil {
		return clash
	}
	return putValue(tx, bucketEntities, e.ID, &e)
}

// putConcept checks c and stores it; isNew refuses an id that is stored.
func putConcept(tx *bolt.Tx, c annotate.Concept, isNew bool) error {
	if err := c.Validate(); err != nil {
		return err
	}
	all, err := getConcepts(tx)
	if err != nil {
		return err
	}
	if _, ok := all[c.ID]; ok && isNew {
		return annotate.Errorf(annotate.ECONFLICT, "concept %s is already in the project", c.ID)
	}
	key := annotate.NameKey(c.Name)
	for _, o := range all {
		if o.ID != c.ID && annotate.NameKey(o.Name) == key {
			return annotate.Errorf(annotate.ECONFLICT, "The project already has a concept called %q", o.Name)
		}
	}
	return putValue(tx, bucketConcepts, c.ID, &c)
}

// putValue stores v as JSON under id in the top-level bucket name,
// creating the bucket when it is missing.
func putValue(tx *bolt.Tx, name []byte, id string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b, err := tx.CreateBucketIfNotExists(name)
	if err != nil {
		return err
	}
	return b.Put([]byte(id), data)
}

// getEntities reads every entity, by id; a file without the bucket has
// none.
func getEntities(tx *bolt.Tx) (map[string]annotate.Entity, error) {
	return readAll[annotate.Entity](tx, bucketEntities, "actor")
}

// getConcepts reads every concept, by id.
func getConcepts(tx *bolt.Tx) (map[string]annotate.Concept, error) {
	return readAll[annotate.Concept](tx, bucketConcepts, "concept")
}

// readAll decodes every value of the top-level bucket name, by key; what
// names a value in errors.
func readAll[T any](tx *bolt.Tx, name []byte, what string) (map[string]T, error) {
	out := make(map[string]T)
	b := tx.Bucket(name)
	if b == nil {
		return out, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		var x T
		if err := json.Unmarshal(v, &x); err != nil {
			return errDamaged(what+" "+string(k), err)
		}
		out[string(k)] = x
		return nil
	})
	return out, err
}

// DeleteEntity removes the entity id, in one transaction. Errors:
// ENOTFOUND when there is no such entity; ECONFLICT when a span names it
// (the message counts them); EREADONLY.
func (s *Store) DeleteEntity(id string) error {
	return s.update(func(tx *bolt.Tx) error { return deleteNamed(tx, bucketEntities, "entity", "actor", id) })
}

// DeleteConcept removes the concept id, in one transaction. Errors:
// ENOTFOUND when there is no such concept; ECONFLICT when a span has it;
// EREADONLY.
func (s *Store) DeleteConcept(id string) error {
	return s.update(func(tx *bolt.Tx) error { return deleteNamed(tx, bucketConcepts, "concept", "concept", id) })
}

// deleteNamed deletes the id of the bucket name (entities or concepts)
// unless a span's field ("entity" or "concept") names it.
func deleteNamed(tx *bolt.Tx, name []byte, field, what, id string) error {
	b := tx.Bucket(name)
	if id == "" || b == nil || b.Get([]byte(id)) == nil {
		return annotate.Errorf(annotate.ENOTFOUND, "no %s %s in the project", what, id)
	}
	refs, err := spansNaming(tx, field, id)
	if err != nil {
		return err
	}
	if n := len(refs); n > 0 {
		return annotate.Errorf(annotate.ECONFLICT, "%d spans still have %s %s: change them first", n, what, id)
	}
	return b.Delete([]byte(id))
}

// spansNaming returns every span of the project whose field ("entity" or
// "concept") is id, in document and span id order.
func spansNaming(tx *bolt.Tx, field, id string) ([]annotate.SpanRef, error) {
	enc, err := json.Marshal(id)
	if err != nil {
		return nil, err
	}
	// A stored span names id only if its JSON holds this, or its binary
	// form (encodeSpan) the id itself: spans without it are not decoded.
	needle := append([]byte(`"`+field+`":`), enc...)
	raw := []byte(id)
	var refs []annotate.SpanRef
	docs := tx.Bucket(bucketDocs)
	err = docs.ForEachBucket(func(docID []byte) error {
		return docs.Bucket(docID).Bucket(bucketSpans).ForEach(func(k, v []byte) error {
			if len(v) > 0 && v[0] == spanBinary && !bytes.Contains(v, raw) ||
				(len(v) == 0 || v[0] != spanBinary) && !bytes.Contains(v, needle) {
				return nil
			}
			var sp annotate.Span
			if err := decodeSpan(k, string(docID), v, &sp); err != nil {
				return errDamaged("span "+string(k)+" of document "+string(docID), err)
			}
			if field == "entity" && sp.Entity == id || field == "concept" && sp.Concept == id {
				refs = append(refs, annotate.SpanRef{DocumentID: string(docID), SpanID: string(k)})
			}
			return nil
		})
	})
	return refs, err
}

// SetSpanEntity makes the span spanID of the document docID name the
// entity entityID, or none when entityID is "", in one transaction. The
// span's Updated time stays. Errors: ENOTFOUND for an unknown document or
// span; EINVALID when the entity does not exist or the span is not an
// actor span (annotate.RelationTypes.EntityLabel); EREADONLY.
func (s *Store) SetSpanEntity(docID, spanID, entityID string) error {
	return s.update(func(tx *bolt.Tx) error {
		return setSpanRef(tx, annotate.SpanRef{DocumentID: docID, SpanID: spanID}, func(sp *annotate.Span) { sp.Entity = entityID })
	})
}

// SetSpanConcept gives the span spanID of the document docID the concept
// conceptID, or none when conceptID is "", in one transaction. The span's
// Updated time stays. Errors: ENOTFOUND for an unknown document or span;
// EINVALID when the concept does not exist or the span is not a statement
// (annotate.RelationTypes.ConceptLabel); EREADONLY.
func (s *Store) SetSpanConcept(docID, spanID, conceptID string) error {
	return s.update(func(tx *bolt.Tx) error {
		return setSpanRef(tx, annotate.SpanRef{DocumentID: docID, SpanID: spanID}, func(sp *annotate.Span) { sp.Concept = conceptID })
	})
}

// setSpanRef changes the span ref with set and stores it, after checking
// its entity and concept (checkSpanRefs).
func setSpanRef(tx *bolt.Tx, ref annotate.SpanRef, set func(*annotate.Span)) error {
	b, err := mustDoc(tx, ref.DocumentID)
	if err != nil {
		return err
	}
	spans := b.Bucket(bucketSpans)
	sp, err := getSpan(spans, ref.DocumentID, ref.SpanID)
	if err != nil {
		return err
	}
	old := sp
	set(&sp)
	if sp.Entity == old.Entity && sp.Concept == old.Concept {
		return nil
	}
	if err := checkSpanRefs(tx, &sp); err != nil {
		return err
	}
	return putSpan(spans, &sp)
}

// checkSpanRefs checks that the span's entity and concept exist and that
// its label allows them (annotate.RelationTypes.CheckSpanLabel). Its
// error is EINVALID.
func checkSpanRefs(tx *bolt.Tx, sp *annotate.Span) error {
	if sp.Entity == "" && sp.Concept == "" {
		return nil
	}
	if sp.Entity != "" {
		if b := tx.Bucket(bucketEntities); b == nil || b.Get([]byte(sp.Entity)) == nil {
			return annotate.Errorf(annotate.EINVALID, "span %s names actor %s, which is not in the project", sp.ID, sp.Entity)
		}
	}
	if sp.Concept != "" {
		if b := tx.Bucket(bucketConcepts); b == nil || b.Get([]byte(sp.Concept)) == nil {
			return annotate.Errorf(annotate.EINVALID, "span %s has concept %s, which is not in the project", sp.ID, sp.Concept)
		}
	}
	ts, err := getRelationTypes(tx)
	if err != nil {
		return err
	}
	return ts.CheckSpanLabel(*sp)
}

// MergeEntities makes every span that names the entity goneID name keepID
// instead, gives keepID the name and aliases of goneID as aliases, as far
// as the alias rule allows (annotate.Entity.Absorb), and removes goneID,
// in one transaction. It returns what it did (for RestoreEntity, the
// undo): keepID before and after, the spans it changed in document and
// span id order, and the count of goneID's names left out. Errors:
// ENOTFOUND when either entity does not exist; EINVALID when keepID is
// goneID; EREADONLY.
func (s *Store) MergeEntities(keepID, goneID string) (annotate.EntityMerge, error) {
	var m annotate.EntityMerge
	err := s.update(func(tx *bolt.Tx) error {
		all, err := getEntities(tx)
		if err != nil {
			return err
		}
		for _, id := range []string{keepID, goneID} {
			if _, ok := all[id]; !ok || id == "" {
				return annotate.Errorf(annotate.ENOTFOUND, "no actor %s in the project", id)
			}
		}
		if keepID == goneID {
			return annotate.Errorf(annotate.EINVALID, "An actor cannot be merged into itself")
		}
		m.Kept = all[keepID]
		m.Merged, m.AliasesLeftOut = m.Kept.Absorb(all[goneID])
		if m.Spans, err = spansNaming(tx, "entity", goneID); err != nil {
			return err
		}
		for _, ref := range m.Spans {
			err := setSpanRef(tx, ref, func(sp *annotate.Span) { sp.Entity = keepID })
			if err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketEntities).Delete([]byte(goneID)); err != nil {
			return err
		}
		return putEntity(tx, m.Merged, false)
	})
	if err != nil {
		return annotate.EntityMerge{}, err
	}
	return m, nil
}

// RestoreEntity stores the entity e again, with its id, puts back the kept
// entity as it was before the merge (m.Kept, when m has one: its aliases
// without e's names), and makes the spans m.Spans name e, in one
// transaction: the undo of MergeEntities (given what it returned) and of
// DeleteEntity (given a zero EntityMerge). Errors: those of PutEntity, and
// ECONFLICT when an entity with e's id is stored; ENOTFOUND when m.Kept is
// not stored; those of SetSpanEntity for each span; EREADONLY.
func (s *Store) RestoreEntity(e annotate.Entity, m annotate.EntityMerge) error {
	return s.update(func(tx *bolt.Tx) error {
		if m.Kept.ID != "" {
			if b := tx.Bucket(bucketEntities); b == nil || b.Get([]byte(m.Kept.ID)) == nil {
				return annotate.Errorf(annotate.ENOTFOUND, "no actor %s in the project", m.Kept.ID)
			}
			if err := putEntity(tx, m.Kept.Clean(), false); err != nil {
				return err
			}
		}
		if err := putEntity(tx, e.Clean(), true); err != nil {
			return err
		}
		for _, ref := range m.Spans {
			if err := setSpanRef(tx, ref, func(sp *annotate.Span) { sp.Entity = e.ID }); err != nil {
				return err
			}
		}
		return nil
	})
}
