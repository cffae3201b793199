package store

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// ErrLabelInUse is matched (errors.Is) by the *LabelInUseError of a schema
// change that would leave out labels stored spans carry.
var ErrLabelInUse = errors.New("label in use")

// LabelInUseError is the error of SetSchema when the new schema leaves out
// labels that stored spans carry. Its code (annotate.ErrorCode) is
// ECONFLICT; it matches ErrLabelInUse.
type LabelInUseError struct {
	// Usage maps each label left out that spans carry to the number of
	// those spans.
	Usage map[string]int
}

// Spans returns the number of spans that carry the labels left out.
func (e *LabelInUseError) Spans() int {
	n := 0
	for _, c := range e.Usage {
		n += c
	}
	return n
}

// Error implements the error interface: `the schema leaves out label
// "DENIAL", which 3 spans carry (…)`.
func (e *LabelInUseError) Error() string {
	names := slices.Sorted(maps.Keys(e.Usage))
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%q, which %s", n, spansCarry(e.Usage[n]))
	}
	if len(names) == 1 {
		return "the schema leaves out label " + parts[0] + " (keep it, rename it, or delete it with its spans first)"
	}
	return "the schema leaves out labels " + strings.Join(parts, ", and ") +
		" (keep them, rename them, or delete them with their spans first)"
}

// spansCarry says how many spans carry a label: "1 span carries".
func spansCarry(n int) string {
	if n == 1 {
		return "1 span carries"
	}
	return fmt.Sprintf("%d spans carry", n)
}

// Is reports whether target is ErrLabelInUse.
func (e *LabelInUseError) Is(target error) bool { return target == ErrLabelInUse }

// Unwrap returns an ECONFLICT *annotate.Error with the same message, so
// that annotate.ErrorCode classifies the error.
func (e *LabelInUseError) Unwrap() error { return annotate.Errorf(annotate.ECONFLICT, "%s", e.Error()) }

// Schema returns the project's schema: its labels, completed as
// annotate.LabelSet.Completed does for files written before underline
// styles and definitions existed, and its relation types. Its error is
// EINTERNAL for a damaged file. It is one read transaction.
func (s *Store) Schema() (annotate.Schema, error) {
	var sc annotate.Schema
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		sc, err = getSchema(tx)
		return err
	})
	if err != nil {
		return annotate.Schema{}, fmt.Errorf("read the schema of %s: %w", s.path, err)
	}
	return sc, nil
}

// getSchema reads the schema from the meta bucket.
func getSchema(tx *bolt.Tx) (annotate.Schema, error) {
	labels, err := getLabels(tx)
	if err != nil {
		return annotate.Schema{}, err
	}
	types, err := getRelationTypes(tx)
	if err != nil {
		return annotate.Schema{}, err
	}
	sc := annotate.Schema{Labels: labels, Relations: types}
	if v := tx.Bucket(bucketMeta).Get(keySuggestRules); v != nil {
		sc.Suggest = append([]byte(nil), v...)
	}
	return sc, nil
}

// keySuggestRules is the meta key of the schema's suggester rules (JSON),
// absent for the defaults.
var keySuggestRules = []byte("suggest_rules")

// putSchema stores the schema in the meta bucket.
func putSchema(tx *bolt.Tx, sc annotate.Schema) error {
	if err := putLabels(tx, sc.Labels); err != nil {
		return err
	}
	if err := putRelationTypes(tx, sc.Relations); err != nil {
		return err
	}
	if len(sc.Suggest) == 0 {
		return tx.Bucket(bucketMeta).Delete(keySuggestRules)
	}
	return tx.Bucket(bucketMeta).Put(keySuggestRules, sc.Suggest)
}

