package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
)

// AssignName asks, with autocomplete over the project's names, which
// actor entity the selected actor span is a mention of, or which concept
// the selected claim or denial states; a new name creates one. It is one
// undoable change.
func (u *UI) AssignName() {
	if !u.canEdit() {
		return
	}
	s, ok := u.sess.Span(u.sess.SelectedSpan())
	if !ok {
		u.setStatus("Select an actor (or a claim or denial) first, then press E to name its entity (or concept)")
		return
	}
	types := u.sess.RelationTypes()
	entity := types.IsActor(s.Label)
	if !entity && !types.IsStatement(s.Label) {
		u.setStatus(fmt.Sprintf("A %s span names no actor and states nothing: E names the entity of an actor or the concept of a statement", u.labelDisplay(s.Label)))
		return
	}
	var names []string
	current := ""
	if entity {
		for _, e := range u.sess.Entities() {
			if e.ID == s.Entity {
				current = e.Name
			}
		}
		if current == "" {
			current = u.proposedEntityName(s)
		}
	} else {
		for _, c := range u.sess.Concepts() {
			names = append(names, c.Name)
			if c.ID == s.Concept {
				current = c.Name
			}
		}
	}
	title := "Concept of this " + strings.ToLower(u.labelDisplay(s.Label))
	help := "What is claimed or denied, in the project's own words: statements with the same concept are the same in the discourse network."
	var describe func(string) (string, string)
	if entity {
		title = "Actor entity of this mention"
		help = "The actor this mention refers to: mentions with the same entity (“Wang Yi”, “Mr Wang”) are one actor in the network. Type a few letters of a name or an alias, choose with ↓ and Enter, confirm with Enter; a new name creates an entity."
		describe = func(name string) (string, string) {
			e, _ := u.sess.EntityByName(name)
			return e.Kind, e.Affiliation
		}
	}
	completer := annotate.NewNameCompleter(names) // concepts
	if entity {
		completer = annotate.NewEntityCompleter(u.sess.Entities()) // by name or alias
	}
	d := newNameDialog(completer, current, help, describe)
	d.OnConfirm = func() { u.dlg.Key(fyne.KeyReturn) }
	d.OnCancel = func() { u.dlg.Key(fyne.KeyEscape) }
	u.dlg.Form(title, "Set", "Cancel", d.content, 560, func(ok bool) {
		if ok {
			u.setName(s, entity, d.Name(), d.Kind(), d.Affiliation())
		}
	})
	d.Focus(u.win.Canvas())
}

// setName names the entity (entity true) of the span s, with its kind and
// affiliation, or its concept: one undoable change
// (session.NameEntity).
func (u *UI) setName(s annotate.Span, entity bool, name, kind, affil string) {
	if !entity {
		u.perform("set concept", func() (session.Effect, error) { return u.sess.SetConcept(s.ID, name) })
		return
	}
	u.perform("set actor", func() (session.Effect, error) {
		return u.sess.NameEntity(s.ID, annotate.Entity{Name: name, Kind: kind, Affiliation: affil})
	})
	u.panel.refresh()
}

// proposedEntityName is the name E proposes for the actor span s, which
// names no entity yet: the entity that mentions with the same text name
// in this document, else in the project's other documents, else the
// entity the text is a name or alias of (annotate.ProposeEntity; the
// project is read only when this document has none: 0.24 s for 5,000
// documents, BenchmarkProposedEntityInProject), else the span's text.
func (u *UI) proposedEntityName(s annotate.Span) string {
	text := u.slice(s.Start, s.End)
	if len(u.sess.Entities()) == 0 {
		return text
	}
	types := u.sess.RelationTypes()
	var here []annotate.NamedText
	ix := annotate.NewRuneIndex(u.sess.Document().Text)
	for _, o := range u.sess.Spans() {
		if o.ID != s.ID && o.Entity != "" && types.IsActor(o.Label) && o.End <= ix.Len() {
			here = append(here, annotate.NamedText{Text: ix.Slice(o.Start, o.End), Entity: o.Entity})
		}
	}
	id := annotate.ProposeEntity(text, here, u.sess.Entities(), func() []annotate.NamedText { return u.namedElsewhere(text) })
	if e, ok := u.sess.Entity(id); ok && id != "" {
		return e.Name
	}
	return text
}

// proposalDocuments bounds the documents proposedEntityName reads.
const proposalDocuments = 5000

// namedElsewhere lists the actor mentions of the project's other
// documents (the first proposalDocuments) whose text is text (NameKey)
// and that name an entity; a document that cannot be read is skipped.
func (u *UI) namedElsewhere(text string) []annotate.NamedText {
	key := annotate.NameKey(text)
	types := u.sess.RelationTypes()
	var out []annotate.NamedText
	for k, d := range u.sess.Documents() {
		if k >= proposalDocuments {
			break
		}
		if d.ID == u.sess.Document().ID {
			continue
		}
		spans, err := u.project.Spans(d.ID)
		if err != nil {
			continue
		}
		var cands []annotate.Span
		for _, o := range spans {
			if o.Entity != "" && types.IsActor(o.Label) {
				cands = append(cands, o)
			}
		}
		if len(cands) == 0 {
			continue
		}
		doc, err := u.project.Document(d.ID)
		if err != nil {
			continue
		}
		ix := annotate.NewRuneIndex(doc.Text)
		for _, o := range cands {
			if o.End <= ix.Len() {
				if t := ix.Slice(o.Start, o.End); annotate.NameKey(t) == key {
					out = append(out, annotate.NamedText{Text: t, Entity: o.Entity})
				}
			}
		}
	}
	return out
}

