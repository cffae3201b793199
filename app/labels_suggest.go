package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/suggest"
)

// The suggester's rules in Settings → Labels: the words and marks the
// attribution suggester (annotate/suggest) looks for, kept in the
// project's schema ("suggest", as `claimdesk schema` writes and reads it),
// with English defaults. A lab adds its own language's verbs here; the
// whole form is stored in one transaction (SetSchema).

// suggestRows returns the heading, a summary of the rules in effect and
// the button that edits them.
func (ld *labelsDialog) suggestRows(sc annotate.Schema) []fyne.CanvasObject {
	heading := widget.NewLabelWithStyle("Suggestion rules", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var text string
	if r, err := suggest.RulesOf(sc.Suggest); err != nil {
		text = err.Error()
	} else {
		own := "English defaults"
		if len(sc.Suggest) > 0 {
			own = "The project's own"
		}
		text = fmt.Sprintf("%s: %s, %s, %s (%s)", own, plural(len(r.SpeechVerbs), "speech verb"),
			plural(len(r.DenialVerbs), "denial verb"), plural(len(r.Quotes), "quotation mark pair"), suggestionKey+" shows suggestions")
	}
	summary := widget.NewLabel(text)
	summary.Wrapping = fyne.TextWrapWord
	edit := widget.NewButton("Edit suggestion rules…", ld.editSuggestRules)
	return []fyne.CanvasObject{widget.NewSeparator(), heading, container.NewBorder(nil, nil, nil, edit, summary)}
}

// suggestForm is the fields of the rules' form, one per list.
type suggestForm struct {
	speech, object, denial, according, quotes, titles, pronouns *dialogEntry
	content                                                     fyne.CanvasObject
}

// ruleField returns a field of comma-separated entries, wrapped, that
// Enter stores and Escape leaves.
func (ld *labelsDialog) ruleField(text, placeholder string) *dialogEntry {
	e := newDialogEntry(ld.u)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	e.SetPlaceHolder(placeholder)
	e.SetText(text)
	return e
}

func (ld *labelsDialog) newSuggestForm(r suggest.Rules) *suggestForm {
	f := &suggestForm{
		speech:    ld.ruleField(suggest.FormatWords(r.SpeechVerbs), "Speech verbs: said, claimed, warned"),
		object:    ld.ruleField(suggest.FormatWords(r.ObjectVerbs), "Verbs with a listener: told, assured"),
		denial:    ld.ruleField(suggest.FormatWords(r.DenialVerbs), "Denial verbs: denied, rejected, declined to"),
		according: ld.ruleField(suggest.FormatWords(r.According), "Source phrases: according to"),
		quotes:    ld.ruleField(suggest.FormatQuotes(r.Quotes), "Quotation marks: “ ”, \" \", « »"),
		titles:    ld.ruleField(suggest.FormatWords(r.Titles), "Titles before a name: Mr, Dr, Minister"),
		pronouns:  ld.ruleField(suggest.FormatWords(r.Pronouns), "Pronouns for the last person named: he, she"),
	}
	hint := widget.NewLabel("Entries are separated by commas; an entry of several words (declined to) matches them in a row. " +
		"A quotation mark pair is its opening and closing mark with a space between. Enter saves.")
	hint.Wrapping = fyne.TextWrapWord
	f.content = container.NewBorder(hint, nil, nil, nil, widget.NewForm(
		widget.NewFormItem("Speech verbs", f.speech),
		widget.NewFormItem("Told (that)", f.object),
		widget.NewFormItem("Denial verbs", f.denial),
		widget.NewFormItem("According to", f.according),
		widget.NewFormItem("Quotation marks", f.quotes),
		widget.NewFormItem("Titles", f.titles),
		widget.NewFormItem("Pronouns", f.pronouns),
	))
	return f
}

// rules returns r with the form's lists.
func (f *suggestForm) rules(r suggest.Rules) (suggest.Rules, error) {
	for _, w := range []struct {
		what  string
		field *dialogEntry
		to    *[]string
	}{
		{"speech verbs", f.speech, &r.SpeechVerbs}, {"verbs with a listener", f.object, &r.ObjectVerbs},
		{"denial verbs", f.denial, &r.DenialVerbs}, {"according to", f.according, &r.According},
		{"titles", f.titles, &r.Titles}, {"pronouns", f.pronouns, &r.Pronouns},
	} {
		list, err := suggest.ParseWords(w.what, w.field.Text)
		if err != nil {
			return suggest.Rules{}, err
		}
		*w.to = list
	}
	qs, err := suggest.ParseQuotes(f.quotes.Text)
	if err != nil {
		return suggest.Rules{}, err
	}
	r.Quotes = qs
	return r, nil
}

// editSuggestRules shows the rules in effect to edit, with a button that
// puts the English defaults back in the form; Save stores them in the
// schema in one transaction and shows the open document's suggestions by
// the new rules.
func (ld *labelsDialog) editSuggestRules() {
	sc, ok := ld.current()
	if !ok {
		return
	}
	r, err := suggest.RulesOf(sc.Suggest)
	if err != nil {
		r = suggest.DefaultRules() // the form shows the defaults; Save replaces what cannot be read
	}
	f := ld.newSuggestForm(r)
	reset := widget.NewButton("English defaults", func() {
		d := suggest.DefaultRules()
		f.speech.SetText(suggest.FormatWords(d.SpeechVerbs))
		f.object.SetText(suggest.FormatWords(d.ObjectVerbs))
		f.denial.SetText(suggest.FormatWords(d.DenialVerbs))
		f.according.SetText(suggest.FormatWords(d.According))
		f.quotes.SetText(suggest.FormatQuotes(d.Quotes))
		f.titles.SetText(suggest.FormatWords(d.Titles))
		f.pronouns.SetText(suggest.FormatWords(d.Pronouns))
	})
	content := container.NewBorder(nil, container.NewHBox(reset), nil, nil, f.content)
	ld.u.dlg.Form("Suggestion rules", "Save", "Cancel", content, 640, func(ok bool) {
		if !ok {
			return
		}
		sc, ok := ld.current()
		if !ok {
			return
		}
		nu, err := f.rules(r)
		if err == nil {
			sc.Suggest, err = suggest.Encode(nu)
		}
		if err == nil {
			err = ld.ed.SetSchema(sc)
		}
		if err != nil {
			ld.u.dlg.Error(err)
			return
		}
		ld.refresh()
		if ld.u.sugg.on {
			ld.u.computeSuggestions()
		}
		ld.u.setStatus("Saved the suggestion rules")
	})
	ld.u.win.Canvas().Focus(f.speech)
}
