package annotate

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NameMatches returns the names that complete typed, for a name field
// that suggests as one types: first those that start with typed, then
// those with a later word that starts with it ("wang" finds "Wang Yi",
// then "Mr Wang"), each group in the order of names. Case and accents do
// not count ("jose" finds "José Ruiz"; "ZOE" finds "Zoé"), and neither
// does the white space around typed or inside it. Blank typed returns
// every name. A word starts after a character that is not a letter, digit
// or combining mark (a space, a hyphen, an apostrophe).
func NameMatches(names []string, typed string) []string {
	return NewNameCompleter(names).Matches(typed)
}

// NameCompleter answers NameMatches for one list of names as one types:
// each name is folded once, when the completer is made.
type NameCompleter struct {
	names, folded []string
}

// NewNameCompleter returns a completer over names.
func NewNameCompleter(names []string) *NameCompleter {
	c := &NameCompleter{names: slices.Clone(names), folded: make([]string, len(names))}
	for i, n := range names {
		c.folded[i] = foldName(strings.Join(strings.Fields(n), " "))
	}
	return c
}

// Matches returns the names that complete typed, as NameMatches does.
func (c *NameCompleter) Matches(typed string) []string {
	q := foldName(strings.Join(strings.Fields(typed), " "))
	if q == "" {
		return slices.Clone(c.names)
	}
	var first, later []string
	for i, f := range c.folded {
		switch {
		case strings.HasPrefix(f, q):
			first = append(first, c.names[i])
		case wordPrefix(f, q):
			later = append(later, c.names[i])
		}
	}
	return append(first, later...)
}

// wordPrefix reports whether a word of f after its first starts with q.
func wordPrefix(f, q string) bool {
	for i := 0; i < len(f); {
		j := strings.Index(f[i:], q)
		if j < 0 {
			return false
		}
		at := i + j
		if at > 0 {
			if r, _ := utf8.DecodeLastRuneInString(f[:at]); !wordRune(r) {
				return true
			}
		}
		_, size := utf8.DecodeRuneInString(f[at:])
		i = at + size
	}
	return false
}

// foldName is s without accents (the combining marks of its canonical
// decomposition) and with each letter in the form all its cases share.
func foldName(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToUpper(s) // foldRune of an ASCII letter: its capital
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// NamedText is an actor mention as far as naming goes: its text and the
// entity it names ("" none).
type NamedText struct{ Text, Entity string }

// ProposedEntity returns the id of the entity to propose for an actor
// mention whose text is text: the entity that the mentions with the same
// text (NameKey) already name in this document (here), else in the rest
// of the project (elsewhere); among several, the one most of them name,
// the first on a tie. It returns "" when no mention with that text names
// an entity.
func ProposedEntity(text string, here, elsewhere []NamedText) string {
	key := NameKey(text)
	for _, group := range [][]NamedText{here, elsewhere} {
		count := map[string]int{}
		best := ""
		for _, m := range group {
			if m.Entity == "" || NameKey(m.Text) != key {
				continue
			}
			count[m.Entity]++
			if best == "" || count[m.Entity] > count[best] {
				best = m.Entity
			}
		}
		if best != "" {
			return best
		}
	}
	return ""
}
