package app

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
	"claimdesk/annotate/suggest"
)

// The window's suggestions: with the Suggestions toggle on (Ctrl+Shift+S,
// or the toolbar's button), the open document's suggested attributions
// (annotate/suggest, with the project's schema rules and actors) are drawn
// as dashed outlines with their link; Tab and Shift+Tab move among them,
// Enter accepts the selected one (annotate/session AcceptSuggestions: its
// spans and link as one transaction and one undo step), Shift+Enter every
// one of its paragraph, Backspace rejects it (the project remembers it, and
// it does not come back for that document; one undo step, which Ctrl+Z
// undoes). Off, nothing is computed.

// suggestionKey is the toggle's key, as the help and the tooltip say it.
const suggestionKey = "Ctrl+Shift+S"

// asyncSuggestAbove is the text length (bytes) above which a document's
// suggestions are computed off the UI goroutine.
const asyncSuggestAbove = 100_000

// mentionSource is a project that lists the texts of the spans that
// name each entity (store.Store is one): the aliases by which suggestions
// name actors.
type mentionSource interface {
	EntityMentions() (map[string][]string, error)
}

// schemaSource is a project with a schema (store.Store is one): its
// suggestion rules.
type schemaSource interface {
	Schema() (annotate.Schema, error)
}

// suggestionState is the window's suggestions.
type suggestionState struct {
	on     bool
	button *ToolbarAction
	gen    int                  // bumped for every computation, so a late one is dropped
	doc    string               // the document all and paras are for
	all    []suggest.Suggestion // the document's suggestions, in text order
	paras  []int                // the paragraph of each of all
	labels suggest.Labels
	shown  []int // indexes into all of those drawn: not rejected, not already spans
	sel    int   // index into shown, -1: none
	// aliases are the project's entity mentions (mentionSource), read
	// for the session aliasesOf and kept until an edit names an entity
	// or suggestions are turned on again; nil: not read.
	aliases   map[string][]string
	aliasesOf *session.Session
}

// suggestionButton makes the toolbar's toggle.
func (u *UI) suggestionButton() *ToolbarAction {
	b := &ToolbarAction{Label: "Suggestions", IconOnly: true, Icon: theme.VisibilityIcon(),
		Tip:      "Suggestions on / off: suggested actors, claims and links as dashed outlines (" + suggestionKey + "); Tab: the next, Enter: accept, Backspace: reject, Shift+Enter: accept the paragraph's",
		OnTapped: func() { u.ToggleSuggestions(); u.focusArticle() }}
	u.sugg.button = b
	u.showSuggestionButton()
	return b
}

func (u *UI) showSuggestionButton() {
	b := u.sugg.button
	if b == nil {
		return
	}
	imp := widget.MediumImportance
	if u.sugg.on {
		imp = widget.HighImportance
	}
	if b.Importance != imp {
		b.Importance = imp
		b.Refresh()
	}
}

// SuggestionsOn reports whether the Suggestions toggle is on.
func (u *UI) SuggestionsOn() bool { return u.sugg.on }

// ToggleSuggestions turns the suggestions on or off.
func (u *UI) ToggleSuggestions() {
	u.sugg.on = !u.sugg.on
	u.sugg.aliases, u.sugg.aliasesOf = nil, nil
	u.showSuggestionButton()
	if !u.sugg.on {
		u.sugg.gen++
		u.sugg.all, u.sugg.paras, u.sugg.shown, u.sugg.doc, u.sugg.sel = nil, nil, nil, "", -1
		u.article.SetSuggestions(nil, -1)
		u.setStatus("Suggestions off")
		return
	}
	u.computeSuggestions()
}

// suggestionsDocumentOpened recomputes the suggestions for the document
// just opened, when they are on.
func (u *UI) suggestionsDocumentOpened() {
	if u.sugg.on {
		u.computeSuggestions()
	}
}

