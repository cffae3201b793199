package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
)

// shortcuts lists every keyboard shortcut, for the help screen (F1). The
// README's table of keys lists the same keys, row for row, and names each
// key the window registers (keys_readme_test.go).
var shortcuts = [][2]string{
	{"Drag across words", "select whole words (hold Alt for exact characters); punctuation at the ends only if reached"},
	{"Double-click / Shift+click", "select a word / extend the selection"},
	{"1 / 2 / 3 or A / C / D", "tag the selection Actor / Claim / Denial, or relabel the span"},
	{"Arrows, Home / End", "move the caret as drawn (Ctrl+arrows: by word; Ctrl+Home / End: the text's ends)"},
	{"Shift+arrows / Ctrl+Shift+arrows", "select by character, by word (no span selected)"},
	{"Tab / Shift+Tab", "select the next / previous span; Enter: its note"},
	{"Shift+Left / Shift+Right", "move the selected span's end one word as the arrow points (right to left: its left edge)"},
	{"Alt+Shift+Left / Alt+Shift+Right", "move the selected span's start one word (punctuation stays out unless it was in)"},
	{"F6", "the next pane: article, document list, note"},
	{"Ctrl+F", "find (Enter / F3: next match, Shift+Enter / Shift+F3: previous; a label key tags it)"},
	{"Click a span", "select it (several overlap: pick one from the menu)"},
	{"Delete / Backspace", "delete the selected span (and its links)"},
	{"E", "name the actor's entity, or the claim's or denial's concept"},
	{"M / Shift+M", "tag the span's other mentions in the document / the project, with its entity or concept"},
	{"Drag with the right button", "from a claim or denial to an actor: its source"},
	{"L / Shift+L", "link the claim or denial to its source / target actor"},
	{"Escape", "clear the selection"},
	{"Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y", "undo / redo (in the note field they undo typing)"},
	{"Shift+Enter in the note", "store the note (leaving the field stores it too)"},
	{"Ctrl+Enter", "mark the document done and open the next one not done"},
	{"Ctrl+= / Ctrl+- / Ctrl+0", "zoom in / out / actual size"},
	{"Ctrl+Shift+D / Ctrl+Shift+P", "hide or show the document list / the side panel"},
	{"Ctrl+O / Ctrl+E / Ctrl+Q", "open a project / export it (File → Export…) / quit"},
	{"Enter / Escape in a dialog", "confirm / close"},
	{"Ctrl+Shift+S", "suggestions on / off (or the toolbar's eye): suggested actors, claims and links, dashed"},
	{"Tab / Shift+Tab with suggestions on", "select the next / previous suggestion"},
	{"Enter / Backspace on a suggestion", "accept the suggestion (spans and link) / reject it (Ctrl+Z brings it back)"},
	{"Shift+Enter with suggestions on", "accept every suggestion in the paragraph"},
	{"N / P while comparing", "next / previous difference with a colleague's file or an annotator"},
	{"T / K / X while comparing", "take theirs / keep mine (or the gold layer's) / drop both"},
	{"Ctrl+Shift+W", "end the comparison (Review → End comparison): the colleagues' spans and the Review tab go, the decisions stay stored"},
	{"F1", "this help"},
}

// installShortcuts registers the window's shortcuts and key handlers. The
// article widget forwards to the canvas the shortcuts it does not handle.
//
// Fyne's desktop driver turns Ctrl+Z into fyne.ShortcutUndo and Ctrl+Y into
// fyne.ShortcutRedo, never into a desktop.CustomShortcut, and it runs a
// main menu item whose shortcut matches before anything else: undo and
// redo are registered as those standard shortcuts (the Edit menu's items
// carry them too), and only combinations the driver passes through as
// they are (Ctrl+Shift+Z, Ctrl+Enter…) as custom shortcuts.
func (u *UI) installShortcuts() {
	c := u.win.Canvas()
	add := func(key fyne.KeyName, mod fyne.KeyModifier, fn func()) {
		sc := &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		u.keyBindings = append(u.keyBindings, sc)
		c.AddShortcut(sc, func(fyne.Shortcut) { fn() })
	}
	ctrl := fyne.KeyModifierShortcutDefault
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.Undo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { u.Redo() })
	u.keyBindings = append(u.keyBindings, &fyne.ShortcutUndo{}, &fyne.ShortcutRedo{})
	add(fyne.KeyZ, ctrl|fyne.KeyModifierShift, u.Redo)
	add(fyne.KeyReturn, ctrl, u.DoneAndNext)
	add(fyne.KeyEnter, ctrl, u.DoneAndNext)
	add(fyne.KeyEqual, ctrl, func() { u.Zoom(zoomStep) })
	add(fyne.KeyEqual, ctrl|fyne.KeyModifierShift, func() { u.Zoom(zoomStep) })
	add(fyne.KeyPlus, ctrl, func() { u.Zoom(zoomStep) })
	add(fyne.KeyMinus, ctrl, func() { u.Zoom(1 / zoomStep) })
	add(fyne.Key0, ctrl, func() { u.Zoom(0) })
	add(fyne.KeyO, ctrl, func() { u.chooseProject(false) })
	add(fyne.KeyE, ctrl, u.chooseExport)
	add(fyne.KeyQ, ctrl, u.Quit)
	add(fyne.KeyS, ctrl|fyne.KeyModifierShift, u.ToggleSuggestions)
	add(fyne.KeyW, ctrl|fyne.KeyModifierShift, u.EndComparison)
	c.SetOnTypedRune(u.typedRune)
	c.SetOnTypedKey(u.typedKey)
}

