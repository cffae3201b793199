package suggest

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// tok is a word or a punctuation mark of the text, in bytes.
type tok struct {
	s, e int
	w    string
	word bool // letters, digits, inner apostrophes and hyphens; else one mark
}

// isWordRune reports whether r is part of a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// tokenize returns the words and marks of text[from:to], appended to
// out[:0] (a buffer to reuse).
func tokenize(out []tok, text string, from, to int) []tok {
	out = out[:0]
	i := from
	for i < to {
		r, n := utf8.DecodeRuneInString(text[i:to])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := i + n
			for j < to {
				r2, n2 := utf8.DecodeRuneInString(text[j:to])
				if isWordRune(r2) {
					j += n2
					continue
				}
				// an apostrophe or hyphen inside a word, or a possessive
				// apostrophe after s ("dockworkers’")
				if r2 == '\'' || r2 == '’' || r2 == '-' {
					r3, _ := utf8.DecodeRuneInString(text[j+n2 : to])
					prev, _ := utf8.DecodeLastRuneInString(text[i:j])
					if j+n2 < to && isWordRune(r3) || (r2 != '-' && (prev == 's' || prev == 'S')) {
						j += n2
						continue
					}
				}
				break
			}
			out = append(out, tok{i, j, text[i:j], true})
			i = j
		default:
			out = append(out, tok{i, i + n, text[i : i+n], false})
			i += n
		}
	}
	return out
}

// layout is where a text's paragraphs and sentences start, in bytes.
type layout struct {
	paras []int // starts of paragraphs
	sents []int // starts of sentences, and len(text) last
}

// newLayout splits text into paragraphs (at blank lines) and sentences
// (Unicode sentence segmentation, with a single line break read as a
// space, so a sentence wrapped in its paragraph stays one).
func newLayout(text string) layout {
	var l layout
	l.paras = append(l.paras, 0)
	flat := []byte(text)
	for i := 0; i < len(flat); i++ {
		if flat[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(flat) && (flat[j] == ' ' || flat[j] == '\t' || flat[j] == '\r') {
			j++
		}
		if j < len(flat) && flat[j] == '\n' {
			for j < len(flat) && (flat[j] == '\n' || flat[j] == ' ' || flat[j] == '\t' || flat[j] == '\r') {
				j++
			}
			l.paras = append(l.paras, j)
			i = j - 1
			continue
		}
		flat[i] = ' ' // a line break inside a paragraph
	}
	// segment paragraph by paragraph: the blank lines end sentences
	for p, start := range l.paras {
		end := len(flat)
		if p+1 < len(l.paras) {
			end = l.paras[p+1]
		}
		rest, state, at := string(flat[start:end]), -1, start
		var sent string
		for len(rest) > 0 {
			sent, rest, state = uniseg.FirstSentenceInString(rest, state)
			l.sents = append(l.sents, at)
			at += len(sent)
		}
	}
	l.sents = append(l.sents, len(text))
	return l
}

// sentence returns the start and end of the sentence holding byte b.
func (l layout) sentence(b int) (int, int) {
	i := sort.Search(len(l.sents), func(i int) bool { return l.sents[i] > b }) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(l.sents)-1 {
		i = len(l.sents) - 2
	}
	if i < 0 {
		return 0, l.sents[len(l.sents)-1]
	}
	return l.sents[i], l.sents[i+1]
}

// para returns the index of the paragraph holding byte b and its start.
func (l layout) para(b int) (int, int) {
	i := sort.Search(len(l.paras), func(i int) bool { return l.paras[i] > b }) - 1
	return i, l.paras[i]
}

// quote is a quotation in bytes: the opening mark at os, the content
// [cs, ce) without marks and trailing commas, the closing mark ending at
// qe. open tells whether the content ends so that an attribution may
// follow (a comma, a question or exclamation mark, or a comma after the
// closing mark).
type quote struct {
	os, cs, ce, qe int
	open           bool
}

// maxQuote bounds the bytes a quotation may span.
const maxQuote = 4000

// findQuotes returns the text's quotations, in order, for the pairs of
// marks. A quotation continues into the next paragraph when that
// paragraph opens with the same mark (the news convention); one left
// open at a paragraph's end otherwise is not a quotation.
func findQuotes(text string, pairs []QuotePair) []quote {
	var out []quote
	next := make([]int, len(pairs)) // the next opening mark of each pair at or after i; -1 none left
	closes := make([]finder, len(pairs))
	for k, p := range pairs {
		closes[k] = finder{find: func(s string) int { return strings.Index(s, p.Close) }, at: -1}
	}
	breaks := finder{find: paraBreak, at: -1}
	for k := range next {
		next[k] = -2 // not looked for yet
	}
	i := 0
	for i < len(text) {
		// the nearest opening mark
		at, pi := -1, -1
		for k, p := range pairs {
			if p.Open == "" || p.Close == "" || next[k] == -1 {
				continue
			}
			if next[k] < i {
				next[k] = -1
				if j := strings.Index(text[i:], p.Open); j >= 0 {
					next[k] = i + j
				}
			}
			if next[k] >= 0 && (at < 0 || next[k] < at) {
				at, pi = next[k], k
			}
		}
		if at < 0 {
			return out
		}
		p := pairs[pi]
		oe := at + len(p.Open)
		if p.Open == p.Close && !straightOpens(text, at, oe) {
			i = oe
			continue
		}
		q, ok := closeQuote(text, p, at, oe, &closes[pi], &breaks)
		if !ok {
			i = oe
			continue
		}
		out = append(out, q)
		i = q.qe
	}
	return out
}

// straightOpens reports whether a straight mark at [at, oe) opens a
// quotation: nothing of a word before it, something after it.
func straightOpens(text string, at, oe int) bool {
	if at > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:at])
		if isWordRune(r) {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(text[oe:])
	return oe < len(text) && !unicode.IsSpace(r)
}

