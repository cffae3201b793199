package annotate

import (
	"strings"
	"unicode"
)

// MaxDerivedTitle is the longest title, in code points, that DocumentTitle
// takes from a document's text ("…" included).
const MaxDerivedTitle = 80

// DocumentTitle returns the title of a document that arrives without one
// (Document.Complete: a JSONL line holding only "text"): the first words
// of its first line that is not blank, white space and invisible
// characters collapsed to single spaces; a line longer than
// MaxDerivedTitle code points is cut after its last whole word that fits,
// with "…" after it (a first word longer than that is cut inside). A text
// without a printable character gives "". It reads no more of text than
// the title needs.
func DocumentTitle(text string) string {
	words := make([]rune, 0, MaxDerivedTitle+1)
	space := false // white space since the last character kept
	for _, r := range text {
		if len(words) > MaxDerivedTitle {
			break
		}
		if isLineBreak(r) && len(words) > 0 {
			break // the first line that is not blank, whole
		}
		if unicode.IsSpace(r) || !unicode.IsPrint(r) {
			space = len(words) > 0
			continue
		}
		if space {
			words = append(words, ' ')
			space = false
		}
		words = append(words, r)
	}
	if len(words) <= MaxDerivedTitle {
		return string(words)
	}
	cut := words[:MaxDerivedTitle-1] // room for "…"
	if words[MaxDerivedTitle-1] != ' ' {
		// The cut falls inside a word: end before it, when a word precedes.
		if i := lastIndex(cut, ' '); i > 0 {
			cut = cut[:i]
		}
	}
	return strings.TrimRight(string(cut), " ") + "…"
}

// isLineBreak reports whether r ends a line.
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// lastIndex returns the index of the last r in rs, or -1.
func lastIndex(rs []rune, r rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == r {
			return i
		}
	}
	return -1
}

// untitled reports whether title holds no printable character: a title of
// white space or invisible characters only shows as a blank row.
func untitled(title string) bool {
	for _, r := range title {
		if !unicode.IsSpace(r) && unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// ListName returns what a list of documents shows for d: its title, else
// its source, else "Untitled" and the start of its id (a document stored
// before titles were derived from the text can have neither).
func (d DocumentInfo) ListName() string {
	switch {
	case strings.TrimSpace(d.Title) != "":
		return d.Title
	case strings.TrimSpace(d.Source) != "":
		return d.Source
	}
	id := d.ID
	if len(id) > 8 {
		id = id[:8]
	}
	return "Untitled " + id
}
