package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// maxProblems is how many problems Check lists before it only counts them.
const maxProblems = 1000

// Check verifies the project file: bbolt's own consistency check (pages,
// free list, key order) and every invariant of the project: the schema and
// label set (annotate.LabelSet.Validate); each document's SHA-256 matches
// its text, and the order and text indexes agree with the documents; every
// span decodes, belongs to its document, lies within its text (in code
// points), ends after it starts and has a label of the label set; no two
// spans of a document share a natural key (annotate.SpanKey); span counts
// are right; the relation types (annotate.RelationTypes.Validate), when the
// file stores them; every relation links two spans of its document as its
// type allows (annotate.RelationTypes.CheckRelation), and no two relations
// of a document have the same type, start and end; every entity and
// concept decodes, is valid (annotate.Entity.Validate,
// annotate.Concept.Validate) and has a name no other has
// (annotate.NameKey); a span's entity and concept exist and its label
// allows them (annotate.RelationTypes.CheckSpanLabel); every review
// decision decodes, is valid and belongs to a document; every coding
// round's record is sound (checkRounds).
//
// The counts that Stats reads (bucketCounts) must be those of the
// documents in the order bucket. The documents of an import in progress
// (bucketStaging) are checked as documents, but are not listed in the
// order bucket nor counted, and the labels and relation types the import
// will add are not yet the project's.
//
// It returns nil, or errors.Join of one EINTERNAL *annotate.Error per
// problem, each naming the document, span or relation concerned. It is one
// transaction: a read transaction on a read-only project, and otherwise a
// read-write one that is rolled back (bbolt's check needs one to be safe
// while other goroutines write). An error beginning it (the file is
// closed) is returned wrapped, naming the project.
func (s *Store) Check() error { return s.CheckProgress(nil) }

// CheckProgress is Check, calling progress (when not nil) as it goes:
// with done documents checked of total, at most about every 1% of them,
// and last with done == total once the check of bbolt's pages, which
// comes last and counts as one step, is done. total is the number of
// documents plus one.
//
// The structure of the file's pages is checked first, without bbolt
// (checkPages): when it is damaged, Check returns what it found there
// (a damaged error, ErrDamaged, listing the problems: DamageProblems) and
// reads no further, since bbolt could not read on safely; it is bounded
// by the size of the file in time and by a bit a page in memory.
func (s *Store) CheckProgress(progress func(done, total int)) (err error) {
	err = guard(s.path, func() error {
		tx, err := s.handle().Begin(!s.readOnly)
		if err != nil {
			return fmt.Errorf("check project %s: %w", s.path, err)
		}
		defer tx.Rollback()
		s.dbMu.RLock()
		f := s.file
		s.dbMu.RUnlock()
		if err := checkOpenFile(f, s.path); err != nil {
			return err
		}
		return s.check(tx, progress)
	})
	return err
}

// check is CheckProgress's work in tx, once the pages are known sound.
func (s *Store) check(tx *bolt.Tx, progress func(done, total int)) error {
	c := &checker{tx: tx, progress: progress, counts: make(tally)}
	c.total = 1
	if docs := tx.Bucket(bucketDocs); docs != nil {
		cur := docs.Cursor()
		for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
			c.total++
		}
	}
	c.project()
	c.fileImports()
	for err := range tx.Check() {
		c.problem("bbolt: %v", err)
	}
	c.done = c.total - 1
	c.step()
	if c.more > 0 {
		c.problems = append(c.problems, annotate.Errorf(annotate.EINTERNAL, "and %d more problems", c.more))
	}
	return errors.Join(c.problems...)
}

// checker collects the problems of one Check.
type checker struct {
	tx       *bolt.Tx
	progress func(done, total int)
	done     int
	total    int
	reported int
	counts   tally // the counts of the documents in the order bucket
	ordered  map[string]uint64
	problems []error
	more     int
	labels   annotate.LabelSet
	types    annotate.RelationTypes
	entities map[string]bool // the ids of the stored entities
	concepts map[string]bool // and concepts
}

// step counts a document checked and reports progress.
func (c *checker) step() {
	c.done++
	if c.progress == nil {
		return
	}
	if c.done >= c.total || c.done-c.reported >= max(1, c.total/100) {
		c.reported = c.done
		c.progress(min(c.done, c.total), c.total)
	}
}

func (c *checker) problem(format string, args ...any) {
	if len(c.problems) >= maxProblems {
		c.more++
		return
	}
	c.problems = append(c.problems, annotate.Errorf(annotate.EINTERNAL, format, args...))
}

