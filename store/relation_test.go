package store

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
	"pgregory.net/rapid"
)

// linkable is a project with one document of the article holding a claim,
// a denial and two actors, and no relations.
type linkable struct {
	s                            *Store
	d                            annotate.Document
	claim, denial, actor, actor2 annotate.Span
}

func newLinkable(t *testing.T) linkable {
	t.Helper()
	text := article(t)
	l := linkable{s: newStore(t), d: annotate.NewDocument("China", "test", text, testTime)}
	l.claim = span(t, l.d.ID, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim)
	l.denial = span(t, l.d.ID, text, "made the offer", 0, annotate.LabelDenial)
	l.actor = span(t, l.d.ID, text, "Mr Jafari", 0, annotate.LabelActor)
	l.actor2 = span(t, l.d.ID, text, "Wang Yi", 0, annotate.LabelActor)
	rec := annotate.Record{Document: l.d, Spans: []annotate.Span{l.claim, l.denial, l.actor, l.actor2}}
	if _, err := l.s.Import([]annotate.Record{rec}, "ana"); err != nil {
		t.Fatal(err)
	}
	return l
}

// relations returns the stored relations of the linkable document.
func (l linkable) relations(t *testing.T) []annotate.Relation {
	t.Helper()
	rels, err := l.s.Relations(l.d.ID)
	if err != nil {
		t.Fatal(err)
	}
	return rels
}

func TestAddRelation(t *testing.T) {
	l := newLinkable(t)
	src := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: l.claim.ID, To: l.actor.ID}
	if err := l.s.AddRelation(l.d.ID, src); err != nil {
		t.Fatal(err)
	}
	tgt := annotate.Relation{ID: "r2", Type: annotate.RelationTarget, From: l.denial.ID, To: l.actor2.ID}
	if err := l.s.AddRelation(l.d.ID, tgt); err != nil {
		t.Fatal(err)
	}
	want := []annotate.Relation{src, tgt}
	if got := l.relations(t); !reflect.DeepEqual(got, want) {
		t.Fatalf("relations %+v, want %+v", got, want)
	}
	rel := func(id, typ string, from, to annotate.Span) annotate.Relation {
		return annotate.Relation{ID: id, Type: typ, From: from.ID, To: to.ID}
	}
	tests := []struct {
		name  string
		docID string
		r     annotate.Relation
		code  string
		msg   string // a substring of the message
	}{
		{"unknown document", "nope", rel("r3", annotate.RelationSource, l.denial, l.actor), annotate.ENOTFOUND, "no document nope"},
		{"unknown start", l.d.ID, annotate.Relation{ID: "r3", Type: annotate.RelationSource, From: "ghost", To: l.actor.ID}, annotate.ENOTFOUND, "no span ghost in document"},
		{"unknown end", l.d.ID, annotate.Relation{ID: "r3", Type: annotate.RelationSource, From: l.denial.ID, To: "ghost"}, annotate.ENOTFOUND, "no span ghost in document"},
		{"no id", l.d.ID, rel("", annotate.RelationSource, l.denial, l.actor), annotate.EINVALID, "has no id or no type"},
		{"no type", l.d.ID, rel("r3", "", l.denial, l.actor), annotate.EINVALID, "has no id or no type"},
		{"unknown type", l.d.ID, rel("r3", "QUOTES", l.denial, l.actor), annotate.EINVALID, `unknown link type "QUOTES"`},
		{"from an actor", l.d.ID, rel("r3", annotate.RelationSource, l.actor, l.claim), annotate.EINVALID,
			"A source link goes from a Claim or Denial to an Actor, not from an Actor"},
		{"to a claim", l.d.ID, rel("r3", annotate.RelationTarget, l.denial, l.claim), annotate.EINVALID, "not to a Claim"},
		{"itself", l.d.ID, rel("r3", annotate.RelationSource, l.claim, l.claim), annotate.EINVALID, "A span cannot be linked to itself"},
		{"stored id", l.d.ID, rel("r1", annotate.RelationSource, l.denial, l.actor), annotate.ECONFLICT, "relation r1 is already in document"},
		{"stored type and ends", l.d.ID, rel("r3", annotate.RelationSource, l.claim, l.actor), annotate.ECONFLICT,
			"already has a SOURCE link from CLAIM "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := l.s.AddRelation(tt.docID, tt.r)
			wantCode(t, err, tt.code)
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
			if got := l.relations(t); !reflect.DeepEqual(got, want) {
				t.Errorf("a refused AddRelation changed the relations: %+v", got)
			}
		})
	}
	// The same spans with the other type, or the other way round by a
	// type for any labels, are other links.
	if err := l.s.AddRelation(l.d.ID, rel("r3", annotate.RelationTarget, l.claim, l.actor)); err != nil {
		t.Fatal(err)
	}
}

