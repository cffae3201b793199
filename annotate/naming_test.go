package annotate

import (
	"slices"
	"testing"

	"pgregory.net/rapid"
)

func TestNameMatches(t *testing.T) {
	names := []string{"Wang Yi", "Mr Wang", "Hong Lei", "Zoé Martin", "José Ruiz", "Abu Bakr al-Baghdadi", "Wangari Maathai", "Ibrahim Jafari"}
	for _, tc := range []struct {
		typed string
		want  []string
	}{
		{"", names},
		{"   ", names},
		{"Wang", []string{"Wang Yi", "Wangari Maathai", "Mr Wang"}},
		{"wang", []string{"Wang Yi", "Wangari Maathai", "Mr Wang"}},
		{"WANG Y", []string{"Wang Yi"}},
		{"wang  yi ", []string{"Wang Yi"}},
		{"yi", []string{"Wang Yi"}},
		{"zoe", []string{"Zoé Martin"}},
		{"ZOÉ", []string{"Zoé Martin"}},
		{"jose r", []string{"José Ruiz"}},
		{"baghdadi", []string{"Abu Bakr al-Baghdadi"}}, // after a hyphen
		{"ang", nil}, // inside a word: no
		{"jafari", []string{"Ibrahim Jafari"}},
		{"x", nil},
	} {
		if got := NameMatches(names, tc.typed); !slices.Equal(got, tc.want) {
			t.Errorf("NameMatches(%q) = %q, want %q", tc.typed, got, tc.want)
		}
	}
}

// TestNameMatchesProperties: every name matches a prefix of itself, in
// any case, and the matches are names, each once.
func TestNameMatchesProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		names := rapid.SliceOfNDistinct(rapid.StringMatching(`[A-Za-zéÉßüÜ' -]{1,12}`), 1, 8, rapid.ID).Draw(t, "names")
		i := rapid.IntRange(0, len(names)-1).Draw(t, "i")
		r := []rune(names[i])
		n := rapid.IntRange(1, len(r)).Draw(t, "n")
		typed := string(r[:n])
		got := NameMatches(names, typed)
		if !slices.Contains(got, names[i]) {
			t.Fatalf("%q does not find %q among %q: %q", typed, names[i], names, got)
		}
		seen := map[string]bool{}
		for _, g := range got {
			if seen[g] || !slices.Contains(names, g) {
				t.Fatalf("match %q is not a name or comes twice: %q", g, got)
			}
			seen[g] = true
		}
	})
}

func TestProposedEntity(t *testing.T) {
	here := []NamedText{
		{"Mr Jafari", "ibrahim"},
		{"Mr  jafari", "ibrahim"},
		{"Mr Jafari", "other"},
		{"Mr Jafari", ""},
		{"Wang Yi", "wang"},
	}
	elsewhere := []NamedText{{"Mr Hong", "hong"}, {"Mr Jafari", "other"}}
	for _, tc := range []struct {
		text            string
		here, elsewhere []NamedText
		want            string
	}{
		{"Mr Jafari", here, elsewhere, "ibrahim"}, // most of this document's
		{"MR JAFARI", here, elsewhere, "ibrahim"},
		{"Mr Hong", here, elsewhere, "hong"}, // none here: the project's
		{"Mr Jafari", nil, elsewhere, "other"},
		{"Hong Lei", here, elsewhere, ""},
		{"Mr Jafari", []NamedText{{"Mr Jafari", ""}}, nil, ""},
		{"Mr Jafari", []NamedText{{"Mr Jafari", "b"}, {"Mr Jafari", "a"}}, nil, "b"}, // a tie: the first
	} {
		if got := ProposedEntity(tc.text, tc.here, tc.elsewhere); got != tc.want {
			t.Errorf("ProposedEntity(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