// SetSchema replaces the project's labels and relation types with sc
// (its labels completed as annotate.LabelSet.Completed does), in one
// transaction. Stored spans keep their labels: renames are not inferred
// (see RenameLabel). Errors: EINVALID for a schema that
// annotate.Schema.Validate refuses; a *LabelInUseError (ECONFLICT,
// ErrLabelInUse) when sc leaves out labels that stored spans carry, with
// their counts; EINVALID when its relation types break a stored link or a
// span's actor or concept (a type left out that links use, or a rule that
// no longer allows their labels; the message counts them and names the
// first); EREADONLY; EINTERNAL for a damaged file. On any error nothing
// changes.
func (s *Store) SetSchema(sc annotate.Schema) error {
	sc.Labels = sc.Labels.Completed()
	err := sc.Validate()
	if err != nil {
		err = annotate.Errorf(annotate.EINVALID, "%s", strings.Join(annotate.ErrorMessages(err), "; "))
	} else {
		err = s.update(func(tx *bolt.Tx) error { return setSchema(tx, sc) })
	}
	if err != nil {
		return fmt.Errorf("set the schema of %s: %w", s.path, err)
	}
	return nil
}

// setSchema is SetSchema within tx, of a valid schema.
func setSchema(tx *bolt.Tx, sc annotate.Schema) error {
	usage, err := labelUsage(tx)
	if err != nil {
		return err
	}
	missing := make(map[string]int)
	for l, n := range usage {
		if _, ok := sc.Labels.Find(l); !ok && n > 0 {
			missing[l] = n
		}
	}
	if len(missing) > 0 {
		return &LabelInUseError{Usage: missing}
	}
	if err := putSchema(tx, sc); err != nil {
		return err
	}
	return checkLinks(tx, sc.Relations)
}

