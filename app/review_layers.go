package app

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/annotate/round"
)

// versions are where a colleague's versions of the project's documents
// come from: a file read beside the project (fileVersions), or an
// annotator of the project itself (layerVersions). The review (the
// differences, N/P/T/K/X, the figures) is the same for both.
type versions interface {
	// record returns their record of the document with the key (spans,
	// relations, the names their spans use), and whether they have it.
	// own returns the project's own record of the document; it is called
	// only by versions cut from the project.
	record(key annotate.DocumentKey, own func() annotate.Record) (annotate.Record, bool)
	// has reports whether they may have the document, without reading the
	// project (the document list's "only here" marks).
	has(key annotate.DocumentKey) bool
	// notIn counts their documents that the project (its index) lacks.
	notIn(project *annotate.DocumentIndex) int
	// where says where they come from, for the legend.
	where() string
}

// fileVersions are a colleague's file (a project or an export), read
// whole: their documents matched to the project's by id, else by text.
type fileVersions struct {
	src   Source
	index *annotate.DocumentIndex
}

func newFileVersions(src Source) *fileVersions {
	f := &fileVersions{src: src, index: annotate.NewDocumentIndex(nil)}
	for j := range src.Records {
		annotate.SortSpans(src.Records[j].Spans) // once, for the article's merge
		f.index.Add(src.Records[j].Document.Key())
	}
	return f
}

func (f *fileVersions) record(key annotate.DocumentKey, _ func() annotate.Record) (annotate.Record, bool) {
	j, ok := f.index.Find(key)
	if !ok {
		return annotate.Record{}, false
	}
	return f.src.Records[j], true
}

func (f *fileVersions) has(key annotate.DocumentKey) bool {
	_, ok := f.index.Find(key)
	return ok
}

func (f *fileVersions) notIn(project *annotate.DocumentIndex) int {
	n := 0
	for _, rec := range f.src.Records {
		if _, ok := project.Find(rec.Document.Key()); !ok {
			n++
		}
	}
	return n
}

func (f *fileVersions) where() string { return filepath.Base(f.src.Path) }

// layerVersions are an annotator of the open project: their layer of each
// document (review.Layer), for the documents they coded by the project's
// rule (cov: its rounds' assignment, else their spans; review.Coverage).
// An empty layer of a document they coded is their "nothing here".
type layerVersions struct {
	name string
	cov  review.Coverage
}

func (l layerVersions) record(key annotate.DocumentKey, own func() annotate.Record) (annotate.Record, bool) {
	if !l.cov.Assigned(key.ID, l.name) {
		return annotate.Record{}, false
	}
	rec := own()
	layer := review.Layer(rec, l.name)
	return layer, l.cov.Coding(rec.Document.ID, l.name, layer) == review.HasCoded
}

func (l layerVersions) has(key annotate.DocumentKey) bool { return l.cov.Assigned(key.ID, l.name) }
func (l layerVersions) notIn(*annotate.DocumentIndex) int { return 0 }
func (l layerVersions) where() string                     { return "in this project" }

// coverage is the open project's rule of which documents its annotators
// coded: by the rounds it handed out, else by their spans.
func (u *UI) coverage() (review.Coverage, bool, error) {
	lead, ok := u.project.(roundLead)
	if !ok {
		return review.BySpans{}, false, nil
	}
	rs, err := lead.Rounds()
	if err != nil {
		return nil, false, fmt.Errorf("read the rounds of %s: %w", u.project.Path(), err)
	}
	return round.ProjectCoverage(rs), len(rs) > 0, nil
}

// mineOf returns what the review takes as mine of a record of the open
// project (Session.SetReviewLayer): the layer's part of it when annotators
// of the project are compared (the gold layer), else, for layer "", all
// of it.
func mineOf(rec annotate.Record, layer string) annotate.Record {
	if layer == "" {
		return rec
	}
	return review.Layer(rec, layer)
}

