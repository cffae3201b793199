package annotate

import (
	"fmt"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

func TestEntityAbsorb(t *testing.T) {
	aliases := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("alias %d", i)
		}
		return out
	}
	for _, tc := range []struct {
		name        string
		keep, gone  Entity
		want        []string
		wantLeftOut int
	}{
		{"the gone name becomes an alias",
			Entity{ID: "k", Name: "Wang Yi"}, Entity{ID: "g", Name: "Mr Wang"},
			[]string{"Mr Wang"}, 0},
		{"after the kept aliases, the gone name then its aliases",
			Entity{ID: "k", Name: "Wang Yi", Aliases: []string{"Minister Wang"}},
			Entity{ID: "g", Name: "Mr Wang", Aliases: []string{"China’s foreign minister", "W. Yi"}},
			[]string{"Minister Wang", "Mr Wang", "China’s foreign minister", "W. Yi"}, 0},
		{"a name the kept actor is already called is not repeated",
			Entity{ID: "k", Name: "Wang Yi", Aliases: []string{"Mr Wang"}},
			Entity{ID: "g", Name: "wang  yi", Aliases: []string{"MR WANG", "Yi"}},
			[]string{"Mr Wang", "Yi"}, 0},
		{"a gone name with a comma is left out and counted",
			Entity{ID: "k", Name: "Wang Yi"}, Entity{ID: "g", Name: "Wang, Yi", Aliases: []string{"Mr Wang"}},
			[]string{"Mr Wang"}, 1},
		{"trimmed as aliases are",
			Entity{ID: "k", Name: "Wang Yi"}, Entity{ID: "g", Name: "  Mr Wang  ", Aliases: []string{" ", "Yi "}},
			[]string{"Mr Wang", "Yi"}, 0},
		{"capped at MaxAliases, the rest counted",
			Entity{ID: "k", Name: "Wang Yi", Aliases: aliases(MaxAliases - 1)},
			Entity{ID: "g", Name: "Mr Wang", Aliases: []string{"Yi", "W. Yi"}},
			append(aliases(MaxAliases-1), "Mr Wang"), 2},
		{"a full kept actor takes none",
			Entity{ID: "k", Name: "Wang Yi", Aliases: aliases(MaxAliases)},
			Entity{ID: "g", Name: "Mr Wang", Aliases: []string{"alias 3"}},
			aliases(MaxAliases), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, leftOut := tc.keep.Absorb(tc.gone)
			if !slices.Equal(got.Aliases, tc.want) || leftOut != tc.wantLeftOut {
				t.Errorf("Absorb = %q, %d left out; want %q, %d", got.Aliases, leftOut, tc.want, tc.wantLeftOut)
			}
			if got.ID != tc.keep.ID || got.Name != tc.keep.Name {
				t.Errorf("Absorb changed the kept actor to %+v", got)
			}
			if err := got.Validate(); err != nil {
				t.Errorf("Absorb = %+v, which Validate refuses: %v", got, err)
			}
		})
	}
}

// TestEntityAbsorbProperty: the merged entity is valid, keeps its own
// names first, and is called each of the gone entity's names except the
// ones counted as left out.
func TestEntityAbsorbProperty(t *testing.T) {
	name := rapid.SampledFrom([]string{"Wang Yi", "Mr Wang", "mr  wang", "Yi", "W, Yi", "minister", " ", "A\nB", "Li", "li"})
	rapid.Check(t, func(t *rapid.T) {
		keep := Entity{ID: "k", Name: "Wang Yi", Aliases: rapid.SliceOfN(name, 0, MaxAliases).Draw(t, "keep")}.Clean()
		if keep.Validate() != nil {
			t.Skip("not a valid kept actor")
		}
		gone := Entity{ID: "g", Name: name.Draw(t, "gone"), Aliases: rapid.SliceOf(name).Draw(t, "goneAliases")}
		got, leftOut := keep.Absorb(gone)
		if err := got.Validate(); err != nil {
			t.Fatalf("Absorb = %+v: %v", got, err)
		}
		if !slices.Equal(got.Aliases[:len(keep.Aliases)], keep.Aliases) {
			t.Fatalf("Absorb changed the kept aliases: %q, was %q", got.Aliases, keep.Aliases)
		}
		missing := 0
		seen := map[string]bool{}
		for _, n := range gone.Clean().Names() {
			if k := NameKey(n); k != "" && !seen[k] {
				seen[k] = true
				if !got.Called(n) {
					missing++
				}
			}
		}
		if missing != leftOut {
			t.Fatalf("Absorb(%+v) = %+v: %d gone names missing, %d counted", gone, got, missing, leftOut)
		}
	})
}
