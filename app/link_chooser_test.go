package app_test

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"claimdesk/annotate"
)

// menuTexts returns the texts of the top pop-up menu's items.
func menuTexts(w fyne.Window) []string {
	var out []string
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if tx, ok := o.(*canvas.Text); ok && strings.Contains(tx.Text, " — ¶") {
			out = append(out, tx.Text)
		}
	})
	return out
}

// TestLinkMenuTellsMentionsApart: the menu of L shows the three “Mr
// Jafari” actors each with its entity and its place; choosing the third
// with Down and Enter links the claim to that one.
func TestLinkMenuTellsMentionsApart(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	var mentions []annotate.Span
	for n := range 3 {
		start, end := nthRange(t, text, "Mr Jafari", n)
		u.AddSpan(start, end, annotate.LabelActor)
		sp, _ := u.Session().Span(u.SelectedSpan())
		mentions = append(mentions, sp)
	}
	if _, err := u.Session().SetEntity(mentions[0].ID, "Ibrahim Jafari"); err != nil {
		t.Fatal(err)
	}
	claim := tagText(t, u, w, text, "China has offered to help Iraq defeat Sunni extremists", "2")
	typeRunes(w, "l")
	items := menuTexts(w)
	if len(items) != 3 {
		t.Fatalf("the menu of L lists %q, want the three mentions", items)
	}
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it] || !strings.HasPrefix(it, "Actor: Mr Jafari") {
			t.Errorf("menu item %q comes twice or is not a “Mr Jafari”", it)
		}
		seen[it] = true
	}
	if !strings.Contains(items[0], "(Ibrahim Jafari) — ¶") || !strings.Contains(items[0], "Mr Jafari’s Chinese") {
		t.Errorf("the nearest mention shows as %q, want its entity and its words", items[0])
	}
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyReturn)
	rels, _ := p.Relations(doc)
	if len(rels) != 1 || rels[0].From != claim.ID || rels[0].Type != annotate.RelationSource {
		t.Fatalf("relations %+v, want the claim's source", rels)
	}
	to, _ := u.Session().Span(rels[0].To)
	if place := annotate.SpanPlace(annotate.NewRuneIndex(text), to.Start, to.End); !strings.HasSuffix(items[2], place) {
		t.Fatalf("linked the mention at %s, not the third item %q", place, items[2])
	}
}
