package review

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"claimdesk/annotate"
)

// referenceUnitizing is the straightforward alpha_U that Unitizing streams:
// it keeps every unit of every document and computes the disagreements
// over the whole continuum at once. It is Unitizing's implementation
// before the streaming, kept as the reference the property tests compare
// Unitizing with.
type referenceUnitizing struct {
	raters int
	length int                     // code points of the documents added
	units  map[string][][]interval // by label, then annotator: disjoint units, sorted, on the continuum
}

func newReferenceUnitizing(annotators int) *referenceUnitizing {
	return &referenceUnitizing{raters: annotators, units: make(map[string][][]interval)}
}

// addDocument is Unitizing.AddDocument.
func (u *referenceUnitizing) addDocument(textLen int, sets [][]annotate.Span) {
	if len(sets) != u.raters {
		panic(fmt.Sprintf("review: referenceUnitizing.addDocument: %d sets of spans for %d annotators", len(sets), u.raters))
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

// labels is Unitizing.Labels.
func (u *referenceUnitizing) labels() []string {
	labels := make([]string, 0, len(u.units))
	for label := range u.units {
		labels = append(labels, label)
	}
	slices.Sort(labels)
	return labels
}

// disagreements is Unitizing.Disagreements, over the whole continuum.
func (u *referenceUnitizing) disagreements(label string) (observed, expected float64) {
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