// typedRune handles label keys typed while the article (or nothing) has
// the focus; nothing is tagged while a dialog covers the window.
func (u *UI) typedRune(r rune) {
	if u.dlg.Key("") {
		return
	}
	if u.cmp.key(r) {
		return
	}
	switch r {
	case 'l':
		u.ChooseLink(annotate.RelationSource)
		return
	case 'L':
		u.ChooseLink(annotate.RelationTarget)
		return
	case 'm':
		u.MarkMentions()
		return
	case 'M':
		u.MarkMentionsInProject()
		return
	case 'e', 'E':
		u.AssignName()
		return
	}
	if l, ok := u.labelForRune(r); ok {
		u.ApplyLabel(l.Name)
	}
}

// typedKey handles Delete, Backspace, Escape, F1, F6 (the next pane) and
// Enter (the selected span's note), and Enter and Escape on an open
// dialog.
func (u *UI) typedKey(ev *fyne.KeyEvent) {
	if u.dlg.Key(ev.Name) || u.suggestionKeyTyped(ev.Name) {
		return
	}
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		if u.SelectedSpan() != "" {
			u.DeleteSelected()
		}
	case fyne.KeyEscape:
		u.clearSelection()
	case fyne.KeyF1:
		u.ShowHelp()
	case fyne.KeyF6:
		u.nextPane()
	case fyne.KeyF3:
		if u.search.box.Visible() {
			u.search.submit(!u.article.shift)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		u.openDetails()
	}
}

// ShowHelp shows every shortcut.
func (u *UI) ShowHelp() {
	// The keys' column is as wide as its widest key, at most 40% of the
	// dialog; both columns wrap, so the dialog fits a 800×600 window and
	// scrolls vertically only.
	size := helpSize(u.win.Canvas().Size())
	keyW := float32(0)
	for _, s := range shortcuts {
		keyW = max(keyW, widget.NewLabelWithStyle(s[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}).MinSize().Width)
	}
	keyW = min(keyW, size.Width*0.4)
	content := container.NewVBox()
	for _, s := range shortcuts {
		key := widget.NewLabelWithStyle(s[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		key.Wrapping = fyne.TextWrapWord
		what := widget.NewLabel(s[1])
		what.Wrapping = fyne.TextWrapWord
		content.Add(container.NewBorder(nil, nil, container.New(fixedWidth(keyW), key), nil, what))
	}
	content.Add(widget.NewSeparator())
	content.Add(widget.NewLabelWithStyle("Codebook: what each label means", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, l := range u.labels {
		name := l.Display
		if l.Key != "" {
			name += " (" + l.Key + ")"
		}
		def := widget.NewLabel(codebookEntry(l, "No definition yet (Settings → Labels… adds one)."))
		def.Wrapping = fyne.TextWrapWord
		content.Add(container.NewBorder(nil, nil,
			container.NewHBox(widget.NewIcon(swatch(l)), widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})), nil, def))
	}
	scroll := container.NewVScroll(content)
	scroll.SetMinSize(size)
	d := dialog.NewCustom("Keyboard shortcuts and codebook", "Close", scroll, u.win)
	u.dlg.Show(d, nil, nil)
}

// helpSize is the size of the help's scrolling content in a window of
// size win: 900×620 where that fits, else what leaves room for the
// dialog's title, button and margins.
func helpSize(win fyne.Size) fyne.Size {
	return fyne.NewSize(max(200, min(900, win.Width-80)), max(150, min(620, win.Height-150)))
}

// fixedWidth lays out one object w wide, as tall as it asks to be at that
// width (a wrapped label).
type fixedWidth float32

// MinSize implements fyne.Layout.
func (w fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(w), h)
}

// Layout implements fyne.Layout.
func (w fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(fyne.NewSize(float32(w), size.Height))
	}
}

// codebookEntry returns a label's definition and, on a line of its own,
// its example, for the codebook (F1) and the labels dialog; none stands
// for a missing definition.
func codebookEntry(l annotate.Label, none string) string {
	text := l.Definition
	if text == "" {
		text = none
	}
	if l.Example != "" {
		text += "\nExample: “" + l.Example + "”"
	}
	return text
}
