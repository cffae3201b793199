package app_test

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"claimdesk/annotate"
	"claimdesk/store"
)

// nthRange returns the code-point offsets of the n-th (from 0) occurrence
// of s in text.
func nthRange(t *testing.T, text, s string, n int) (int, int) {
	t.Helper()
	b := 0
	for k := 0; ; k++ {
		i := strings.Index(text[b:], s)
		if i < 0 {
			t.Fatalf("%q #%d is not in the text", s, n)
		}
		if k == n {
			start := len([]rune(text[:b+i]))
			return start, start + len([]rune(s))
		}
		b += i + len(s)
	}
}

// addEntity stores an entity named name, as E would have.
func addEntity(t *testing.T, p *store.Store, name string) annotate.Entity {
	t.Helper()
	e := annotate.Entity{ID: uuid.NewString(), Name: name}
	if err := p.PutEntity(e); err != nil {
		t.Fatal(err)
	}
	return e
}

// addMention stores an actor span over the n-th s of the document docID,
// naming the entity entityID.
func addMention(t *testing.T, p *store.Store, docID, text, s string, n int, entityID string) annotate.Span {
	t.Helper()
	start, end := nthRange(t, text, s, n)
	sp := annotate.NewSpan(docID, start, end, annotate.LabelActor, "tester", time.Now())
	sp.Entity = entityID
	if err := p.AddSpan(sp); err != nil {
		t.Fatal(err)
	}
	return sp
}

// typeRunes types text into the focused widget as the driver does.
func typeRunes(w fyne.Window, text string) {
	for _, r := range text {
		if f := w.Canvas().Focused(); f != nil {
			f.TypedRune(r)
		}
	}
}

// nameSuggestions returns the names listed under the field of E.
func nameSuggestions(w fyne.Window) []string {
	var out []string
	if f, ok := w.Canvas().Focused().(interface{ Matches() []string }); ok {
		out = f.Matches()
	}
	return out
}

// TestNameFromTheKeyboard: on a new actor mention, E opens the name
// field with the mention's text selected; typing part of an existing
// name lists it at once (prefix or word prefix, any case); Down marks it,
// Enter puts it in the field, Enter again stores it as the span's entity.
// Up, and Escape, leave nothing stored.
func TestNameFromTheKeyboard(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	docs, _ := p.Documents()
	wang := addEntity(t, p, "Wang Yi")
	addEntity(t, p, "Hong Lei")
	addEntity(t, p, "Ibrahim Jafari")
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	mr := tagText(t, u, w, text, "Mr Wang", "1")
	typeRunes(w, "e")
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("E shows no dialog")
	}
	field := findSelectEntry(w.Canvas().Overlays().Top())
	if field == nil || field.Text != "Mr Wang" || field.SelectedText() != "Mr Wang" {
		t.Fatalf("the name field is %v, want “Mr Wang”, selected", field)
	}
	typeRunes(w, "wan")
	if field.Text != "wan" {
		t.Fatalf("typing over the selected text left %q", field.Text)
	}
	if got := nameSuggestions(w); len(got) != 1 || got[0] != "Wang Yi" {
		t.Fatalf("typing “wan” suggests %q, want Wang Yi", got)
	}
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyReturn)
	if field.Text != "Wang Yi" || w.Canvas().Overlays().Top() == nil {
		t.Fatalf("Down, Enter: the field holds %q (dialog open: %v), want Wang Yi, still open", field.Text, w.Canvas().Overlays().Top() != nil)
	}
	if s := storedSpan(t, p, doc, mr.ID); s.Entity != "" {
		t.Fatal("choosing a suggestion stored it before the dialog was confirmed")
	}
	typeKey(w, fyne.KeyReturn)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("the second Enter did not close the dialog")
	}
	if s := storedSpan(t, p, doc, mr.ID); s.Entity != wang.ID {
		t.Fatalf("the mention names %q, want Wang Yi (%s)", s.Entity, wang.ID)
	}
	if ents, _ := p.Entities(); len(ents) != 3 {
		t.Fatalf("%d entities, want the 3 there were", len(ents))
	}

	// Word prefix: "lei" finds Hong Lei; Down, Down stays on the last,
	// Up unmarks; Enter then confirms what is typed: a new entity.
	hong := tagText(t, u, w, text, "Mr Hong", "1")
	typeRunes(w, "e")
	typeRunes(w, "LEI")
	if got := nameSuggestions(w); len(got) != 1 || got[0] != "Hong Lei" {
		t.Fatalf("typing “LEI” suggests %q, want Hong Lei", got)
	}
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyUp)
	typeKey(w, fyne.KeyReturn)
	if s := storedSpan(t, p, doc, hong.ID); s.Entity == "" {
		t.Fatal("Enter with no suggestion marked did not confirm")
	}
	if e, ok := u.Session().EntityByName("LEI"); !ok || storedSpan(t, p, doc, hong.ID).Entity != e.ID {
		t.Fatal("Enter with no suggestion marked did not create the entity typed")
	}
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)

	// Escape cancels, even with a suggestion marked.
	typeRunes(w, "e")
	typeRunes(w, "ib")
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyEscape)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the dialog")
	}
	if s := storedSpan(t, p, doc, hong.ID); s.Entity != "" {
		t.Fatalf("Escape stored entity %q", s.Entity)
	}
	_ = docs
}

