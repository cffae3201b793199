package app_test

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/annotate/suggest"
	"claimdesk/app"
)

// shiftKey types name with Shift held, as the desktop driver sends it:
// Shift's KeyDown, the key, Shift's KeyUp, all to the focused widget.
func shiftKey(w fyne.Window, name fyne.KeyName) {
	f := w.Canvas().Focused()
	kb, _ := f.(desktop.Keyable)
	if kb != nil {
		kb.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}
	f.TypedKey(&fyne.KeyEvent{Name: name})
	if kb != nil {
		kb.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}
}

// shownSuggestions returns the suggestions the window shows and checks
// that the article draws as many.
func shownSuggestions(t *testing.T, u *app.UI) ([]suggest.Suggestion, int) {
	t.Helper()
	sugs, sel := u.ShownSuggestions()
	marks, msel := u.Article().Suggestions()
	if len(marks) != len(sugs) || msel != sel {
		t.Fatalf("the article draws %d suggestions (selected %d), the window has %d (selected %d)", len(marks), msel, len(sugs), sel)
	}
	return sugs, sel
}

// TestSuggestionsAcceptRejectUndo drives the Suggestions toggle with the
// keys the desktop driver sends: Ctrl+Shift+S shows the test article's
// suggestions, Tab selects one, Enter stores its actor, statement and
// SOURCE link by the coder as one step, Backspace rejects the next (for
// good: toggling off and on does not bring it back), Ctrl+Z undoes the
// rejection in one step and Ctrl+Y redoes it, Shift+Enter accepts a
// paragraph's as one step, and Ctrl+Z undoes each step in turn.
func TestSuggestionsAcceptRejectUndo(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	ctrl := fyne.KeyModifierShortcutDefault
	if sugs, _ := u.ShownSuggestions(); len(sugs) != 0 || u.SuggestionsOn() {
		t.Fatal("suggestions are shown before the toggle")
	}
	button := findButtonIcon(t, w, "visibility")

	shortcut(w, fyne.KeyS, ctrl|fyne.KeyModifierShift)
	all, sel := shownSuggestions(t, u)
	if !u.SuggestionsOn() || len(all) < 3 || sel != -1 {
		t.Fatalf("Ctrl+Shift+S: on %v, %d suggestions, selected %d", u.SuggestionsOn(), len(all), sel)
	}

	// Tab, Enter: the first suggestion is accepted.
	key(w, fyne.KeyTab)
	if _, sel := shownSuggestions(t, u); sel != 0 {
		t.Fatalf("Tab selected suggestion %d, want 0", sel)
	}
	first := all[0]
	key(w, fyne.KeyReturn)
	spans, rels := spansOf(t, p, doc), relationsOf(t, p, doc)
	if len(spans) != 2 || len(rels) != 1 {
		t.Fatalf("Enter stored %d spans, %d links; want 2, 1", len(spans), len(rels))
	}
	for _, sp := range spans {
		if sp.Annotator != "tester" {
			t.Errorf("span %+v is not the coder's", sp)
		}
		ok := sp.Start == first.Actor.Start && sp.End == first.Actor.End && sp.ID == rels[0].To ||
			sp.Start == first.Statement.Start && sp.End == first.Statement.End && sp.ID == rels[0].From
		if !ok {
			t.Errorf("span %+v is not the suggestion's %+v", sp, first)
		}
	}
	left, sel := shownSuggestions(t, u)
	if len(left) != len(all)-1 || sel != 0 || left[0] != all[1] {
		t.Fatalf("after accepting: %d shown (selected %d), want %d with the next selected", len(left), sel, len(all)-1)
	}

	// Backspace: the next one is rejected, nothing stored but that.
	key(w, fyne.KeyBackspace)
	if n, m := len(spansOf(t, p, doc)), len(relationsOf(t, p, doc)); n != 2 || m != 1 {
		t.Fatalf("Backspace changed the spans: %d spans, %d links", n, m)
	}
	wantRejected := func(when string, want ...suggest.Suggestion) {
		t.Helper()
		rejected, err := p.RejectedSuggestions(doc)
		if err != nil || len(rejected) != len(want) {
			t.Fatalf("%s: rejected stored %v, %v; want %d", when, rejected, err, len(want))
		}
		for _, s := range want {
			if !rejected[s.Key()] {
				t.Fatalf("%s: rejected stored %v, without %+v", when, rejected, s)
			}
		}
	}
	wantRejected("Backspace", all[1])
	if left, _ := shownSuggestions(t, u); len(left) != len(all)-2 {
		t.Fatalf("after rejecting: %d shown, want %d", len(left), len(all)-2)
	}

	// Ctrl+Z undoes the rejection in one step: the suggestion is back,
	// the accepted spans stay; Ctrl+Y rejects it again.
	shortcut(w, fyne.KeyZ, ctrl)
	wantRejected("Ctrl+Z after Backspace")
	if n, m := len(spansOf(t, p, doc)), len(relationsOf(t, p, doc)); n != 2 || m != 1 {
		t.Fatalf("Ctrl+Z after Backspace changed the spans: %d spans, %d links", n, m)
	}
	if left, _ := shownSuggestions(t, u); len(left) != len(all)-1 || left[0] != all[1] {
		t.Fatalf("after undoing the rejection: %d shown, want %d with the rejected one back", len(left), len(all)-1)
	}
	shortcut(w, fyne.KeyY, ctrl)
	wantRejected("Ctrl+Y", all[1])
	if left, _ := shownSuggestions(t, u); len(left) != len(all)-2 {
		t.Fatalf("after redoing the rejection: %d shown, want %d", len(left), len(all)-2)
	}

	test.Tap(button)
	if sugs, _ := shownSuggestions(t, u); u.SuggestionsOn() || len(sugs) != 0 {
		t.Fatal("the toolbar's toggle did not turn the suggestions off")
	}
	test.Tap(button) // the toolbar's toggle
	again, _ := shownSuggestions(t, u)
	if len(again) != len(all)-2 {
		t.Fatalf("on again: %d shown, want %d (neither the accepted nor the rejected one)", len(again), len(all)-2)
	}
	for _, s := range again {
		if s == all[1] {
			t.Fatal("the rejected suggestion came back")
		}
	}

	// Shift+Enter: every suggestion of the selected one's paragraph, as
	// one step. Tab on to a paragraph with two (the test article's
	// denials).
	count := func(para int) int {
		n := 0
		for _, s := range again {
			if paragraphOf(text, s.Statement.Start) == para {
				n++
			}
		}
		return n
	}
	para, want := -1, 0
	for range again {
		key(w, fyne.KeyTab)
		_, sel = shownSuggestions(t, u)
		if para = paragraphOf(text, again[sel].Statement.Start); count(para) >= 2 {
			want = count(para)
			break
		}
	}
	if want < 2 {
		t.Fatal("Tab found no paragraph with two suggestions")
	}
	shiftKey(w, fyne.KeyReturn)
	if m := len(relationsOf(t, p, doc)); m != 1+want {
		t.Fatalf("Shift+Enter stored %d links, want the accepted one and the paragraph's %d", m, want)
	}
	shortcut(w, fyne.KeyZ, ctrl)
	if n, m := len(spansOf(t, p, doc)), len(relationsOf(t, p, doc)); n != 2 || m != 1 {
		t.Fatalf("one Ctrl+Z after Shift+Enter left %d spans, %d links; want the first accepted 2, 1", n, m)
	}
	// two more: the rejection, then the first accept
	shortcut(w, fyne.KeyZ, ctrl)
	wantRejected("third Ctrl+Z")
	shortcut(w, fyne.KeyZ, ctrl)
	if n, m := len(spansOf(t, p, doc)), len(relationsOf(t, p, doc)); n != 0 || m != 0 {
		t.Fatalf("the last Ctrl+Z left %d spans, %d links", n, m)
	}
	if left, _ := shownSuggestions(t, u); len(left) != len(all) {
		t.Fatalf("after undoing everything: %d shown, want all %d", len(left), len(all))
	}
}

