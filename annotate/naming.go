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
// each name is folded once, when the completer is made. A completer made
// by NewEntityCompleter also finds a name by its entity's aliases.
type NameCompleter struct {
	names, folded []string
	aliases       [][]string // by name: its aliases, and folded
	foldedAliases [][]string
}

// NewNameCompleter returns a completer over names.
func NewNameCompleter(names []string) *NameCompleter {
	c := &NameCompleter{names: slices.Clone(names), folded: make([]string, len(names))}
	for i, n := range names {
		c.folded[i] = foldName(strings.Join(strings.Fields(n), " "))
	}
	return c
}

// NewEntityCompleter returns a completer over the entities' names that
// finds an entity by its aliases too: typing "mr wa" offers "Wang Yi"
// when "Mr Wang" is an alias of Wang Yi. Matches lists, in the order of
// entities, first the names that start with what is typed, then those
// with an alias that does, then those with a later word of the name that
// does, then those with a later word of an alias; each name once.
func NewEntityCompleter(entities []Entity) *NameCompleter {
	names := make([]string, len(entities))
	for i, e := range entities {
		names[i] = e.Name
	}
	c := NewNameCompleter(names)
	c.aliases, c.foldedAliases = make([][]string, len(entities)), make([][]string, len(entities))
	for i, e := range entities {
		c.aliases[i] = slices.Clone(e.Aliases)
		for _, a := range e.Aliases {
			c.foldedAliases[i] = append(c.foldedAliases[i], foldName(strings.Join(strings.Fields(a), " ")))
		}
	}
	return c
}

// Matches returns the names that complete typed, as NameMatches does (and
// by aliases, for a completer made by NewEntityCompleter).
func (c *NameCompleter) Matches(typed string) []string {
	names, _ := c.MatchesVia(typed)
	return names
}

// MatchesVia returns what Matches returns and, for each name, the alias
// by which it matched ("" when by the name itself, or when typed is
// blank).
func (c *NameCompleter) MatchesVia(typed string) (names, via []string) {
	q := foldName(strings.Join(strings.Fields(typed), " "))
	if q == "" {
		return slices.Clone(c.names), make([]string, len(c.names))
	}
	// Groups: 0 the name starts with q, 1 an alias does, 2 a later word of
	// the name does, 3 a later word of an alias; a name in its first.
	var group [4][]int
	var alias [4][]string
	for i, f := range c.folded {
		if strings.HasPrefix(f, q) {
			group[0] = append(group[0], i)
			continue
		}
		a, g := c.aliasMatch(i, q)
		if g != 1 && wordPrefix(f, q) {
			g, a = 2, ""
		}
		if g >= 0 {
			group[g] = append(group[g], i)
			alias[g] = append(alias[g], a)
		}
	}
	for g := range group {
		for k, i := range group[g] {
			names = append(names, c.names[i])
			if g == 0 {
				via = append(via, "")
			} else {
				via = append(via, alias[g][k])
			}
		}
	}
	return names, via
}

// aliasMatch returns the first alias of name i that starts with q (group
// 1), else the first with a later word that does (group 3), else group
// -1.
func (c *NameCompleter) aliasMatch(i int, q string) (string, int) {
	if i >= len(c.foldedAliases) {
		return "", -1
	}
	later := -1
	for j, f := range c.foldedAliases[i] {
		if strings.HasPrefix(f, q) {
			return c.aliases[i][j], 1
		}
		if later < 0 && wordPrefix(f, q) {
			later = j
		}
	}
	if later >= 0 {
		return c.aliases[i][later], 3
	}
	return "", -1
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

// ProposeEntity returns the id of the entity to propose for an actor
// mention whose text is text, among the project's entities: the one that
// the mentions with the same text already name in this document (here),
// else in the rest of the project (elsewhere, called only when here names
// none: it may read the whole project), as ProposedEntity chooses; else
// the entity that text is a name or an alias of (Entity.Called), so that
// a new alias is proposed before any mention uses it. What coders did
// with the same text wins over a name, as it did before aliases. It
// returns "" when none does.
func ProposeEntity(text string, here []NamedText, entities []Entity, elsewhere func() []NamedText) string {
	if id := ProposedEntity(text, here, nil); id != "" {
		return id
	}
	if elsewhere != nil {
		if id := ProposedEntity(text, nil, elsewhere()); id != "" {
			return id
		}
	}
	if e, ok := EntityCalled(entities, text); ok {
		return e.ID
	}
	return ""
}

// Len returns how many names the completer holds.
func (c *NameCompleter) Len() int { return len(c.names) }
