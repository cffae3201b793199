package app_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/app"
)

// connectorTo returns the line the article draws to pos, or nil.
func connectorTo(av *app.ArticleView, pos fyne.Position) *canvas.Line {
	for _, o := range test.WidgetRenderer(av).Objects() {
		if l, ok := o.(*canvas.Line); ok && l.Visible() && l.Position2 == pos {
			return l
		}
	}
	return nil
}

// TestRightDragDrawsAConnector: while the right button is held (the
// desktop driver then sends MouseMoved with the secondary button, no
// Dragged), a line runs from the pressed claim to the pointer and the
// actor under the pointer is the highlighted target; another claim is
// not; releasing on the actor links them and the line goes.
func TestRightDragDrawsAConnector(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	doc := u.CurrentDocument()
	actor := tagText(t, u, w, text, "Ibrahim Jafari", "1")
	claim := tagText(t, u, w, text, "China has offered to help Iraq defeat Sunni extremists", "2")
	denial := tagText(t, u, w, text, "Any Chinese assistance", "3")
	av := u.Article()
	at := func(off int) fyne.Position { return av.PositionOf(off).AddXY(3, av.TextSize()*0.6) }
	ev := func(pos fyne.Position) *desktop.MouseEvent {
		return &desktop.MouseEvent{Button: desktop.MouseButtonSecondary, PointEvent: fyne.PointEvent{Position: pos}}
	}
	av.MouseDown(ev(at(claim.Start + 2)))
	mid := at(3) // the title: no span
	av.MouseMoved(ev(mid))
	if connectorTo(av, mid) == nil {
		t.Fatal("no connector from the claim to the pointer while right-dragging")
	}
	if av.LinkDragTarget() != "" {
		t.Fatalf("target %q over no span", av.LinkDragTarget())
	}
	av.MouseMoved(ev(at(denial.Start + 2)))
	if av.LinkDragTarget() != "" {
		t.Fatal("another statement is highlighted as a target of the claim")
	}
	over := at(actor.Start + 2)
	av.MouseMoved(ev(over))
	if av.LinkDragTarget() != actor.ID || connectorTo(av, over) == nil {
		t.Fatalf("over the actor: target %q, connector %v", av.LinkDragTarget(), connectorTo(av, over))
	}
	av.MouseUp(ev(over))
	if connectorTo(av, over) != nil || av.LinkDragTarget() != "" {
		t.Fatal("the connector stays after the release")
	}
	rels, _ := p.Relations(doc)
	if len(rels) != 1 || rels[0].From != claim.ID || rels[0].To != actor.ID || rels[0].Type != annotate.RelationSource {
		t.Fatalf("relations %+v, want the claim's source", rels)
	}

	// Leaving the article drops the drag.
	av.MouseDown(ev(at(denial.Start + 2)))
	av.MouseMoved(ev(over))
	av.MouseOut()
	if connectorTo(av, over) != nil {
		t.Fatal("the connector stays after the pointer left")
	}
	av.MouseUp(ev(over))
	if rels, _ := p.Relations(doc); len(rels) != 1 {
		t.Fatalf("a drag dropped on leaving linked: %+v", rels)
	}
}
