package review

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"claimdesk/annotate"
)

// Unitizing accumulates documents annotated by the same annotators for
// Krippendorff's unitizing alpha (alpha_U), computed per label (category)
// as Krippendorff (1995, "On the reliability of unitizing contiguous data")
// defines it and DKPro Statistics' KrippendorffAlphaUnitizingAgreement
// implements it. The documents are appended to one continuum of code
// points; the stretches of the continuum that an annotator left outside
// every span of a label (the gaps) are units of "no category" for that
// annotator, as in DKPro, and a gap runs on across document boundaries.
//
// alpha_U needs an annotator's units of one category not to overlap, so
// the overlapping (and nested) spans of one annotator and label are merged
// into the range they cover together; adjacent spans stay separate units.
//
// Unitizing streams the documents: its memory does not grow with their
// number, only with the number of labels and annotators and the number of
// distinct lengths of units and gaps. Per label it keeps (see
// labelStream):
//
//   - for the expected disagreement, which depends on the units and gaps
//     only through their lengths, a histogram of the unit lengths and one
//     of the gap lengths;
//   - for the observed disagreement, a merge sweep along the continuum per
//     pair of annotators (its position in either annotator's segments and
//     its sum of distances so far), and per annotator the segments that
//     are closed (their end is known) but not yet passed by every sweep of
//     a pair with the annotator, and the start of the annotator's open
//     trailing gap, whose end is known only when the annotator's next unit
//     of the label starts, or at the end of the continuum.
//
// After each document, AddDocument advances every sweep as far as the
// closed segments decide it (a closed segment that ends before the end of
// the continuum is passed against an open gap too) and drops the segments
// every sweep has passed: at most one segment per annotator and label
// stays. Disagreements finishes the sweeps and the gap histogram with the
// open gaps closed at the current end of the continuum, on copies: it may
// be called between documents and does not change later results. A label
// first seen in a later document starts, for every annotator, with a gap
// from offset 0.
//
// The zero Unitizing is not usable; call NewUnitizing.
type Unitizing struct {
	raters int
	length int                     // code points of the documents added
	labels map[string]*labelStream // the streaming state of each label seen
}

// NewUnitizing returns an empty Unitizing for the given number of
// annotators. alpha_U needs at least 2; with fewer, Alpha is NaN.
func NewUnitizing(annotators int) *Unitizing {
	return &Unitizing{raters: annotators, labels: make(map[string]*labelStream)}
}

// AddDocument appends a document of textLen code points to the continuum:
// sets[i] holds annotator i's spans of the document. Spans are clipped to
// [0, textLen]; spans left empty are ignored. It panics when len(sets) is
// not the number of annotators given to NewUnitizing: a caller's bug, like
// an index out of range.
func (u *Unitizing) AddDocument(textLen int, sets [][]annotate.Span) {
	if len(sets) != u.raters {
		panic(fmt.Sprintf("review: Unitizing.AddDocument: %d sets of spans for %d annotators", len(sets), u.raters))
	}
	for r, spans := range sets {
		for label, ss := range byLabel(spans) {
			ls := u.labels[label]
			if ls == nil {
				ls = newLabelStream(u.raters)
				u.labels[label] = ls
			}
			ls.add(r, disjointUnits(ss, textLen, u.length))
		}
	}
	u.length += max(textLen, 0)
	for _, ls := range u.labels {
		ls.advance(u.length)
	}
}

// disjointUnits clips spans to [0, textLen], merges the overlapping ones
// (adjacent ones stay apart) and shifts them by offset onto the continuum.
func disjointUnits(spans []annotate.Span, textLen, offset int) []interval {
	iv := make([]interval, 0, len(spans))
	for _, s := range spans {
		start, end := max(s.Start, 0), min(s.End, textLen)
		if end > start {
			iv = append(iv, interval{start, end})
		}
	}
	slices.SortFunc(iv, func(x, y interval) int {
		if c := cmp.Compare(x.start, y.start); c != 0 {
			return c
		}
		return cmp.Compare(x.end, y.end)
	})
	out := iv[:0]
	for _, v := range iv {
		if n := len(out); n > 0 && v.start < out[n-1].end {
			out[n-1].end = max(out[n-1].end, v.end)
			continue
		}
		out = append(out, v)
	}
	for i := range out {
		out[i].start += offset
		out[i].end += offset
	}
	return out
}

// Labels returns the labels that have at least one span, sorted.
func (u *Unitizing) Labels() []string {
	labels := make([]string, 0, len(u.labels))
	for label := range u.labels {
		labels = append(labels, label)
	}
	slices.Sort(labels)
	return labels
}

// Alpha returns alpha_U for the label as a category: 1 − D_O/D_E, where
// D_O and D_E are the observed and expected disagreement (Disagreements).
// As in DKPro, alpha_U is 0 when D_O equals D_E.
//
// Alpha is NaN when alpha_U is undefined: with fewer than 2 annotators, an
// empty continuum, or when the expected disagreement is 0, which is the
// case when no annotator has a span of the label (DKPro returns 0.0
// there) or, degenerately, when every annotator covers the whole
// continuum with units of length 1.
func (u *Unitizing) Alpha(label string) float64 {
	do, de := u.Disagreements(label)
	return alpha(do, de)
}

