package app_test

import (
	"reflect"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// findKeySelects returns the visible drop-down lists of o that are
// widgets of the app embedding a widget.Select (as something that takes
// the keyboard focus), in the order walk visits them, and their Selects.
func findKeySelects(o fyne.CanvasObject) ([]fyne.Focusable, []*widget.Select) {
	var fs []fyne.Focusable
	var sels []*widget.Select
	walk(o, func(o fyne.CanvasObject) {
		v := reflect.ValueOf(o)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return
		}
		if f := v.Elem().FieldByName("Select"); f.IsValid() && f.Type() == reflect.TypeFor[widget.Select]() && o.Visible() {
			fs = append(fs, o.(fyne.Focusable))
			sels = append(sels, f.Addr().Interface().(*widget.Select))
		}
	})
	return fs, sels
}

// TestMergeActorsKeepsNames: in Edit → Actor entities…, choosing “Mr
// Jafari” and “Or merge it into” Ibrahim Jafari, then Enter, makes the
// mention name Ibrahim Jafari and leaves one actor, now also called “Mr
// Jafari” and “Jafari” (the gone actor's name and alias), in one step:
// Ctrl+Z brings both actors back as they were and the mention names Mr
// Jafari again; Ctrl+Y merges again. E on a new “Mr Jafari” then proposes
// Ibrahim Jafari, by the gone name, and typing “Mr Ja” lists it; the Span
// tab's actor line then shows the aliases.
func TestMergeActorsKeepsNames(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	docs, _ := p.Documents()
	keep := addEntity(t, p, "Ibrahim Jafari")
	keep.Aliases = []string{"Iraq’s foreign minister"}
	gone := addEntity(t, p, "Mr Jafari")
	gone.Aliases = []string{"Jafari"}
	for _, e := range []annotate.Entity{keep, gone} {
		if err := p.PutEntity(e); err != nil {
			t.Fatal(err)
		}
	}
	mention := addMention(t, p, docs[0].ID, text, "Mr Jafari", 1, gone.ID)
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	actors := func() []annotate.Entity {
		t.Helper()
		ents, err := p.Entities()
		if err != nil {
			t.Fatal(err)
		}
		return ents
	}
	merged := keep
	merged.Aliases = []string{"Iraq’s foreign minister", "Mr Jafari", "Jafari"}
	wantMerged := func(when string) {
		t.Helper()
		if got := actors(); len(got) != 1 || !got[0].Equal(merged) {
			t.Fatalf("%s: actors %+v, want only %+v", when, got, merged)
		}
		if s := storedSpan(t, p, doc, mention.ID); s.Entity != keep.ID {
			t.Fatalf("%s: the mention names %q, want Ibrahim Jafari", when, s.Entity)
		}
	}

	u.ShowEntities()
	top := w.Canvas().Overlays().Top()
	fields, sels := findKeySelects(top)
	if len(sels) != 2 {
		t.Fatalf("Actor entities… shows %d drop-down lists, want 2 (the actor, merge into)", len(sels))
	}
	sels[0].SetSelected("Mr Jafari")
	sels[1].SetSelected("Ibrahim Jafari")
	w.Canvas().Focus(fields[1])
	typeKey(w, fyne.KeyReturn)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter did not apply Actor entities…")
	}
	wantMerged("after the merge")
	if findLabelWith(w.Content(), "now also called Mr Jafari") == nil {
		t.Fatal("the status line does not say the kept actor is now also called Mr Jafari")
	}

	shortcut(w, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	got := actors()
	for _, want := range []annotate.Entity{keep, gone} {
		i := slices.IndexFunc(got, func(e annotate.Entity) bool { return e.ID == want.ID })
		if len(got) != 2 || i < 0 || !got[i].Equal(want) {
			t.Fatalf("one Ctrl+Z left actors %+v, want %+v and %+v as they were", got, keep, gone)
		}
	}
	if s := storedSpan(t, p, doc, mention.ID); s.Entity != gone.ID {
		t.Fatalf("after Ctrl+Z the mention names %q, want Mr Jafari", s.Entity)
	}
	shortcut(w, fyne.KeyY, fyne.KeyModifierShortcutDefault)
	wantMerged("after Ctrl+Y")

	// E on another “Mr Jafari” proposes the kept actor, by the gone name.
	start, end := nthRange(t, text, "Mr Jafari", 0)
	u.AddSpan(start, end, annotate.LabelActor)
	mr := u.SelectedSpan()
	typeRunes(w, "e")
	if f := findSelectEntry(w.Canvas().Overlays().Top()); f == nil || f.Text != "Ibrahim Jafari" {
		t.Fatalf("E proposes %v, want Ibrahim Jafari (now also called Mr Jafari)", f)
	}
	typeRunes(w, "Mr Ja")
	if got := nameSuggestions(w); !slices.Equal(got, []string{"Ibrahim Jafari"}) {
		t.Fatalf("typing “Mr Ja” lists %q, want Ibrahim Jafari", got)
	}
	if findLabelWith(w.Canvas().Overlays().Top(), "Ibrahim Jafari (“Mr Jafari”)") == nil {
		t.Fatal("the suggestion does not say it was found by the gone actor's name")
	}
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyReturn) // chooses Ibrahim Jafari
	typeKey(w, fyne.KeyReturn) // sets it
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter did not close E")
	}
	if s := storedSpan(t, p, doc, mr); s.Entity != keep.ID {
		t.Fatalf("the new mention names %q, want Ibrahim Jafari (%s)", s.Entity, keep.ID)
	}
	if len(actors()) != 1 {
		t.Fatalf("E by the gone name created an actor: %+v", actors())
	}
	// The Span tab's actor line says what else the actor is called.
	if findLabelWith(w.Content(), "Actor: Ibrahim Jafari (also Iraq’s foreign minister, Mr Jafari, … 1 more)") == nil {
		t.Fatal("the Span tab does not show the kept actor's aliases")
	}
}
