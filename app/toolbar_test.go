package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"claimdesk/annotate"
	"claimdesk/store"
)

// The window sizes the README promises to work at.
var windowSizes = []fyne.Size{{Width: 800, Height: 600}, {Width: 1024, Height: 768}, {Width: 1400, Height: 900}}

// menuBarHeight is the height of the main menu's bar that the real
// window draws above its content (31 px measured by make screenshots),
// rounded up; the test driver draws none.
const menuBarHeight = 40

// sampleWindow opens a project of the first bundled sample article, with
// the spans given as [start, end, label], in a window of the given size
// with both panes showing.
func sampleWindow(t *testing.T, size fyne.Size, spans ...[3]any) (*UI, fyne.Window, *store.Store) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "p.claimdesk"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil && !strings.Contains(err.Error(), "not open") {
			t.Errorf("project check: %v", err)
		}
		st.Close()
	})
	b, err := os.ReadFile("../assets/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	text, err := annotate.NormalizeText(b)
	if err != nil {
		t.Fatal(err)
	}
	d := annotate.NewDocument("Harbour", "sample.txt", text, time.Now())
	rec := annotate.Record{Document: d}
	for _, s := range spans {
		rec.Spans = append(rec.Spans, annotate.NewSpan(d.ID, s[0].(int), s[1].(int), s[2].(string), "ana", time.Now()))
	}
	if _, err := st.Import([]annotate.Record{rec}, "ana"); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	u := New(a, st, Options{Annotator: "ana", AnnotatorGiven: true})
	w := u.Window()
	w.Resize(size)
	if docs, side := u.PanesShown(); !docs || !side {
		t.Fatalf("panes shown %v, %v; want both", docs, side)
	}
	return u, w, st
}

// shownButton returns the button that shows a on the toolbar, or nil.
func shownButton(u *UI, a *ToolbarAction) *tipButton {
	b := u.toolbar.r.buttons[a]
	switch {
	case b == nil:
		return nil
	case b.full.Visible():
		return b.full
	case b.short.Visible():
		return b.short
	}
	return nil
}

// tapAt taps the canvas at the middle of o, as the pointer would: the
// tap reaches whatever is drawn there.
func tapAt(w fyne.Window, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(o).Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
	test.TapCanvas(w.Canvas(), at)
}

// findText returns the visible canvas.Text inside o that reads s.
func findText(o fyne.CanvasObject, s string) *canvas.Text {
	var found *canvas.Text
	walkAll(o, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok && found == nil && t.Text == s {
			found = t
		}
	})
	return found
}

func walkAll(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walkAll(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walkAll(c, fn)
		}
	}
}

