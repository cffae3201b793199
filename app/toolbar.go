package app

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ToolbarAction is one button of a Toolbar, or a separator between groups
// of buttons. Change its fields, then call Refresh (or the Toolbar's).
type ToolbarAction struct {
	// Label names the action: the button's text (unless IconOnly) and its
	// entry in the overflow menu.
	Label string
	// Short is the button's text when the toolbar is too narrow for its
	// Label ("" shows the icon alone). The last group of actions (between
	// separators) gives way first, each group as one.
	Short string
	// IconOnly shows the icon without text, however wide the toolbar.
	IconOnly bool
	// Icon is shown on the button and in the overflow menu.
	Icon fyne.Resource
	// Tip is the tooltip shown while the pointer is over the button.
	Tip string
	// Importance of the button: HighImportance marks a toggle that is on
	// (ticked in the overflow menu).
	Importance widget.Importance
	// OnTapped runs when the button, or the action's entry in the overflow
	// menu, is chosen.
	OnTapped func() `json:"-"`
	// Separator makes this a line between groups (the other fields are
	// not used).
	Separator bool

	disabled bool
	bar      *Toolbar
}

// NewToolbarSeparator returns a separator between groups of actions.
func NewToolbarSeparator() *ToolbarAction { return &ToolbarAction{Separator: true} }

// Disable greys the action out, on its button and in the overflow menu.
func (a *ToolbarAction) Disable() {
	if !a.disabled {
		a.disabled = true
		a.Refresh()
	}
}

// Enable makes the action work again.
func (a *ToolbarAction) Enable() {
	if a.disabled {
		a.disabled = false
		a.Refresh()
	}
}

// Disabled reports whether the action is disabled.
func (a *ToolbarAction) Disabled() bool { return a.disabled }

// Refresh shows the action's fields on its toolbar.
func (a *ToolbarAction) Refresh() {
	if a.bar != nil {
		a.bar.Refresh()
	}
}

// buttonText is the button's text, full or short.
func (a *ToolbarAction) buttonText(short bool) string {
	switch {
	case a.IconOnly:
		return ""
	case short:
		return a.Short
	}
	return a.Label
}

// ToolbarArrangement says how a Toolbar shows its actions at its width.
type ToolbarArrangement struct {
	// Width is the toolbar's width.
	Width float32
	// Short is how many of the actions shown show their Short text
	// instead of their Label: those of the last groups, as many groups as
	// had to give way.
	Short int
	// Shown are the actions on the bar, in order (separators left out).
	Shown []*ToolbarAction
	// Overflow are the actions that do not fit, listed by the "…" button's
	// menu, in order.
	Overflow []*ToolbarAction
	// Right is the right edge of the last button shown ("…" when there
	// is an overflow), from the toolbar's left.
	Right float32
}

// Toolbar is a row of buttons that gives way when it is narrow: first its
// buttons, a group at a time from the last one back, show short texts (a
// label's key) or their icons alone, then the actions that still do not fit move, from
// the end, into a menu opened by a "…" button at its end. Every action stays one or two clicks away at
// any width, and the toolbar never holds the window wide.
type Toolbar struct {
	widget.BaseWidget
	// Actions are the buttons, in order, with separators between groups.
	Actions []*ToolbarAction
	// OnArranged, if set, is called after a layout that changed what is
	// shown and what is in the overflow menu.
	OnArranged func(ToolbarArrangement) `json:"-"`

	arranged   ToolbarArrangement
	menu       *widget.PopUpMenu // the overflow menu while it is open
	makeButton func(text string, icon fyne.Resource, tip string, tapped func()) *tipButton
	r          *toolbarRenderer
}

// newToolbar returns an empty toolbar whose buttons are made by
// makeButton (buttons with tooltips).
func newToolbar(makeButton func(text string, icon fyne.Resource, tip string, tapped func()) *tipButton) *Toolbar {
	t := &Toolbar{makeButton: makeButton}
	t.ExtendBaseWidget(t)
	return t
}

// SetActions replaces the toolbar's actions.
func (t *Toolbar) SetActions(actions ...*ToolbarAction) {
	t.Actions = actions
	t.Refresh()
}

// Arrangement returns how the actions were shown at the last layout.
func (t *Toolbar) Arrangement() ToolbarArrangement { return t.arranged }

