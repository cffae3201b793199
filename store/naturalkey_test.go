package store

import (
	"fmt"
	"reflect"
	"testing"

	"claimdesk/annotate"
)

// No two spans of a document share a natural key (offsets, label and
// annotator): AddSpan, RestoreSpan and UpdateSpan refuse one with an
// ECONFLICT error that names the span already there.
func TestNaturalKeyIsUnique(t *testing.T) {
	text := article(t)
	s := newStore(t)
	d := addDoc(t, s, text)
	china := span(t, d.ID, text, "China", 0, annotate.LabelActor)
	if err := s.AddSpan(china); err != nil {
		t.Fatal(err)
	}
	want := "document " + d.ID + " already has an ACTOR span " + fmtRange(china) + " by ana (span id " + china.ID + ")"

	again := span(t, d.ID, text, "China", 0, annotate.LabelActor)
	again.Note = "a second try"
	err := s.AddSpan(again)
	wantCode(t, err, annotate.ECONFLICT)
	if err.Error() != want {
		t.Errorf("AddSpan: %q, want %q", err, want)
	}
	wantCode(t, s.RestoreSpan(again, nil), annotate.ECONFLICT)

	// The same range and label by bob, or as a claim by ana, is another span.
	bob := annotate.NewSpan(d.ID, china.Start, china.End, annotate.LabelActor, "bob", testTime)
	claim := annotate.NewSpan(d.ID, china.Start, china.End, annotate.LabelClaim, "ana", testTime)
	for _, sp := range []annotate.Span{bob, claim} {
		if err := s.AddSpan(sp); err != nil {
			t.Fatal(err)
		}
	}
	// Relabelling ana's claim as an actor would make it ana's actor span.
	relabel := claim
	relabel.Label = annotate.LabelActor
	err = s.UpdateSpan(relabel)
	wantCode(t, err, annotate.ECONFLICT)
	if err.Error() != want {
		t.Errorf("UpdateSpan: %q, want %q", err, want)
	}
	// A note on the span itself is no conflict.
	note := china
	note.Note = "the country"
	if err := s.UpdateSpan(note); err != nil {
		t.Fatal(err)
	}
	spans, _ := s.Spans(d.ID)
	if len(spans) != 3 {
		t.Fatalf("spans %+v", spans)
	}
	for _, sp := range spans {
		if sp.ID == claim.ID && sp.Label != annotate.LabelClaim {
			t.Errorf("the refused relabel changed the span: %+v", sp)
		}
	}
	if docs, _ := s.Documents(); docs[0].Spans != 3 {
		t.Errorf("span count %d after refused adds", docs[0].Spans)
	}
}

// fmtRange writes a span's range as messages do: "12–19".
func fmtRange(sp annotate.Span) string { return fmt.Sprintf("%d–%d", sp.Start, sp.End) }

// RestoreSpan brings back a span with its relations; the cleanup's Check
// then sees them. A span with the restored span's natural key added in
// between refuses the restore, relations and all.
func TestRestoreSpanWithRelations(t *testing.T) {
	text := article(t)
	s := newStore(t)
	d := annotate.NewDocument("China", "test", text, testTime)
	actor := span(t, d.ID, text, "Mr Jafari", 0, annotate.LabelActor)
	claim := span(t, d.ID, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim)
	target := span(t, d.ID, text, "Iraq", 0, annotate.LabelActor)
	rels := []annotate.Relation{
		{ID: "r1", Type: annotate.RelationSource, From: claim.ID, To: actor.ID},
		{ID: "r2", Type: annotate.RelationTarget, From: claim.ID, To: target.ID},
	}
	if _, err := s.Import([]annotate.Record{{Document: d, Spans: []annotate.Span{actor, claim, target}, Relations: rels}}, "ana"); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	gone, err := s.DeleteSpan(d.ID, claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("after DeleteSpan: %v", err)
	}

	// Another span with the claim's natural key, added in between.
	twin := span(t, d.ID, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim)
	if err := s.AddSpan(twin); err != nil {
		t.Fatal(err)
	}
	err = s.RestoreSpan(claim, gone)
	wantCode(t, err, annotate.ECONFLICT)
	if got, _ := s.Relations(d.ID); len(got) != 0 {
		t.Errorf("a refused RestoreSpan stored relations %+v", got)
	}
	if _, err := s.DeleteSpan(d.ID, twin.ID); err != nil {
		t.Fatal(err)
	}

	if err := s.RestoreSpan(claim, gone); err != nil {
		t.Fatal(err)
	}
	after := dump(t, s)
	// The document was in progress before; the rest is as it was.
	if !reflect.DeepEqual(after, before) {
		t.Errorf("after RestoreSpan:\n%+v\nbefore DeleteSpan:\n%+v", after, before)
	}
}
