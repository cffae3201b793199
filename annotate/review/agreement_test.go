package review

import (
	"math"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
)

func TestF1(t *testing.T) {
	tests := []struct {
		name           string
		c              LabelCounts
		exact, overlap float64
	}{
		{"two empty sets agree perfectly", LabelCounts{}, 1, 1},
		// P = 1/3, R = 1/2: F1 = 2·(1/6)/(5/6) = 0.4 = 2·1/(2+3).
		// Overlap: P = R-ish 2/3 and 2/2: F1 = 2·2/5 = 0.8.
		{"some matches", LabelCounts{A: 2, B: 3, Exact: 1, Overlap: 2}, 0.4, 0.8},
		{"only A annotated", LabelCounts{A: 3}, 0, 0},
		{"only B annotated", LabelCounts{B: 1}, 0, 0},
		{"all matched", LabelCounts{A: 4, B: 4, Exact: 4, Overlap: 4}, 1, 1},
		// P = 3/3, R = 3/6: F1 = 2·(1/2)/(3/2) = 2/3 = 2·3/9.
		{"B a subset of A", LabelCounts{A: 6, B: 3, Exact: 3, Overlap: 3}, 2.0 / 3, 2.0 / 3},
	}
	for _, tt := range tests {
		if got := tt.c.F1Exact(); !near(got, tt.exact, 1e-12) {
			t.Errorf("%s: F1Exact = %v, want %v", tt.name, got, tt.exact)
		}
		if got := tt.c.F1Overlap(); !near(got, tt.overlap, 1e-12) {
			t.Errorf("%s: F1Overlap = %v, want %v", tt.name, got, tt.overlap)
		}
	}
}

