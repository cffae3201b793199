// Command suggestsavings plans and checks the keys with which
// scripts/suggest-savings codes the test article in the real window: the
// gold set's coding of it (annotate/suggest/testdata/gold), with the
// keyboard alone, without suggestions or with them.
//
//	suggestsavings -gold GOLD.jsonl -text ARTICLE -plan manual|suggest
//	suggestsavings -gold GOLD.jsonl -text ARTICLE -check EXPORT.jsonl
//
// -plan prints the keys, one xdotool key name a line (a chord such as
// ctrl+shift+Right is one key), and on standard error how many of each
// step. The coder's moves are those of the README's keyboard table: the
// caret by word (Ctrl+Left/Right) and by character, selection by word
// (Ctrl+Shift+Right) and by character, a label key, Escape, and a link
// with L, Down to the actor in the menu (nearest first) and Enter. With
// suggestions: Ctrl+Shift+S, Tab to the first, Enter on each that is
// exactly a gold link (actor, statement and label), Backspace on the
// others, Ctrl+Shift+S off, then the gold links left are coded as
// without suggestions. The plan follows the window's rules as they are
// written in app/ (article_motion.go, links.go, suggestions.go); a plan
// that does not fit the window leaves a project that -check refuses.
//
// -check exits 0 when the article's record in EXPORT holds exactly the
// gold spans (start, end, label) and SOURCE links, else 1 saying what
// differs.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/annotate/suggest"
)

func main() {
	gold := flag.String("gold", "", "the gold `FILE` (Claimdesk JSONL) that holds the article's coding")
	textFile := flag.String("text", "", "the article `FILE`, as imported")
	plan := flag.String("plan", "", "print the keys: manual or suggest")
	check := flag.String("check", "", "check the project's `EXPORT` against the gold coding")
	flag.Parse()
	if err := run(*gold, *textFile, *plan, *check); err != nil {
		fmt.Fprintln(os.Stderr, "suggestsavings:", err)
		os.Exit(1)
	}
}

// link is one gold SOURCE link: its statement and its actor.
type link struct {
	stmt, actor annotate.Span
}

func run(goldFile, textFile, plan, check string) error {
	data, err := os.ReadFile(textFile)
	if err != nil {
		return err
	}
	text, err := annotate.NormalizeText(data)
	if err != nil {
		return fmt.Errorf("%s: %w", textFile, err)
	}
	rec, err := recordOf(goldFile, text)
	if err != nil {
		return err
	}
	links, err := linksOf(rec)
	if err != nil {
		return fmt.Errorf("%s: %w", goldFile, err)
	}
	switch {
	case check != "":
		got, err := recordOf(check, text)
		if err != nil {
			return err
		}
		return compare(rec, got)
	case plan == "manual" || plan == "suggest":
		p := &planner{text: text, ix: annotate.NewRuneIndex(text), counts: map[string]int{}}
		p.words()
		p.key("ctrl+Home", "move")
		if plan == "suggest" {
			links = p.suggestions(links)
		}
		p.manual(links)
		for _, k := range p.keys {
			fmt.Println(k)
		}
		fmt.Fprintf(os.Stderr, "%d keys:", len(p.keys))
		for _, what := range []string{"move", "select", "label", "escape", "link", "suggest"} {
			fmt.Fprintf(os.Stderr, " %s %d", what, p.counts[what])
		}
		fmt.Fprintf(os.Stderr, "; %d gold links, %d suggestions accepted, %d rejected, %d links coded by hand; %d decisions; "+
			"keystroke-level estimate %.0f s (%.2f s a key, %.2f s a decision)\n",
			p.gold, p.accepted, p.rejected, p.byHand, p.decisions,
			klmKey*float64(len(p.keys))+klmThink*float64(p.decisions), klmKey, klmThink)
		// the same coding by a coder who drags across each span's text
		// rather than moving and selecting with the keyboard
		other := len(p.keys) - p.counts["move"] - p.counts["select"] - p.counts["escape"]
		fmt.Fprintf(os.Stderr, "with the mouse: %d drags and %d keys; keystroke-level estimate %.0f s (%.1f s a drag)\n",
			p.tagged, other, klmKey*float64(other)+klmDrag*float64(p.tagged)+klmThink*float64(p.decisions), klmDrag)
		return nil
	}
	return fmt.Errorf("give -plan manual, -plan suggest or -check EXPORT")
}

