package app

import (
	"cmp"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
)

// ChooseLink offers the spans the selected span may be linked to with a
// relation of type typ (SOURCE: the actors of the document, nearest
// first), in a menu that the keyboard drives too (arrows, Enter, Escape).
// The choice is stored as one undoable change.
func (u *UI) ChooseLink(typ string) {
	if !u.canEdit() {
		return
	}
	from, ok := u.sess.Span(u.sess.SelectedSpan())
	rt, known := u.sess.RelationTypes().Find(typ)
	switch {
	case !known:
		u.setStatus("This project has no " + typ + " links")
		return
	case !ok || !rt.AllowsFrom(from.Label):
		u.setStatus(fmt.Sprintf("Select a %s first, then press L to link it to its %s", labelsText(u, rt.From), rt.Display))
		return
	}
	var cands []annotate.Span
	for _, s := range u.sess.Spans() {
		if s.ID != from.ID && rt.AllowsTo(s.Label) {
			cands = append(cands, s)
		}
	}
	if len(cands) == 0 {
		u.setStatus(fmt.Sprintf("This document has no %s to link to: tag one first", labelsText(u, rt.To)))
		return
	}
	dist := func(s annotate.Span) int {
		switch {
		case s.End <= from.Start:
			return from.Start - s.End
		case s.Start >= from.End:
			return s.Start - from.End
		}
		return 0
	}
	slices.SortStableFunc(cands, func(a, b annotate.Span) int { return cmp.Compare(dist(a), dist(b)) })
	ix := annotate.NewRuneIndex(u.sess.Document().Text)
	var choices []linkChoice
	for _, s := range cands[:min(len(cands), 15)] {
		choices = append(choices, linkChoice{ID: s.ID, Text: u.choiceText(ix, s)})
	}
	chooser := newLinkChooser(choices, u.win.Canvas())
	chooser.OnChosen = func(id string) { u.Link(typ, from.ID, id) }
	at := u.article.PositionOf(from.End)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.article).Add(at).AddXY(0, u.article.TextSize()*1.6)
	chooser.ShowAt(pos)
	u.setStatus(fmt.Sprintf("Link the %s “%s” to its %s: ↓ and Enter, or click (Escape cancels)",
		u.labelDisplay(from.Label), oneLine(shorten(u.slice(from.Start, from.End), 40)), rt.Display))
}

// choiceText shows the span s in the menu of L: its label, its text,
// the entity it names and where it stands (annotate.SpanPlace), so that
// mentions with the same text differ: "Actor: Mr Jafari (Ibrahim Jafari)
// — ¶5, ‘…on terrorism, Mr Jafari said.’".
func (u *UI) choiceText(ix *annotate.RuneIndex, s annotate.Span) string {
	text := u.labelDisplay(s.Label) + ": " + oneLine(shorten(ix.Slice(s.Start, s.End), 40))
	if e, ok := u.sess.Entity(s.Entity); ok && s.Entity != "" {
		text += " (" + annotate.ControlPictures(shorten(e.Name, 40)) + ")"
	}
	// at most a line of a small screen's menu
	return shorten(text+" — "+annotate.SpanPlace(ix, s.Start, s.End), 110)
}

// Link stores a link of type typ from the span fromID to the span toID.
func (u *UI) Link(typ, fromID, toID string) {
	name := "link " + typ
	if rt, ok := u.sess.RelationTypes().Find(typ); ok && rt.Display != "" {
		name = "link " + rt.Display
	}
	u.perform(name, func() (session.Effect, error) { return u.sess.Link(typ, fromID, toID) })
	u.focusArticle()
}

// Unlink removes a link.
func (u *UI) Unlink(relID string) {
	u.perform("remove link", func() (session.Effect, error) { return u.sess.Unlink(relID) })
}

// labelsText names labels for a sentence: "Claim or Denial".
func labelsText(u *UI, labels []string) string {
	if len(labels) == 0 {
		return "span"
	}
	out := ""
	for i, l := range labels {
		switch {
		case i == 0:
		case i == len(labels)-1:
			out += " or "
		default:
			out += ", "
		}
		out += u.labelDisplay(l)
	}
	return out
}

