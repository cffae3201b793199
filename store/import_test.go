package store

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// importRecords builds n records of the real article with a prefix each,
// with two spans and a relation.
func importRecords(t *testing.T, n int) []annotate.Record {
	t.Helper()
	text := article(t)
	var recs []annotate.Record
	for i := range n {
		d := annotate.NewDocument(fmt.Sprintf("article %d", i), "china-iraq.txt", fmt.Sprintf("Copy %d.\n%s", i, text), testTime)
		a := span(t, d.ID, d.Text, "Wang Yi", 0, annotate.LabelActor)
		c := span(t, d.ID, d.Text, "China has offered to help Iraq", 0, annotate.LabelClaim)
		recs = append(recs, annotate.Record{Document: d, Spans: []annotate.Span{a, c},
			Relations: []annotate.Relation{{ID: annotate.NewID(), Type: annotate.RelationSource, From: c.ID, To: a.ID}}})
	}
	return recs
}

func TestImport(t *testing.T) {
	s := newStore(t)
	recs := importRecords(t, 3)
	res, err := s.Import(recs, "ana")
	if err != nil {
		t.Fatal(err)
	}
	want := annotate.ImportResult{Documents: 3, Spans: 6, Relations: 3}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("result %+v, want %+v", res, want)
	}
	got := dump(t, s)
	for i := range recs {
		annotate.SortSpans(recs[i].Spans)
		// A todo document that receives spans is in progress.
		recs[i].Document.Status = annotate.StatusInProgress
	}
	if !reflect.DeepEqual(got, recs) {
		t.Errorf("stored records differ from the imported ones:\n%+v\n%+v", got, recs)
	}

	// Importing the same records again adds nothing.
	res, err = s.Import(recs, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if want := (annotate.ImportResult{Skipped: 3}); !reflect.DeepEqual(res, want) {
		t.Errorf("reimport: %+v, want %+v", res, want)
	}
	if !reflect.DeepEqual(dump(t, s), got) {
		t.Error("reimport changed the records")
	}
}

func TestImportDefaults(t *testing.T) {
	s := newStore(t)
	text := article(t)
	start, end := find(t, text, "Hong Lei", 0)
	rec := annotate.Record{
		Document: annotate.Document{Title: "bare", Text: text},
		Spans:    []annotate.Span{{Start: start, End: end, Label: annotate.LabelActor}},
	}
	res, err := s.Import([]annotate.Record{rec}, "importer")
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 1 || res.Spans != 1 {
		t.Errorf("result %+v", res)
	}
	if rec.Document.ID != "" || rec.Spans[0].ID != "" {
		t.Error("Import changed the caller's records")
	}
	got := dump(t, s)[0]
	d := got.Document
	if d.ID == "" || d.SHA256 != annotate.TextSHA256(text) || d.Status != annotate.StatusInProgress || d.Created.IsZero() {
		t.Errorf("document defaults: %+v", d)
	}
	sp := got.Spans[0]
	if sp.ID == "" || sp.DocumentID != d.ID || sp.Annotator != "importer" || sp.Created.IsZero() || !sp.Updated.Equal(sp.Created) {
		t.Errorf("span defaults: %+v", sp)
	}
}

