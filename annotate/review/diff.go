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
func (d Diff) Start() int { return d.startOf() }

// startOf is Start through a pointer, without copying the spans.
func (d *Diff) startOf() int {
	switch d.Kind {
	case OnlyMine:
		return d.Mine.Start
	case OnlyTheirs:
		return d.Theirs.Start
	case LinkOnlyMine, LinkOnlyTheirs, LinkOtherEnd:
		start, _ := d.linkBounds()
		return start
	}
	return min(d.Mine.Start, d.Theirs.Start)
}

// End returns the larger end of the spans the difference holds.
func (d Diff) End() int { return d.endOf() }

// endOf is End through a pointer.
func (d *Diff) endOf() int {
	switch d.Kind {
	case OnlyMine:
		return d.Mine.End
	case OnlyTheirs:
		return d.Theirs.End
	case LinkOnlyMine, LinkOnlyTheirs, LinkOtherEnd:
		_, end := d.linkBounds()
		return end
	}
	return max(d.Mine.End, d.Theirs.End)
}

// linkBounds returns the smallest start and the largest end of the spans
// that a link difference's links join.
func (d *Diff) linkBounds() (start, end int) {
	ss := d.spans()
	start, end = ss[0].Start, ss[0].End
	for _, s := range ss[1:] {
		start, end = min(start, s.Start), max(end, s.End)
	}
	return start, end
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
	a := sortedCopy(mine)
	b := sortedCopy(theirs.Spans)
	usedA := make([]bool, len(a))
	usedB := make([]bool, len(b))
	if withAgreed {
		agreed = make([]Pair, 0, min(len(a), len(b)))
	}

	// 1. Identical spans: same start, end and label. Both sides are in
	// CompareSpans order (start, end descending, label), so one walk along
	// both pairs them, the k-th copy of a key on one side with the k-th on
	// the other.
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := compareRange(&a[i], &b[j]); {
		case c == 0 && a[i].Label == b[j].Label:
			usedA[i], usedB[j] = true, true
			if withAgreed {
				agreed = append(agreed, Pair{Mine: a[i], Theirs: b[j]})
			}
			i++
			j++
		case c < 0 || c == 0 && a[i].Label < b[j].Label:
			i++
		default:
			j++
		}
	}

	// Each span left is in one difference at most.
	left := 0
	for _, u := range usedA {
		if !u {
			left++
		}
	}
	for _, u := range usedB {
		if !u {
			left++
		}
	}
	diffs = make([]Diff, 0, left)

	// 2. The same range with another label. After step 1 a range's spans
	// left on both sides have different labels; they pair in label order,
	// range by range (a range's spans are next to each other).
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if c := compareRange(&a[i], &b[j]); c != 0 {
			if c < 0 {
				i++
			} else {
				j++
			}
			continue
		}
		ie, je := i+1, j+1
		for ie < len(a) && compareRange(&a[ie], &a[i]) == 0 {
			ie++
		}
		for je < len(b) && compareRange(&b[je], &b[j]) == 0 {
			je++
		}
		for p, q := i, j; ; p, q = p+1, q+1 {
			for p < ie && usedA[p] {
				p++
			}
			for q < je && usedB[q] {
				q++
			}
			if p == ie || q == je {
				break
			}
			usedA[p], usedB[q] = true, true
			diffs = append(diffs, Diff{Kind: OtherLabel, Mine: a[p], Theirs: b[q], Source: theirs.Name})
		}
		i, j = ie, je
	}

	// 3. Overlapping ranges: the same label first, then any label, each
	// greedily by largest overlap.
	ua, ub := unitsOf(a), unitsOf(b)
	restA, idxA := unused(ua, usedA)
	restB, idxB := unused(ub, usedB)
	cands := overlapPairs(restA, restB)
	for k := range cands {
		cands[k].i, cands[k].j = idxA[cands[k].i], idxB[cands[k].j]
	}
	var same []candidate
	for _, c := range cands {
		if ua[c.i].label == ub[c.j].label {
			same = append(same, c)
		}
	}
	for _, pass := range [][]candidate{same, cands} {
		for _, c := range greedyMatch(pass, ua, ub, usedA, usedB) {
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
	return agreed, sortDiffs(diffs)
}

// sortDiffs sorts diffs in compareDiffs order and returns them. It sorts their indices,
// not the differences: each holds two spans, and moving them in a sort
// was most of its cost.
func sortDiffs(diffs []Diff) []Diff {
	idx := make([]int32, len(diffs))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(x, y int32) int { return compareDiffsOf(&diffs[x], &diffs[y]) })
	permute(diffs, idx)
	return diffs
}

