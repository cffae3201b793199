package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
)

// mention is a suggestion of MarkMentions: a place in a document, with a
// few words around it.
type mention struct {
	doc, title string
	m          annotate.Mention
	context    string
}

// MarkMentions looks in the open document for the other places where the
// selected span's text stands as whole words, not yet tagged with its
// label, and offers them as suggestions: each can be kept or left out,
// and the ones kept are tagged at once, as one undoable step.
func (u *UI) MarkMentions() {
	src, name, ok := u.mentionSource("M")
	if !ok {
		return
	}
	doc, _ := u.sess.DocumentInfo(u.sess.Document().ID)
	found, err := findMatches(context.Background(), u.project, []annotate.DocumentInfo{doc}, name, src.Label, annotate.Mentions, nil)
	if err != nil {
		u.dlg.Error(err)
		return
	}
	u.offerMentions(found, src, src.Label, name, "in this document")
}

// MarkMentionsInProject is MarkMentions over every document of the
// project: the documents are searched in the background, and the mentions
// kept are tagged as one undoable step of the open document (undoing it
// removes them from every document).
func (u *UI) MarkMentionsInProject() {
	src, name, ok := u.mentionSource("Shift+M")
	if !ok {
		return
	}
	u.findInProject("Looking for", name, src.Label, annotate.Mentions, func(found []mention) {
		u.offerMentions(found, src, src.Label, name, "in the project")
	})
}

// findInProject looks for name in every document in the background, as
// findMatches does, with a progress dialog that can cancel, and gives
// done what it found; an error is shown instead.
func (u *UI) findInProject(what, name, label string, find func(text, name string) []annotate.Mention, done func([]mention)) {
	p, docs := u.project, u.sess.Documents()
	var found []mention
	u.background(what+" “"+oneLine(shorten(name, 30))+"”", "Searching every document", func(ctx context.Context, progress func(float64)) error {
		var err error
		found, err = findMatches(ctx, p, docs, name, label, find, progress)
		return err
	}, func(err error) {
		switch {
		case canceled(err):
		case err != nil:
			u.dlg.Error(err)
		default:
			done(found)
		}
	})
}

// mentionSource returns the selected span and its text, or tells the
// user to select one first (key names the key that was pressed).
func (u *UI) mentionSource(key string) (annotate.Span, string, bool) {
	if !u.canEdit() {
		return annotate.Span{}, "", false
	}
	src, ok := u.sess.Span(u.sess.SelectedSpan())
	if !ok {
		u.setStatus("Select a span first (an actor's name, say), then press " + key + " to find its other mentions")
		return src, "", false
	}
	return src, u.slice(src.Start, src.End), true
}

// findMatches returns the places find finds name in the documents
// (annotate.Mentions: whole words; annotate.Search: anywhere, ignoring
// case) that no span with label covers exactly; with label "", all of
// them.
func findMatches(ctx context.Context, p Project, docs []annotate.DocumentInfo, name, label string, find func(text, name string) []annotate.Mention, progress func(float64)) ([]mention, error) {
	var found []mention
	for k, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		doc, err := p.Document(d.ID)
		if err != nil {
			return nil, err
		}
		ms := find(doc.Text, name)
		if len(ms) == 0 {
			continue
		}
		spans, err := p.Spans(d.ID)
		if err != nil {
			return nil, err
		}
		tagged := map[[2]int]bool{}
		for _, s := range spans {
			if s.Label == label {
				tagged[[2]int{s.Start, s.End}] = true
			}
		}
		n := annotate.RuneCount(doc.Text)
		for _, m := range ms {
			if label != "" && tagged[[2]int{m.Start, m.End}] {
				continue
			}
			before, _ := annotate.SliceRunes(doc.Text, max(m.Start-25, 0), m.Start)
			match, _ := annotate.SliceRunes(doc.Text, m.Start, m.End)
			after, _ := annotate.SliceRunes(doc.Text, m.End, min(m.End+25, n))
			found = append(found, mention{doc: d.ID, title: annotate.ControlPictures(d.Title), m: m, context: oneLine("…" + before + "[" + match + "]" + after + "…")})
		}
		if progress != nil {
			progress(float64(k+1) / float64(len(docs)))
		}
	}
	return found, nil
}

// offerMentions lists the suggestions by document, a tick each, and tags
// the ones kept with label as one undoable step, in one transaction
// (session.AddMentions); they name the entity and have the concept of from,
// the span they were found from, when it has the label.
func (u *UI) offerMentions(found []mention, from annotate.Span, label, name, where string) {
	if len(found) == 0 {
		u.setStatus(fmt.Sprintf("No other untagged mention of “%s” %s", oneLine(shorten(name, 40)), where))
		return
	}
	checks := make([]*widget.Check, len(found))
	rows := container.NewVBox()
	last := ""
	for i, f := range found {
		if f.doc != last {
			rows.Add(widget.NewLabelWithStyle(f.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			last = f.doc
		}
		checks[i] = widget.NewCheck(f.context, nil)
		checks[i].SetChecked(true)
		rows.Add(checks[i])
	}
	intro := widget.NewLabel(fmt.Sprintf("Tag these mentions of “%s” %s? Untick the ones to leave out.", oneLine(shorten(name, 40)), u.labelDisplay(label)))
	intro.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(560, min(float32(len(found)+2)*38, 320)))
	u.dlg.Form(plural(len(found), "other mention")+" "+where, "Tag them", "Cancel", container.NewVBox(intro, scroll), 640, func(ok bool) {
		if !ok {
			return
		}
		var places []session.Place
		for i, f := range found {
			if checks[i].Checked {
				places = append(places, session.Place{DocumentID: f.doc, Start: f.m.Start, End: f.m.End})
			}
		}
		if len(places) == 0 {
			return
		}
		what := fmt.Sprintf("tag %s of “%s”", plural(len(places), "mention"), oneLine(shorten(name, 30)))
		if u.perform(what, func() (session.Effect, error) {
			return u.sess.AddMentions(what, from, label, places)
		}) {
			u.sess.ReloadDocuments()
			u.docs = u.sess.Documents()
			u.docList.SetDocuments(u.docs)
		}
	})
}
