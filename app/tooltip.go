package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tooltips: Fyne 2.7 has none, so the workspace carries a layer of plain
// canvas objects above everything else, where the tip of the hovered
// button is drawn. Canvas objects take no input, so the tip never stands
// between the pointer and the button under it.

// tipLayer draws one tooltip at a time over the workspace.
type tipLayer struct {
	box  *fyne.Container
	bg   *canvas.Rectangle
	text *canvas.Text
	for_ fyne.CanvasObject // the object whose tip is shown, or nil
}

func newTipLayer() *tipLayer {
	t := &tipLayer{bg: &canvas.Rectangle{CornerRadius: 4, StrokeWidth: 1}, text: &canvas.Text{}}
	t.box = container.NewWithoutLayout(t.bg, t.text)
	t.bg.Hide()
	t.text.Hide()
	return t
}

// show shows tip under (or, at the window's bottom, above) o.
func (t *tipLayer) show(o fyne.CanvasObject, tip string) {
	d := fyne.CurrentApp().Driver()
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	t.for_ = o
	t.text.Text = tip
	t.text.TextSize = th.Size(theme.SizeNameCaptionText) + 1
	t.text.Color = th.Color(theme.ColorNameForeground, v)
	t.bg.FillColor = th.Color(theme.ColorNameOverlayBackground, v)
	t.bg.StrokeColor = th.Color(theme.ColorNameShadow, v)
	pad := th.Size(theme.SizeNamePadding)
	ts := fyne.MeasureText(tip, t.text.TextSize, fyne.TextStyle{})
	size := fyne.NewSize(ts.Width+2*pad, ts.Height+pad)
	at := d.AbsolutePositionForObject(o).Subtract(d.AbsolutePositionForObject(t.box))
	pos := fyne.NewPos(at.X, at.Y+o.Size().Height+2)
	area := t.box.Size()
	if area.Width > 0 && pos.X+size.Width > area.Width {
		pos.X = max(area.Width-size.Width, 0)
	}
	if area.Height > 0 && pos.Y+size.Height > area.Height {
		pos.Y = at.Y - size.Height - 2
	}
	t.bg.Move(pos)
	t.bg.Resize(size)
	t.text.Move(pos.Add(fyne.NewPos(pad, pad/2)))
	t.text.Resize(ts)
	t.bg.Show()
	t.text.Show()
	t.bg.Refresh()
	t.text.Refresh()
}

// hide hides the tip of o, if it is shown.
func (t *tipLayer) hide(o fyne.CanvasObject) {
	if t.for_ != o {
		return
	}
	t.for_ = nil
	t.bg.Hide()
	t.text.Hide()
}

// Tip returns the tooltip shown over the workspace, or "".
func (u *UI) Tip() string {
	if u.tips.for_ == nil {
		return ""
	}
	return u.tips.text.Text
}

// tipButton is a button with a tooltip.
type tipButton struct {
	widget.Button
	tip    string
	tips   *tipLayer
	tapped bool // tapped since the pointer came in: the tip stays away
}

// newTipButton returns a button showing text and icon, with tip shown
// while the pointer is over it.
func (u *UI) newTipButton(text string, icon fyne.Resource, tip string, tapped func()) *tipButton {
	b := &tipButton{tip: tip, tips: u.tips}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn shows the tooltip.
func (b *tipButton) MouseIn(ev *desktop.MouseEvent) {
	b.tapped = false
	b.Button.MouseIn(ev)
	if b.tip != "" {
		b.tips.show(b, b.tip)
	}
}

// MouseMoved shows the tooltip again when a layout took it away while the
// pointer rested on the button (toolbar.go).
func (b *tipButton) MouseMoved(ev *desktop.MouseEvent) {
	b.Button.MouseMoved(ev)
	if b.tip != "" && !b.tapped && b.tips.for_ != b {
		b.tips.show(b, b.tip)
	}
}

// MouseOut hides the tooltip.
func (b *tipButton) MouseOut() {
	b.tapped = false
	b.Button.MouseOut()
	b.tips.hide(b)
}

// Tapped hides the tooltip and taps the button.
func (b *tipButton) Tapped(ev *fyne.PointEvent) {
	b.tapped = true
	b.tips.hide(b)
	b.Button.Tapped(ev)
}
