package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
)

// everyAnnotator is the annotator filter's choice that keeps every span.
const everyAnnotator = "Every annotator"

// exportDialog is File → Export…'s form: the format, the options that
// format takes (format.Format.Options: the flags of `claimdesk export`,
// shown only for the format that takes them, with their defaults), what
// to leave out (documents not done, other annotators' spans), and the
// file. It asks format for everything it offers.
type exportDialog struct {
	u       *UI
	target  *targetForm
	formats *keySelect
	about   *widget.Label
	options *fyne.Container // the chosen format's options, rebuilt on each choice
	fields  []*optionField  // the chosen format's options

	doneOnly  *dialogCheck
	annotator *keySelect
	labels    []*dialogCheck // one per label of the project, all ticked at first: the labels exported
	split     *dialogEntry   // the percentages of a train/dev/test split ("80/10/10"), or empty
	content   fyne.CanvasObject
	scroll    *container.Scroll // the content, scrolled in a window too low for it
	// refit fits the shown dialog to its content again, after the
	// content's rows changed; nil until it shows.
	refit func()
}

// optionField is one option's row: a choice of its values, or a check for
// an on/off option, with what the chosen value does.
type optionField struct {
	opt   format.Option
	sel   *keySelect   // an option with values
	check *dialogCheck // an on/off option
	help  *widget.Label
}

// value is the field's value: the chosen value's name, or "on" / "".
func (f *optionField) value() string {
	if f.check != nil {
		if f.check.Checked {
			return "on"
		}
		return ""
	}
	return f.sel.Selected
}

// exportChoice is what the dialog chose: the format, its options and the
// filter of what is exported.
type exportChoice struct {
	name   string
	opts   format.ExportOptions
	filter format.Filter
	split  format.Split // no Percent: one file
}

// newExportDialog makes the form, proposing the first format and a file
// named after the project in its folder.
func (u *UI) newExportDialog() *exportDialog {
	names := format.WriterNames()
	stem := filepath.Base(u.project.Path())
	stem = stem[:len(stem)-len(filepath.Ext(stem))]
	d := &exportDialog{u: u, target: u.newTargetForm(stem + exportExtension(names[0]))}
	d.about = widget.NewLabel("")
	d.about.Wrapping = fyne.TextWrapWord
	d.options = container.New(layout.NewFormLayout())
	var exts []string
	for _, n := range names {
		exts = append(exts, exportExtension(n))
	}
	slices.SortFunc(exts, func(a, b string) int { return len(b) - len(a) }) // ".doccano.jsonl" before ".jsonl"
	d.formats = d.newSelect(names, func(name string) {
		d.target.setExt(exportExtension(name), exts)
		d.showFormat(name)
	})
	d.doneOnly = newDialogCheck(d.u, "Only documents marked done (training data)", nil)
	annotators := []string{everyAnnotator}
	if names, _, err := u.projectAnnotators(); err == nil {
		annotators = append(annotators, names...)
	}
	d.annotator = d.newSelect(annotators, nil)
	d.annotator.SetSelected(everyAnnotator)
	labelRow := container.NewGridWithColumns(4)
	for _, l := range u.labels {
		c := newDialogCheck(u, l.Display, nil)
		c.SetChecked(true)
		d.labels = append(d.labels, c)
		labelRow.Add(c)
	}
	choose := widget.NewButtonWithIcon("Folder…", theme.FolderOpenIcon(), d.target.chooseFolder)
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Format"), d.formats)
	leave := container.New(layout.NewFormLayout(),
		widget.NewLabel("Spans by"), d.annotator,
		widget.NewLabel("Labels"), labelRow,
		widget.NewLabel("File name"), d.target.name,
		widget.NewLabel("In the folder"), container.NewBorder(nil, nil, nil, choose, d.target.folderL))
	d.split = newDialogEntry(u)
	d.split.SetPlaceHolder("80/10/10")
	splitL := widget.NewLabel("Split train/dev/test")
	filters := container.NewBorder(nil, nil, d.doneOnly, nil, container.NewBorder(nil, nil, splitL, nil, d.split))
	d.content = container.NewVBox(form, d.about, d.options, filters, leave)
	d.formats.SetSelected(names[0])
	return d
}

// showFormat shows what the format name is for and the options it takes,
// each set to its default.
func (d *exportDialog) showFormat(name string) {
	d.about.SetText(exportDescriptions[name])
	f, _ := format.Lookup(name)
	d.fields = nil
	d.options.Objects = nil
	for _, o := range f.Options() {
		fd := &optionField{opt: o, help: widget.NewLabel("")}
		fd.help.Wrapping = fyne.TextWrapWord
		fd.help.Importance = widget.LowImportance
		var field fyne.CanvasObject
		if o.Values == nil {
			fd.check = newDialogCheck(d.u, o.Title, func(bool) { d.showNeeds() })
			fd.help.SetText(o.Help)
			field = fd.check
			d.options.Add(widget.NewLabel(""))
		} else {
			fd.sel = d.newSelect(o.ValueNames(), func(v string) {
				for _, ov := range o.Values {
					if ov.Name == v {
						fd.help.SetText(ov.Help)
					}
				}
				d.fit()
			})
			fd.sel.SetSelected(o.Default())
			field = fd.sel
			d.options.Add(widget.NewLabel(o.Title))
		}
		d.options.Add(container.NewVBox(field, fd.help))
		d.fields = append(d.fields, fd)
	}
	d.showNeeds()
	d.options.Refresh()
	d.fit()
}

