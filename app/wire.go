package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"claimdesk/annotate"
)

// wire connects the window's parts: the article (ArticleView), the side
// panel (SidePanel), the document list (DocumentList), the Span tab
// (SpanPanel) and, while a review is open, the Review tab (ReviewPanel,
// with the comparison that drives it: newReview). Each part owns its
// state, reads what it shows through its data functions and reports what
// the user did through its On callbacks; here the window answers them.
// The toolbar's actions are made in commands.go (buildToolbar). This is
// the one place that knows which part talks to which.
func (u *UI) wire() {
	a := u.article
	a.OnSelectionChanged = u.textSelected
	a.OnSpanSelected = func(id string) {
		if i, sid, ok := ComparedSpan(id); ok {
			u.cmp.selectCompared(i, sid)
			return
		}
		u.selectSpan(id, false)
	}
	a.OnTypedRune = u.typedRune
	a.OnLinkDragged = u.linkDragged
	a.LinkAllowed = u.linkAllowed
	a.OnTypedKey = u.typedKey
	a.OnTab = u.stepSuggestion
	a.OnSpanResized = u.ResizeSpan

	// The side panel draws the Span tab's list when it shows.
	u.side.OnShown = func(c fyne.CanvasObject) {
		if c == u.panel.Content() {
			u.panel.refresh()
		}
	}

	l := u.docList
	l.OnOpened = u.openDocument
	l.OnF6, l.OnF1 = u.nextPane, u.ShowHelp
	l.OnError = u.dlg.Error
	l.OnlyHere = func(d annotate.DocumentInfo) bool { return u.cmp.onlyHere(d) }
	l.Spans = func(id string) ([]annotate.Span, error) {
		if u.project == nil {
			return nil, nil
		}
		return u.project.Spans(id)
	}
	u.docFilter = l.filter

	p := u.panel
	p.Spans = func() []annotate.Span {
		if u.sess == nil {
			return nil
		}
		return u.sess.Spans()
	}
	p.Selected = u.spanDetail
	p.RowText = func(s annotate.Span) string {
		return oneLine(shorten(u.slice(s.Start, s.End), 80)) + u.sourceSuffix(s)
	}
	p.Unsourced = u.unsourced
	p.Listed = func() bool { return u.side == nil || u.side.Shows(p.Content()) }
	p.OnRelabel = u.Relabel
	p.OnNoteChanged = func(id, note string) bool {
		if u.project == nil || u.project.ReadOnly() {
			return true
		}
		if s, ok := u.sess.Span(id); !ok || s.Note == note {
			return true
		}
		return u.SetNote(id, note)
	}
	p.OnDelete = u.DeleteSelected
	p.OnLinkSource = func() { u.ChooseLink(annotate.RelationSource) }
	p.OnUnlink = u.Unlink
	p.OnSpanChosen = func(id string) { u.selectSpan(id, true) }
	p.OnDone = u.focusArticle
	p.OnF6 = u.nextPane
}

// spanDetail describes the selected span for the Span tab.
func (u *UI) spanDetail() (SpanDetail, bool) {
	if u.sess == nil {
		return SpanDetail{}, false
	}
	s, ok := u.sess.Span(u.sess.SelectedSpan())
	if !ok {
		return SpanDetail{}, false
	}
	types := u.sess.RelationTypes()
	_, sources := types.Find(annotate.RelationSource)
	d := SpanDetail{
		Span:          s,
		Label:         u.labelDisplay(s.Label),
		Text:          u.slice(s.Start, s.End),
		Links:         u.linksOf(s),
		CanLinkSource: sources && types.IsStatement(s.Label),
		ReadOnly:      u.project != nil && u.project.ReadOnly(),
	}
	switch t := u.entityText(s); {
	case t != "":
		d.Entity = t + "  (E changes it)"
	case types.IsActor(s.Label):
		d.Entity = "No actor entity yet: E names it"
	default:
		d.Entity = "No concept yet: E names it"
	}
	return d, true
}

// refilter shows u.docs in the document list again, its filter's tags
// read again when needed. (files.go's callers; the list itself is
// DocumentList.)
func (u *UI) refilter() { u.docList.SetDocuments(u.docs) }

// updateProgress shows how many documents are done (files.go's callers;
// DocumentList keeps it up to date itself).
func (u *UI) updateProgress() { u.docList.updateProgress() }

// ListedDocuments returns the ids of the documents the list shows, in its
// order.
func (u *UI) ListedDocuments() []string { return u.docList.Listed() }

// newReview starts a review: the Review tab appears in the side panel.
func (u *UI) newReview() *comparison {
	c := &comparison{cur: -1, view: NewReviewPanel(),
		sess: u.sess, article: u.article, status: u.setStatus, showError: u.dlg.Error, perform: u.perform,
		showSelection: func() { u.showSelection(false) }, slice: u.slice, labelDisplay: u.labelDisplay}
	v := c.view
	v.OnShownChanged = func(i int, on bool) {
		c.shown[i] = on
		c.show()
	}
	v.OnDifferenceChosen = func(i int) {
		c.gotoDiff(i)
		u.focusArticle()
	}
	v.OnMeasure = u.MeasureProject
	v.OnDocumentChosen = u.openDocument
	v.Describe = c.diffText
	u.side.Append(container.NewTabItem("Review", v.Content()))
	return c
}