// ShowOverflow opens the menu of the actions that do not fit, below the
// "…" button; it does nothing when every action fits.
func (t *Toolbar) ShowOverflow() {
	if len(t.arranged.Overflow) == 0 {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(t)
	if c == nil {
		return
	}
	var items []*fyne.MenuItem
	prevSep := true
	for _, a := range t.Actions {
		if a.Separator {
			if !prevSep && len(items) > 0 {
				items = append(items, fyne.NewMenuItemSeparator())
				prevSep = true
			}
			continue
		}
		if !slices.Contains(t.arranged.Overflow, a) {
			continue
		}
		a := a
		it := fyne.NewMenuItem(a.Label, func() {
			t.menu = nil
			if a.OnTapped != nil && !a.disabled {
				a.OnTapped()
			}
		})
		it.Icon = a.Icon
		it.Disabled = a.disabled
		it.Checked = a.Importance == widget.HighImportance
		items = append(items, it)
		prevSep = false
	}
	if n := len(items); n > 0 && items[n-1].IsSeparator {
		items = items[:n-1]
	}
	r := t.r
	if r == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(r.more).Add(fyne.NewPos(0, r.more.Size().Height))
	t.menu = widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	t.menu.ShowAtPosition(at)
}

// overflowMenu returns the overflow menu while it is open, else nil.
func (t *Toolbar) overflowMenu() *widget.PopUpMenu {
	if t.menu != nil && !t.menu.Visible() {
		t.menu = nil
	}
	return t.menu
}

// CreateRenderer implements fyne.Widget.
func (t *Toolbar) CreateRenderer() fyne.WidgetRenderer {
	r := &toolbarRenderer{t: t, buttons: map[*ToolbarAction]*toolbarButtons{}, seps: map[*ToolbarAction]*widget.Separator{}}
	r.more = t.makeButton("", theme.MoreHorizontalIcon(), "More: the actions that do not fit", t.ShowOverflow)
	r.sync()
	t.r = r
	return r
}

// toolbarButtons are an action's buttons: with its label, and with its
// short text (the same button when both texts are the same).
type toolbarButtons struct {
	full, short *tipButton
}

type toolbarRenderer struct {
	t       *Toolbar
	buttons map[*ToolbarAction]*toolbarButtons
	seps    map[*ToolbarAction]*widget.Separator
	more    *tipButton
	objects []fyne.CanvasObject
	size    fyne.Size // as last laid out
}

// sync makes a button for each new action, forgets the removed ones, and
// shows each action's state on its buttons.
func (r *toolbarRenderer) sync() {
	r.objects = r.objects[:0]
	keep := map[*ToolbarAction]bool{}
	for _, a := range r.t.Actions {
		a.bar = r.t
		keep[a] = true
		if a.Separator {
			s := r.seps[a]
			if s == nil {
				s = widget.NewSeparator()
				r.seps[a] = s
			}
			r.objects = append(r.objects, s)
			continue
		}
		b := r.buttons[a]
		if b == nil {
			a := a
			tapped := func() {
				if a.OnTapped != nil {
					a.OnTapped()
				}
			}
			b = &toolbarButtons{full: r.t.makeButton(a.buttonText(false), a.Icon, a.Tip, tapped)}
			b.short = b.full
			if a.buttonText(true) != a.buttonText(false) {
				b.short = r.t.makeButton(a.buttonText(true), a.Icon, a.Tip, tapped)
			}
			r.buttons[a] = b
		}
		for _, btn := range []*tipButton{b.full, b.short} {
			btn.Icon, btn.Importance, btn.tip = a.Icon, a.Importance, a.Tip
			if a.disabled {
				btn.Disable()
			} else {
				btn.Enable()
			}
			btn.Refresh()
		}
		r.objects = append(r.objects, b.full)
		if b.short != b.full {
			r.objects = append(r.objects, b.short)
		}
	}
	for a := range r.buttons {
		if !keep[a] {
			delete(r.buttons, a)
		}
	}
	for a := range r.seps {
		if !keep[a] {
			delete(r.seps, a)
		}
	}
	r.objects = append(r.objects, r.more)
}

// width is the width of a's button (or separator) in the full or short
// arrangement.
func (r *toolbarRenderer) width(a *ToolbarAction, short bool) float32 {
	if a.Separator {
		return r.seps[a].MinSize().Width
	}
	b := r.buttons[a]
	if short {
		return b.short.MinSize().Width
	}
	return b.full.MinSize().Width
}

// Layout shows as many actions as fit: every one with its label; else
// the last groups, as many as needed, with their short texts; else every
// one short, and the last ones behind "…".
func (r *toolbarRenderer) Layout(size fyne.Size) {
	// A button's tip is drawn at the place of the button: a layout that
	// moves or hides the button takes the tip away (the driver sends no
	// MouseOut while the pointer rests; it sends MouseIn to the button
	// under the pointer once it moves off and on again).
	if size != r.size {
		r.size = size
		r.hideTips()
	}
	pad := r.t.Theme().Size(theme.SizeNamePadding)
	acts := r.t.Actions
	// fits: the first n actions, those from cut on short, and extra.
	fits := func(cut, n int, extra float32) bool {
		w := extra
		for i, a := range acts[:n] {
			if i > 0 {
				w += pad
			}
			w += r.width(a, i >= cut)
		}
		return w <= size.Width
	}
	// A group (the actions between two separators) gives way as one, the
	// last group first: cut is where a group starts.
	n, cut := len(acts), len(acts)
	for cut > 0 && !fits(cut, n, 0) {
		cut--
		for cut > 0 && !acts[cut-1].Separator {
			cut--
		}
	}
	if !fits(cut, n, 0) {
		extra := r.more.MinSize().Width + pad
		for n > 0 && !fits(0, n, extra) {
			n--
		}
	}
	for n > 0 && acts[n-1].Separator {
		n-- // no separator before "…"
	}
	arr := ToolbarArrangement{Width: size.Width}
	placed := map[fyne.CanvasObject]bool{}
	x := float32(0)
	place := func(o fyne.CanvasObject) {
		w := o.MinSize().Width
		if b, ok := o.(*tipButton); ok && o.Position() != fyne.NewPos(x, 0) {
			b.tips.hide(b)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		placed[o] = true
		x += w + pad
	}
	for i, a := range acts {
		switch {
		case i >= n:
			if !a.Separator {
				arr.Overflow = append(arr.Overflow, a)
			}
		case a.Separator:
			place(r.seps[a])
		case i >= cut:
			place(r.buttons[a].short)
			arr.Shown = append(arr.Shown, a)
			if r.buttons[a].short != r.buttons[a].full {
				arr.Short++
			}
		default:
			place(r.buttons[a].full)
			arr.Shown = append(arr.Shown, a)
		}
	}
	if len(arr.Overflow) > 0 {
		place(r.more)
	}
	arr.Right = max(x-pad, 0)
	for _, o := range r.objects { // shown or hidden only when that changes
		if placed[o] && !o.Visible() {
			o.Show()
		} else if !placed[o] && o.Visible() {
			o.Hide()
			if b, ok := o.(*tipButton); ok {
				b.tips.hide(b)
			}
		}
	}
	changed := !sameArrangement(r.t.arranged, arr)
	r.t.arranged = arr
	if changed && r.t.OnArranged != nil {
		r.t.OnArranged(arr)
	}
}

// hideTips hides the tip of any of the toolbar's buttons.
func (r *toolbarRenderer) hideTips() {
	for _, o := range r.objects {
		if b, ok := o.(*tipButton); ok {
			b.tips.hide(b)
		}
	}
}

func sameArrangement(a, b ToolbarArrangement) bool {
	return a.Width == b.Width && a.Right == b.Right && a.Short == b.Short && slices.Equal(a.Shown, b.Shown) && slices.Equal(a.Overflow, b.Overflow)
}

// MinSize is as tall as the buttons and as wide as the "…" button: the
// toolbar takes the width it is given.
func (r *toolbarRenderer) MinSize() fyne.Size {
	h := r.more.MinSize().Height
	for _, b := range r.buttons {
		h = max(h, b.full.MinSize().Height, b.short.MinSize().Height)
	}
	return fyne.NewSize(r.more.MinSize().Width, h)
}

func (r *toolbarRenderer) Refresh() {
	r.sync()
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

func (r *toolbarRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *toolbarRenderer) Destroy() {}

// Toolbar returns the window's toolbar.
func (u *UI) Toolbar() *Toolbar { return u.toolbar }

// logLayoutEnv names the variable that makes the window print, on standard
// error, how the toolbar is arranged each time that changes (make
// screenshots checks it).
const logLayoutEnv = "CLAIMDESK_LAYOUT_LOG"

// logLayout prints the toolbar's arrangement when $CLAIMDESK_LAYOUT_LOG is
// set: the window's size and the size its content needs, where the
// toolbar's last button ends, and which actions are on the bar and which
// in its overflow menu.
func (u *UI) logLayout() {
	if os.Getenv(logLayoutEnv) == "" {
		return
	}
	u.toolbar.OnArranged = func(a ToolbarArrangement) {
		names := func(acts []*ToolbarAction) string {
			var ns []string
			for _, a := range acts {
				ns = append(ns, a.Label)
			}
			return strings.Join(ns, ", ")
		}
		c := u.win.Canvas()
		// (the driver knows where an object is only once it was drawn)
		at, _ := positionIn(c.Content(), u.toolbar)
		at = at.Add(c.Content().Position())
		need := c.Content().MinSize()
		fmt.Fprintf(os.Stderr, "layout: window %.0fx%.0f needs %.0fx%.0f; toolbar at %.0f,%.0f height %.0f ends at %.0f; short %d; actions %d; shown %d: %s; overflow %d: %s\n",
			c.Size().Width, c.Size().Height, need.Width, need.Height, at.X, at.Y, u.toolbar.Size().Height, at.X+a.Right, a.Short,
			len(a.Shown)+len(a.Overflow), len(a.Shown), names(a.Shown), len(a.Overflow), names(a.Overflow))
	}
}

// positionIn returns where target is inside root, looking through
// containers and splits, and whether it was found there.
func positionIn(root, target fyne.CanvasObject) (fyne.Position, bool) {
	if root == target {
		return fyne.Position{}, true
	}
	var children []fyne.CanvasObject
	switch v := root.(type) {
	case *fyne.Container:
		children = v.Objects
	case *container.Split:
		children = []fyne.CanvasObject{v.Leading, v.Trailing}
	}
	for _, c := range children {
		if c == nil || !c.Visible() {
			continue
		}
		if p, ok := positionIn(c, target); ok {
			return c.Position().Add(p), true
		}
	}
	return fyne.Position{}, false
}