func TestDeleteRelation(t *testing.T) {
	l := newLinkable(t)
	src := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: l.claim.ID, To: l.actor.ID}
	if err := l.s.AddRelation(l.d.ID, src); err != nil {
		t.Fatal(err)
	}
	wantCode(t, second(l.s.DeleteRelation("nope", src.ID)), annotate.ENOTFOUND)
	wantCode(t, second(l.s.DeleteRelation(l.d.ID, "r9")), annotate.ENOTFOUND)
	wantCode(t, second(l.s.DeleteRelation(l.d.ID, "")), annotate.ENOTFOUND)
	got, err := l.s.DeleteRelation(l.d.ID, src.ID)
	if err != nil || got != src {
		t.Fatalf("DeleteRelation = %+v, %v; want %+v", got, err, src)
	}
	if rels := l.relations(t); len(rels) != 0 {
		t.Fatalf("relations left: %+v", rels)
	}
	wantCode(t, second(l.s.DeleteRelation(l.d.ID, src.ID)), annotate.ENOTFOUND)
	// Deleted, the link may be made again, with its old id.
	if err := l.s.AddRelation(l.d.ID, src); err != nil {
		t.Fatal(err)
	}
}

// Files made before relation types existed have no relation_types key:
// they have the default types, and neither reading nor a read-write open
// writes the key.
func TestRelationTypesOfOlderFiles(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	ts, err := s.RelationTypes()
	if err != nil || !reflect.DeepEqual(ts, annotate.DefaultRelationTypes()) {
		t.Fatalf("a new project's relation types: %+v, %v", ts, err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta).Get(keyRelationTypes) == nil {
			t.Error("a new project does not store its relation types")
		}
		return tx.Bucket(bucketMeta).Delete(keyRelationTypes)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	sum := fileSum(t, path)
	for _, opts := range []Options{{ReadOnly: true}, {}} {
		s := mustOpen(t, path, opts)
		ts, err := s.RelationTypes()
		if err != nil || !reflect.DeepEqual(ts, annotate.DefaultRelationTypes()) {
			t.Errorf("relation types of a file without them (%+v): %+v, %v", opts, ts, err)
		}
		if _, err := s.Stats(); err != nil {
			t.Error(err)
		}
		if err := s.Check(); err != nil {
			t.Error(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if fileSum(t, path) != sum {
			t.Fatalf("opening (%+v) and reading a file without relation types changed it", opts)
		}
	}
}

// A relabel that a link of the span does not allow is refused; one it
// allows is made.
func TestUpdateSpanKeepsLinksValid(t *testing.T) {
	l := newLinkable(t)
	src := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: l.claim.ID, To: l.actor.ID}
	if err := l.s.AddRelation(l.d.ID, src); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sp    annotate.Span
		label string
		msg   string
	}{
		{l.claim, annotate.LabelActor, "A source link goes from a Claim or Denial to an Actor, not from an Actor: remove its source link first"},
		{l.actor, annotate.LabelDenial, "not to a Denial: remove its source link first"},
	} {
		upd := tt.sp
		upd.Label = tt.label
		err := l.s.UpdateSpan(upd)
		wantCode(t, err, annotate.EINVALID)
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("error %q does not say %q", err, tt.msg)
		}
	}
	want := []annotate.Span{l.claim, l.denial, l.actor, l.actor2}
	annotate.SortSpans(want)
	if spans, _ := l.s.Spans(l.d.ID); !reflect.DeepEqual(spans, want) {
		t.Errorf("refused relabels changed the spans: %+v", spans)
	}
	upd := l.claim
	upd.Label = annotate.LabelDenial
	if err := l.s.UpdateSpan(upd); err != nil {
		t.Fatal(err)
	}
}

