package store

import (
	"time"
	"unicode/utf8"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// Spans returns a document's spans in annotate.CompareSpans order. Its
// error is ENOTFOUND for an unknown document. It is one read transaction.
func (s *Store) Spans(docID string) ([]annotate.Span, error) {
	var spans []annotate.Span
	err := s.view(func(tx *bolt.Tx) error {
		b, err := mustDoc(tx, docID)
		if err != nil {
			return err
		}
		in, err := getInfo(b, []byte(docID))
		if err != nil {
			return err
		}
		spans, err = readSpans(b, docID, make([]annotate.Span, 0, in.Spans))
		return err
	})
	if err != nil {
		return nil, err
	}
	return spans, nil
}

// AddSpan stores a new span of the document s.DocumentID, in one
// transaction; a todo document becomes in_progress in it. A zero Created
// means now and a zero Updated means Created. Errors: ENOTFOUND for an
// unknown document; EINVALID for a span without id or label, with a label
// not in the label set, offsets outside the text (in code points), an end
// not after its start, or an entity or concept that the project does not
// have or that the label does not allow
// (annotate.RelationTypes.CheckSpanLabel); ECONFLICT when the document already has a span with
// this id, or one with its natural key (annotate.SpanKey: the same offsets,
// label and annotator; the message names that span); EREADONLY.
func (s *Store) AddSpan(sp annotate.Span) error {
	return s.update(func(tx *bolt.Tx) error { return addSpan(tx, sp) })
}

// addSpan is AddSpan within tx.
func addSpan(tx *bolt.Tx, sp annotate.Span) error {
	b, err := mustDoc(tx, sp.DocumentID)
	if err != nil {
		return err
	}
	labels, err := getLabels(tx)
	if err != nil {
		return err
	}
	completeSpan(&sp, time.Now(), "")
	if err := validateSpan(&sp, b, labels); err != nil {
		return err
	}
	if err := checkSpanRefs(tx, &sp); err != nil {
		return err
	}
	spans := b.Bucket(bucketSpans)
	if spans.Get([]byte(sp.ID)) != nil {
		return annotate.Errorf(annotate.ECONFLICT, "span %s is already in document %s", sp.ID, sp.DocumentID)
	}
	in, err := getInfo(b, []byte(sp.DocumentID))
	if err != nil {
		return err
	}
	keys, err := spanKeys(b, sp.DocumentID)
	if err != nil {
		return err
	}
	if err := claimKey(keys, spans, sp.DocumentID, &sp); err != nil {
		return err
	}
	if err := putSpan(spans, &sp); err != nil {
		return err
	}
	in.Spans++
	in.Status = in.Status.AfterSpanAdded()
	return putInfo(b, &in)
}

// UpdateSpan replaces a stored span's label, note and Updated time (a zero
// Updated means now), in one transaction; its offsets, annotator, creation
// time, entity and concept stay (see SetSpanEntity, SetSpanConcept).
// Errors: ENOTFOUND for an unknown document or span, EINVALID for a label
// not in the label set, one that a relation starting or ending at the span
// does not allow (annotate.RelationTypes.CheckRelation) or one that does
// not allow the span's entity or concept
// (annotate.RelationTypes.CheckSpanLabel), ECONFLICT when the new label
// would give the span the natural key of another span of the document,
// EREADONLY.
func (s *Store) UpdateSpan(sp annotate.Span) error {
	return s.update(func(tx *bolt.Tx) error {
		b, err := mustDoc(tx, sp.DocumentID)
		if err != nil {
			return err
		}
		spans := b.Bucket(bucketSpans)
		old, err := getSpan(spans, sp.DocumentID, sp.ID)
		if err != nil {
			return err
		}
		labels, err := getLabels(tx)
		if err != nil {
			return err
		}
		if _, ok := labels.Find(sp.Label); !ok {
			return errUnknownLabel(sp.Label, labels)
		}
		if old.Label != sp.Label {
			keys, err := spanKeys(b, sp.DocumentID)
			if err != nil {
				return err
			}
			if err := releaseKey(keys, &old); err != nil {
				return err
			}
			old.Label = sp.Label
			if err := claimKey(keys, spans, sp.DocumentID, &old); err != nil {
				return err
			}
			if err := checkLinksOf(tx, b, &old); err != nil {
				return err
			}
			if err := checkSpanRefs(tx, &old); err != nil {
				return err
			}
		}
		old.Note, old.Updated = sp.Note, sp.Updated.UTC()
		if sp.Updated.IsZero() {
			old.Updated = time.Now().UTC()
		}
		return putSpan(spans, &old)
	})
}

// DeleteSpan removes a span and the relations that start or end at it, in
// one transaction, and returns those relations (for RestoreSpan). Errors:
// ENOTFOUND for an unknown document or span, EREADONLY.
func (s *Store) DeleteSpan(docID, spanID string) ([]annotate.Relation, error) {
	var gone []annotate.Relation
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		gone, err = deleteSpan(tx, docID, spanID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return gone, nil
}

// deleteSpan is DeleteSpan within tx.
func deleteSpan(tx *bolt.Tx, docID, spanID string) ([]annotate.Relation, error) {
	b, err := mustDoc(tx, docID)
	if err != nil {
		return nil, err
	}
	spans := b.Bucket(bucketSpans)
	sp, err := getSpan(spans, docID, spanID)
	if err != nil {
		return nil, err
	}
	if err := dropSpan(spans, &sp); err != nil {
		return nil, err
	}
	if keys := b.Bucket(bucketKeys); keys != nil {
		if err := releaseKey(keys, &sp); err != nil {
			return nil, err
		}
	}
	gone, err := deleteRelationsOf(b, docID, spanID)
	if err != nil {
		return nil, err
	}
	if err := noteRelationsRemoved(tx, b, docID, gone, &sp); err != nil {
		return nil, err
	}
	in, err := getInfo(b, []byte(docID))
	if err != nil {
		return nil, err
	}
	in.Spans--
	return gone, putInfo(b, &in)
}

// ReplaceSpan removes the span oldID of the document docID and the
// relations that start or end at it, stores nu and then rels, all in one
// transaction, and returns the relations removed. nu is checked as AddSpan
// checks it (its natural key may be the removed span's); rels as
// RestoreSpan checks them. Errors: those of DeleteSpan and RestoreSpan,
// and EINVALID when nu belongs to another document.
func (s *Store) ReplaceSpan(docID, oldID string, nu annotate.Span, rels []annotate.Relation) ([]annotate.Relation, error) {
	if nu.DocumentID != docID {
		return nil, annotate.Errorf(annotate.EINVALID, "span %s belongs to document %q, not %s", nu.ID, nu.DocumentID, docID)
	}
	var gone []annotate.Relation
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		if gone, err = deleteSpan(tx, docID, oldID); err != nil {
			return err
		}
		return restoreSpan(tx, nu, rels)
	})
	if err != nil {
		return nil, err
	}
	return gone, nil
}

