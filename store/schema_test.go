package store

import (
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
	"pgregory.net/rapid"
)

// labelled is a project of two documents of the article: the first with
// the linkable spans (two actors, a claim and a denial), a SOURCE link
// from the claim to the first actor, who names an entity, and a TARGET
// link from the denial to the second; the second with one claim by
// another annotator.
type labelled struct {
	linkable
	d2     annotate.Document
	claim2 annotate.Span
}

func newLabelled(t *testing.T) labelled {
	t.Helper()
	l := labelled{linkable: newLinkable(t)}
	text := l.d.Text + "\nA second copy."
	l.d2 = annotate.NewDocument("Copy", "test", text, testTime)
	l.claim2 = span(t, l.d2.ID, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim)
	l.claim2.Annotator = "bob"
	if _, err := l.s.Import([]annotate.Record{{Document: l.d2, Spans: []annotate.Span{l.claim2}}}, "ana"); err != nil {
		t.Fatal(err)
	}
	must(t, l.s.AddRelation(l.d.ID, annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: l.claim.ID, To: l.actor.ID}))
	must(t, l.s.AddRelation(l.d.ID, annotate.Relation{ID: "r2", Type: annotate.RelationTarget, From: l.denial.ID, To: l.actor2.ID}))
	must(t, l.s.PutEntity(annotate.Entity{ID: "e1", Name: "Ibrahim Jafari"}))
	must(t, l.s.SetSpanEntity(l.d.ID, l.actor.ID, "e1"))
	return l
}

// fatalT is what must needs of a *testing.T or a *rapid.T.
type fatalT interface {
	Helper()
	Fatal(args ...any)
}

// must fails the test on an error.
func must(tb fatalT, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// schemaOf returns the project's schema.
func schemaOf(tb testing.TB, s *Store) annotate.Schema {
	tb.Helper()
	sc, err := s.Schema()
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}

// mustCheck fails the test when Check finds a problem.
func mustCheck(tb testing.TB, s *Store) {
	tb.Helper()
	if err := s.Check(); err != nil {
		tb.Fatalf("check: %v", err)
	}
}

func TestSchemaOfNewProject(t *testing.T) {
	s := newStore(t)
	if got := schemaOf(t, s); !reflect.DeepEqual(got, annotate.DefaultSchema()) {
		t.Errorf("schema %+v, want the default", got)
	}
}

// A project written before underline styles and definitions existed
// loads with them filled in for the default labels, keeps its colours,
// and its file is not written by reading it.
func TestSchemaOfOlderFile(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	old := `[{"name":"ACTOR","display":"Actor","color":"#1f77b4","key":"1"},{"name":"CLAIM","display":"Claim","color":"#2ca02c","key":"2","definition":"Ours."},{"name":"EVENT","display":"Event","color":"#9467bd","key":"3"}]`
	must(t, s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyLabels, []byte(old))
	}))
	sum := fileSum(t, path)
	sc := schemaOf(t, s)
	def := annotate.DefaultLabels()
	want := annotate.LabelSet{
		{Name: "ACTOR", Display: "Actor", Color: "#1f77b4", Key: "1", Underline: annotate.UnderlineSolid, Definition: def[0].Definition, Example: def[0].Example},
		{Name: "CLAIM", Display: "Claim", Color: "#2ca02c", Key: "2", Underline: annotate.UnderlineDashed, Definition: "Ours.", Example: def[1].Example},
		{Name: "EVENT", Display: "Event", Color: "#9467bd", Key: "3", Underline: annotate.UnderlineDouble},
	}
	if !reflect.DeepEqual(sc.Labels, want) {
		t.Errorf("labels\n%+v\nwant\n%+v", sc.Labels, want)
	}
	if ls, err := s.Labels(); err != nil || !reflect.DeepEqual(ls, want) {
		t.Errorf("Labels() = %+v, %v", ls, err)
	}
	if fileSum(t, path) != sum {
		t.Error("reading the schema changed the file")
	}
}

func TestSetSchema(t *testing.T) {
	l := newLabelled(t)
	sc := schemaOf(t, l.s)
	sc, err := sc.AddLabel(annotate.Label{Name: "EVENT", Definition: "Something that happens."})
	must(t, err)
	sc, err = sc.Recolour(annotate.LabelClaim, "#cc79a7")
	must(t, err)
	sc, err = sc.Reorder([]string{"EVENT", annotate.LabelDenial, annotate.LabelClaim, annotate.LabelActor})
	must(t, err)
	sc.Relations = append(sc.Relations, annotate.RelationType{Name: "CAUSE", Display: "cause"})
	must(t, l.s.SetSchema(sc))
	if got := schemaOf(t, l.s); !reflect.DeepEqual(got, sc) {
		t.Errorf("schema\n%+v\nwant\n%+v", got, sc)
	}
	mustCheck(t, l.s)
	// Underline styles left out are filled in.
	sc.Labels[0].Underline = ""
	must(t, l.s.SetSchema(sc))
	if got := schemaOf(t, l.s).Labels[0].Underline; got != annotate.UnderlineDotted {
		t.Errorf("underline %q filled in, want dotted", got)
	}
}

