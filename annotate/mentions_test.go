package annotate

import (
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

func TestMentions(t *testing.T) {
	tests := []struct {
		text, name string
		want       []Mention
	}{
		{"Mr Wang said Wang Yi met Wangari.", "Wang", []Mention{{3, 7}, {13, 17}}},
		{"“Wang Yi”, Wang Yi’s", "Wang Yi", []Mention{{1, 8}, {11, 18}}},
		{"Zoé Martin and Zoe\u0301 Martin", "Zoe", nil}, // the combining accent is part of the word
		{"Iraq’s Iraq Iraqi", "Iraq", []Mention{{0, 4}, {7, 11}}},
		{"aaa", "aa", nil},
		{"a a a", "a a", []Mention{{0, 3}}},
		{"", "x", nil},
		{"x", "", nil},
		{"إبراهيم الجعفري قال", "الجعفري", []Mention{{8, 15}}},
	}
	for _, tt := range tests {
		if got := Mentions(tt.text, tt.name); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Mentions(%q, %q) = %v, want %v", tt.text, tt.name, got, tt.want)
		}
	}
}

// TestMentionsAreWholeWordsOfTheName: every mention's text is the name,
// in code points, and mentions do not overlap.
func TestMentionsAreWholeWordsOfTheName(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		words := rapid.SliceOfN(rapid.SampledFrom([]string{"Wang", "Yi", "Mr", "“", "”", "’s", " ", ", ", "é", "\u0301", "王毅"}), 0, 30).Draw(t, "words")
		text := ""
		for _, w := range words {
			text += w
		}
		name := rapid.SampledFrom([]string{"Wang", "Wang Yi", "Mr Wang", "王毅", "Yi"}).Draw(t, "name")
		last := -1
		for _, m := range Mentions(text, name) {
			if got, _ := SliceRunes(text, m.Start, m.End); got != name {
				t.Fatalf("mention %v of %q in %q is %q", m, name, text, got)
			}
			if m.Start < last {
				t.Fatalf("mentions overlap in %q", text)
			}
			last = m.End
		}
	})
}
