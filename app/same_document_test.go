package app_test

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/app"
)

// TestReviewMatchesDocumentsByText: a colleague's document with the open
// document's id but another text is another document (annotate.SameDocument),
// so none of its spans is compared; one with the same text under another
// id is the open document.
func TestReviewMatchesDocumentsByText(t *testing.T) {
	text := readArticle(t)
	for _, tt := range []struct {
		name      string
		sameText  bool
		sameID    bool
		wantDiffs bool
	}{
		{"same id, another text", false, true, false},
		{"same text, another id", true, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := openProject(t, false, text)
			docs, _ := p.Documents()
			d := docs[0]
			start, end := runeRange(t, text, "Wang Yi")
			theirs := annotate.Document{ID: "another-id", SHA256: "0000"}
			if tt.sameID {
				theirs.ID = d.ID
			}
			if tt.sameText {
				theirs.SHA256 = d.SHA256
			}
			src := app.Source{Name: "bob", Path: "bob.jsonl", Records: []annotate.Record{{Document: theirs,
				Spans: []annotate.Span{annotate.NewSpan(theirs.ID, start, end, annotate.LabelActor, "bob", time.Now())}}}}
			a := test.NewTempApp(t)
			u := app.New(a, p, app.Options{Annotator: "ana", Open: func(string, bool) (app.Project, error) { return p, nil },
				OpenSource: func(string) (app.Source, error) { return src, nil }})
			u.Window().Resize(fyne.NewSize(1280, 800))
			u.Compare("bob.jsonl")
			if got := len(u.Differences()) > 0; got != tt.wantDiffs {
				t.Errorf("differences %v, want some: %v", u.Differences(), tt.wantDiffs)
			}
		})
	}
}
