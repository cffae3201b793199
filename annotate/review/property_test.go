package review

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"claimdesk/annotate"
	"pgregory.net/rapid"
)

// genText draws a text of 1 to 120 code points, some of them whitespace and
// some outside ASCII.
func genText(t *rapid.T) string {
	runes := rapid.SliceOfN(rapid.SampledFrom([]rune("ab cdé\tÜ語\n ")), 1, 120).Draw(t, "text")
	return string(runes)
}

// genSpans draws up to 25 spans on a text of n code points with labels X,
// Y, Z and ids prefix0, prefix1, …
func genSpans(t *rapid.T, n int, prefix, annotator string) []annotate.Span {
	k := rapid.IntRange(0, 25).Draw(t, prefix+"count")
	spans := make([]annotate.Span, k)
	for i := range spans {
		start := rapid.IntRange(0, n-1).Draw(t, prefix+"start")
		end := rapid.IntRange(start+1, min(n, start+rapid.IntRange(1, 30).Draw(t, prefix+"maxlen"))).Draw(t, prefix+"end")
		spans[i] = annotate.Span{
			ID: fmt.Sprintf("%s%d", prefix, i), DocumentID: "doc",
			Start: start, End: end,
			Label:     rapid.SampledFrom([]string{"X", "Y", "Z"}).Draw(t, prefix+"label"),
			Annotator: annotator,
		}
	}
	return spans
}

func TestPropertyIdenticalAgreePerfectly(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := genText(t)
		n := len([]rune(text))
		spans := genSpans(t, n, "s", "ana")
		other := slices.Clone(spans)
		slices.Reverse(other) // the order of spans does not matter
		p := Pairwise(text, spans, other)
		for _, label := range p.Labels() {
			c := p[label]
			if c.F1Exact() != 1 || c.F1Overlap() != 1 {
				t.Fatalf("%s: F1 exact %v, overlap %v for identical spans (%+v)", label, c.F1Exact(), c.F1Overlap(), *c)
			}
			if k := c.Kappa(); k != 1 && !math.IsNaN(k) {
				t.Fatalf("%s: kappa %v for identical spans (%+v)", label, k, *c)
			}
			// Identical spans vary (kappa 1) unless every code point is
			// inside the label, or none is: then kappa is undefined.
			n := c.Both + c.OnlyA + c.OnlyB + c.Neither
			if undefined := c.Both == n || c.Neither == n; math.IsNaN(c.Kappa()) != undefined {
				t.Fatalf("%s: kappa %v for identical spans (%+v)", label, c.Kappa(), *c)
			}
		}
		if o := p.Overall(); o.F1Exact() != 1 || o.F1Overlap() != 1 {
			t.Fatalf("overall F1 %v %v for identical spans", o.F1Exact(), o.F1Overlap())
		}

		if d := Differences(spans, Set{Name: "ana", Spans: other}); len(d) != 0 {
			t.Fatalf("Differences of identical sets: %v", d)
		}

		copies := rapid.IntRange(1, 4).Draw(t, "copies")
		sets := make([]Set, copies)
		for i := range sets {
			sets[i] = Set{Name: "ana", Spans: spans}
		}
		// Merge keeps a span once per start, end and label: compare with
		// the first span of each.
		want := uniqueByKey(spans)
		annotate.SortSpans(want)
		for _, s := range []Strategy{Majority, Union, Intersection} {
			merged := Merge(sets, s)
			got := make([]annotate.Span, len(merged))
			for i, m := range merged {
				got[i] = m.Span
				if len(m.Annotators) != copies {
					t.Fatalf("%s: annotators %v, want %d", s, m.Annotators, copies)
				}
			}
			if !slices.EqualFunc(got, want, func(a, b annotate.Span) bool { return reflect.DeepEqual(a, b) }) {
				t.Fatalf("%s: Merge of identical sets\n got %v\nwant %v", s, got, want)
			}
		}

		raters := rapid.IntRange(2, 4).Draw(t, "raters")
		u := NewUnitizing(raters)
		docs := rapid.IntRange(1, 3).Draw(t, "docs")
		for range docs {
			dn := rapid.IntRange(1, 60).Draw(t, "docLen")
			ds := genSpans(t, dn, "d", "ana")
			sets := make([][]annotate.Span, raters)
			for r := range sets {
				sets[r] = ds
			}
			u.AddDocument(dn, sets)
		}
		for _, label := range u.Labels() {
			if a := u.Alpha(label); a != 1 && !math.IsNaN(a) {
				t.Fatalf("%s: alpha_U %v for identical sets", label, a)
			}
		}
	})
}

