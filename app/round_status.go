package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/round"
)

// roundLead is a project that records the rounds it handed out
// (claimdesk assign).
type roundLead interface {
	Rounds() ([]round.Round, error)
}

// RoundStatus is the text View → Round status… shows for the open
// project: the latest round's status as claimdesk status prints it
// (round.WriteStatus), or what the project is instead.
func (u *UI) RoundStatus() string {
	if u.project == nil {
		return "No project is open."
	}
	if pkg, ok := packageOf(u.project); ok {
		return "This is " + annotate.Printable(pkg.Coder) + "'s package of round " + annotate.Printable(round.ShortID(pkg.Round)) +
			".\nThe round's status is in the lead's project: claimdesk status, or View → Round status… there."
	}
	lead, ok := u.project.(roundLead)
	if !ok {
		return "This project cannot hand out rounds."
	}
	rs, err := lead.Rounds()
	if err != nil {
		return "The project's rounds cannot be read: " + err.Error()
	}
	if len(rs) == 0 {
		return "This project handed out no round.\nclaimdesk assign PROJECT -coders ana,bo -o DIR hands one out; claimdesk collect brings the packages back."
	}
	var b strings.Builder
	round.WriteStatus(&b, &rs[len(rs)-1], time.Now())
	if len(rs) > 1 {
		b.WriteString("\n(the latest of " + plural(len(rs), "round") + "; claimdesk status -round ID shows another)\n")
	}
	return b.String()
}

// ShowRound shows the latest round's status (View → Round status…): who
// has returned what, how far each coder is, and the agreement on the
// overlap sample as of the last collect.
func (u *UI) ShowRound() {
	text := widget.NewLabelWithStyle(u.RoundStatus(), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	scroll := container.NewScroll(text)
	scroll.SetMinSize(fyne.NewSize(900, 560))
	d := dialog.NewCustom("Round status", "Close", scroll, u.win)
	u.dlg.Show(d, nil, nil)
}
