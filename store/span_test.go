package store

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
)

// mixedText has curly quotes, an emoji, a thin and a non-breaking space,
// Cyrillic and Chinese letters: its code-point offsets differ from its
// byte and UTF-16 offsets.
const mixedText = "“Ван И” said 😀 China\u2009and\u00a0Iraq: 中国 helps — Mr Jafari’s view."

// addDoc adds a document holding text and returns it.
func addDoc(t *testing.T, s *Store, text string) annotate.Document {
	t.Helper()
	d := annotate.NewDocument("doc", "test", text, testTime)
	if err := s.AddDocument(d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestAddSpanValidation(t *testing.T) {
	s := newStore(t)
	d := addDoc(t, s, mixedText)
	n := annotate.RuneCount(mixedText)
	existing := span(t, d.ID, mixedText, "Ван И", 0, annotate.LabelActor)
	if err := s.AddSpan(existing); err != nil {
		t.Fatal(err)
	}
	mk := func(start, end int, label string) annotate.Span {
		return annotate.NewSpan(d.ID, start, end, label, "ana", testTime)
	}
	other := mk(0, 1, annotate.LabelClaim)
	other.DocumentID = annotate.NewID()
	dup := mk(3, 5, annotate.LabelClaim)
	dup.ID = existing.ID
	noID := mk(0, 1, annotate.LabelClaim)
	noID.ID = ""
	tests := []struct {
		name string
		span annotate.Span
		code string
	}{
		{"end past the text", mk(n-2, n+1, annotate.LabelClaim), annotate.EINVALID},
		{"end at the byte length", mk(0, len(mixedText), annotate.LabelClaim), annotate.EINVALID},
		{"negative start", mk(-1, 2, annotate.LabelClaim), annotate.EINVALID},
		{"end equals start", mk(4, 4, annotate.LabelClaim), annotate.EINVALID},
		{"end before start", mk(5, 4, annotate.LabelClaim), annotate.EINVALID},
		{"unknown label", mk(0, 1, "PERSON"), annotate.EINVALID},
		{"empty label", mk(0, 1, ""), annotate.EINVALID},
		{"no id", noID, annotate.EINVALID},
		{"unknown document", other, annotate.ENOTFOUND},
		{"duplicate id", dup, annotate.ECONFLICT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.AddSpan(tt.span)
			wantCode(t, err, tt.code)
		})
	}
	spans, err := s.Spans(d.ID)
	if err != nil || len(spans) != 1 || !reflect.DeepEqual(spans[0], existing) {
		t.Errorf("spans after refused changes: %+v %v", spans, err)
	}

	// Valid spans at the very ends of the text, and over the emoji.
	ok := []annotate.Span{
		mk(n-1, n, annotate.LabelClaim),
		mk(0, n, annotate.LabelDenial),
		span(t, d.ID, mixedText, "😀", 0, annotate.LabelClaim),
		span(t, d.ID, mixedText, "中国", 0, annotate.LabelActor),
		span(t, d.ID, mixedText, "China\u2009and\u00a0Iraq", 0, annotate.LabelActor),
	}
	for _, sp := range ok {
		if err := s.AddSpan(sp); err != nil {
			t.Errorf("span %d-%d: %v", sp.Start, sp.End, err)
		}
	}
	spans, _ = s.Spans(d.ID)
	ix := annotate.NewRuneIndex(mixedText)
	var texts []string
	for _, sp := range spans {
		texts = append(texts, ix.Slice(sp.Start, sp.End))
	}
	want := []string{mixedText, "Ван И", "😀", "China\u2009and\u00a0Iraq", "中国", "."}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("span texts in order %q, want %q", texts, want)
	}
}