// SetSchema refuses what would break the stored annotations, and then
// changes nothing.
func TestSetSchemaRefuses(t *testing.T) {
	l := newLabelled(t)
	path := l.s.Path()
	def := annotate.DefaultSchema()
	noSource := def
	noSource.Relations = def.Relations[1:]
	onlyClaims := annotate.DefaultSchema()
	onlyClaims.Relations[1].From = []string{annotate.LabelClaim}
	tests := []struct {
		name string
		sc   annotate.Schema
		code string
		msg  string
	}{
		{"invalid", annotate.Schema{Labels: annotate.LabelSet{{Name: "A", Color: "red"}}}, annotate.EINVALID, `label "A": invalid colour "red"`},
		{"a label in use", annotate.Schema{Labels: def.Labels[:1]}, annotate.ECONFLICT,
			`the schema leaves out labels "CLAIM", which 2 spans carry, and "DENIAL", which 1 span carries (keep them, rename them, or delete them with their spans first)`},
		{"a relation type in use", noSource, annotate.EINVALID,
			`the schema's relation types do not allow 1 stored link or span, such as in document ` + l.d.ID + `: unknown link type "SOURCE" (the project's link types are TARGET)`},
		{"a rule links break", onlyClaims, annotate.EINVALID,
			`the schema's relation types do not allow 1 stored link or span, such as in document ` + l.d.ID + `: A target link goes from a Claim to an Actor, not from a Denial`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := fileSum(t, path)
			err := l.s.SetSchema(tt.sc)
			if annotate.ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("error %v (%s)\nwant %s %s", err, annotate.ErrorCode(err), tt.code, tt.msg)
			}
			if !strings.HasPrefix(err.Error(), "set the schema of "+path+": ") {
				t.Errorf("error %q does not name the project", err)
			}
			if fileSum(t, path) != sum {
				t.Error("a refused SetSchema changed the file")
			}
		})
	}
	err := l.s.SetSchema(annotate.Schema{Labels: def.Labels[:2], Relations: annotate.RelationTypes{}})
	var inUse *LabelInUseError
	if !errors.As(err, &inUse) || !errors.Is(err, ErrLabelInUse) || inUse.Spans() != 1 || !maps.Equal(inUse.Usage, map[string]int{annotate.LabelDenial: 1}) {
		t.Errorf("error %#v, want a LabelInUseError for 1 denial", err)
	}
}

func TestRenameLabel(t *testing.T) {
	l := newLabelled(t)
	// The first document's natural-key index is missing, as in files
	// written before it existed: the rename builds it.
	must(t, l.s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDocs).Bucket([]byte(l.d.ID)).DeleteBucket(bucketKeys)
	}))
	before := dump(t, l.s)
	must(t, l.s.RenameLabel(annotate.LabelClaim, "STATEMENT"))
	mustCheck(t, l.s)
	after := dump(t, l.s)
	if len(after) != len(before) {
		t.Fatalf("%d records, want %d", len(after), len(before))
	}
	renamed := 0
	for i := range before {
		for j, sp := range before[i].Spans {
			got := after[i].Spans[j]
			if sp.Label == annotate.LabelClaim {
				sp.Label = "STATEMENT"
				renamed++
			}
			if !reflect.DeepEqual(got, sp) {
				t.Errorf("span\n%+v\nwant\n%+v", got, sp)
			}
		}
		if !reflect.DeepEqual(after[i].Relations, before[i].Relations) {
			t.Errorf("relations %+v, want %+v", after[i].Relations, before[i].Relations)
		}
	}
	if renamed != 2 {
		t.Fatalf("%d claims renamed, want 2", renamed)
	}
	sc := schemaOf(t, l.s)
	if st, ok := sc.Labels.Find("STATEMENT"); !ok || st.Display != "Statement" || st.Key != "2" {
		t.Errorf("labels %+v", sc.Labels)
	}
	if _, ok := sc.Labels.Find(annotate.LabelClaim); ok {
		t.Error("CLAIM is still a label")
	}
	for _, rt := range sc.Relations {
		if !slices.Equal(rt.From, []string{"STATEMENT", annotate.LabelDenial}) {
			t.Errorf("relation type %s from %v", rt.Name, rt.From)
		}
	}
	// The natural-key index moved with the spans.
	dup := l.claim
	dup.ID, dup.Label = "dup", "STATEMENT"
	wantCode(t, l.s.AddSpan(dup), annotate.ECONFLICT)
	dup.Label = annotate.LabelClaim
	wantCode(t, l.s.AddSpan(dup), annotate.EINVALID) // no such label now
	// A link of the renamed label still obeys the renamed rules.
	must(t, l.s.AddRelation(l.d.ID, annotate.Relation{ID: "r3", Type: annotate.RelationTarget, From: l.claim.ID, To: l.actor2.ID}))
	mustCheck(t, l.s)
}

