package store

import (
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
		entities, err := getEntities(tx)
		if err != nil {
			return err
		}
		concepts, err := getConcepts(tx)
		if err != nil {
			return err
		}
		docs := tx.Bucket(bucketDocs)
		return tx.Bucket(bucketOrder).ForEach(func(_, id []byte) error {
			b := docs.Bucket(id)
			if b == nil {
				return errDamaged("the order bucket lists a missing document "+string(id), nil)
			}
			in, err := getInfo(b, id)
			if err != nil {
				return err
			}
			docID := string(id)
			spans, err := readSpans(b, docID, make([]annotate.Span, 0, in.Spans))
			if err != nil {
				return err
			}
			rels, err := readRelations(b, docID, nil)
			if err != nil {
				return err
			}
			rec := annotate.Record{Document: in.document(string(b.Get(keyText))), Spans: spans, Relations: rels}
			for _, sp := range spans {
				if e, ok := entities[sp.Entity]; ok {
					if rec.Entities == nil {
						rec.Entities = make(map[string]annotate.Entity)
					}
					rec.Entities[sp.Entity] = e
				}
				if c, ok := concepts[sp.Concept]; ok {
					if rec.Concepts == nil {
						rec.Concepts = make(map[string]annotate.Concept)
					}
					rec.Concepts[sp.Concept] = c
				}
			}
			return fn(rec)
		})
	})
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
