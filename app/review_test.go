package app_test

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/app"
)

// reviewWindow opens a project of the test article with ana's spans and
// compares it with bob's: one span alike, one only ana's, one only bob's,
// one with other boundaries and one with another label.
func reviewWindow(t *testing.T) (*app.UI, fyne.Window, app.Project, string, map[string]annotate.Span) {
	t.Helper()
	text := readArticle(t)
	p := openProject(t, false, text)
	docs, _ := p.Documents()
	doc := docs[0].ID
	mk := func(s, label, who string) annotate.Span {
		start, end := runeRange(t, text, s)
		return annotate.NewSpan(doc, start, end, label, who, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	}
	ana := map[string]annotate.Span{
		"same":     mk("Wang Yi", annotate.LabelActor, "ana"),
		"onlyMine": mk("Ibrahim Jafari", annotate.LabelActor, "ana"),
		"bounds":   mk("China has offered to help Iraq", annotate.LabelClaim, "ana"),
		"label":    mk("Hong Lei", annotate.LabelActor, "ana"),
	}
	for _, s := range ana {
		if err := p.AddSpan(s); err != nil {
			t.Fatal(err)
		}
	}
	bob := []annotate.Span{
		mk("Wang Yi", annotate.LabelActor, "bob"),
		mk("Mr Hong said", annotate.LabelActor, "bob"),
		mk("China has offered to help Iraq defeat Sunni extremists", annotate.LabelClaim, "bob"),
		mk("Hong Lei", annotate.LabelDenial, "bob"),
	}
	d, _ := p.Document(doc)
	src := app.Source{Name: "bob", Path: "bob.jsonl", Records: []annotate.Record{{
		Document: annotate.Document{ID: "another-id", SHA256: d.SHA256}, Spans: bob}}}
	a := test.NewTempApp(t)
	u := app.New(a, p, app.Options{Annotator: "ana", Open: func(string, bool) (app.Project, error) { return p, nil },
		OpenSource: func(path string) (app.Source, error) { return src, nil }})
	w := u.Window()
	w.Resize(fyne.NewSize(1280, 800))
	u.Compare("bob.jsonl")
	return u, w, p, doc, ana
}

func kinds(ds []review.Diff) map[review.Kind]int {
	m := map[review.Kind]int{}
	for _, d := range ds {
		m[d.Kind]++
	}
	return m
}

// TestReviewWalksAndDecides walks bob's differences with N and decides
// each with one key, then undoes, checking the store each time.
func TestReviewWalksAndDecides(t *testing.T) {
	u, w, p, doc, ana := reviewWindow(t)
	ds := u.Differences()
	want := map[review.Kind]int{review.OnlyMine: 1, review.OnlyTheirs: 1, review.OtherBoundaries: 1, review.OtherLabel: 1}
	if got := kinds(ds); len(ds) != 4 || got[review.OnlyMine] != 1 || got[review.OnlyTheirs] != 1 || got[review.OtherBoundaries] != 1 || got[review.OtherLabel] != 1 {
		t.Fatalf("differences %v, want %v", got, want)
	}
	if n := u.Article().Compared(); n != 4 {
		t.Fatalf("the article shows %d of bob's spans, want 4", n)
	}
	// Walk to each difference in text order and decide: the first is the
	// claim with other boundaries (it starts the article's body).
	seen := map[review.Kind]bool{}
	for range ds {
		test.TypeOnCanvas(w.Canvas(), "n")
		cur, ok := u.CurrentDifference()
		if !ok {
			t.Fatal("N moved to no difference")
		}
		if seen[cur.Kind] {
			t.Fatalf("N came back to a %s difference", cur.Kind)
		}
		seen[cur.Kind] = true
		switch cur.Kind {
		case review.OtherBoundaries:
			test.TypeOnCanvas(w.Canvas(), "t") // take bob's longer claim
			if _, ok := spanBy(spansOf(t, p, doc), "bob", annotate.LabelClaim); !ok {
				t.Fatal("T did not take bob's claim")
			}
			if _, ok := spanBy(spansOf(t, p, doc), "ana", annotate.LabelClaim); ok {
				t.Fatal("T kept ana's claim beside bob's")
			}
			shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
			if s, ok := spanBy(spansOf(t, p, doc), "ana", annotate.LabelClaim); !ok || s.ID != ana["bounds"].ID {
				t.Fatal("Ctrl+Z did not bring ana's claim back")
			}
			shortcut(w, fyne.KeyY, fyne.KeyModifierShortcutDefault)
		case review.OnlyMine:
			test.TypeOnCanvas(w.Canvas(), "k") // keep mine: nothing changes, marked reviewed
			if len(spansOf(t, p, doc)) == 0 || !u.Reviewed(cur) {
				t.Fatal("K did not mark the difference reviewed")
			}
		case review.OnlyTheirs:
			test.TypeOnCanvas(w.Canvas(), "t") // take bob's span, with his name and times
			s, ok := spanBy(spansOf(t, p, doc), "bob", annotate.LabelActor)
			if !ok || !s.Created.Equal(cur.Theirs.Created) {
				t.Fatalf("T did not adopt bob's span as it was: %+v", s)
			}
		case review.OtherLabel:
			test.TypeOnCanvas(w.Canvas(), "x") // drop both: ana's goes, bob's is rejected
			if _, ok := spanBy(spansOf(t, p, doc), "ana", annotate.LabelActor); !ok {
				t.Fatal("lost ana's other actors")
			}
			for _, s := range spansOf(t, p, doc) {
				if s.ID == ana["label"].ID {
					t.Fatal("X kept ana's span")
				}
			}
		}
	}
	if len(seen) != 4 {
		t.Fatalf("N visited %v, want every kind", seen)
	}
	left := 0
	for _, d := range u.Differences() {
		if !u.Reviewed(d) {
			left++
		}
	}
	if left != 0 {
		t.Fatalf("%d differences left after deciding each: %+v", left, u.Differences())
	}
	// Undo everything: the project is as it was.
	for range 4 {
		shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	}
	if got := spansOf(t, p, doc); len(got) != 4 {
		t.Fatalf("after undoing every decision: %d spans, want ana's 4", len(got))
	}
	for _, s := range spansOf(t, p, doc) {
		if s.Annotator != "ana" {
			t.Fatalf("after undoing every decision, %s's span is left", s.Annotator)
		}
	}
	for _, d := range u.Differences() {
		if u.Reviewed(d) {
			t.Fatalf("undo left %v marked reviewed", d)
		}
	}
}

func spanBy(spans []annotate.Span, who, label string) (annotate.Span, bool) {
	for _, s := range spans {
		if s.Annotator == who && s.Label == label {
			return s, true
		}
	}
	return annotate.Span{}, false
}

// TestReviewMeasuresTheProject: the Review tab's figures for the whole
// project count the shared document and rank it.
func TestReviewMeasuresTheProject(t *testing.T) {
	u, w, _, _, _ := reviewWindow(t)
	u.MeasureProject()
	u.Wait()
	l := findLabelWith(w.Canvas().Content(), "1 document shared")
	if l == nil {
		t.Fatal("no project figures")
	}
	// ana and bob agree on 1 of 4 spans each: exact F1 overall 0.25.
	if !strings.Contains(l.Text, "overall       0.25") {
		t.Errorf("project figures:\n%s", l.Text)
	}
}

// TestThreeAnnotatorsShowHowManyMadeEachSpan: with two colleagues, each
// span's tag counts the annotators who made it.
func TestThreeAnnotatorsShowHowManyMadeEachSpan(t *testing.T) {
	u, _, p, doc, ana := reviewWindow(t)
	d, _ := p.Document(doc)
	start, end := ana["same"].Start, ana["same"].End
	cy := app.Source{Name: "cy", Path: "cy.jsonl", Records: []annotate.Record{{
		Document: annotate.Document{ID: doc, SHA256: d.SHA256},
		Spans:    []annotate.Span{annotate.NewSpan(doc, start, end, annotate.LabelActor, "cy", time.Now())}}}}
	u.AddSource(cy)
	if got := u.Article().MadeBy(ana["same"].ID); got != "3/3" {
		t.Errorf("Wang Yi, tagged by all three: %q, want 3/3", got)
	}
	if got := u.Article().MadeBy(ana["onlyMine"].ID); got != "1/3" {
		t.Errorf("Ibrahim Jafari, tagged by ana only: %q, want 1/3", got)
	}
}