// paragraphOf returns the number of line breaks before code point off.
func paragraphOf(text string, off int) int {
	n, i := 0, 0
	for _, r := range text {
		if i == off {
			break
		}
		if r == '\n' {
			n++
		}
		i++
	}
	return n
}

// relationsOf returns the document's stored links.
func relationsOf(t *testing.T, p app.Project, docID string) []annotate.Relation {
	t.Helper()
	rels, err := p.Relations(docID)
	if err != nil {
		t.Fatal(err)
	}
	return rels
}

// TestSuggestionNamesActorByAlias: an actor whose text a coder made name
// an entity in another document (an alias) is suggested naming it, and
// Enter stores the actor span with that entity.
func TestSuggestionNamesActorByAlias(t *testing.T) {
	text := readArticle(t)
	short := "“We will help,” said Mr Hong."
	p := openProject(t, false, short, text)
	docs, err := p.Documents()
	if err != nil || len(docs) != 2 {
		t.Fatalf("documents %v, %v", docs, err)
	}
	hong := annotate.Entity{ID: "e-hong", Name: "Hong Lei", Kind: "person"}
	if err := p.PutEntity(hong); err != nil {
		t.Fatal(err)
	}
	start, end := runeRange(t, text, "Mr Hong")
	mention := annotate.NewSpan(docs[1].ID, start, end, annotate.LabelActor, "tester", time.Now())
	mention.Entity = hong.ID
	if err := p.AddSpan(mention); err != nil {
		t.Fatal(err)
	}
	u, w := newWindow(t, p)
	if u.CurrentDocument() != docs[0].ID {
		t.Fatalf("the window opened %s, not the short document", u.CurrentDocument())
	}
	shortcut(w, fyne.KeyS, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	sugs, _ := shownSuggestions(t, u)
	if len(sugs) != 1 || sugs[0].Entity != hong.ID {
		t.Fatalf("suggestions %+v, want one whose actor names %s", sugs, hong.ID)
	}
	key(w, fyne.KeyTab)
	key(w, fyne.KeyReturn)
	var named int
	for _, sp := range spansOf(t, p, docs[0].ID) {
		if sp.Label == annotate.LabelActor && sp.Entity == hong.ID {
			named++
		}
	}
	if named != 1 {
		t.Errorf("%d stored actor spans name %s, want 1", named, hong.Name)
	}
}
