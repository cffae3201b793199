package app_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// TestFindTagsMatches: Ctrl+F, a query typed in any case, Enter selects
// the first match and a label key tags it; F3 selects the next; Tag all…
// offers the rest, tagged as one undoable step.
func TestFindTagsMatches(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	want := annotate.Search(text, "JAFARI")
	if len(want) < 3 {
		t.Fatalf("the fixture has %d mentions of Jafari", len(want))
	}
	shortcut(w, fyne.KeyF, fyne.KeyModifierShortcutDefault)
	e, ok := w.Canvas().Focused().(interface{ SetText(string) })
	if !ok {
		t.Fatalf("Ctrl+F focused %T, not the search field", w.Canvas().Focused())
	}
	e.SetText("jaFARi")
	if got := u.SearchMatches(); len(got) != len(want) {
		t.Fatalf("%d matches highlighted, want %d", len(got), len(want))
	}
	typeKey(w, fyne.KeyReturn)
	if s, e := u.Article().Selection(); s != want[0].Start || e != want[0].End {
		t.Fatalf("Enter selected %d-%d, want the first match %v", s, e, want[0])
	}
	test.TypeOnCanvas(w.Canvas(), "1")
	spans := spansOf(t, p, u.CurrentDocument())
	if len(spans) != 1 || spans[0].Start != want[0].Start || spans[0].End != want[0].End {
		t.Fatalf("a label key after Enter stored %+v, want the first match", spans)
	}
	key(w, fyne.KeyF3)
	if s, e := u.Article().Selection(); s != want[1].Start || e != want[1].End {
		t.Fatalf("F3 selected %d-%d, want the second match %v", s, e, want[1])
	}

	// Tag all… as Actor: every match but the one already an Actor
	shortcut(w, fyne.KeyF, fyne.KeyModifierShortcutDefault)
	test.Tap(findButton(w.Canvas().Content(), "Tag all…"))
	menu := w.Canvas().Overlays().Top()
	var item fyne.Tappable
	walk(menu, func(o fyne.CanvasObject) {
		if it, ok := o.(fyne.Tappable); ok && findLabelIn(o, "Tag all as Actor…") { // the innermost
			item = it
		}
	})
	if item == nil {
		t.Fatal("Tag all… offers no Actor item")
	}
	test.Tap(item)
	top := w.Canvas().Overlays().Top()
	if findLabelWith(top, "Untick the ones to leave out") == nil {
		t.Fatal("Tag all as Actor offers no suggestions")
	}
	test.Tap(findButton(top, "Tag them"))
	spans = spansOf(t, p, u.CurrentDocument())
	if len(spans) != len(want) {
		t.Fatalf("after Tag all the document has %d spans, want %d (every match an Actor)", len(spans), len(want))
	}
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if spans := spansOf(t, p, u.CurrentDocument()); len(spans) != 1 {
		t.Fatalf("Ctrl+Z after Tag all left %d spans, want 1", len(spans))
	}
	// Escape in the field closes the bar and clears the highlights
	shortcut(w, fyne.KeyF, fyne.KeyModifierShortcutDefault)
	typeKey(w, fyne.KeyEscape)
	if len(u.SearchMatches()) != 0 {
		t.Fatal("Escape left the matches highlighted")
	}
}

// findLabelIn reports whether o holds a label or rich text reading s.
func findLabelIn(o fyne.CanvasObject, s string) bool {
	found := false
	walk(o, func(o fyne.CanvasObject) {
		switch l := o.(type) {
		case *widget.Label:
			found = found || l.Text == s
		case *widget.RichText:
			found = found || l.String() == s
		case *canvas.Text:
			found = found || l.Text == s
		}
	})
	return found
}

// TestSearchCountReads: the count beside the field reads as English.
func TestSearchCountReads(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	_, w := newWindow(t, p)
	shortcut(w, fyne.KeyF, fyne.KeyModifierShortcutDefault)
	e := w.Canvas().Focused().(interface{ SetText(string) })
	for _, c := range []struct{ q, want string }{{"Jafari", "5 matches"}, {"Wang Yi", "1 match"}, {"zzz", "0 matches"}} {
		e.SetText(c.q)
		if findLabelWith(w.Canvas().Content(), c.want) == nil {
			t.Errorf("searching %q shows no %q", c.q, c.want)
		}
	}
}
