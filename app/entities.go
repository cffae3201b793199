package app

import (
	"fmt"
	"slices"
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
			names = append(names, e.Name)
			if e.ID == s.Entity {
				current = e.Name
			}
		}
	} else {
		for _, c := range u.sess.Concepts() {
			names = append(names, c.Name)
			if c.ID == s.Concept {
				current = c.Name
			}
		}
	}
	field := u.nameField(names)
	if current == "" && entity {
		current = u.slice(s.Start, s.End)
	}
	field.SetText(current)
	what, title := "concept", "Concept of this "+strings.ToLower(u.labelDisplay(s.Label))
	help := "What is claimed or denied, in the project's own words: statements with the same concept are the same in the discourse network."
	if entity {
		what, title = "actor", "Actor entity of this mention"
		help = "The actor this mention refers to: mentions with the same entity (“Wang Yi”, “Mr Wang”) are one actor in the network. A new name creates an entity."
	}
	hint := widget.NewLabel(help)
	hint.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(hint, field)
	// An actor's kind and affiliation: shown with what the named entity has.
	kinds := append([]string{"(kind not known)"}, annotate.EntityKinds...)
	kind := widget.NewSelect(kinds, nil)
	affil := newDialogEntry(u)
	affil.SetPlaceHolder("Affiliation: “China — foreign minister”")
	if entity {
		show := func(name string) {
			e, _ := u.sess.EntityByName(name)
			if e.Kind == "" {
				kind.SetSelectedIndex(0)
			} else {
				kind.SetSelected(e.Kind)
			}
			affil.SetText(e.Affiliation)
		}
		show(current)
		inner := field.OnChanged
		field.OnChanged = func(typed string) { inner(typed); show(typed) }
		form.Add(container.NewGridWithColumns(2, kind, affil))
	}
	u.showForm(title, "Set", "Cancel", form, 560, func(ok bool) {
		if !ok {
			return
		}
		name := strings.TrimSpace(field.Text)
		if !entity {
			u.perform("set "+what, func() (session.Effect, error) { return u.sess.SetConcept(s.ID, name) })
			return
		}
		if !u.perform("set "+what, func() (session.Effect, error) { return u.sess.SetEntity(s.ID, name) }) || name == "" {
			return
		}
		e, found := u.sess.EntityByName(name)
		k := kind.Selected
		if kind.SelectedIndex() <= 0 {
			k = ""
		}
		a := strings.TrimSpace(affil.Text)
		if found && (e.Kind != k || e.Affiliation != a) {
			e.Kind, e.Affiliation = k, a
			u.perform("describe "+e.Name, func() (session.Effect, error) { return u.sess.EditEntity(e) })
		}
		u.panel.refresh()
	})
	u.win.Canvas().Focus(field)
}

// entityText describes the selected span's entity or concept for the side
// panel, or "".
func (u *UI) entityText(s annotate.Span) string {
	if s.Entity != "" {
		for _, e := range u.sess.Entities() {
			if e.ID == s.Entity {
				parts := []string{e.Name}
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

// ShowEntities lists the project's actor entities, to rename one or merge
// two (Edit → Actor entities…). Each is one undoable change.
func (u *UI) ShowEntities() {
	if !u.canEdit() {
		return
	}
	ents := u.sess.Entities()
	if len(ents) == 0 {
		u.showInfo("Actor entities", "This project has no actor entities yet: select an actor span and press E to name one.")
		return
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name)
	}
	pick := widget.NewSelect(names, nil)
	pick.SetSelectedIndex(0)
	rename := newDialogEntry(u)
	rename.SetPlaceHolder("New name (leave empty to keep it)")
	into := widget.NewSelect(append([]string{"(do not merge)"}, names...), nil)
	into.SetSelectedIndex(0)
	form := container.NewVBox(widget.NewLabel("Entity"), pick, widget.NewLabel("Rename to"), rename,
		widget.NewLabel("Or merge it into"), into)
	u.showForm("Actor entities", "Apply", "Cancel", form, 460, func(ok bool) {
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
			u.perform(fmt.Sprintf("merge %s into %s", e.Name, keep.Name), func() (session.Effect, error) {
				return u.sess.MergeEntities(keep.ID, e.ID)
			})
		case strings.TrimSpace(rename.Text) != "":
			u.perform(fmt.Sprintf("rename %s", e.Name), func() (session.Effect, error) {
				return u.sess.RenameEntity(e.ID, strings.TrimSpace(rename.Text))
			})
		}
		u.panel.refresh()
	})
}

// nameField is a field with the project's names as suggestions, narrowed
// to those that contain what is typed; Enter confirms the dialog.
func (u *UI) nameField(names []string) *widget.SelectEntry {
	e := widget.NewSelectEntry(slices.Clone(names))
	e.OnChanged = func(typed string) {
		typed = strings.ToLower(strings.TrimSpace(typed))
		var match []string
		for _, n := range names {
			if typed == "" || strings.Contains(strings.ToLower(n), typed) {
				match = append(match, n)
			}
		}
		e.SetOptions(match)
	}
	e.OnSubmitted = func(string) { u.modalKey(fyne.KeyReturn) }
	return e
}