// recordOf returns the record of file whose text is text.
func recordOf(file, text string) (annotate.Record, error) {
	f, err := os.Open(file)
	if err != nil {
		return annotate.Record{}, err
	}
	defer f.Close()
	recs, err := format.ReadJSONL(f, file)
	if err != nil {
		return annotate.Record{}, err
	}
	for _, r := range recs {
		if r.Document.Text == text {
			return r, nil
		}
	}
	return annotate.Record{}, fmt.Errorf("%s has no record of the article", file)
}

// linksOf returns the record's SOURCE links in the order of their
// statements.
func linksOf(rec annotate.Record) ([]link, error) {
	byID := map[string]annotate.Span{}
	for _, s := range rec.Spans {
		byID[s.ID] = s
	}
	var out []link
	for _, r := range rec.Relations {
		if r.Type != annotate.RelationSource {
			continue
		}
		st, ok1 := byID[r.From]
		ac, ok2 := byID[r.To]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("link %s has an end that is no span", r.ID)
		}
		out = append(out, link{st, ac})
	}
	slices.SortFunc(out, func(a, b link) int { return annotate.CompareSpans(a.stmt, b.stmt) })
	return out, nil
}

// key of a span as -check compares it.
type spanKey struct {
	start, end int
	label      string
}

func keyOf(s annotate.Span) spanKey { return spanKey{s.Start, s.End, s.Label} }

// compare reports how got differs from the gold record.
func compare(gold, got annotate.Record) error {
	set := func(r annotate.Record) (map[spanKey]bool, map[[2]spanKey]bool) {
		spans, links := map[spanKey]bool{}, map[[2]spanKey]bool{}
		byID := map[string]annotate.Span{}
		for _, s := range r.Spans {
			spans[keyOf(s)] = true
			byID[s.ID] = s
		}
		for _, rel := range r.Relations {
			if rel.Type == annotate.RelationSource {
				links[[2]spanKey{keyOf(byID[rel.From]), keyOf(byID[rel.To])}] = true
			}
		}
		return spans, links
	}
	gs, gl := set(gold)
	ss, sl := set(got)
	var diffs []string
	for k := range gs {
		if !ss[k] {
			diffs = append(diffs, fmt.Sprintf("missing span %v", k))
		}
	}
	for k := range ss {
		if !gs[k] {
			diffs = append(diffs, fmt.Sprintf("extra span %v", k))
		}
	}
	for k := range gl {
		if !sl[k] {
			diffs = append(diffs, fmt.Sprintf("missing link %v", k))
		}
	}
	for k := range sl {
		if !gl[k] {
			diffs = append(diffs, fmt.Sprintf("extra link %v", k))
		}
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		return fmt.Errorf("the project differs from the gold coding: %d spans, %d links stored; %v", len(got.Spans), len(got.Relations), diffs)
	}
	fmt.Printf("the project holds the gold coding: %d spans, %d SOURCE links\n", len(gs), len(gl))
	return nil
}

// planner is the window as the plan goes: the caret and the coder's spans.
type planner struct {
	text   string
	ix     *annotate.RuneIndex
	segs   [][2]int // the text's words (UAX #29 segments that are not white space)
	caret  int
	spans  []annotate.Span // the coder's, in CompareSpans order
	linked map[[2]spanKey]bool
	keys   []string
	counts map[string]int

	gold, accepted, rejected, byHand int
	decisions                        int // spans located, actors chosen, suggestions judged
	tagged                           int // spans tagged by hand
}