// layers returns the names of the project's annotators under review.
func (c *comparison) layers() []string {
	var names []string
	for _, col := range c.colleagues {
		if l, ok := col.from.(layerVersions); ok {
			names = append(names, l.name)
		}
	}
	return names
}

// showCompared shows the colleagues' spans in the article beside the
// document's own. When annotators of the project are compared, the
// article's own spans are the gold layer alone: the annotators compared
// show outlined, as a colleague's file's spans do, the others not at all,
// and the links shown are those of the gold layer.
func (c *comparison) showCompared(sets []ComparedSpans) {
	layer := c.sess.ReviewLayer()
	if layer == "" {
		c.article.SetCompared(sets)
		return
	}
	gold := review.Layer(annotate.Record{Spans: c.sess.Spans(), Relations: c.sess.Relations()}, layer)
	c.article.SetOwnAndCompared(gold.Spans, sets)
	c.article.SetRelations(gold.Relations)
}

// CompareAnnotators reviews annotators of the open project against the
// gold layer the user builds under their own name (Settings → Annotator
// name): their spans show outlined, N/P walk the differences, and T, K
// and X decide them into the gold layer, each one transaction and one
// undo step. Names already under review, the user's own and names
// without spans are left out; it says so.
func (u *UI) CompareAnnotators(names ...string) {
	if u.project == nil || u.sess == nil {
		return
	}
	gold := u.sess.Annotator()
	cov, byRound, err := u.coverage()
	if err != nil {
		u.dlg.Error(err)
		return
	}
	var skipped []string
	added := 0
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || n == gold || u.cmp != nil && slices.Contains(u.cmp.layers(), n) {
			skipped = append(skipped, n)
			continue
		}
		u.sess.SetReviewLayer(gold)
		u.addColleague(n, layerVersions{name: n, cov: cov})
		added++
	}
	if added == 0 {
		if len(skipped) > 0 {
			u.setStatus(fmt.Sprintf("Nothing to compare: %s is your own layer or under review already", strings.Join(skipped, ", ")))
		}
		return
	}
	u.side.SelectIndex(len(u.side.Items) - 1) // the Review tab
	u.cmp.show()
	u.docList.RefreshMarks()
	by := ""
	if byRound {
		by = " (by the round's assignment: a coder is compared on the documents handed to them and coded)"
	}
	u.setStatus(fmt.Sprintf("Comparing %s with your gold layer (%s)%s: N next difference, T take theirs, K keep yours, X drop both",
		plural(added, "annotator"), gold, by))
}

// checkReviewerName refuses a new annotator name that is an annotator
// under comparison (review.CheckReviewer): the gold layer follows the
// name (followAnnotator), and would become theirs.
func (u *UI) checkReviewerName(name string) error {
	if u.cmp == nil {
		return nil
	}
	return review.CheckReviewer(name, u.cmp.layers())
}

// followAnnotator keeps the gold layer under the user's name when they
// change it (Settings → Annotator name) while comparing annotators: the
// spans they make by hand are then the gold layer's, as those T takes.
// It reports whether the layer changed.
func (c *comparison) followAnnotator() bool {
	l := c.sess.ReviewLayer()
	if l == "" || l == c.sess.Annotator() {
		return false
	}
	c.sess.SetReviewLayer(c.sess.Annotator())
	c.showLegend(c.sess.ReviewLayer())
	c.status(fmt.Sprintf("The gold layer is now %s’s (the annotator name); %s’s spans are no longer shown as yours", c.sess.Annotator(), l))
	return true
}

