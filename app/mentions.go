package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
)

// MarkMentions looks in the open document for the other places where the
// selected span's text stands as whole words and not yet tagged with its
// label, and offers them as suggestions: each can be kept or left out,
// and the ones kept are tagged at once, as one undoable step.
func (u *UI) MarkMentions() {
	if !u.canEdit() {
		return
	}
	src, ok := u.sess.Span(u.sess.SelectedSpan())
	if !ok {
		u.setStatus("Select a span first (an actor's name, say), then press M to find its other mentions")
		return
	}
	name := u.slice(src.Start, src.End)
	tagged := map[[2]int]bool{}
	for _, s := range u.sess.Spans() {
		if s.Label == src.Label {
			tagged[[2]int{s.Start, s.End}] = true
		}
	}
	var found []annotate.Mention
	for _, m := range annotate.Mentions(u.sess.Document().Text, name) {
		if !tagged[[2]int{m.Start, m.End}] {
			found = append(found, m)
		}
	}
	if len(found) == 0 {
		u.setStatus(fmt.Sprintf("No other untagged mention of “%s” in this document", oneLine(shorten(name, 40))))
		return
	}
	checks := make([]*widget.Check, len(found))
	rows := container.NewVBox()
	for i, m := range found {
		before := u.slice(max(m.Start-30, 0), m.Start)
		after := u.slice(m.End, min(m.End+30, annotate.RuneCount(u.sess.Document().Text)))
		checks[i] = widget.NewCheck(oneLine(fmt.Sprintf("…%s[%s]%s…", before, name, after)), nil)
		checks[i].SetChecked(true)
		rows.Add(checks[i])
	}
	label := u.labelDisplay(src.Label)
	intro := widget.NewLabel(fmt.Sprintf("Tag these mentions of “%s” %s? Untick the ones to leave out.", oneLine(shorten(name, 40)), label))
	intro.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(520, min(float32(len(found))*38, 300)))
	u.showForm(plural(len(found), "other mention"), "Tag them", "Cancel",
		container.NewVBox(intro, scroll), 600, func(ok bool) {
			if !ok {
				return
			}
			var keep []annotate.Mention
			for i, m := range found {
				if checks[i].Checked {
					keep = append(keep, m)
				}
			}
			u.tagMentions(keep, src.Label, name)
		})
}

// tagMentions tags the mentions with label as one undoable step.
func (u *UI) tagMentions(ms []annotate.Mention, label, name string) {
	if len(ms) == 0 {
		return
	}
	what := fmt.Sprintf("tag %s of “%s”", plural(len(ms), "mention"), oneLine(shorten(name, 30)))
	u.perform(what, func() (session.Effect, error) {
		cmds := make([]session.Command, 0, len(ms))
		for _, m := range ms {
			c, err := u.sess.AddCommand(m.Start, m.End, label)
			if err != nil {
				return session.Effect{}, err
			}
			cmds = append(cmds, c)
		}
		return u.sess.Do(session.Batch(what, cmds...))
	})
}