// project checks the domain invariants.
func (c *checker) project() {
	meta := c.tx.Bucket(bucketMeta)
	if meta == nil {
		c.problem("the meta bucket is missing")
		return
	}
	if v := meta.Get(keySchema); len(v) != 8 || binary.BigEndian.Uint64(v) < readableSince || binary.BigEndian.Uint64(v) > schemaVersion {
		c.problem("schema version %x is not %d", v, schemaVersion)
	}
	if _, err := time.Parse(time.RFC3339, string(meta.Get(keyCreated))); err != nil {
		c.problem("creation time %q: %v", meta.Get(keyCreated), err)
	}
	if err := json.Unmarshal(meta.Get(keyLabels), &c.labels); err != nil {
		c.problem("label set: %v", err)
	}
	if err := c.labels.Validate(); err != nil {
		for _, msg := range annotate.ErrorMessages(err) {
			c.problem("label set: %s", msg)
		}
	}
	c.types = annotate.DefaultRelationTypes()
	if v := meta.Get(keyRelationTypes); v != nil {
		c.types = nil
		if err := json.Unmarshal(v, &c.types); err != nil {
			c.problem("relation types: %v", err)
		}
		if err := c.types.Validate(); err != nil {
			for _, msg := range annotate.ErrorMessages(err) {
				c.problem("relation types: %s", msg)
			}
		}
	}
	c.entities = c.named(bucketEntities, "actor", func(v []byte) (string, []string, error) {
		var e annotate.Entity
		if err := json.Unmarshal(v, &e); err != nil {
			return "", nil, err
		}
		return e.ID, e.Names(), e.Validate()
	})
	c.concepts = c.named(bucketConcepts, "concept", func(v []byte) (string, []string, error) {
		var x annotate.Concept
		if err := json.Unmarshal(v, &x); err != nil {
			return "", nil, err
		}
		return x.ID, []string{x.Name}, x.Validate()
	})
	docs, order, sha := c.tx.Bucket(bucketDocs), c.tx.Bucket(bucketOrder), c.tx.Bucket(bucketSHA)
	if docs == nil || order == nil || sha == nil {
		c.problem("the docs, order or sha bucket is missing")
		return
	}
	// The order bucket lists each document once, under its sequence.
	ordered := make(map[string]uint64)
	c.ordered = ordered
	order.ForEach(func(k, id []byte) error {
		if len(k) != 8 {
			c.problem("order bucket: key %x is not 8 bytes", k)
			return nil
		}
		seq := binary.BigEndian.Uint64(k)
		if prev, dup := ordered[string(id)]; dup {
			c.problem("document %s is listed twice in the order bucket (%d and %d)", id, prev, seq)
		}
		ordered[string(id)] = seq
		if seq > order.Sequence() {
			c.problem("document %s: order %d is past the bucket's sequence %d", id, seq, order.Sequence())
		}
		if docs.Bucket(id) == nil {
			c.problem("the order bucket lists document %s, which does not exist", id)
		}
		return nil
	})
	staged := c.staging()
	docs.ForEach(func(id, v []byte) error {
		defer c.step()
		if v != nil {
			c.problem("docs bucket: key %q is not a document bucket", id)
			return nil
		}
		index := sha
		if seq, ok := staged[string(id)]; ok {
			index = c.tx.Bucket(bucketStaging).Bucket(stagingSHA)
			ordered = map[string]uint64{string(id): seq}
			defer func() { ordered = c.ordered }()
		}
		c.document(docs.Bucket(id), string(id), ordered, index, !ok(staged, id))
		return nil
	})
	sha.ForEach(func(sum, id []byte) error {
		b := docs.Bucket(id)
		if b == nil {
			c.problem("the text index maps %s to document %s, which does not exist", sum, id)
			return nil
		}
		var in docInfo
		if decodeInfo(id, b.Get(keyInfo), &in) == nil && in.SHA256 != string(sum) {
			c.problem("the text index maps %s to document %s, whose SHA-256 is %s", sum, id, in.SHA256)
		}
		return nil
	})
	c.checkDecisions()
	c.checkRejected()
	c.checkCounts()
	c.checkRounds()
}

func ok(staged map[string]uint64, id []byte) bool {
	_, in := staged[string(id)]
	return in
}

