package store

import (
	"os"
	"testing"

	"claimdesk/annotate"
)

// A document is found by the SHA-256 of its text, in a project opened
// read-only whose file stays as it was; Record gives it with its spans and
// relations, and DocumentCount counts the documents.
func TestDocumentBySHA(t *testing.T) {
	text := article(t)
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	d := annotate.NewDocument("China", "test", text, testTime)
	other := annotate.NewDocument("Other", "test", "Iraq’s minister said “no”.", testTime)
	sp := span(t, d.ID, text, "Wang Yi", 0, annotate.LabelClaim)
	sp2 := span(t, d.ID, text, "Mr Jafari", 0, annotate.LabelActor)
	rel := annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: sp.ID, To: sp2.ID}
	recs := []annotate.Record{
		{Document: d, Spans: []annotate.Span{sp2, sp}, Relations: []annotate.Relation{rel}},
		{Document: other},
	}
	if _, err := s.Import(recs, "ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	sum := fileSum(t, path)
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}

	ro := mustOpen(t, path, Options{ReadOnly: true})
	for _, doc := range []annotate.Document{d, other} {
		id, ok, err := ro.DocumentBySHA(annotate.TextSHA256(doc.Text))
		if err != nil || !ok || id != doc.ID {
			t.Errorf("DocumentBySHA(%q) = %q, %v, %v; want %q, true, nil", doc.Title, id, ok, err, doc.ID)
		}
	}
	if id, ok, err := ro.DocumentBySHA(annotate.TextSHA256(text + " ")); err != nil || ok || id != "" {
		t.Errorf("DocumentBySHA of an unknown text = %q, %v, %v; want \"\", false, nil", id, ok, err)
	}
	if id, ok, err := ro.DocumentBySHA(""); err != nil || ok || id != "" {
		t.Errorf("DocumentBySHA(\"\") = %q, %v, %v; want \"\", false, nil", id, ok, err)
	}

	rec, err := ro.Record(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Document.Text != text || rec.Document.ID != d.ID || rec.Document.SHA256 != d.SHA256 {
		t.Errorf("Record gave document %q (%s), want %q", rec.Document.Title, rec.Document.ID, d.Title)
	}
	// Spans come in CompareSpans order, relations as stored.
	want := []annotate.Span{sp, sp2}
	annotate.SortSpans(want)
	if len(rec.Spans) != 2 || rec.Spans[0].ID != want[0].ID || rec.Spans[1].ID != want[1].ID {
		t.Errorf("Record gave spans %v, want %v", rec.Spans, want)
	}
	if len(rec.Relations) != 1 || rec.Relations[0] != rel {
		t.Errorf("Record gave relations %v, want %v", rec.Relations, rel)
	}
	if _, err := ro.Record("no-such-document"); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("Record of an unknown id: error %v, want ENOTFOUND", err)
	}
	if n, err := ro.DocumentCount(); err != nil || n != 2 {
		t.Errorf("DocumentCount() = %d, %v; want 2, nil", n, err)
	}

	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != sum {
		t.Error("the lookups changed the file's bytes")
	}
	if after, err := os.Stat(path); err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Error("the lookups changed the file's modification time")
	}
}

// An empty project has no document to find and counts none.
func TestDocumentBySHAEmpty(t *testing.T) {
	s := newStore(t)
	if id, ok, err := s.DocumentBySHA(annotate.TextSHA256("China")); err != nil || ok || id != "" {
		t.Errorf("DocumentBySHA = %q, %v, %v; want \"\", false, nil", id, ok, err)
	}
	if n, err := s.DocumentCount(); err != nil || n != 0 {
		t.Errorf("DocumentCount() = %d, %v; want 0, nil", n, err)
	}
}
