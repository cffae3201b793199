package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// The link types of Settings → Labels: each with the labels a link may
// start and end at, to edit, add and delete. A type that stored links use
// cannot be deleted, nor narrowed to leave out their labels: the store
// refuses and says why.

// linkRows returns the heading and a row per relation type of sc, and an
// Add button.
func (ld *labelsDialog) linkRows(sc annotate.Schema) []fyne.CanvasObject {
	out := []fyne.CanvasObject{widget.NewSeparator(),
		widget.NewLabelWithStyle("Link types", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	for _, t := range sc.Relations {
		text := widget.NewLabel(t.Label() + " (" + t.Name + "): from " + ends(sc.Labels, t.From) + " to " + ends(sc.Labels, t.To))
		text.Wrapping = fyne.TextWrapWord
		buttons := container.NewHBox(
			widget.NewButton("Edit…", func() { ld.editLink(t.Name) }),
			widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), func() { ld.deleteLink(t.Name) }),
		)
		out = append(out, container.NewBorder(nil, nil, nil, buttons, text))
	}
	out = append(out, container.NewHBox(widget.NewButtonWithIcon("Add link type…", theme.ContentAddIcon(), func() { ld.editLink("") })))
	return out
}

// linkForm is the form of one link type: its display name (and, for a new
// one, its name) and the labels it may start and end at.
type linkForm struct {
	content  fyne.CanvasObject
	name     *dialogEntry
	display  *dialogEntry
	from, to *widget.CheckGroup
}

func (ld *labelsDialog) newLinkForm(sc annotate.Schema, t annotate.RelationType, isNew bool) *linkForm {
	f := &linkForm{name: newDialogEntry(ld.u), display: newDialogEntry(ld.u)}
	var names []string
	for _, l := range sc.Labels {
		names = append(names, l.Display)
	}
	f.from, f.to = widget.NewCheckGroup(names, nil), widget.NewCheckGroup(names, nil)
	f.from.Horizontal, f.to.Horizontal = true, true
	shown := func(ns []string) []string {
		var out []string
		for _, n := range ns {
			if l, ok := sc.Labels.Find(n); ok {
				out = append(out, l.Display)
			}
		}
		return out
	}
	f.from.SetSelected(shown(t.From))
	f.to.SetSelected(shown(t.To))
	f.name.SetText(t.Name)
	f.display.SetText(t.Display)
	hint := widget.NewLabel("A link starts at a span with one of the first labels and ends at one with one of the second (none ticked: any label).")
	hint.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{}
	if isNew {
		f.name.SetPlaceHolder("SUPPORT")
		items = append(items, widget.NewFormItem("Name", f.name))
	}
	items = append(items,
		widget.NewFormItem("Shown as", f.display),
		widget.NewFormItem("From", f.from),
		widget.NewFormItem("To", f.to))
	f.content = container.NewVBox(hint, widget.NewForm(items...))
	return f
}

// labelNames turns the display names ticked back into label names.
func labelNames(ls annotate.LabelSet, shown []string) []string {
	var out []string
	for _, l := range ls {
		if slices.Contains(shown, l.Display) {
			out = append(out, l.Name)
		}
	}
	return out
}

// editLink edits the link type called name, or adds one when name is "".
func (ld *labelsDialog) editLink(name string) {
	sc, ok := ld.current()
	if !ok {
		return
	}
	var t annotate.RelationType
	if name != "" {
		i := slices.IndexFunc(sc.Relations, func(r annotate.RelationType) bool { return r.Name == name })
		if i < 0 {
			return
		}
		t = sc.Relations[i]
	}
	f := ld.newLinkForm(sc, t, name == "")
	title, confirm := "Edit link type "+name, "Save"
	if name == "" {
		title, confirm = "Add link type", "Add"
	}
	ld.u.dlg.Form(title, confirm, "Cancel", f.content, 600, func(ok bool) {
		if !ok {
			return
		}
		sc, ok := ld.current()
		if !ok {
			return
		}
		nt := annotate.RelationType{Name: name, Display: strings.TrimSpace(f.display.Text),
			From: labelNames(sc.Labels, f.from.Selected), To: labelNames(sc.Labels, f.to.Selected)}
		next := sc
		next.Relations = slices.Clone(sc.Relations)
		if name == "" {
			nt.Name = strings.ToUpper(strings.TrimSpace(f.name.Text))
			if err := annotate.ValidateLabelName(nt.Name); err != nil {
				ld.u.dlg.Error(fmt.Errorf("link type name %q: %w", nt.Name, err))
				return
			}
			if slices.ContainsFunc(sc.Relations, func(r annotate.RelationType) bool { return r.Name == nt.Name }) {
				ld.u.dlg.Error(fmt.Errorf("the project has a link type %s already", nt.Name))
				return
			}
			if nt.Display == "" {
				nt.Display = strings.ToLower(nt.Name)
			}
			next.Relations = append(next.Relations, nt)
		} else {
			i := slices.IndexFunc(next.Relations, func(r annotate.RelationType) bool { return r.Name == name })
			if nt.Display == "" {
				nt.Display = next.Relations[i].Display
			}
			next.Relations[i] = nt
		}
		ld.store(next, "Saved link type "+nt.Name)
	})
	if name == "" {
		ld.u.win.Canvas().Focus(f.name)
	} else {
		ld.u.win.Canvas().Focus(f.display)
	}
}

// deleteLink deletes the link type called name, once confirmed.
func (ld *labelsDialog) deleteLink(name string) {
	ld.u.dlg.Confirm("Delete link type", fmt.Sprintf("Delete the link type %s? A type that stored links use cannot be deleted: remove those links first.", name), "Delete", func(ok bool) {
		if !ok {
			return
		}
		sc, ok := ld.current()
		if !ok {
			return
		}
		next := sc
		next.Relations = slices.DeleteFunc(slices.Clone(sc.Relations), func(r annotate.RelationType) bool { return r.Name == name })
		ld.store(next, "Deleted link type "+name)
	})
}
