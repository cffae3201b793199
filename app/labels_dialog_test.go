package app_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/app"
	"claimdesk/store"
)

// labelledWindow shows the article with two claims and an actor, linked
// by a source link, and returns the window, the project and the spans.
func labelledWindow(t *testing.T) (*app.UI, fyne.Window, *store.Store, []annotate.Span) {
	t.Helper()
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	for _, tag := range []struct{ text, label string }{
		{"China has offered to help Iraq defeat Sunni extremists", annotate.LabelClaim},
		{"China has been fighting terrorism in our own way", annotate.LabelClaim},
		{"Ibrahim Jafari", annotate.LabelActor},
	} {
		start, end := runeRange(t, text, tag.text)
		u.AddSpan(start, end, tag.label)
	}
	spans := spansOf(t, p, u.CurrentDocument())
	if len(spans) != 3 {
		t.Fatalf("set-up stored %d spans, want 3", len(spans))
	}
	var claim, actor annotate.Span
	for _, s := range spans {
		switch s.Label {
		case annotate.LabelClaim:
			claim = s
		case annotate.LabelActor:
			actor = s
		}
	}
	if err := p.AddRelation(u.CurrentDocument(), annotate.Relation{ID: "r1", Type: annotate.RelationSource, From: claim.ID, To: actor.ID}); err != nil {
		t.Fatal(err)
	}
	return u, w, p, spans
}

// labelRow returns the Settings → Labels row of the label called name:
// the innermost container that holds its heading and a Rename… button.
func labelRow(t *testing.T, w fyne.Window, name string) fyne.CanvasObject {
	t.Helper()
	var row fyne.CanvasObject
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || findButton(c, "Rename…") == nil {
			return
		}
		walk(c, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Text == name || ok && strings.HasSuffix(l.Text, "("+name+")") {
				row = c // visited after the containers around it
			}
		})
	})
	if row == nil {
		t.Fatalf("Settings → Labels has no row for %s", name)
	}
	return row
}

// tapIn taps the button text inside o.
func tapIn(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	b := findButton(o, text)
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(b)
}

// entryWith returns the dialog field whose placeholder starts with prefix.
func entryWith(t *testing.T, o fyne.CanvasObject, prefix string) interface{ SetText(string) } {
	t.Helper()
	var found interface{ SetText(string) }
	walk(o, func(o fyne.CanvasObject) {
		e, ok := o.(interface {
			SetText(string)
			fyne.Focusable
		})
		if !ok || found != nil {
			return
		}
		// The field's PlaceHolder, a widget.Entry's field however the
		// entry is extended.
		v := reflect.ValueOf(o)
		if v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return
		}
		if ph := v.FieldByName("PlaceHolder"); ph.IsValid() && ph.Kind() == reflect.String && strings.HasPrefix(ph.String(), prefix) {
			found = e
		}
	})
	if found == nil {
		t.Fatalf("no field %q", prefix)
	}
	return found
}

// Renaming a label keeps every span, with its id, offsets and links, and
// the window shows the new name at once.
func TestLabelsDialogRenameKeepsEverySpan(t *testing.T) {
	u, w, p, before := labelledWindow(t)
	u.ShowLabels()
	tapIn(t, labelRow(t, w, annotate.LabelClaim), "Rename…")
	form := w.Canvas().Overlays().Top()
	field := findEntry(form)
	if field == nil {
		t.Fatal("the rename dialog has no field")
	}
	field.(interface{ SetText(string) }).SetText("STATEMENT")
	tapIn(t, form, "Rename")

	after := spansOf(t, p, u.CurrentDocument())
	if len(after) != len(before) {
		t.Fatalf("%d spans after the rename, want %d", len(after), len(before))
	}
	for i, s := range before {
		if s.Label == annotate.LabelClaim {
			s.Label = "STATEMENT"
		}
		if after[i].ID != s.ID || after[i].Label != s.Label || after[i].Start != s.Start || after[i].End != s.End {
			t.Errorf("span %+v after the rename, want %+v", after[i], s)
		}
	}
	if rels, _ := p.Relations(u.CurrentDocument()); len(rels) != 1 {
		t.Errorf("relations %+v, want the source link kept", rels)
	}
	if got := u.Article().SpansAt(before[0].Start); len(got) == 0 || got[0].Label != "STATEMENT" {
		t.Errorf("the article shows %+v", got)
	}
	if findButton(w.Content(), "Statement (2)") == nil {
		t.Error("no label button Statement (2) in the window")
	}
	labelRow(t, w, "STATEMENT") // the dialog shows the new name
}