// TestKindFromTheKeyboard: Tab to the kind list, Down opens it, Down
// and Enter choose, Enter confirms the dialog: the entity's kind is
// stored; one Ctrl+Z takes back the entity and the span's name.
func TestKindFromTheKeyboard(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	sp := tagText(t, u, w, text, "Wang Yi", "1")
	typeRunes(w, "e")
	w.Canvas().FocusNext() // Tab: the kind list
	if sel := findSelect(w.Canvas().Overlays().Top()); sel == nil {
		t.Fatal("no kind list")
	}
	typeKey(w, fyne.KeyDown) // opens the list
	typeKey(w, fyne.KeyDown) // (kind not known)
	typeKey(w, fyne.KeyDown) // person
	typeKey(w, fyne.KeyReturn)
	if sel := findSelect(w.Canvas().Overlays().Top()); sel == nil || sel.Selected != "person" {
		t.Fatalf("Down, Down, Enter in the kind list chose %v", sel)
	}
	typeKey(w, fyne.KeyReturn)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter on the kind list did not confirm the dialog")
	}
	e, ok := u.Session().EntityByName("Wang Yi")
	if !ok || e.Kind != "person" || storedSpan(t, p, doc, sp.ID).Entity != e.ID {
		t.Fatalf("stored entity %+v (found %v), want Wang Yi, person, named by the span", e, ok)
	}
	// One action, one undo step: the entity and the span's name go.
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if ents, _ := p.Entities(); len(ents) != 0 || storedSpan(t, p, doc, sp.ID).Entity != "" {
		t.Fatalf("one Ctrl+Z left entities %+v and the span's %q", ents, storedSpan(t, p, doc, sp.ID).Entity)
	}
}

// TestEProposesTheEntityTheTextHas: E on a new “Mr Jafari” proposes
// “Ibrahim Jafari”, the entity the other “Mr Jafari” mentions of the
// document name, and, in a document with none, the one they name in the
// project.
func TestEProposesTheEntityTheTextHas(t *testing.T) {
	text := readArticle(t)
	other := "Talks went on. Mr Jafari left early."
	p := openProject(t, false, text, other)
	docs, _ := p.Documents()
	here, there := docs[0].ID, docs[1].ID
	ibrahim := addEntity(t, p, "Ibrahim Jafari")
	addEntity(t, p, "Mr Jafari") // an entity named like the text loses to what the mentions name
	addMention(t, p, here, text, "Mr Jafari", 0, ibrahim.ID)
	addMention(t, p, here, text, "Mr Jafari", 1, ibrahim.ID)
	u, w := newWindow(t, p)
	if u.CurrentDocument() != here {
		t.Fatal("the window did not open the article first")
	}
	start, end := nthRange(t, text, "Mr Jafari", 2)
	u.AddSpan(start, end, annotate.LabelActor)
	typeRunes(w, "e")
	if f := findSelectEntry(w.Canvas().Overlays().Top()); f == nil || f.Text != "Ibrahim Jafari" {
		t.Fatalf("E proposes %v, want Ibrahim Jafari (what this document's other “Mr Jafari” name)", f)
	}
	typeKey(w, fyne.KeyReturn)
	if s := storedSpan(t, p, here, u.SelectedSpan()); s.Entity != ibrahim.ID {
		t.Fatalf("Enter stored %q, want Ibrahim Jafari", s.Entity)
	}

	u.DoneAndNext()
	if u.CurrentDocument() != there {
		t.Fatal("Done & next did not open the other document")
	}
	start, end = nthRange(t, other, "Mr Jafari", 0)
	u.AddSpan(start, end, annotate.LabelActor)
	typeRunes(w, "e")
	if f := findSelectEntry(w.Canvas().Overlays().Top()); f == nil || f.Text != "Ibrahim Jafari" {
		t.Fatalf("E in the other document proposes %v, want Ibrahim Jafari (what the project's “Mr Jafari” name)", f)
	}
	typeKey(w, fyne.KeyEscape)
}

