package store

import (
	"reflect"
	"slices"
	"testing"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// entityFixture is a project with one document: an actor span "Wang Yi",
// an actor span "China" and a claim.
type entityFixture struct {
	s                *Store
	doc              string
	wang, china, clm annotate.Span
}

func newEntityFixture(t *testing.T) *entityFixture {
	t.Helper()
	s := newStore(t)
	text := article(t)
	d := annotate.NewDocument("China", "test", text, testTime)
	f := &entityFixture{s: s, doc: d.ID,
		wang:  span(t, d.ID, text, "Wang Yi", 0, annotate.LabelActor),
		china: span(t, d.ID, text, "China", 0, annotate.LabelActor),
		clm:   span(t, d.ID, text, "China has offered to help Iraq", 0, annotate.LabelClaim),
	}
	if _, err := s.Import([]annotate.Record{{Document: d, Spans: []annotate.Span{f.wang, f.china, f.clm}}}, "ana"); err != nil {
		t.Fatal(err)
	}
	return f
}

// stored returns the stored span id of the fixture's document.
func (f *entityFixture) stored(t *testing.T, id string) annotate.Span {
	t.Helper()
	spans, err := f.s.Spans(f.doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range spans {
		if sp.ID == id {
			return sp
		}
	}
	t.Fatalf("span %s is not stored", id)
	return annotate.Span{}
}

func TestPutEntity(t *testing.T) {
	f := newEntityFixture(t)
	wang := annotate.Entity{ID: "e1", Name: "  Wang Yi ", Kind: "person", Affiliation: "China — foreign minister"}
	if err := f.s.PutEntity(wang); err != nil {
		t.Fatal(err)
	}
	if err := f.s.PutEntity(annotate.Entity{ID: "e2", Name: "china", Kind: "state"}); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Entities()
	if err != nil {
		t.Fatal(err)
	}
	want := []annotate.Entity{{ID: "e2", Name: "china", Kind: "state"}, wang.Clean()}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("entities %+v, want %+v", got, want)
	}
	wantCode(t, f.s.PutEntity(annotate.Entity{ID: "e3", Name: "WANG  yi"}), annotate.ECONFLICT)
	wantCode(t, f.s.PutEntity(annotate.Entity{ID: "e3", Name: " "}), annotate.EINVALID)
	wantCode(t, f.s.PutEntity(annotate.Entity{ID: "e3", Name: "Iraq", Kind: "country"}), annotate.EINVALID)
	wantCode(t, f.s.PutEntity(annotate.Entity{Name: "Iraq"}), annotate.EINVALID)
	// A rename of an entity to its own name in another case is no clash.
	if err := f.s.PutEntity(annotate.Entity{ID: "e2", Name: "China", Kind: "state"}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.PutConcept(annotate.Concept{ID: "c1", Name: "help for Iraq"}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.s.PutConcept(annotate.Concept{ID: "c2", Name: "Help for  Iraq"}), annotate.ECONFLICT)
	concepts, err := f.s.Concepts()
	if err != nil || !reflect.DeepEqual(concepts, []annotate.Concept{{ID: "c1", Name: "help for Iraq"}}) {
		t.Fatalf("concepts %+v, %v", concepts, err)
	}
}

func TestSetSpanEntityAndConcept(t *testing.T) {
	f := newEntityFixture(t)
	s := f.s
	if err := s.PutEntity(annotate.Entity{ID: "e1", Name: "Wang Yi"}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutConcept(annotate.Concept{ID: "c1", Name: "help for Iraq"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSpanEntity(f.doc, f.wang.ID, "e1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSpanConcept(f.doc, f.clm.ID, "c1"); err != nil {
		t.Fatal(err)
	}
	if got := f.stored(t, f.wang.ID); got.Entity != "e1" || !got.Updated.Equal(f.wang.Updated) {
		t.Fatalf("span %+v after SetSpanEntity", got)
	}
	if got := f.stored(t, f.clm.ID); got.Concept != "c1" {
		t.Fatalf("span %+v after SetSpanConcept", got)
	}
	// Refusals.
	wantCode(t, s.SetSpanEntity(f.doc, f.clm.ID, "e1"), annotate.EINVALID)
	wantCode(t, s.SetSpanConcept(f.doc, f.wang.ID, "c1"), annotate.EINVALID)
	wantCode(t, s.SetSpanEntity(f.doc, f.china.ID, "nope"), annotate.EINVALID)
	wantCode(t, s.SetSpanConcept(f.doc, f.clm.ID, "nope"), annotate.EINVALID)
	wantCode(t, s.SetSpanEntity(f.doc, "nope", "e1"), annotate.ENOTFOUND)
	wantCode(t, s.SetSpanEntity("nope", f.wang.ID, "e1"), annotate.ENOTFOUND)
	// A label that does not allow the entity is refused.
	relabel := f.stored(t, f.wang.ID)
	relabel.Label = annotate.LabelClaim
	wantCode(t, s.UpdateSpan(relabel), annotate.EINVALID)
	// Deleting what a span names is refused.
	wantCode(t, s.DeleteEntity("e1"), annotate.ECONFLICT)
	wantCode(t, s.DeleteConcept("c1"), annotate.ECONFLICT)
	wantCode(t, s.DeleteEntity("nope"), annotate.ENOTFOUND)
	// Stats count them.
	st, err := s.Stats()
	if err != nil || st.Entities != 1 || st.Concepts != 1 {
		t.Fatalf("stats %+v, %v", st, err)
	}
	// Clearing, then deleting.
	if err := s.SetSpanEntity(f.doc, f.wang.ID, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSpanConcept(f.doc, f.clm.ID, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEntity("e1"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteConcept("c1"); err != nil {
		t.Fatal(err)
	}
	if got := f.stored(t, f.wang.ID); !reflect.DeepEqual(got, f.wang) {
		t.Fatalf("span %+v, want %+v", got, f.wang)
	}
	// A deleted span with an entity cannot come back without it.
	if err := s.PutEntity(annotate.Entity{ID: "e1", Name: "Wang Yi"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSpanEntity(f.doc, f.wang.ID, "e1"); err != nil {
		t.Fatal(err)
	}
	gone := f.stored(t, f.wang.ID)
	if _, err := s.DeleteSpan(f.doc, f.wang.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEntity("e1"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.RestoreSpan(gone, nil), annotate.EINVALID)
}

func TestMergeEntities(t *testing.T) {
	f := newEntityFixture(t)
	s := f.s
	keep := annotate.Entity{ID: "e1", Name: "Wang Yi", Kind: "person", Aliases: []string{"Minister Wang"}}
	gone := annotate.Entity{ID: "e2", Name: "Foreign Minister Wang", Affiliation: "China", Aliases: []string{"Mr Wang", "China’s top diplomat"}}
	other := annotate.Entity{ID: "e3", Name: "Li Keqiang"}
	for _, e := range []annotate.Entity{keep, gone, other} {
		if err := s.PutEntity(e); err != nil {
			t.Fatal(err)
		}
	}
	for id, e := range map[string]string{f.wang.ID: "e2", f.china.ID: "e2"} {
		if err := s.SetSpanEntity(f.doc, id, e); err != nil {
			t.Fatal(err)
		}
	}
	before := dump(t, s)
	wantCode(t, second(s.MergeEntities("e1", "e1")), annotate.EINVALID)
	wantCode(t, second(s.MergeEntities("e1", "nope")), annotate.ENOTFOUND)
	if got := dump(t, s); !reflect.DeepEqual(got, before) {
		t.Fatalf("a refused merge changed the file\n%+v\nwant\n%+v", got, before)
	}
	m, err := s.MergeEntities("e1", "e2")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Spans) != 2 {
		t.Fatalf("moved %+v", m.Spans)
	}
	for _, ref := range m.Spans {
		if ref.DocumentID != f.doc || f.stored(t, ref.SpanID).Entity != "e1" {
			t.Fatalf("span %+v was not moved", ref)
		}
	}
	merged := keep
	merged.Aliases = []string{"Minister Wang", "Foreign Minister Wang", "Mr Wang", "China’s top diplomat"}
	if !m.Kept.Equal(keep) || !m.Merged.Equal(merged) || m.AliasesLeftOut != 0 {
		t.Fatalf("merge returned %+v", m)
	}
	if got, _ := s.Entities(); !reflect.DeepEqual(got, []annotate.Entity{other, merged}) {
		t.Fatalf("entities after merge %+v, want %+v", got, []annotate.Entity{other, merged})
	}
	// The gone actor's names now find the kept one; no other actor may take them.
	wantCode(t, s.PutEntity(annotate.Entity{ID: "e4", Name: "mr  wang"}), annotate.ECONFLICT)

	// The undo: both actors as they were, the spans naming the gone one.
	wantCode(t, s.RestoreEntity(keep, annotate.EntityMerge{}), annotate.ECONFLICT)
	wantCode(t, s.RestoreEntity(gone, annotate.EntityMerge{Kept: annotate.Entity{ID: "nope", Name: "x"}}), annotate.ENOTFOUND)
	if err := s.RestoreEntity(gone, m); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, s); !reflect.DeepEqual(got, before) {
		t.Fatalf("after undoing the merge\n%+v\nwant\n%+v", got, before)
	}
	ents, _ := s.Entities()
	for _, want := range []annotate.Entity{keep, gone} {
		i := slices.IndexFunc(ents, func(e annotate.Entity) bool { return e.ID == want.ID })
		if i < 0 || !ents[i].Equal(want) {
			t.Fatalf("after the undo the actors are %+v, want %+v among them", ents, want)
		}
	}
	// And again, as a redo does.
	if m2, err := s.MergeEntities("e1", "e2"); err != nil || !m2.Merged.Equal(merged) || len(m2.Spans) != 2 {
		t.Fatalf("merging again: %+v, %v", m2, err)
	}
}

// Entities and concepts survive an export and an import into another
// project: matched by id, else by name, else created.
func TestImportEntities(t *testing.T) {
	f := newEntityFixture(t)
	s := f.s
	if err := s.PutEntity(annotate.Entity{ID: "e1", Name: "Wang Yi", Kind: "person"}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutConcept(annotate.Concept{ID: "c1", Name: "help for Iraq"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSpanEntity(f.doc, f.wang.ID, "e1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSpanConcept(f.doc, f.clm.ID, "c1"); err != nil {
		t.Fatal(err)
	}
	recs := dump(t, s)
	if !reflect.DeepEqual(recs[0].Entities, map[string]annotate.Entity{"e1": {ID: "e1", Name: "Wang Yi", Kind: "person"}}) ||
		!reflect.DeepEqual(recs[0].Concepts, map[string]annotate.Concept{"c1": {ID: "c1", Name: "help for Iraq"}}) {
		t.Fatalf("record entities %+v, concepts %+v", recs[0].Entities, recs[0].Concepts)
	}

	// A new project: created with their ids.
	t2 := newStore(t)
	res, err := t2.Import(recs, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Entities != 1 || res.Concepts != 1 {
		t.Fatalf("result %+v", res)
	}
	if got := dump(t, t2); !reflect.DeepEqual(got, recs) {
		t.Fatalf("imported\n%+v\nwant\n%+v", got, recs)
	}

	// A project with "wang yi" under another id: matched by name.
	t3 := newStore(t)
	if err := t3.PutEntity(annotate.Entity{ID: "x", Name: "wang yi"}); err != nil {
		t.Fatal(err)
	}
	res, err = t3.Import(recs, "")
	if err != nil || res.Entities != 0 || res.Concepts != 1 {
		t.Fatalf("result %+v, %v", res, err)
	}
	got := dump(t, t3)
	for _, sp := range got[0].Spans {
		if sp.ID == f.wang.ID && sp.Entity != "x" {
			t.Fatalf("span %+v does not name the stored entity x", sp)
		}
	}

	// A reference the record does not define, and a label that does not
	// allow an entity, are refused, and nothing is stored.
	t4 := newStore(t)
	bad := recs[0]
	bad.Entities = nil
	_, err = t4.Import([]annotate.Record{bad}, "")
	wantCode(t, err, annotate.EINVALID)
	bad = recs[0]
	bad.Spans = append([]annotate.Span(nil), bad.Spans...)
	for i := range bad.Spans {
		if bad.Spans[i].ID == f.clm.ID {
			bad.Spans[i].Entity = "e1"
		}
	}
	_, err = t4.Import([]annotate.Record{bad}, "")
	wantCode(t, err, annotate.EINVALID)
	if st, err := t4.Stats(); err != nil || st.Documents != 0 || st.Entities != 0 {
		t.Fatalf("a refused import stored %+v, %v", st, err)
	}
}

// Check finds spans naming missing entities and concepts, and spans whose
// label does not allow them.
func TestCheckEntities(t *testing.T) {
	f := newEntityFixture(t)
	s := f.s
	err := s.db.Update(func(tx *bolt.Tx) error {
		spans := tx.Bucket(bucketDocs).Bucket([]byte(f.doc)).Bucket(bucketSpans)
		a, c := f.wang, f.clm
		a.Entity, c.Entity, c.Concept = "ghost", "ghost", "ghost"
		if err := putSpan(spans, &a); err != nil {
			return err
		}
		return putSpan(spans, &c)
	})
	if err != nil {
		t.Fatal(err)
	}
	msgs := annotate.ErrorMessages(s.Check())
	if len(msgs) != 4 {
		t.Fatalf("problems %q, want 4", msgs)
	}
	// Repair, for the cleanup's check.
	err = s.db.Update(func(tx *bolt.Tx) error {
		spans := tx.Bucket(bucketDocs).Bucket([]byte(f.doc)).Bucket(bucketSpans)
		if err := putSpan(spans, &f.wang); err != nil {
			return err
		}
		return putSpan(spans, &f.clm)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A file without the entities and concepts buckets opens read-only with
// none, and a read-write open adds them, once.
func TestOpenAddsEntityBuckets(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	if err := s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketEntities); err != nil {
			return err
		}
		return tx.DeleteBucket(bucketConcepts)
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	old := fileSum(t, path)
	ro := mustOpen(t, path, Options{ReadOnly: true})
	if es, err := ro.Entities(); err != nil || len(es) != 0 {
		t.Fatalf("entities of an old file: %+v, %v", es, err)
	}
	if st, err := ro.Stats(); err != nil || st.Entities != 0 {
		t.Fatalf("stats of an old file: %+v, %v", st, err)
	}
	if err := ro.Check(); err != nil {
		t.Fatal(err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != old {
		t.Fatal("a read-only open changed the file")
	}
	rw := mustOpen(t, path, Options{})
	if err := rw.db.View(func(tx *bolt.Tx) error {
		if !hasEntityBuckets(tx) {
			t.Error("a read-write open did not add the buckets")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	added := fileSum(t, path)
	if added == old {
		t.Fatal("adding the buckets wrote nothing")
	}
	rw = mustOpen(t, path, Options{})
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != added {
		t.Error("a second read-write open changed the file")
	}
}