// staging returns the documents of an import in progress, by id, with
// their sequences, and checks that the staging bucket and the meta key
// agree.
func (c *checker) staging() map[string]uint64 {
	staged := make(map[string]uint64)
	b := c.tx.Bucket(bucketStaging)
	pending := c.tx.Bucket(bucketMeta).Get(keyImport) != nil
	switch {
	case b == nil && pending:
		c.problem("an import is in progress, but its staging bucket is missing")
		return staged
	case b == nil:
		return staged
	case !pending:
		c.problem("the staging bucket of an import is there, but no import is in progress")
	}
	ids, sums := b.Bucket(stagingIDs), b.Bucket(stagingSHA)
	if ids == nil || sums == nil || b.Bucket(stagingAside) == nil || b.Bucket(stagingNames) == nil {
		c.problem("the staging bucket of the import in progress lacks a bucket")
		return staged
	}
	ids.ForEach(func(id, seq []byte) error {
		if len(seq) != 8 {
			c.problem("staged document %s: sequence %x is not 8 bytes", id, seq)
			return nil
		}
		staged[string(id)] = binary.BigEndian.Uint64(seq)
		return nil
	})
	return staged
}

// checkCounts compares the counts bucket, when the file has one, with
// the count of the documents checked.
func (c *checker) checkCounts() {
	stored, ok, err := readCounts(c.tx)
	if err != nil {
		c.problem("counts: %v", err)
		return
	}
	if !ok {
		if v := c.tx.Bucket(bucketMeta).Get(keySchema); len(v) == 8 && binary.BigEndian.Uint64(v) >= 2 {
			c.problem("the counts bucket is missing")
		}
		return
	}
	for k, n := range c.counts {
		if n != 0 && stored[k] != n {
			c.problem("count %q is %d, the file holds %d", k, stored[k], n)
		}
	}
	for k, n := range stored {
		if c.counts[k] == 0 {
			c.problem("count %q is %d, the file holds 0", k, n)
		}
	}
}

// document checks one document bucket; ordered and sha are the order
// and text indexes that must list it, and counted says whether its
// spans belong in the counts. A document that is not counted belongs to
// an import in progress, whose labels and relation types are stored when
// it ends: its spans' labels and its relations' unknown types are not
// checked against the project's.
func (c *checker) document(b *bolt.Bucket, id string, ordered map[string]uint64, sha *bolt.Bucket, counted bool) {
	var in docInfo
	if err := decodeInfo([]byte(id), b.Get(keyInfo), &in); err != nil {
		c.problem("document %s: info: %v", id, err)
		return
	}
	if counted {
		c.counts.add(countDocs, 1)
		c.counts.add(countStatus+string(in.Status), 1)
	}
	if in.ID != id {
		c.problem("document %s: its info names document %q", id, in.ID)
	}
	if _, err := annotate.ParseStatus(string(in.Status)); err != nil || in.Status == "" {
		c.problem("document %s: status %q", id, in.Status)
	}
	text := b.Get(keyText)
	if text == nil {
		c.problem("document %s has no text", id)
	}
	if !utf8.Valid(text) {
		c.problem("document %s: the text is not valid UTF-8", id)
	}
	if sum := annotate.TextSHA256(string(text)); sum != in.SHA256 {
		c.problem("document %s: the text's SHA-256 is %s, not %s as recorded", id, sum, in.SHA256)
	}
	if got := sha.Get([]byte(in.SHA256)); !bytes.Equal(got, []byte(id)) {
		c.problem("document %s: the text index maps its SHA-256 to %q", id, got)
	}
	if seq, ok := ordered[id]; !ok {
		c.problem("document %s is missing from the order bucket", id)
	} else if seq != in.Seq {
		c.problem("document %s: listed at %d in the order bucket, its info says %d", id, seq, in.Seq)
	}
	spans, rels := b.Bucket(bucketSpans), b.Bucket(bucketRelations)
	if spans == nil || rels == nil {
		c.problem("document %s: the spans or relations bucket is missing", id)
		return
	}
	textLen := utf8.RuneCount(text)
	n := 0
	var all []annotate.Span
	spans.ForEach(func(k, v []byte) error {
		n++
		var sp annotate.Span
		if err := decodeSpan(k, id, v, &sp); err != nil {
			c.problem("document %s: span %s: %v", id, k, err)
			return nil
		}
		if counted {
			c.counts.span(sp.Label, sp.Annotator, 1)
		}
		if sp.ID != string(k) {
			c.problem("document %s: span %s is stored under id %s", id, sp.ID, k)
		}
		if sp.DocumentID != id {
			c.problem("document %s: span %s names document %q", id, k, sp.DocumentID)
		}
		if err := sp.Validate(textLen); err != nil {
			c.problem("document %s: span %s: %v", id, k, err)
		}
		if _, ok := c.labels.Find(sp.Label); !ok && counted {
			c.problem("document %s: span %s: label %q is not in the label set", id, k, sp.Label)
		}
		if sp.Entity != "" && !c.entities[sp.Entity] {
			c.problem("document %s: span %s names actor %s, which does not exist", id, k, sp.Entity)
		}
		if sp.Concept != "" && !c.concepts[sp.Concept] {
			c.problem("document %s: span %s has concept %s, which does not exist", id, k, sp.Concept)
		}
		if err := c.types.CheckSpanLabel(sp); err != nil {
			c.problem("document %s: span %s: %v", id, k, err)
		}
		all = append(all, sp)
		return nil
	})
	for _, pair := range annotate.DuplicateSpans(all) {
		c.problem("document %s: spans %s and %s are the same span (%s)", id, pair[0].ID, pair[1].ID, pair[0].Describe())
	}
	if n != in.Spans {
		c.problem("document %s: %d spans are stored, its info counts %d", id, n, in.Spans)
	}
	if keys := b.Bucket(bucketKeys); keys != nil {
		c.keyIndex(id, keys, all)
	}
	byID := make(map[string]annotate.Span, len(all))
	for _, sp := range all {
		byID[sp.ID] = sp
	}
	seen := make(map[relKey]string)
	sourced := make(map[string]bool)
	rels.ForEach(func(k, v []byte) error {
		var r annotate.Relation
		if err := json.Unmarshal(v, &r); err != nil {
			c.problem("document %s: relation %s: %v", id, k, err)
			return nil
		}
		if r.ID != string(k) {
			c.problem("document %s: relation %s is stored under id %s", id, r.ID, k)
		}
		if r.Type == "" {
			c.problem("document %s: relation %s has no type", id, k)
		}
		ok := true
		for _, end := range []string{r.From, r.To} {
			if end == "" || spans.Get([]byte(end)) == nil {
				c.problem("document %s: relation %s links span %q, which does not exist", id, k, end)
				ok = false
			}
		}
		if _, known := c.types.Find(r.Type); ok && r.Type != "" && (counted || known) {
			if err := c.types.CheckRelation(r, byID[r.From], byID[r.To]); err != nil {
				c.problem("document %s: relation %s breaks a rule: %v", id, k, err)
			}
		}
		rk := relKey{r.Type, r.From, r.To}
		if other, dup := seen[rk]; dup {
			c.problem("document %s: relations %s and %s are the same %s link from span %s to span %s", id, other, k, r.Type, r.From, r.To)
		}
		seen[rk] = string(k)
		if counted && r.Type == annotate.RelationSource && !sourced[r.From] {
			if from, ok := byID[r.From]; ok {
				sourced[r.From] = true
				c.counts.add(countSourced+from.Label, 1)
			}
		}
		return nil
	})
}

