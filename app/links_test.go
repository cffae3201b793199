package app_test

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// TestLinkWithTheKeyboard selects a claim, presses L, moves down the menu
// of the document's actors and presses Enter: the SOURCE link is stored;
// undo removes it; deleting the actor removes the link with it and undo
// restores both.
func TestLinkWithTheKeyboard(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	actor := tagText(t, u, w, text, "Ibrahim Jafari", "1")
	claim := tagText(t, u, w, text, "China has offered to help Iraq defeat Sunni extremists", "2")
	if u.SelectedSpan() != claim.ID {
		t.Fatal("the new claim is not selected")
	}
	test.TypeOnCanvas(w.Canvas(), "l")
	menu := w.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("L shows no menu of actors")
	}
	// The pop-up menu has the keyboard focus, as in the real window.
	f := w.Canvas().Focused()
	if f == nil {
		t.Fatal("the menu of actors does not have the keyboard focus")
	}
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	rels, _ := p.Relations(doc)
	if len(rels) != 1 || rels[0].Type != annotate.RelationSource || rels[0].From != claim.ID || rels[0].To != actor.ID {
		t.Fatalf("stored relations %+v, want the claim's SOURCE link to the actor", rels)
	}
	if got := u.Article().LinkedTo(claim.ID); len(got) != 1 || got[0] != actor.ID {
		t.Fatalf("the article links the claim to %v", got)
	}
	if findLabelWith(w.Canvas().Content(), "source: Actor “Ibrahim Jafari”") == nil {
		t.Error("the side panel does not list the claim's source")
	}
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if rels, _ := p.Relations(doc); len(rels) != 0 {
		t.Fatalf("Ctrl+Z left %+v", rels)
	}
	shortcut(w, fyne.KeyY, fyne.KeyModifierShortcutDefault)
	if rels, _ := p.Relations(doc); len(rels) != 1 {
		t.Fatal("Ctrl+Y did not link again")
	}

	// Deleting the actor deletes its link; undo brings both back.
	u.Session().SelectSpan(actor.ID)
	typeKey(w, fyne.KeyDelete)
	if rels, _ := p.Relations(doc); len(rels) != 0 {
		t.Fatalf("deleting the actor left its link: %+v", rels)
	}
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	rels, _ = p.Relations(doc)
	if len(rels) != 1 || rels[0].To != actor.ID {
		t.Fatalf("undo of the delete: relations %+v", rels)
	}
	if got := u.Article().LinkedTo(claim.ID); len(got) != 1 {
		t.Fatal("the article does not show the restored link")
	}
}

// TestStatementsWithoutSource: the side panel's filter lists only the
// claims and denials without a source.
func TestStatementsWithoutSource(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	actor := tagText(t, u, w, text, "Ibrahim Jafari", "1")
	claim := tagText(t, u, w, text, "China has offered to help Iraq defeat Sunni extremists", "2")
	tagText(t, u, w, text, "Any Chinese assistance", "3")
	u.Link(annotate.RelationSource, claim.ID, actor.ID)
	check := findCheck(w.Canvas().Content(), "Only statements without a source")
	if check == nil {
		t.Fatal("no filter for statements without a source")
	}
	check.SetChecked(true)
	if findLabelWith(w.Canvas().Content(), "Any Chinese assistance") == nil {
		t.Error("the unsourced denial is not listed")
	}
	if l := findLabelWith(w.Canvas().Content(), "Claim (0)"); l == nil {
		t.Error("the sourced claim is still counted in the filtered list")
	}
	st, _ := p.Stats()
	if st.Unsourced != 1 {
		t.Errorf("stats count %d statements without a source, want 1", st.Unsourced)
	}
}