// Deleting a label in use first says how many spans it removes; No
// keeps them, Delete removes them and their links.
func TestLabelsDialogDeleteSaysHowManySpans(t *testing.T) {
	u, w, p, _ := labelledWindow(t)
	u.ShowLabels()
	tapIn(t, labelRow(t, w, annotate.LabelClaim), "Delete…")
	ask := w.Canvas().Overlays().Top()
	if findLabelWith(ask, "removes the 2 spans that carry it") == nil {
		t.Fatal("the confirmation does not say that 2 spans go")
	}
	tapIn(t, ask, "No")
	if n := len(spansOf(t, p, u.CurrentDocument())); n != 3 {
		t.Fatalf("%d spans after No, want 3", n)
	}

	tapIn(t, labelRow(t, w, annotate.LabelClaim), "Delete…")
	tapIn(t, w.Canvas().Overlays().Top(), "Delete")
	spans := spansOf(t, p, u.CurrentDocument())
	if len(spans) != 1 || spans[0].Label != annotate.LabelActor {
		t.Fatalf("spans %+v after deleting CLAIM, want the actor alone", spans)
	}
	if rels, _ := p.Relations(u.CurrentDocument()); len(rels) != 0 {
		t.Errorf("relations %+v, want the claim's link gone", rels)
	}
	if labels, _ := p.Labels(); len(labels) != 2 {
		t.Errorf("labels %+v, want ACTOR and DENIAL", labels)
	}
	if findButton(w.Content(), "Claim (2)") != nil {
		t.Error("the window still has a Claim button")
	}

	// The actor label is the only end of the source and target links:
	// deleting it is refused before the question, and nothing goes.
	tapIn(t, labelRow(t, w, annotate.LabelActor), "Delete…")
	if top := w.Canvas().Overlays().Top(); findLabelWith(top, "it is the only label a source link may end at") == nil {
		t.Fatal("no error saying why the actor label cannot go")
	}
	if n := len(spansOf(t, p, u.CurrentDocument())); n != 1 {
		t.Fatalf("%d spans after the refusal, want 1", n)
	}
}

// A new label gets the next free colour, underline and key; editing one
// stores its colour, key and definition; moving it changes the order.
func TestLabelsDialogAddEditMove(t *testing.T) {
	u, w, p, _ := labelledWindow(t)
	u.ShowLabels()
	tapIn(t, w.Canvas().Overlays().Top(), "Add label…")
	form := w.Canvas().Overlays().Top()
	entryWith(t, form, "Name").SetText("EVENT")
	entryWith(t, form, "Codebook").SetText("Something that happens.")
	tapIn(t, form, "Add")
	labels, err := p.Labels()
	if err != nil {
		t.Fatal(err)
	}
	ev, ok := labels.Find("EVENT")
	if want := (annotate.Label{Name: "EVENT", Display: "Event", Color: "#cc79a7", Key: "4", Underline: annotate.UnderlineDotted, Definition: "Something that happens."}); !ok || ev != want {
		t.Fatalf("added %+v, want %+v", ev, want)
	}

	tapIn(t, labelRow(t, w, annotate.LabelDenial), "Edit…")
	form = w.Canvas().Overlays().Top()
	entryWith(t, form, "Colour").SetText("#e69f00")
	entryWith(t, form, "Shortcut").SetText("d")
	entryWith(t, form, "Codebook").SetText("Declining to comment.")
	tapIn(t, form, "Save")
	labels, _ = p.Labels()
	if d, _ := labels.Find(annotate.LabelDenial); d.Color != "#e69f00" || d.Key != "d" || d.Definition != "Declining to comment." {
		t.Errorf("edited denial %+v", d)
	}

	// A key another label has is refused with an error, and nothing changes.
	tapIn(t, labelRow(t, w, annotate.LabelDenial), "Edit…")
	form = w.Canvas().Overlays().Top()
	entryWith(t, form, "Shortcut").SetText("1")
	tapIn(t, form, "Save")
	if top := w.Canvas().Overlays().Top(); findLabelWith(top, `have the same key "1"`) == nil {
		t.Error("no error about the key ACTOR has")
	}
	if labels, _ := p.Labels(); labels[2].Key != "d" {
		t.Errorf("the refused edit changed the key to %q", labels[2].Key)
	}
	tapIn(t, w.Canvas().Overlays().Top(), "OK")

	// The up button of EVENT (the last row) moves it above DENIAL.
	row := labelRow(t, w, "EVENT")
	var up *widget.Button
	walk(row, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "" && up == nil {
			up = b
		}
	})
	if up == nil {
		t.Fatal("no move button")
	}
	test.Tap(up)
	labels, _ = p.Labels()
	var names []string
	for _, l := range labels {
		names = append(names, l.Name)
	}
	if got := strings.Join(names, " "); got != "ACTOR CLAIM EVENT DENIAL" {
		t.Errorf("order %s after moving EVENT up", got)
	}
}