func TestImportWholeOrNothing(t *testing.T) {
	s := newStore(t)
	if _, err := s.Import(importRecords(t, 2), "ana"); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	labels, _ := s.Labels()

	text := article(t)
	n := annotate.RuneCount(text)
	bad := func(mod func(*annotate.Record)) []annotate.Record {
		recs := importRecords(t, 4)
		// Spans of a new label and a new document come before the bad
		// record: they must not be stored either.
		recs[0].Spans = append(recs[0].Spans, annotate.Span{Start: 0, End: 5, Label: "EVENT"})
		mod(&recs[2])
		return recs
	}
	tests := []struct {
		name string
		recs []annotate.Record
		want string
	}{
		{"span past the text", bad(func(r *annotate.Record) {
			r.Spans[1].End = n + 100
		}), "lies outside the text"},
		{"span ends before it starts", bad(func(r *annotate.Record) {
			r.Spans[1].Start, r.Spans[1].End = 10, 5
		}), "end must be after start"},
		{"invalid label", bad(func(r *annotate.Record) {
			r.Spans[1].Label = "two words"
		}), "invalid label"},
		{"relation to a missing span", bad(func(r *annotate.Record) {
			r.Relations[0].To = "missing"
		}), `"missing" is not a span of document`},
		{"relation without type", bad(func(r *annotate.Record) {
			r.Relations[0].Type = ""
		}), "has no type"},
		{"unknown status", bad(func(r *annotate.Record) {
			r.Document.Status = "finished"
		}), "unknown status"},
		{"wrong SHA-256", bad(func(r *annotate.Record) {
			r.Document.SHA256 = annotate.TextSHA256("x")
		}), "does not match its SHA-256"},
		{"stored id with another text", bad(func(r *annotate.Record) {
			r.Document.ID = before[0].Document.ID
		}), "already in the project with a different text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := s.Import(tt.recs, "ana")
			wantCode(t, err, annotate.EINVALID)
			if !strings.HasPrefix(err.Error(), "record 3 ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want record 3 and %q", err, tt.want)
			}
			if !reflect.DeepEqual(res, annotate.ImportResult{}) {
				t.Errorf("result %+v", res)
			}
			if after := dump(t, s); !reflect.DeepEqual(after, before) {
				t.Errorf("a failed import changed the project: %d records, %d before", len(after), len(before))
			}
			if l, _ := s.Labels(); !reflect.DeepEqual(l, labels) {
				t.Errorf("a failed import changed the labels: %v", l)
			}
			if st, _ := s.Stats(); st.Documents != 2 || st.Spans != 4 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func TestImportDedupe(t *testing.T) {
	s := newStore(t)
	text := article(t)
	d := annotate.NewDocument("China", "test", text, testTime)
	actor := span(t, d.ID, text, "Mr Jafari", 0, annotate.LabelActor)
	claim := span(t, d.ID, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim)
	rel := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: claim.ID, To: actor.ID}
	if _, err := s.Import([]annotate.Record{{Document: d, Spans: []annotate.Span{actor, claim}, Relations: []annotate.Relation{rel}}}, "ana"); err != nil {
		t.Fatal(err)
	}

	// The same text without ids (as from doccano): matched by SHA-256,
	// spans by natural key (ana's spans, by ana); a new span and a new relation (by type and ends, once
	// the record's span ids are mapped to the stored ones) are added, with
	// a new label; the same text twice in the file is one document.
	actor2 := annotate.Span{ID: "a", Start: actor.Start, End: actor.End, Label: annotate.LabelActor, Annotator: "ana"}
	claim2 := annotate.Span{ID: "c", Start: claim.Start, End: claim.End, Label: annotate.LabelClaim, Annotator: "ana"}
	wang := span(t, "", text, "Wang Yi", 0, "PERSON")
	wang.ID, wang.Annotator = "w", ""
	recs := []annotate.Record{
		{
			Document: annotate.Document{Title: "again", Text: text},
			Spans:    []annotate.Span{actor2, claim2, wang},
			Relations: []annotate.Relation{
				{Type: annotate.RelationSource, From: "c", To: "a"}, // stored as r1
				{ID: "r2", Type: "ABOUT", From: "c", To: "w"},       // a new type
			},
		},
		{
			Document:  annotate.Document{Title: "and again", Text: text},
			Spans:     []annotate.Span{wang, {Start: 0, End: 5, Label: "PERSON"}},
			Relations: []annotate.Relation{{ID: "r2", Type: "ABOUT", From: claim.ID, To: "w"}},
		},
		{
			Document: annotate.Document{ID: "new-doc", Title: "short", Text: "Short “text” 😀."},
		},
		{
			Document: annotate.Document{Title: "short again", Text: "Short “text” 😀."},
			Spans:    []annotate.Span{{Start: 7, End: 11, Label: "QUOTE"}},
		},
	}
	res, err := s.Import(recs, "bob")
	if err != nil {
		t.Fatal(err)
	}
	want := annotate.ImportResult{Documents: 1, Spans: 3, Relations: 1, Skipped: 0, NewLabels: []string{"PERSON", "QUOTE"}, NewRelationTypes: []string{"ABOUT"}}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("result %+v, want %+v", res, want)
	}
	spans, _ := s.Spans(d.ID)
	if len(spans) != 4 {
		t.Fatalf("%d spans: %+v", len(spans), spans)
	}
	var wangID string
	for _, sp := range spans {
		if sp.Label == "PERSON" && sp.Start != 0 {
			wangID = sp.ID
			if sp.ID != "w" || sp.Annotator != "bob" || sp.DocumentID != d.ID {
				t.Errorf("added span %+v", sp)
			}
		}
	}
	rels, _ := s.Relations(d.ID)
	wantRels := []annotate.Relation{rel, {ID: "r2", Type: "ABOUT", From: claim.ID, To: wangID}}
	if !reflect.DeepEqual(rels, wantRels) {
		t.Errorf("relations %+v, want %+v", rels, wantRels)
	}
	labels, _ := s.Labels()
	if len(labels) != 5 || labels[3].Name != "PERSON" || labels[4].Name != "QUOTE" || labels[3].Key != "4" {
		t.Errorf("labels %+v", labels)
	}
	docs, _ := s.Documents()
	if len(docs) != 2 || docs[1].ID != "new-doc" || docs[1].Spans != 1 {
		t.Errorf("documents %+v", docs)
	}

	// Everything again: all of it is known.
	before := dump(t, s)
	res, err = s.Import(recs, "bob")
	if err != nil {
		t.Fatal(err)
	}
	if want := (annotate.ImportResult{Skipped: 4}); !reflect.DeepEqual(res, want) {
		t.Errorf("reimport: %+v, want %+v", res, want)
	}
	if !reflect.DeepEqual(dump(t, s), before) {
		t.Error("reimport changed the project")
	}
	// The export reimported into a new project is the same project.
	s2 := newStore(t)
	if _, err := s2.Import(before, "nobody"); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dump(t, s2), before) {
		t.Error("export and import do not round-trip")
	}
}

