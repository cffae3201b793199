package review

import (
	"cmp"
	"slices"
	"strings"

	"claimdesk/annotate"
)

// Link is a relation with its two ends, as a link difference holds it.
type Link struct {
	annotate.Relation
	From, To annotate.Span
}

// Extent returns the link's type and the extents of its ends.
func (l Link) Extent() annotate.LinkExtent {
	return annotate.LinkExtent{Type: l.Type, From: annotate.ExtentOf(l.From), To: annotate.ExtentOf(l.To)}
}

// IsLink reports whether the kind is a difference of links.
func (k Kind) IsLink() bool { return k == LinkOnlyMine || k == LinkOnlyTheirs || k == LinkOtherEnd }

// ParseKind returns the Kind whose String is s.
func ParseKind(s string) (Kind, bool) {
	for k := OnlyMine; k <= LinkOtherEnd; k++ {
		if k.String() == s {
			return k, true
		}
	}
	return 0, false
}

// id is the link's relation id, "" for none.
func (l *Link) id() string {
	if l == nil {
		return ""
	}
	return l.ID
}

// compareLinks orders links by type, then their ends in CompareSpans
// order; nil first.
func compareLinks(x, y *Link) int {
	switch {
	case x == nil && y == nil:
		return 0
	case x == nil:
		return -1
	case y == nil:
		return 1
	}
	return cmp.Or(strings.Compare(x.Type, y.Type), annotate.CompareSpans(x.From, y.From), annotate.CompareSpans(x.To, y.To),
		strings.Compare(x.ID, y.ID))
}

// Compare returns the differences between my spans and links and a
// colleague's: the span differences of Differences, and the differences
// of DiffLinks, in the order Differences sorts them.
func Compare(mine []annotate.Span, myLinks []annotate.Relation, theirs Set, theirLinks []annotate.Relation) []Diff {
	if len(myLinks) == 0 && len(theirLinks) == 0 {
		return Differences(mine, theirs)
	}
	agreed, diffs := Align(mine, theirs)
	diffs = append(diffs, diffLinks(agreed, myLinks, theirs, theirLinks)...)
	slices.SortFunc(diffs, compareDiffs)
	return diffs
}

// DiffLinks returns the differences between my links and a colleague's
// among the spans we agree on (Align's pairs: a link whose end one of us
// has alone is part of that span's difference, and comes along when the
// span is taken). Links are the same when they have the same type and
// their ends are paired spans. Of the rest, a link of mine and one of
// theirs with the same type from the same span are LinkOtherEnd (paired
// in the order of their other ends); the others are LinkOnlyMine and
// LinkOnlyTheirs. A relation whose end is not among the spans given is
// left out.
func DiffLinks(mine []annotate.Span, myLinks []annotate.Relation, theirs Set, theirLinks []annotate.Relation) []Diff {
	agreed, _ := Align(mine, theirs)
	diffs := diffLinks(agreed, myLinks, theirs, theirLinks)
	slices.SortFunc(diffs, compareDiffs)
	return diffs
}

func diffLinks(agreed []Pair, myLinks []annotate.Relation, theirs Set, theirLinks []annotate.Relation) []Diff {
	if len(myLinks) == 0 && len(theirLinks) == 0 {
		return nil
	}
	// The agreed spans by id: mine, theirs, and my span's id of theirs.
	mySpan := make(map[string]*annotate.Span, len(agreed))
	theirSpan := make(map[string]*annotate.Span, len(agreed))
	mineOf := make(map[string]string, len(agreed))
	for i := range agreed {
		p := &agreed[i]
		mySpan[p.Mine.ID], theirSpan[p.Theirs.ID] = &p.Mine, &p.Theirs
		mineOf[p.Theirs.ID] = p.Mine.ID
	}
	type key struct{ typ, from, to string } // in my span ids
	var myKeys []key
	myLink := make(map[key]*Link)
	for _, r := range myLinks {
		if mySpan[r.From] == nil || mySpan[r.To] == nil {
			continue
		}
		k := key{r.Type, r.From, r.To}
		if _, dup := myLink[k]; !dup {
			myKeys = append(myKeys, k)
			myLink[k] = &Link{Relation: r, From: *mySpan[r.From], To: *mySpan[r.To]}
		}
	}
	var theirKeys []key
	theirLink := make(map[key]*Link)
	for _, r := range theirLinks {
		from, okF := mineOf[r.From]
		to, okT := mineOf[r.To]
		if !okF || !okT {
			continue
		}
		k := key{r.Type, from, to}
		if _, dup := theirLink[k]; !dup {
			theirKeys = append(theirKeys, k)
			theirLink[k] = &Link{Relation: r, From: *theirSpan[r.From], To: *theirSpan[r.To]}
		}
	}
	// Unmatched links, by type and start.
	type start struct{ typ, from string }
	onlyMine := make(map[start][]key)
	var starts []start
	for _, k := range myKeys {
		if _, ok := theirLink[k]; !ok {
			s := start{k.typ, k.from}
			if len(onlyMine[s]) == 0 {
				starts = append(starts, s)
			}
			onlyMine[s] = append(onlyMine[s], k)
		}
	}
	onlyTheirs := make(map[start][]key)
	for _, k := range theirKeys {
		if _, ok := myLink[k]; !ok {
			s := start{k.typ, k.from}
			if len(onlyMine[s]) == 0 && len(onlyTheirs[s]) == 0 {
				starts = append(starts, s)
			}
			onlyTheirs[s] = append(onlyTheirs[s], k)
		}
	}
	byEnd := func(ks []key) {
		slices.SortFunc(ks, func(a, b key) int { return annotate.CompareSpans(*mySpan[a.to], *mySpan[b.to]) })
	}
	var diffs []Diff
	for _, s := range starts {
		m, t := onlyMine[s], onlyTheirs[s]
		byEnd(m)
		byEnd(t)
		n := min(len(m), len(t))
		for i := range n {
			diffs = append(diffs, Diff{Kind: LinkOtherEnd, Source: theirs.Name, MineLink: myLink[m[i]], TheirsLink: theirLink[t[i]]})
		}
		for _, k := range m[n:] {
			diffs = append(diffs, Diff{Kind: LinkOnlyMine, Source: theirs.Name, MineLink: myLink[k]})
		}
		for _, k := range t[n:] {
			diffs = append(diffs, Diff{Kind: LinkOnlyTheirs, Source: theirs.Name, TheirsLink: theirLink[k]})
		}
	}
	return diffs
}
