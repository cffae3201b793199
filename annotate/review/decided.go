package review

import (
	"cmp"
	"slices"

	"claimdesk/annotate"
)

// Disagreement returns what the difference is about, without ids: the
// colleague, the kind and the extents of both sides' spans or links. Its
// Key finds the difference's decision again in a later comparison.
func (d Diff) Disagreement() annotate.Disagreement {
	out := annotate.Disagreement{Colleague: d.Source, Kind: d.Kind.String()}
	ext := func(s annotate.Span) *annotate.Extent {
		if s.ID == "" && s.Label == "" {
			return nil
		}
		e := annotate.ExtentOf(s)
		return &e
	}
	link := func(l *Link) *annotate.LinkExtent {
		if l == nil {
			return nil
		}
		e := l.Extent()
		return &e
	}
	if d.Kind.IsLink() {
		out.MineLink, out.TheirsLink = link(d.MineLink), link(d.TheirsLink)
	} else {
		out.Mine, out.Theirs = ext(d.Mine), ext(d.Theirs)
	}
	return out
}

// Key is the key of the difference's Disagreement.
func (d Diff) Key() string { return d.Disagreement().Key() }

// Item is a line of the adjudication of one document: a difference with
// its decision.
type Item struct {
	Diff Diff
	// Decision is the stored decision; its State is DecisionOpen when
	// there is none.
	Decision annotate.Decision
	// Settled reports a decision whose difference is gone (theirs taken,
	// or mine dropped): Diff is rebuilt from the decision, without ids,
	// and there is nothing left to decide.
	Settled bool
}

// State is the item's state: its decision's, or open.
func (it Item) State() annotate.DecisionState {
	if it.Decision.Stored() {
		return it.Decision.State
	}
	return annotate.DecisionOpen
}

// Items joins a document's differences with the decisions stored for it:
// each difference gets the decision with its key, or the decision that
// covers it (annotate.Decision.Covers); each decision of one of
// colleagues that no difference has any more is a settled item. Items are
// in the order of Differences.
func Items(diffs []Diff, decisions []annotate.Decision, colleagues []string) []Item {
	byKey := make(map[string]int, len(decisions))
	covered := make(map[string]int)
	for i, dec := range decisions {
		if !slices.Contains(colleagues, dec.Colleague) || !dec.Stored() {
			continue
		}
		byKey[dec.Key()] = i
		for _, k := range dec.Covers {
			covered[k] = i
		}
	}
	used := make([]bool, len(decisions))
	items := make([]Item, 0, len(diffs))
	for _, d := range diffs {
		it := Item{Diff: d, Decision: annotate.Decision{State: annotate.DecisionOpen}}
		if len(byKey) == 0 {
			items = append(items, it) // nothing decided: no key to look up
			continue
		}
		k := d.Key()
		if i, ok := byKey[k]; ok {
			it.Decision, used[i] = decisions[i], true
		} else if i, ok := covered[k]; ok {
			it.Decision, used[i] = decisions[i], true
		}
		items = append(items, it)
	}
	for i, dec := range decisions {
		if _, ok := byKey[dec.Key()]; !ok || used[i] {
			continue
		}
		d, ok := diffOf(dec.Disagreement)
		if !ok {
			continue
		}
		items = append(items, Item{Diff: d, Decision: dec, Settled: true})
	}
	order := func(a, b *Item) int {
		return cmp.Or(compareDiffs(a.Diff, b.Diff), cmp.Compare(boolInt(a.Settled), boolInt(b.Settled)))
	}
	sorted := true
	for i := 1; i < len(items) && sorted; i++ {
		sorted = order(&items[i-1], &items[i]) <= 0
	}
	if sorted {
		return items
	}
	// Items are large: sort their indices, then place them.
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return order(&items[a], &items[b]) })
	out := make([]Item, len(items))
	for i, j := range idx {
		out[i] = items[j]
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// diffOf rebuilds a difference, without ids, from a disagreement.
func diffOf(dis annotate.Disagreement) (Diff, bool) {
	k, ok := ParseKind(dis.Kind)
	if !ok {
		return Diff{}, false
	}
	d := Diff{Kind: k, Source: dis.Colleague}
	span := func(e *annotate.Extent) annotate.Span {
		if e == nil {
			return annotate.Span{}
		}
		return annotate.Span{Start: e.Start, End: e.End, Label: e.Label}
	}
	link := func(l *annotate.LinkExtent) *Link {
		if l == nil {
			return nil
		}
		return &Link{Relation: annotate.Relation{Type: l.Type}, From: span(&l.From), To: span(&l.To)}
	}
	d.Mine, d.Theirs = span(dis.Mine), span(dis.Theirs)
	d.MineLink, d.TheirsLink = link(dis.MineLink), link(dis.TheirsLink)
	// A difference needs the spans its kind holds.
	for _, s := range d.spans() {
		if s.Label == "" {
			return Diff{}, false
		}
	}
	return d, true
}