// TestMarkAllMentions tags "Mr Jafari", presses M, leaves one suggestion
// out and tags the others as one undoable step.
func TestMarkAllMentions(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	start, end := runeRange(t, text, "Mr Jafari said")
	u.AddSpan(start, end-len(" said"), annotate.LabelActor)
	if _, err := u.Session().SetEntity(u.SelectedSpan(), "Ibrahim Jafari"); err != nil {
		t.Fatal(err)
	}
	test.TypeOnCanvas(w.Canvas(), "m")
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("M offers no suggestions")
	}
	var checks []*widget.Check
	walk(top, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok {
			checks = append(checks, c)
		}
	})
	want := strings.Count(text, "Mr Jafari") - 1
	if len(checks) != want {
		t.Fatalf("%d suggestions, want %d (every other “Mr Jafari”)", len(checks), want)
	}
	checks[0].SetChecked(false)
	typeKey(w, fyne.KeyReturn)
	spans := spansOf(t, p, doc)
	if len(spans) != want {
		t.Fatalf("after tagging: %d spans, want %d (the first and %d kept suggestions)", len(spans), want, want-1)
	}
	for _, s := range spans {
		if got, _ := annotate.SliceRunes(text, s.Start, s.End); got != "Mr Jafari" || s.Label != annotate.LabelActor {
			t.Fatalf("tagged %q as %s", got, s.Label)
		}
		if s.Entity == "" || s.Entity != spans[0].Entity {
			t.Fatalf("mention %d–%d names entity %q, want the first mention's %q", s.Start, s.End, s.Entity, spans[0].Entity)
		}
	}
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if n := len(spansOf(t, p, doc)); n != 1 {
		t.Fatalf("one undo left %d spans, want the first one", n)
	}
	shortcut(w, fyne.KeyY, fyne.KeyModifierShortcutDefault)
	if n := len(spansOf(t, p, doc)); n != want {
		t.Fatalf("redo: %d spans, want %d", n, want)
	}
}

// TestNameTheActorEntity: E on an actor span proposes its text as the
// entity's name; Enter creates the entity and points the span to it; a
// second mention takes the same entity; undo takes it back.
func TestNameTheActorEntity(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	first := tagText(t, u, w, text, "Ibrahim Jafari", "1")
	test.TypeOnCanvas(w.Canvas(), "e")
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("E shows no field for the actor's name")
	}
	findSelect(top).SetSelected("person")
	var affil *widget.Entry
	walk(top, func(o fyne.CanvasObject) {
		if e, ok := o.(entry); ok && affil == nil {
			if v := reflect.ValueOf(e).Elem().FieldByName("PlaceHolder"); v.IsValid() && strings.HasPrefix(v.String(), "Affiliation") {
				affil = reflect.ValueOf(e).Elem().FieldByName("Entry").Addr().Interface().(*widget.Entry)
			}
		}
	})
	if affil == nil {
		t.Fatal("no affiliation field")
	}
	affil.SetText("Iraq — foreign minister")
	typeKey(w, fyne.KeyReturn)
	ents, _ := p.Entities()
	if len(ents) != 1 || ents[0].Name != "Ibrahim Jafari" || ents[0].Kind != "person" || ents[0].Affiliation != "Iraq — foreign minister" {
		t.Fatalf("entities %+v, want Ibrahim Jafari, person, Iraq — foreign minister", ents)
	}
	if s := storedSpan(t, p, doc, first.ID); s.Entity != ents[0].ID {
		t.Fatalf("the span points to %q, want the new entity", s.Entity)
	}
	if findLabelWith(w.Canvas().Content(), "Actor: Ibrahim Jafari") == nil {
		t.Error("the side panel does not show the actor entity")
	}
	// "Mr Jafari" is the same actor: the field suggests the existing name.
	start, end := runeRange(t, text, "Mr Jafari said")
	u.AddSpan(start, end-len(" said"), annotate.LabelActor)
	second := u.SelectedSpan()
	test.TypeOnCanvas(w.Canvas(), "e")
	field := findSelectEntry(w.Canvas().Overlays().Top())
	if field == nil {
		t.Fatal("no name field")
	}
	field.SetText("ibrahim jafari")
	typeKey(w, fyne.KeyReturn)
	if ents, _ := p.Entities(); len(ents) != 1 {
		t.Fatalf("a second mention made %d entities, want the one", len(ents))
	}
	if s := storedSpan(t, p, doc, second); s.Entity != ents[0].ID {
		t.Fatalf("the second mention points to %q", s.Entity)
	}
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if s := storedSpan(t, p, doc, second); s.Entity != "" {
		t.Fatalf("undo left the entity on the second mention")
	}
}

