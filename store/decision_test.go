package store

import (
	"reflect"
	"strings"
	"testing"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// TestApplyEditAndInverse stores a review decision's edit (a span moved
// and relabelled in place with its link kept, a concept created, a link
// added, a decision), checks what is stored, then its inverse, which
// leaves the project as it was; the decision is found again after the
// project is closed and opened.
func TestApplyEditAndInverse(t *testing.T) {
	l := newLinkable(t)
	path := l.s.Path()
	src := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: l.claim.ID, To: l.actor.ID}
	if err := l.s.AddRelation(l.d.ID, src); err != nil {
		t.Fatal(err)
	}
	before := dump(t, l.s)
	statsBefore, err := l.s.Stats()
	if err != nil {
		t.Fatal(err)
	}

	concept := annotate.Concept{ID: annotate.NewID(), Name: "Chinese military help for Iraq"}
	moved := l.claim
	moved.Start -= 3
	moved.Concept = concept.ID
	target := annotate.Relation{ID: "r2", Type: annotate.RelationTarget, From: l.claim.ID, To: l.actor2.ID}
	dis := annotate.Disagreement{Colleague: "bo", Kind: "other boundaries",
		Mine:   &annotate.Extent{Start: l.claim.Start, End: l.claim.End, Label: l.claim.Label},
		Theirs: &annotate.Extent{Start: moved.Start, End: moved.End, Label: moved.Label}}
	dec := annotate.Decision{DocumentID: l.d.ID, Disagreement: dis, State: annotate.DecisionTaken, By: "ana", At: testTime, Summary: "took bo's claim"}
	edit := annotate.Edit{
		DocumentID:   l.d.ID,
		AddConcepts:  []annotate.Concept{concept},
		Spans:        []annotate.SpanChange{{Before: l.claim, After: moved}},
		AddRelations: []annotate.Relation{target},
		Decisions:    []annotate.DecisionChange{{Key: dis.Key(), After: dec}},
	}
	if err := l.s.ApplyEdit(edit); err != nil {
		t.Fatal(err)
	}
	spans, err := l.s.Spans(l.d.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got annotate.Span
	for _, sp := range spans {
		if sp.ID == l.claim.ID {
			got = sp
		}
	}
	if got.Start != moved.Start || got.Concept != concept.ID {
		t.Fatalf("claim after the edit: %+v", got)
	}
	if rels := l.relations(t); len(rels) != 2 {
		t.Fatalf("relations after the edit: %+v", rels)
	}
	decs, err := l.s.Decisions(l.d.ID)
	if err != nil || len(decs) != 1 || decs[0].Key() != dis.Key() || decs[0].State != annotate.DecisionTaken {
		t.Fatalf("decisions: %+v, %v", decs, err)
	}
	if err := l.s.Check(); err != nil {
		t.Fatal(err)
	}

	// The same edit again is a conflict, and changes nothing.
	wantCode(t, l.s.ApplyEdit(edit), annotate.ECONFLICT)

	// The inverse.
	if err := l.s.ApplyEdit(edit.Inverse()); err != nil {
		t.Fatal(err)
	}
	after := dump(t, l.s)
	if len(after) != 1 || len(after[0].Spans) != len(before[0].Spans) || len(after[0].Relations) != 1 || after[0].Concepts != nil {
		t.Fatalf("after the inverse: %+v", after)
	}
	for i := range after[0].Spans {
		if after[0].Spans[i].Key() != before[0].Spans[i].Key() || after[0].Spans[i].Concept != "" {
			t.Fatalf("span %d after the inverse: %+v, before %+v", i, after[0].Spans[i], before[0].Spans[i])
		}
	}
	statsAfter, err := l.s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if statsAfter.Unsourced != statsBefore.Unsourced || statsAfter.Concepts != 0 || statsAfter.Spans != statsBefore.Spans {
		t.Fatalf("stats after the inverse %+v, before %+v", statsAfter, statsBefore)
	}
	if decs, _ := l.s.Decisions(l.d.ID); len(decs) != 0 {
		t.Fatalf("decisions after the inverse: %+v", decs)
	}

	// Kept: stored, and found after reopening the file.
	kept := dec
	kept.State = annotate.DecisionKept
	if err := l.s.ApplyEdit(annotate.Edit{DocumentID: l.d.ID, Decisions: []annotate.DecisionChange{{Key: dis.Key(), After: kept}}}); err != nil {
		t.Fatal(err)
	}
	if err := l.s.Close(); err != nil {
		t.Fatal(err)
	}
	ro := mustOpen(t, path, Options{ReadOnly: true})
	decs, err = ro.Decisions(l.d.ID)
	if err != nil || len(decs) != 1 || decs[0].State != annotate.DecisionKept || decs[0].By != "ana" || !decs[0].At.Equal(testTime) {
		t.Fatalf("decisions after reopening: %+v, %v", decs, err)
	}
	wantCode(t, ro.ApplyEdit(annotate.Edit{DocumentID: l.d.ID}), annotate.EREADONLY)
}

// TestApplyEditRefusals: an edit that breaks a rule stores nothing.
func TestApplyEditRefusals(t *testing.T) {
	l := newLinkable(t)
	src := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: l.claim.ID, To: l.actor.ID}
	if err := l.s.AddRelation(l.d.ID, src); err != nil {
		t.Fatal(err)
	}
	before := dump(t, l.s)
	relabelled := l.claim
	relabelled.Label = annotate.LabelActor
	concept := annotate.Concept{ID: annotate.NewID(), Name: "help"}
	cases := []struct {
		name string
		edit annotate.Edit
		code string
	}{
		{"a link the new label does not allow", annotate.Edit{DocumentID: l.d.ID, AddConcepts: []annotate.Concept{concept},
			Spans: []annotate.SpanChange{{Before: l.claim, After: relabelled}}}, annotate.EINVALID},
		{"a span removed with its link left", annotate.Edit{DocumentID: l.d.ID,
			Spans: []annotate.SpanChange{{Before: l.claim}}}, annotate.EINVALID},
		{"a stale span", annotate.Edit{DocumentID: l.d.ID,
			Spans: []annotate.SpanChange{{Before: relabelled, After: l.claim}}}, annotate.ECONFLICT},
		{"a relation not stored", annotate.Edit{DocumentID: l.d.ID,
			RemoveRelations: []annotate.Relation{{ID: "nope", Type: "SOURCE"}}}, annotate.ENOTFOUND},
		{"an open decision", annotate.Edit{DocumentID: l.d.ID, Decisions: []annotate.DecisionChange{{Key: "k",
			After: annotate.Decision{DocumentID: l.d.ID, Disagreement: annotate.Disagreement{Colleague: "bo", Kind: "only mine"}, State: "maybe"}}}}, annotate.EINVALID},
		{"an unknown document", annotate.Edit{DocumentID: "nope"}, annotate.ENOTFOUND},
	}
	for _, c := range cases {
		wantCode(t, l.s.ApplyEdit(c.edit), c.code)
		if after := dump(t, l.s); len(after[0].Relations) != 1 || after[0].Concepts != nil || after[0].Spans[0].Key() != before[0].Spans[0].Key() {
			t.Fatalf("%s: the project changed: %+v", c.name, after)
		}
	}
}