// finder finds the next occurrence of something in a text at or after a
// byte offset, remembering the last answer so that a scan that moves
// forward costs linear time in all.
type finder struct {
	find func(s string) int // index in s, or -1
	at   int                // the last answer; len(text) for none; -1 not asked yet
	from int                // where the last search started
}

// next returns the first occurrence at or after j, or len(text).
func (f *finder) next(text string, j int) int {
	if f.at >= 0 && f.from <= j && (f.at >= j || f.at == len(text)) {
		return f.at
	}
	f.from, f.at = j, len(text)
	if k := f.find(text[j:]); k >= 0 {
		f.at = j + k
	}
	return f.at
}

// closeQuote finds the closing mark of the quotation opened at [at, oe),
// with closes finding the pair's closing marks and breaks blank lines.
func closeQuote(text string, p QuotePair, at, oe int, closes, breaks *finder) (quote, bool) {
	j := oe
	limit := min(len(text), at+maxQuote)
	for j < limit {
		c := closes.next(text, j)
		br := breaks.next(text, j)
		if br < limit && br < c {
			// a paragraph ends first: go on only if the next opens with the mark
			k := br
			for k < limit && unicode.IsSpace(rune(text[k])) {
				k++
			}
			if !strings.HasPrefix(text[k:], p.Open) {
				return quote{}, false
			}
			j = k + len(p.Open)
			continue
		}
		if c >= limit {
			return quote{}, false
		}
		c -= j
		cs, ce := oe, j+c
		qe := ce + len(p.Close)
		for cs < ce && isSpaceByte(text[cs]) {
			cs++
		}
		t := strings.TrimRightFunc(text[cs:ce], unicode.IsSpace)
		last, _ := utf8.DecodeLastRuneInString(t)
		ce = cs + len(strings.TrimRight(t, ",;:. \t\r\n"))
		if cs >= ce {
			return quote{}, false
		}
		after, _ := utf8.DecodeRuneInString(text[qe:])
		open := last == ',' || last == '?' || last == '!' || (qe < len(text) && after == ',')
		return quote{os: at, cs: cs, ce: ce, qe: qe, open: open}, true
	}
	return quote{}, false
}

// paraBreak returns the byte offset of the first blank line in s, or -1.
func paraBreak(s string) int {
	off := 0
	for {
		i := strings.IndexByte(s[off:], '\n')
		if i < 0 {
			return -1
		}
		i += off
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			return i
		}
		off = i + 1
	}
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }
