package app

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// saveShot writes the window's pixels to $CLAIMDESK_SHOTS/name.png when
// that folder is given, to look at.
func saveShot(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	dir := os.Getenv("CLAIMDESK_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", f.Name())
}

// inside reports every visible label under o (absolute positions) that
// reaches beyond right.
func labelsBeyond(o fyne.CanvasObject, right float32) []string {
	var out []string
	d := fyne.CurrentApp().Driver()
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		if l, ok := o.(*widget.Label); ok {
			if d.AbsolutePositionForObject(l).X+l.Size().Width > right+0.5 {
				out = append(out, l.Text)
			}
			return
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, k := range c.Objects {
				visit(k)
			}
		case *container.Scroll:
			visit(c.Content)
		case fyne.Widget:
			r := test.WidgetRenderer(c)
			for _, k := range r.Objects() {
				visit(k)
			}
		}
	}
	visit(o)
	return out
}

// TestHelpFitsTheWindow: at each promised size, F1's help lies inside the
// window, and no key or explanation reaches beyond its scrolling area
// (each wraps instead: it scrolls vertically only).
func TestHelpFitsTheWindow(t *testing.T) {
	for _, size := range windowSizes {
		u, w, _ := sampleWindow(t, size)
		u.ShowHelp()
		var scroll *container.Scroll
		for _, o := range w.Canvas().Overlays().List() {
			walkAll(o, func(o fyne.CanvasObject) {
				if s, ok := o.(*container.Scroll); ok && s.Direction == container.ScrollVerticalOnly && scroll == nil {
					scroll = s
				}
			})
		}
		if scroll == nil {
			t.Fatalf("%v: no scrolling help", size)
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(scroll)
		if pos.X < 0 || pos.Y < 0 || pos.X+scroll.Size().Width > size.Width || pos.Y+scroll.Size().Height > size.Height-menuBarHeight {
			t.Errorf("%v: the help lies at %v, %v, outside the window", size, pos, scroll.Size())
		}
		if cut := labelsBeyond(scroll.Content, pos.X+scroll.Size().Width); len(cut) > 0 {
			t.Errorf("%v: %d labels reach beyond the help's right edge, first %q", size, len(cut), cut[0])
		}
		saveShot(t, w, fmt.Sprintf("help-%.0fx%.0f", size.Width, size.Height))
	}
}
