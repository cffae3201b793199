package app_test

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// tapMenu points at and taps the items of the popup menus, one after the
// other (a submenu's item after the item that opens it on hover).
func tapMenu(t *testing.T, w fyne.Window, labels ...string) {
	t.Helper()
	for _, l := range labels {
		var item fyne.Tappable
		for _, o := range w.Canvas().Overlays().List() {
			walk(o, func(o fyne.CanvasObject) {
				if it, ok := o.(fyne.Tappable); ok && findLabelIn(o, l) {
					item = it // the innermost
				}
			})
		}
		if item == nil {
			t.Fatalf("no menu item %q", l)
		}
		if h, ok := item.(desktop.Hoverable); ok {
			h.MouseIn(&desktop.MouseEvent{}) // a submenu opens on hover
		}
		test.Tap(item)
	}
}

func TestDocumentListFiltersAndSorts(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text, text+"\nbeta", text+"\ngamma")
	u, w := newWindow(t, p)
	docs, _ := p.Documents()
	a, b, c := docs[0].ID, docs[1].ID, docs[2].ID
	// an Actor in the first document, which is then done
	start, end := runeRange(t, text, "Wang Yi")
	dragAcross(w, u.Article(), start, end)
	test.TypeOnCanvas(w.Canvas(), "1")
	shortcut(w, fyne.KeyReturn, fyne.KeyModifierShortcutDefault) // done, and the next opens
	if u.CurrentDocument() != b {
		t.Fatalf("Ctrl+Enter opened %s, want %s", u.CurrentDocument(), b)
	}
	shortcut(w, fyne.KeyD, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	shortcut(w, fyne.KeyD, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	listed := func(want ...string) {
		t.Helper()
		if got := u.ListedDocuments(); !slices.Equal(got, want) {
			t.Fatalf("the list shows %v, want %v", got, want)
		}
	}
	listed(a, b, c)

	// the field filters by title
	var field interface{ SetText(string) }
	walk(w.Canvas().Content(), func(o fyne.CanvasObject) {
		if e, ok := o.(interface{ SetText(string) }); ok && field == nil && findPlaceholder(o, "Filter by title") {
			field = e
		}
	})
	if field == nil {
		t.Fatal("no filter field above the document list")
	}
	field.SetText("doc B")
	listed(b)
	field.SetText("")
	listed(a, b, c)

	menu := func() { test.Tap(findButtonIcon(t, w, theme.MenuDropDownIcon().Name())) }
	menu()
	tapMenu(t, w, "Labels", "With Actor")
	listed(a)
	menu()
	tapMenu(t, w, "Labels", "Without Actor")
	listed(b, c)
	menu()
	tapMenu(t, w, "Labels", "Any labels")
	menu()
	tapMenu(t, w, "Status", "Done")
	listed(a)
	menu()
	tapMenu(t, w, "Status", "To do")
	listed(b, c)
	menu()
	tapMenu(t, w, "Show all")
	listed(a, b, c)
	menu()
	tapMenu(t, w, "Sort: Number of spans")
	if got := u.ListedDocuments(); got[0] != a {
		t.Fatalf("sorted by spans, the list starts with %s, want %s", got[0], a)
	}
	// a span tagged in the open document follows the filter at once
	menu()
	tapMenu(t, w, "Labels", "With Actor")
	listed(a)
}