// TestCheckFindsDamagedDecisions: Check reports a decision that does not
// decode, or that is stored under another key.
func TestCheckFindsDamagedDecisions(t *testing.T) {
	l := newLinkable(t)
	dis := annotate.Disagreement{Colleague: "bo", Kind: "only mine", Mine: &annotate.Extent{Start: 1, End: 2, Label: "ACTOR"}}
	dec := annotate.Decision{DocumentID: l.d.ID, Disagreement: dis, State: annotate.DecisionKept, By: "ana", At: testTime}
	if err := l.s.ApplyEdit(annotate.Edit{DocumentID: l.d.ID, Decisions: []annotate.DecisionChange{{Key: dis.Key(), After: dec}}}); err != nil {
		t.Fatal(err)
	}
	if err := l.s.Check(); err != nil {
		t.Fatal(err)
	}
	err := l.s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDecisions).Bucket([]byte(l.d.ID))
		if err := b.Put([]byte("elsewhere"), b.Get([]byte(dis.Key()))); err != nil {
			return err
		}
		return b.Put([]byte("garbage"), []byte("{"))
	})
	if err != nil {
		t.Fatal(err)
	}
	err = l.s.Check()
	if err == nil || !strings.Contains(err.Error(), "review decision elsewhere") || !strings.Contains(err.Error(), "review decision garbage") {
		t.Fatalf("Check: %v", err)
	}
	if _, err := l.s.Decisions(l.d.ID); annotate.ErrorCode(err) != annotate.EINTERNAL {
		t.Fatalf("Decisions of a damaged file: %v", err)
	}
	// Leave the file sound for the cleanup's check.
	err = l.s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDecisions).Bucket([]byte(l.d.ID))
		if err := b.Delete([]byte("elsewhere")); err != nil {
			return err
		}
		return b.Delete([]byte("garbage"))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestApplyEditChangesEntity changes an entity in place and makes a span
