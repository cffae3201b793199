package store

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/round"
)

// roundProject returns a project with one document and a round of ana and
// bo over it.
func roundProject(t *testing.T) (*Store, annotate.Document, round.Round) {
	t.Helper()
	s := newStore(t)
	doc := annotate.NewDocument("t", "", "Tehran denied the report.", testTime)
	if _, err := s.Import([]annotate.Record{{Document: doc}}, ""); err != nil {
		t.Fatal(err)
	}
	r := round.Round{ID: annotate.NewID(), Created: testTime, Labels: []string{"ACTOR", "CLAIM", "DENIAL"},
		Sample: []string{doc.ID}, Coders: []round.Coder{{Name: "ana", Documents: []string{doc.ID}}, {Name: "bo", Documents: []string{doc.ID}}}}
	if err := s.AddRound(r); err != nil {
		t.Fatal(err)
	}
	return s, doc, r
}

func TestRounds(t *testing.T) {
	s, doc, r := roundProject(t)
	wantCode(t, s.AddRound(r), annotate.ECONFLICT)
	later := round.Round{ID: annotate.NewID(), Created: testTime.Add(time.Hour), Coders: []round.Coder{{Name: "cem", Documents: []string{doc.ID}}}}
	if err := s.AddRound(later); err != nil {
		t.Fatal(err)
	}
	rs, err := s.Rounds()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].ID != r.ID || rs[1].ID != later.ID || rs[0].Coders[1].Name != "bo" {
		t.Fatalf("rounds %+v, want the first, then the later", rs)
	}
	if _, ok, err := s.Package(); ok || err != nil {
		t.Errorf("a lead's project is a package: %v %v", ok, err)
	}
}

func TestPackageRecord(t *testing.T) {
	s := newStore(t)
	doc := annotate.NewDocument("t", "", "Tehran denied the report.", testTime)
	if _, err := s.Import([]annotate.Record{{Document: doc}}, ""); err != nil {
		t.Fatal(err)
	}
	p := round.Package{Round: "r", Coder: "ana", Documents: []string{doc.ID}, Labels: []string{"ACTOR"},
		Carried: map[string]annotate.SpanKey{"s": {Start: 1, End: 2, Label: "ACTOR", Annotator: "lead"}}}
	if err := s.SetPackage(p); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Package()
	if err != nil || !ok || got.Coder != "ana" || got.Carried["s"].End != 2 {
		t.Fatalf("package %+v %v %v", got, ok, err)
	}
}

// TestCollect: spans arrive under the coder's name with the progress and
// a return, in one transaction; again with nothing new writes nothing.
func TestCollect(t *testing.T) {
	s, doc, r := roundProject(t)
	sp := annotate.NewSpan(doc.ID, 0, 6, "ACTOR", "ana", testTime)
	recs := []annotate.Record{{Document: doc, Spans: []annotate.Span{sp}}}
	progress := round.Progress{Coded: []string{doc.ID}, Spans: 1, LastChange: testTime}
	res, err := s.Collect(r.ID, "ana", "ana.claimdesk", recs, progress)
	if err != nil {
		t.Fatal(err)
	}
	if res.Spans != 1 {
		t.Fatalf("collected %d spans, want 1", res.Spans)
	}
	spans, err := s.Spans(doc.ID)
	if err != nil || len(spans) != 1 || spans[0].Annotator != "ana" {
		t.Fatalf("spans %+v %v", spans, err)
	}
	rs, _ := s.Rounds()
	c, _ := rs[0].Coder("ana")
	if len(c.Returns) != 1 || c.Returns[0].File != "ana.claimdesk" || c.Returns[0].Spans != 1 || c.Progress.Spans != 1 {
		t.Fatalf("ana in the round: %+v", c)
	}

	before := fileSum(t, s.Path())
	_, err = s.Collect(r.ID, "ana", "ana.claimdesk", recs, progress)
	if !errors.Is(err, ErrNothingNew) {
		t.Fatalf("collected again: %v, want ErrNothingNew", err)
	}
	if fileSum(t, s.Path()) != before {
		t.Error("a collect of nothing new changed the file")
	}

	// Progress alone (a document marked done) is recorded, without a
	// return.
	progress.Done = []string{doc.ID}
	if _, err := s.Collect(r.ID, "ana", "ana.claimdesk", recs, progress); err != nil {
		t.Fatal(err)
	}
	rs, _ = s.Rounds()
	c, _ = rs[0].Coder("ana")
	if len(c.Returns) != 1 || !slices.Equal(c.Progress.Done, []string{doc.ID}) {
		t.Fatalf("ana after marking done: %+v", c)
	}

	wantCode(t, second(s.Collect("no-such-round", "ana", "f", recs, progress)), annotate.ENOTFOUND)
	wantCode(t, second(s.Collect(r.ID, "cem", "f", recs, progress)), annotate.ENOTFOUND)
}

// TestCollectAllOrNothing: a record that breaks a rule leaves the project
// and the round as they were.
func TestCollectAllOrNothing(t *testing.T) {
	s, doc, r := roundProject(t)
	good := annotate.NewSpan(doc.ID, 0, 6, "ACTOR", "bo", testTime)
	bad := annotate.NewSpan(doc.ID, 0, 600, "ACTOR", "bo", testTime)
	before := fileSum(t, s.Path())
	_, err := s.Collect(r.ID, "bo", "bo.claimdesk", []annotate.Record{{Document: doc, Spans: []annotate.Span{good, bad}}}, round.Progress{Spans: 2})
	wantCode(t, err, annotate.EINVALID)
	if fileSum(t, s.Path()) != before {
		t.Error("a failed collect changed the file")
	}
}

