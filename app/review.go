package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/annotate/session"
)

// Source is a colleague's annotations, opened for review beside the open
// project: their documents (matched to the project's by id, else by the
// SHA-256 of the text; the texts themselves are not needed) and spans.
type Source struct {
	Name    string // who: the annotator, or the file's name
	Path    string
	Records []annotate.Record
}

// SourceOpener reads a colleague's project file (read-only: neither its
// bytes nor its modification time change) or an export.
type SourceOpener func(path string) (Source, error)

// colleague is a colleague under review: a file beside the project
// (fileVersions, a Source) or an annotator of the project itself
// (layerVersions), shown with a border style and initials of their own.
type colleague struct {
	Name       string
	from       versions
	initials   string
	style      string // the border style their spans are drawn with, in words
	onlyTheirs int    // documents of theirs that the project does not have
}

// borderStyles names, in words, the border styles of colleague 0, 1, 2, 3
// (see articleRenderer.outline).
var borderStyles = []string{"square outline", "rounded outline", "double outline", "heavy outline"}

func newColleague(name string, from versions, i int) *colleague {
	return &colleague{Name: name, from: from, style: borderStyles[i%len(borderStyles)], initials: initials(name)}
}

// theirs returns the colleague's version of the open document for the
// session's review commands, and whether they have the document.
func (c *colleague) theirs(s *session.Session) (session.Theirs, bool) {
	doc := s.Document()
	rec, ok := c.from.record(doc.Key(), s.Record)
	return session.Theirs{Name: c.Name, Record: rec}, ok
}

// initials are the first letters of a name's words, or its first two
// letters: "Bob Smith" → "BS", "bob" → "bo".
func initials(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	switch {
	case len(words) >= 2:
		a, b := []rune(words[0]), []rune(words[1])
		return string(a[0]) + string(b[0])
	case len(words) == 1:
		r := []rune(words[0])
		return string(r[:min(2, len(r))])
	}
	return "?"
}

// comparison is the review of the open project against colleagues'
// sources: who is shown, and the differences of the open document with
// the decisions the project stores for them.
type comparison struct {
	colleagues []*colleague
	shown      []bool
	items      []review.Item // of the open document, with every shown colleague
	cur        int           // the current difference, -1 for none
	text       *review.Text  // the open document's text, prepared for the figures
	textOf     string        // the document text is of

	content  *fyne.Container
	legend   *fyne.Container
	summary  *widget.Label
	figures  *widget.Label
	list     *widget.List
	updating bool

	project      *widget.Label // the whole project's figures, once measured
	ranked       []rankedDoc   // documents by disagreement, most first
	rankedList   *widget.List
	rankedHolder *fyne.Container // shows rankedList once there is something to show
}

// rankedDoc is a document with its agreement with the colleagues shown:
// the lowest overall exact F1 among them.
type rankedDoc struct {
	id, title string
	f1        float64
}

// Compare adds colleagues' sources (project files or exports) to the
// window for review. Errors are shown; the sources that open are added.
func (u *UI) Compare(paths ...string) {
	if u.project == nil || u.opts.OpenSource == nil {
		return
	}
	for _, path := range paths {
		src, err := u.opts.OpenSource(path)
		if err != nil {
			u.showError(fmt.Errorf("compare with %s: %w", path, err))
			continue
		}
		u.addColleague(src.Name, newFileVersions(src))
	}
	if u.cmp != nil {
		u.side.SelectIndex(len(u.side.Items) - 1) // the Review tab
	}
	u.showComparison()
	u.docList.Refresh() // "(only here)" marks
}

// chooseCompare lets the user pick a colleague's file to compare with.
func (u *UI) chooseCompare() {
	if u.project == nil {
		return
	}
	exts := append([]string{projectExt}, importExtensions...)
	u.choosePath(exts, func(path string) { u.Compare(path) })
}

func (u *UI) addColleague(name string, from versions) {
	if u.cmp == nil {
		u.cmp = &comparison{cur: -1}
		u.buildReview()
	}
	c := newColleague(name, from, len(u.cmp.colleagues))
	mine := annotate.NewDocumentIndex(nil)
	for _, d := range u.docs {
		mine.Add(d.Key())
	}
	c.onlyTheirs = from.notIn(mine)
	u.cmp.colleagues = append(u.cmp.colleagues, c)
	u.cmp.shown = append(u.cmp.shown, true)
	u.refreshLegend()
}