// The keystroke-level model's times (Card, Moran and Newell, The
// Psychology of Human-Computer Interaction, 1983): K for an average
// skilled typist, M for a mental preparation.
const (
	klmKey   = 0.28
	klmThink = 1.35
	klmDrag  = 2 * (1.1 + 0.1) // point and press, point and release
)

func (p *planner) key(k, what string) {
	p.keys = append(p.keys, k)
	p.counts[what]++
}

// words segments the text as the article does for word motion.
func (p *planner) words() {
	rest, state, cp := p.text, -1, 0
	for len(rest) > 0 {
		var seg string
		seg, rest, state = uniseg.FirstWordInString(rest, state)
		r, _ := utf8.DecodeRuneInString(seg)
		next := cp + utf8.RuneCountInString(seg)
		if !unicode.IsSpace(r) {
			p.segs = append(p.segs, [2]int{cp, next})
		}
		cp = next
	}
}

// wordEndAfter and wordStartBefore are the article's Ctrl+Right and
// Ctrl+Left (-1: none).
func (p *planner) wordEndAfter(off int) int {
	for _, s := range p.segs {
		if s[1] > off {
			return s[1]
		}
	}
	return -1
}

func (p *planner) wordStartBefore(off int) int {
	for k := len(p.segs) - 1; k >= 0; k-- {
		if p.segs[k][0] < off {
			return p.segs[k][0]
		}
	}
	return -1
}

// clusters counts the grapheme clusters of [a, b): the arrow presses
// between them.
func (p *planner) clusters(a, b int) int {
	return uniseg.GraphemeClusterCount(p.ix.Slice(a, b))
}

// moveTo puts the caret at off: by words, then by characters; from the
// text's start (Ctrl+Home) when that takes fewer keys.
func (p *planner) moveTo(off int) {
	from := func(c int) []string {
		var ks []string
		for c < off {
			if e := p.wordEndAfter(c); e >= 0 && e <= off {
				ks, c = append(ks, "ctrl+Right"), e
				continue
			}
			for range p.clusters(c, off) {
				ks = append(ks, "Right")
			}
			c = off
		}
		for c > off {
			if s := p.wordStartBefore(c); s >= off {
				ks, c = append(ks, "ctrl+Left"), s
				continue
			}
			for range p.clusters(off, c) {
				ks = append(ks, "Left")
			}
			c = off
		}
		return ks
	}
	ks := from(p.caret)
	if home := from(0); len(home)+1 < len(ks) {
		ks = append([]string{"ctrl+Home"}, home...)
	}
	for _, k := range ks {
		p.key(k, "move")
	}
	p.caret = off
}

// selectTo extends the selection from the caret to off.
func (p *planner) selectTo(off int) {
	c := p.caret
	for c < off {
		if e := p.wordEndAfter(c); e >= 0 && e <= off {
			p.key("ctrl+shift+Right", "select")
			c = e
			continue
		}
		for range p.clusters(c, off) {
			p.key("shift+Right", "select")
		}
		c = off
	}
	p.caret = off
}

// has reports whether the coder has a span with s's range and label.
func (p *planner) has(s annotate.Span) bool {
	return slices.ContainsFunc(p.spans, func(x annotate.Span) bool { return keyOf(x) == keyOf(s) })
}

func (p *planner) add(s annotate.Span) {
	s.ID = annotate.NewID()
	p.spans = append(p.spans, s)
	annotate.SortSpans(p.spans)
}

// labelKey is the default schema's key of a label.
func labelKey(label string) string {
	l, ok := annotate.LabelSet(annotate.DefaultLabels()).Find(label)
	if !ok || l.Key == "" {
		panic("no key for label " + label)
	}
	return l.Key
}

// tag selects s's text and tags it; the new span is then selected.
func (p *planner) tag(s annotate.Span) {
	p.decisions++
	p.tagged++
	p.moveTo(s.Start)
	p.selectTo(s.End)
	p.key(labelKey(s.Label), "label")
	p.add(s)
}

