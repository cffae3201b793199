package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

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

	view *ReviewPanel // the Review tab

	// What the review works on and asks of the window (newReview).
	sess          *session.Session // the open project's, for the review's life
	article       *ArticleView
	status        func(string)                                                // says what happened
	showError     func(error)                                                 // shows an error
	perform       func(name string, edit func() (session.Effect, error)) bool // one user action (UI.perform)
	showSelection func()                                                      // shows the session's selection
	slice         func(start, end int) string                                 // the open document's text
	labelDisplay  func(name string) string                                    // a label as shown
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
			u.dlg.Error(fmt.Errorf("compare with %s: %w", path, err))
			continue
		}
		u.addColleague(src.Name, newFileVersions(src))
	}
	if u.cmp != nil {
		u.side.SelectIndex(len(u.side.Items) - 1) // the Review tab
	}
	u.cmp.show()
	u.docList.RefreshMarks() // "(only here)" marks
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
		u.cmp = u.newReview()
	}
	c := newColleague(name, from, len(u.cmp.colleagues))
	mine := annotate.NewDocumentIndex(nil)
	for _, d := range u.docs {
		mine.Add(d.Key())
	}
	c.onlyTheirs = from.notIn(mine)
	u.cmp.colleagues = append(u.cmp.colleagues, c)
	u.cmp.shown = append(u.cmp.shown, true)
	u.cmp.showLegend(u.sess.ReviewLayer())
	u.updateActions() // Review → End comparison
}

// showLegend lists the colleagues with a toggle each, after the gold
// layer.
func (c *comparison) showLegend(gold string) {
	entries := make([]LegendEntry, len(c.colleagues))
	for i, col := range c.colleagues {
		entries[i] = LegendEntry{Name: col.Name, Detail: fmt.Sprintf("%s, %s, tags ·%s", col.from.where(), col.style, col.initials), Shown: c.shown[i]}
	}
	c.view.SetLegend(gold, entries)
}