// TestToolbarEveryActionReachable: at 800×600, 1024×768 and 1400×900,
// light and dark, with both panes showing, the window's content fits, and
// every toolbar action is reached by the pointer: a click on its button,
// inside the window, or on "…" and then on its entry in the menu; the
// last one in the menu is reached from the keyboard too (Down, Enter).
func TestToolbarEveryActionReachable(t *testing.T) {
	for _, size := range windowSizes {
		for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			name := map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[variant]
			t.Run(fmt.Sprintf("%vx%v-%s", size.Width, size.Height, name), func(t *testing.T) {
				u, w, _ := sampleWindow(t, size)
				u.setVariant(variant)
				w.Resize(size)
				if m := w.Content().MinSize(); m.Width > size.Width || m.Height > size.Height-menuBarHeight {
					t.Fatalf("the content needs %v: more than the window (%v, less the menu bar)", m, size)
				}
				tb := u.toolbar
				arr := tb.Arrangement()
				var all []*ToolbarAction
				for _, a := range tb.Actions {
					if !a.Separator {
						all = append(all, a)
					}
				}
				if len(all) < 10 || len(arr.Shown)+len(arr.Overflow) != len(all) {
					t.Fatalf("%d actions; %d shown, %d in the menu", len(all), len(arr.Shown), len(arr.Overflow))
				}
				t.Logf("toolbar %v wide: short %v; shown %d, in the menu %d", arr.Width, arr.Short, len(arr.Shown), len(arr.Overflow))
				// Every action records its tap instead of acting.
				tapped := map[*ToolbarAction]int{}
				for _, a := range all {
					a.OnTapped = func() { tapped[a]++ }
				}
				d := fyne.CurrentApp().Driver()
				// the toolbar's end, inside the window: past it lies the side panel
				right := d.AbsolutePositionForObject(tb).X + tb.Size().Width
				if right > w.Canvas().Size().Width {
					t.Fatalf("the toolbar ends at x=%v, past the window's %v", right, w.Canvas().Size().Width)
				}
				for _, a := range arr.Shown {
					b := shownButton(u, a)
					if b == nil {
						t.Fatalf("%q is shown without a visible button", a.Label)
					}
					if x := d.AbsolutePositionForObject(b).X + b.Size().Width; x > right {
						t.Errorf("%q ends at x=%v, past the toolbar's end %v", a.Label, x, right)
					}
					tapAt(w, b)
					if tapped[a] != 1 {
						t.Errorf("a click on %q's button ran %d actions of it", a.Label, tapped[a])
					}
				}
				more := tb.r.more
				if len(arr.Overflow) == 0 {
					if more.Visible() {
						t.Error("a … button with nothing behind it")
					}
					return
				}
				if !more.Visible() || d.AbsolutePositionForObject(more).X+more.Size().Width > right {
					t.Fatal("the … button is not inside the toolbar")
				}
				for i, a := range arr.Overflow {
					tapAt(w, more)
					menu := tb.overflowMenu()
					if menu == nil {
						t.Fatal("a click on … opened no menu")
					}
					entry := findText(menu, a.Label)
					if entry == nil {
						t.Fatalf("the … menu has no %q", a.Label)
					}
					tapAt(w, entry)
					if tapped[a] != 1 {
						t.Errorf("menu entry %d, %q: ran its action %d times", i, a.Label, tapped[a])
					}
					if tb.overflowMenu() != nil {
						t.Error("the menu stays open after a choice")
					}
				}
				// From the keyboard: Down to the last entry, Enter.
				last := arr.Overflow[len(arr.Overflow)-1]
				tapAt(w, more)
				for range arr.Overflow {
					w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
				}
				w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
				if tapped[last] != 2 {
					t.Errorf("Down ×%d and Enter in the … menu: %q ran %d times, want 2", len(arr.Overflow), last.Label, tapped[last])
				}
			})
		}
	}
}