// manual codes the links by hand: the actor when the coder has none
// there yet, then the statement, then L to the actor.
func (p *planner) manual(links []link) {
	if p.linked == nil {
		p.linked = map[[2]spanKey]bool{}
	}
	for _, l := range links {
		p.gold++
		if p.linked[[2]spanKey{keyOf(l.stmt), keyOf(l.actor)}] {
			continue
		}
		p.byHand++
		if !p.has(l.actor) {
			p.tag(l.actor)
			p.key("Escape", "escape")
		}
		if p.has(l.stmt) {
			panic(fmt.Sprintf("the statement %v is there without its link", keyOf(l.stmt)))
		}
		p.tag(l.stmt)
		// L: the actors, nearest first (app/links.go ChooseLink)
		from := l.stmt
		dist := func(s annotate.Span) int {
			switch {
			case s.End <= from.Start:
				return from.Start - s.End
			case s.Start >= from.End:
				return s.Start - from.End
			}
			return 0
		}
		var cands []annotate.Span
		for _, s := range p.spans {
			if s.Label == annotate.LabelActor {
				cands = append(cands, s)
			}
		}
		slices.SortStableFunc(cands, func(a, b annotate.Span) int { return cmp.Compare(dist(a), dist(b)) })
		rank := slices.IndexFunc(cands, func(s annotate.Span) bool { return keyOf(s) == keyOf(l.actor) })
		if rank < 0 || rank >= 15 {
			panic(fmt.Sprintf("the actor %v is not in the first 15 of the L menu", keyOf(l.actor)))
		}
		p.decisions++
		p.key("l", "link")
		for range rank + 1 {
			p.key("Down", "link")
		}
		p.key("Return", "link")
		p.linked[[2]spanKey{keyOf(l.stmt), keyOf(l.actor)}] = true
		p.key("Escape", "escape")
	}
	p.gold = len(links)
}

// suggestions goes through the window's suggestions of the article, as
// app/suggestions.go shows them: accepts those that are a gold link,
// rejects the others. It returns the links.
func (p *planner) suggestions(links []link) []link {
	p.linked = map[[2]spanKey]bool{}
	labels := suggest.LabelsOf(annotate.DefaultRelationTypes())
	all := suggest.New(suggest.DefaultRules(), nil).Suggest(p.text)
	gold := map[[2]spanKey]bool{}
	for _, l := range links {
		gold[[2]spanKey{keyOf(l.stmt), keyOf(l.actor)}] = true
	}
	spanOf := func(r suggest.Range, label string) annotate.Span {
		return annotate.Span{Start: r.Start, End: r.End, Label: label}
	}
	p.key("ctrl+shift+s", "suggest")
	p.key("Tab", "suggest")
	done := map[int]bool{}
	for {
		// the first shown: not done (accepted or rejected), its statement
		// not one of the coder's spans
		next := -1
		for i, s := range all {
			label := labels.Claim
			if s.Denial {
				label = labels.Denial
			}
			if !done[i] && !p.has(spanOf(s.Statement, label)) {
				next = i
				break
			}
		}
		if next < 0 {
			break
		}
		s := all[next]
		done[next] = true
		p.decisions++
		label := labels.Claim
		if s.Denial {
			label = labels.Denial
		}
		stmt, actor := spanOf(s.Statement, label), spanOf(s.Actor, labels.Actor)
		k := [2]spanKey{keyOf(stmt), keyOf(actor)}
		if !gold[k] {
			p.key("BackSpace", "suggest")
			p.rejected++
			continue
		}
		p.key("Return", "suggest")
		p.accepted++
		if !p.has(actor) {
			p.add(actor)
		}
		p.add(stmt)
		p.linked[k] = true
	}
	p.key("ctrl+shift+s", "suggest")
	return links
}
