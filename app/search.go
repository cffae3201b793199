package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// Finding text: Ctrl+F opens a search bar above the article. Every match
// in the open document is highlighted as you type; Enter (or F3 in the
// article) selects the next match, Shift+Enter (Shift+F3) the previous
// one, and a label key then tags it like any selection. With "whole
// project" ticked, Enter searches every document in the background and
// lists the matches in the side panel's Search tab, where a click opens
// one. "Tag all…" offers every match not yet tagged with the chosen label
// as suggestions to confirm, tagged as one undoable step.

// searchBar is the search bar and its matches.
type searchBar struct {
	u         *UI
	box       *fyne.Container
	entry     *searchEntry
	project   *widget.Check
	count     *widget.Label
	tagAllBtn *widget.Button

	query   string
	matches []annotate.Mention // in the open document
	cur     int                // the match selected last, -1: none

	found   []mention // in the project, when searched
	results *widget.List
	tab     *container.TabItem
}

// searchEntry is the search field: Enter and Shift+Enter go to the next
// and previous match, Escape closes the bar.
type searchEntry struct {
	widget.Entry
	bar   *searchBar
	shift bool
}

// KeyDown follows Shift.
func (e *searchEntry) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(ev)
}

// KeyUp follows Shift.
func (e *searchEntry) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(ev)
}

// TypedKey handles Enter and Escape; other keys edit the query.
func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		e.bar.submit(!e.shift)
	case fyne.KeyEscape:
		e.bar.close()
	default:
		e.Entry.TypedKey(ev)
	}
}

func newSearchBar(u *UI) *searchBar {
	b := &searchBar{u: u, cur: -1}
	b.entry = &searchEntry{bar: b}
	b.entry.SetPlaceHolder("Find in the article (Enter: next, Shift+Enter: previous, Escape: close)")
	b.entry.ExtendBaseWidget(b.entry)
	b.entry.OnChanged = func(string) { b.update() }
	b.project = widget.NewCheck("Whole project", func(bool) {
		b.found = nil
		b.update()
	})
	b.count = widget.NewLabel("")
	b.tagAllBtn = widget.NewButton("Tag all…", b.chooseTagAll)
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), b.close)
	b.box = container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()),
		container.NewHBox(b.project, b.count, b.tagAllBtn, closeBtn), b.entry)
	b.box.Hide()
	b.results = widget.NewList(
		func() int { return len(b.found) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			f := b.found[i]
			o.(*widget.Label).SetText(f.title + ": " + f.context)
		})
	b.results.OnSelected = func(i widget.ListItemID) {
		if i < len(b.found) {
			b.goTo(b.found[i])
		}
	}
	b.tab = container.NewTabItem("Search", b.results)
	return b
}

// Find opens the search bar (Ctrl+F) with the keyboard in it.
func (u *UI) Find() {
	if u.sess == nil || u.sess.Document().ID == "" {
		return
	}
	b := u.search
	b.box.Show()
	u.centre.Refresh()
	if c := u.win.Canvas(); c != nil {
		c.Focus(b.entry)
	}
	b.update()
}

// SearchMatches returns the matches of the search in the open document.
func (u *UI) SearchMatches() []annotate.Mention { return u.search.matches }

// close hides the bar and its highlights and gives the article the
// keyboard.
func (b *searchBar) close() {
	b.box.Hide()
	b.matches, b.cur = nil, -1
	b.u.article.SetMarks(nil)
	b.u.centre.Refresh()
	b.u.focusArticle()
}

// update finds the query in the open document and highlights the matches.
func (b *searchBar) update() {
	u := b.u
	if u.sess == nil || !b.box.Visible() {
		return
	}
	b.query = b.entry.Text
	b.matches = annotate.Search(u.sess.Document().Text, b.query)
	b.cur = -1
	u.article.SetMarks(b.matches)
	switch {
	case b.query == "":
		b.count.SetText("")
	case b.project.Checked && b.found != nil:
		b.count.SetText(fmt.Sprintf("%d here, %d in the project", len(b.matches), len(b.found)))
	default:
		b.count.SetText(matchCount(len(b.matches)))
	}
	if len(b.matches) > 0 {
		u.article.ScrollToOffset(b.matches[0].Start)
	}
}