// SortByStart sorts differences by Start, keeping the order of those with
// equal starts (a stable sort), as a list of several colleagues'
// differences shows them. It sorts indices rather than the differences,
// each of which holds two spans.
func SortByStart(diffs []Diff) {
	idx := make([]int32, len(diffs))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(x, y int32) int { return cmp.Compare(diffs[x].startOf(), diffs[y].startOf()) })
	permute(diffs, idx)
}

// permute puts diffs[idx[k]] at k, in place, cycle by cycle; it leaves idx
// all -1.
func permute(diffs []Diff, idx []int32) {
	for k := range idx {
		if idx[k] < 0 {
			continue
		}
		if int(idx[k]) == k {
			idx[k] = -1
			continue
		}
		tmp := diffs[k]
		j := k
		for {
			next := int(idx[j])
			idx[j] = -1
			if next == k {
				diffs[j] = tmp
				break
			}
			diffs[j] = diffs[next]
			j = next
		}
	}
}

// sortedCopy returns spans in annotate.CompareSpans order, to be read
// only: spans itself when they are in order already (as a session's and a
// colleague's are), else a sorted copy, made by sorting indices rather than
// the spans themselves.
func sortedCopy(spans []annotate.Span) []annotate.Span {
	sorted := true
	for i := 1; i < len(spans) && sorted; i++ {
		sorted = compareSpansOf(&spans[i-1], &spans[i]) <= 0
	}
	if sorted {
		return spans
	}
	idx := make([]int32, len(spans))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(x, y int32) int { return compareSpansOf(&spans[x], &spans[y]) })
	out := make([]annotate.Span, len(spans))
	for k, i := range idx {
		out[k] = spans[i]
	}
	return out
}

// compareRange orders spans by start, then end descending: the first two
// keys of annotate.CompareSpans.
func compareRange(x, y *annotate.Span) int {
	if c := cmp.Compare(x.Start, y.Start); c != 0 {
		return c
	}
	return cmp.Compare(y.End, x.End)
}

// compareSpansOf is annotate.CompareSpans through pointers.
func compareSpansOf(x, y *annotate.Span) int {
	if c := cmp.Compare(x.Start, y.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(y.End, x.End); c != 0 {
		return c
	}
	return annotate.CompareSpans(*x, *y)
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
func compareDiffs(x, y Diff) int { return compareDiffsOf(&x, &y) }

// compareDiffsOf is compareDiffs through pointers.
func compareDiffsOf(x, y *Diff) int {
	if c := cmp.Compare(x.startOf(), y.startOf()); c != 0 {
		return c
	}
	if c := cmp.Compare(x.endOf(), y.endOf()); c != 0 {
		return c
	}
	if c := cmp.Compare(x.Kind, y.Kind); c != 0 {
		return c
	}
	if c := compareSpansOf(&x.Mine, &y.Mine); c != 0 {
		return c
	}
	if c := compareSpansOf(&x.Theirs, &y.Theirs); c != 0 {
		return c
	}
	return cmp.Or(compareLinks(x.MineLink, y.MineLink), compareLinks(x.TheirsLink, y.TheirsLink))
}

// unused returns the units not marked used, and the index in spans of each.
func unused(spans []mspan, used []bool) ([]mspan, []int) {
	n := 0
	for _, u := range used {
		if !u {
			n++
		}
	}
	rest := make([]mspan, 0, n)
	idx := make([]int, 0, n)
	for i := range spans {
		if !used[i] {
			rest = append(rest, spans[i])
			idx = append(idx, i)
		}
	}
	return rest, idx
}