func TestImportRelationToStoredSpan(t *testing.T) {
	s := newStore(t)
	text := article(t)
	d := addDoc(t, s, text)
	actor := span(t, d.ID, text, "Mr Hong", 0, annotate.LabelActor)
	if err := s.AddSpan(actor); err != nil {
		t.Fatal(err)
	}
	claim := span(t, d.ID, text, "China has been fighting terrorism", 0, annotate.LabelClaim)
	rec := annotate.Record{Document: d, Spans: []annotate.Span{claim},
		Relations: []annotate.Relation{{ID: "r", Type: annotate.RelationSource, From: claim.ID, To: actor.ID}}}
	res, err := s.Import([]annotate.Record{rec}, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if res.Spans != 1 || res.Relations != 1 || res.Skipped != 0 || res.Documents != 0 {
		t.Errorf("result %+v", res)
	}
}

func TestForEachRecordStops(t *testing.T) {
	s := newStore(t)
	if _, err := s.Import(importRecords(t, 5), "ana"); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	var titles []string
	err := s.ForEachRecord(func(rec annotate.Record) error {
		titles = append(titles, rec.Document.Title)
		if len(titles) == 2 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Errorf("error %v, want fn's own", err)
	}
	if !slices.Equal(titles, []string{"article 0", "article 1"}) {
		t.Errorf("titles %q", titles)
	}
}

func TestStats(t *testing.T) {
	s := newStore(t)
	recs := importRecords(t, 3)
	recs[1].Spans[0].Annotator = "bob"
	recs[2].Document.Status = annotate.StatusDone
	if _, err := s.Import(recs, "ana"); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	want := annotate.Stats{
		Documents:   3,
		ByStatus:    map[annotate.Status]int{annotate.StatusTodo: 0, annotate.StatusInProgress: 2, annotate.StatusDone: 1},
		Spans:       6,
		ByLabel:     map[string]int{annotate.LabelActor: 3, annotate.LabelClaim: 3},
		ByAnnotator: map[string]int{"ana": 5, "bob": 1},
	}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("stats %+v, want %+v", st, want)
	}
}

// A span id already stored with another label, range or annotator is a
// conflict: the import is refused whole, and the error, through an
// *annotate.RecordError, says what is stored and what the file says.
func TestImportSpanConflict(t *testing.T) {
	text := article(t)
	s := newStore(t)
	d := annotate.NewDocument("China", "test", text, testTime)
	china := span(t, d.ID, text, "China", 0, annotate.LabelActor)
	if _, err := s.Import([]annotate.Record{{Document: d, Spans: []annotate.Span{china}}}, "ana"); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	stored := fmt.Sprintf("span %s is already in document %s as ACTOR %d–%d by ana; this file has it as ", china.ID, d.ID, china.Start, china.End)
	tests := []struct {
		name string
		mod  func(sp *annotate.Span)
		want string
	}{
		{"label", func(sp *annotate.Span) { sp.Label = annotate.LabelClaim },
			fmt.Sprintf("CLAIM %d–%d by ana", china.Start, china.End)},
		{"range", func(sp *annotate.Span) { sp.End++ },
			fmt.Sprintf("ACTOR %d–%d by ana", china.Start, china.End+1)},
		{"annotator", func(sp *annotate.Span) { sp.Annotator = "bob" },
			fmt.Sprintf("ACTOR %d–%d by bob", china.Start, china.End)},
		{"no annotator: the importer's", func(sp *annotate.Span) { sp.Annotator = "" },
			fmt.Sprintf("ACTOR %d–%d by cy", china.Start, china.End)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp := china
			tt.mod(&sp)
			recs := []annotate.Record{
				{Document: annotate.NewDocument("new", "test", "A new document that must not be stored.", testTime)},
				{Document: d, Spans: []annotate.Span{sp}},
			}
			_, err := s.Import(recs, "cy")
			wantCode(t, err, annotate.ECONFLICT)
			var re *annotate.RecordError
			if !errors.As(err, &re) || re.Index != 1 {
				t.Fatalf("error %v is not about record 2", err)
			}
			if got, want := re.Err.Error(), stored+tt.want; got != want {
				t.Errorf("message %q\nwant    %q", got, want)
			}
			if !reflect.DeepEqual(dump(t, s), before) {
				t.Error("a refused import changed the project")
			}
		})
	}

	// The same id with the same natural key is the same span: skipped,
	// whatever its note and times.
	same := china
	same.Note, same.Updated = "changed elsewhere", testTime.AddDate(1, 0, 0)
	res, err := s.Import([]annotate.Record{{Document: d, Spans: []annotate.Span{same}}}, "cy")
	if err != nil {
		t.Fatal(err)
	}
	if want := (annotate.ImportResult{Skipped: 1}); !reflect.DeepEqual(res, want) {
		t.Errorf("result %+v, want %+v", res, want)
	}
	if !reflect.DeepEqual(dump(t, s), before) {
		t.Error("importing a known span changed the project")
	}
}

