package app

import (
	"strings"
	"testing"
)

func TestAliasesNote(t *testing.T) {
	long := strings.Repeat("x", aliasRunesShown+5)
	for _, tc := range []struct {
		aliases []string
		want    string
	}{
		{nil, ""},
		{[]string{"Mr Wang"}, " (also Mr Wang)"},
		{[]string{"Mr Wang", "China’s foreign minister"}, " (also Mr Wang, China’s foreign minister)"},
		{[]string{"Mr Wang", "Yi", "W. Yi", "Minister Wang"}, " (also Mr Wang, Yi, … 2 more)"},
		{[]string{long}, " (also " + strings.Repeat("x", aliasRunesShown-1) + "…)"},
	} {
		if got := aliasesNote(tc.aliases); got != tc.want {
			t.Errorf("aliasesNote(%q) = %q, want %q", tc.aliases, got, tc.want)
		}
	}
}
