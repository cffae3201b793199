package review

import (
	"cmp"
	"slices"

	"claimdesk/annotate"
)

// mspan is what matching needs of a span: its range and label. Matching
// works on units rather than spans, which are four times their size.
type mspan struct {
	start, end int
	label      string
}

// unitsOf returns the mspans of spans, in their order.
func unitsOf(spans []annotate.Span) []mspan {
	out := make([]mspan, len(spans))
	for i := range spans {
		out[i] = mspan{spans[i].Start, spans[i].End, spans[i].Label}
	}
	return out
}

// candidate is a pair of overlapping spans, a[i] and b[j], of the slices
// given to overlapPairs.
type candidate struct {
	i, j    int
	overlap int  // code points the two ranges share
	exact   bool // same start, end and label
}

// overlapPairs returns every pair of spans of a and b whose ranges overlap
// (share at least one code point), whatever their labels. It sweeps both
// sides by start, keeping the spans still open, so it costs O(n log n + k)
// for k overlapping pairs rather than O(len(a)·len(b)).
func overlapPairs(a, b []mspan) []candidate {
	type event struct {
		start, side, idx int
	}
	events := make([]event, 0, len(a)+len(b))
	for i, s := range a {
		if s.end > s.start {
			events = append(events, event{s.start, 0, i})
		}
	}
	for j, s := range b {
		if s.end > s.start {
			events = append(events, event{s.start, 1, j})
		}
	}
	slices.SortFunc(events, func(x, y event) int {
		if c := cmp.Compare(x.start, y.start); c != 0 {
			return c
		}
		if c := cmp.Compare(x.side, y.side); c != 0 {
			return c
		}
		return cmp.Compare(x.idx, y.idx)
	})
	sides := [2][]mspan{a, b}
	var open [2][]int // indices of spans started and not known to have ended, per side
	var out []candidate
	for _, e := range events {
		other := 1 - e.side
		// Pair the span with the other side's open spans, dropping those
		// that end at or before it starts: they overlap neither it nor any
		// later span.
		// Each span looked at is either paired or dropped, so the sweep
		// costs O(n + k) after the sort.
		kept := open[other][:0]
		for _, k := range open[other] {
			if sides[other][k].end <= e.start {
				continue
			}
			kept = append(kept, k)
			c := candidate{i: e.idx, j: k}
			if e.side == 1 {
				c = candidate{i: k, j: e.idx}
			}
			x, y := &a[c.i], &b[c.j]
			c.overlap = min(x.end, y.end) - max(x.start, y.start)
			c.exact = *x == *y
			out = append(out, c)
		}
		open[other] = kept
		open[e.side] = append(open[e.side], e.idx)
	}
	return out
}

// greedyMatch pairs spans of a and b by largest overlap: it takes the
// candidates in order of overlap, largest first, keeping each pair whose
// two spans are both still free. Among equal overlaps exact matches come
// first (so greedy matching never loses an exact match), then the pairs in
// the order of their spans' start, end and label, taken as an unordered
// pair, so that swapping a and b pairs the same spans and the count of
// pairs is symmetric; then by index, so the result is deterministic.
// usedA and usedB mark the spans already paired; greedyMatch marks the ones
// it pairs and returns the pairs kept.
func greedyMatch(cands []candidate, a, b []mspan, usedA, usedB []bool) []candidate {
	// Spans are compared through pointers: copying them in the sort's
	// comparisons was most of its cost.
	ordered := func(c candidate) (lo, hi *mspan) {
		lo, hi = &a[c.i], &b[c.j]
		if compareContentOf(lo, hi) > 0 {
			lo, hi = hi, lo
		}
		return lo, hi
	}
	slices.SortFunc(cands, func(x, y candidate) int {
		if c := cmp.Compare(y.overlap, x.overlap); c != 0 {
			return c
		}
		if x.exact != y.exact {
			if x.exact {
				return -1
			}
			return 1
		}
		xlo, xhi := ordered(x)
		ylo, yhi := ordered(y)
		if c := compareContentOf(xlo, ylo); c != 0 {
			return c
		}
		if c := compareContentOf(xhi, yhi); c != 0 {
			return c
		}
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	var kept []candidate
	for _, c := range cands {
		if usedA[c.i] || usedB[c.j] {
			continue
		}
		usedA[c.i], usedB[c.j] = true, true
		kept = append(kept, c)
	}
	return kept
}

// compareContentOf is compareContent of units, through pointers.
func compareContentOf(x, y *mspan) int {
	if c := cmp.Compare(x.start, y.start); c != 0 {
		return c
	}
	if c := cmp.Compare(x.end, y.end); c != 0 {
		return c
	}
	return cmp.Compare(x.label, y.label)
}