// Two annotators who mark the same words with the same label made two
// spans: importing bob's export into ana's project keeps both.
func TestImportOtherAnnotatorsIdenticalSpan(t *testing.T) {
	text := article(t)
	ana := newStore(t)
	bob := newStore(t)
	d := annotate.NewDocument("China", "test", text, testTime)
	for _, s := range []*Store{ana, bob} {
		if err := s.AddDocument(d); err != nil {
			t.Fatal(err)
		}
	}
	start, end := find(t, text, "China", 0)
	if err := ana.AddSpan(annotate.NewSpan(d.ID, start, end, annotate.LabelActor, "ana", testTime)); err != nil {
		t.Fatal(err)
	}
	if err := bob.AddSpan(annotate.NewSpan(d.ID, start, end, annotate.LabelActor, "bob", testTime)); err != nil {
		t.Fatal(err)
	}
	export := dump(t, bob)
	for range 2 { // the second import adds nothing
		if _, err := ana.Import(export, "ana"); err != nil {
			t.Fatal(err)
		}
		spans, _ := ana.Spans(d.ID)
		var who []string
		for _, sp := range spans {
			if sp.Start != start || sp.End != end || sp.Label != annotate.LabelActor {
				t.Errorf("span %+v", sp)
			}
			who = append(who, sp.Annotator)
		}
		slices.Sort(who)
		if !reflect.DeepEqual(who, []string{"ana", "bob"}) {
			t.Errorf("spans by %v, want ana and bob", who)
		}
	}

	// Without ids (doccano has none), spans are recognised by their
	// natural key: bob's again adds nothing, the same by cy is new.
	noIDs := func(annotator string) []annotate.Record {
		return []annotate.Record{{Document: annotate.Document{Text: text},
			Spans: []annotate.Span{{Start: start, End: end, Label: annotate.LabelActor, Annotator: annotator}}}}
	}
	res, err := ana.Import(noIDs("bob"), "x")
	if err != nil || res.Spans != 0 || res.Skipped != 1 {
		t.Errorf("bob's span without id: %+v, %v", res, err)
	}
	res, err = ana.Import(noIDs(""), "cy")
	if err != nil || res.Spans != 1 {
		t.Errorf("cy's span without id: %+v, %v", res, err)
	}
	res, err = ana.Import(noIDs(""), "cy")
	if err != nil || res.Spans != 0 || res.Skipped != 1 {
		t.Errorf("cy's span without id again: %+v, %v", res, err)
	}
	if docs, _ := ana.Documents(); docs[0].Spans != 3 {
		t.Errorf("%d spans, want 3", docs[0].Spans)
	}
}

