package store

import (
	"encoding/json"
	"io"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// ForEachRecord calls fn with each document of the project, in import
// order, with its spans (in annotate.CompareSpans order) and relations,
// and the entities and concepts its spans name (annotate.Record.Entities
// and Concepts, nil when they name none). It is one read transaction and streams: one record at a time is read. It
// stops at the first error of fn and returns it as is.
//
// fn runs inside the read transaction: it must not call the methods of the
// Store that change the project, which would wait for the transaction to end.
func (s *Store) ForEachRecord(fn func(annotate.Record) error) error {
	return s.view(func(tx *bolt.Tx) error {
		docs := tx.Bucket(bucketDocs)
		return tx.Bucket(bucketOrder).ForEach(func(_, id []byte) error {
			b := docs.Bucket(id)
			if b == nil {
				return errDamaged("the order bucket lists a missing document "+string(id), nil)
			}
			rec, err := readRecord(tx, b, string(id))
			if err != nil {
				return err
			}
			return fn(rec)
		})
	})
}

// readRecord reads the document bucket b of document id as a record: its
// text, spans (annotate.CompareSpans order), relations, and the entities
// and concepts its spans name.
func readRecord(tx *bolt.Tx, b *bolt.Bucket, id string) (annotate.Record, error) {
	in, err := getInfo(b, []byte(id))
	if err != nil {
		return annotate.Record{}, err
	}
	spans, err := readSpans(b, id, make([]annotate.Span, 0, in.Spans))
	if err != nil {
		return annotate.Record{}, err
	}
	rels, err := readRelations(b, id, nil)
	if err != nil {
		return annotate.Record{}, err
	}
	rec := annotate.Record{Document: in.document(string(b.Get(keyText))), Spans: spans, Relations: rels}
	for _, sp := range spans {
		if sp.Entity != "" && rec.Entities[sp.Entity].ID == "" {
			var e annotate.Entity
			if ok, err := getNamed(tx, bucketEntities, "actor", sp.Entity, &e); err != nil {
				return rec, err
			} else if ok {
				if rec.Entities == nil {
					rec.Entities = make(map[string]annotate.Entity)
				}
				rec.Entities[sp.Entity] = e
			}
		}
		if sp.Concept != "" && rec.Concepts[sp.Concept].ID == "" {
			var c annotate.Concept
			if ok, err := getNamed(tx, bucketConcepts, "concept", sp.Concept, &c); err != nil {
				return rec, err
			} else if ok {
				if rec.Concepts == nil {
					rec.Concepts = make(map[string]annotate.Concept)
				}
				rec.Concepts[sp.Concept] = c
			}
		}
	}
	return rec, nil
}

// getNamed decodes the value of key id in the top-level bucket name
// (entities or concepts) into v, and reports whether there is one.
func getNamed(tx *bolt.Tx, name []byte, what, id string, v any) (bool, error) {
	bk := tx.Bucket(name)
	if bk == nil {
		return false, nil
	}
	data := bk.Get([]byte(id))
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, errDamaged(what+" "+id, err)
	}
	return true, nil
}

// Backup writes a consistent copy of the project file to w, in one read
// transaction, and returns the number of bytes written.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}
