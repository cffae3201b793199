package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// SchemaEditor is what Settings → Labels needs of a project beyond
// Project: reading and replacing its schema, and renaming and deleting a
// label together with the spans that carry it, each in one transaction.
// *store.Store implements it.
type SchemaEditor interface {
	// Schema returns the project's labels and relation types.
	Schema() (annotate.Schema, error)
	// SetSchema replaces them; it refuses to leave out labels that spans
	// carry.
	SetSchema(s annotate.Schema) error
	// RenameLabel renames a label, on every stored span too.
	RenameLabel(old, new string) error
	// LabelUsage counts the stored spans of each label.
	LabelUsage() (map[string]int, error)
	// DeleteLabel removes a label, its spans and their links, and returns
	// how many spans it removed.
	DeleteLabel(name string) (int, error)
}

// labelsDialog is Settings → Labels: the project's labels with their
// colour, key, underline style, definition and number of spans, each with
// buttons to edit, rename, move and delete it.
type labelsDialog struct {
	u    *UI
	ed   SchemaEditor
	rows *fyne.Container
	d    *dialog.CustomDialog
}

// ShowLabels shows the project's span labels and their codebook, to add,
// rename, recolour, reorder, re-key, redefine or delete them (Settings →
// Labels). Renaming keeps every span; deleting a label in use first says
// how many spans it would remove. The changes are not undoable: each is
// stored at once, and the Undo history of spans made before a rename or a
// deletion may no longer apply.
func (u *UI) ShowLabels() {
	if u.sess == nil {
		return
	}
	ed, ok := u.project.(SchemaEditor)
	if !ok {
		u.dlg.Info("Labels", "This project cannot change its labels.")
		return
	}
	if u.project.ReadOnly() {
		u.dlg.Info("Read-only project", "This project is open read-only for review, so its labels cannot change.\nOpen it normally (File → Open…) to edit them.")
		return
	}
	ld := &labelsDialog{u: u, ed: ed, rows: container.NewVBox()}
	add := widget.NewButtonWithIcon("Add label…", theme.ContentAddIcon(), ld.add)
	hint := widget.NewLabel("A label's definition and example are its codebook entry, so that coders apply one definition. Renaming a label keeps every span; deleting it deletes its spans.")
	hint.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(ld.rows)
	scroll.SetMinSize(fyne.NewSize(640, 380))
	ld.d = dialog.NewCustom("Labels", "Close", container.NewBorder(hint, container.NewHBox(add), nil, nil, scroll), u.win)
	if !ld.refresh() {
		return
	}
	u.dlg.Show(ld.d, nil, nil)
}

// refresh rebuilds the rows from the stored schema and usage, and reports
// whether it could read them (it shows the error otherwise).
func (ld *labelsDialog) refresh() bool {
	sc, err := ld.ed.Schema()
	if err != nil {
		ld.u.dlg.Error(err)
		return false
	}
	usage, err := ld.ed.LabelUsage()
	if err != nil {
		ld.u.dlg.Error(err)
		return false
	}
	ld.rows.RemoveAll()
	for i, l := range sc.Labels {
		ld.rows.Add(ld.row(sc, i, l, usage[l.Name]))
	}
	for _, o := range append(ld.linkRows(sc), ld.suggestRows(sc)...) {
		ld.rows.Add(o)
	}
	return true
}

// ends shows the labels a relation type's end allows: "Claim or Denial",
// or "any label".
func ends(ls annotate.LabelSet, names []string) string {
	if len(names) == 0 {
		return "any label"
	}
	shown := make([]string, len(names))
	for i, n := range names {
		shown[i] = n
		if l, ok := ls.Find(n); ok {
			shown[i] = l.Display
		}
	}
	return strings.Join(shown, " or ")
}

// labelHeading is how a label's row names it: "Claim (CLAIM)".
func labelHeading(l annotate.Label) string { return l.Display + " (" + l.Name + ")" }

// row is one label's line: swatch, name, key, underline and span count,
// its buttons, and its definition below.
func (ld *labelsDialog) row(sc annotate.Schema, i int, l annotate.Label, spans int) fyne.CanvasObject {
	sw := canvas.NewRectangle(labelColor(l))
	sw.CornerRadius = 3
	sw.SetMinSize(fyne.NewSize(18, 18))
	key := "no key"
	if l.Key != "" {
		key = "key " + l.Key
	}
	name := widget.NewLabel(labelHeading(l))
	name.TextStyle.Bold = true
	info := widget.NewLabel(fmt.Sprintf("%s, %s underline, %s", key, l.Underline, plural(spans, "span")))
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { ld.move(sc, i, -1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { ld.move(sc, i, +1) })
	if i == 0 {
		up.Disable()
	}
	if i == len(sc.Labels)-1 {
		down.Disable()
	}
	buttons := container.NewHBox(
		widget.NewButton("Edit…", func() { ld.edit(l) }),
		widget.NewButton("Rename…", func() { ld.rename(l) }),
		up, down,
		widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), func() { ld.delete(l) }),
	)
	defL := widget.NewLabel(codebookEntry(l, "(no definition)"))
	defL.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, defL, container.NewCenter(sw), buttons, container.NewHBox(name, info))
}