// computeSuggestions finds the open document's suggestions, off the UI
// goroutine for a long text, and shows them.
func (u *UI) computeSuggestions() {
	if u.sess == nil || u.sess.Document().ID == "" {
		return
	}
	u.sugg.gen++
	gen := u.sugg.gen
	doc := u.sess.Document()
	rules := suggest.DefaultRules()
	if sp, ok := u.project.(schemaSource); ok {
		sc, err := sp.Schema()
		if err == nil {
			rules, err = suggest.RulesOf(sc.Suggest)
		}
		if err != nil {
			u.dlg.Error(fmt.Errorf("suggestions: %w", err))
			return
		}
	}
	entities, err := u.project.Entities()
	if err != nil {
		u.dlg.Error(fmt.Errorf("suggestions: %w", err))
		return
	}
	labels := suggest.LabelsOf(u.sess.RelationTypes())
	mentions, _ := u.project.(mentionSource)
	aliases, sess := u.sugg.aliases, u.sess
	if u.sugg.aliasesOf != sess {
		aliases = nil
	}
	run := func() ([]suggest.Suggestion, []int, map[string][]string, error) {
		if aliases == nil && mentions != nil && len(entities) > 0 {
			var err error
			if aliases, err = mentions.EntityMentions(); err != nil {
				return nil, nil, nil, err
			}
		}
		sugs := suggest.New(rules, entities).WithAliases(aliases).Suggest(doc.Text)
		return sugs, paragraphsOf(doc.Text, sugs), aliases, nil
	}
	done := func(sugs []suggest.Suggestion, paras []int, aliases map[string][]string, err error) {
		if err != nil {
			u.dlg.Error(fmt.Errorf("suggestions: %w", err))
			return
		}
		if gen != u.sugg.gen || !u.sugg.on || u.sess != sess || u.sess.Document().ID != doc.ID {
			return
		}
		if aliases != nil {
			u.sugg.aliases, u.sugg.aliasesOf = aliases, sess
		}
		u.sugg.doc, u.sugg.all, u.sugg.paras, u.sugg.labels, u.sugg.sel = doc.ID, sugs, paras, labels, -1
		u.filterSuggestions()
		u.setStatus(fmt.Sprintf("Suggestions: %d in this document — Tab: the next, Enter: accept, Backspace: reject (%s: off)", len(u.sugg.shown), suggestionKey))
	}
	if len(doc.Text) <= asyncSuggestAbove {
		done(run())
		return
	}
	u.setStatus("Finding suggestions…")
	go func() {
		sugs, paras, aliases, err := run()
		fyne.Do(func() { done(sugs, paras, aliases, err) })
	}()
}

// suggestionsSaw forgets the aliases read for the suggestions when an
// edit named an entity: a span that names one was added or removed, a
// span names another, spans were tagged in other documents, or an entity
// was stored or removed.
func (u *UI) suggestionsSaw(eff session.Effect) {
	if u.sugg.aliases == nil {
		return
	}
	named := len(eff.Entities)+len(eff.RemovedEntities)+len(eff.Repointed) > 0 || len(eff.Elsewhere) > 0 ||
		slices.ContainsFunc(eff.Added, func(s annotate.Span) bool { return s.Entity != "" }) ||
		slices.ContainsFunc(eff.Removed, func(s annotate.Span) bool { return s.Entity != "" })
	if named {
		u.sugg.aliases, u.sugg.aliasesOf = nil, nil
	}
}

// paragraphsOf returns the paragraph (counted by line breaks) of each
// suggestion's statement.
func paragraphsOf(text string, sugs []suggest.Suggestion) []int {
	var breaks []int // code point offsets of the line breaks
	i := 0
	for _, r := range text {
		if r == '\n' {
			breaks = append(breaks, i)
		}
		i++
	}
	out := make([]int, len(sugs))
	for k, s := range sugs {
		out[k] = sort.SearchInts(breaks, s.Statement.Start)
	}
	return out
}

