package app_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// findEntryWithPlaceHolder returns the visible text field of o (a widget
// of the app that embeds a widget.Entry) whose placeholder contains ph,
// as something that takes the keyboard focus, and its Entry.
func findEntryWithPlaceHolder(o fyne.CanvasObject, ph string) (fyne.Focusable, *widget.Entry) {
	var f fyne.Focusable
	var found *widget.Entry
	walk(o, func(o fyne.CanvasObject) {
		v := reflect.ValueOf(o)
		if found != nil || v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return
		}
		fe := v.Elem().FieldByName("Entry")
		if !fe.IsValid() || fe.Type() != reflect.TypeOf(widget.Entry{}) {
			return
		}
		if e := fe.Addr().Interface().(*widget.Entry); strings.Contains(e.PlaceHolder, ph) {
			found, f = e, o.(fyne.Focusable)
		}
	})
	return f, found
}

// TestEntityAliasesThenEByAlias: in Edit → Actor entities…, typing
// aliases into the aliases field and Enter stores them in one step (one
// Ctrl+Z takes them away, Ctrl+Y brings them back); E on a new “Mr Wang”
// then proposes Wang Yi, the entity the alias names, and typing “Mr Wa”
// lists Wang Yi, by the alias; Enter on it makes the mention name Wang
// Yi.
func TestEntityAliasesThenEByAlias(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	wang := addEntity(t, p, "Wang Yi")
	addEntity(t, p, "Wang Jun")
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	aliasesOf := func() []string {
		t.Helper()
		ents, err := p.Entities()
		if err != nil {
			t.Fatal(err)
		}
		e, _ := annotate.EntityCalled(ents, "Wang Yi")
		return e.Aliases
	}

	u.ShowEntities()
	top := w.Canvas().Overlays().Top()
	sel := findSelect(top)
	if sel == nil || sel.Selected != "Wang Jun" {
		t.Fatalf("the dialog shows %v first, want Wang Jun", sel)
	}
	sel.SetSelected("Wang Yi")
	field, entry := findEntryWithPlaceHolder(top, "Mr Wang")
	if field == nil || entry.Text != "" {
		t.Fatalf("no empty aliases field for Wang Yi (%v)", entry)
	}
	w.Canvas().Focus(field)
	typeRunes(w, "Mr Wang, China’s foreign minister,  mr  wang ")
	typeKey(w, fyne.KeyReturn)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter in the aliases field did not apply the dialog")
	}
	want := []string{"Mr Wang", "China’s foreign minister"}
	if got := aliasesOf(); !slices.Equal(got, want) {
		t.Fatalf("stored aliases %q, want %q", got, want)
	}
	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if got := aliasesOf(); got != nil {
		t.Fatalf("one Ctrl+Z left aliases %q", got)
	}
	shortcut(w, fyne.KeyY, fyne.KeyModifierShortcutDefault)
	if got := aliasesOf(); !slices.Equal(got, want) {
		t.Fatalf("Ctrl+Y gave aliases %q, want %q", got, want)
	}

	// The dialog shows the stored aliases; an alias that Wang Jun's name
	// or another's alias clashes with is refused and nothing changes.
	u.ShowEntities()
	top = w.Canvas().Overlays().Top()
	findSelect(top).SetSelected("Wang Yi")
	if _, entry := findEntryWithPlaceHolder(top, "Mr Wang"); entry.Text != "Mr Wang, China’s foreign minister" {
		t.Fatalf("the aliases field shows %q", entry.Text)
	}
	findSelect(top).SetSelected("Wang Jun")
	field, _ = findEntryWithPlaceHolder(top, "Mr Wang")
	w.Canvas().Focus(field)
	typeRunes(w, "mr wang")
	typeKey(w, fyne.KeyReturn)
	for w.Canvas().Overlays().Top() != nil { // the error, then nothing
		typeKey(w, fyne.KeyEscape)
	}
	ents, _ := p.Entities()
	if jun, _ := annotate.EntityCalled(ents, "Wang Jun"); jun.Aliases != nil || !slices.Equal(aliasesOf(), want) {
		t.Fatalf("a clashing alias changed the actors: %+v", ents)
	}

	// E on a new “Mr Wang” proposes Wang Yi, by the alias.
	mr := tagText(t, u, w, text, "Mr Wang", "1")
	typeRunes(w, "e")
	if f := findSelectEntry(w.Canvas().Overlays().Top()); f == nil || f.Text != "Wang Yi" {
		t.Fatalf("E proposes %v, want Wang Yi (whose alias the mention is)", f)
	}
	typeRunes(w, "Mr Wa")
	if got := nameSuggestions(w); !slices.Equal(got, []string{"Wang Yi"}) {
		t.Fatalf("typing “Mr Wa” lists %q, want Wang Yi", got)
	}
	listed := false
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == "Wang Yi (“Mr Wang”)" {
			listed = true
		}
	})
	if !listed {
		t.Fatal("the suggestion does not say the alias it was found by")
	}
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyReturn) // chooses Wang Yi
	typeKey(w, fyne.KeyReturn) // sets it
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter did not close E")
	}
	if s := storedSpan(t, p, doc, mr.ID); s.Entity != wang.ID {
		t.Fatalf("the mention names %q, want Wang Yi (%s)", s.Entity, wang.ID)
	}
	if ents, _ := p.Entities(); len(ents) != 2 {
		t.Fatalf("E by an alias created an actor: %+v", ents)
	}
}

// TestSuggestionNamesActorByExplicitAlias: with suggestions on, “Mr Wang”
// is suggested naming no actor; once Edit → Actor entities… gives Wang
// Yi the alias “Mr Wang”, the suggestion names Wang Yi, and Tab, Enter
// store the actor span naming it.
func TestSuggestionNamesActorByExplicitAlias(t *testing.T) {
	p := openProject(t, false, "“We will help,” said Mr Wang.")
	wang := addEntity(t, p, "Wang Yi")
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	shortcut(w, fyne.KeyS, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	if sugs, _ := shownSuggestions(t, u); len(sugs) != 1 || sugs[0].Entity != "" {
		t.Fatalf("before the alias: suggestions %+v, want one naming no actor", sugs)
	}
	u.ShowEntities()
	field, _ := findEntryWithPlaceHolder(w.Canvas().Overlays().Top(), "Mr Wang")
	w.Canvas().Focus(field)
	typeRunes(w, "Mr Wang")
	typeKey(w, fyne.KeyReturn)
	if sugs, _ := shownSuggestions(t, u); len(sugs) != 1 || sugs[0].Entity != wang.ID {
		t.Fatalf("after the alias: suggestions %+v, want one naming Wang Yi", sugs)
	}
	if f := w.Canvas().Focused(); f == nil || f != fyne.Focusable(u.Article()) {
		t.Fatalf("after the dialog the keyboard is with %T, not the article", f)
	}
	key(w, fyne.KeyTab)
	key(w, fyne.KeyReturn)
	var named int
	for _, sp := range spansOf(t, p, doc) {
		if sp.Label == annotate.LabelActor && sp.Entity == wang.ID {
			named++
		}
	}
	if named != 1 {
		t.Fatalf("%d stored actor spans name Wang Yi, want 1", named)
	}
}