// projectAnnotators returns the annotators of the project's spans (its
// kept counts: nothing is read span by span), sorted, with their number of
// spans.
func (u *UI) projectAnnotators() ([]string, map[string]int, error) {
	st, err := u.project.Stats()
	if err != nil {
		return nil, nil, fmt.Errorf("count the annotators of %s: %w", u.project.Path(), err)
	}
	var names []string
	for n, c := range st.ByAnnotator {
		if c > 0 {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names, st.ByAnnotator, nil
}

// withRoundCoders adds to names (sorted) the coders of the project's
// rounds whose package was collected: one who coded every document handed
// to them as "nothing here" has no span, yet is compared.
func (u *UI) withRoundCoders(names []string) ([]string, error) {
	lead, ok := u.project.(roundLead)
	if !ok {
		return names, nil
	}
	rs, err := lead.Rounds()
	if err != nil {
		return nil, fmt.Errorf("read the rounds of %s: %w", u.project.Path(), err)
	}
	for _, r := range rs {
		for i := range r.Coders {
			if c := &r.Coders[i]; c.Returned() && !slices.Contains(names, c.Name) {
				names = append(names, c.Name)
			}
		}
	}
	slices.Sort(names)
	return names, nil
}

// chooseAnnotators asks which annotators of the project to compare with
// the gold layer (Review → Compare annotators…): a checklist of the
// annotators of its spans other than the user; Tab and Space tick them,
// Enter compares, Escape cancels.
func (u *UI) chooseAnnotators() {
	if u.project == nil || u.sess == nil {
		return
	}
	names, counts, err := u.projectAnnotators()
	if err != nil {
		u.dlg.Error(err)
		return
	}
	if names, err = u.withRoundCoders(names); err != nil {
		u.dlg.Error(err)
		return
	}
	gold := u.sess.Annotator()
	var checks []fyne.CanvasObject
	chosen := map[string]bool{}
	for _, n := range names {
		if n == gold {
			continue
		}
		n := n
		checks = append(checks, newDialogCheck(u, fmt.Sprintf("%s (%s)", annotate.ControlPictures(n), plural(counts[n], "span")), func(on bool) { chosen[n] = on }))
	}
	if len(checks) == 0 {
		u.dlg.Error(fmt.Errorf("compare annotators: no spans in this project by anyone but you (%s)", gold))
		return
	}
	intro := widget.NewLabel(fmt.Sprintf("Compare these annotators with the gold layer you build\nunder your name, %s (Settings → Annotator name).\nT takes theirs into it, K keeps yours, X drops both.", gold))
	list := container.NewVBox(checks...)
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(list.MinSize().Width, min(list.MinSize().Height, 320)))
	content := container.NewVBox(intro, widget.NewSeparator(), scroll)
	// Enter compares, Escape cancels; Tab and Space tick the checks.
	u.dlg.Form("Compare annotators", "Compare", "Cancel", content, 440, func(ok bool) {
		if !ok {
			return
		}
		var picked []string
		for _, n := range names {
			if chosen[n] {
				picked = append(picked, n)
			}
		}
		if len(picked) == 0 {
			u.setStatus("No annotator chosen: nothing to compare")
			return
		}
		u.CompareAnnotators(picked...)
	})
}

// dialogCheck is a check box of a dialog: Space ticks it, and Enter and
// Escape act on the dialog, as they do when the box does not have the
// focus.
type dialogCheck struct {
	widget.Check
	u *UI
}

func newDialogCheck(u *UI, text string, changed func(bool)) *dialogCheck {
	c := &dialogCheck{u: u}
	c.Text, c.OnChanged = text, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey hands Enter and Escape to the dialog the box is in.
func (c *dialogCheck) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
		c.u.dlg.Key(ev.Name)
		return
	}
	c.Check.TypedKey(ev)
}

// reviewMenu is the Review menu: comparing annotators of the project.
func (u *UI) reviewMenu() *fyne.Menu {
	layers := fyne.NewMenuItem("Compare annotators…", u.chooseAnnotators)
	u.actions.needProject = append(u.actions.needProject, layers)
	end := fyne.NewMenuItem("End comparison", u.EndComparison)
	end.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	u.actions.needComparison = append(u.actions.needComparison, end)
	return fyne.NewMenu("Review", layers, end)
}