// fit lays the dialog's rows out again, and the dialog around them, after
// rows were added, removed or changed height.
func (d *exportDialog) fit() {
	if d.content != nil { // not while the dialog is made
		d.content.Refresh()
	}
	if d.refit != nil {
		d.refit()
	}
}

// showNeeds enables each option whose Needs is on, and disables the
// others, saying what they wait for.
func (d *exportDialog) showNeeds() {
	for _, fd := range d.fields {
		if fd.opt.Needs == "" || fd.sel == nil {
			continue
		}
		if d.field(fd.opt.Needs).value() != "" {
			fd.sel.Enable()
			for _, ov := range fd.opt.Values {
				if ov.Name == fd.sel.Selected {
					fd.help.SetText(ov.Help)
				}
			}
			continue
		}
		fd.sel.Disable()
		fd.help.SetText("Only with “" + d.field(fd.opt.Needs).opt.Title + "”: spans are kept as they are.")
	}
	d.fit()
}

// field returns the chosen format's field of the option flag; one with no
// value when the format has no such option.
func (d *exportDialog) field(flag string) *optionField {
	for _, fd := range d.fields {
		if fd.opt.Flag == flag {
			return fd
		}
	}
	return &optionField{check: &dialogCheck{}}
}

// newSelect returns a drop-down list of the dialog, whose Enter and
// Escape confirm and cancel it (keySelect).
func (d *exportDialog) newSelect(options []string, changed func(string)) *keySelect {
	s := newKeySelect(options, changed)
	s.OnEnter = func() { d.u.dlg.Key(fyne.KeyReturn) }
	s.OnEscape = func() { d.u.dlg.Key(fyne.KeyEscape) }
	return s
}

// choice returns what the form chose, or the error of a split that is
// not one (format.ParseSplit, with export's default seed). An option
// whose Needs is off is left at its default.
func (d *exportDialog) choice() (exportChoice, error) {
	c := exportChoice{name: d.formats.Selected}
	if s := strings.TrimSpace(d.split.Text); s != "" {
		sp, err := format.ParseSplit(s, 1)
		if err != nil {
			return c, err
		}
		c.split = sp
	}
	for _, fd := range d.fields {
		v := fd.value()
		if fd.opt.Needs != "" && d.field(fd.opt.Needs).value() == "" {
			continue
		}
		switch fd.opt.Flag {
		case "mode", "layer":
			c.opts.Mode = v
		case "offsets":
			c.opts.Offsets = v
		case "tokens":
			c.opts.Tokens = v != ""
		case "align":
			c.opts.Align = v
		case "raw":
			c.opts.Raw = v != ""
		}
	}
	if d.doneOnly.Checked {
		c.filter.Status = annotate.StatusDone
	}
	if a := d.annotator.Selected; a != "" && a != everyAnnotator {
		c.filter.Annotator = a
	}
	var labels []string
	for i, l := range d.labels {
		if l.Checked {
			labels = append(labels, d.u.labels[i].Name)
		}
	}
	if len(labels) < len(d.labels) {
		c.filter.Labels = append([]string{}, labels...) // not nil: none ticked keeps no span
	}
	return c, nil
}

// chooseExport asks for a format, its options and a file, then writes the
// project to it (File → Export…).
func (u *UI) chooseExport() {
	if u.project == nil || !u.panel.saveNote() {
		return
	}
	d := u.newExportDialog()
	answer := false
	d.scroll = container.NewVScroll(d.content)
	dlg := dialog.NewCustomConfirm("Export "+filepath.Base(u.project.Path()), "Export", "Cancel", d.scroll, func(ok bool) { answer = ok }, u.win)
	width := float32(600)
	if w := u.win.Canvas().Size().Width; w > 0 {
		width = min(width, w-20)
	}
	d.refit = func() {
		// The height its content needs, scrolled within a window too low.
		h := d.content.MinSize().Height
		if wh := u.win.Canvas().Size().Height; wh > 0 {
			h = min(h, wh-130) // the dialog's title, buttons and margins
		}
		d.scroll.SetMinSize(fyne.NewSize(0, h))
		dlg.Resize(fyne.NewSize(width, 0))
	}
	d.refit()
	u.dlg.ShowThen(dlg, dlg.Confirm, dlg.Dismiss, func() { u.exportChosen(d, answer) })
}

// exportChosen exports as the dialog d chose, when ok (its Export).
func (u *UI) exportChosen(d *exportDialog, ok bool) {
	path := d.target.path()
	c, err := d.choice()
	u.exportFilter = c.filter
	if !ok || path == "" {
		return
	}
	if err != nil {
		u.dlg.Error(err)
		return
	}
	if f, _ := format.Lookup(c.name); f.Folder {
		u.exportWith(path, c) // a folder: written only when new or empty
		return
	}
	paths := []string{path}
	if c.split.Percent != nil {
		paths = nil
		for i := range c.split.Percent {
			paths = append(paths, format.SplitPath(path, i))
		}
	}
	var there []string
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			there = append(there, p)
		}
	}
	if len(there) > 0 {
		exist := " exists"
		if len(there) > 1 {
			exist = " exist"
		}
		u.dlg.Confirm("Replace "+namesOf(there, 3)+"?",
			strings.Join(there, ", ")+exist+". Replace it with this export? It stays as it is until the new file is complete.",
			"Replace", func(ok bool) {
				if ok {
					u.exportWith(path, c)
				}
			})
		return
	}
	u.exportWith(path, c)
}
