package app

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"claimdesk/annotate"
)

// now is the clock for new spans; tests may replace it.
var now = time.Now

// canEdit reports whether the open project may change, telling the user
// why not when it may not.
func (u *UI) canEdit() bool {
	if u.project == nil || u.doc.ID == "" {
		return false
	}
	if u.project.ReadOnly() {
		u.showInfo("Read-only project",
			"This project is open read-only for review, so nothing in it can change.\nOpen it normally (File → Open…) to annotate.")
		return false
	}
	return true
}

func (u *UI) docHistory() *history {
	h := u.history[u.doc.ID]
	if h == nil {
		h = &history{}
		u.history[u.doc.ID] = h
	}
	return h
}

// perform runs a change as one user action: stored first, then shown,
// and reports whether it was stored. A note being typed is saved first, as
// a change of its own. A failed write shows an error and reloads what is
// really stored.
func (u *UI) perform(c change) bool {
	if !u.canEdit() {
		return false
	}
	u.panel.saveNote()
	if err := c.do(); err != nil {
		u.failed(c.name, err)
		return false
	}
	c.apply(true)
	u.docHistory().push(c)
	u.setStatus("Saved: " + c.name + "  (Ctrl+Z undoes)")
	return true
}

// Undo reverts the open document's last change. While the note field is
// being edited, it undoes the typing there instead.
func (u *UI) Undo() {
	if u.panel.editingNote() {
		u.panel.note.Undo()
		return
	}
	u.step(true)
}

// Redo applies again the change last undone, or redoes typing in the note
// field while it is being edited.
func (u *UI) Redo() {
	if u.panel.editingNote() {
		u.panel.note.Redo()
		return
	}
	u.step(false)
}

// step undoes the last change, or redoes the last one undone, moving it to
// the other stack once it is stored.
func (u *UI) step(undo bool) {
	if !u.canEdit() {
		return
	}
	u.panel.saveNote()
	h := u.docHistory()
	from, to, word := &h.undone, &h.done, "redo"
	if undo {
		from, to, word = &h.done, &h.undone, "undo"
	}
	if len(*from) == 0 {
		u.setStatus("Nothing to " + word)
		return
	}
	c := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	run := c.do
	if undo {
		run = c.undo
	}
	if err := run(); err != nil {
		u.failed(word+" "+c.name, err)
		return
	}
	c.apply(!undo)
	*to = append(*to, c)
	u.setStatus(strings.ToUpper(word[:1]) + word[1:] + "ne: " + c.name)
}

// failed reports a write that did not happen and makes the screen show
// what is stored.
func (u *UI) failed(what string, err error) {
	u.showError(fmt.Errorf("%s: %w", what, err))
	u.reload()
}

// reload re-reads the open document's spans and the document list.
func (u *UI) reload() {
	if u.project == nil || u.cur < 0 {
		return
	}
	if docs, err := u.project.Documents(); err == nil {
		u.docs = docs
		u.docList.Refresh()
		u.updateProgress()
	}
	if spans, err := u.project.Spans(u.doc.ID); err == nil {
		u.spans = spans
		u.article.SetDocument(u.doc.Text, spans, u.labels)
		if u.findSpan(u.selSpan) < 0 {
			u.selSpan = ""
		}
		u.article.SetSelectedSpan(u.selSpan)
		u.panel.refresh()
	}
}

func (u *UI) findSpan(id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(u.spans, func(s annotate.Span) bool { return s.ID == id })
}

func (u *UI) labelDisplay(name string) string {
	if l, ok := u.labels.Find(name); ok && l.Display != "" {
		return l.Display
	}
	return name
}

// ApplyLabel tags the selected text with label, or relabels the selected
// span when no text is selected.
func (u *UI) ApplyLabel(label string) {
	if u.selEnd > u.selStart {
		u.AddSpan(u.selStart, u.selEnd, label)
		return
	}
	if u.selSpan != "" {
		u.Relabel(u.selSpan, label)
		return
	}
	u.setStatus("Select some text first: drag across words, then press a label's key")
}