// TestEntitiesDialogClosesWithEscapeAfterItsList: in Edit → Actor
// entities…, a drop-down used from the keyboard keeps the focus, and
// Escape still closes the dialog, changing nothing; Enter applies.
func TestEntitiesDialogClosesWithEscapeAfterItsList(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	addEntity(t, p, "Wang Yi")
	addEntity(t, p, "Mr Wang")
	u, w := newWindow(t, p)
	u.ShowEntities()
	top := w.Canvas().Overlays().Top()
	sel := findSelect(top)
	if sel == nil {
		t.Fatal("no list of entities")
	}
	focusSelect(w, top)
	typeKey(w, fyne.KeyDown) // opens the list
	if w.Canvas().Overlays().Top() == top {
		t.Fatal("Down did not open the list")
	}
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyReturn)
	if w.Canvas().Overlays().Top() != top || sel.Selected != "Wang Yi" {
		t.Fatalf("Down, Down, Enter chose %q", sel.Selected)
	}
	typeKey(w, fyne.KeyEscape)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close Actor entities… after its list was used")
	}
	if ents, _ := p.Entities(); len(ents) != 2 {
		t.Fatalf("Escape changed the entities: %+v", ents)
	}
}

// focusSelect gives the first drop-down list in o the focus (the widget
// that embeds the widget.Select, as a click or Tab does).
func focusSelect(w fyne.Window, o fyne.CanvasObject) {
	walk(o, func(o fyne.CanvasObject) {
		if _, ok := o.(*widget.Select); ok {
			return
		}
		if f, ok := o.(fyne.Focusable); ok && findSelect(o) != nil && w.Canvas().Focused() == nil {
			w.Canvas().Focus(f)
		}
	})
}

// TestNameSuggestionByClick: a click on a suggestion puts it in the field
// and gives the field the keyboard back; Enter then sets it.
func TestNameSuggestionByClick(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	wang := addEntity(t, p, "Wang Yi")
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	mr := tagText(t, u, w, text, "Mr Wang", "1")
	typeRunes(w, "e")
	typeRunes(w, "w")
	var row fyne.Tappable
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if tp, ok := o.(fyne.Tappable); ok {
			walk(o, func(in fyne.CanvasObject) {
				if l, ok := in.(*widget.Label); ok && l.Text == "Wang Yi" && l.Visible() {
					row = tp
				}
			})
		}
	})
	if row == nil {
		t.Fatal("typing “w” lists no Wang Yi to click")
	}
	test.Tap(row)
	field := findSelectEntry(w.Canvas().Overlays().Top())
	if field.Text != "Wang Yi" {
		t.Fatalf("the click put %q in the field", field.Text)
	}
	if f, ok := w.Canvas().Focused().(interface{ Matches() []string }); !ok || f == nil {
		t.Fatal("the name field lost the keyboard to the list")
	}
	typeKey(w, fyne.KeyReturn)
	if s := storedSpan(t, p, doc, mr.ID); s.Entity != wang.ID {
		t.Fatalf("the mention names %q, want Wang Yi", s.Entity)
	}
}
