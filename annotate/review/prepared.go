package review

import (
	"cmp"
	"slices"

	"claimdesk/annotate"
)

// PreparedSet is one set's spans of one document as PairwiseText needs
// them: grouped by label, sorted by range, with the ranges each label
// covers. Measuring a document for every pair of n sets prepares each set
// once (ProjectFigures.Add) rather than n-1 times.
type PreparedSet struct {
	labels map[string]*preparedLabel
}

// preparedLabel is a set's spans of one label: their units sorted by
// start, then end; the disjoint ranges they cover, clipped to the text;
// and the non-whitespace code points in those.
type preparedLabel struct {
	units   []mspan
	union   []interval
	covered int
}

// Prepare prepares spans, a set's spans of the document whose text is t,
// for PairwisePrepared.
func (t *Text) Prepare(spans []annotate.Span) *PreparedSet {
	n := len(t.nonSpace) - 1
	p := &PreparedSet{labels: unitsByLabelPrepared(spans)}
	for _, l := range p.labels {
		slices.SortFunc(l.units, func(x, y mspan) int {
			if c := cmp.Compare(x.start, y.start); c != 0 {
				return c
			}
			return cmp.Compare(x.end, y.end)
		})
		l.union = union(l.units, n)
		l.covered = covered(l.union, t.nonSpace)
	}
	return p
}

// unitsByLabelPrepared is unitsByLabel into preparedLabels.
func unitsByLabelPrepared(spans []annotate.Span) map[string]*preparedLabel {
	m := make(map[string]*preparedLabel, 4)
	for i := range spans {
		s := &spans[i]
		l := m[s.Label]
		if l == nil {
			l = &preparedLabel{}
			m[s.Label] = l
		}
		l.units = append(l.units, mspan{s.Start, s.End, s.Label})
	}
	return m
}

// PairwisePrepared is PairwiseText of two prepared sets of the same
// document (t): the same counts.
func PairwisePrepared(t *Text, a, b *PreparedSet) PairCounts {
	nonSpace := t.nonSpace
	total := int(nonSpace[len(nonSpace)-1])
	p := make(PairCounts, len(a.labels)+len(b.labels)+1)
	p[TextKey] = &LabelCounts{Neither: total}
	empty := &preparedLabel{}
	count := func(label string, la, lb *preparedLabel) {
		c := &LabelCounts{A: len(la.units), B: len(lb.units)}
		c.Exact, c.Overlap = matchSorted(la.units, lb.units)
		c.Both = intersection(la.union, lb.union, nonSpace)
		c.OnlyA = la.covered - c.Both
		c.OnlyB = lb.covered - c.Both
		c.Neither = total - c.Both - c.OnlyA - c.OnlyB
		p[label] = c
	}
	for label, la := range a.labels {
		lb := b.labels[label]
		if lb == nil {
			lb = empty
		}
		count(label, la, lb)
	}
	for label, lb := range b.labels {
		if _, ok := a.labels[label]; !ok {
			count(label, empty, lb)
		}
	}
	return p
}

// matchSorted is matchCounts of units sorted by start, then end: the
// exact pairs are found by merging the two lists (for a range that a has
// i times and b j times, min(i, j) pairs, as matchCounts makes them), and
// the spans left are paired by overlap as matchCounts pairs them. The
// counts do not depend on the order of the units: matchCounts pairs the
// same number of copies of each range exactly whichever copies it takes,
// and greedyMatch orders its candidates by their spans' content before
// their indices.
func matchSorted(a, b []mspan) (exact, overlap int) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	// The spans left unpaired, in order: those the merge steps over, and
	// the tail of the list it did not finish.
	var restA, restB []mspan
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, y := &a[i], &b[j]
		switch c := cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(x.end, y.end)); {
		case c < 0:
			restA = append(restA, *x)
			i++
		case c > 0:
			restB = append(restB, *y)
			j++
		default:
			exact++
			if x.end > x.start {
				overlap++
			}
			i++
			j++
		}
	}
	restA, restB = append(restA, a[i:]...), append(restB, b[j:]...)
	if len(restA) == 0 || len(restB) == 0 {
		return exact, overlap
	}
	cands := overlapPairs(restA, restB)
	return exact, overlap + len(greedyMatch(cands, restA, restB, make([]bool, len(restA)), make([]bool, len(restB))))
}