func TestRenameLabelErrors(t *testing.T) {
	l := newLabelled(t)
	path := l.s.Path()
	tests := []struct {
		old, new, code, msg string
	}{
		{"NOPE", "X", annotate.ENOTFOUND, `rename label NOPE to X: no label "NOPE" in the schema`},
		{annotate.LabelClaim, annotate.LabelDenial, annotate.EINVALID, `the schema already has a label "DENIAL"`},
		{annotate.LabelClaim, "two words", annotate.EINVALID, `invalid label "two words"`},
	}
	for _, tt := range tests {
		sum := fileSum(t, path)
		err := l.s.RenameLabel(tt.old, tt.new)
		if annotate.ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("RenameLabel(%s, %s): %v, want %s %q", tt.old, tt.new, err, tt.code, tt.msg)
		}
		if fileSum(t, path) != sum {
			t.Errorf("RenameLabel(%s, %s) failed but changed the file", tt.old, tt.new)
		}
	}
	sum := fileSum(t, path)
	must(t, l.s.RenameLabel(annotate.LabelActor, annotate.LabelActor))
	if fileSum(t, path) != sum {
		t.Error("renaming a label to itself changed the file")
	}
	must(t, l.s.Close())
	ro := mustOpen(t, path, Options{ReadOnly: true})
	wantCode(t, ro.RenameLabel(annotate.LabelActor, "X"), annotate.EREADONLY)
	wantCode(t, second(ro.DeleteLabel(annotate.LabelClaim)), annotate.EREADONLY)
	wantCode(t, ro.SetSchema(annotate.DefaultSchema()), annotate.EREADONLY)
	if u, err := ro.LabelUsage(); err != nil || u[annotate.LabelActor] != 2 {
		t.Errorf("LabelUsage of a read-only project: %v %v", u, err)
	}
}

func TestLabelUsage(t *testing.T) {
	s := newStore(t)
	u, err := s.LabelUsage()
	must(t, err)
	if want := map[string]int{"ACTOR": 0, "CLAIM": 0, "DENIAL": 0}; !maps.Equal(u, want) {
		t.Errorf("usage of an empty project %v, want %v", u, want)
	}
	l := newLabelled(t)
	u, err = l.s.LabelUsage()
	must(t, err)
	if want := map[string]int{"ACTOR": 2, "CLAIM": 2, "DENIAL": 1}; !maps.Equal(u, want) {
		t.Errorf("usage %v, want %v", u, want)
	}
}

func TestDeleteLabel(t *testing.T) {
	l := newLabelled(t)
	n, err := l.s.DeleteLabel(annotate.LabelClaim)
	must(t, err)
	if n != 2 {
		t.Errorf("removed %d spans, want 2", n)
	}
	mustCheck(t, l.s)
	u, err := l.s.LabelUsage()
	must(t, err)
	if want := map[string]int{"ACTOR": 2, "DENIAL": 1}; !maps.Equal(u, want) {
		t.Errorf("usage %v, want %v", u, want)
	}
	if rels := l.relations(t); len(rels) != 1 || rels[0].ID != "r2" {
		t.Errorf("relations %+v, want r2 alone (r1 started at a claim)", rels)
	}
	docs, err := l.s.Documents()
	must(t, err)
	if docs[0].Spans != 3 || docs[1].Spans != 0 {
		t.Errorf("span counts %d and %d, want 3 and 0", docs[0].Spans, docs[1].Spans)
	}
	sc := schemaOf(t, l.s)
	if len(sc.Labels) != 2 || !slices.Equal(sc.Relations[0].From, []string{annotate.LabelDenial}) {
		t.Errorf("schema %+v", sc)
	}
	// A label with no spans goes with none.
	must(t, l.s.SetSchema(mustAdd(t, sc, "EVENT")))
	if n, err := l.s.DeleteLabel("EVENT"); err != nil || n != 0 {
		t.Errorf("DeleteLabel(EVENT) = %d, %v", n, err)
	}
	mustCheck(t, l.s)

	path := l.s.Path()
	sum := fileSum(t, path)
	_, err = l.s.DeleteLabel(annotate.LabelActor)
	if annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(err.Error(), `delete label ACTOR: cannot delete label "ACTOR": it is the only label a source link may end at`) {
		t.Errorf("deleting the only actor label: %v", err)
	}
	wantCode(t, second(l.s.DeleteLabel("NOPE")), annotate.ENOTFOUND)
	if fileSum(t, path) != sum {
		t.Error("a refused DeleteLabel changed the file")
	}
}

