package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// SidePanel is the workspace's right-hand side: tabs for the selected
// span, and, while they are open, the review of colleagues' work and the
// search results. Its width is the user's (the split's offset, dragged):
// each tab's content sits in a scroll of its own, so content wider or
// taller than the panel scrolls inside it instead of widening the panel,
// and with it the window, past the toolbar or the screen. The tab bar stays
// in place.
type SidePanel struct {
	*container.AppTabs
	// OnShown, if set, is called with a tab's content (as appended, not
	// its scroll) when its tab is selected.
	OnShown func(content fyne.CanvasObject) `json:"-"`

	inner map[*container.TabItem]fyne.CanvasObject // each tab's content, inside its scroll
}

// NewSidePanel returns a side panel with the given tabs.
func NewSidePanel(items ...*container.TabItem) *SidePanel {
	s := &SidePanel{AppTabs: container.NewAppTabs(), inner: map[*container.TabItem]fyne.CanvasObject{}}
	s.AppTabs.OnSelected = func(t *container.TabItem) {
		if s.OnShown != nil {
			s.OnShown(s.Content(t))
		}
	}
	for _, it := range items {
		s.Append(it)
	}
	return s
}

// Append adds a tab at the end. Its content is put into a scroll of the
// panel's (item.Content is then the scroll; Content returns what was
// given); appending a tab again appends it as it is.
func (s *SidePanel) Append(item *container.TabItem) {
	if _, ok := s.inner[item]; !ok {
		s.inner[item] = item.Content
		item.Content = container.NewScroll(item.Content)
	}
	s.AppTabs.Append(item)
}

// Content returns the content given for the tab item, without the
// panel's scroll.
func (s *SidePanel) Content(item *container.TabItem) fyne.CanvasObject {
	if item == nil {
		return nil
	}
	if c, ok := s.inner[item]; ok {
		return c
	}
	return item.Content
}

// Shows reports whether content is the content of the selected tab.
func (s *SidePanel) Shows(content fyne.CanvasObject) bool {
	return s.Selected() != nil && s.Content(s.Selected()) == content
}

// SidePanel returns the window's side panel.
func (u *UI) SidePanel() *SidePanel { return u.side }

// narrowLayout lets one object be narrower than its minimum: it asks for
// a square of the object's height (a check's box) and lays the object out
// at least as wide as its minimum, so that, in the side panel, what does
// not fit is cut at the panel's edge (the tab's scroll clips it) instead
// of widening every tab.
type narrowLayout struct{}

// MinSize implements fyne.Layout.
func (narrowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			s = s.Max(fyne.NewSize(m.Height, m.Height))
		}
	}
	return s
}

// Layout implements fyne.Layout.
func (narrowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(fyne.NewSize(max(size.Width, o.MinSize().Width), size.Height))
	}
}

// narrow returns o in a narrowLayout.
func narrow(o fyne.CanvasObject) fyne.CanvasObject { return container.New(narrowLayout{}, o) }