// filterSuggestions chooses the suggestions to draw: not rejected for the
// document, and not already there (a span with the statement's range and
// label), and gives them to the article, keeping the selected one when it
// is still shown.
func (u *UI) filterSuggestions() {
	if !u.sugg.on || u.sess == nil || u.sugg.doc != u.sess.Document().ID {
		return
	}
	var keep suggest.Suggestion
	hadSel := u.sugg.sel >= 0 && u.sugg.sel < len(u.sugg.shown)
	if hadSel {
		keep = u.sugg.all[u.sugg.shown[u.sugg.sel]]
	}
	var rejected map[string]bool
	if ss, ok := u.project.(session.SuggestionMemory); ok {
		var err error
		if rejected, err = ss.RejectedSuggestions(u.sugg.doc); err != nil {
			u.dlg.Error(err)
			return
		}
	}
	pending := map[suggest.Suggestion]bool{}
	for _, s := range suggest.Pending(u.sugg.all, rejected) {
		pending[s] = true
	}
	have := map[[2]int][]string{}
	for _, sp := range u.sess.Spans() {
		k := [2]int{sp.Start, sp.End}
		have[k] = append(have[k], sp.Label)
	}
	l := u.sugg.labels
	u.sugg.shown = u.sugg.shown[:0]
	u.sugg.sel = -1
	for i, s := range u.sugg.all {
		label := l.Claim
		if s.Denial {
			label = l.Denial
		}
		if label == "" || !pending[s] || slices.Contains(have[[2]int{s.Statement.Start, s.Statement.End}], label) {
			continue
		}
		if hadSel && s == keep {
			u.sugg.sel = len(u.sugg.shown)
		}
		u.sugg.shown = append(u.sugg.shown, i)
	}
	u.showSuggestions()
}

// showSuggestions gives the article the suggestions to draw.
func (u *UI) showSuggestions() {
	marks := make([]SuggestionMark, len(u.sugg.shown))
	l := u.sugg.labels
	for k, i := range u.sugg.shown {
		s := u.sugg.all[i]
		label := l.Claim
		if s.Denial {
			label = l.Denial
		}
		marks[k] = SuggestionMark{ActorStart: s.Actor.Start, ActorEnd: s.Actor.End, ActorLabel: l.Actor,
			StatementStart: s.Statement.Start, StatementEnd: s.Statement.End, StatementLabel: label}
	}
	u.article.SetSuggestions(marks, u.sugg.sel)
}

// ShownSuggestions returns the suggestions drawn, in text order, and the
// index of the selected one (-1: none).
func (u *UI) ShownSuggestions() ([]suggest.Suggestion, int) {
	out := make([]suggest.Suggestion, len(u.sugg.shown))
	for k, i := range u.sugg.shown {
		out[k] = u.sugg.all[i]
	}
	return out, u.sugg.sel
}

// stepSuggestion selects the next suggestion (or the previous one) and
// shows it; it reports whether the suggestions took the key (they are on).
func (u *UI) stepSuggestion(next bool) bool {
	if !u.sugg.on {
		return false
	}
	n := len(u.sugg.shown)
	if n == 0 {
		u.setStatus("No suggestions left in this document (" + suggestionKey + ": off)")
		return true
	}
	if start, end := u.sess.Selection(); u.sess.SelectedSpan() != "" || end > start {
		u.clearSelection() // Enter and Backspace then act on the suggestion
	}
	switch {
	case u.sugg.sel < 0 && next:
		u.sugg.sel = 0
		caret := u.article.Caret()
		for k, i := range u.sugg.shown {
			if min(u.sugg.all[i].Actor.Start, u.sugg.all[i].Statement.Start) >= caret {
				u.sugg.sel = k
				break
			}
		}
	case u.sugg.sel < 0:
		u.sugg.sel = n - 1
	case next:
		u.sugg.sel = (u.sugg.sel + 1) % n
	default:
		u.sugg.sel = (u.sugg.sel + n - 1) % n
	}
	u.showSuggestions()
	s := u.sugg.all[u.sugg.shown[u.sugg.sel]]
	u.article.ScrollToOffset(min(s.Actor.Start, s.Statement.Start))
	what := "claims"
	if s.Denial {
		what = "denies"
	}
	u.setStatus(fmt.Sprintf("Suggestion %d of %d: “%s” %s “%s” — Enter: accept, Backspace: reject, Shift+Enter: accept the paragraph's",
		u.sugg.sel+1, n, oneLine(shorten(u.slice(s.Actor.Start, s.Actor.End), 30)), what, oneLine(shorten(u.slice(s.Statement.Start, s.Statement.End), 50))))
	return true
}