// AddSpan stores a new span on the open document and selects it.
func (u *UI) AddSpan(start, end int, label string) {
	if !u.canEdit() {
		return
	}
	for _, s := range u.spans {
		if s.Start == start && s.End == end && s.Label == label {
			u.setStatus("That text is already tagged " + u.labelDisplay(label))
			return
		}
	}
	s := annotate.NewSpan(u.doc.ID, start, end, label, u.opts.Annotator, now())
	docIdx := u.cur
	wasTodo := u.docs[docIdx].Status == annotate.StatusTodo
	u.perform(change{
		name: "add " + u.labelDisplay(label) + " span",
		do:   func() error { return u.project.AddSpan(s) },
		undo: func() error { _, err := u.project.DeleteSpan(s.DocumentID, s.ID); return err },
		apply: func(forward bool) {
			if forward {
				u.insertSpan(s)
				if wasTodo && u.docs[docIdx].Status == annotate.StatusTodo {
					u.docs[docIdx].Status = annotate.StatusInProgress
				}
				u.docs[docIdx].Spans++
				u.selStart, u.selEnd = 0, 0
				u.article.SetSelection(0, 0)
				u.selectSpan(s.ID, true)
			} else {
				u.removeSpan(s.ID)
				u.docs[docIdx].Spans--
			}
			u.docList.RefreshItem(docIdx)
		},
	})
}

// DeleteSelected removes the selected span.
func (u *UI) DeleteSelected() {
	u.panel.saveNote() // before the span is copied for undo
	i := u.findSpan(u.selSpan)
	if i < 0 {
		u.setStatus("Click a span first to select it")
		return
	}
	s := u.spans[i]
	docIdx := u.cur
	var rels []annotate.Relation
	u.perform(change{
		name: "delete " + u.labelDisplay(s.Label) + " span",
		do: func() (err error) {
			rels, err = u.project.DeleteSpan(s.DocumentID, s.ID)
			return err
		},
		undo: func() error { return u.project.RestoreSpan(s, rels) },
		apply: func(forward bool) {
			if forward {
				u.removeSpan(s.ID)
				u.docs[docIdx].Spans--
			} else {
				u.insertSpan(s)
				u.docs[docIdx].Spans++
				u.selectSpan(s.ID, true)
			}
			u.docList.RefreshItem(docIdx)
		},
	})
}

// Relabel gives the span a new label.
func (u *UI) Relabel(id, label string) {
	u.editSpan(id, func(s *annotate.Span) string {
		if s.Label == label {
			return ""
		}
		name := fmt.Sprintf("relabel %s → %s", u.labelDisplay(s.Label), u.labelDisplay(label))
		s.Label = label
		return name
	})
}

// SetNote stores a span's note and reports whether it is stored.
func (u *UI) SetNote(id, note string) bool {
	return u.editSpan(id, func(s *annotate.Span) string {
		if s.Note == note {
			return ""
		}
		s.Note = note
		return "edit note"
	})
}

// editSpan changes a span's label or note as one undoable change. edit
// changes its copy of the span and names the change, or returns "" when
// there is nothing to change. It reports whether nothing is left unstored.
func (u *UI) editSpan(id string, edit func(*annotate.Span) string) bool {
	u.panel.saveNote() // before the span is copied: the copy must hold the note
	i := u.findSpan(id)
	if i < 0 {
		return false
	}
	old := u.spans[i]
	nu := old
	name := edit(&nu)
	if name == "" {
		return true
	}
	nu.Updated = now().UTC()
	return u.perform(change{
		name: name,
		do:   func() error { return u.project.UpdateSpan(nu) },
		undo: func() error { return u.project.UpdateSpan(old) },
		apply: func(forward bool) {
			if forward {
				u.replaceSpan(nu)
			} else {
				u.replaceSpan(old)
			}
		},
	})
}

