package annotate_test

import (
	"testing"

	"pgregory.net/rapid"

	"claimdesk/annotate"
)

func TestSearch(t *testing.T) {
	tests := []struct {
		text, query string
		want        []string
	}{
		{"Mr Wang said, mr wang", "mr wang", []string{"Mr Wang", "mr wang"}},
		{"“Wang Yi” and WANG", "wang", []string{"Wang", "WANG"}},
		{"Ibáñez, IBÁÑEZ", "ibáñez", []string{"Ibáñez", "IBÁÑEZ"}},
		{"Зоря Logistics, ЗОРЯ", "зоря", []string{"Зоря", "ЗОРЯ"}},
		{"aaaa", "aa", []string{"aa", "aa"}},
		{"👩‍👩‍👧 x 👩‍👩‍👧", "👩‍👩‍👧", []string{"👩‍👩‍👧", "👩‍👩‍👧"}},
		{"nothing", "", nil},
		{"short", "shorter", nil},
		{"ΣΊΣΥΦΟΣ σίσυφος", "σίσυφοσ", []string{"ΣΊΣΥΦΟΣ", "σίσυφος"}},
	}
	for _, tt := range tests {
		got := annotate.Search(tt.text, tt.query)
		if len(got) != len(tt.want) {
			t.Fatalf("Search(%q, %q) = %v, want %d matches", tt.text, tt.query, got, len(tt.want))
		}
		for i, m := range got {
			s, ok := annotate.SliceRunes(tt.text, m.Start, m.End)
			if !ok || s != tt.want[i] {
				t.Errorf("Search(%q, %q) match %d = %q (%v), want %q", tt.text, tt.query, i, s, ok, tt.want[i])
			}
		}
	}
}

// TestSearchFindsItsSlices: any slice of a text is found where it is (or
// in an earlier, overlapping place), and each match's text folds to the
// query's.
func TestSearchFindsItsSlices(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		runes := rapid.SliceOfN(rapid.SampledFrom([]rune("aAbBßẞçÇ 👩\u200d\u0301Σσς")), 1, 40).Draw(t, "text")
		text := string(runes)
		i := rapid.IntRange(0, len(runes)-1).Draw(t, "i")
		j := rapid.IntRange(i+1, len(runes)).Draw(t, "j")
		q := string(runes[i:j])
		found := false
		for _, m := range annotate.Search(text, q) {
			if m.End-m.Start != j-i {
				t.Fatalf("match %v of %q has %d code points, want %d", m, q, m.End-m.Start, j-i)
			}
			if m.Start <= i && i < m.End || m.Start == i {
				found = true
			}
		}
		if !found {
			t.Fatalf("Search(%q, %q) does not find the slice at %d", text, q, i)
		}
	})
}
