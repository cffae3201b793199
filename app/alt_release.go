package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7.1's desktop driver opens the main menu when Alt is pressed and
// released with no key in between, and a mouse gesture does not count as a
// key (https://github.com/fyne-io/fyne/issues/5960). It toggles the menu
// while it handles Alt's release, the menu takes the keyboard, and a key
// pressed right after an Alt+drag would go to the menu: closeMenuSoon's
// later check comes too late for it.
//
// So when an Alt gesture ends with Alt still held, an altCatcher is put on
// the canvas as an overlay and focused. The driver gives Alt's KeyUp to the
// focused object right after toggling the menu (the overlay's focus comes
// before the menu's), so the catcher sees the release in the same event:
// it takes itself away, closes the menu if it opened, and gives the focus
// back to the article, before the next key is read. Keys typed while Alt is
// still held, and a new press of the mouse (an overlay takes all mouse
// input), are passed to the article.

// dismissMenu closes the window's main menu if it is open, and reports
// whether it was. The desktop driver's canvas says so itself (its exported
// DismissMenu, which it uses for Escape): nothing here looks at the
// driver's types.
func dismissMenu(c fyne.Canvas) bool {
	m, ok := c.(interface{ DismissMenu() bool })
	return ok && m.DismissMenu()
}

// altCatcher holds the keyboard between the end of an Alt gesture and
// Alt's release; see above.
type altCatcher struct {
	widget.BaseWidget
	a *ArticleView
	c fyne.Canvas
}

// altGuard keeps the main menu from taking the keyboard after an Alt
// gesture on the article (see above).
type altGuard struct {
	a     *ArticleView
	used  bool // the pointer gesture under way began with Alt held
	watch int  // generation of closeMenuSoon's watch
}

// catchRelease puts an altCatcher on the article's canvas, if it has
// one, and focuses it.
func (g *altGuard) catchRelease() {
	a := g.a
	c := a.canvas()
	if c == nil {
		return
	}
	g.watch++ // a closeMenuSoon watch under way stops
	k := &altCatcher{a: a, c: c}
	k.ExtendBaseWidget(k)
	// The whole canvas: the driver, finding no focusable object under the
	// pointer as the button comes up, would take the focus away again.
	k.Resize(c.Size())
	c.Overlays().Add(k)
	c.Focus(k)
}

// release takes the catcher away and gives the focus back to the article,
// closing a main menu that Alt's release opened.
func (k *altCatcher) release() {
	if k.c == nil {
		return
	}
	c := k.c
	k.c = nil
	c.Overlays().Remove(k)
	dismissMenu(c)
	c.Focus(k.a)
}

// CreateRenderer draws nothing.
func (k *altCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}

// FocusGained does nothing.
func (k *altCatcher) FocusGained() {}

// FocusLost takes the catcher away when something else takes the keyboard
// (another window, say): later, since the focus is changing now.
func (k *altCatcher) FocusLost() {
	fyne.Do(func() {
		if k.c != nil && k.c.Focused() != k {
			k.release()
		}
	})
}

// KeyDown passes the key to the article.
func (k *altCatcher) KeyDown(ev *fyne.KeyEvent) { k.a.KeyDown(ev) }

// KeyUp takes the catcher away when Alt is released, and passes the key to
// the article.
func (k *altCatcher) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyAltLeft || ev.Name == desktop.KeyAltRight {
		k.release()
	}
	k.a.KeyUp(ev)
}

// TypedRune passes the rune to the article.
func (k *altCatcher) TypedRune(r rune) { k.a.TypedRune(r) }

// TypedKey passes the key to the article.
func (k *altCatcher) TypedKey(ev *fyne.KeyEvent) { k.a.TypedKey(ev) }

// TypedShortcut passes the shortcut to the article.
func (k *altCatcher) TypedShortcut(s fyne.Shortcut) { k.a.TypedShortcut(s) }

// AcceptsTab reports that Tab goes to the article, as it does there.
func (k *altCatcher) AcceptsTab() bool { return true }

// MouseDown takes the catcher away, so that the gesture that begins goes to
// what is under the pointer, and passes the press to the article if it is
// over it.
func (k *altCatcher) MouseDown(ev *desktop.MouseEvent) {
	k.release()
	d := fyne.CurrentApp().Driver()
	at := ev.AbsolutePosition.Subtract(d.AbsolutePositionForObject(k.a))
	if s := k.a.Size(); at.X >= 0 && at.Y >= 0 && at.X < s.Width && at.Y < s.Height {
		mev := *ev
		mev.Position = at
		k.a.MouseDown(&mev)
	}
}

// MouseUp does nothing: the press took the catcher away.
func (k *altCatcher) MouseUp(*desktop.MouseEvent) {}

// Scrolled passes the wheel to the article.
func (k *altCatcher) Scrolled(ev *fyne.ScrollEvent) { k.a.Scrolled(ev) }

// closeMenuSoon undoes a quirk of Fyne's desktop driver: when Alt is pressed
// and released with no other key in between it opens the main menu, which
// takes the keyboard, and mouse input does not count as another key. So
// after an Alt-drag (an exact selection) the label key pressed next would go
// to the menu. For a moment after such a gesture, a main menu that opens is
// closed again and the keyboard focus comes back to the article. This is
// the fallback for a gesture whose Alt was released before the mouse
// button; one that ends with Alt held is handled at once (alt_release.go).
// Upstream: https://github.com/fyne-io/fyne/issues/5960.
func (g *altGuard) closeMenuSoon() {
	a := g.a
	c := a.canvas()
	if _, ok := c.(interface{ DismissMenu() bool }); !ok {
		return
	}
	g.watch++
	gen := g.watch
	go func() {
		for range 30 { // 1.5 s
			time.Sleep(50 * time.Millisecond)
			done := false
			fyne.DoAndWait(func() {
				if g.watch != gen {
					done = true
					return
				}
				if dismissMenu(c) {
					c.Focus(a)
					done = true
				}
			})
			if done {
				return
			}
		}
	}()
}
