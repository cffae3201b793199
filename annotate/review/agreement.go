package review

import "math"

// LabelCounts are the sufficient statistics of two annotators' agreement on
// one label. They add up over documents (Add), so callers can stream a
// corpus document by document and compute the measures at the end.
type LabelCounts struct {
	A, B    int // spans of annotator A and B with this label
	Exact   int // pairs with the same start, end and label (each span matched at most once)
	Overlap int // pairs with the same label and overlapping ranges, each span matched at most once, greedily by largest overlap

	// Non-whitespace code points of the text inside a span of this label
	// for both annotators / only A / only B / neither. A code point is
	// inside if any span of the label covers it, so nested and overlapping
	// spans count it once.
	Both, OnlyA, OnlyB, Neither int
}

// F1Exact returns the exact-match F1: precision Exact/B, recall Exact/A,
// and their harmonic mean, which is 2·Exact/(A+B), so it is symmetric in A
// and B. Two empty sets agree perfectly: A == B == 0 gives 1.0.
func (c LabelCounts) F1Exact() float64 { return f1(c.Exact, c.A, c.B) }

// F1Overlap returns F1 as F1Exact does, counting the Overlap matches.
func (c LabelCounts) F1Overlap() float64 { return f1(c.Overlap, c.A, c.B) }

// f1 is the harmonic mean of precision matches/b and recall matches/a, 1.0
// when a == b == 0 and 0 when there are spans but no matches.
func f1(matches, a, b int) float64 {
	if a+b == 0 {
		return 1
	}
	return 2 * float64(matches) / float64(a+b)
}

// Kappa returns Cohen's kappa over the non-whitespace code points, each
// inside a span of the label or not for either annotator:
// (p_o − p_e)/(1 − p_e), with observed agreement p_o = (Both+Neither)/N and
// expected agreement p_e = p_A·p_B + (1−p_A)(1−p_B), where p_A =
// (Both+OnlyA)/N and p_B = (Both+OnlyB)/N.
//
// Kappa is undefined when p_e is 1, that is when there is no variation:
// both annotators put every code point inside the label, or both put none
// in it. Then Kappa returns NaN, as DKPro's CohenKappaAgreement refuses
// such a study (InsufficientDataException), and so it does with no code
// points at all (N == 0). Callers show NaN as "n/a" (tables) or null
// (JSON).
func (c LabelCounts) Kappa() float64 {
	n := int64(c.Both) + int64(c.OnlyA) + int64(c.OnlyB) + int64(c.Neither)
	if n == 0 {
		return math.NaN()
	}
	// In integers scaled by N²: expected = N²·p_e, observed = N²·p_o.
	inA, inB := int64(c.Both+c.OnlyA), int64(c.Both+c.OnlyB)
	expected := inA*inB + (n-inA)*(n-inB)
	observed := n * int64(c.Both+c.Neither)
	if expected == n*n {
		return math.NaN()
	}
	return float64(observed-expected) / float64(n*n-expected)
}

// Add adds d's counts to c's.
func (c *LabelCounts) Add(d LabelCounts) {
	c.A += d.A
	c.B += d.B
	c.Exact += d.Exact
	c.Overlap += d.Overlap
	c.Both += d.Both
	c.OnlyA += d.OnlyA
	c.OnlyB += d.OnlyB
	c.Neither += d.Neither
}