func TestSetAgreement(t *testing.T) {
	s, _, r := roundProject(t)
	x := 0.5
	a := &round.Agreement{Coders: []string{"ana", "bo"}, Documents: 1, Alpha: map[string]*float64{"ACTOR": &x, "CLAIM": nil},
		Pairs: []round.CoderPair{{A: "ana", B: "bo", Pair: [2]string{"ana", "bo"}, Documents: 1}}}
	if err := s.SetAgreement(r.ID, a); err != nil {
		t.Fatal(err)
	}
	rs, _ := s.Rounds()
	got := rs[0].Agreement
	if got == nil || *got.Alpha["ACTOR"] != 0.5 || got.Alpha["CLAIM"] != nil || got.Pairs[0].A != "ana" || got.Pairs[0].B != "bo" {
		t.Fatalf("agreement %+v", got)
	}
	wantCode(t, s.SetAgreement("nope", a), annotate.ENOTFOUND)
}

func TestForEachRecordOf(t *testing.T) {
	s, doc, _ := roundProject(t)
	var got []string
	if err := s.ForEachRecordOf([]string{doc.ID, doc.ID}, func(rec annotate.Record) error {
		got = append(got, rec.Document.Text)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != doc.Text {
		t.Fatalf("records %v", got)
	}
	wantCode(t, s.ForEachRecordOf([]string{"missing"}, func(annotate.Record) error { return nil }), annotate.ENOTFOUND)
}

// TestForEachSpansOf: each document named, with the spans its record
// has (in another order), the buffer reused from one to the next.
func TestForEachSpansOf(t *testing.T) {
	s := newStore(t)
	text := article(t)
	d1 := annotate.NewDocument("one", "test", text, testTime)
	d2 := annotate.NewDocument("two", "test", text+" More.", testTime)
	recs := []annotate.Record{
		{Document: d1, Spans: []annotate.Span{span(t, d1.ID, text, "Wang Yi", 0, annotate.LabelActor), span(t, d1.ID, text, "China", 0, annotate.LabelClaim)}},
		{Document: d2, Spans: []annotate.Span{span(t, d2.ID, text, "China", 0, annotate.LabelActor)}},
	}
	if _, err := s.Import(recs, "ana"); err != nil {
		t.Fatal(err)
	}
	var ids []string
	err := s.ForEachSpansOf([]string{d2.ID, d1.ID}, func(d annotate.Document, spans []annotate.Span) error {
		ids = append(ids, d.ID)
		rec := recs[0]
		if d.ID == d2.ID {
			rec = recs[1]
		}
		if d.Text != rec.Document.Text || d.Title != rec.Document.Title {
			t.Errorf("document %s: %q %q", d.ID, d.Title, d.Text)
		}
		got := slices.Clone(spans)
		annotate.SortSpans(got)
		want, err := s.Spans(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || len(got) != len(rec.Spans) {
			t.Errorf("document %s: spans %v, want %v", d.ID, got, want)
		}
		return nil
	})
	if err != nil || !slices.Equal(ids, []string{d2.ID, d1.ID}) {
		t.Fatalf("documents %v, %v", ids, err)
	}
	wantCode(t, s.ForEachSpansOf([]string{d1.ID, "missing"}, func(annotate.Document, []annotate.Span) error { return nil }), annotate.ENOTFOUND)
}

// TestCollectStream: the records are read inside the transaction and the
// progress asked for after them; a package that cannot be read to its
// end (an error of records, after records imported) leaves the project
// and the round as they were.
func TestCollectStream(t *testing.T) {
	s, doc, r := roundProject(t)
	sp := annotate.NewSpan(doc.ID, 0, 6, "ACTOR", "ana", testTime)
	rec := annotate.Record{Document: doc, Spans: []annotate.Span{sp}}
	unreadable := errors.New("the package cannot be read")
	before := fileSum(t, s.Path())
	_, err := s.CollectStream(r.ID, "ana", "ana.claimdesk", func(fn func(*annotate.Record) error) error {
		if err := fn(&rec); err != nil {
			return err
		}
		return unreadable
	}, func() round.Progress { t.Error("progress asked for after a failed read"); return round.Progress{} })
	if !errors.Is(err, unreadable) {
		t.Fatalf("CollectStream = %v, want the read's error", err)
	}
	if fileSum(t, s.Path()) != before {
		t.Error("a collect whose package could not be read changed the file")
	}

	read := 0
	res, err := s.CollectStream(r.ID, "ana", "ana.claimdesk", func(fn func(*annotate.Record) error) error {
		read++
		return fn(&rec)
	}, func() round.Progress {
		if read != 1 {
			t.Errorf("progress asked for after %d reads, want 1", read)
		}
		return round.Progress{Coded: []string{doc.ID}, Spans: read}
	})
	if err != nil || res.Spans != 1 {
		t.Fatalf("CollectStream = %+v, %v", res, err)
	}
	rs, _ := s.Rounds()
	if c, _ := rs[0].Coder("ana"); c.Progress.Spans != 1 || len(c.Returns) != 1 {
		t.Fatalf("ana in the round: %+v", c)
	}
}
