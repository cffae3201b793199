package annotate

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"pgregory.net/rapid"
)

// boundaryText returns the code point accessor of text and its UAX #29
// word segments without white space, as the article view gives them.
func boundaryText(text string) (func(int) rune, [][2]int) {
	runes := []rune(text)
	at := func(i int) rune {
		if i < 0 || i >= len(runes) {
			return 0
		}
		return runes[i]
	}
	var words [][2]int
	rest, state, cp := text, -1, 0
	for len(rest) > 0 {
		var seg string
		seg, rest, state = uniseg.FirstWordInString(rest, state)
		r, _ := utf8.DecodeRuneInString(seg)
		n := utf8.RuneCountInString(seg)
		if !unicode.IsSpace(r) {
			words = append(words, [2]int{cp, cp + n})
		}
		cp += n
	}
	return at, words
}

// runeSpan returns the code point range of the first sub in text.
func runeSpan(t *testing.T, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in the text", sub)
	}
	s := utf8.RuneCountInString(text[:i])
	return s, s + utf8.RuneCountInString(sub)
}

func TestMoveBoundary(t *testing.T) {
	const text = `“[Mr Wang] said, our policy does not allow us,” Mr Jafari told (them) — in Tehran.`
	tests := []struct {
		name         string
		span         string // the span before, as found in text
		start, right bool
		want         string // the span after; "" when it cannot move
	}{
		{"start left skips the comma", "our policy", true, false, "said, our policy"},
		{"start left again", "said, our policy", true, false, "Wang] said, our policy"},
		{"start left stops before a bracket", "Wang] said", true, false, "Mr Wang] said"},
		{"start left over a bracket and a quote", "Mr Wang] said", true, false, ""},
		{"start right leaves the comma out", "said, our policy", true, true, "our policy"},
		{"start right", "our policy does", true, true, "policy does"},
		{"end right skips the comma and quote", "does not allow us", false, true, "does not allow us,” Mr"},
		{"end right", "our policy", false, true, "our policy does"},
		{"end left", "us,” Mr Jafari", false, false, "us,” Mr"},
		{"end left leaves the comma and quote out", "us,” Mr", false, false, "us"},
		{"end left", "our policy does", false, false, "our policy"},
		{"end right over a bracket", "told", false, true, "told (them"},
		{"end right over a dash", "(them", false, true, "(them) — in"},
		{"a kept quote stays when the other end moves", "“[Mr Wang", false, true, "“[Mr Wang] said"},
		{"an end already on punctuation keeps it when it grows", "allow us,”", true, false, "not allow us,”"},
		{"never empty: end left of a one-word span", "policy", false, false, ""},
		{"never empty: start right of a one-word span", "policy", true, true, ""},
		{"start left at the text's start", "“[Mr", true, false, ""},
		{"end right at the text's end", "Tehran.", false, true, ""},
	}
	at, words := boundaryText(text)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e := runeSpan(t, text, tt.span)
			ns, ne, ok := MoveBoundary(at, words, s, e, tt.start, tt.right)
			if tt.want == "" {
				if ok {
					t.Fatalf("moved to %q, want no move", string([]rune(text)[ns:ne]))
				}
				if ns != s || ne != e {
					t.Fatalf("no move but returned %d-%d, want %d-%d", ns, ne, s, e)
				}
				return
			}
			if !ok {
				t.Fatalf("did not move, want %q", tt.want)
			}
			if got := string([]rune(text)[ns:ne]); got != tt.want {
				t.Fatalf("moved to %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTrimEdges(t *testing.T) {
	const text = `he said “Mr Wang”, to (Isis) and Jafari’s men.`
	tests := []struct {
		name     string
		sel      string // the range, as found in text
		from, to int    // the reach, relative to the range's start and end
		want     string
	}{
		{"quotes not reached", "“Mr Wang”", 1, -1, "Mr Wang"},
		{"quotes reached", "“Mr Wang”", 0, 0, "“Mr Wang”"},
		{"only the closing quote reached", "“Mr Wang”", 1, 0, "Mr Wang”"},
		{"a comma not reached", "Wang”,", 0, -1, "Wang”"},
		{"a comma and quote not reached", "Wang”,", 0, -2, "Wang"},
		{"brackets", "(Isis)", 1, -1, "Isis"},
		{"an apostrophe inside a word stays", "Jafari’s", 1, -1, "Jafari’s"},
		{"white space always goes", " and ", 0, 0, "and"},
		{"a full stop not reached", "men.", 0, -1, "men"},
		{"only punctuation, not reached: empty", "”,", 1, -1, ""},
	}
	at, _ := boundaryText(text)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e := runeSpan(t, text, tt.sel)
			gs, ge := TrimEdges(at, s, e, s+tt.from, e+tt.to)
			got := ""
			if gs < ge {
				got = string([]rune(text)[gs:ge])
			}
			if got != tt.want {
				t.Fatalf("TrimEdges = %q, want %q", got, tt.want)
			}
		})
	}
}

// A moved boundary never lands on white space or on punctuation it was not
// at before, the other end stays, and the span never becomes empty.
func TestMoveBoundaryProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		parts := rapid.SliceOfN(rapid.SampledFrom([]string{
			"word", "Wang", "إبراهيم", ",", ".", "“", "”", "(", ")", " ", " ", "\n", "—", "1 200", "Jafari’s",
		}), 1, 30).Draw(t, "parts")
		text := strings.Join(parts, "")
		at, words := boundaryText(text)
		n := utf8.RuneCountInString(text)
		s := rapid.IntRange(0, n-1).Draw(t, "s")
		e := rapid.IntRange(s+1, n).Draw(t, "e")
		start, right := rapid.Bool().Draw(t, "start"), rapid.Bool().Draw(t, "right")
		ns, ne, ok := MoveBoundary(at, words, s, e, start, right)
		if !ok {
			if ns != s || ne != e {
				t.Fatalf("no move returned %d-%d for %d-%d", ns, ne, s, e)
			}
			return
		}
		if ns >= ne {
			t.Fatalf("empty span %d-%d", ns, ne)
		}
		if start {
			if ne != e || ns == s || (ns < s) != !right {
				t.Fatalf("start move %d-%d → %d-%d (right %v)", s, e, ns, ne, right)
			}
			if r := at(ns); unicode.IsSpace(r) || IsEdgePunct(r) {
				t.Fatalf("start moved onto %q", r)
			}
		} else {
			if ns != s || ne == e || (ne > e) != right {
				t.Fatalf("end move %d-%d → %d-%d (right %v)", s, e, ns, ne, right)
			}
			if r := at(ne - 1); unicode.IsSpace(r) || IsEdgePunct(r) {
				t.Fatalf("end moved onto %q", r)
			}
		}
	})
}