// submit goes to the next (or previous) match; with "whole project"
// ticked it first searches every document.
func (b *searchBar) submit(next bool) {
	if b.query == "" {
		return
	}
	if b.project.Checked && b.found == nil {
		b.searchProject(func() { b.step(next) })
		return
	}
	b.step(next)
}

// step selects the next (or previous) match in the open document, so that
// a label key tags it, and gives the article the keyboard.
func (b *searchBar) step(next bool) {
	u := b.u
	if len(b.matches) == 0 {
		u.setStatus("“" + oneLine(shorten(b.query, 40)) + "” is not in this document")
		return
	}
	if next {
		b.cur = (b.cur + 1) % len(b.matches)
	} else {
		b.cur = (b.cur - 1 + len(b.matches)) % len(b.matches)
	}
	m := b.matches[b.cur]
	u.focusArticle()
	u.article.SetSelection(m.Start, m.End)
	u.article.SetCaret(m.End)
	u.article.ScrollToOffset(m.Start)
	u.textSelected(m.Start, m.End)
	u.setStatus(fmt.Sprintf("Match %d of %d selected: press %s to tag it, F3 for the next", b.cur+1, len(b.matches), u.labelKeysHint()))
}

// searchProject searches every document in the background and lists the
// matches in the side panel's Search tab.
func (b *searchBar) searchProject(then func()) {
	u := b.u
	u.findInProject("Finding", b.query, "", annotate.Search, func(found []mention) {
		b.found = found
		b.results.UnselectAll()
		b.results.Refresh()
		if u.side.Items[len(u.side.Items)-1] != b.tab {
			u.side.Append(b.tab)
		}
		u.side.Select(b.tab)
		b.update()
		if then != nil {
			then()
		}
	})
}

// goTo opens the document of a project-wide match and selects it.
func (b *searchBar) goTo(f mention) {
	u := b.u
	if u.CurrentDocument() != f.doc {
		u.openDocument(f.doc)
		b.update()
	}
	for i, m := range b.matches {
		if m == f.m {
			b.cur = i - 1
			b.step(true)
			return
		}
	}
}

// chooseTagAll asks which label to give the matches, then offers them.
func (b *searchBar) chooseTagAll() {
	u := b.u
	if b.query == "" || !u.canEdit() {
		return
	}
	var items []*fyne.MenuItem
	for _, l := range u.labels {
		items = append(items, fyne.NewMenuItem("Tag all as "+l.Display+"…", func() { b.tagAll(l.Name) }))
	}
	c := u.win.Canvas()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.tagAllBtn).Add(fyne.NewPos(0, b.tagAllBtn.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos)
}

// tagAll offers every match not yet tagged label, in the open document or
// (whole project) in every document, to be tagged as one step. The new
// spans name the entity and have the concept of the selected span when it
// has the label and its text is the query (ignoring case): Tag all
// starts from it as M does.
func (b *searchBar) tagAll(label string) {
	u := b.u
	q := b.query
	from, _ := u.sess.Span(u.sess.SelectedSpan())
	if from.Label != label || !strings.EqualFold(u.slice(from.Start, from.End), q) {
		from = annotate.Span{}
	}
	if !b.project.Checked {
		doc, _ := u.sess.DocumentInfo(u.sess.Document().ID)
		found, err := findMatches(context.Background(), u.project, []annotate.DocumentInfo{doc}, q, label, annotate.Search, nil)
		if err != nil {
			u.dlg.Error(err)
			return
		}
		u.offerMentions(found, from, label, q, "in this document")
		return
	}
	u.findInProject("Finding", q, label, annotate.Search, func(found []mention) {
		u.offerMentions(found, from, label, q, "in the project")
	})
}

// matchCount says how many matches there are: "1 match", "3 matches".
func matchCount(n int) string {
	if n == 1 {
		return "1 match"
	}
	return fmt.Sprintf("%d matches", n)
}