// uniqueByKey returns the first span of each start, end and label.
func uniqueByKey(spans []annotate.Span) []annotate.Span {
	type key struct {
		start, end int
		label      string
	}
	seen := make(map[key]bool)
	var out []annotate.Span
	for _, s := range spans {
		k := key{s.Start, s.End, s.Label}
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

func TestPropertyPairwiseSymmetric(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := genText(t)
		n := len([]rune(text))
		a, b := genSpans(t, n, "a", "ana"), genSpans(t, n, "b", "ben")
		ab, ba := Pairwise(text, a, b), Pairwise(text, b, a)
		if !slices.Equal(ab.Labels(), ba.Labels()) {
			t.Fatalf("labels %v vs %v", ab.Labels(), ba.Labels())
		}
		for _, label := range append(ab.Labels(), "overall") {
			x, y := ab.Overall(), ba.Overall()
			if label != "overall" {
				x, y = *ab[label], *ba[label]
			}
			if x.F1Exact() != y.F1Exact() || x.F1Overlap() != y.F1Overlap() {
				t.Fatalf("%s: F1 (%v, %v) swapped (%v, %v)", label, x.F1Exact(), x.F1Overlap(), y.F1Exact(), y.F1Overlap())
			}
			kx, ky := x.Kappa(), y.Kappa()
			if !(math.IsNaN(kx) && math.IsNaN(ky)) && !near(kx, ky, 1e-12) {
				t.Fatalf("%s: kappa %v swapped %v", label, kx, ky)
			}
			if x.Overlap < x.Exact || x.Overlap > min(x.A, x.B) {
				t.Fatalf("%s: overlap %d outside [exact %d, min(A, B)] (%+v)", label, x.Overlap, x.Exact, x)
			}
		}
	})
}

func TestPropertyPairwiseAddsUp(t *testing.T) {
	// Pairwise of two documents added equals Pairwise of their
	// concatenation, the second document's spans shifted.
	rapid.Check(t, func(t *rapid.T) {
		t1, t2 := genText(t), genText(t)
		n1, n2 := len([]rune(t1)), len([]rune(t2))
		a1, b1 := genSpans(t, n1, "a", "ana"), genSpans(t, n1, "b", "ben")
		a2, b2 := genSpans(t, n2, "c", "ana"), genSpans(t, n2, "d", "ben")
		sum := PairCounts{}
		sum.Add(Pairwise(t1, a1, b1))
		sum.Add(Pairwise(t2, a2, b2))
		shift := func(spans []annotate.Span) []annotate.Span {
			out := slices.Clone(spans)
			for i := range out {
				out[i].Start += n1
				out[i].End += n1
			}
			return out
		}
		whole := Pairwise(t1+t2, append(slices.Clone(a1), shift(a2)...), append(slices.Clone(b1), shift(b2)...))
		if !slices.Equal(sum.Labels(), whole.Labels()) {
			t.Fatalf("labels %v vs %v", sum.Labels(), whole.Labels())
		}
		for label, w := range whole {
			if *sum[label] != *w {
				t.Fatalf("%q: summed %+v, whole %+v", label, *sum[label], *w)
			}
		}
	})
}

func TestPropertyDifferencesCoverEverySpanOnce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 150).Draw(t, "n")
		mine, theirs := genSpans(t, n, "m", "ana"), genSpans(t, n, "t", "ben")
		agreed, diffs := Align(mine, Set{Name: "ben", Spans: theirs})
		seen := make(map[string]int)
		for _, p := range agreed {
			seen[p.Mine.ID]++
			seen[p.Theirs.ID]++
			if p.Mine.Start != p.Theirs.Start || p.Mine.End != p.Theirs.End || p.Mine.Label != p.Theirs.Label {
				t.Fatalf("agreement %v / %v is not identical", p.Mine, p.Theirs)
			}
		}
		var onlyMine, onlyTheirs []annotate.Span
		for _, d := range diffs {
			switch d.Kind {
			case OnlyMine:
				seen[d.Mine.ID]++
				onlyMine = append(onlyMine, d.Mine)
				if d.Theirs.ID != "" {
					t.Fatalf("only mine with their span: %+v", d)
				}
			case OnlyTheirs:
				seen[d.Theirs.ID]++
				onlyTheirs = append(onlyTheirs, d.Theirs)
				if d.Mine.ID != "" {
					t.Fatalf("only theirs with my span: %+v", d)
				}
			case OtherLabel:
				seen[d.Mine.ID]++
				seen[d.Theirs.ID]++
				if d.Mine.Start != d.Theirs.Start || d.Mine.End != d.Theirs.End || d.Mine.Label == d.Theirs.Label {
					t.Fatalf("other label: %v / %v", d.Mine, d.Theirs)
				}
			case OtherBoundaries:
				seen[d.Mine.ID]++
				seen[d.Theirs.ID]++
				if d.Mine.End <= d.Theirs.Start || d.Theirs.End <= d.Mine.Start ||
					(d.Mine.Start == d.Theirs.Start && d.Mine.End == d.Theirs.End) {
					t.Fatalf("other boundaries: %v / %v", d.Mine, d.Theirs)
				}
			}
		}
		for _, s := range append(slices.Clone(mine), theirs...) {
			if seen[s.ID] != 1 {
				t.Fatalf("span %s (%d–%d %s) appears %d times", s.ID, s.Start, s.End, s.Label, seen[s.ID])
			}
		}
		if len(seen) != len(mine)+len(theirs) {
			t.Fatalf("%d spans seen, %d given", len(seen), len(mine)+len(theirs))
		}
		// What is left unpaired does not overlap: the last pass pairs any
		// overlapping spans.
		for _, m := range onlyMine {
			for _, th := range onlyTheirs {
				if m.Start < th.End && th.Start < m.End {
					t.Fatalf("only mine %v and only theirs %v overlap", m, th)
				}
			}
		}
		if !slices.IsSortedFunc(diffs, func(x, y Diff) int {
			if x.Start() != y.Start() {
				return x.Start() - y.Start()
			}
			if x.End() != y.End() {
				return x.End() - y.End()
			}
			return int(x.Kind) - int(y.Kind)
		}) {
			t.Fatalf("diffs not sorted: %v", diffs)
		}
	})
}

