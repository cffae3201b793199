package review

import (
	"math"
	"testing"

	"claimdesk/annotate"
)

// The reference values in this file are DKPro Statistics' published unit
// tests of KrippendorffAlphaUnitizingAgreement (module
// dkpro-statistics-agreement, package org.dkpro.statistics.agreement.
// unitizing: UnitizingAgreementTest, Krippendorff1995Test,
// Krippendorff2004Test), with the tolerances those tests use.

// unit is a DKPro addUnit call: offset, length, rater, category.
type unit struct {
	offset, length, rater int
	label                 string
}

// study builds a Unitizing of one document of length code points from
// DKPro-style units, shifted by -begin (DKPro's continuum may start after 0;
// alpha_U depends only on relative positions).
func study(raters, begin, length int, units []unit) *Unitizing {
	sets := make([][]annotate.Span, raters)
	for _, v := range units {
		start := v.offset - begin
		sets[v.rater] = append(sets[v.rater], annotate.Span{
			ID: "u", Start: start, End: start + v.length, Label: v.label,
		})
	}
	u := NewUnitizing(raters)
	u.AddDocument(length, sets)
	return u
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestMeasureDistance(t *testing.T) {
	// UnitizingAgreementTest.testDistanceMetric and
	// Krippendorff2004Test.testDistanceMetric1/2: measureDistance(offset1,
	// length1, category1, offset2, length2, category2); unit is a non-null
	// category.
	seg := func(offset, length int, unit bool) segment { return segment{offset, length, unit} }
	tests := []struct {
		g, h segment
		want float64
	}{
		{seg(0, 1, false), seg(0, 2, false), 0},
		{seg(1, 8, true), seg(0, 2, false), 0},
		{seg(1, 8, true), seg(2, 1, true), 37}, // 1² + 6²
		{seg(1, 8, true), seg(3, 1, false), 0},
		{seg(1, 8, true), seg(4, 1, true), 25}, // 3² + 4²
		{seg(1, 8, true), seg(5, 1, false), 0},
		{seg(1, 8, true), seg(6, 1, true), 29}, // 5² + 2²
		{seg(1, 8, true), seg(7, 4, false), 0},
		{seg(9, 2, false), seg(7, 4, false), 0},
		{seg(5, 6, true), seg(4, 2, true), 26},
		{seg(5, 6, true), seg(5, 2, true), 16},
		{seg(5, 6, true), seg(6, 2, true), 10},
		{seg(5, 6, true), seg(7, 2, true), 8},
		{seg(5, 6, true), seg(6, 4, true), 2},
		{seg(5, 6, true), seg(5, 6, true), 0},
		{seg(225, 70, true), seg(220, 80, true), 50},
		{seg(370, 30, true), seg(355, 20, true), 850},
		{seg(400, 50, false), seg(400, 20, true), 400},
	}
	for _, tt := range tests {
		if got := measureDistance(tt.g, tt.h); got != tt.want {
			t.Errorf("measureDistance(%v, %v) = %v, want %v", tt.g, tt.h, got, tt.want)
		}
	}
	// Krippendorff2004Test.testDistanceMetric1: pairs that sum to 40.
	sums := [][4]segment{
		{seg(2, 3, false), seg(2, 2, true), seg(5, 6, true), seg(4, 7, false)},
		{seg(3, 2, false), seg(3, 2, true), seg(5, 6, true), seg(5, 6, false)},
	}
	for _, s := range sums {
		if got := measureDistance(s[0], s[1]) + measureDistance(s[2], s[3]); got != 40 {
			t.Errorf("distances %v = %v, want 40", s, got)
		}
	}
}

// dkproReference is one published value: observed and expected
// disagreement and alpha_U of a category, each with its test's tolerance
// (a NaN want is not checked).
type dkproReference struct {
	name          string
	u             *Unitizing
	label         string
	do, de, alpha float64
	tolDo, tolDe  float64
	tolAlpha      float64
}

func checkReference(t *testing.T, tt dkproReference) {
	t.Helper()
	do, de := tt.u.Disagreements(tt.label)
	a := tt.u.Alpha(tt.label)
	if !math.IsNaN(tt.do) && !near(do, tt.do, tt.tolDo) {
		t.Errorf("%s: D_O(%s) = %.5f, want %.5f ± %g", tt.name, tt.label, do, tt.do, tt.tolDo)
	}
	if !math.IsNaN(tt.de) && !near(de, tt.de, tt.tolDe) {
		t.Errorf("%s: D_E(%s) = %.5f, want %.5f ± %g", tt.name, tt.label, de, tt.de, tt.tolDe)
	}
	if !math.IsNaN(tt.alpha) && !near(a, tt.alpha, tt.tolAlpha) {
		t.Errorf("%s: alpha_U(%s) = %.5f, want %.5f ± %g", tt.name, tt.label, a, tt.alpha, tt.tolAlpha)
	}
	t.Logf("%s %s: D_O %.5f D_E %.5f alpha_U %.5f", tt.name, tt.label, do, de, a)
}

// unitizingAgreementExample is UnitizingAgreementTest.createExample:
//
//	r0: -11111111-
//	r1: --1-1-1---
func unitizingAgreementExample() *Unitizing {
	return study(2, 0, 10, []unit{
		{1, 8, 0, "A"},
		{2, 1, 1, "A"},
		{4, 1, 1, "A"},
		{6, 1, 1, "A"},
	})
}

func TestAlphaUnitizingAgreementTest(t *testing.T) {
	// UnitizingAgreementTest.testAgreement: 0.9100, 0.5351, -0.7003 ± 0.0001.
	//
	// By hand: L = 10, m = 2. r0's segments: gap [0,1), unit [1,9), gap
	// [9,10); r1's: gap [0,2), units [2,3) [4,5) [6,7), gaps [3,4) [5,6)
	// [7,10). The unit [1,9) overlaps r1's units with δ² = 1²+6² = 37,
	// 3²+4² = 25, 5²+2² = 29 (r1's gaps do not contain it), and r1's units
	// lie in no gap of r0: Σδ² = 91, D_O = 2·91/(2·1·100) = 0.91.
	checkReference(t, dkproReference{
		name: "UnitizingAgreementTest", u: unitizingAgreementExample(), label: "A",
		do: 0.9100, de: 0.5351, alpha: -0.7003, tolDo: 1e-4, tolDe: 1e-4, tolAlpha: 1e-4,
	})
}

func TestAlphaDegenerateStudies(t *testing.T) {
	// UnitizingAgreementTest.testSingleAnnotationUnit: 3 raters, length 20,
	// one unit (0, 1) of rater 0: calculateAgreement() == 0.0.
	//
	// By hand: D_O = 2·(1 + 1)/(3·2·400) = 1/600 (the unit lies in the
	// gaps [0,20) of raters 1 and 2); D_E = 2/20 · 1²·(19 + 20 + 20) /
	// (60·59 − 0) = 5.9/3540 = 1/600; D_O = D_E gives 0.
	u := study(3, 0, 20, []unit{{0, 1, 0, "X"}})
	if got := u.Overall(); !near(got, 0, 1e-12) {
		t.Errorf("single unit: Overall = %v, want 0.0", got)
	}
	if got := u.Alpha("X"); !near(got, 0, 1e-12) {
		t.Errorf("single unit: Alpha(X) = %v, want 0.0", got)
	}
	// UnitizingAgreementTest.testEmptyAnnotationSet: no units, NaN.
	u = study(3, 0, 20, nil)
	if got := u.Overall(); !math.IsNaN(got) {
		t.Errorf("no units: Overall = %v, want NaN", got)
	}
	// Ours: a label nobody used has D_E = 0: NaN, where DKPro says 0.0.
	if got := u.Alpha("X"); !math.IsNaN(got) {
		t.Errorf("no units: Alpha(X) = %v, want NaN", got)
	}
	// Fewer than 2 annotators, or no text: undefined.
	one := NewUnitizing(1)
	one.AddDocument(10, [][]annotate.Span{{{ID: "a", Start: 0, End: 3, Label: "X"}}})
	if got := one.Alpha("X"); !math.IsNaN(got) {
		t.Errorf("one annotator: Alpha = %v, want NaN", got)
	}
	empty := NewUnitizing(2)
	empty.AddDocument(0, [][]annotate.Span{nil, nil})
	if got := empty.Alpha("X"); !math.IsNaN(got) {
		t.Errorf("empty continuum: Alpha = %v, want NaN", got)
	}
}

// krippendorff2004 is Krippendorff2004Test.createExample (Krippendorff
// 2004, p. 254): continuum 150 + 300, two observers, categories c and k.
func krippendorff2004() *Unitizing {
	return study(2, 150, 300, []unit{
		{225, 70, 0, "c"},
		{370, 30, 0, "c"},
		{220, 80, 1, "c"},
		{355, 20, 1, "c"},
		{400, 20, 1, "c"},
		{180, 60, 0, "k"},
		{300, 50, 0, "k"},
		{180, 60, 1, "k"},
		{300, 50, 1, "k"},
	})
}

func TestAlphaKrippendorff2004(t *testing.T) {
	u := krippendorff2004()
	// Krippendorff2004Test.testCategoryAgreement, ± 0.0001.
	for _, tt := range []dkproReference{
		{name: "2004", u: u, label: "c", do: 0.0144, de: 0.0532, alpha: 0.7286, tolDo: 1e-4, tolDe: 1e-4, tolAlpha: 1e-4},
		{name: "2004", u: u, label: "k", do: 0.0000, de: 0.0490, alpha: 1.0000, tolDo: 1e-4, tolDe: 1e-4, tolAlpha: 1e-4},
	} {
		checkReference(t, tt)
	}
	// Krippendorff2004Test.testAgreement: 0.8591 ± 0.0005.
	if got := u.Overall(); !near(got, 0.8591, 5e-4) {
		t.Errorf("2004: Overall = %.5f, want 0.8591 ± 0.0005", got)
	}
}

// krippendorff1995 is Krippendorff1995Test.createExample(stretch)
// (Krippendorff 1995, p. 57), offsets and lengths multiplied by stretch and
// truncated as Java's (int) cast does:
//
//	A Bertha:  0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0
//	  Bill:    0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0
//	B John:    1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1|0 0 0 0 0 0
//	  Jill:    1 1|1|1|1|1|1 1 1|1|0 0 0 0 0 0 0 0 0 0 0 0 0 0
//	C Gerret:  0 0|1 1 1 1 1 1|0 0|1 1|0 0|1 1 1 1|0 0|1 1|0 0
//	  Gill:    1 1|0 0|1 1 1 1|0 0|1 1 1 1|0 0|1 1|0 0|1 1|0 0
//	D Heather: 1 1|1 1 1 1 1 1 1 1|1 1 1 1|1 1 1 1 1 1|1 1 1 1
//	  Hill:    1 1 1 1|1 1 1 1|1 1 1 1 1 1 1|1 1|1 1 1 1 1 1 1
func krippendorff1995(stretch float64) *Unitizing {
	s := func(x int) int { return int(float64(x) * stretch) }
	raw := []unit{
		{2, 8, 0, "A"}, {14, 6, 0, "A"}, {4, 4, 1, "A"}, {15, 2, 1, "A"},

		{0, 18, 0, "B"}, {0, 2, 1, "B"}, {2, 1, 1, "B"}, {3, 1, 1, "B"},
		{4, 1, 1, "B"}, {5, 1, 1, "B"}, {6, 3, 1, "B"}, {9, 1, 1, "B"},

		{2, 6, 0, "C"}, {10, 2, 0, "C"}, {14, 4, 0, "C"}, {20, 2, 0, "C"},
		{0, 2, 1, "C"}, {4, 4, 1, "C"}, {10, 4, 1, "C"}, {16, 2, 1, "C"}, {20, 2, 1, "C"},

		{0, 2, 0, "D"}, {2, 8, 0, "D"}, {10, 4, 0, "D"}, {14, 6, 0, "D"}, {20, 4, 0, "D"},
		{0, 4, 1, "D"}, {4, 4, 1, "D"}, {8, 7, 1, "D"}, {15, 2, 1, "D"}, {17, 7, 1, "D"},
	}
	units := make([]unit, len(raw))
	for i, v := range raw {
		units[i] = unit{s(v.offset), s(v.length), v.rater, v.label}
	}
	return study(2, 0, s(24), units)
}

func TestAlphaKrippendorff1995(t *testing.T) {
	nan := math.NaN()
	// Krippendorff1995Test.testAgreement: observed disagreement at stretch
	// 1 (± 0.00001); expected disagreement (± 0.005) and alpha_U (± 0.02)
	// at stretch 1200000/24, where the continuum is long enough for
	// Krippendorff's published figures.
	//
	// By hand for A at stretch 1 (L = 24): Bertha's units [2,10) and
	// [14,20) overlap Bill's [4,8) and [15,17): δ² = 2²+2² = 8 and
	// 1²+3² = 10; no unit lies in a gap of the other. D_O = 2·18/(2·576)
	// = 0.03125.
	small, large := krippendorff1995(1), krippendorff1995(1200000/24)
	tests := []dkproReference{
		{name: "1995×1", u: small, label: "A", do: 0.03125, de: nan, alpha: nan, tolDo: 1e-5},
		{name: "1995×1", u: small, label: "B", do: 2.26736, de: nan, alpha: nan, tolDo: 1e-5},
		{name: "1995×1", u: small, label: "C", do: 0.02777, de: nan, alpha: nan, tolDo: 1e-5},
		{name: "1995×1", u: small, label: "D", do: 0.38715, de: nan, alpha: nan, tolDo: 1e-5},
		{name: "1995×50000", u: large, label: "A", do: nan, de: 0.06990, alpha: 0.553, tolDe: 0.005, tolAlpha: 0.02},
		{name: "1995×50000", u: large, label: "B", do: nan, de: 1.17731, alpha: -0.926, tolDe: 0.005, tolAlpha: 0.02},
		{name: "1995×50000", u: large, label: "C", do: nan, de: 0.08642, alpha: 0.679, tolDe: 0.005, tolAlpha: 0.02},
		{name: "1995×50000", u: large, label: "D", do: nan, de: 0.41445, alpha: 0.066, tolDe: 0.005, tolAlpha: 0.02},
	}
	for _, tt := range tests {
		checkReference(t, tt)
	}
}

func TestAlphaKrippendorff1995VaryingLengths(t *testing.T) {
	// Krippendorff1995Test.testVaryingLengths, category C: D_O stays
	// 0.02777 (± 0.00001) while D_E and alpha_U approach Krippendorff's
	// figures as the continuum grows (± 0.00001 for the first D_E, then
	// ± 0.005; alpha_U ± 0.02).
	tests := []struct {
		stretch, de, tolDe, alpha float64
	}{
		{12 / 24.0, 0.05494, 1e-5, 0.494},
		{120 / 24.0, 0.08234, 0.005, 0.663},
		{1200 / 24.0, 0.08600, 0.005, 0.677},
		{12000 / 24.0, 0.08638, 0.005, 0.678},
		{120000 / 24.0, 0.08642, 0.005, 0.679},
		{1200000 / 24.0, 0.08642, 0.005, 0.679},
	}
	for _, tt := range tests {
		checkReference(t, dkproReference{
			name: "1995 varying", u: krippendorff1995(tt.stretch), label: "C",
			do: 0.02777, de: tt.de, alpha: tt.alpha, tolDo: 1e-5, tolDe: tt.tolDe, tolAlpha: 0.02,
		})
	}
}
