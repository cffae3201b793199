package app_test

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Alt+Shift+Left on a claim that starts after a comma ("said, our
// policy…") moves its start a word, as a drag snaps: past the comma to
// "said", never onto it; Alt+Shift+Right brings it back, leaving the comma
// out again.
func TestAltShiftLeftStopsBeforeTheComma(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	claim := tagText(t, u, w, text, "our policy does not allow us to join the international coalition", "2")
	doc := u.CurrentDocument()

	said, _ := runeRange(t, text, "said, our policy")
	shortcut(w, fyne.KeyLeft, fyne.KeyModifierAlt|fyne.KeyModifierShift)
	if s := storedSpan(t, p, doc, claim.ID); s.Start != said || s.End != claim.End {
		t.Fatalf("Alt+Shift+Left: stored %d-%d %q, want %d-%d (\"said, our…\")", s.Start, s.End, []rune(text)[s.Start:s.End], said, claim.End)
	}
	shortcut(w, fyne.KeyRight, fyne.KeyModifierAlt|fyne.KeyModifierShift)
	if s := storedSpan(t, p, doc, claim.ID); s.Start != claim.Start || s.End != claim.End {
		t.Fatalf("Alt+Shift+Right: stored %d-%d %q, want %d-%d (\"our…\")", s.Start, s.End, []rune(text)[s.Start:s.End], claim.Start, claim.End)
	}
	// Shift+Right on the end: past the comma and the closing quote to "Mr",
	// and Shift+Left gives "Mr" back without the quote or the comma
	mr, _ := runeRange(t, text, "Mr Jafari told")
	withShift(w, fyne.KeyRight)
	if s := storedSpan(t, p, doc, claim.ID); s.End != mr+len("Mr") {
		t.Fatalf("Shift+Right: stored end at %q", []rune(text)[s.Start:s.End])
	}
	withShift(w, fyne.KeyLeft)
	if s := storedSpan(t, p, doc, claim.ID); s.End != claim.End {
		t.Fatalf("Shift+Left: stored %q, want the end back before the comma", []rune(text)[s.Start:s.End])
	}
}