// RestoreSpan and ReplaceSpan store relations as AddRelation does: by the
// rules, and not twice.
func TestRestoreAndReplaceCheckRelations(t *testing.T) {
	l := newLinkable(t)
	src := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: l.claim.ID, To: l.actor.ID}
	if err := l.s.AddRelation(l.d.ID, src); err != nil {
		t.Fatal(err)
	}
	gone, err := l.s.DeleteSpan(l.d.ID, l.actor.ID)
	if err != nil || len(gone) != 1 {
		t.Fatalf("DeleteSpan = %+v, %v", gone, err)
	}
	spansBefore, _ := l.s.Spans(l.d.ID)
	backwards := gone[0]
	backwards.From, backwards.To = l.actor.ID, l.claim.ID
	twice := []annotate.Relation{gone[0], {ID: "r2", Type: src.Type, From: src.From, To: src.To}}
	for _, tt := range []struct {
		name string
		rels []annotate.Relation
		code string
	}{
		{"against the rules", []annotate.Relation{backwards}, annotate.EINVALID},
		{"twice", twice, annotate.ECONFLICT},
		{"unknown type", []annotate.Relation{{ID: "r3", Type: "QUOTES", From: l.claim.ID, To: l.actor.ID}}, annotate.EINVALID},
	} {
		wantCode(t, l.s.RestoreSpan(l.actor, tt.rels), tt.code)
		if spans, _ := l.s.Spans(l.d.ID); !reflect.DeepEqual(spans, spansBefore) {
			t.Errorf("%s: a refused RestoreSpan changed the spans: %+v", tt.name, spans)
		}
		if rels := l.relations(t); len(rels) != 0 {
			t.Errorf("%s: a refused RestoreSpan stored relations %+v", tt.name, rels)
		}
	}
	if err := l.s.RestoreSpan(l.actor, gone); err != nil {
		t.Fatal(err)
	}
	// Replacing the claim with an actor span cannot bring the claim's
	// source link along: it would start at an actor.
	nu := span(t, l.d.ID, l.d.Text, "Sunni extremists", 0, annotate.LabelActor)
	moved := src
	moved.From = nu.ID
	wantCode(t, second(l.s.ReplaceSpan(l.d.ID, l.claim.ID, nu, []annotate.Relation{moved})), annotate.EINVALID)
	if rels := l.relations(t); !reflect.DeepEqual(rels, []annotate.Relation{src}) {
		t.Errorf("a refused ReplaceSpan changed the relations: %+v", rels)
	}
	nu.Label = annotate.LabelClaim
	if _, err := l.s.ReplaceSpan(l.d.ID, l.claim.ID, nu, []annotate.Relation{moved}); err != nil {
		t.Fatal(err)
	}
}