func TestAddSpanStartsWork(t *testing.T) {
	text := article(t)
	s := newStore(t)
	d := addDoc(t, s, text)
	sp := span(t, d.ID, text, "Wang Yi", 0, annotate.LabelActor)
	sp.Created, sp.Updated = time.Time{}, time.Time{}
	if err := s.AddSpan(sp); err != nil {
		t.Fatal(err)
	}
	docs, _ := s.Documents()
	if docs[0].Status != annotate.StatusInProgress || docs[0].Spans != 1 {
		t.Errorf("after the first span: %+v", docs[0])
	}
	got, _ := s.Spans(d.ID)
	if got[0].Created.IsZero() || !got[0].Updated.Equal(got[0].Created) {
		t.Errorf("times %v %v", got[0].Created, got[0].Updated)
	}
	// A done document stays done.
	if err := s.SetStatus(d.ID, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	if err := s.AddSpan(span(t, d.ID, text, "Iraq", 0, annotate.LabelActor)); err != nil {
		t.Fatal(err)
	}
	if docs, _ := s.Documents(); docs[0].Status != annotate.StatusDone || docs[0].Spans != 2 {
		t.Errorf("done document after a span: %+v", docs[0])
	}
}

func TestUpdateSpan(t *testing.T) {
	text := article(t)
	s := newStore(t)
	d := addDoc(t, s, text)
	sp := span(t, d.ID, text, "Wang Yi", 0, annotate.LabelActor)
	if err := s.AddSpan(sp); err != nil {
		t.Fatal(err)
	}
	later := testTime.Add(time.Hour)
	upd := sp
	upd.Label, upd.Note, upd.Updated = annotate.LabelClaim, "a “note”", later
	upd.Start, upd.End, upd.Annotator, upd.Created = 0, 3, "mallory", later
	if err := s.UpdateSpan(upd); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Spans(d.ID)
	want := sp
	want.Label, want.Note, want.Updated = annotate.LabelClaim, "a “note”", later
	if !reflect.DeepEqual(got, []annotate.Span{want}) {
		t.Errorf("got %+v, want %+v", got, want)
	}

	bad := want
	bad.Label = "NOPE"
	wantCode(t, s.UpdateSpan(bad), annotate.EINVALID)
	missing := want
	missing.ID = annotate.NewID()
	wantCode(t, s.UpdateSpan(missing), annotate.ENOTFOUND)
	missing = want
	missing.DocumentID = annotate.NewID()
	wantCode(t, s.UpdateSpan(missing), annotate.ENOTFOUND)
}

func TestDeleteSpan(t *testing.T) {
	text := article(t)
	s := newStore(t)
	d := annotate.NewDocument("China", "test", text, testTime)
	actor := span(t, d.ID, text, "Mr Jafari", 0, annotate.LabelActor)
	claim := span(t, d.ID, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim)
	target := span(t, d.ID, text, "Iraq", 0, annotate.LabelActor)
	rels := []annotate.Relation{
		{ID: "r1", Type: annotate.RelationSource, From: claim.ID, To: actor.ID},
		{ID: "r2", Type: annotate.RelationTarget, From: claim.ID, To: target.ID},
		{ID: "r3", Type: "ALIAS", From: actor.ID, To: target.ID}, // a type the import adds, for any labels
	}
	if _, err := s.Import([]annotate.Record{{Document: d, Spans: []annotate.Span{actor, claim, target}, Relations: rels}}, "ana"); err != nil {
		t.Fatal(err)
	}
	gone, err := s.DeleteSpan(d.ID, claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(gone) != 2 || gone[0].ID != "r1" || gone[1].ID != "r2" {
		t.Errorf("DeleteSpan returned relations %+v, want r1 and r2", gone)
	}
	got, _ := s.Relations(d.ID)
	if len(got) != 1 || got[0].ID != "r3" {
		t.Errorf("relations left: %+v", got)
	}
	if docs, _ := s.Documents(); docs[0].Spans != 2 {
		t.Errorf("span count %d", docs[0].Spans)
	}
	wantCode(t, second(s.DeleteSpan(d.ID, claim.ID)), annotate.ENOTFOUND)
	wantCode(t, second(s.DeleteSpan("nope", actor.ID)), annotate.ENOTFOUND)
	// RestoreSpan, the undo of DeleteSpan, brings back the span and its
	// relations in one transaction.
	if err := s.RestoreSpan(claim, gone); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Relations(d.ID); len(got) != 3 {
		t.Errorf("relations after RestoreSpan: %+v", got)
	}
	if docs, _ := s.Documents(); docs[0].Spans != 3 {
		t.Errorf("span count after RestoreSpan %d", docs[0].Spans)
	}
	// A relation to a span that is not there refuses the whole restore.
	if _, err := s.DeleteSpan(d.ID, claim.ID); err != nil {
		t.Fatal(err)
	}
	bad := append([]annotate.Relation{}, gone...)
	bad[1].To = "nowhere"
	wantCode(t, s.RestoreSpan(claim, bad), annotate.EINVALID)
	if spans, _ := s.Spans(d.ID); len(spans) != 2 {
		t.Errorf("a refused RestoreSpan left %d spans", len(spans))
	}
	// A deleted span may be added again with its old id.
	if err := s.AddSpan(claim); err != nil {
		t.Fatal(err)
	}
}

func TestSetStatus(t *testing.T) {
	s := newStore(t)
	d := addDoc(t, s, mixedText)
	for _, st := range annotate.Statuses {
		if err := s.SetStatus(d.ID, st); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Document(d.ID); got.Status != st {
			t.Errorf("status %s, want %s", got.Status, st)
		}
	}
	wantCode(t, s.SetStatus(d.ID, "finished"), annotate.EINVALID)
	wantCode(t, s.SetStatus("nope", annotate.StatusDone), annotate.ENOTFOUND)
}

func TestAddDocument(t *testing.T) {
	s := newStore(t)
	d := addDoc(t, s, mixedText)
	got, err := s.Document(d.ID)
	if err != nil || !reflect.DeepEqual(got, d) {
		t.Errorf("got %+v %v, want %+v", got, err, d)
	}
	sameID := annotate.NewDocument("x", "x", "another text", testTime)
	sameID.ID = d.ID
	wantCode(t, s.AddDocument(sameID), annotate.ECONFLICT)
	sameText := annotate.NewDocument("x", "x", mixedText, testTime)
	err = s.AddDocument(sameText)
	wantCode(t, err, annotate.ECONFLICT)
	if !strings.Contains(err.Error(), d.ID) {
		t.Errorf("error %q does not name the stored document", err)
	}
	noID := annotate.NewDocument("x", "x", "third text", testTime)
	noID.ID = ""
	wantCode(t, s.AddDocument(noID), annotate.EINVALID)
	badSum := annotate.NewDocument("x", "x", "fourth text", testTime)
	badSum.SHA256 = annotate.TextSHA256("other")
	wantCode(t, s.AddDocument(badSum), annotate.EINVALID)
	_, err = s.Document("nope")
	wantCode(t, err, annotate.ENOTFOUND)
	_, err = s.Spans("nope")
	wantCode(t, err, annotate.ENOTFOUND)
	_, err = s.Relations("nope")
	wantCode(t, err, annotate.ENOTFOUND)
	// Defaults: status todo, SHA-256 computed, created now.
	bare := annotate.Document{ID: "bare", Text: "bare text"}
	if err := s.AddDocument(bare); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Document("bare")
	if got.Status != annotate.StatusTodo || got.SHA256 != annotate.TextSHA256("bare text") || got.Created.IsZero() {
		t.Errorf("defaults: %+v", got)
	}
}

// TestReplaceSpan puts one span in place of another in one transaction,
// and back again with the relations the first call removed; a refused
// replacement changes nothing.
func TestReplaceSpan(t *testing.T) {
	text := article(t)
	s := newStore(t)
	d := annotate.NewDocument("China", "test", text, testTime)
	mine := span(t, d.ID, text, "China has offered to help Iraq", 0, annotate.LabelClaim)
	actor := span(t, d.ID, text, "Ibrahim Jafari", 0, annotate.LabelActor)
	rel := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: mine.ID, To: actor.ID}
	if _, err := s.Import([]annotate.Record{{Document: d, Spans: []annotate.Span{mine, actor}, Relations: []annotate.Relation{rel}}}, "ana"); err != nil {
		t.Fatal(err)
	}
	theirs := span(t, d.ID, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim)
	theirs.Annotator = "bob"
	gone, err := s.ReplaceSpan(d.ID, mine.ID, theirs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(gone) != 1 || gone[0].ID != "r1" {
		t.Fatalf("ReplaceSpan removed relations %+v, want r1", gone)
	}
	spans, _ := s.Spans(d.ID)
	if len(spans) != 2 || spans[0].ID != theirs.ID || spans[0].Annotator != "bob" || !spans[0].Created.Equal(theirs.Created) {
		t.Fatalf("after ReplaceSpan: %+v", spans)
	}
	// Back: mine in place of theirs, with its relation.
	if _, err := s.ReplaceSpan(d.ID, theirs.ID, mine, gone); err != nil {
		t.Fatal(err)
	}
	if rels, _ := s.Relations(d.ID); len(rels) != 1 || rels[0].From != mine.ID {
		t.Fatalf("relations after replacing back: %+v", rels)
	}
	// A replacement that would duplicate the actor's natural key is
	// refused whole: mine is still there.
	dup := actor
	dup.ID = annotate.NewID()
	_, err = s.ReplaceSpan(d.ID, mine.ID, dup, nil)
	wantCode(t, err, annotate.ECONFLICT)
	if spans, _ := s.Spans(d.ID); len(spans) != 2 || spans[0].ID != mine.ID {
		t.Fatalf("a refused ReplaceSpan changed the spans: %+v", spans)
	}
	other := theirs
	other.DocumentID = "elsewhere"
	_, err = s.ReplaceSpan(d.ID, mine.ID, other, nil)
	wantCode(t, err, annotate.EINVALID)
}
