package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// nameDialog is the form of E: the name of an actor span's entity, with
// its kind and affiliation, or the concept of a claim or denial. Its name
// field suggests the project's names as one types (nameField); choosing
// an existing entity's name shows that entity's kind and affiliation.
type nameDialog struct {
	field   *nameField
	kind    *keySelect // nil for a concept
	affil   *keyEntry  // nil for a concept
	content *fyne.Container

	describe func(name string) (kind, affiliation string)

	// OnConfirm and OnCancel are called on Enter and Escape in any of the
	// dialog's fields.
	OnConfirm, OnCancel func()
}

// kindUnknown is the kind list's first option: no kind.
const kindUnknown = "(kind not known)"

// newNameDialog builds the form: names complete the project's entity or
// concept names (an entity's also by its aliases), name the text the field starts with (selected, so that
// typing replaces it), help a sentence above the field. For an actor,
// describe returns the kind and affiliation of the entity named name (""
// for none or not known), and the form has fields for both; for a
// concept, describe is nil.
func newNameDialog(names *annotate.NameCompleter, name, help string, describe func(name string) (kind, affiliation string)) *nameDialog {
	d := &nameDialog{field: newNameField(names), describe: describe}
	hint := widget.NewLabel(help)
	hint.Wrapping = fyne.TextWrapWord
	d.content = container.NewVBox(hint, d.field.Content())
	d.field.OnConfirm = func() { d.confirm() }
	d.field.OnCancel = func() { d.cancel() }
	if describe != nil {
		d.kind = newKeySelect(append([]string{kindUnknown}, annotate.EntityKinds...), nil)
		d.kind.OnEnter, d.kind.OnEscape = d.confirm, d.cancel
		d.affil = newKeyEntry()
		d.affil.OnEnter, d.affil.OnEscape = d.confirm, d.cancel
		d.affil.SetPlaceHolder("Affiliation: “China — foreign minister”")
		d.content.Add(container.NewGridWithColumns(2, d.kind, d.affil))
		d.field.OnNameChanged = d.show
	}
	d.field.SetName(name)
	return d
}

func (d *nameDialog) confirm() {
	if d.OnConfirm != nil {
		d.OnConfirm()
	}
}

func (d *nameDialog) cancel() {
	if d.OnCancel != nil {
		d.OnCancel()
	}
}

// show shows the kind and affiliation of the entity named name.
func (d *nameDialog) show(name string) {
	if d.describe == nil {
		return
	}
	kind, affil := d.describe(name)
	if kind == "" {
		d.kind.SetSelectedIndex(0)
	} else {
		d.kind.SetSelected(kind)
	}
	d.affil.SetText(affil)
}

// Focus gives the name field the keyboard focus with its text selected.
func (d *nameDialog) Focus(c fyne.Canvas) {
	c.Focus(d.field)
	d.field.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// Name is the name as typed or chosen, trimmed.
func (d *nameDialog) Name() string { return strings.TrimSpace(d.field.Text) }

// Kind is the kind chosen ("" not known); "" for a concept.
func (d *nameDialog) Kind() string {
	if d.kind == nil || d.kind.SelectedIndex() <= 0 {
		return ""
	}
	return d.kind.Selected
}

// Affiliation is the affiliation typed, trimmed; "" for a concept.
func (d *nameDialog) Affiliation() string {
	if d.affil == nil {
		return ""
	}
	return strings.TrimSpace(d.affil.Text)
}