// show shows the colleagues' spans of the open document in the
// article and recomputes its differences.
func (c *comparison) show() {
	if c == nil {
		return
	}
	c.followAnnotator()
	sets := make([]ComparedSpans, len(c.colleagues))
	mine := mineOf(annotate.Record{Spans: c.sess.Spans()}, c.sess.ReviewLayer()).Spans
	missing := 0
	var theirs []session.Theirs
	for i, col := range c.colleagues {
		t, ok := col.theirs(c.sess)
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
	items, err := c.sess.Compare(theirs...)
	if err != nil {
		c.showError(err)
	}
	c.items = items
	c.showCompared(sets)
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
	c.view.SetSummary(summary)
	c.view.SetFigures(c.documentFigures(c.sess, mine, c.labelDisplay))
	c.cur = min(c.cur, len(c.items)-1)
	c.view.SetDifferences(c.items, c.cur)
}

// documentFigures is the agreement of the open document of s with each
// shown colleague, per label (named by display) and overall: exact F1,
// overlap F1, kappa.
func (c *comparison) documentFigures(s *session.Session, mine []annotate.Span, display func(label string) string) string {
	doc := s.Document()
	if c.textOf != doc.ID || c.text == nil {
		c.text, c.textOf = review.NewText(doc.Text), doc.ID
	}
	var b strings.Builder
	for i, col := range c.colleagues {
		t, ok := col.theirs(s)
		if !c.shown[i] || !ok {
			continue
		}
		counts := review.PairwiseText(c.text, mine, t.Record.Spans)
		fmt.Fprintf(&b, "with %s\n", col.Name)
		for _, l := range counts.Labels() {
			b.WriteString(figuresLine(display(l), *counts[l]) + "\n")
		}
		b.WriteString(figuresLine("overall", counts.Overall()) + "\n")
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
func (c *comparison) diffText(it review.Item) string {
	d := it.Diff
	mark := stateMarks[it.State()]
	if it.Decision.Stored() {
		mark += " by " + it.Decision.By
	}
	quoted := func(sp annotate.Span, n int) string {
		return "“" + oneLine(shorten(c.slice(sp.Start, sp.End), n)) + "”"
	}
	var what string
	switch d.Kind {
	case review.OnlyMine:
		what = c.labelDisplay(d.Mine.Label) + " " + quoted(d.Mine, 50)
	case review.OtherLabel:
		what = fmt.Sprintf("%s → %s %s", c.labelDisplay(d.Mine.Label), c.labelDisplay(d.Theirs.Label), quoted(d.Theirs, 40))
	case review.LinkOnlyMine:
		what = fmt.Sprintf("%s %s → %s", c.relationDisplay(d.MineLink.Type), quoted(d.MineLink.From, 25), quoted(d.MineLink.To, 25))
	case review.LinkOnlyTheirs:
		what = fmt.Sprintf("%s %s → %s", c.relationDisplay(d.TheirsLink.Type), quoted(d.TheirsLink.From, 25), quoted(d.TheirsLink.To, 25))
	case review.LinkOtherEnd:
		what = fmt.Sprintf("%s %s → %s, theirs → %s", c.relationDisplay(d.MineLink.Type), quoted(d.MineLink.From, 20), quoted(d.MineLink.To, 20), quoted(d.TheirsLink.To, 20))
	default:
		what = c.labelDisplay(d.Theirs.Label) + " " + quoted(d.Theirs, 50)
	}
	return fmt.Sprintf("%s %s · %s: %s", mark, d.Kind, d.Source, what)
}

// relationDisplay returns how the link type name is shown.
func (c *comparison) relationDisplay(name string) string {
	if t, ok := c.sess.RelationTypes().Find(name); ok {
		return t.Label()
	}
	return name
}

// gotoDiff makes difference i the current one: the article scrolls to it
// and selects its span (mine where I have one), and the status line says
// what it is.
func (c *comparison) gotoDiff(i int) {
	if !c.selectDiff(i) {
		return
	}
	it := c.items[i]
	hint := " — T takes theirs, K keeps mine, X drops both"
	if it.Settled {
		hint = " — settled: " + it.Decision.Summary
	}
	c.status(fmt.Sprintf("Difference %d of %d: %s%s", i+1, len(c.items), c.diffText(it), hint))
}

// selectDiff makes difference i the current one, as gotoDiff does, but
// leaves the status line alone.
func (c *comparison) selectDiff(i int) bool {
	if i < 0 || i >= len(c.items) {
		return false
	}
	c.cur = i
	d := c.items[i].Diff
	c.article.ScrollToOffset(d.Start())
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
	_, have := c.sess.Span(mine)
	switch {
	case have:
		c.sess.SelectSpan(mine)
		c.showSelection()
	default:
		c.sess.SelectSpan("")
		c.showSelection()
		if theirs != "" && !c.items[i].Settled {
			c.article.SetSelectedSpan(comparedID(c.colleagueIndex(d.Source), theirs))
		}
	}
	c.view.Select(i)
	return true
}

// colleagueIndex returns the index of the colleague name, or -1.
func (c *comparison) colleagueIndex(name string) int {
	return slices.IndexFunc(c.colleagues, func(col *colleague) bool { return col.Name == name })
}

// stepDiff moves to the next (or previous) difference not yet reviewed,
// wrapping around.
func (c *comparison) stepDiff(forward bool) {
	n := len(c.items)
	if n == 0 {
		c.status("No differences in this document")
		return
	}
	for k := 1; k <= n; k++ {
		j := c.cur + k
		if !forward {
			j = c.cur - k
		}
		j = ((j % n) + n) % n
		if c.items[j].State() == annotate.DecisionOpen {
			c.gotoDiff(j)
			return
		}
	}
	c.status("Every difference of this document is reviewed")
}

// key handles the review keys while a comparison is open, and
// reports whether r was one.
func (c *comparison) key(r rune) bool {
	if c == nil {
		return false
	}
	if c.followAnnotator() { // the differences are with another layer now
		c.cur = -1
		c.show()
	}
	switch unicode.ToLower(r) {
	case 'n':
		c.stepDiff(true)
	case 'p':
		c.stepDiff(false)
	case 't':
		c.decide('t')
	case 'k':
		c.decide('k')
	case 'x':
		c.decide('x')
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
func (c *comparison) decide(how rune) {
	if c.cur < 0 || c.cur >= len(c.items) {
		c.stepDiff(true)
		if c.cur < 0 {
			return
		}
	}
	it := c.items[c.cur]
	state := map[rune]annotate.DecisionState{'t': annotate.DecisionTaken, 'k': annotate.DecisionKept, 'x': annotate.DecisionDropped}[how]
	i := c.colleagueIndex(it.Diff.Source)
	if i < 0 {
		return
	}
	theirs, _ := c.colleagues[i].theirs(c.sess)
	var msg string
	name := map[rune]string{'t': "take theirs", 'k': "keep mine", 'x': "drop both"}[how]
	ok := c.perform(name, func() (session.Effect, error) {
		eff, m, err := c.sess.Decide(it, state, theirs)
		msg = m
		return eff, err
	})
	if !ok {
		return
	}
	key := it.Diff.Key()
	for j, x := range c.items {
		if x.Diff.Key() == key || x.Decision.Stored() && x.Decision.Key() == key {
			c.selectDiff(j)
			break
		}
	}
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	c.status(msg + "  (Ctrl+Z undoes; N: next difference)")
}

// EndComparison ends the review and keeps the project open (Review → End
// comparison, Ctrl+Shift+W): the colleagues' spans leave the article, the
// Review tab goes, and the article shows the document's spans as stored
// (every annotator's, when annotators were compared). The decisions taken
// stay stored in the project: a later comparison with the same colleagues
// finds them decided.
func (u *UI) EndComparison() {
	if u.cmp == nil {
		return
	}
	n := len(u.cmp.colleagues)
	u.endComparison()
	if u.sess != nil && u.sess.Document().ID != "" {
		u.article.SetOwnAndCompared(u.sess.Spans(), nil)
		u.article.SetRelations(u.sess.Relations())
		u.showSelection(false)
	}
	u.docList.RefreshMarks() // no "(only here)" marks
	u.updateActions()
	u.focusArticle()
	u.setStatus(fmt.Sprintf("Comparison with %s ended; the decisions stay stored in the project", plural(n, "colleague")))
}

// endComparison drops the review: its tab, its colleagues and the gold
// layer (the project closes, another opens, or EndComparison).
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

// onlyHere reports whether a document of the project is missing from
// every colleague's source under review; false without a review.
func (c *comparison) onlyHere(d annotate.DocumentInfo) bool {
	if c == nil {
		return false
	}
	for _, col := range c.colleagues {
		if col.from.has(d.Key()) {
			return false
		}
	}
	return true
}

// selectCompared makes the difference that holds colleague i's span id
// the current one (a click on their span in the article).
func (c *comparison) selectCompared(i int, id string) {
	if c == nil || i >= len(c.colleagues) {
		return
	}
	name := c.colleagues[i].Name
	for j, it := range c.items {
		if d := it.Diff; !it.Settled && d.Theirs.ID == id && d.Source == name {
			c.gotoDiff(j)
			return
		}
	}
	c.status(fmt.Sprintf("%s’s span agrees with yours", name))
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
			u.dlg.Error(err)
			return
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s shared\n", plural(figs.Shared, "document"))
		for i, col := range cols {
			totals := figs.Pairs[i].Counts
			fmt.Fprintf(&b, "with %s\n", col.Name)
			for _, l := range totals.Labels() {
				b.WriteString(figuresLine(u.labelDisplay(l), *totals[l]) + "\n")
			}
			b.WriteString(figuresLine("overall", totals.Overall()) + "\n")
		}
		b.WriteString("Kappa counts every non-whitespace code point, coded or not (– where both code all of it or none), so it runs high where little is coded: read F1 first.\nDocuments, least agreement first:")
		ranked := make([]rankedDoc, 0, len(figs.Documents))
		for _, d := range figs.Documents {
			ranked = append(ranked, rankedDoc{id: d.ID, title: d.Title, f1: d.F1})
		}
		c.view.SetProjectFigures(b.String(), ranked)
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
	u.cmp.show()
	u.docList.RefreshMarks() // "(only here)" marks
}