// checkLinks checks every stored span's actor and concept
// (annotate.RelationTypes.CheckSpanLabel) and every stored relation
// (annotate.RelationTypes.CheckRelation) against the relation types ts,
// and returns an EINVALID error counting the problems and naming the
// first.
func checkLinks(tx *bolt.Tx, ts annotate.RelationTypes) error {
	var first error
	n := 0
	note := func(docID string, err error) {
		if n == 0 {
			first = fmt.Errorf("document %s: %w", docID, err)
		}
		n++
	}
	err := forEachDocument(tx, func(docID string, b *bolt.Bucket) error {
		spans, err := readSpans(b, docID, nil)
		if err != nil {
			return err
		}
		byID := make(map[string]annotate.Span, len(spans))
		for _, sp := range spans {
			byID[sp.ID] = sp
			if err := ts.CheckSpanLabel(sp); err != nil {
				note(docID, err)
			}
		}
		rels, err := readRelations(b, docID, nil)
		if err != nil {
			return err
		}
		for _, r := range rels {
			if err := ts.CheckRelation(r, byID[r.From], byID[r.To]); err != nil {
				note(docID, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if n > 0 {
		what := "1 stored link or span"
		if n > 1 {
			what = fmt.Sprintf("%d stored links or spans", n)
		}
		return annotate.Errorf(annotate.EINVALID, "the schema's relation types do not allow %s, such as in %v", what, first)
	}
	return nil
}

// forEachDocument calls fn with the id and bucket of each document, in the
// order of their ids. fn may change the document's bucket.
func forEachDocument(tx *bolt.Tx, fn func(docID string, b *bolt.Bucket) error) error {
	docs := tx.Bucket(bucketDocs)
	var ids []string
	err := docs.ForEach(func(k, v []byte) error {
		if v == nil {
			ids = append(ids, string(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := fn(id, docs.Bucket([]byte(id))); err != nil {
			return err
		}
	}
	return nil
}

// spansLabelled returns the spans of the document bucket b that carry the
// label.
func spansLabelled(b *bolt.Bucket, docID, label string) ([]annotate.Span, error) {
	var out []annotate.Span
	err := b.Bucket(bucketSpans).ForEach(func(k, v []byte) error {
		var sp annotate.Span
		if err := decodeSpan(k, docID, v, &sp); err != nil {
			return errDamaged("span "+string(k)+" of document "+docID, err)
		}
		if sp.Label == label {
			out = append(out, sp)
		}
		return nil
	})
	return out, err
}

// RenameLabel renames the label old to new in one transaction: in the
// label set, in the relation types' rules
// (annotate.Schema.RenameLabel) and on every stored span that carries it,
// whose entry in its document's natural-key index moves with it. The
// spans' Updated times stay: a rename is not an annotator's edit.
// Renaming a label to its own name changes nothing. Errors: ENOTFOUND for
// an unknown old; EINVALID for an invalid new name or one the project
// has; EREADONLY; EINTERNAL for a damaged file. On any error nothing
// changes.
func (s *Store) RenameLabel(old, new string) error {
	change := s.update
	if old == new && !s.readOnly {
		change = s.view // a read-write transaction would write the file
	}
	err := change(func(tx *bolt.Tx) error {
		sc, err := getSchema(tx)
		if err != nil {
			return err
		}
		next, err := sc.RenameLabel(old, new)
		if err != nil || old == new {
			return err
		}
		err = forEachDocument(tx, func(docID string, b *bolt.Bucket) error {
			spans, err := spansLabelled(b, docID, old)
			if err != nil || len(spans) == 0 {
				return err
			}
			keys, err := spanKeys(b, docID)
			if err != nil {
				return err
			}
			bucket := b.Bucket(bucketSpans)
			for i := range spans {
				sp := &spans[i]
				if err := releaseKey(keys, sp); err != nil {
					return err
				}
				sp.Label = new
				if err := claimKey(keys, bucket, docID, sp); err != nil {
					return err
				}
				if err := putSpan(bucket, sp); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		return putSchema(tx, next)
	})
	if err != nil {
		return fmt.Errorf("rename label %s to %s: %w", old, new, err)
	}
	return nil
}

// LabelUsage returns how many stored spans carry each label: every label
// of the label set (0 for one no span carries), and any other label a
// span carries. Its error is EINTERNAL for a damaged file. It is one read
// transaction.
func (s *Store) LabelUsage() (map[string]int, error) {
	var usage map[string]int
	err := s.view(func(tx *bolt.Tx) error {
		labels, err := getLabels(tx)
		if err != nil {
			return err
		}
		if usage, err = labelUsage(tx); err != nil {
			return err
		}
		for _, l := range labels {
			usage[l.Name] += 0
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count the spans of each label in %s: %w", s.path, err)
	}
	return usage, nil
}

// labelUsage counts the stored spans of each label that spans carry.
func labelUsage(tx *bolt.Tx) (map[string]int, error) {
	usage := make(map[string]int)
	err := forEachDocument(tx, func(docID string, b *bolt.Bucket) error {
		return b.Bucket(bucketSpans).ForEach(func(k, v []byte) error {
			var sp annotate.Span
			if err := decodeSpan(k, docID, v, &sp); err != nil {
				return errDamaged("span "+string(k)+" of document "+docID, err)
			}
			usage[sp.Label]++
			return nil
		})
	})
	return usage, err
}

// DeleteLabel removes the label called name from the label set and from
// the relation types' rules (annotate.Schema.DeleteLabel), and every
// stored span that carries it with the relations that start or end at
// those spans, in one transaction, and returns the number of spans
// removed (LabelUsage tells it beforehand). Errors: ENOTFOUND for an
// unknown label; EINVALID for the project's only label, or the only label
// a relation type's start or end allows; EREADONLY; EINTERNAL for a
// damaged file. On any error nothing changes.
func (s *Store) DeleteLabel(name string) (removed int, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		removed = 0
		sc, err := getSchema(tx)
		if err != nil {
			return err
		}
		next, err := sc.DeleteLabel(name)
		if err != nil {
			return err
		}
		err = forEachDocument(tx, func(docID string, b *bolt.Bucket) error {
			spans, err := spansLabelled(b, docID, name)
			if err != nil {
				return err
			}
			for _, sp := range spans {
				if _, err := deleteSpan(tx, docID, sp.ID); err != nil {
					return err
				}
				removed++
			}
			return nil
		})
		if err != nil {
			return err
		}
		return putSchema(tx, next)
	})
	if err != nil {
		return 0, fmt.Errorf("delete label %s: %w", name, err)
	}
	return removed, nil
}