func TestLabelsDialogReadOnly(t *testing.T) {
	p := openProject(t, true, readArticle(t))
	u, w := newWindow(t, p)
	u.ShowLabels()
	if top := w.Canvas().Overlays().Top(); top == nil || findLabelWith(top, "labels cannot change") == nil {
		t.Fatal("no message that a read-only project's labels cannot change")
	}
}

// Link types are added, widened and deleted in the dialog; one that
// stored links use cannot be deleted.
func TestLabelsDialogEditsLinkTypes(t *testing.T) {
	u, w, p, _ := labelledWindow(t)
	u.ShowLabels()
	tapIn(t, w.Canvas().Overlays().Top(), "Add link type…")
	form := w.Canvas().Overlays().Top()
	entryWith(t, form, "SUPPORT").SetText("support")
	var groups []*widget.CheckGroup
	walk(form, func(o fyne.CanvasObject) {
		if g, ok := o.(*widget.CheckGroup); ok {
			groups = append(groups, g)
		}
	})
	if len(groups) != 2 {
		t.Fatalf("the link type form has %d label choices, want From and To", len(groups))
	}
	groups[0].SetSelected([]string{"Claim"})
	groups[1].SetSelected([]string{"Claim", "Denial"})
	tapIn(t, form, "Add")
	types, err := p.RelationTypes()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(types, func(r annotate.RelationType) bool { return r.Name == "SUPPORT" })
	if i < 0 || !slices.Equal(types[i].From, []string{annotate.LabelClaim}) || !slices.Equal(types[i].To, []string{annotate.LabelClaim, annotate.LabelDenial}) {
		t.Fatalf("stored link types %+v, want SUPPORT from CLAIM to CLAIM or DENIAL", types)
	}

	// the SOURCE link the window holds keeps SOURCE from being deleted
	var deletes []*widget.Button
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b := asButton(o); b != nil && b.Text == "Delete…" {
			deletes = append(deletes, b)
		}
	})
	// three labels, then SOURCE, TARGET, SUPPORT
	if len(deletes) != 6 {
		t.Fatalf("%d Delete… buttons, want 3 labels and 3 link types", len(deletes))
	}
	test.Tap(deletes[3])
	tapIn(t, w.Canvas().Overlays().Top(), "Delete")
	if top := w.Canvas().Overlays().Top(); findLabelWith(top, "SOURCE") == nil {
		t.Fatal("deleting a link type in use shows no error naming it")
	}
	typeKey(w, fyne.KeyEscape)
	if types, _ := p.RelationTypes(); len(types) != 3 {
		t.Fatalf("a refused delete changed the link types: %+v", types)
	}
	test.Tap(deletes[5]) // SUPPORT, unused
	tapIn(t, w.Canvas().Overlays().Top(), "Delete")
	if types, _ := p.RelationTypes(); len(types) != 2 {
		t.Fatalf("deleting SUPPORT left %+v", types)
	}
}
