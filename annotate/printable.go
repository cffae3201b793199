package annotate

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Printable returns s as a message on a terminal may show it: each
// control character written as Go writes it in a string literal ("\x1b",
// "\n", "\u2028"), and so are the characters that reorder or hide text
// (bidirectional marks, overrides and isolates, the byte order mark), and
// a byte that is not UTF-8 as "\xff". Everything else,
// letters of any script and emoji included, is kept. A file name, a
// document title, an id or a piece of text taken from a file goes through
// it before it reaches a message: an escape sequence in a file's name
// would otherwise retitle the terminal or clear it. Printable of a
// printable string is the string itself.
func Printable(s string) string {
	i := firstToEscape(s)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case needsEscape(r, w):
			q := strconv.QuoteRune(r) // '\x1b', '\u2028'
			if len(q) < 3 || q[1] != '\\' {
				q = `'\u` + strconv.FormatUint(uint64(r)|0x10000, 16)[1:] + `'`
			}
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+w])
		}
		i += w
	}
	return b.String()
}

// needsEscape reports whether Printable escapes the rune r, w bytes long.
func needsEscape(r rune, w int) bool {
	switch {
	case r == utf8.RuneError && w == 1:
		return true
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c, // LRM, RLM, ALM
		r >= 0x202a && r <= 0x202e,            // embeddings and overrides
		r >= 0x2066 && r <= 0x2069,            // isolates
		r == 0x2028, r == 0x2029, r == 0xfeff: // line and paragraph separators, BOM
		return true
	}
	return false
}

// ControlPictures returns s as the window shows a name or a message taken
// from a file: each C0 control character as its symbol from Unicode's
// Control Pictures block (ESC as ␛, U+241B; a line feed as ␊), DEL as ␡,
// and the other characters Printable escapes written as it writes them
// ("\u202e"). Other text is kept.
func ControlPictures(s string) string {
	i := firstToEscape(s)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < 0x20 && w == 1:
			b.WriteRune(0x2400 + r)
		case r == 0x7f:
			b.WriteRune(0x2421)
		case needsEscape(r, w):
			b.WriteString(Printable(s[i : i+w]))
		default:
			b.WriteString(s[i : i+w])
		}
		i += w
	}
	return b.String()
}

// firstToEscape returns the byte index of the first character of s that
// Printable escapes, or len(s) when there is none.
func firstToEscape(s string) int {
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if needsEscape(r, w) {
			break
		}
		i += w
	}
	return i
}
