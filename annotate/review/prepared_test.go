package review

import (
	"reflect"
	"testing"

	"claimdesk/annotate"
	"pgregory.net/rapid"
)

// TestPropertyPairwisePreparedIsPairwise: counting two prepared sets
// gives the counts PairwiseText gives of the spans, whatever their order,
// with copies of the same range on one side or both, empty spans, and
// spans running past the text.
func TestPropertyPairwisePreparedIsPairwise(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := genText(t)
		n := len([]rune(text))
		a, b := genSpans(t, n, "a", "ana"), genSpans(t, n, "b", "ben")
		// Some of a's ranges again in b, some twice in a, and some odd ones.
		for i := range a {
			switch rapid.IntRange(0, 5).Draw(t, "copy") {
			case 0:
				sp := a[i]
				sp.Annotator = "ben"
				b = append(b, sp)
			case 1:
				a = append(a, a[i])
			case 2:
				sp := a[i]
				sp.End = sp.Start
				a = append(a, sp)
			case 3:
				sp := a[i]
				sp.End = n + 3
				b = append(b, sp)
			}
		}
		rapid.Permutation(a).Draw(t, "order a")
		tx := NewText(text)
		want := PairwiseText(tx, a, b)
		got := PairwisePrepared(tx, tx.Prepare(a), tx.Prepare(b))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("prepared %v, want %v", dump(got), dump(want))
		}
	})
}

// TestPairwisePreparedByHand: two sets counted by hand.
func TestPairwisePreparedByHand(t *testing.T) {
	text := "ab cd ef" // 6 non-whitespace code points
	sp := func(start, end int, label string) annotate.Span {
		return annotate.Span{Start: start, End: end, Label: label}
	}
	a := []annotate.Span{sp(3, 5, "X"), sp(0, 2, "X"), sp(0, 2, "X"), sp(6, 8, "Y")}
	b := []annotate.Span{sp(0, 2, "X"), sp(3, 4, "X"), sp(0, 5, "Z")}
	tx := NewText(text)
	p := PairwisePrepared(tx, tx.Prepare(a), tx.Prepare(b))
	// X: a has 0-2 twice and 3-5, b 0-2 and 3-4: one exact pair (0-2),
	// one by overlap (3-5 with 3-4); a covers a,b,c,d (4), b a,b,c (3).
	if x := *p["X"]; x != (LabelCounts{A: 3, B: 2, Exact: 1, Overlap: 2, Both: 3, OnlyA: 1, OnlyB: 0, Neither: 2}) {
		t.Errorf("X: %+v", x)
	}
	if y := *p["Y"]; y != (LabelCounts{A: 1, B: 0, Both: 0, OnlyA: 2, Neither: 4}) {
		t.Errorf("Y: %+v", y)
	}
	if z := *p["Z"]; z != (LabelCounts{A: 0, B: 1, OnlyB: 4, Neither: 2}) {
		t.Errorf("Z: %+v", z)
	}
	if p[TextKey].Neither != 6 {
		t.Errorf("text: %+v", *p[TextKey])
	}
}

func dump(p PairCounts) map[string]LabelCounts {
	out := map[string]LabelCounts{}
	for k, v := range p {
		out[k] = *v
	}
	return out
}