// name it in one edit, then its inverse; an edit whose entity or span is
// stale changes nothing at all (the entity keeps its kind).
func TestApplyEditChangesEntity(t *testing.T) {
	l := newLinkable(t)
	ent := annotate.Entity{ID: annotate.NewID(), Name: "Ibrahim Jafari"}
	if err := l.s.PutEntity(ent); err != nil {
		t.Fatal(err)
	}
	spans, err := l.s.Spans(l.d.ID)
	if err != nil {
		t.Fatal(err)
	}
	var actor annotate.Span
	for _, sp := range spans {
		if sp.ID == l.actor.ID {
			actor = sp
		}
	}
	named := actor
	named.Entity = ent.ID
	person := ent
	person.Kind = "person"
	before := dump(t, l.s)

	stale := ent
	stale.Affiliation = "somewhere"
	wantCode(t, l.s.ApplyEdit(annotate.Edit{DocumentID: l.d.ID,
		ChangeEntities: []annotate.EntityChange{{Before: stale, After: person}}}), annotate.ECONFLICT)
	staleSpan := actor
	staleSpan.Note = "not what is stored"
	wantCode(t, l.s.ApplyEdit(annotate.Edit{DocumentID: l.d.ID,
		ChangeEntities: []annotate.EntityChange{{Before: ent, After: person}},
		Spans:          []annotate.SpanChange{{Before: staleSpan, After: named}}}), annotate.ECONFLICT)
	if got := dump(t, l.s); !reflect.DeepEqual(before, got) {
		t.Fatal("a refused edit changed the project")
	}
	if es, _ := l.s.Entities(); len(es) != 1 || !es[0].Equal(ent) {
		t.Fatalf("entities after refused edits: %+v", es)
	}

	edit := annotate.Edit{DocumentID: l.d.ID,
		ChangeEntities: []annotate.EntityChange{{Before: ent, After: person}},
		Spans:          []annotate.SpanChange{{Before: actor, After: named}}}
	if err := l.s.ApplyEdit(edit); err != nil {
		t.Fatal(err)
	}
	if es, _ := l.s.Entities(); len(es) != 1 || !es[0].Equal(person) {
		t.Fatalf("entities after the edit: %+v", es)
	}
	if err := l.s.ApplyEdit(edit.Inverse()); err != nil {
		t.Fatal(err)
	}
	if es, _ := l.s.Entities(); len(es) != 1 || !es[0].Equal(ent) {
		t.Fatalf("entities after the inverse: %+v", es)
	}
}
