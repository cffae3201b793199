package annotate

import (
	"unicode"
	"unicode/utf8"
)

// Search returns the places where query occurs in text, ignoring case
// (Unicode simple case folding, code point by code point, so that offsets
// stay code points of text: "straße" finds "STRAßE", not "STRASSE"), in
// text order and not overlapping. An empty query finds nothing.
func Search(text, query string) []Mention {
	q := []rune(query)
	if len(q) == 0 {
		return nil
	}
	for i, r := range q {
		q[i] = foldRune(r)
	}
	var out []Mention
	cp := 0
	for b := 0; b < len(text); {
		if matchFold(text[b:], q) {
			n := len(q)
			out = append(out, Mention{cp, cp + n})
			// skip the match
			for k := 0; k < n; k++ {
				_, size := utf8.DecodeRuneInString(text[b:])
				b += size
			}
			cp += n
			continue
		}
		_, size := utf8.DecodeRuneInString(text[b:])
		b += size
		cp++
	}
	return out
}

// matchFold reports whether s starts with q (already folded), ignoring
// case.
func matchFold(s string, q []rune) bool {
	for _, want := range q {
		if len(s) == 0 {
			return false
		}
		r, size := utf8.DecodeRuneInString(s)
		if foldRune(r) != want {
			return false
		}
		s = s[size:]
	}
	return true
}

// foldRune returns the smallest rune of r's simple case-folding orbit, a
// representative that every case variant of r shares.
func foldRune(r rune) rune {
	min := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < min {
			min = f
		}
	}
	return min
}