// mustAdd returns sc with a label called name added.
func mustAdd(tb testing.TB, sc annotate.Schema, name string) annotate.Schema {
	tb.Helper()
	sc, err := sc.AddLabel(annotate.Label{Name: name})
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}

// Any sequence of renames, deletions and schema changes keeps the project
// consistent (Check) and its label usage what a model of it predicts.
func TestSchemaChangesProperty(t *testing.T) {
	dir := t.TempDir()
	text := article(t)
	n := 0
	rapid.Check(t, func(rt *rapid.T) {
		n++
		s, err := Open(filepath.Join(dir, fmt.Sprintf("p%d.claimdesk", n)), Options{})
		if err != nil {
			rt.Fatal(err)
		}
		defer s.Close()
		sc := annotate.DefaultSchema()
		sc.Relations = nil // any label may be linked to any
		for _, name := range []string{"A", "B"} {
			if sc, err = sc.AddLabel(annotate.Label{Name: name}); err != nil {
				rt.Fatal(err)
			}
		}
		must(rt, s.SetSchema(sc))
		model := map[string]int{}
		var recs []annotate.Record
		for d := range rapid.IntRange(1, 2).Draw(rt, "docs") {
			doc := annotate.NewDocument(fmt.Sprint("doc", d), "test", fmt.Sprint(d)+text, testTime)
			rec := annotate.Record{Document: doc}
			for i := range rapid.IntRange(0, 6).Draw(rt, "spans") {
				label := rapid.SampledFrom([]string{"ACTOR", "CLAIM", "DENIAL", "A", "B"}).Draw(rt, "label")
				rec.Spans = append(rec.Spans, annotate.NewSpan(doc.ID, i, i+3, label, "ana", testTime))
				model[label]++
			}
			for i := 0; i+1 < len(rec.Spans); i += 2 {
				rec.Relations = append(rec.Relations, annotate.Relation{ID: fmt.Sprint("r", i), Type: "LINK", From: rec.Spans[i].ID, To: rec.Spans[i+1].ID})
			}
			recs = append(recs, rec)
		}
		if _, err := s.Import(recs, "ana"); err != nil {
			rt.Fatal(err)
		}
		for range rapid.IntRange(1, 6).Draw(rt, "ops") {
			cur, err := s.Schema()
			must(rt, err)
			names := make([]string, len(cur.Labels))
			for i, l := range cur.Labels {
				names[i] = l.Name
			}
			name := rapid.SampledFrom(names).Draw(rt, "name")
			switch rapid.IntRange(0, 2).Draw(rt, "op") {
			case 0:
				nu := rapid.SampledFrom([]string{"X", "Y", "A", "ACTOR"}).Draw(rt, "new")
				err := s.RenameLabel(name, nu)
				if _, taken := cur.Labels.Find(nu); taken && nu != name {
					if annotate.ErrorCode(err) != annotate.EINVALID {
						rt.Fatalf("RenameLabel(%s, %s): %v, want EINVALID", name, nu, err)
					}
					break
				}
				must(rt, err)
				if nu != name {
					model[nu], model[name] = model[name], 0
					delete(model, name)
				}
			case 1:
				removed, err := s.DeleteLabel(name)
				if len(cur.Labels) == 1 {
					if annotate.ErrorCode(err) != annotate.EINVALID {
						rt.Fatalf("DeleteLabel of the last label: %v, want EINVALID", err)
					}
					break
				}
				must(rt, err)
				if removed != model[name] {
					rt.Fatalf("DeleteLabel(%s) removed %d, want %d", name, removed, model[name])
				}
				delete(model, name)
			case 2:
				next, err := cur.DeleteLabel(name)
				if err != nil {
					break
				}
				err = s.SetSchema(next)
				if model[name] > 0 {
					var inUse *LabelInUseError
					if !errors.As(err, &inUse) || inUse.Spans() != model[name] {
						rt.Fatalf("SetSchema without %s (%d spans): %v", name, model[name], err)
					}
					break
				}
				must(rt, err)
				delete(model, name)
			}
			if err := s.Check(); err != nil {
				rt.Fatalf("check: %v", err)
			}
			u, err := s.LabelUsage()
			must(rt, err)
			for l, c := range model {
				if u[l] != c {
					rt.Fatalf("usage %v, want %v", u, model)
				}
			}
		}
	})
}