// A todo document that receives spans by import is in progress, in the
// same transaction; an in-progress or done one keeps its status, and so
// does one the import brings nothing to.
func TestImportStartsWork(t *testing.T) {
	text := article(t)
	s := newStore(t)
	var recs []annotate.Record
	for i, st := range []annotate.Status{annotate.StatusTodo, annotate.StatusTodo, annotate.StatusInProgress, annotate.StatusDone} {
		d := annotate.NewDocument(fmt.Sprint("doc ", i), "test", fmt.Sprintf("%d. %s", i, text), testTime)
		d.Status = st
		recs = append(recs, annotate.Record{Document: d})
	}
	if _, err := s.Import(recs, "ana"); err != nil {
		t.Fatal(err)
	}
	var again []annotate.Record
	for i, rec := range recs {
		if i == 1 {
			continue // receives nothing
		}
		d := rec.Document
		again = append(again, annotate.Record{Document: d, Spans: []annotate.Span{span(t, d.ID, d.Text, "Wang Yi", 0, annotate.LabelActor)}})
	}
	// A new document with spans and no status starts in progress too.
	nd := annotate.Document{Title: "new", Text: "Wang Yi spoke."}
	again = append(again, annotate.Record{Document: nd, Spans: []annotate.Span{{Start: 0, End: 7, Label: annotate.LabelActor}}})
	if _, err := s.Import(again, "ana"); err != nil {
		t.Fatal(err)
	}
	docs, _ := s.Documents()
	want := []annotate.Status{annotate.StatusInProgress, annotate.StatusTodo, annotate.StatusInProgress, annotate.StatusDone, annotate.StatusInProgress}
	for i, d := range docs {
		if d.Status != want[i] {
			t.Errorf("%s: status %s, want %s", d.Title, d.Status, want[i])
		}
	}
}