// Overall returns alpha_U over all labels as DKPro's calculateAgreement
// does: 1 − mean(D_O)/mean(D_E), the means taken over Labels. It is NaN
// when there are no labels or when the mean D_E is 0.
func (u *Unitizing) Overall() float64 {
	labels := u.Labels()
	if len(labels) == 0 {
		return math.NaN()
	}
	var do, de float64
	for _, label := range labels {
		o, e := u.Disagreements(label)
		do += o
		de += e
	}
	n := float64(len(labels))
	return alpha(do/n, de/n)
}

// alpha combines the disagreements: NaN when de is 0 or NaN, 0 when they
// are equal (as DKPro), else 1 − do/de.
func alpha(do, de float64) float64 {
	switch {
	case de == 0 || math.IsNaN(de) || math.IsNaN(do):
		return math.NaN()
	case do == de:
		return 0
	}
	return 1 - do/de
}

// Disagreements returns the observed (D_O) and expected (D_E) disagreement
// of alpha_U for the label, as DKPro's calculateObservedCategoryDisagreement
// and calculateExpectedCategoryDisagreement compute them. With m annotators
// and a continuum of length L:
//
//	D_O = 2/(m(m−1)L²) · Σ over annotator pairs, Σ over their overlapping
//	      segments (units and gaps) g, h: δ²(g, h)
//
// where δ² is measureDistance, and
//
//	D_E = 2/L · Σ over units of length l [ (N_c−1)(2l³−3l²+l)/3
//	      + l² Σ over gaps of length g ≥ l (g−l+1) ]
//	      / (mL(mL−1) − Σ over units l(l−1))
//
// with N_c the number of units of the label over all annotators. Both are
// NaN with fewer than 2 annotators or an empty continuum; both are 0 when
// no annotator has a span of the label. They are those of the documents
// added so far; asking changes nothing.
func (u *Unitizing) Disagreements(label string) (observed, expected float64) {
	R, L := u.raters, u.length
	if R < 2 || L == 0 {
		return math.NaN(), math.NaN()
	}
	ls := u.labels[label]
	if ls == nil {
		return 0, 0
	}
	fl := float64(L)
	observed = 2 * ls.observed(L) / (float64(R) * float64(R-1) * fl * fl)
	expected = expectedDisagreement(ls.units, ls.closedGaps(L), R, L)
	return observed, expected
}

// lengthCount is a bar of a histogram of segment lengths: count segments
// of the length.
type lengthCount struct{ length, count int }

// byLength orders a histogram's bars by length, for sorting and searching.
func byLength(bar lengthCount, length int) int { return cmp.Compare(bar.length, length) }

// expectedDisagreement is D_E (see Disagreements) of the label whose units
// have the lengths counted in units and whose gaps, all closed, those in
// gaps, for R annotators on a continuum of length L. It sorts gaps.
func expectedDisagreement(units map[int]int, gaps []lengthCount, R, L int) float64 {
	// The unit lengths ascending, so that the sums, and so the result, do
	// not depend on the order of the map.
	ul := make([]lengthCount, 0, len(units))
	nc := 0
	var squared float64
	for l, c := range units {
		ul = append(ul, lengthCount{l, c})
	}
	slices.SortFunc(ul, func(x, y lengthCount) int { return byLength(x, y.length) })
	for _, v := range ul {
		nc += v.count
		squared += float64(v.count) * float64(v.length) * float64(v.length-1)
	}

	// The gap lengths ascending, with suffix sums of the counts and of the
	// lengths, so that the sum over gaps of length ≥ l is a binary search.
	slices.SortFunc(gaps, func(x, y lengthCount) int { return byLength(x, y.length) })
	count := make([]int64, len(gaps)+1) // count[k] = Σ gaps[k:].count
	total := make([]int64, len(gaps)+1) // total[k] = Σ gaps[k:].count·length
	for k := len(gaps) - 1; k >= 0; k-- {
		count[k] = count[k+1] + int64(gaps[k].count)
		total[k] = total[k+1] + int64(gaps[k].count)*int64(gaps[k].length)
	}
	var result float64
	for _, v := range ul {
		l := float64(v.length)
		sum1 := float64(nc-1) * (2*l*l*l - 3*l*l + l) / 3
		// k is the first gap ≥ l; sum2 is l² Σ (g − l + 1) over gaps[k:].
		k, _ := slices.BinarySearchFunc(gaps, v.length, byLength)
		sum2 := l * l * (float64(total[k]) - (l-1)*float64(count[k]))
		result += float64(v.count) * (sum1 + sum2)
	}
	fl := float64(L)
	rl := float64(R) * fl
	return result * 2 / fl / (rl*(rl-1) - squared)
}

// segment is a stretch of the continuum in one annotator's unitizing: a
// unit of the category or a gap between units.
type segment struct {
	offset, length int
	unit           bool
}

// measureDistance is alpha_U's squared distance δ² of two segments of two
// annotators (DKPro's measureDistance): for two overlapping units, the
// squared differences of their starts plus of their ends; for a unit lying
// within the other's gap, the unit's squared length; 0 otherwise.
func measureDistance(g, h segment) float64 {
	beginDiff := float64(g.offset - h.offset)
	lengthDiff := float64(g.length - h.length)
	l1, l2 := float64(g.length), float64(h.length)
	switch {
	case g.unit && h.unit && -l1 < beginDiff && beginDiff < l2:
		endDiff := beginDiff + lengthDiff
		return beginDiff*beginDiff + endDiff*endDiff
	case g.unit && !h.unit && -lengthDiff >= beginDiff && beginDiff >= 0:
		return l1 * l1
	case !g.unit && h.unit && -lengthDiff <= beginDiff && beginDiff <= 0:
		return l2 * l2
	}
	return 0
}
