package review

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"claimdesk/annotate"
	"pgregory.net/rapid"
)

// genUnitizingSpans draws up to 6 spans for a text of n code points (n may
// be 0) with labels X, Y and Z (X the most frequent). Some reach outside
// the text, some are empty: Unitizing clips them or leaves them out.
func genUnitizingSpans(t *rapid.T, n int, prefix string) []annotate.Span {
	k := rapid.IntRange(0, 6).Draw(t, prefix+"count")
	spans := make([]annotate.Span, k)
	for i := range spans {
		start := rapid.IntRange(-2, n+1).Draw(t, prefix+"start")
		spans[i] = annotate.Span{
			ID: fmt.Sprintf("%s%d", prefix, i), Start: start,
			End:   start + rapid.IntRange(0, 15).Draw(t, prefix+"length"),
			Label: rapid.SampledFrom([]string{"X", "X", "X", "Y", "Z"}).Draw(t, prefix+"label"),
		}
	}
	return spans
}

// sameFloat reports whether x and y are both NaN or within tol·max(1, |y|)
// of each other.
func sameFloat(x, y, tol float64) bool {
	if math.IsNaN(x) || math.IsNaN(y) {
		return math.IsNaN(x) && math.IsNaN(y)
	}
	return math.Abs(x-y) <= tol*max(1, math.Abs(y))
}

// checkAgainstReference fails unless u's labels, disagreements and alphas
// are the reference's: D_O exactly (a sum of the same integers in the same
// order), D_E up to rounding (the streaming sums its terms by length, the
// reference by unit), alpha_U up to the rounding of D_E it inherits.
func checkAgainstReference(t *rapid.T, u *Unitizing, ref *referenceUnitizing, when string) {
	labels := ref.labels()
	if got := u.Labels(); !slices.Equal(got, labels) {
		t.Fatalf("%s: labels %v, reference %v", when, got, labels)
	}
	var sumDo, sumDe float64
	for _, label := range append(labels, "never used") {
		do, de := u.Disagreements(label)
		wantDo, wantDe := ref.disagreements(label)
		if do != wantDo && !(math.IsNaN(do) && math.IsNaN(wantDo)) {
			t.Fatalf("%s: D_O(%s) = %v, reference %v", when, label, do, wantDo)
		}
		if !sameFloat(de, wantDe, 1e-12) {
			t.Fatalf("%s: D_E(%s) = %v, reference %v", when, label, de, wantDe)
		}
		if a, want := u.Alpha(label), alpha(wantDo, wantDe); !sameFloat(a, want, 1e-12) {
			t.Fatalf("%s: alpha_U(%s) = %v, reference %v", when, label, a, want)
		}
		if label != "never used" {
			sumDo += wantDo
			sumDe += wantDe
		}
	}
	want := math.NaN()
	if n := float64(len(labels)); n > 0 {
		want = alpha(sumDo/n, sumDe/n)
	}
	if got := u.Overall(); !sameFloat(got, want, 1e-12) {
		t.Fatalf("%s: Overall = %v, reference %v", when, got, want)
	}
}

func TestPropertyUnitizingStreamsLikeReference(t *testing.T) {
	// Unitizing, fed document by document, gives what the reference
	// computes over the whole continuum, also when asked between
	// documents; and asking between documents changes nothing: a twin
	// never asked gives bit for bit the same results.
	rapid.Check(t, func(t *rapid.T) {
		raters := rapid.IntRange(2, 4).Draw(t, "raters")
		asked, quiet, ref := NewUnitizing(raters), NewUnitizing(raters), newReferenceUnitizing(raters)
		docs := rapid.IntRange(0, 8).Draw(t, "docs")
		for d := range docs {
			n := rapid.IntRange(0, 40).Draw(t, "textLen")
			sets := make([][]annotate.Span, raters)
			for r := range sets {
				sets[r] = genUnitizingSpans(t, n, fmt.Sprintf("d%dr%d", d, r))
			}
			asked.AddDocument(n, sets)
			quiet.AddDocument(n, sets)
			ref.addDocument(n, sets)
			if rapid.Bool().Draw(t, "ask") {
				checkAgainstReference(t, asked, ref, fmt.Sprintf("after document %d", d))
			}
		}
		checkAgainstReference(t, quiet, ref, "at the end")
		checkAgainstReference(t, asked, ref, "at the end, asked before")
		for _, label := range append(ref.labels(), "never used") {
			do1, de1 := asked.Disagreements(label)
			do2, de2 := quiet.Disagreements(label)
			if math.Float64bits(do1) != math.Float64bits(do2) || math.Float64bits(de1) != math.Float64bits(de2) {
				t.Fatalf("%s: asked between documents (%v, %v), never asked (%v, %v)", label, do1, de1, do2, de2)
			}
		}
	})
}

