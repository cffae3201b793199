package app_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
)

// TestRenamedLabelsInTheWindow: in a project whose labels are called
// SPEAKER, STATEMENT and REJECTION, the window finds the statements
// without a source, offers a source link from a statement and names the
// entity of a speaker with E, as it does with the default labels: it asks
// annotate, from the project's link types, what the labels are.
func TestRenamedLabelsInTheWindow(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	sc := annotate.DefaultSchema()
	for _, r := range [][2]string{{"ACTOR", "SPEAKER"}, {"CLAIM", "STATEMENT"}, {"DENIAL", "REJECTION"}} {
		var err error
		if sc, err = sc.RenameLabel(r[0], r[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	speaker := tagText(t, u, w, text, "Ibrahim Jafari", "1")
	claim := tagText(t, u, w, text, "China has offered to help Iraq defeat Sunni extremists", "2")
	tagText(t, u, w, text, "Any Chinese assistance", "3")
	if speaker.Label != "SPEAKER" || claim.Label != "STATEMENT" {
		t.Fatalf("keys 1 and 2 tagged %s and %s", speaker.Label, claim.Label)
	}
	if findButton(w.Canvas().Content(), "Link source… (L)") == nil {
		t.Error("a selected statement offers no source link")
	}
	u.Link(annotate.RelationSource, claim.ID, speaker.ID)
	findCheck(w.Canvas().Content(), "Only statements without a source").SetChecked(true)
	if findLabelWith(w.Canvas().Content(), "Any Chinese assistance") == nil {
		t.Error("the unsourced rejection is not listed")
	}
	if st, _ := p.Stats(); st.Unsourced != 1 {
		t.Errorf("stats count %d statements without a source, want 1", st.Unsourced)
	}
	u.Session().SelectSpan(speaker.ID)
	test.TypeOnCanvas(w.Canvas(), "e")
	field := findSelectEntry(w.Canvas().Overlays().Top())
	if field == nil {
		t.Fatal("E on a speaker shows no name field")
	}
	field.SetText("Ibrahim Jafari")
	typeKey(w, fyne.KeyReturn)
	ents, _ := p.Entities()
	if len(ents) != 1 {
		t.Fatalf("E on a speaker made entities %+v, want one", ents)
	}
	if s := storedSpan(t, p, doc, speaker.ID); s.Entity != ents[0].ID {
		t.Fatalf("the speaker points to %q, want the new entity", s.Entity)
	}
}