// findSelectEntry returns the text of the name field of E (a nameField,
// which embeds a widget.Entry).
func findSelectEntry(o fyne.CanvasObject) *widget.Entry {
	var found *widget.Entry
	walk(o, func(o fyne.CanvasObject) {
		v := reflect.ValueOf(o)
		if found == nil && v.Kind() == reflect.Pointer && v.Elem().Type().Name() == "nameField" {
			found = v.Elem().FieldByName("Entry").Addr().Interface().(*widget.Entry)
		}
	})
	return found
}

// TestLinkByRightDrag: dragging with the right mouse button from an actor
// to a claim makes the actor the claim's source; clicking an actor in the
// menu L shows links too.
func TestLinkByRightDragAndMenuClick(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	actor := tagText(t, u, w, text, "Ibrahim Jafari", "1")
	claim := tagText(t, u, w, text, "China has offered to help Iraq defeat Sunni extremists", "2")
	av := u.Article()
	at := func(off int) *desktop.MouseEvent {
		return &desktop.MouseEvent{Button: desktop.MouseButtonSecondary,
			PointEvent: fyne.PointEvent{Position: av.PositionOf(off).AddXY(2, av.TextSize()*0.6)}}
	}
	av.MouseDown(at(actor.Start + 1))
	av.MouseUp(at(claim.Start + 1))
	rels, _ := p.Relations(doc)
	if len(rels) != 1 || rels[0].From != claim.ID || rels[0].To != actor.ID || rels[0].Type != annotate.RelationSource {
		t.Fatalf("after the right-drag: %+v", rels)
	}
	// The menu of L, clicked: a second actor becomes the target.
	other := tagText(t, u, w, text, "Wang Yi", "1")
	u.Session().SelectSpan(claim.ID)
	test.TypeOnCanvas(w.Canvas(), "L")
	var item fyne.Tappable
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if tp, ok := o.(fyne.Tappable); ok { // the innermost tappable holding the name: its menu item
			walk(o, func(in fyne.CanvasObject) {
				if tx, ok := in.(*canvas.Text); ok && strings.Contains(tx.Text, "Wang Yi") {
					item = tp
				}
			})
		}
	})
	if item == nil {
		t.Fatal("no Wang Yi in the menu of Shift+L")
	}
	test.Tap(item)
	rels, _ = p.Relations(doc)
	if len(rels) != 2 || rels[1].Type != annotate.RelationTarget || rels[1].To != other.ID {
		t.Fatalf("after clicking Wang Yi in the menu: %+v", rels)
	}
}

// TestMarkMentionsInProject: Shift+M finds "Mr Jafari" in the other
// document too; the kept ones are tagged in both documents as one step,
// and undo takes them all back.
func TestMarkMentionsInProject(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text, "Mr Jafari arrived. Later, Mr Jafari left.")
	u, w := newWindow(t, p)
	docs, _ := p.Documents()
	start, end := runeRange(t, text, "Mr Jafari said")
	u.AddSpan(start, end-len(" said"), annotate.LabelActor)
	test.TypeOnCanvas(w.Canvas(), "M")
	u.Wait()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Shift+M offers no suggestions")
	}
	typeKey(w, fyne.KeyReturn)
	want := strings.Count(text, "Mr Jafari")
	if n := len(spansOf(t, p, docs[0].ID)); n != want {
		t.Errorf("the open document has %d spans, want %d", n, want)
	}
	if n := len(spansOf(t, p, docs[1].ID)); n != 2 {
		t.Errorf("the other document has %d spans, want 2", n)
	}
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if n := len(spansOf(t, p, docs[1].ID)); n != 0 {
		t.Errorf("undo left %d spans in the other document", n)
	}
	if n := len(spansOf(t, p, docs[0].ID)); n != 1 {
		t.Errorf("undo left %d spans in the open document, want the first", n)
	}
}
