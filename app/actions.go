package app

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
)

// now is the clock for new spans; tests may replace it.
var now = time.Now

// The window is a view of an editing session (package annotate/session):
// the session holds the open document, its spans, the selection and the
// undo histories, and runs every change as one command, one committed
// transaction. The methods below turn the user's gestures into session
// calls and show their effects.

// canEdit reports whether the open project may change, telling the user
// why not when it may not.
func (u *UI) canEdit() bool {
	if u.sess == nil || u.sess.Document().ID == "" {
		return false
	}
	if u.project.ReadOnly() {
		u.dlg.Info("Read-only project",
			"This project is open read-only for review, so nothing in it can change.\nOpen it normally (File → Open…) to annotate.")
		return false
	}
	return true
}

// perform runs one edit of the session as a user action: a note being
// typed is saved first (as a change of its own), then the edit is stored
// and its effect shown. It reports whether the edit was stored. A refusal
// the user can act on (a duplicate span, nothing selected) is said in the
// status line; a failed write shows an error and reloads what is stored.
func (u *UI) perform(name string, edit func() (session.Effect, error)) bool {
	if !u.canEdit() {
		return false
	}
	if !u.panel.saving && !u.panel.saveNote() {
		return false
	}
	eff, err := edit()
	if err != nil {
		u.refused(name, err)
		return false
	}
	u.show(eff)
	if !eff.Empty() {
		u.setStatus("Saved: " + name + "  (Ctrl+Z undoes)")
	}
	return true
}

// ResizeSpan moves the span id to [start, end), keeping its label, note
// and links; one undoable change.
func (u *UI) ResizeSpan(id string, start, end int) {
	u.perform("span boundaries", func() (session.Effect, error) { return u.sess.Resize(id, start, end) })
}