// linksOf lists, for the Span tab, the links of the span s: each with
// its type and the other span.
func (u *UI) linksOf(s annotate.Span) []SpanLink {
	var out []SpanLink
	for _, r := range u.sess.Relations() {
		var other string
		var role string
		display := r.Type
		if rt, ok := u.sess.RelationTypes().Find(r.Type); ok && rt.Display != "" {
			display = rt.Display
		}
		switch s.ID {
		case r.From:
			other, role = r.To, display+": "
		case r.To:
			other, role = r.From, display+" of "
		default:
			continue
		}
		o, ok := u.sess.Span(other)
		if !ok {
			continue
		}
		out = append(out, SpanLink{ID: r.ID, Text: fmt.Sprintf("%s%s “%s”", role, u.labelDisplay(o.Label), oneLine(shorten(u.slice(o.Start, o.End), 40)))})
	}
	return out
}

// unsourced reports whether s is a statement
// (annotate.RelationTypes.IsStatement) without a SOURCE link.
func (u *UI) unsourced(s annotate.Span) bool {
	if !u.sess.RelationTypes().IsStatement(s.Label) {
		return false
	}
	for _, r := range u.sess.Relations() {
		if r.Type == annotate.RelationSource && r.From == s.ID {
			return false
		}
	}
	return true
}

// dragLink returns the link a right-button drag between the spans a and
// b makes, in either direction: the statement gets the actor as its
// source. ok is false when either span is not the user's (a colleague's
// span in review) or no link type joins them.
func (u *UI) dragLink(a, b string) (typ, from, to string, ok bool) {
	x, okA := u.sess.Span(a)
	y, okB := u.sess.Span(b)
	if !okA || !okB {
		return "", "", "", false
	}
	for _, typ := range []string{annotate.RelationSource} {
		rt, ok := u.sess.RelationTypes().Find(typ)
		if !ok {
			continue
		}
		switch {
		case rt.AllowsFrom(x.Label) && rt.AllowsTo(y.Label):
			return typ, x.ID, y.ID, true
		case rt.AllowsFrom(y.Label) && rt.AllowsTo(x.Label):
			return typ, y.ID, x.ID, true
		}
	}
	return "", "", "", false
}

// linkAllowed reports whether a right-button drag from the span a may end
// on the span b (the article highlights b under the pointer).
func (u *UI) linkAllowed(a, b string) bool {
	_, _, _, ok := u.dragLink(a, b)
	return ok && !u.project.ReadOnly()
}

// linkDragged links two spans the user joined by dragging with the right
// mouse button (dragLink; a span pair no link type allows is refused in
// the status line).
func (u *UI) linkDragged(a, b string) {
	if !u.canEdit() {
		return
	}
	x, okA := u.sess.Span(a)
	y, okB := u.sess.Span(b)
	if !okA || !okB {
		return // a colleague's span in review
	}
	if typ, from, to, ok := u.dragLink(a, b); ok {
		u.Link(typ, from, to)
		return
	}
	how := "no link type joins them"
	if rt, ok := u.sess.RelationTypes().Find(annotate.RelationSource); ok {
		how = fmt.Sprintf("drag from a %s to its %s", labelsText(u, rt.From), labelsText(u, rt.To))
	}
	u.setStatus(fmt.Sprintf("A %s and a %s cannot be linked: %s", u.labelDisplay(x.Label), u.labelDisplay(y.Label), how))
}

// sourceSuffix is " — source: Wang Yi" for a statement with a source link
// (the actor's entity name, else its text), "" otherwise.
func (u *UI) sourceSuffix(s annotate.Span) string {
	for _, r := range u.sess.Relations() {
		if r.Type != annotate.RelationSource || r.From != s.ID {
			continue
		}
		a, ok := u.sess.Span(r.To)
		if !ok {
			continue
		}
		name := oneLine(shorten(u.slice(a.Start, a.End), 30))
		if e, ok := u.sess.Entity(a.Entity); ok && a.Entity != "" {
			name = e.Name
		}
		return " — source: " + name
	}
	return ""
}
