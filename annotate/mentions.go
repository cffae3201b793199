package annotate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mention is where a name occurs in a text: code points, end exclusive.
type Mention struct{ Start, End int }

// Mentions returns the places where name occurs in text as whole words:
// not preceded or followed by a letter, digit or combining mark (so "Wang"
// is found in "Mr Wang said", not in "Wangari"). The search is exact (case
// and accents count). Overlapping occurrences are not reported twice.
func Mentions(text, name string) []Mention {
	if strings.TrimSpace(name) == "" {
		return nil
	}
	var out []Mention
	cp, b := 0, 0 // code points and bytes of text before the search position
	for {
		i := strings.Index(text[b:], name)
		if i < 0 {
			return out
		}
		cp += utf8.RuneCountInString(text[b : b+i])
		start, end := b+i, b+i+len(name)
		n := utf8.RuneCountInString(name)
		if wordEdge(text, start, end) {
			out = append(out, Mention{cp, cp + n})
			cp += n
			b = end
			continue
		}
		// not a whole word: go on after its first code point
		_, size := utf8.DecodeRuneInString(text[start:])
		cp++
		b = start + size
	}
}

// wordEdge reports whether text[start:end] stands alone: no word character
// touches it on either side.
func wordEdge(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if wordRune(r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if wordRune(r) {
			return false
		}
	}
	return true
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