// RestoreSpan stores a deleted span again, with its id, and the relations
// deleted with it, in one transaction: the undo of DeleteSpan. The span is
// checked as AddSpan checks it; each relation as AddRelation checks it.
// Errors: those of AddSpan; EINVALID for a relation without an id or a
// type, with an end that is not a span of the document, or that breaks a
// rule of the project's relation types; ECONFLICT for a relation whose id,
// or type, start and end, the document has.
func (s *Store) RestoreSpan(sp annotate.Span, rels []annotate.Relation) error {
	return s.update(func(tx *bolt.Tx) error { return restoreSpan(tx, sp, rels) })
}

// restoreSpan is RestoreSpan within tx.
func restoreSpan(tx *bolt.Tx, sp annotate.Span, rels []annotate.Relation) error {
	if err := addSpan(tx, sp); err != nil {
		return err
	}
	if len(rels) == 0 {
		return nil
	}
	ts, err := getRelationTypes(tx)
	if err != nil {
		return err
	}
	b := tx.Bucket(bucketDocs).Bucket([]byte(sp.DocumentID))
	spans := b.Bucket(bucketSpans)
	for _, r := range rels {
		for _, end := range []string{r.From, r.To} {
			if end == "" || spans.Get([]byte(end)) == nil {
				return annotate.Errorf(annotate.EINVALID, "relation %s: %q is not a span of document %s", r.ID, end, sp.DocumentID)
			}
		}
		if err := addRelation(b, sp.DocumentID, ts, r); err != nil {
			return err
		}
	}
	return nil
}

// checkLinksOf checks the relations that start or end at the span sp of
// the document bucket b against the project's relation types, with sp as
// it is given (a new label, say) and the other spans as stored.
func checkLinksOf(tx *bolt.Tx, b *bolt.Bucket, sp *annotate.Span) error {
	rels, err := readRelations(b, sp.DocumentID, nil)
	if err != nil {
		return err
	}
	var ts annotate.RelationTypes
	spans := b.Bucket(bucketSpans)
	for _, r := range rels {
		if r.From != sp.ID && r.To != sp.ID {
			continue
		}
		if ts == nil {
			if ts, err = getRelationTypes(tx); err != nil {
				return err
			}
		}
		from, to := *sp, *sp
		if r.From != sp.ID {
			from, err = getSpan(spans, sp.DocumentID, r.From)
		} else if r.To != sp.ID {
			to, err = getSpan(spans, sp.DocumentID, r.To)
		}
		if err != nil {
			return err
		}
		if err := ts.CheckRelation(r, from, to); err != nil {
			return annotate.Errorf(annotate.EINVALID, "%v: remove its %s link first", err, relationDisplay(ts, r.Type))
		}
	}
	return nil
}

// relationDisplay returns how the relation type name is shown.
func relationDisplay(ts annotate.RelationTypes, name string) string {
	if t, ok := ts.Find(name); ok {
		return t.Label()
	}
	return name
}

// completeSpan fills a span's default fields: Created (now), Updated
// (Created) and, when annotator is not empty, Annotator. Times become UTC.
func completeSpan(sp *annotate.Span, now time.Time, annotator string) {
	sp.Complete(now, annotator)
}

// validateSpan checks a span against its document's bucket (the length of
// its text in code points) and the label set.
func validateSpan(sp *annotate.Span, doc *bolt.Bucket, labels annotate.LabelSet) error {
	if err := sp.Validate(utf8.RuneCount(doc.Get(keyText))); err != nil {
		return err
	}
	if _, ok := labels.Find(sp.Label); !ok {
		return errUnknownLabel(sp.Label, labels)
	}
	return nil
}

// readSpans appends the spans of the document bucket b to buf and sorts
// them in annotate.CompareSpans order.
func readSpans(b *bolt.Bucket, docID string, buf []annotate.Span) ([]annotate.Span, error) {
	err := b.Bucket(bucketSpans).ForEach(func(k, v []byte) error {
		var sp annotate.Span
		if err := decodeSpan(k, docID, v, &sp); err != nil {
			return errDamaged("span "+string(k)+" of document "+docID, err)
		}
		buf = append(buf, sp)
		return nil
	})
	if err != nil {
		return nil, err
	}
	annotate.SortSpans(buf)
	return buf, nil
}