// TestToolbarGivesWayInOrder: wide, every button has its label; narrower,
// a group at a time from the last one back, the labels become short texts
// (a label's key) or icons; narrower still, with every one short,
// the last actions go behind "…", and the "…" button never lies past the
// toolbar's end; wide again, everything is back.
func TestToolbarGivesWayInOrder(t *testing.T) {
	u, w, _ := sampleWindow(t, fyne.NewSize(1400, 900))
	tb := u.toolbar
	if a := tb.Arrangement(); a.Short > 0 || len(a.Overflow) > 0 {
		t.Fatalf("at 1400 px: %d short, %d in the menu; want every label", a.Short, len(a.Overflow))
	}
	if b := findButton(w.Canvas().Content(), "Actor (1)"); b == nil {
		t.Fatal("no Actor (1) button at 1400 px")
	}
	var acts []*ToolbarAction
	for _, a := range tb.Actions {
		if !a.Separator {
			acts = append(acts, a)
		}
	}
	prevShown, prevShort := len(acts), 0
	for width := float32(700); width >= 40; width -= 20 {
		tb.Resize(fyne.NewSize(width, tb.Size().Height))
		a := tb.Arrangement()
		if a.Right > width {
			t.Fatalf("at %v px the last button ends at %v", width, a.Right)
		}
		// the buttons showing their short text: the last ones
		short := 0
		for _, x := range a.Shown {
			b := tb.r.buttons[x]
			if b.short == b.full {
				continue
			}
			if b.short.Visible() {
				short++
			} else if short > 0 {
				t.Fatalf("at %v px %q has its label after a button with its short text", width, x.Label)
			}
		}
		if short != a.Short {
			t.Fatalf("at %v px %d buttons show short texts, the arrangement says %d", width, short, a.Short)
		}
		if short < prevShort && len(a.Shown) == prevShown {
			t.Fatalf("at %v px fewer short texts (%d) than wider (%d)", width, short, prevShort)
		}
		if len(a.Overflow) > 0 {
			for _, x := range a.Shown {
				if b := tb.r.buttons[x]; b.full.Visible() && b.short != b.full {
					t.Fatalf("at %v px actions went into the menu while %q still had its label", width, x.Label)
				}
			}
		}
		// a group (between separators) gives way as one
		var group []*ToolbarAction
		for _, x := range append(tb.Actions, NewToolbarSeparator()) {
			if !x.Separator {
				group = append(group, x)
				continue
			}
			kinds := map[bool]bool{}
			for _, g := range group {
				if b := tb.r.buttons[g]; b.short != b.full && (b.short.Visible() || b.full.Visible()) {
					kinds[b.short.Visible()] = true
				}
			}
			if len(kinds) > 1 {
				t.Fatalf("at %v px a group has both labels and short texts", width)
			}
			group = nil
		}
		prevShort = short
		if len(a.Shown) > prevShown {
			t.Fatalf("at %v px more actions shown (%d) than wider (%d)", width, len(a.Shown), prevShown)
		}
		prevShown = len(a.Shown)
		for i, o := range a.Overflow {
			if want := acts[len(acts)-len(a.Overflow)+i]; o != want {
				t.Fatalf("at %v px the menu holds %q where the toolbar's end is %q", width, o.Label, want.Label)
			}
		}
	}
	if a := tb.Arrangement(); len(a.Shown) != 0 {
		t.Errorf("at 40 px %d actions still shown beside …", len(a.Shown))
	}
	tb.Resize(fyne.NewSize(1000, tb.Size().Height))
	if a := tb.Arrangement(); a.Short > 0 || len(a.Overflow) > 0 {
		t.Errorf("wide again: %d short, %d in the menu", a.Short, len(a.Overflow))
	}
}

// TestToolbarDisabledInMenu: an action disabled while it is behind "…"
// is disabled in the menu too, and its entry does nothing.
func TestToolbarDisabledInMenu(t *testing.T) {
	u, w, _ := sampleWindow(t, fyne.NewSize(800, 600))
	tb := u.toolbar
	tb.Resize(fyne.NewSize(200, tb.Size().Height))
	a := tb.Arrangement()
	if len(a.Overflow) == 0 {
		t.Fatal("nothing in the menu at 200 px")
	}
	undo := tb.Actions[len(u.labels)+1] // after the labels and a separator
	if undo.Label != "Undo" || !contains(a.Overflow, undo) {
		t.Fatalf("want Undo in the menu at 200 px, the menu holds %d", len(a.Overflow))
	}
	ran := 0
	undo.OnTapped = func() { ran++ }
	undo.Disable()
	tb.ShowOverflow()
	entry := findText(tb.overflowMenu(), "Undo")
	if entry == nil {
		t.Fatal("no Undo in the menu")
	}
	tapAt(w, entry)
	if ran != 0 {
		t.Error("a disabled entry ran its action")
	}
	undo.Enable()
	if m := tb.overflowMenu(); m != nil {
		m.Hide()
	}
	tb.ShowOverflow()
	tapAt(w, findText(tb.overflowMenu(), "Undo"))
	if ran != 1 {
		t.Errorf("the enabled entry ran %d times", ran)
	}
}

func contains(as []*ToolbarAction, a *ToolbarAction) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

// findButton returns the visible button inside o whose text is s.
func findButton(o fyne.CanvasObject, s string) *tipButton {
	var found *tipButton
	walkAll(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*tipButton); ok && found == nil && b.Text == s {
			found = b
		}
	})
	return found
}
