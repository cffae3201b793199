package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7.1's desktop driver opens the main menu when Alt is pressed and
// released with no key in between, and a mouse gesture does not count as a
// key (https://github.com/fyne-io/fyne/issues/5960). It toggles the menu
// while it handles Alt's release, the menu takes the keyboard, and a key
// pressed right after an Alt+drag would go to the menu: closeAltMenu's
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

// catchAltRelease puts an altCatcher on the article's canvas, if it has
// one, and focuses it.
func (a *ArticleView) catchAltRelease() {
	c := a.canvas()
	if c == nil {
		return
	}
	a.altWatch++ // a closeAltMenu watch under way stops
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