// Import checks the relations of known types, and adds the types it does
// not know, for any labels.
func TestImportRelationRules(t *testing.T) {
	text := article(t)
	s := newStore(t)
	d := annotate.NewDocument("China", "test", text, testTime)
	claim := span(t, d.ID, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim)
	actor := span(t, d.ID, text, "Mr Jafari", 0, annotate.LabelActor)
	actor2 := span(t, d.ID, text, "Wang Yi", 0, annotate.LabelActor)
	spans := []annotate.Span{claim, actor, actor2}
	for _, tt := range []struct {
		name string
		r    annotate.Relation
		msg  string
	}{
		{"from an actor", annotate.Relation{ID: "r", Type: annotate.RelationSource, From: actor.ID, To: claim.ID},
			"record 2 (document " + d.ID + "): relation r: A source link goes from a Claim or Denial to an Actor, not from an Actor"},
		{"itself", annotate.Relation{ID: "r", Type: "QUOTES", From: actor.ID, To: actor.ID},
			"relation r: A span cannot be linked to itself"},
		{"invalid type name", annotate.Relation{ID: "r", Type: "has space", From: actor.ID, To: actor2.ID},
			`relation r: invalid type: invalid label "has space"`},
	} {
		recs := []annotate.Record{
			{Document: annotate.NewDocument("fine", "test", "Fine.", testTime)},
			{Document: d, Spans: spans, Relations: []annotate.Relation{tt.r}},
		}
		_, err := s.Import(recs, "ana")
		wantCode(t, err, annotate.EINVALID)
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: error %q does not say %q", tt.name, err, tt.msg)
		}
		if docs, _ := s.Documents(); len(docs) != 0 {
			t.Errorf("%s: a refused import stored %d documents", tt.name, len(docs))
		}
		if ts, _ := s.RelationTypes(); !reflect.DeepEqual(ts, annotate.DefaultRelationTypes()) {
			t.Errorf("%s: a refused import changed the relation types: %+v", tt.name, ts)
		}
	}
	rels := []annotate.Relation{
		{ID: "r1", Type: annotate.RelationSource, From: claim.ID, To: actor.ID},
		{ID: "r2", Type: "QUOTES", From: actor.ID, To: actor2.ID},
		{ID: "r3", Type: "QUOTES", From: actor2.ID, To: actor.ID},
	}
	res, err := s.Import([]annotate.Record{{Document: d, Spans: spans, Relations: rels}}, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if res.Relations != 3 || !reflect.DeepEqual(res.NewRelationTypes, []string{"QUOTES"}) {
		t.Errorf("result %+v", res)
	}
	want := append(annotate.DefaultRelationTypes(), annotate.RelationType{Name: "QUOTES", Display: "quotes"})
	if ts, err := s.RelationTypes(); err != nil || !reflect.DeepEqual(ts, want) {
		t.Errorf("relation types %+v, %v; want %+v", ts, err, want)
	}
	// Links of the new type may now be added between any labels.
	if err := s.AddRelation(d.ID, annotate.Relation{ID: "r4", Type: "QUOTES", From: claim.ID, To: actor.ID}); err != nil {
		t.Fatal(err)
	}
	// Imported again, nothing is new.
	res, err = s.Import([]annotate.Record{{Document: d, Spans: spans, Relations: rels}}, "ana")
	if err != nil || res.Relations != 0 || res.NewRelationTypes != nil {
		t.Errorf("second import: %+v, %v", res, err)
	}
}