// refused tells the user why an edit did not happen.
func (u *UI) refused(name string, err error) {
	switch annotate.ErrorCode(err) {
	case annotate.ECONFLICT, annotate.EINVALID:
		var e *annotate.Error
		if errors.As(err, &e) {
			u.setStatus(e.Message)
			return
		}
	}
	u.failed(name, err)
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

// step undoes the last change, or redoes the last one undone. Typing in
// the note field that is not stored yet stays there (it is stored when
// the field is left).
func (u *UI) step(undo bool) {
	if !u.canEdit() {
		return
	}
	word, can, run := "redo", u.sess.CanRedo, u.sess.Redo
	if undo {
		word, can, run = "undo", u.sess.CanUndo, u.sess.Undo
	}
	if !can() {
		u.setStatus("Nothing to " + word)
		return
	}
	eff, cmd, err := run()
	if err != nil {
		u.failed(word, err)
		return
	}
	u.show(eff)
	u.setStatus(strings.ToUpper(word[:1]) + word[1:] + "ne: " + cmd.Name())
}

// show makes the window show an effect of the session: the article
// changes span by span (no new layout), the document list row and the
// side panel follow.
func (u *UI) show(eff session.Effect) {
	for _, s := range eff.Removed {
		u.article.RemoveSpan(s.ID)
	}
	for _, s := range eff.Added {
		u.article.AddSpan(s)
	}
	for _, s := range eff.Updated {
		u.article.UpdateSpan(s)
	}
	if len(eff.AddedRelations)+len(eff.RemovedRelations) > 0 {
		u.article.SetRelations(u.sess.Relations())
	}
	if u.cmp != nil {
		u.cmp.show()
	}
	if eff.DocumentID != "" {
		u.docs = u.sess.Documents()
		u.docList.DocumentChanged(u.docs, eff.DocumentID, u.sess.Spans())
	}
	u.showSelection(false)
	u.suggestionsSaw(eff)
	u.filterSuggestions()
}

// showSelection makes the article and the side panel show the session's
// selection; scroll brings the selected span into view. The article's own
// text selection (a drag in progress of being reported) is left alone
// unless the session has a text selection or a selected span of its own.
func (u *UI) showSelection(scroll bool) {
	start, end := u.sess.Selection()
	id := u.sess.SelectedSpan()
	if as, ae := u.article.Selection(); (end > start || id != "") && (as != start || ae != end) {
		u.article.SetSelection(start, end)
	}
	u.article.SetSelectedSpan(id)
	if s, ok := u.sess.Span(id); ok && scroll {
		u.article.ScrollToOffset(s.Start)
	}
	u.panel.refresh()
	u.updateActions()
}

// failed reports a write that did not happen and makes the screen show
// what is stored.
func (u *UI) failed(what string, err error) {
	u.dlg.Error(fmt.Errorf("%s: %w", what, err))
	u.reload()
}

// reload re-reads the open document's spans and the document list.
func (u *UI) reload() {
	if u.sess == nil {
		return
	}
	if err := u.sess.Reload(); err != nil {
		u.dlg.Error(err)
		return
	}
	u.docs = u.sess.Documents()
	u.docList.SetDocuments(u.docs)
	doc := u.sess.Document()
	if doc.ID != "" {
		u.article.SetDocument(doc.Text, u.sess.Spans(), u.labels)
		u.article.SetRelations(u.sess.Relations())
		u.cmp.show()
	}
	u.showSelection(false)
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
	if u.sess == nil {
		return
	}
	if start, end := u.sess.Selection(); end > start {
		u.AddSpan(start, end, label)
		return
	}
	if id := u.sess.SelectedSpan(); id != "" {
		u.Relabel(id, label)
		return
	}
	u.setStatus("Select some text first: drag across words, then press a label's key")
}

// AddSpan stores a new span on the open document and selects it.
func (u *UI) AddSpan(start, end int, label string) {
	u.perform("add "+u.labelDisplay(label)+" span", func() (session.Effect, error) {
		return u.sess.AddSpan(start, end, label)
	})
}

// DeleteSelected removes the selected span, and its links.
func (u *UI) DeleteSelected() {
	if u.sess == nil {
		return
	}
	s, ok := u.sess.Span(u.sess.SelectedSpan())
	if !ok {
		u.setStatus("Click a span first to select it")
		return
	}
	u.perform("delete "+u.labelDisplay(s.Label)+" span", func() (session.Effect, error) {
		return u.sess.DeleteSpan(s.ID)
	})
}

// Relabel gives the span a new label.
func (u *UI) Relabel(id, label string) {
	s, ok := u.sess.Span(id)
	if !ok || s.Label == label {
		return
	}
	u.perform(fmt.Sprintf("relabel %s → %s", u.labelDisplay(s.Label), u.labelDisplay(label)), func() (session.Effect, error) {
		return u.sess.Relabel(id, label)
	})
}

// SetNote stores a span's note and reports whether it is stored.
func (u *UI) SetNote(id, note string) bool {
	return u.perform("edit note", func() (session.Effect, error) {
		return u.sess.SetNote(id, note)
	})
}

// SetStatus sets the open document's status (an undoable change) and
// reports whether it is stored.
func (u *UI) SetStatus(st annotate.Status) bool {
	if !u.canEdit() {
		return false
	}
	return u.perform("mark document "+strings.ReplaceAll(string(st), "_", " "), func() (session.Effect, error) {
		return u.sess.SetStatus(st)
	})
}

// DoneAndNext marks the open document done and opens the next one not done.
func (u *UI) DoneAndNext() {
	if !u.SetStatus(annotate.StatusDone) {
		return
	}
	if id, ok := u.sess.NextNotDone(); ok {
		u.openDocument(id)
		return
	}
	what := fmt.Sprintf("All %d documents of this project are done.", len(u.docs))
	if len(u.docs) == 1 {
		what = "The project's only document is done."
	}
	u.dlg.Info("All done", what)
}

// textSelected follows the article's text selection.
func (u *UI) textSelected(start, end int) {
	if u.sess == nil {
		return
	}
	if end > start && u.sess.SelectedSpan() != "" && !u.panel.saveNote() {
		u.article.SetSelection(0, 0)
		return
	}
	u.sess.SetSelection(start, end)
	if end > start {
		u.article.SetSelectedSpan("")
		u.panel.refresh()
		text := u.slice(start, end)
		u.setStatus(fmt.Sprintf("Selected %d–%d “%s”: press %s", start, end, oneLine(shorten(text, 60)), u.labelKeysHint()))
	}
}

// selectSpan makes id the selected span ("" for none); scroll brings it
// into view. A note being typed is saved first; when that fails, the
// selection stays so that the typed text is not lost.
func (u *UI) selectSpan(id string, scroll bool) {
	if u.sess == nil {
		return
	}
	if id != u.sess.SelectedSpan() && !u.panel.saveNote() {
		u.article.SetSelectedSpan(u.sess.SelectedSpan())
		return
	}
	if err := u.sess.SelectSpan(id); err != nil {
		return
	}
	u.showSelection(scroll)
}

// clearSelection drops the text selection and the selected span.
func (u *UI) clearSelection() {
	if u.sess == nil {
		return
	}
	if !u.panel.saveNote() {
		return
	}
	u.sess.SetSelection(0, 0)
	u.sess.SelectSpan("")
	u.article.SetSelection(0, 0)
	u.showSelection(false)
	u.setStatus("Selection cleared")
}

func (u *UI) slice(start, end int) string {
	s, _ := annotate.SliceRunes(u.sess.Document().Text, start, end)
	return s
}

func (u *UI) labelKeysHint() string {
	var keys []string
	for _, l := range u.labels {
		if l.Key != "" {
			keys = append(keys, l.Key+" "+l.Display)
		}
	}
	return strings.Join(keys, ", ")
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