// SetStatus sets the open document's status (an undoable change) and
// reports whether it is stored.
func (u *UI) SetStatus(st annotate.Status) bool {
	if !u.canEdit() {
		return false
	}
	idx, id := u.cur, u.doc.ID
	old := u.docs[idx].Status
	if old == st {
		return true
	}
	u.perform(change{
		name: "mark document " + strings.ReplaceAll(string(st), "_", " "),
		do:   func() error { return u.project.SetStatus(id, st) },
		undo: func() error { return u.project.SetStatus(id, old) },
		apply: func(forward bool) {
			u.docs[idx].Status = old
			if forward {
				u.docs[idx].Status = st
			}
			u.docList.RefreshItem(idx)
			u.updateProgress()
		},
	})
	return u.docs[idx].Status == st
}

// DoneAndNext marks the open document done and opens the next one not done.
func (u *UI) DoneAndNext() {
	if !u.SetStatus(annotate.StatusDone) {
		return
	}
	for k := 1; k < len(u.docs); k++ {
		j := (u.cur + k) % len(u.docs)
		if u.docs[j].Status != annotate.StatusDone {
			u.openDocument(j)
			return
		}
	}
	what := fmt.Sprintf("All %d documents of this project are done.", len(u.docs))
	if len(u.docs) == 1 {
		what = "The project's only document is done."
	}
	u.showInfo("All done", what)
}

// insertSpan adds s to the shown spans.
func (u *UI) insertSpan(s annotate.Span) {
	i, _ := slices.BinarySearchFunc(u.spans, s, annotate.CompareSpans)
	u.spans = slices.Insert(u.spans, i, s)
	u.article.AddSpan(s)
	u.panel.refresh()
}

// removeSpan drops a span from the shown spans.
func (u *UI) removeSpan(id string) {
	if i := u.findSpan(id); i >= 0 {
		u.spans = slices.Delete(u.spans, i, i+1)
	}
	u.article.RemoveSpan(id)
	if u.selSpan == id {
		u.selSpan = ""
		u.article.SetSelectedSpan("")
	}
	u.panel.refresh()
}

// replaceSpan shows the changed span s.
func (u *UI) replaceSpan(s annotate.Span) {
	if i := u.findSpan(s.ID); i >= 0 {
		u.spans[i] = s
		annotate.SortSpans(u.spans)
	}
	u.article.UpdateSpan(s)
	u.panel.refresh()
}

// textSelected follows the article's text selection.
func (u *UI) textSelected(start, end int) {
	u.selStart, u.selEnd = start, end
	if end > start {
		u.panel.saveNote()
		u.selSpan = ""
		u.article.SetSelectedSpan("")
		u.panel.refresh()
		text := u.slice(start, end)
		u.setStatus(fmt.Sprintf("Selected %d–%d “%s”: press %s", start, end, shorten(text, 60), u.labelKeysHint()))
	}
}

// selectSpan makes id the selected span ("" for none); scroll brings it
// into view. A note being typed is saved first; when that fails, the
// selection stays so that the typed text is not lost.
func (u *UI) selectSpan(id string, scroll bool) {
	if id != u.selSpan && !u.panel.saveNote() {
		u.article.SetSelectedSpan(u.selSpan)
		return
	}
	u.selSpan = id
	u.article.SetSelectedSpan(id)
	if i := u.findSpan(id); i >= 0 && scroll {
		u.article.ScrollToOffset(u.spans[i].Start)
	}
	u.panel.refresh()
}

func (u *UI) slice(start, end int) string {
	s, _ := annotate.SliceRunes(u.doc.Text, start, end)
	return s
}

func (u *UI) labelKeysHint() string {
	s := ""
	for i, l := range u.labels {
		if l.Key == "" {
			continue
		}
		if i > 0 {
			s += ", "
		}
		s += l.Key + " " + l.Display
	}
	return s
}

// labelForRune returns the label a typed character stands for: a label's
// key, or the first letter of its name (A, C, D).
func (u *UI) labelForRune(r rune) (annotate.Label, bool) {
	if l, ok := u.labels.ByKey(string(r)); ok {
		return l, true
	}
	if !unicode.IsLetter(r) {
		return annotate.Label{}, false
	}
	up := unicode.ToUpper(r)
	for _, l := range u.labels {
		for _, c := range l.Name {
			if c == up {
				return l, true
			}
			break
		}
	}
	return annotate.Label{}, false
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