// buildReview makes the Review tab of the side panel.
func (u *UI) buildReview() {
	c := u.cmp
	c.legend = container.NewVBox()
	c.summary = widget.NewLabel("")
	c.summary.Wrapping = fyne.TextWrapWord
	c.figures = widget.NewLabel("")
	c.figures.TextStyle = fyne.TextStyle{Monospace: true}
	keys := widget.NewLabel("N / P: next / previous open difference\nT: take theirs   K: keep mine   X: drop both")
	c.list = widget.NewList(
		func() int { return len(c.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(c.items) {
				o.(*widget.Label).SetText(u.diffText(c.items[i]))
			}
		})
	c.list.OnSelected = func(i widget.ListItemID) {
		if !c.updating {
			u.gotoDiff(i)
			u.focusArticle()
		}
	}
	c.project = widget.NewLabel("")
	c.project.TextStyle = fyne.TextStyle{Monospace: true}
	c.project.Hide()
	c.rankedList = widget.NewList(
		func() int { return len(c.ranked) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(c.ranked) {
				r := c.ranked[i]
				o.(*widget.Label).SetText(fmt.Sprintf("%s  %s", figure(r.f1), r.title))
			}
		})
	c.rankedList.OnSelected = func(i widget.ListItemID) {
		if i < len(c.ranked) {
			u.openDocument(c.ranked[i].id)
		}
	}
	c.rankedHolder = container.NewStack()
	measure := widget.NewButton("Measure the whole project", u.MeasureProject)
	head := container.NewVBox(widget.NewLabelWithStyle("Comparing with", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		c.legend, widget.NewSeparator(), c.figures, c.summary, keys, widget.NewSeparator())
	proj := container.NewBorder(container.NewVBox(measure, c.project), nil, nil, nil, c.rankedHolder)
	split := container.NewVSplit(c.list, proj)
	split.Offset = 0.6
	c.content = container.NewBorder(head, nil, nil, nil, split)
	u.side.Append(container.NewTabItem("Review", c.content))
}

// refreshLegend lists the colleagues with a toggle each.
func (u *UI) refreshLegend() {
	c := u.cmp
	c.legend.RemoveAll()
	if gold := u.sess.ReviewLayer(); gold != "" {
		c.legend.Add(widget.NewLabel(fmt.Sprintf("the gold layer: %s (yours, filled)", gold)))
	}
	for i, col := range c.colleagues {
		i := i
		check := widget.NewCheck(fmt.Sprintf("%s — %s (%s, tags ·%s)", col.Name, col.from.where(), col.style, col.initials), func(on bool) {
			c.shown[i] = on
			u.showComparison()
		})
		check.SetChecked(c.shown[i])
		c.legend.Add(check)
	}
}

// showComparison shows the colleagues' spans of the open document in the
// article and recomputes its differences.
func (u *UI) showComparison() {
	c := u.cmp
	if c == nil || u.sess == nil {
		return
	}
	u.followAnnotator()
	sets := make([]ComparedSpans, len(c.colleagues))
	mine := mineOf(annotate.Record{Spans: u.sess.Spans()}, u.sess.ReviewLayer()).Spans
	missing := 0
	var theirs []session.Theirs
	for i, col := range c.colleagues {
		t, ok := col.theirs(u.sess)
		if !ok {
			missing++
		}
		if !c.shown[i] || !ok {
			continue
		}
		spans := t.Record.Spans
		if spans == nil {
			spans = []annotate.Span{} // shown, with nothing to show
		}
		sets[i] = ComparedSpans{Initials: col.initials, Spans: spans}
		theirs = append(theirs, t)
	}
	items, err := u.sess.Compare(theirs...)
	if err != nil {
		u.showError(err)
	}
	c.items = items
	u.showCompared(sets)
	left, settled := 0, 0
	for _, it := range c.items {
		switch {
		case it.Settled:
			settled++
		case it.State() == annotate.DecisionOpen:
			left++
		}
	}
	summary := fmt.Sprintf("%s in this document, %d left to review.", plural(len(c.items)-settled, "difference"), left)
	if settled > 0 {
		summary += fmt.Sprintf(" %d settled (theirs taken, or yours dropped).", settled)
	}
	if missing > 0 {
		summary += fmt.Sprintf(" %d of %d compared do not have this document (an annotator of this project has not coded it: the round did not hand it to them, or they have not begun it; without a round, no span of theirs is in it).", missing, len(c.colleagues))
	}
	for _, col := range c.colleagues {
		if col.onlyTheirs > 0 {
			summary += fmt.Sprintf(" %s has %s this project does not.", col.Name, plural(col.onlyTheirs, "document"))
		}
	}
	c.summary.SetText(summary)
	c.figures.SetText(u.documentFigures(mine))
	c.cur = min(c.cur, len(c.items)-1)
	c.updating = true
	c.list.Refresh()
	if c.cur >= 0 {
		c.list.Select(c.cur)
	} else {
		c.list.UnselectAll()
	}
	c.updating = false
}

// documentFigures is the agreement of the open document with each shown
// colleague, per label and overall: exact F1, overlap F1, kappa.
func (u *UI) documentFigures(mine []annotate.Span) string {
	c := u.cmp
	doc := u.sess.Document()
	if c.textOf != doc.ID || c.text == nil {
		c.text, c.textOf = review.NewText(doc.Text), doc.ID
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s %7s %7s %6s\n", "", "F1", "overlap", "kappa")
	for i, col := range c.colleagues {
		t, ok := col.theirs(u.sess)
		if !c.shown[i] || !ok {
			continue
		}
		counts := review.PairwiseText(c.text, mine, t.Record.Spans)
		fmt.Fprintf(&b, "with %s\n", col.Name)
		for _, l := range counts.Labels() {
			lc := counts[l]
			fmt.Fprintf(&b, "%-10s %7s %7s %6s\n", shorten(u.labelDisplay(l), 10), figure(lc.F1Exact()), figure(lc.F1Overlap()), figure(lc.Kappa()))
		}
		o := counts.Overall()
		fmt.Fprintf(&b, "%-10s %7s %7s %6s\n", "overall", figure(o.F1Exact()), figure(o.F1Overlap()), figure(o.Kappa()))
	}
	return strings.TrimRight(b.String(), "\n")
}

// figure shows a measure with two decimals, or "–" where it is undefined.
func figure(v float64) string {
	if v != v { // NaN
		return "–"
	}
	return fmt.Sprintf("%.2f", v)
}

// stateMarks mark a line of the differences list by its state.
var stateMarks = map[annotate.DecisionState]string{
	annotate.DecisionOpen: "•", annotate.DecisionTaken: "✓ taken", annotate.DecisionKept: "✓ kept", annotate.DecisionDropped: "✓ dropped",
}

// diffText is a line of the differences list: its state, kind, colleague
// and what differs.
func (u *UI) diffText(it review.Item) string {
	d := it.Diff
	mark := stateMarks[it.State()]
	if it.Decision.Stored() {
		mark += " by " + it.Decision.By
	}
	quoted := func(sp annotate.Span, n int) string {
		return "“" + oneLine(shorten(u.slice(sp.Start, sp.End), n)) + "”"
	}
	var what string
	switch d.Kind {
	case review.OnlyMine:
		what = u.labelDisplay(d.Mine.Label) + " " + quoted(d.Mine, 50)
	case review.OtherLabel:
		what = fmt.Sprintf("%s → %s %s", u.labelDisplay(d.Mine.Label), u.labelDisplay(d.Theirs.Label), quoted(d.Theirs, 40))
	case review.LinkOnlyMine:
		what = fmt.Sprintf("%s %s → %s", u.relationDisplay(d.MineLink.Type), quoted(d.MineLink.From, 25), quoted(d.MineLink.To, 25))
	case review.LinkOnlyTheirs:
		what = fmt.Sprintf("%s %s → %s", u.relationDisplay(d.TheirsLink.Type), quoted(d.TheirsLink.From, 25), quoted(d.TheirsLink.To, 25))
	case review.LinkOtherEnd:
		what = fmt.Sprintf("%s %s → %s, theirs → %s", u.relationDisplay(d.MineLink.Type), quoted(d.MineLink.From, 20), quoted(d.MineLink.To, 20), quoted(d.TheirsLink.To, 20))
	default:
		what = u.labelDisplay(d.Theirs.Label) + " " + quoted(d.Theirs, 50)
	}
	return fmt.Sprintf("%s %s · %s: %s", mark, d.Kind, d.Source, what)
}

// relationDisplay returns how the link type name is shown.
func (u *UI) relationDisplay(name string) string {
	if t, ok := u.sess.RelationTypes().Find(name); ok {
		return t.Label()
	}
	return name
}

// gotoDiff makes difference i the current one: the article scrolls to it
// and selects its span (mine where I have one), and the status line says
// what it is.
func (u *UI) gotoDiff(i int) {
	c := u.cmp
	if !u.selectDiff(i) {
		return
	}
	it := c.items[i]
	hint := " — T takes theirs, K keeps mine, X drops both"
	if it.Settled {
		hint = " — settled: " + it.Decision.Summary
	}
	u.setStatus(fmt.Sprintf("Difference %d of %d: %s%s", i+1, len(c.items), u.diffText(it), hint))
}

// selectDiff makes difference i the current one, as gotoDiff does, but
// leaves the status line alone.
func (u *UI) selectDiff(i int) bool {
	c := u.cmp
	if i < 0 || i >= len(c.items) {
		return false
	}
	c.cur = i
	d := c.items[i].Diff
	u.article.ScrollToOffset(d.Start())
	mine, theirs := d.Mine.ID, d.Theirs.ID
	if d.Kind.IsLink() {
		mine, theirs = "", ""
		if d.MineLink != nil {
			mine = d.MineLink.From.ID
		}
		if d.TheirsLink != nil {
			theirs = d.TheirsLink.From.ID
		}
	}
	_, have := u.sess.Span(mine)
	switch {
	case have:
		u.sess.SelectSpan(mine)
		u.showSelection(false)
	default:
		u.sess.SelectSpan("")
		u.showSelection(false)
		if theirs != "" && !c.items[i].Settled {
			u.article.SetSelectedSpan(comparedID(u.colleagueIndex(d.Source), theirs))
		}
	}
	c.updating = true
	c.list.Select(i)
	c.list.ScrollTo(i)
	c.updating = false
	return true
}

func (u *UI) colleagueIndex(name string) int {
	return slices.IndexFunc(u.cmp.colleagues, func(c *colleague) bool { return c.Name == name })
}

// stepDiff moves to the next (or previous) difference not yet reviewed,
// wrapping around.
func (u *UI) stepDiff(forward bool) {
	c := u.cmp
	n := len(c.items)
	if n == 0 {
		u.setStatus("No differences in this document")
		return
	}
	for k := 1; k <= n; k++ {
		j := c.cur + k
		if !forward {
			j = c.cur - k
		}
		j = ((j % n) + n) % n
		if c.items[j].State() == annotate.DecisionOpen {
			u.gotoDiff(j)
			return
		}
	}
	u.setStatus("Every difference of this document is reviewed")
}

// reviewRune handles the review keys while a comparison is open, and
// reports whether r was one.
func (u *UI) reviewRune(r rune) bool {
	if u.cmp == nil || u.sess == nil {
		return false
	}
	if u.followAnnotator() { // the differences are with another layer now
		u.cmp.cur = -1
		u.showComparison()
	}
	switch unicode.ToLower(r) {
	case 'n':
		u.stepDiff(true)
	case 'p':
		u.stepDiff(false)
	case 't':
		u.decide('t')
	case 'k':
		u.decide('k')
	case 'x':
		u.decide('x')
	default:
		return false
	}
	return true
}

// decide settles the current difference with the session's review
// command: t takes theirs, k keeps mine, x drops both. Each is one
// transaction and one undo step, stored with the decision; the status
// line says what came along and what was left out, and the list stays on
// the difference decided (N moves on).
func (u *UI) decide(how rune) {
	c := u.cmp
	if c.cur < 0 || c.cur >= len(c.items) {
		u.stepDiff(true)
		if c.cur < 0 {
			return
		}
	}
	it := c.items[c.cur]
	state := map[rune]annotate.DecisionState{'t': annotate.DecisionTaken, 'k': annotate.DecisionKept, 'x': annotate.DecisionDropped}[how]
	i := u.colleagueIndex(it.Diff.Source)
	if i < 0 {
		return
	}
	theirs, _ := c.colleagues[i].theirs(u.sess)
	var msg string
	name := map[rune]string{'t': "take theirs", 'k': "keep mine", 'x': "drop both"}[how]
	ok := u.perform(name, func() (session.Effect, error) {
		eff, m, err := u.sess.Decide(it, state, theirs)
		msg = m
		return eff, err
	})
	if !ok {
		return
	}
	key := it.Diff.Key()
	for j, x := range c.items {
		if x.Diff.Key() == key || x.Decision.Stored() && x.Decision.Key() == key {
			u.selectDiff(j)
			break
		}
	}
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	u.setStatus(msg + "  (Ctrl+Z undoes; N: next difference)")
}

// endComparison closes the review: another project opened.
func (u *UI) endComparison() {
	if u.cmp == nil {
		return
	}
	for i := len(u.side.Items) - 1; i > 0; i-- {
		u.side.RemoveIndex(i)
	}
	u.cmp = nil
	if u.sess != nil {
		u.sess.SetReviewLayer("")
	}
}

// onlyMine reports whether a document of the project is missing from
// every colleague's source under review.
func (u *UI) onlyMine(d annotate.DocumentInfo) bool {
	if u.cmp == nil {
		return false
	}
	for _, col := range u.cmp.colleagues {
		if col.from.has(d.Key()) {
			return false
		}
	}
	return true
}

// selectCompared makes the difference that holds colleague i's span id
// the current one (a click on their span in the article).
func (u *UI) selectCompared(i int, id string) {
	if u.cmp == nil || i >= len(u.cmp.colleagues) {
		return
	}
	name := u.cmp.colleagues[i].Name
	for j, it := range u.cmp.items {
		if d := it.Diff; !it.Settled && d.Theirs.ID == id && d.Source == name {
			u.gotoDiff(j)
			return
		}
	}
	u.setStatus(fmt.Sprintf("%s’s span agrees with yours", name))
}

// Differences returns the differences of the open document with the
// colleagues shown, in the order the Review list shows them, settled ones
// included.
func (u *UI) Differences() []review.Diff {
	if u.cmp == nil {
		return nil
	}
	out := make([]review.Diff, len(u.cmp.items))
	for i, it := range u.cmp.items {
		out[i] = it.Diff
	}
	return out
}

// Items returns the lines of the Review list: the differences of the open
// document with their decisions.
func (u *UI) Items() []review.Item {
	if u.cmp == nil {
		return nil
	}
	return slices.Clone(u.cmp.items)
}

// Reviewed reports whether a difference is decided (taken, kept or
// dropped).
func (u *UI) Reviewed(d review.Diff) bool {
	if u.cmp == nil {
		return false
	}
	key := d.Key()
	for _, it := range u.cmp.items {
		if it.Diff.Key() == key {
			return it.State() != annotate.DecisionOpen
		}
	}
	return false
}

// CurrentDifference returns the difference N and P last moved to.
func (u *UI) CurrentDifference() (review.Diff, bool) {
	it, ok := u.CurrentItem()
	return it.Diff, ok
}

// CurrentItem returns the line of the Review list N, P or a decision last
// moved to.
func (u *UI) CurrentItem() (review.Item, bool) {
	if u.cmp == nil || u.cmp.cur < 0 || u.cmp.cur >= len(u.cmp.items) {
		return review.Item{}, false
	}
	return u.cmp.items[u.cmp.cur], true
}

// MeasureProject measures agreement over every document the project shares
// with the colleagues shown (off the UI goroutine, reading each document's
// spans), shows the figures per colleague and label, and lists the
// documents by disagreement, most first, so that review starts where it
// matters. The figures are review.MeasureProject's, as agree's are.
func (u *UI) MeasureProject() {
	c := u.cmp
	if c == nil || u.project == nil {
		return
	}
	p, docs := u.project, slices.Clone(u.docs)
	var cols []*colleague
	for i, col := range c.colleagues {
		if c.shown[i] {
			cols = append(cols, col)
		}
	}
	// Set 0 is the project, set i+1 colleague i; each colleague is
	// compared with the project.
	pairs := make([][2]int, len(cols))
	for i := range cols {
		pairs[i] = [2]int{0, i + 1}
	}
	layer := u.sess.ReviewLayer()
	forEach := func(fn func(review.DocumentSets) error) error {
		for _, d := range docs {
			sets := make([][]annotate.Span, len(cols)+1)
			var own *annotate.Record // the project's record of d, read once when needed
			var ownErr error
			ownRecord := func() annotate.Record {
				if own == nil {
					own = &annotate.Record{}
					if own.Document, ownErr = p.Document(d.ID); ownErr == nil {
						own.Spans, ownErr = p.Spans(d.ID)
					}
					if ownErr == nil {
						own.Relations, ownErr = p.Relations(d.ID)
					}
				}
				return *own
			}
			any := false
			for i, col := range cols {
				if theirs, ok := col.from.record(d.Key(), ownRecord); ok {
					sets[i+1] = orEmpty(theirs.Spans)
					any = true
				}
			}
			if ownErr != nil {
				return ownErr
			}
			if !any {
				continue
			}
			rec := ownRecord()
			if ownErr != nil {
				return ownErr
			}
			doc := rec.Document
			sets[0] = orEmpty(mineOf(rec, layer).Spans)
			if err := fn(review.DocumentSets{ID: d.ID, Title: annotate.ControlPictures(d.Title), Text: doc.Text, Sets: sets}); err != nil {
				return err
			}
		}
		return nil
	}
	var figs *review.ProjectFigures
	u.background("Measuring agreement", "Comparing every shared document", func(ctx context.Context, progress func(float64)) error {
		var err error
		figs, err = review.MeasureProject(ctx, len(cols)+1, pairs, true, forEach, func(done int) {
			progress(float64(done) / float64(max(len(docs), 1)))
		})
		return err
	}, func(err error) {
		switch {
		case canceled(err):
			return
		case err != nil:
			u.showError(err)
			return
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s shared\n%-10s %7s %7s %6s\n", plural(figs.Shared, "document"), "", "F1", "overlap", "kappa")
		for i, col := range cols {
			totals := figs.Pairs[i].Counts
			fmt.Fprintf(&b, "with %s\n", col.Name)
			for _, l := range totals.Labels() {
				lc := totals[l]
				fmt.Fprintf(&b, "%-10s %7s %7s %6s\n", shorten(u.labelDisplay(l), 10), figure(lc.F1Exact()), figure(lc.F1Overlap()), figure(lc.Kappa()))
			}
			o := totals.Overall()
			fmt.Fprintf(&b, "%-10s %7s %7s %6s\n", "overall", figure(o.F1Exact()), figure(o.F1Overlap()), figure(o.Kappa()))
		}
		b.WriteString("Kappa counts every non-whitespace code point, coded or not (– where both\ncode all of it or none), so it runs high where little is coded: read F1 first.\nDocuments, least agreement first:")
		c.project.SetText(b.String())
		c.project.Show()
		c.ranked = c.ranked[:0]
		for _, d := range figs.Documents {
			c.ranked = append(c.ranked, rankedDoc{id: d.ID, title: d.Title, f1: d.F1})
		}
		c.rankedHolder.Objects = []fyne.CanvasObject{c.rankedList}
		c.rankedHolder.Refresh()
		c.rankedList.Refresh()
	})
}

// orEmpty returns spans, or an empty slice for nil: the spans of a
// document a set has (review.DocumentSets).
func orEmpty(spans []annotate.Span) []annotate.Span {
	if spans == nil {
		return []annotate.Span{}
	}
	return spans
}

// AddSource adds an already read colleague's source to the review.
func (u *UI) AddSource(src Source) {
	if u.project == nil {
		return
	}
	u.addColleague(src.Name, newFileVersions(src))
	u.showComparison()
	u.docList.Refresh() // "(only here)" marks
}