// entityText describes the selected span's entity or concept for the side
// panel, or "".
func (u *UI) entityText(s annotate.Span) string {
	if s.Entity != "" {
		for _, e := range u.sess.Entities() {
			if e.ID == s.Entity {
				parts := []string{e.Name + aliasesNote(e.Aliases)}
				for _, p := range []string{e.Kind, e.Affiliation} {
					if p != "" {
						parts = append(parts, p)
					}
				}
				return "Actor: " + strings.Join(parts, " — ")
			}
		}
	}
	if s.Concept != "" {
		for _, c := range u.sess.Concepts() {
			if c.ID == s.Concept {
				return "Concept: " + c.Name
			}
		}
	}
	return ""
}

// aliasesNote says, short, what else an actor is called, as the Span
// tab's actor line shows it after the name: " (also Mr Wang, China’s
// foreign minister, … 3 more)"; "" for none. It shows the first
// aliasesShown aliases, each cut to aliasRunesShown characters.
func aliasesNote(aliases []string) string {
	if len(aliases) == 0 {
		return ""
	}
	shown := make([]string, 0, aliasesShown)
	for _, a := range aliases[:min(len(aliases), aliasesShown)] {
		if r := []rune(a); len(r) > aliasRunesShown {
			a = string(r[:aliasRunesShown-1]) + "…"
		}
		shown = append(shown, a)
	}
	note := " (also " + strings.Join(shown, ", ")
	if more := len(aliases) - len(shown); more > 0 {
		note += fmt.Sprintf(", … %d more", more)
	}
	return note + ")"
}

// How much of an actor's aliases the Span tab's actor line shows.
const (
	aliasesShown    = 2
	aliasRunesShown = 30
)

// ShowEntities lists the project's actor entities, to rename one, edit
// its aliases (the other names it is called by, separated by commas) or
// merge it into another (Edit → Actor entities…), which then is also
// called by its names (annotate.Entity.Absorb). Each is one undoable
// change: a new name and new aliases together are one.
func (u *UI) ShowEntities() {
	if !u.canEdit() {
		return
	}
	ents := u.sess.Entities()
	if len(ents) == 0 {
		u.dlg.Info("Actor entities", "This project has no actor entities yet: select an actor span and press E to name one.")
		return
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name)
	}
	rename := newDialogEntry(u)
	rename.SetPlaceHolder("New name (leave empty to keep it)")
	aliases := newDialogEntry(u)
	aliases.SetPlaceHolder("e.g. Mr Wang, China’s foreign minister")
	pick := newKeySelect(names, nil)
	pick.OnChanged = func(string) {
		if i := pick.SelectedIndex(); i >= 0 {
			aliases.SetText(annotate.FormatAliases(ents[i].Aliases))
		}
	}
	pick.SetSelectedIndex(0)
	into := newKeySelect(append([]string{"(do not merge)"}, names...), nil)
	into.SetSelectedIndex(0)
	for _, sel := range []*keySelect{pick, into} {
		sel.OnEnter = func() { u.dlg.Key(fyne.KeyReturn) }
		sel.OnEscape = func() { u.dlg.Key(fyne.KeyEscape) }
	}
	form := container.NewVBox(widget.NewLabel("Entity"), pick, widget.NewLabel("Rename to"), rename,
		widget.NewLabel("Also called (aliases, separated by commas)"), aliases,
		widget.NewLabel("Or merge it into"), into)
	u.dlg.Form("Actor entities", "Apply", "Cancel", form, 460, func(ok bool) {
		if !ok || pick.SelectedIndex() < 0 {
			return
		}
		e := ents[pick.SelectedIndex()]
		switch {
		case into.SelectedIndex() > 0:
			keep := ents[into.SelectedIndex()-1]
			if keep.ID == e.ID {
				return
			}
			name := fmt.Sprintf("merge %s into %s", e.Name, keep.Name)
			merged, left := keep.Absorb(e) // what the merge stores, to say it
			if merged.Called(e.Name) {
				name += fmt.Sprintf(", now also called %s", e.Name)
			}
			if left > 0 {
				name += fmt.Sprintf(" (%d of its names not kept as aliases: at most %d, none with a comma)", left, annotate.MaxAliases)
			}
			u.perform(name, func() (session.Effect, error) {
				return u.sess.MergeEntities(keep.ID, e.ID)
			})
		default:
			edited := entityEdited(e, rename.Text, aliases.Text)
			if edited.Equal(e) {
				return
			}
			u.perform(fmt.Sprintf("edit %s", e.Name), func() (session.Effect, error) {
				return u.sess.EditEntity(edited)
			})
		}
		u.panel.refresh()
		if u.sugg.on {
			u.computeSuggestions() // they name actors by their names and aliases
		}
	})
}

// entityEdited is e with the name typed (unless it is blank) and the
// aliases typed (annotate.ParseAliases), unless their text is the one the
// dialog showed.
func entityEdited(e annotate.Entity, name, aliases string) annotate.Entity {
	out := e
	if n := strings.TrimSpace(name); n != "" {
		out.Name = n
	}
	if aliases != annotate.FormatAliases(e.Aliases) {
		out.Aliases = annotate.ParseAliases(aliases)
	}
	return out.Clean()
}