// named checks the entities or concepts bucket name (what names its
// values in problems; a file without the bucket has none) and returns the
// ids it holds: each value decodes (decode returns its id, its names (an
// entity's name and aliases) and the error of its Validate), is stored
// under its id and is valid, and no two have a name in common
// (annotate.NameKey).
func (c *checker) named(name []byte, what string, decode func([]byte) (id string, names []string, err error)) map[string]bool {
	ids := make(map[string]bool)
	b := c.tx.Bucket(name)
	if b == nil {
		return ids
	}
	names := make(map[string]string)
	b.ForEach(func(k, v []byte) error {
		ids[string(k)] = true
		id, ns, err := decode(v)
		if err != nil {
			c.problem("%s %s: %v", what, k, err)
		}
		if id != string(k) {
			c.problem("%s %s is stored under id %s", what, id, k)
		}
		for _, n := range ns {
			key := annotate.NameKey(n)
			if other, dup := names[key]; dup && other != string(k) {
				c.problem("%ss %s and %s have the same name %q", what, other, k, n)
			}
			names[key] = string(k)
		}
		return nil
	})
	return ids
}

// keyIndex checks a document's natural-key index against its spans: one
// entry per span, under the span's key, and nothing else.
func (c *checker) keyIndex(id string, keys *bolt.Bucket, spans []annotate.Span) {
	want := make(map[string]string, len(spans))
	for _, sp := range spans {
		k := encodeSpanKey(sp.Key())
		want[string(k)] = sp.ID
		if got := keys.Get(k); string(got) != sp.ID {
			c.problem("document %s: span %s (%s) is missing from the natural-key index", id, sp.ID, sp.Describe())
		}
	}
	n := 0
	keys.ForEach(func(k, v []byte) error {
		n++
		sk, ok := decodeSpanKey(k)
		switch {
		case !ok:
			c.problem("document %s: the natural-key index holds a malformed key %x", id, k)
		case want[string(k)] != string(v):
			c.problem("document %s: the natural-key index maps %d–%d %s by %s to span %s, which does not have that key", id, sk.Start, sk.End, sk.Label, sk.Annotator, v)
		}
		return nil
	})
	if n != len(spans) {
		c.problem("document %s: the natural-key index has %d entries for %d spans", id, n, len(spans))
	}
}