// changed shows the stored labels again in the dialog and in the window
// (label buttons, side panel, article), after a change of the schema.
func (ld *labelsDialog) changed(status string) {
	u := ld.u
	// the undo histories recorded spans under the labels they had
	u.sess.ForgetHistory()
	u.setProjectData()
	if doc := u.sess.Document(); doc.ID != "" {
		u.article.SetDocument(doc.Text, u.sess.Spans(), u.labels)
		u.article.SetRelations(u.sess.Relations())
		u.showSelection(false)
	}
	ld.refresh()
	u.setStatus(status)
}

// store stores a changed schema, or shows why it could not.
func (ld *labelsDialog) store(sc annotate.Schema, status string) {
	if err := ld.ed.SetSchema(sc); err != nil {
		ld.u.dlg.Error(err)
		return
	}
	ld.changed(status)
}

// current returns the stored schema, or shows why it cannot.
func (ld *labelsDialog) current() (annotate.Schema, bool) {
	sc, err := ld.ed.Schema()
	if err != nil {
		ld.u.dlg.Error(err)
		return annotate.Schema{}, false
	}
	return sc, true
}

// move moves the label at i by delta places.
func (ld *labelsDialog) move(sc annotate.Schema, i, delta int) {
	j := i + delta
	if j < 0 || j >= len(sc.Labels) {
		return
	}
	names := make([]string, len(sc.Labels))
	for k, l := range sc.Labels {
		names[k] = l.Name
	}
	names[i], names[j] = names[j], names[i]
	next, err := sc.Reorder(names)
	if err != nil {
		ld.u.dlg.Error(err)
		return
	}
	ld.store(next, "Moved label "+sc.Labels[i].Display)
}

// labelForm is the fields of a label that Add and Edit show.
type labelForm struct {
	name, display, key, example *dialogEntry
	color                       *widget.SelectEntry
	underline                   *widget.Select
	definition                  *widget.Entry
	content                     fyne.CanvasObject
}

// newLabelForm returns the fields filled with l; withName adds the name
// field (a new label: renaming has its own dialog).
func (ld *labelsDialog) newLabelForm(l annotate.Label, withName bool) *labelForm {
	u := ld.u
	f := &labelForm{name: newDialogEntry(u), display: newDialogEntry(u), key: newDialogEntry(u), example: newDialogEntry(u)}
	f.name.SetPlaceHolder("Name, as stored and exported: EVENT")
	f.display.SetPlaceHolder("Name as shown: Event")
	f.key.SetPlaceHolder("Shortcut key: 4")
	f.example.SetPlaceHolder("Example: a passage the label fits")
	f.color = widget.NewSelectEntry(annotate.Palette())
	f.color.SetPlaceHolder("Colour: #RRGGBB")
	f.underline = widget.NewSelect(annotate.UnderlineStyles(), nil)
	f.definition = widget.NewMultiLineEntry()
	f.definition.SetPlaceHolder("Codebook definition")
	f.definition.Wrapping = fyne.TextWrapWord
	f.definition.SetMinRowsVisible(3)
	f.name.SetText(l.Name)
	f.display.SetText(l.Display)
	f.key.SetText(l.Key)
	f.color.SetText(l.Color)
	f.underline.SetSelected(l.Underline)
	f.definition.SetText(l.Definition)
	f.example.SetText(l.Example)
	items := []*widget.FormItem{}
	if withName {
		items = append(items, widget.NewFormItem("Name", f.name))
	}
	items = append(items,
		widget.NewFormItem("Shown as", f.display),
		widget.NewFormItem("Colour", f.color),
		widget.NewFormItem("Underline", f.underline),
		widget.NewFormItem("Key", f.key),
		widget.NewFormItem("Definition", f.definition),
		widget.NewFormItem("Example", f.example),
	)
	f.content = widget.NewForm(items...)
	return f
}

