package app

import (
	"context"
	"fmt"
	"path/filepath"
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

// colleague is a Source under review, indexed for matching documents.
type colleague struct {
	Source
	initials   string
	style      string                  // the border style their spans are drawn with, in words
	onlyTheirs int                     // documents of theirs that the project does not have
	index      *annotate.DocumentIndex // their records by document
}

// borderStyles names, in words, the border styles of colleague 0, 1, 2, 3
// (see articleRenderer.outline).
var borderStyles = []string{"square outline", "rounded outline", "double outline", "heavy outline"}

func newColleague(src Source, i int) *colleague {
	c := &colleague{Source: src, style: borderStyles[i%len(borderStyles)], index: annotate.NewDocumentIndex(nil)}
	for j := range src.Records {
		annotate.SortSpans(src.Records[j].Spans) // once, for the article's merge
		c.index.Add(src.Records[j].Document.Key())
	}
	c.initials = initials(src.Name)
	return c
}

// spansOf returns the colleague's spans of the document with the id and
// text SHA-256 sha (annotate.DocumentIndex.Find), and whether they have it.
func (c *colleague) spansOf(id, sha string) ([]annotate.Span, bool) {
	j, ok := c.index.Find(annotate.DocumentKey{ID: id, SHA256: sha})
	if !ok {
		return nil, false
	}
	return c.Records[j].Spans, true
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
// sources: who is shown, the differences of the open document, and the
// differences already decided without a change to the project (kept mine,
// rejected theirs), which the list marks as reviewed.
type comparison struct {
	colleagues []*colleague
	shown      []bool
	marks      map[string]bool // reviewed differences, by review.Diff.ID
	diffs      []review.Diff   // of the open document, with every shown colleague
	cur        int             // the current difference, -1 for none
	text       *review.Text    // the open document's text, prepared for the figures
	textOf     string          // the document text is of

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
		u.addColleague(src)
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

func (u *UI) addColleague(src Source) {
	if u.cmp == nil {
		u.cmp = &comparison{marks: make(map[string]bool), cur: -1}
		u.buildReview()
	}
	c := newColleague(src, len(u.cmp.colleagues))
	mine := annotate.NewDocumentIndex(nil)
	for _, d := range u.docs {
		mine.Add(d.Key())
	}
	for _, rec := range src.Records {
		if _, ok := mine.Find(rec.Document.Key()); !ok {
			c.onlyTheirs++
		}
	}
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
	keys := widget.NewLabel("N / P: next / previous difference\nT: take theirs   K: keep mine   X: drop both")
	c.list = widget.NewList(
		func() int { return len(c.diffs) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(c.diffs) {
				o.(*widget.Label).SetText(u.diffText(c.diffs[i]))
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
	for i, col := range c.colleagues {
		i := i
		check := widget.NewCheck(fmt.Sprintf("%s — %s (%s, tags ·%s)", col.Name, filepath.Base(col.Path), col.style, col.initials), func(on bool) {
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
	doc := u.sess.Document()
	sets := make([]ComparedSpans, len(c.colleagues))
	c.diffs = c.diffs[:0]
	mine := u.sess.Spans()
	missing := 0
	for i, col := range c.colleagues {
		spans, ok := col.spansOf(doc.ID, doc.SHA256)
		if !ok {
			missing++
		}
		if !c.shown[i] || !ok {
			continue
		}
		if spans == nil {
			spans = []annotate.Span{} // shown, with nothing to show
		}
		sets[i] = ComparedSpans{Initials: col.initials, Spans: spans}
		c.diffs = append(c.diffs, review.Differences(mine, review.Set{Name: col.Name, Spans: spans})...)
	}
	review.SortByStart(c.diffs)
	u.article.SetCompared(sets)
	left := 0
	for _, d := range c.diffs {
		if !c.marks[d.ID()] {
			left++
		}
	}
	summary := fmt.Sprintf("%s in this document, %d left to review.", plural(len(c.diffs), "difference"), left)
	if missing > 0 {
		summary += fmt.Sprintf(" %d of %d colleagues do not have this document.", missing, len(c.colleagues))
	}
	for _, col := range c.colleagues {
		if col.onlyTheirs > 0 {
			summary += fmt.Sprintf(" %s has %s this project does not.", col.Name, plural(col.onlyTheirs, "document"))
		}
	}
	c.summary.SetText(summary)
	c.figures.SetText(u.documentFigures(mine))
	c.cur = min(c.cur, len(c.diffs)-1)
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
		spans, ok := col.spansOf(doc.ID, doc.SHA256)
		if !c.shown[i] || !ok {
			continue
		}
		counts := review.PairwiseText(c.text, mine, spans)
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

// diffText is a line of the differences list.
func (u *UI) diffText(d review.Diff) string {
	mark := "•"
	if u.cmp.marks[d.ID()] {
		mark = "✓"
	}
	sp := d.Theirs
	if d.Kind == review.OnlyMine {
		sp = d.Mine
	}
	what := fmt.Sprintf("%s “%s”", u.labelDisplay(sp.Label), oneLine(shorten(u.slice(sp.Start, sp.End), 50)))
	if d.Kind == review.OtherLabel {
		what = fmt.Sprintf("%s → %s “%s”", u.labelDisplay(d.Mine.Label), u.labelDisplay(d.Theirs.Label), oneLine(shorten(u.slice(sp.Start, sp.End), 40)))
	}
	return fmt.Sprintf("%s %s · %s: %s", mark, d.Kind, d.Source, what)
}

// gotoDiff makes difference i the current one: the article scrolls to it
// and selects its span (mine where I have one).
func (u *UI) gotoDiff(i int) {
	c := u.cmp
	if i < 0 || i >= len(c.diffs) {
		return
	}
	c.cur = i
	d := c.diffs[i]
	u.article.ScrollToOffset(d.Start())
	if d.Mine.ID != "" {
		u.sess.SelectSpan(d.Mine.ID)
		u.showSelection(false)
	} else {
		u.sess.SelectSpan("")
		u.showSelection(false)
		u.article.SetSelectedSpan(comparedID(u.colleagueIndex(d.Source), d.Theirs.ID))
	}
	c.updating = true
	c.list.Select(i)
	c.list.ScrollTo(i)
	c.updating = false
	u.setStatus(fmt.Sprintf("Difference %d of %d: %s — T takes theirs, K keeps mine, X drops both", i+1, len(c.diffs), u.diffText(d)))
}

func (u *UI) colleagueIndex(name string) int {
	return slices.IndexFunc(u.cmp.colleagues, func(c *colleague) bool { return c.Name == name })
}

// stepDiff moves to the next (or previous) difference not yet reviewed,
// wrapping around.
func (u *UI) stepDiff(forward bool) {
	c := u.cmp
	n := len(c.diffs)
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
		if !c.marks[c.diffs[j].ID()] {
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

// decide settles the current difference: t takes theirs, k keeps mine, x
// drops both. A decision that changes the project is one undoable
// command; one that does not (keeping mine, rejecting theirs) marks the
// difference reviewed, undoably too.
func (u *UI) decide(how rune) {
	c := u.cmp
	if c.cur < 0 || c.cur >= len(c.diffs) {
		u.stepDiff(true)
		if c.cur < 0 {
			return
		}
	}
	d := c.diffs[c.cur]
	doc := u.sess.Document().ID
	mark := func(ids ...string) session.Command {
		return &markReviewed{marks: c.marks, ids: ids, doc: doc, on: true}
	}
	var name string
	var edit func() (session.Effect, error)
	switch {
	case how == 't' && d.Kind == review.OnlyTheirs:
		name = "take " + d.Source + "’s span"
		edit = func() (session.Effect, error) { return u.sess.Adopt(d.Theirs) }
	case how == 't' && d.Kind == review.OnlyMine:
		name = "drop my span (" + d.Source + " has none)"
		edit = func() (session.Effect, error) { return u.sess.DeleteSpan(d.Mine.ID) }
	case how == 't':
		name = "take " + d.Source + "’s span"
		edit = func() (session.Effect, error) { return u.sess.Replace(d.Mine.ID, d.Theirs) }
	case how == 'k' || (how == 'x' && d.Mine.ID == ""):
		name = "mark reviewed"
		edit = func() (session.Effect, error) { return u.sess.Do(mark(d.ID())) }
	default: // x with a span of mine: delete it, and reject theirs if any
		name = "drop both spans"
		edit = func() (session.Effect, error) {
			del, err := u.sess.DeleteCommand(d.Mine.ID)
			if err != nil {
				return session.Effect{}, err
			}
			cmds := []session.Command{del}
			if d.Theirs.ID != "" {
				cmds = append(cmds, mark(review.Diff{Kind: review.OnlyTheirs, Theirs: d.Theirs, Source: d.Source}.ID()))
			}
			return u.sess.Do(session.Batch("drop both spans", cmds...))
		}
	}
	cur := c.cur
	if u.perform(name, edit) {
		u.showComparison()
		c.cur = cur - 1
		u.stepDiff(true)
	}
}

// markReviewed marks differences reviewed (or, its inverse, not): a
// decision that changes nothing in the project, kept in the session's
// history so that undo takes it back like any other.
type markReviewed struct {
	marks map[string]bool
	ids   []string
	doc   string
	on    bool
}

func (m *markReviewed) Name() string       { return "mark reviewed" }
func (m *markReviewed) DocumentID() string { return m.doc }

func (m *markReviewed) Apply(annotate.Project) (session.Effect, error) {
	for _, id := range m.ids {
		if m.on {
			m.marks[id] = true
		} else {
			delete(m.marks, id)
		}
	}
	return session.Effect{DocumentID: m.doc}, nil
}

func (m *markReviewed) Inverse() session.Command {
	return &markReviewed{marks: m.marks, ids: m.ids, doc: m.doc, on: !m.on}
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
}

// onlyMine reports whether a document of the project is missing from
// every colleague's source under review.
func (u *UI) onlyMine(d annotate.DocumentInfo) bool {
	if u.cmp == nil {
		return false
	}
	for _, col := range u.cmp.colleagues {
		if _, ok := col.spansOf(d.ID, d.SHA256); ok {
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
	for j, d := range u.cmp.diffs {
		if d.Theirs.ID == id && d.Source == name {
			u.gotoDiff(j)
			return
		}
	}
	u.setStatus(fmt.Sprintf("%s’s span agrees with yours", name))
}

// Differences returns the differences of the open document with the
// colleagues shown, in the order the Review list shows them.
func (u *UI) Differences() []review.Diff {
	if u.cmp == nil {
		return nil
	}
	return slices.Clone(u.cmp.diffs)
}

// Reviewed reports whether a difference is marked reviewed (mine kept, or
// theirs rejected).
func (u *UI) Reviewed(d review.Diff) bool { return u.cmp != nil && u.cmp.marks[d.ID()] }

// CurrentDifference returns the difference N and P last moved to.
func (u *UI) CurrentDifference() (review.Diff, bool) {
	if u.cmp == nil || u.cmp.cur < 0 || u.cmp.cur >= len(u.cmp.diffs) {
		return review.Diff{}, false
	}
	return u.cmp.diffs[u.cmp.cur], true
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
	forEach := func(fn func(review.DocumentSets) error) error {
		for _, d := range docs {
			sets := make([][]annotate.Span, len(cols)+1)
			any := false
			for i, col := range cols {
				if theirs, ok := col.spansOf(d.ID, d.SHA256); ok {
					sets[i+1] = orEmpty(theirs)
					any = true
				}
			}
			if !any {
				continue
			}
			doc, err := p.Document(d.ID)
			if err != nil {
				return err
			}
			mine, err := p.Spans(d.ID)
			if err != nil {
				return err
			}
			sets[0] = orEmpty(mine)
			if err := fn(review.DocumentSets{ID: d.ID, Title: d.Title, Text: doc.Text, Sets: sets}); err != nil {
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
		b.WriteString("Kappa runs high where little text is coded: read F1 first.\nDocuments, least agreement first:")
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
	u.addColleague(src)
	u.showComparison()
	u.docList.Refresh() // "(only here)" marks
}