// suggestionKeyTyped handles Enter (accept), Shift+Enter (accept the
// paragraph's) and Backspace or Delete (reject) while a suggestion is
// selected and no span is; it reports whether it took the key.
func (u *UI) suggestionKeyTyped(name fyne.KeyName) bool {
	if !u.sugg.on || u.sess == nil || u.sess.SelectedSpan() != "" {
		return false
	}
	switch name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if u.article.shift {
			u.AcceptParagraphSuggestions()
			return true
		}
		if u.sugg.sel < 0 {
			return false
		}
		u.AcceptSuggestion()
	case fyne.KeyBackspace, fyne.KeyDelete:
		if u.sugg.sel < 0 {
			return false
		}
		u.RejectSuggestion()
	default:
		return false
	}
	return true
}

// AcceptSuggestion makes the selected suggestion the coder's: its actor
// span, statement span and link, as one undoable step.
func (u *UI) AcceptSuggestion() {
	if u.sugg.sel < 0 || u.sugg.sel >= len(u.sugg.shown) {
		u.setStatus("Select a suggestion with Tab first")
		return
	}
	u.acceptSuggestions("accept a suggestion", []suggest.Suggestion{u.sugg.all[u.sugg.shown[u.sugg.sel]]})
}

// AcceptParagraphSuggestions accepts every suggestion shown in the
// paragraph of the selected suggestion (or of the caret) as one step.
func (u *UI) AcceptParagraphSuggestions() {
	if len(u.sugg.shown) == 0 {
		u.setStatus("No suggestions to accept")
		return
	}
	var para int
	if u.sugg.sel >= 0 {
		para = u.sugg.paras[u.sugg.shown[u.sugg.sel]]
	} else {
		para = paragraphsOf(u.sess.Document().Text, []suggest.Suggestion{{Statement: suggest.Range{Start: u.article.Caret()}}})[0]
	}
	var sugs []suggest.Suggestion
	for _, i := range u.sugg.shown {
		if u.sugg.paras[i] == para {
			sugs = append(sugs, u.sugg.all[i])
		}
	}
	if len(sugs) == 0 {
		u.setStatus("No suggestions in this paragraph")
		return
	}
	u.acceptSuggestions(fmt.Sprintf("accept %s", plural(len(sugs), "suggestion")), sugs)
}

func (u *UI) acceptSuggestions(name string, sugs []suggest.Suggestion) {
	next := u.sugg.sel
	if u.perform(name, func() (session.Effect, error) {
		return u.sess.AcceptSuggestions(name, sugs, u.sugg.labels)
	}) {
		// no span stays selected: Enter and Backspace go on with the
		// suggestions
		u.sess.SetSelection(0, 0)
		u.sess.SelectSpan("")
		u.showSelection(false)
		u.afterSuggestionGone(next)
	}
}

// RejectSuggestion rejects the selected suggestion: the project remembers
// it, and it is not shown again for this document; one undoable step
// (annotate/session RejectSuggestions), so that Ctrl+Z brings it back.
func (u *UI) RejectSuggestion() {
	if u.sugg.sel < 0 || u.sugg.sel >= len(u.sugg.shown) {
		return
	}
	s := u.sugg.all[u.sugg.shown[u.sugg.sel]]
	next := u.sugg.sel
	u.sugg.sel = -1
	if !u.perform("reject a suggestion", func() (session.Effect, error) {
		return u.sess.RejectSuggestions("reject a suggestion", []suggest.Suggestion{s})
	}) {
		u.sugg.sel = next
		return
	}
	u.afterSuggestionGone(next)
	u.setStatus("Rejected the suggestion: it will not be shown again for this document (Ctrl+Z brings it back). " + u.statusOfSelectedSuggestion())
}

// afterSuggestionGone selects the suggestion that took the place of the
// one at index k.
func (u *UI) afterSuggestionGone(k int) {
	if n := len(u.sugg.shown); n > 0 && k >= 0 {
		u.sugg.sel = min(k, n-1)
		u.showSuggestions()
	}
}

func (u *UI) statusOfSelectedSuggestion() string {
	if len(u.sugg.shown) == 0 {
		return "No suggestions left."
	}
	return strings.TrimSpace(fmt.Sprintf("%s left (Tab: the next).", plural(len(u.sugg.shown), "suggestion")))
}
