package review

import (
	"cmp"
	"slices"
	"strconv"

	"claimdesk/annotate"
)

// Kind is the kind of a difference between my spans and a colleague's.
type Kind int

// The kinds of Diff, in the order Differences sorts them at the same range.
const (
	OnlyMine        Kind = iota // a span of mine that no span of theirs pairs with
	OnlyTheirs                  // a span of theirs that no span of mine pairs with
	OtherLabel                  // same start and end, another label
	OtherBoundaries             // overlapping ranges with different boundaries (either label), paired by largest overlap
	LinkOnlyMine                // a link of mine between two spans we agree on that they do not have (see DiffLinks)
	LinkOnlyTheirs              // a link of theirs between two spans we agree on that I do not have
	LinkOtherEnd                // a link of the same type from the same span to another span
)

// String returns the kind's name as the review view shows it: "only mine",
// "only theirs", "other label" or "other boundaries".
func (k Kind) String() string {
	switch k {
	case OnlyMine:
		return "only mine"
	case OnlyTheirs:
		return "only theirs"
	case OtherLabel:
		return "other label"
	case OtherBoundaries:
		return "other boundaries"
	case LinkOnlyMine:
		return "link only mine"
	case LinkOnlyTheirs:
		return "link only theirs"
	case LinkOtherEnd:
		return "link other end"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Diff is one difference between my spans and a colleague's, or between
// our links (the Link kinds).
type Diff struct {
	Kind   Kind
	Mine   annotate.Span // zero Span (ID "") for OnlyTheirs and the Link kinds
	Theirs annotate.Span // zero Span for OnlyMine and the Link kinds
	Source string        // the Set.Name of theirs
	// MineLink and TheirsLink are the links of a Link kind difference
	// (nil for the side without one); nil for the other kinds.
	MineLink, TheirsLink *Link
}

// spans returns the spans the difference holds: one for OnlyMine and
// OnlyTheirs, two otherwise; a link difference the ends of its links.
func (d Diff) spans() []annotate.Span {
	switch d.Kind {
	case OnlyMine:
		return []annotate.Span{d.Mine}
	case OnlyTheirs:
		return []annotate.Span{d.Theirs}
	case LinkOnlyMine:
		return []annotate.Span{d.MineLink.From, d.MineLink.To}
	case LinkOnlyTheirs:
		return []annotate.Span{d.TheirsLink.From, d.TheirsLink.To}
	case LinkOtherEnd:
		return []annotate.Span{d.MineLink.From, d.MineLink.To, d.TheirsLink.To}
	}
	return []annotate.Span{d.Mine, d.Theirs}
}

// Start returns the smaller start of the spans the difference holds.
func (d Diff) Start() int {
	ss := d.spans()
	start := ss[0].Start
	for _, s := range ss[1:] {
		start = min(start, s.Start)
	}
	return start
}

// End returns the larger end of the spans the difference holds.
func (d Diff) End() int {
	ss := d.spans()
	end := ss[0].End
	for _, s := range ss[1:] {
		end = max(end, s.End)
	}
	return end
}

// ID returns a stable identity of the difference, for marking it reviewed:
// the kind, my span's id and their span's id joined by ":" ("other
// label:<mine id>:<their id>"; an id is empty for the side without a span,
// as in "only mine:<mine id>:").
func (d Diff) ID() string {
	if d.Kind.IsLink() {
		return d.Kind.String() + ":" + d.MineLink.id() + ":" + d.TheirsLink.id()
	}
	return d.Kind.String() + ":" + d.Mine.ID + ":" + d.Theirs.ID
}

// Pair is a span of mine and a span of theirs that agree: same start, end
// and label.
type Pair struct {
	Mine, Theirs annotate.Span
}

// Align pairs my spans with theirs as Differences describes and returns
// both the agreements (identical spans, each span used once) and the
// differences. Every span of mine and of theirs is in exactly one agreement
// or difference. Agreements are in annotate.CompareSpans order of my span.
func Align(mine []annotate.Span, theirs Set) (agreed []Pair, diffs []Diff) {
	return align(mine, theirs, true)
}

// align is Align; it collects the agreed pairs only when withAgreed is
// set (Differences does without them, and their copies).
func align(mine []annotate.Span, theirs Set, withAgreed bool) (agreed []Pair, diffs []Diff) {
	a := slices.Clone(mine)
	b := slices.Clone(theirs.Spans)
	annotate.SortSpans(a)
	annotate.SortSpans(b)
	usedA := make([]bool, len(a))
	usedB := make([]bool, len(b))
	if withAgreed {
		agreed = make([]Pair, 0, min(len(a), len(b)))
	}

	// 1. Identical spans: same start, end and label. Both sides are in
	// CompareSpans order, so the k-th copy of a key on one side pairs with
	// the k-th copy on the other.
	type key struct {
		start, end int
		label      string
	}
	byKey := make(map[key][]int, len(b))
	for j, s := range b {
		k := key{s.Start, s.End, s.Label}
		byKey[k] = append(byKey[k], j)
	}
	for i, s := range a {
		k := key{s.Start, s.End, s.Label}
		if js := byKey[k]; len(js) > 0 {
			usedA[i], usedB[js[0]] = true, true
			byKey[k] = js[1:]
			if withAgreed {
				agreed = append(agreed, Pair{Mine: s, Theirs: b[js[0]]})
			}
		}
	}

	// 2. The same range with another label. After step 1 a range's spans
	// left on both sides have different labels; they pair in label order.
	type rng struct{ start, end int }
	byRange := make(map[rng][]int)
	for j, s := range b {
		if !usedB[j] {
			r := rng{s.Start, s.End}
			byRange[r] = append(byRange[r], j)
		}
	}
	for i, s := range a {
		if usedA[i] {
			continue
		}
		r := rng{s.Start, s.End}
		if js := byRange[r]; len(js) > 0 {
			usedA[i], usedB[js[0]] = true, true
			byRange[r] = js[1:]
			diffs = append(diffs, Diff{Kind: OtherLabel, Mine: s, Theirs: b[js[0]], Source: theirs.Name})
		}
	}

	// 3. Overlapping ranges: the same label first, then any label, each
	// greedily by largest overlap.
	restA, idxA := unused(a, usedA)
	restB, idxB := unused(b, usedB)
	cands := overlapPairs(restA, restB)
	for k := range cands {
		cands[k].i, cands[k].j = idxA[cands[k].i], idxB[cands[k].j]
	}
	var same []candidate
	for _, c := range cands {
		if a[c.i].Label == b[c.j].Label {
			same = append(same, c)
		}
	}
	for _, pass := range [][]candidate{same, cands} {
		for _, c := range greedyMatch(pass, a, b, usedA, usedB) {
			diffs = append(diffs, Diff{Kind: OtherBoundaries, Mine: a[c.i], Theirs: b[c.j], Source: theirs.Name})
		}
	}

	// 4. The rest.
	for i, s := range a {
		if !usedA[i] {
			diffs = append(diffs, Diff{Kind: OnlyMine, Mine: s, Source: theirs.Name})
		}
	}
	for j, s := range b {
		if !usedB[j] {
			diffs = append(diffs, Diff{Kind: OnlyTheirs, Theirs: s, Source: theirs.Name})
		}
	}
	slices.SortFunc(diffs, compareDiffs)
	return agreed, diffs
}

// Differences pairs my spans with theirs in this order: identical (same
// start, end, label: agreement, not a difference; each span used once);
// same range with another label (OtherLabel); overlapping ranges, same
// label first, then any label, greedily by largest overlap
// (OtherBoundaries); the rest are OnlyMine / OnlyTheirs. Each span is in at
// most one pair. The result is sorted by Start, then End, then Kind (then
// my span's and their span's CompareSpans order, so it is deterministic).
// It costs O(n log n + k) for n spans with k overlapping pairs among those
// left after the first two steps.
func Differences(mine []annotate.Span, theirs Set) []Diff {
	_, diffs := align(mine, theirs, false)
	return diffs
}

// compareDiffs orders differences by Start, End, Kind, then my span and
// their span in CompareSpans order.
func compareDiffs(x, y Diff) int {
	if c := cmp.Compare(x.Start(), y.Start()); c != 0 {
		return c
	}
	if c := cmp.Compare(x.End(), y.End()); c != 0 {
		return c
	}
	if c := cmp.Compare(x.Kind, y.Kind); c != 0 {
		return c
	}
	if c := annotate.CompareSpans(x.Mine, y.Mine); c != 0 {
		return c
	}
	if c := annotate.CompareSpans(x.Theirs, y.Theirs); c != 0 {
		return c
	}
	return cmp.Or(compareLinks(x.MineLink, y.MineLink), compareLinks(x.TheirsLink, y.TheirsLink))
}

// unused returns the spans not marked used, and the index in spans of each.
func unused(spans []annotate.Span, used []bool) ([]annotate.Span, []int) {
	n := 0
	for _, u := range used {
		if !u {
			n++
		}
	}
	rest := make([]annotate.Span, 0, n)
	idx := make([]int, 0, n)
	for i := range spans {
		if !used[i] {
			rest = append(rest, spans[i])
			idx = append(idx, i)
		}
	}
	return rest, idx
}
