package store

import (
	"encoding/json"
	"fmt"
	"time"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// Import adds records to the project in one transaction: all of them, or,
// on any error, nothing.
//
// The rules below that need no database (how a document, span or
// relation is completed, which spans, labels, link types and references
// are valid, how a reference resolves, what the project gains) are
// annotate.ImportPlan's; Import finds what is already stored and writes
// what the plan checked.
//
// A record's document without an id gets a new one; an empty SHA256 is
// computed, an empty status means todo and a zero Created means now. A
// document is already in the project when a stored document has its id,
// else when one has the same text (SHA-256); then only the record's new
// spans and relations are added to the stored document, and a document
// that brings nothing new counts in Skipped. Documents repeated within
// records are recognised the same way.
//
// A span without an id gets a new one, an empty Annotator is annotator, a
// zero Created is now and a zero Updated is Created. A span is already
// present when its document has a span with its id and the same natural
// key (annotate.SpanKey: offsets, label and annotator), or, under another
// id, one with the same natural key; it is then skipped. A stored span
// with the id but another natural key is a conflict. The same offsets and
// label by another annotator are another span, and are added. A document
// that receives spans takes the status annotate.Status.AfterSpanAdded
// gives (todo becomes in_progress). Relations name spans of their
// record by id (mapped to the stored span when the record's span was
// recognised by its key), or spans stored in the document; a relation
// with the id, or the type and ends, of a stored one is skipped. Labels
// that are not in the project's label set are added to it
// (annotate.LabelSet.With) and listed in the result's NewLabels; relation
// types the project does not know are added to its relation types,
// allowing any labels (annotate.NewRelationType), and listed in
// NewRelationTypes. Every relation added is checked with
// annotate.RelationTypes.CheckRelation.
//
// A span's Entity and Concept are references to the record's Entities and
// Concepts (annotate.Record), or ids of the project's: an entity of the
// record is the stored entity with its id, else the one with its name
// (annotate.NameKey), else it is added (with its id, or a new one when it
// has none) and counted in Entities; concepts likewise. The stored
// entity's name, kind and affiliation win over the record's. The span is
// stored with the stored ids; its label must allow them
// (annotate.RelationTypes.CheckSpanLabel). A span already present keeps
// its stored entity and concept.
//
// Errors name the record (1-based): EINVALID for a document whose id is
// stored with a different text, a document or span that breaks a rule, an
// invalid label name, or a relation without a type, with an invalid type
// name, whose end is not a span of the document, or that breaks a rule of
// its type (a span linked to itself, a label the type does not allow), a
// span's entity or concept reference that neither the record nor the
// project defines, an entity or concept that breaks a rule
// (annotate.Entity.Validate, annotate.Concept.Validate), or one that the
// span's label does not allow; ECONFLICT for a span whose id is stored in its
// document with another natural key (the message gives both); EREADONLY.
//
// Import holds every record, and every change, in memory until its one
// commit: for a large file, ImportStream bounds the memory instead.
func (s *Store) Import(records []annotate.Record, annotator string) (annotate.ImportResult, error) {
	return s.importRecords(records, annotator, nil)
}

// importRecords is Import, recording the imports of files
// (ImportStreamFiles).
func (s *Store) importRecords(records []annotate.Record, annotator string, files func() ([]annotate.FileImport, error)) (annotate.ImportResult, error) {
	var res annotate.ImportResult
	err := s.update(func(tx *bolt.Tx) error {
		im, err := newImporter(tx, annotator, nil)
		if err != nil {
			return err
		}
		im.files = files
		for i := range records {
			if err := im.record(i, &records[i], factsOf(&records[i].Document)); err != nil {
				return recordError(i, &records[i].Document, err)
			}
		}
		res = im.plan.Result
		return im.finish()
	})
	if err != nil {
		return annotate.ImportResult{}, err
	}
	return res, nil
}

// newImporter starts an import in tx: of records stored at once when st
// is nil, else staged under st (ImportStream).
func newImporter(tx *bolt.Tx, annotator string, st *stage) (*importer, error) {
	labels, err := getLabels(tx)
	if err != nil {
		return nil, err
	}
	types, err := getRelationTypes(tx)
	if err != nil {
		return nil, err
	}
	im := &importer{tx: tx, plan: annotate.NewImportPlan(labels, types, annotator, time.Now().UTC()), st: st,
		newSpans: make(map[labelAnnotator]int64)}
	im.counts = &im.own
	if st != nil {
		im.counts = &st.counts
		im.files = st.files
	}
	return im, nil
}

// finish stores what the import changed in the project as a whole: its
// labels, relation types and counts. It ends an Import, and the flip of
// an ImportStream.
func (im *importer) finish() error {
	im.countSpans()
	if len(im.plan.Result.NewLabels) > 0 {
		if err := putLabels(im.tx, im.plan.Labels); err != nil {
			return err
		}
	}
	if len(im.plan.Result.NewRelationTypes) > 0 {
		if err := putRelationTypes(im.tx, im.plan.Types); err != nil {
			return err
		}
	}
	if err := im.own.apply(im.tx); err != nil {
		return err
	}
	if err := putFileImports(im.tx, im.files, im.plan.Now); err != nil {
		return err
	}
	im.own = nil
	return nil
}

// recordError names the i-th record in an import error.
func recordError(i int, d *annotate.Document, err error) error {
	name := ""
	switch {
	case d.ID != "":
		name = "document " + d.ID
	case d.Title != "":
		name = fmt.Sprintf("%q", d.Title)
	}
	return &annotate.RecordError{Index: i, Name: name, Err: err}
}

// importer is the state of one Import, or of one ImportStream across its
// transactions (tx is the current one). The rules an import applies to
// what it adds are its plan's (annotate.ImportPlan): the importer finds
// what is already stored (documents, spans, relations, and, for the
// plan, actors and concepts: projectNames) and writes what the plan
// checked.
type importer struct {
	tx            *bolt.Tx
	st            *stage // the staged import, or nil
	own           tally  // changes of the counts of documents already visible
	counts        *tally // where changes of the counts go: &own, or the stage's
	plan          *annotate.ImportPlan
	scratch       recordScratch
	newSpans      map[labelAnnotator]int64 // spans added and not yet in counts (countSpans)
	knownEntities importNames[annotate.Entity]
	knownConcepts importNames[annotate.Concept]
	files         func() ([]annotate.FileImport, error) // the files recorded as imported when the import ends (finish)
}

// record imports the i-th record, whose text's facts are f. In a staged
// import, a record of a document that was visible before the import is
// put aside (stage.put aside) for the flip, which imports it with st nil.
func (im *importer) record(i int, rec *annotate.Record, f textFacts) error {
	d := rec.Document
	if err := im.plan.CompleteDocument(&d, f.sum); err != nil {
		return err
	}
	docs := im.tx.Bucket(bucketDocs)
	b := docs.Bucket([]byte(d.ID))
	matched := b != nil
	switch {
	case matched:
		in, err := getInfo(b, []byte(d.ID))
		if err != nil {
			return err
		}
		if in.SHA256 != d.SHA256 {
			return annotate.Errorf(annotate.EINVALID, "document %s is already in the project with a different text", d.ID)
		}
		staged := isStaged(im.tx, d.ID)
		if im.st == nil && staged {
			return annotate.Errorf(annotate.ECONFLICT, "document %s is being imported into the project by another import", d.ID)
		}
		if im.st != nil && !staged {
			return im.st.putAside(im.tx, i, d.ID, rec)
		}
	default:
		if other := im.tx.Bucket(bucketSHA).Get([]byte(d.SHA256)); other != nil {
			d.ID = string(other)
			if b = docs.Bucket(other); b == nil {
				return errDamaged("the text index names a missing document "+d.ID, nil)
			}
			if im.st != nil {
				return im.st.putAside(im.tx, i, d.ID, rec)
			}
			matched = true
			break
		}
		if other := im.st.bySHA(im.tx, d.SHA256); other != nil {
			d.ID = string(other)
			if b = docs.Bucket(other); b == nil {
				return errDamaged("the staged import names a missing document "+d.ID, nil)
			}
			matched = true
			break
		}
		// A new document's info is stored once, with its spans.
		b, in, err := createDocument(im.tx, &d, im.st)
		if err != nil {
			return err
		}
		spans, rels, err := im.annotations(b, &d, f.runes, false, rec)
		if err != nil {
			return err
		}
		in.Spans = spans
		if spans > 0 {
			in.Status = in.Status.AfterSpanAdded()
		}
		if err := storeInfo(b, &in, im.st.tally()); err != nil {
			return err
		}
		im.plan.Result.Documents++
		im.plan.Result.Spans += spans
		im.plan.Result.Relations += rels
		return nil
	}
	spans, rels, err := im.annotations(b, &d, f.runes, matched, rec)
	if err != nil {
		return err
	}
	if spans == 0 && rels == 0 {
		im.plan.Result.Skipped++
	}
	if spans > 0 {
		in, err := getInfo(b, []byte(d.ID))
		if err != nil {
			return err
		}
		in.Spans += spans
		in.Status = in.Status.AfterSpanAdded()
		if err := storeInfo(b, &in, im.counts); err != nil {
			return err
		}
	}
	im.plan.Result.Spans += spans
	im.plan.Result.Relations += rels
	return nil
}

// textFacts are what importing a record needs of its text that takes no
// transaction, so that ImportStream can compute them ahead of its
// transactions (readAhead): the text's length in code points and, for a
// document without one, its SHA-256.
type textFacts struct {
	runes int
	sum   string
}

// factsOf computes the text facts of d.
func factsOf(d *annotate.Document) textFacts {
	f := textFacts{runes: annotate.RuneCount(d.Text)}
	if d.SHA256 == "" {
		f.sum = annotate.TextSHA256(d.Text)
	}
	return f
}

// relKey identifies a relation without its id.
type relKey struct{ typ, from, to string }

// annotations adds the record's new spans and relations to the document
// bucket b of document d, whose text is textLen code points long, and
// returns how many of each it added. matched says whether the document
// was stored before: a new document holds only what this call adds, which
// it keeps track of in memory instead of looking it up in b.
func (im *importer) annotations(b *bolt.Bucket, d *annotate.Document, textLen int, matched bool, rec *annotate.Record) (int, int, error) {
	spansB, relsB := b.Bucket(bucketSpans), b.Bucket(bucketRelations)
	keysB, err := spanKeys(b, d.ID)
	if err != nil {
		return 0, 0, err
	}
	// An import adds a stretch of keys at a time: to the spans, ids that
	// grow with the time they were made (annotate.NewID); to the index,
	// one annotator's keys (encodeSpanKey). Pages split where they are
	// nearly full rather than at half (bbolt's default, for keys put in
	// any order) make a file that grew by imports smaller, and its
	// commits shorter.
	spansB.FillPercent, keysB.FillPercent = importFill, importFill
	sc := im.scratch.reset()
	if matched {
		if err := loadRelationKeys(relsB, d.ID, sc.rkeys); err != nil {
			return 0, 0, err
		}
		for k := range sc.rkeys {
			if k.typ == annotate.RelationSource {
				sc.sourced[k.from] = true
			}
		}
	}
	// find returns the stored span with the id, if any.
	find := func(id string) (annotate.Span, bool, error) {
		if i, ok := sc.added[id]; ok {
			return sc.spans[i], true, nil
		}
		if !matched || spansB.Get([]byte(id)) == nil {
			return annotate.Span{}, false, nil
		}
		sp, err := getSpan(spansB, d.ID, id)
		return sp, err == nil, err
	}
	nspans := 0
	sp := &sc.span // one for every span: a span variable of the loop would be allocated for each
	for i := range rec.Spans {
		*sp = rec.Spans[i]
		im.plan.CompleteSpan(sp)
		stored, ok, err := find(sp.ID)
		if err != nil {
			return 0, 0, err
		}
		if ok {
			if stored.Key() != sp.Key() {
				return 0, 0, annotate.Errorf(annotate.ECONFLICT, "span %s is already in document %s as %s; this file has it as %s",
					sp.ID, d.ID, stored.Describe(), sp.Describe())
			}
			sc.ids[sp.ID] = sp.ID
			continue
		}
		if stored, ok := sc.keys[sp.Key()]; ok {
			sc.ids[sp.ID] = stored
			continue
		}
		if matched {
			// The stored spans' natural keys: one lookup in the
			// document's index, rather than reading all its spans.
			if stored := keysB.Get(encodeSpanKey(sp.Key())); stored != nil {
				sc.ids[sp.ID] = string(stored)
				continue
			}
		}
		if err := im.plan.CheckSpan(sp, textLen); err != nil {
			return 0, 0, err
		}
		sp.DocumentID = d.ID
		if err := im.plan.SpanRefs(rec, sp, (*projectNames)(im)); err != nil {
			return 0, 0, err
		}
		if err := storeNewSpan(spansB, sp); err != nil {
			return 0, 0, err
		}
		if err := keysB.Put(encodeSpanKey(sp.Key()), stringBytes(sp.ID)); err != nil {
			return 0, 0, err
		}
		im.newSpans[labelAnnotator{sp.Label, sp.Annotator}]++
		sc.keys[sp.Key()] = sp.ID
		sc.ids[sp.ID] = sp.ID
		sc.added[sp.ID] = len(sc.spans)
		sc.spans = append(sc.spans, *sp)
		nspans++
	}
	resolve := func(rel, span string) (string, error) {
		if id, ok := sc.ids[span]; ok {
			return id, nil
		}
		if matched && span != "" && spansB.Get([]byte(span)) != nil {
			return span, nil
		}
		return "", annotate.Errorf(annotate.EINVALID, "relation %s: %q is not a span of document %s", rel, span, d.ID)
	}
	// An error about a relation names it as its file did, on its line.
	relErr := annotate.RelationError
	nrels := 0
	r := &sc.relation
	for i := range rec.Relations {
		*r = rec.Relations[i]
		if err := im.plan.CompleteRelation(r); err != nil {
			return 0, 0, relErr(r, err)
		}
		var err error
		if r.From, err = resolve(r.Name(), r.From); err != nil {
			return 0, 0, relErr(r, err)
		}
		if r.To, err = resolve(r.Name(), r.To); err != nil {
			return 0, 0, relErr(r, err)
		}
		k := relKey{r.Type, r.From, r.To}
		if sc.rels[r.ID] || matched && relsB.Get([]byte(r.ID)) != nil || sc.rkeys[k] {
			continue
		}
		from, err := im.checkRelation(find, d.ID, r)
		if err != nil {
			return 0, 0, relErr(r, err)
		}
		if err := putRelation(relsB, r); err != nil {
			return 0, 0, err
		}
		if err := noteRelationAdded(im.tx, r, &from, sc.sourced[r.From], im.counts); err != nil {
			return 0, 0, err
		}
		if r.Type == annotate.RelationSource {
			sc.sourced[r.From] = true
		}
		sc.rkeys[k] = true
		sc.rels[r.ID] = true
		nrels++
	}
	return nspans, nrels, nil
}

// importFill is the FillPercent of the buckets an import adds spans to.
const importFill = 0.9

// labelAnnotator is a label and an annotator, which the counts of spans
// go by.
type labelAnnotator struct{ label, annotator string }

// countSpans adds the spans the import added since the last call to the
// counts (im.counts), and forgets them: the spans are counted by label
// and annotator as they are added (newSpans), which is cheaper than
// counting each in the tally, whose keys are made of strings.
func (im *importer) countSpans() {
	if len(im.newSpans) == 0 {
		return
	}
	if *im.counts == nil {
		*im.counts = make(tally)
	}
	for k, n := range im.newSpans {
		im.counts.span(k.label, k.annotator, n)
	}
	clear(im.newSpans)
}

// recordScratch is the bookkeeping of importer.annotations, kept from one
// record to the next.
type recordScratch struct {
	keys     map[annotate.SpanKey]string // natural key → stored span id
	rkeys    map[relKey]bool             // relations stored, without ids
	sourced  map[string]bool             // spans a SOURCE link starts at
	ids      map[string]string           // record span id → stored span id
	added    map[string]int              // spans this record added: id → index in spans
	spans    []annotate.Span             // spans this record added
	rels     map[string]bool             // relations this record added, by id
	span     annotate.Span               // the span being added
	relation annotate.Relation           // the relation being added
}

// reset empties the maps of sc for the next record and returns sc. Maps
// that a large record grew are made anew rather than cleared, since
// clearing a map costs its size.
func (sc *recordScratch) reset() *recordScratch {
	sc.keys = resetMap(sc.keys)
	sc.rkeys = resetMap(sc.rkeys)
	sc.sourced = resetMap(sc.sourced)
	sc.ids = resetMap(sc.ids)
	sc.added = resetMap(sc.added)
	clear(sc.spans)
	sc.spans = sc.spans[:0]
	sc.rels = resetMap(sc.rels)
	return sc
}

func resetMap[K comparable, V any](m map[K]V) map[K]V {
	switch {
	case m == nil || len(m) > 256:
		return make(map[K]V)
	case len(m) > 0:
		clear(m)
	}
	return m
}

// checkRelation checks a relation of an import, whose ends are stored
// spans of the document, with the plan (annotate.ImportPlan.RelationType,
// then CheckRelation), and returns the span it starts at.
func (im *importer) checkRelation(find func(id string) (annotate.Span, bool, error), docID string, r *annotate.Relation) (annotate.Span, error) {
	if err := im.plan.RelationType(r); err != nil {
		return annotate.Span{}, err
	}
	from, ok, err := find(r.From)
	if err == nil && !ok {
		err = errNoSpan(docID, r.From)
	}
	if err != nil {
		return from, err
	}
	to, ok, err := find(r.To)
	if err == nil && !ok {
		err = errNoSpan(docID, r.To)
	}
	if err != nil {
		return from, err
	}
	return from, im.plan.CheckRelation(r, from, to)
}

// loadRelationKeys fills rkeys with the relation keys stored in a
// document. (Its spans' natural keys are looked up in its index, the
// bucket keys, one by one.)
func loadRelationKeys(relsB *bolt.Bucket, docID string, rkeys map[relKey]bool) error {
	return relsB.ForEach(func(k, v []byte) error {
		var r annotate.Relation
		if err := json.Unmarshal(v, &r); err != nil {
			return errDamaged("relation "+string(k)+" of document "+docID, err)
		}
		rkeys[relKey{r.Type, r.From, r.To}] = true
		return nil
	})
}