func TestKappa(t *testing.T) {
	tests := []struct {
		name string
		c    LabelCounts
		want float64 // NaN: want NaN
	}{
		// N = 10, p_o = 7/10, p_A = 4/10, p_B = 5/10,
		// p_e = 0.4·0.5 + 0.6·0.5 = 0.5: (0.7−0.5)/(1−0.5) = 0.4.
		{"hand computed", LabelCounts{Both: 3, OnlyA: 1, OnlyB: 2, Neither: 4}, 0.4},
		// p_o = 0, p_A = p_B = 1/2, p_e = 1/2: (0−0.5)/0.5 = −1.
		{"complete disagreement", LabelCounts{OnlyA: 5, OnlyB: 5}, -1},
		// p_o = 1, p_e = 0.5·0.5+0.5·0.5 = 0.5: 1.
		{"complete agreement", LabelCounts{Both: 5, Neither: 5}, 1},
		// No variation: p_e = 1, kappa undefined (DKPro: insufficient data).
		{"nobody used the label", LabelCounts{Neither: 7}, math.NaN()},
		{"everything inside for both", LabelCounts{Both: 7}, math.NaN()},
		{"no code points", LabelCounts{A: 1, B: 1}, math.NaN()},
		// p_o = 0.5, p_A = 1, p_B = 0.5, p_e = 0.5: 0.
		{"A everywhere", LabelCounts{Both: 1, OnlyA: 1}, 0},
	}
	for _, tt := range tests {
		got := tt.c.Kappa()
		if math.IsNaN(tt.want) {
			if !math.IsNaN(got) {
				t.Errorf("%s: Kappa = %v, want NaN", tt.name, got)
			}
			continue
		}
		if !near(got, tt.want, 1e-12) {
			t.Errorf("%s: Kappa = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestKappaKrippendorff1995Digitized(t *testing.T) {
	// DKPro's Krippendorff1995Test.testDigitizedAgreement: the 1995 example
	// as 24 coded items per pair of observers, Cohen's kappa 0.385, 0.385
	// and 0.314 (± 0.001). As spans on a text of 24 non-space code points:
	text := strings.Repeat("x", 24)
	tests := []struct {
		name string
		a, b []annotate.Span
		want float64
	}{
		// Bertha 0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0
		// Bill   0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0
		{"A Bertha/Bill",
			[]annotate.Span{sp("a1", 2, 10, "A"), sp("a2", 14, 20, "A")},
			[]annotate.Span{sp("b1", 4, 8, "A"), sp("b2", 15, 17, "A")}, 0.385},
		// John 1×18, then 0×6; Jill 1 1|1|1|1|1|1 1 1|1, then 0×14.
		{"B John/Jill",
			[]annotate.Span{sp("a1", 0, 18, "B")},
			[]annotate.Span{sp("b1", 0, 2, "B"), sp("b2", 2, 3, "B"), sp("b3", 3, 4, "B"),
				sp("b4", 4, 5, "B"), sp("b5", 5, 6, "B"), sp("b6", 6, 9, "B"), sp("b7", 9, 10, "B")}, 0.385},
		// Gerret 0 0|1 1 1 1 1 1|0 0|1 1|0 0|1 1 1 1|0 0|1 1|0 0
		// Gill   1 1|0 0|1 1 1 1|0 0|1 1 1 1|0 0|1 1|0 0|1 1|0 0
		{"C Gerret/Gill",
			[]annotate.Span{sp("a1", 2, 8, "C"), sp("a2", 10, 12, "C"), sp("a3", 14, 18, "C"), sp("a4", 20, 22, "C")},
			[]annotate.Span{sp("b1", 0, 2, "C"), sp("b2", 4, 8, "C"), sp("b3", 10, 14, "C"),
				sp("b4", 16, 18, "C"), sp("b5", 20, 22, "C")}, 0.314},
	}
	for _, tt := range tests {
		p := Pairwise(text, tt.a, tt.b)
		label := tt.a[0].Label
		if got := p[label].Kappa(); !near(got, tt.want, 0.001) {
			t.Errorf("%s: kappa %.4f, want %.3f ± 0.001", tt.name, got, tt.want)
		}
	}
	// D Heather/Hill: every item 1 for both. DKPro throws
	// InsufficientDataException; ours is NaN (null, "n/a").
	p := Pairwise(text, []annotate.Span{sp("a", 0, 24, "D")},
		[]annotate.Span{sp("b1", 0, 4, "D"), sp("b2", 4, 24, "D")})
	if got := p["D"].Kappa(); !math.IsNaN(got) {
		t.Errorf("D: kappa %v, want NaN", got)
	}
}

func TestPairwise(t *testing.T) {
	// "ab cd ef": 8 code points, spaces at 2 and 5, 6 non-space units.
	//
	// X: A has [0,5) "ab cd" with [3,5) "cd" nested; B has [0,2) "ab" and
	// [3,8) "cd ef". No exact match. Overlaps (all 2 code points):
	// [0,5)–[0,2), [0,5)–[3,8), [3,5)–[3,8); greedily 2 pairs.
	// A covers a b c d (4), B covers a b c d e f (6): Both 4, OnlyB 2.
	// Y: A has [6,8) "ef", B none: OnlyA 2, Neither 4.
	// Z: B has [0,2) and A [0,2): exact; Both 2, Neither 4.
	text := "ab cd ef"
	a := []annotate.Span{sp("a1", 0, 5, "X"), sp("a2", 3, 5, "X"), sp("a3", 6, 8, "Y"), sp("a4", 0, 2, "Z")}
	b := []annotate.Span{sp("b1", 0, 2, "X"), sp("b2", 3, 8, "X"), sp("b3", 0, 2, "Z")}
	p := Pairwise(text, a, b)
	want := map[string]LabelCounts{
		"X": {A: 2, B: 2, Exact: 0, Overlap: 2, Both: 4, OnlyA: 0, OnlyB: 2, Neither: 0},
		"Y": {A: 1, B: 0, OnlyA: 2, Neither: 4},
		"Z": {A: 1, B: 1, Exact: 1, Overlap: 1, Both: 2, Neither: 4},
	}
	if got := p.Labels(); !slices.Equal(got, []string{"X", "Y", "Z"}) {
		t.Errorf("Labels = %q", got)
	}
	for label, w := range want {
		if got := *p[label]; got != w {
			t.Errorf("%s: %+v, want %+v", label, got, w)
		}
	}
	// X: N = 6, p_o = 4/6, p_A = 4/6, p_B = 1, p_e = 4/6: kappa 0.
	if got := p["X"].Kappa(); !near(got, 0, 1e-12) {
		t.Errorf("X: kappa %v, want 0", got)
	}
	// Overall: A 4, B 3, Exact 1, Overlap 3: F1 exact 2/7, overlap 6/7.
	o := p.Overall()
	wantO := LabelCounts{A: 4, B: 3, Exact: 1, Overlap: 3, Both: 6, OnlyA: 2, OnlyB: 2, Neither: 8}
	if o != wantO {
		t.Errorf("Overall = %+v, want %+v", o, wantO)
	}
	if !near(o.F1Exact(), 2.0/7, 1e-12) || !near(o.F1Overlap(), 6.0/7, 1e-12) {
		t.Errorf("Overall F1 %v %v, want 2/7 6/7", o.F1Exact(), o.F1Overlap())
	}
}

func TestPairwiseCodePointsAndClipping(t *testing.T) {
	// "Ära  ü" is 6 code points (8 bytes): Ä r a, two spaces, ü. A span
	// reaching past the text is clipped to it.
	text := "Ära  ü"
	p := Pairwise(text, []annotate.Span{sp("a", 1, 40, "X")}, []annotate.Span{sp("b", 0, 6, "X")})
	// A covers r a ü (3 non-space), B covers Ä r a ü (4).
	want := LabelCounts{A: 1, B: 1, Overlap: 1, Both: 3, OnlyB: 1}
	if got := *p["X"]; got != want {
		t.Errorf("%+v, want %+v", got, want)
	}
}

func TestPairCountsAdd(t *testing.T) {
	// Document 1 "abc" has X spans only, document 2 "de f" only Y spans.
	// Summed, document 2's 3 non-space code points are outside X for both
	// annotators, and document 1's 3 outside Y.
	d1 := Pairwise("abc", []annotate.Span{sp("a", 0, 2, "X")}, []annotate.Span{sp("b", 0, 2, "X")})
	d2 := Pairwise("de f", []annotate.Span{sp("a", 0, 4, "Y")}, nil)
	sum := PairCounts{}
	sum.Add(d1)
	sum.Add(d2)
	want := map[string]LabelCounts{
		"X": {A: 1, B: 1, Exact: 1, Overlap: 1, Both: 2, Neither: 1 + 3},
		"Y": {A: 1, OnlyA: 3, Neither: 3},
	}
	if got := sum.Labels(); !slices.Equal(got, []string{"X", "Y"}) {
		t.Errorf("Labels = %q", got)
	}
	for label, w := range want {
		if got := *sum[label]; got != w {
			t.Errorf("%s: %+v, want %+v", label, got, w)
		}
	}
	if got := sum[TextKey].Neither; got != 6 {
		t.Errorf("text code points %d, want 6", got)
	}
	// The same as one document "abcde f" with document 2's spans shifted.
	whole := Pairwise("abcde f",
		[]annotate.Span{sp("a", 0, 2, "X"), sp("a2", 3, 7, "Y")},
		[]annotate.Span{sp("b", 0, 2, "X")})
	for _, label := range whole.Labels() {
		if *whole[label] != *sum[label] {
			t.Errorf("%s: summed %+v, whole %+v", label, *sum[label], *whole[label])
		}
	}
	// Adding a document without spans still counts its text as Neither.
	sum.Add(Pairwise("gh", nil, nil))
	if got := sum["X"].Neither; got != 6 {
		t.Errorf("X Neither after an empty document: %d, want 6", got)
	}
}

func TestOverlapTies(t *testing.T) {
	// Three overlaps of 2 code points in a path: b2 [0,2) – a1 [0,4) –
	// b1 [2,6) – a2 [4,8). Ties go in the order of the pair's spans by
	// start, end and label: a1–b2 ([0,2) first), then a1–b1 (taken a1),
	// then b1–a2: 2 matches, whichever side is A. Taking a1–b1 first (the
	// order of the slices) would leave 1.
	a := []annotate.Span{sp("a1", 0, 4, "X"), sp("a2", 4, 8, "X")}
	b := []annotate.Span{sp("b1", 2, 6, "X"), sp("b2", 0, 2, "X")}
	text := "abcdefgh"
	for _, p := range []PairCounts{Pairwise(text, a, b), Pairwise(text, b, a)} {
		if got := p["X"].Overlap; got != 2 {
			t.Errorf("Overlap = %d, want 2", got)
		}
	}
	diffs := Differences(a, Set{Name: "ben", Spans: b})
	var got []string
	for _, d := range diffs {
		got = append(got, d.ID())
	}
	want := []string{"other boundaries:a1:b2", "other boundaries:a2:b1"}
	if !slices.Equal(got, want) {
		t.Errorf("Differences %q, want %q", got, want)
	}
}
