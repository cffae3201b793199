package review

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"

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
// The zero Unitizing is not usable; call NewUnitizing.
type Unitizing struct {
	raters int
	length int                     // code points of the documents added
	units  map[string][][]interval // by label, then annotator: disjoint units, sorted, on the continuum
}

// NewUnitizing returns an empty Unitizing for the given number of
// annotators. alpha_U needs at least 2; with fewer, Alpha is NaN.
func NewUnitizing(annotators int) *Unitizing {
	return &Unitizing{raters: annotators, units: make(map[string][][]interval)}
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
			iv := u.units[label]
			if iv == nil {
				iv = make([][]interval, u.raters)
				u.units[label] = iv
			}
			iv[r] = append(iv[r], disjointUnits(ss, textLen, u.length)...)
		}
	}
	u.length += max(textLen, 0)
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
	labels := make([]string, 0, len(u.units))
	for label := range u.units {
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
// no annotator has a span of the label.
func (u *Unitizing) Disagreements(label string) (observed, expected float64) {
	R, L := u.raters, u.length
	if R < 2 || L == 0 {
		return math.NaN(), math.NaN()
	}
	units := u.units[label]
	if units == nil {
		return 0, 0
	}
	segs := make([][]segment, R)
	for r := range R {
		segs[r] = segments(units[r], L)
	}

	var sum float64
	for r1 := range R {
		for r2 := r1 + 1; r2 < R; r2++ {
			sum += observedPair(segs[r1], segs[r2])
		}
	}
	fl := float64(L)
	observed = 2 * sum / (float64(R) * float64(R-1) * fl * fl)

	// The gaps of all annotators, ascending, with suffix sums, so that the
	// sum over gaps of length ≥ l is a binary search.
	var gaps []int
	nc := 0
	var squared float64
	for r := range R {
		for _, s := range segs[r] {
			if s.unit {
				nc++
				squared += float64(s.length) * float64(s.length-1)
			} else {
				gaps = append(gaps, s.length)
			}
		}
	}
	slices.Sort(gaps)
	suffix := make([]float64, len(gaps)+1) // suffix[k] = Σ gaps[k:]
	for k := len(gaps) - 1; k >= 0; k-- {
		suffix[k] = suffix[k+1] + float64(gaps[k])
	}
	var result float64
	for r := range R {
		for _, s := range segs[r] {
			if !s.unit {
				continue
			}
			l := float64(s.length)
			sum1 := float64(nc-1) * (2*l*l*l - 3*l*l + l) / 3
			k := sort.SearchInts(gaps, s.length) // first gap ≥ l
			count := float64(len(gaps) - k)
			sum2 := l * l * (suffix[k] - (l-1)*count) // Σ (g − l + 1)
			result += sum1 + sum2
		}
	}
	rl := float64(R) * fl
	expected = result * 2 / fl / (rl*(rl-1) - squared)
	return observed, expected
}

// segment is a stretch of the continuum in one annotator's unitizing: a
// unit of the category or a gap between units.
type segment struct {
	offset, length int
	unit           bool
}

// segments tiles [0, length) with the sorted, disjoint units and the gaps
// between them.
func segments(units []interval, length int) []segment {
	out := make([]segment, 0, 2*len(units)+1)
	pos := 0
	for _, v := range units {
		if v.start > pos {
			out = append(out, segment{pos, v.start - pos, false})
		}
		out = append(out, segment{v.start, v.end - v.start, true})
		pos = v.end
	}
	if pos < length {
		out = append(out, segment{pos, length - pos, false})
	}
	return out
}

// observedPair sums measureDistance over the pairs of overlapping segments
// of two annotators, each pair once, as DKPro's sweep over the continuum
// does (its sweep stops after the last unit, where every remaining pair
// has distance 0).
func observedPair(x, y []segment) float64 {
	var sum float64
	for i, j := 0, 0; i < len(x) && j < len(y); {
		g, h := x[i], y[j]
		sum += measureDistance(g, h)
		if ge, he := g.offset+g.length, h.offset+h.length; ge < he {
			i++
		} else if he < ge {
			j++
		} else {
			i++
			j++
		}
	}
	return sum
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