// Stats counts the statements (claims and denials) that no source link
// starts at; a target link does not count.
func TestStatsUnsourced(t *testing.T) {
	l := newLinkable(t)
	text := l.d.Text
	d2 := annotate.NewDocument("Other", "test", "B. "+text, testTime)
	c2 := span(t, d2.ID, d2.Text, "China has offered", 0, annotate.LabelClaim)
	if _, err := l.s.Import([]annotate.Record{{Document: d2, Spans: []annotate.Span{c2}}}, "ana"); err != nil {
		t.Fatal(err)
	}
	unsourced := func() int {
		t.Helper()
		st, err := l.s.Stats()
		if err != nil {
			t.Fatal(err)
		}
		return st.Unsourced
	}
	if n := unsourced(); n != 3 {
		t.Errorf("unsourced %d, want 3 (claim, denial, other claim)", n)
	}
	for _, r := range []annotate.Relation{
		{ID: "r1", Type: annotate.RelationTarget, From: l.claim.ID, To: l.actor.ID},
		{ID: "r2", Type: annotate.RelationSource, From: l.denial.ID, To: l.actor.ID},
		{ID: "r3", Type: annotate.RelationSource, From: l.denial.ID, To: l.actor2.ID},
	} {
		if err := l.s.AddRelation(l.d.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	if n := unsourced(); n != 2 {
		t.Errorf("unsourced %d, want 2 (claim, with a target only, and the other claim)", n)
	}
}

// encodeRelation writes what encoding/json reads back as the relation,
// for any strings, and what json.Marshal writes where it escapes nothing
// for HTML.
func TestEncodeRelation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		str := rapid.OneOf(rapid.String(), rapid.StringN(0, 8, -1), rapid.Just("a\"b\\c\n\u2028<&>"), rapid.Just("\xff\xfe"))
		r := annotate.Relation{ID: str.Draw(t, "id"), Type: str.Draw(t, "type"), From: str.Draw(t, "from"), To: str.Draw(t, "to")}
		data, err := encodeRelation(&r)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(r)
		var got, back annotate.Relation
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		json.Unmarshal(want, &back)
		if got != back {
			t.Fatalf("read back %+v, json.Marshal's %+v", got, back)
		}
		if !strings.ContainsAny(string(want), `\`) && string(data) != string(want) {
			t.Fatalf("%s, json.Marshal: %s", data, want)
		}
	})
}

// An import's error about a relation read from a colleague's file names
// it as that file did (Relation.Origin) and gives its line, never the id
// Claimdesk gave it.
func TestImportRelationErrorNamesOrigin(t *testing.T) {
	for _, c := range []struct {
		name     string
		origin   string
		line     int
		from, to int // spans of the record: 0 the actor, 1 the claim
		want     string
		wantLine int
		typ      string
	}{
		{"wrong direction", "R1", 7, 0, 1, "relation R1: A source link goes", 7, annotate.RelationSource},
		{"to itself", "99", 0, 1, 1, "relation 99: A span cannot be linked to itself", 0, annotate.RelationSource},
		{"bad type", "R2", 3, 1, 0, `relation R2: invalid type`, 3, "no good"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			text := "Wang Yi said the talks failed."
			d := annotate.NewDocument("d", "test", text, testTime)
			actor := annotate.NewSpan(d.ID, 0, 7, annotate.LabelActor, "ana", testTime)
			claim := annotate.NewSpan(d.ID, 13, 29, annotate.LabelClaim, "ana", testTime)
			spans := []annotate.Span{actor, claim}
			r := annotate.Relation{ID: annotate.NewID(), Type: c.typ, From: spans[c.from].ID, To: spans[c.to].ID, Origin: c.origin, Line: c.line}
			_, err := s.Import([]annotate.Record{{Document: d, Spans: spans, Relations: []annotate.Relation{r}}}, "ana")
			if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), r.ID) {
				t.Fatalf("error %v, want one with %q and without %s", err, c.want, r.ID)
			}
			var le *annotate.LineError
			if got := errors.As(err, &le); got != (c.wantLine > 0) || got && le.Line != c.wantLine {
				t.Errorf("line error %v (%+v), want line %d", got, le, c.wantLine)
			}
		})
	}
}

// In a large import, a record of a document already in the project is
// imported at the end (put aside): its relations' errors still name them
// as their file did, on their line.
func TestImportStreamAsideRelationNamesOrigin(t *testing.T) {
	smallBatches(t, 3)
	s := newStore(t)
	old := importRecords(t, 1)
	if _, err := s.Import(old, "ana"); err != nil {
		t.Fatal(err)
	}
	d := old[0].Document
	actor := annotate.NewSpan(d.ID, 0, 7, annotate.LabelActor, "bo", testTime)
	claim := annotate.NewSpan(d.ID, 8, 12, annotate.LabelClaim, "bo", testTime)
	r := annotate.Relation{ID: annotate.NewID(), Type: annotate.RelationSource, From: actor.ID, To: claim.ID, Origin: "R4", Line: 9}
	recs := append(importRecords(t, 8), annotate.Record{Document: annotate.Document{ID: d.ID, Text: d.Text}, Spans: []annotate.Span{actor, claim}, Relations: []annotate.Relation{r}})
	_, err := s.ImportStream(streamOf(recs, nil), "ana")
	var le *annotate.LineError
	if !errors.As(err, &le) || le.Line != 9 || !strings.Contains(err.Error(), "relation R4:") || strings.Contains(err.Error(), r.ID) {
		t.Fatalf("error %v, want one about relation R4 on line 9", err)
	}
}