func TestUnitizingLabelFirstSeenLater(t *testing.T) {
	// A label first used in the third document has, for every annotator,
	// a gap from offset 0: the same disagreements as when the first two
	// documents are one document without spans of it.
	later := NewUnitizing(2)
	later.AddDocument(30, [][]annotate.Span{{sp("a", 2, 9, "A")}, {sp("b", 3, 9, "A")}})
	later.AddDocument(20, [][]annotate.Span{{sp("c", 0, 5, "A")}, nil})
	later.AddDocument(40, [][]annotate.Span{{sp("d", 5, 20, "B")}, {sp("e", 8, 25, "B"), sp("f", 30, 33, "B")}})

	whole := NewUnitizing(2)
	whole.AddDocument(90, [][]annotate.Span{
		{sp("a", 2, 9, "A"), sp("c", 30, 35, "A"), sp("d", 55, 70, "B")},
		{sp("b", 3, 9, "A"), sp("e", 58, 75, "B"), sp("f", 80, 83, "B")},
	})
	for _, label := range []string{"A", "B"} {
		do1, de1 := later.Disagreements(label)
		do2, de2 := whole.Disagreements(label)
		if do1 != do2 || !near(de1, de2, 1e-15) {
			t.Errorf("%s: by document (%v, %v), as one document (%v, %v)", label, do1, de1, do2, de2)
		}
		if do1 == 0 || de1 == 0 {
			t.Errorf("%s: D_O %v, D_E %v: the example should disagree", label, do1, de1)
		}
	}
}

// unitizingDocument returns the spans of document d of a stream for three
// annotators with the same shape in every document (on a text of 200 code
// points): label COMMON used by everyone, with annotator-dependent
// boundaries; RARE used by annotator 0 in every document but by the others
// only in document 0; LATE used by everyone from document 500 on.
func unitizingDocument(d int) [][]annotate.Span {
	sets := make([][]annotate.Span, 3)
	for r := range sets {
		for k := range 5 {
			start := 40*k + (d+r*k)%7
			sets[r] = append(sets[r], sp("c", start, start+10+(d*k+r)%13, "COMMON"))
		}
		if r == 0 || d == 0 {
			sets[r] = append(sets[r], sp("r", 10+d%50, 30+d%90, "RARE"))
		}
		if d >= 500 {
			sets[r] = append(sets[r], sp("l", 100+r, 120+d%30, "LATE"))
		}
	}
	return sets
}

func TestUnitizingKeepsNoPassedSegments(t *testing.T) {
	// After every document, each annotator's pending segments of a label
	// are at most one (the last closed one, when a sweep waits for the
	// continuum to go on), however many documents came before, and the
	// histograms hold no more lengths than a document's shape allows. The
	// results are still the reference's.
	const docs, textLen = 2_000, 200
	u, ref := NewUnitizing(3), newReferenceUnitizing(3)
	for d := range docs {
		sets := unitizingDocument(d)
		u.AddDocument(textLen, sets)
		ref.addDocument(textLen, sets)
		for label, ls := range u.labels {
			for r, x := range ls.raters {
				if len(x.pending) > 1 {
					t.Fatalf("document %d, %s, annotator %d: %d pending segments %v", d, label, r, len(x.pending), x.pending)
				}
			}
			// Units are shorter than a document, and so are gaps but the
			// first (LATE's starts 500 documents back) and the last (open,
			// not in the histogram) of each annotator, which has a unit
			// in every document from its first on.
			if len(ls.units) > textLen || len(ls.gaps) > 2*textLen+3 {
				t.Fatalf("document %d, %s: %d unit lengths, %d gap lengths", d, label, len(ls.units), len(ls.gaps))
			}
		}
	}
	if got := u.Labels(); !slices.Equal(got, []string{"COMMON", "LATE", "RARE"}) {
		t.Fatalf("labels %v", got)
	}
	for _, label := range u.Labels() {
		do, de := u.Disagreements(label)
		wantDo, wantDe := ref.disagreements(label)
		if do != wantDo || !sameFloat(de, wantDe, 1e-12) {
			t.Errorf("%s: (%v, %v), reference (%v, %v)", label, do, de, wantDo, wantDe)
		}
		if do == 0 {
			t.Errorf("%s: D_O 0: the stream should disagree", label)
		}
	}
}

func TestUnitizingOneAnnotatorKeepsNothing(t *testing.T) {
	// With one annotator there is no pair to sweep: nothing is kept but
	// the histograms, and alpha_U stays undefined.
	u := NewUnitizing(1)
	for d := range 50 {
		u.AddDocument(20, [][]annotate.Span{{sp("a", d%10, d%10+5, "A")}})
		if n := len(u.labels["A"].raters[0].pending); n != 0 {
			t.Fatalf("document %d: %d pending segments", d, n)
		}
	}
	if a := u.Alpha("A"); !math.IsNaN(a) {
		t.Errorf("alpha_U %v with one annotator", a)
	}
}