func TestPropertyOverlapPairsMatchesBruteForce(t *testing.T) {
	// The sweep finds exactly the overlapping pairs a double loop finds.
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 100).Draw(t, "n")
		a, b := genSpans(t, n, "a", ""), genSpans(t, n, "b", "")
		got := make(map[[2]int]int)
		for _, c := range overlapPairs(unitsOf(a), unitsOf(b)) {
			got[[2]int{c.i, c.j}] = c.overlap
		}
		want := 0
		for i, x := range a {
			for j, y := range b {
				ov := min(x.End, y.End) - max(x.Start, y.Start)
				if ov <= 0 {
					continue
				}
				want++
				if got[[2]int{i, j}] != ov {
					t.Fatalf("pair %v %v: overlap %d, sweep %d", x, y, ov, got[[2]int{i, j}])
				}
			}
		}
		if len(got) != want {
			t.Fatalf("sweep found %d pairs, brute force %d", len(got), want)
		}
	})
}

func TestPropertyAlphaSymmetricInAnnotators(t *testing.T) {
	// alpha_U does not depend on the order of the annotators, and stays in
	// its range: at most 1.
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 80).Draw(t, "n")
		a, b := genSpans(t, n, "a", "ana"), genSpans(t, n, "b", "ben")
		ab, ba := NewUnitizing(2), NewUnitizing(2)
		ab.AddDocument(n, [][]annotate.Span{a, b})
		ba.AddDocument(n, [][]annotate.Span{b, a})
		for _, label := range ab.Labels() {
			x, y := ab.Alpha(label), ba.Alpha(label)
			if !(math.IsNaN(x) && math.IsNaN(y)) && !near(x, y, 1e-9) {
				t.Fatalf("%s: alpha %v, swapped %v", label, x, y)
			}
			if x > 1+1e-12 {
				t.Fatalf("%s: alpha %v > 1", label, x)
			}
		}
	})
}

func TestPropertyMatchCountsIsGreedy(t *testing.T) {
	// Taking the exact pairs first pairs as many spans as greedyMatch over
	// every candidate, duplicates and empty spans included.
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "n")
		gen := func(prefix string) []mspan {
			k := rapid.IntRange(0, 20).Draw(t, prefix+"count")
			out := make([]mspan, k)
			for i := range out {
				start := rapid.IntRange(0, n-1).Draw(t, prefix+"start")
				out[i] = mspan{start, rapid.IntRange(start, min(n, start+8)).Draw(t, prefix+"end"), "X"}
				if i > 0 && rapid.Bool().Draw(t, prefix+"dup") {
					out[i] = out[rapid.IntRange(0, i-1).Draw(t, prefix+"of")]
				}
			}
			return out
		}
		a, b := gen("a"), gen("b")
		want := len(greedyMatch(overlapPairs(a, b), a, b, make([]bool, len(a)), make([]bool, len(b))))
		exact, got := matchCounts(a, b)
		if got != want {
			t.Fatalf("matchCounts' overlap %d, greedyMatch over all %d", got, want)
		}
		if w := exactMatches(a, b); exact != w {
			t.Fatalf("matchCounts' exact %d, exactMatches %d", exact, w)
		}
	})
}

// exactMatches, the reference of matchCounts' exact count, counts pairs
// of spans of a and b with the same start and end
// (the spans share a label), each span matched at most once: for each range
// the smaller of the two sides' counts.
func exactMatches(a, b []mspan) int {
	type rng struct{ start, end int }
	count := make(map[rng]int, len(a))
	for _, s := range a {
		count[rng{s.start, s.end}]++
	}
	n := 0
	for _, s := range b {
		r := rng{s.start, s.end}
		if count[r] > 0 {
			count[r]--
			n++
		}
	}
	return n
}