// apply returns sc with the label called name given the form's display,
// colour, underline, key, definition and example.
func (f *labelForm) apply(sc annotate.Schema, name string) (annotate.Schema, error) {
	var err error
	for _, step := range []func(annotate.Schema) (annotate.Schema, error){
		func(s annotate.Schema) (annotate.Schema, error) { return s.SetDisplay(name, f.display.Text) },
		func(s annotate.Schema) (annotate.Schema, error) {
			return s.Recolour(name, strings.TrimSpace(f.color.Text))
		},
		func(s annotate.Schema) (annotate.Schema, error) { return s.SetUnderline(name, f.underline.Selected) },
		func(s annotate.Schema) (annotate.Schema, error) { return s.SetKey(name, strings.TrimSpace(f.key.Text)) },
		func(s annotate.Schema) (annotate.Schema, error) {
			return s.SetDefinition(name, f.definition.Text, f.example.Text)
		},
	} {
		if sc, err = step(sc); err != nil {
			return annotate.Schema{}, err
		}
	}
	return sc, nil
}

// edit asks for the label's display name, colour, underline, key,
// definition and example.
func (ld *labelsDialog) edit(l annotate.Label) {
	f := ld.newLabelForm(l, false)
	ld.u.dlg.Form("Edit label "+l.Name, "Save", "Cancel", f.content, 560, func(ok bool) {
		if !ok {
			return
		}
		sc, ok := ld.current()
		if !ok {
			return
		}
		next, err := f.apply(sc, l.Name)
		if err != nil {
			ld.u.dlg.Error(err)
			return
		}
		ld.store(next, "Saved label "+l.Name)
	})
	ld.u.win.Canvas().Focus(f.display)
}

// add asks for a new label, offered the next unused colour, underline
// style and key.
func (ld *labelsDialog) add() {
	sc, ok := ld.current()
	if !ok {
		return
	}
	f := ld.newLabelForm(annotate.Label{Color: sc.Labels.NextColor(), Underline: sc.Labels.NextUnderline(), Key: sc.Labels.NextKey()}, true)
	ld.u.dlg.Form("Add label", "Add", "Cancel", f.content, 560, func(ok bool) {
		if !ok {
			return
		}
		sc, ok := ld.current()
		if !ok {
			return
		}
		name := strings.TrimSpace(f.name.Text)
		next, err := sc.AddLabel(annotate.Label{Name: name, Color: sc.Labels.NextColor(), Underline: sc.Labels.NextUnderline()})
		if err == nil {
			next, err = f.apply(next, name)
		}
		if err != nil {
			ld.u.dlg.Error(err)
			return
		}
		ld.store(next, "Added label "+name)
	})
	ld.u.win.Canvas().Focus(f.name)
}

// rename asks for the label's new name and renames it on every span.
func (ld *labelsDialog) rename(l annotate.Label) {
	field := newDialogEntry(ld.u)
	field.SetText(l.Name)
	field.SetPlaceHolder("New name, as stored and exported")
	note := widget.NewLabel(fmt.Sprintf("Every span labelled %s takes the new name, in one change.", l.Name))
	note.Wrapping = fyne.TextWrapWord
	ld.u.dlg.Form("Rename label "+l.Name, "Rename", "Cancel", container.NewVBox(note, field), 460, func(ok bool) {
		nu := strings.TrimSpace(field.Text)
		if !ok || nu == l.Name {
			return
		}
		if err := ld.ed.RenameLabel(l.Name, nu); err != nil {
			ld.u.dlg.Error(err)
			return
		}
		ld.changed(fmt.Sprintf("Renamed label %s to %s", l.Name, nu))
	})
	ld.u.win.Canvas().Focus(field)
}

// delete deletes the label after saying how many spans go with it; a
// label the schema cannot lose (the only end of a link type) is refused
// before the question.
func (ld *labelsDialog) delete(l annotate.Label) {
	sc, ok := ld.current()
	if !ok {
		return
	}
	if _, err := sc.DeleteLabel(l.Name); err != nil {
		ld.u.dlg.Error(err)
		return
	}
	usage, err := ld.ed.LabelUsage()
	if err != nil {
		ld.u.dlg.Error(err)
		return
	}
	n := usage[l.Name]
	msg := fmt.Sprintf("Delete the label %s? No span carries it.", labelHeading(l))
	if n > 0 {
		msg = fmt.Sprintf("Deleting the label %s removes the %s that carry it, and their links.\nThis cannot be undone.", labelHeading(l), plural(n, "span"))
		if n == 1 {
			msg = fmt.Sprintf("Deleting the label %s removes the 1 span that carries it, and its links.\nThis cannot be undone.", labelHeading(l))
		}
	}
	ld.u.dlg.Confirm("Delete label "+l.Name, msg, "Delete", func(ok bool) {
		if !ok {
			return
		}
		removed, err := ld.ed.DeleteLabel(l.Name)
		if err != nil {
			ld.u.dlg.Error(err)
			return
		}
		ld.changed(fmt.Sprintf("Deleted label %s and %s", l.Name, plural(removed, "span")))
	})
}
