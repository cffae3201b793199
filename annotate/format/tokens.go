package format

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"claimdesk/annotate"
)

// AlignModes are the ways a token export (conll, hf, spacy -tokens) fits
// spans to tokens (Target.Align, -align), its default first, named after
// spaCy's Doc.char_span alignment modes:
//
//   - "split" cuts the words of Unicode segmentation at every span's start
//     and end, so that every span starts and ends on a token boundary:
//     "Uber’s" with the span "Uber" is the tokens "Uber" and "’s". Only
//     white space at a span's edge is lost (tokens hold no white space).
//   - "expand" keeps the words whole and widens a span to the words it
//     touches.
//   - "contract" keeps the words whole and narrows a span to the words
//     wholly inside it; a span inside one word has none and is left out.
//   - "strict" keeps the words whole and refuses a span that does not
//     start and end on word boundaries, naming it.
//
// Whatever a mode changes or leaves out is counted (TokenCounts).
var AlignModes = []string{"split", "expand", "contract", "strict"}

// token is a word of a document as the token exports cut it.
type token struct {
	start, end   int32 // code point offsets in the document, end exclusive
	bstart, bend int32 // byte offsets of its text in the document
	sentence     int32 // its example: the index of its sentence, sentences that a span crosses joined
	ws           bool  // white space follows it
}

// text returns t's text in the document text.
func (t token) text(doc string) string { return doc[t.bstart:t.bend] }

// fitted is a span fitted to the tokens: the tokens first..last
// (inclusive) carry it; first is -1 when no token does.
type fitted struct {
	span        *annotate.Span
	first, last int
	change      change // how its tokens' extent differs from it
}

// change is how a fitted span's tokens differ from it.
type change uint8

const (
	exact change = iota
	trimmed
	widened
	narrowed
)

// countChanges returns the counts of the spans of fs changed.
func countChanges(fs []fitted) TokenCounts {
	var c TokenCounts
	for _, f := range fs {
		switch f.change {
		case trimmed:
			c.Trimmed++
		case widened:
			c.Widened++
		case narrowed:
			c.Narrowed++
		}
	}
	return c
}

// TokenCounts counts what a token export changed or left out of the spans
// it was given, by kind, for a warning (exact or loud).
type TokenCounts struct {
	// Trimmed spans start or end with white space, which no token holds:
	// their tokens carry them without it.
	Trimmed int
	// Widened spans were carried by the whole words they touch (-align
	// expand).
	Widened int
	// Narrowed spans were carried by the whole words inside them (-align
	// contract).
	Narrowed int
	// NoToken spans have no token to carry them (white space only, or,
	// with -align contract, inside one word): left out.
	NoToken int
	// Overlapping spans overlap (in their tokens) a span of the layer
	// written (conll, hf): left out.
	Overlapping int
	// Headless relations (spacy) were written without "head" and
	// "child", the token indices of their ends: without -tokens, or an
	// end without a token.
	Headless int
}

// TokenCounter is implemented by the writers of token exports (conll,
// hf, spacy): TokenCounts returns what they changed or left out so far.
type TokenCounter interface {
	TokenCounts() TokenCounts
}

// Add adds o's counts to c's.
func (c *TokenCounts) Add(o TokenCounts) {
	c.Trimmed += o.Trimmed
	c.Widened += o.Widened
	c.Narrowed += o.Narrowed
	c.NoToken += o.NoToken
	c.Overlapping += o.Overlapping
	c.Headless += o.Headless
}

// Changed returns the number of spans written changed.
func (c TokenCounts) Changed() int { return c.Trimmed + c.Widened + c.Narrowed }

// LeftOut returns the number of spans left out.
func (c TokenCounts) LeftOut() int { return c.NoToken + c.Overlapping }

// Notes returns what c counts as sentences for a warning, one per kind,
// empty when nothing was changed or left out. layer names the layer
// ("outer", "inner") of a tag export, "" for spacy; verb says what
// happens to a span ("tagged", "written"); noToken what a span without a
// token becomes ("left out", or spacy's "written without token_start and
// token_end").
func (c TokenCounts) Notes(layer, verb, noToken string) []string {
	var notes []string
	add := func(n int, what string) {
		if n > 0 {
			notes = append(notes, fmt.Sprintf("%s %s", countSpans(n), what))
		}
	}
	add(c.Trimmed, "with white space at an edge "+verb+" without it")
	add(c.Widened, "widened to whole tokens (-align expand)")
	add(c.Narrowed, "narrowed to whole tokens (-align contract)")
	add(c.NoToken, "without a whole token "+noToken)
	if layer != "" {
		add(c.Overlapping, "overlapping the "+layer+" layer left out (-layer chooses the layer)")
	}
	if c.Headless == 1 {
		notes = append(notes, `1 relation written without "head" and "child" token indices (-tokens writes them)`)
	} else if c.Headless > 1 {
		notes = append(notes, fmt.Sprintf(`%d relations written without "head" and "child" token indices (-tokens writes them)`, c.Headless))
	}
	return notes
}

// TokenNotes returns the warnings of a token export in the format name
// (conll, hf, spacy) of the layer mode ("" for the default) whose writer
// counted c: what it changed or left out, by kind. The CLI and the
// window's export say the same.
func TokenNotes(name, mode string, c TokenCounts) []string {
	if name == "spacy" {
		return c.Notes("", "written", "written without token_start and token_end")
	}
	return c.Notes(cmp.Or(mode, ConllLayers[0]), "tagged", "left out")
}

// countSpans returns "1 span" or "N spans".
func countSpans(n int) string {
	if n == 1 {
		return "1 span"
	}
	return fmt.Sprintf("%d spans", n)
}

// tokenDoc is a document cut into tokens for a token export.
type tokenDoc struct {
	text  string
	toks  []token
	spans []fitted // every span given, in the order given
}

// cutTokens cuts text into tokens and fits spans (CompareSpans order,
// inside the text: exportSpans) to them by the alignment mode align
// (AlignModes; "" is "split"), counting the spans changed and those
// without a token. A sentence break inside a span's tokens is
// no break: those sentences are one example (token.sentence numbers
// examples from 0). With "strict", a span off the words' boundaries is an
// EINVALID error naming it and the document. It takes time linear in the
// text, and O(n log n) in the spans.
func cutTokens(docID, text string, spans []annotate.Span, align string) (*tokenDoc, TokenCounts, error) {
	var counts TokenCounts
	if len(text) > math.MaxInt32 {
		return nil, counts, annotate.Errorf(annotate.EINVALID, "document %s: text of %d bytes is too long for a token export", docID, len(text))
	}
	align = cmp.Or(align, AlignModes[0])
	var cuts []int32
	if align == "split" {
		cuts = make([]int32, 0, 2*len(spans))
		for _, s := range spans {
			cuts = append(cuts, int32(s.Start), int32(s.End))
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
	}
	toks, nsent := tokenize(text, cuts)
	td := &tokenDoc{text: text, toks: toks, spans: make([]fitted, len(spans))}
	// Fit each span: binary searches over the tokens, in text order.
	startAtOrAfter := func(off int) int {
		return sort.Search(len(toks), func(i int) bool { return int(toks[i].start) >= off })
	}
	endAfter := func(off int) int {
		return sort.Search(len(toks), func(i int) bool { return int(toks[i].end) > off })
	}
	for i := range spans {
		s := &spans[i]
		f := fitted{span: s, first: -1, last: -1}
		switch align {
		case "expand":
			f.first, f.last = endAfter(s.Start), startAtOrAfter(s.End)-1
		case "contract":
			f.first, f.last = startAtOrAfter(s.Start), endAfter(s.End)-1
		default: // split, strict
			f.first, f.last = startAtOrAfter(s.Start), startAtOrAfter(s.End)-1
		}
		if f.first > f.last || f.first >= len(toks) || f.last < 0 {
			f.first, f.last = -1, -1
		}
		if align == "strict" && (f.first < 0 || int(toks[f.first].start) != s.Start || int(toks[f.last].end) != s.End) {
			return nil, counts, annotate.Errorf(annotate.EINVALID, "document %s: span %d-%d %s %q does not start and end on token boundaries (-align strict; -align split, the default, cuts tokens at spans)",
				docID, s.Start, s.End, s.Label, clip(runeSlice(text, s.Start, s.End), 60))
		}
		if f.first < 0 {
			counts.NoToken++
		} else {
			ts, te := int(toks[f.first].start), int(toks[f.last].end)
			switch {
			case ts == s.Start && te == s.End:
			case ts < s.Start || te > s.End:
				f.change = widened
			case isSpace(text, s.Start, ts, toks, f.first) && isSpace(text, te, s.End, toks, f.last):
				f.change = trimmed
			default:
				f.change = narrowed
			}
		}
		td.spans[i] = f
	}
	joinSentences(td, nsent)
	c := countChanges(td.spans)
	c.NoToken = counts.NoToken
	return td, c, nil
}

// isSpace reports whether the code points from..to of text are all white
// space; near is a token next to them, whose offsets find their bytes.
func isSpace(text string, from, to int, toks []token, near int) bool {
	if from >= to {
		return true
	}
	// from..to lies just before or just after the token near.
	t := toks[near]
	var b int
	if to <= int(t.start) {
		b = int(t.bstart)
		for n := int(t.start) - from; n > 0; n-- {
			_, size := utf8.DecodeLastRuneInString(text[:b])
			b -= size
		}
	} else {
		b = int(t.bend)
		for n := from - int(t.end); n > 0; n-- {
			_, size := utf8.DecodeRuneInString(text[b:])
			b += size
		}
	}
	for n := to - from; n > 0; n-- {
		r, size := utf8.DecodeRuneInString(text[b:])
		if !unicode.IsSpace(r) {
			return false
		}
		b += size
	}
	return true
}

// tokenize cuts text into sentences and words by Unicode text segmentation
// (uniseg, UAX #29), cutting words further at the code point offsets cuts
// (sorted, unique). A piece of white space only is not a token; the token
// before it has ws set. It returns the tokens, each with its sentence's
// index, and the number of sentences.
func tokenize(text string, cuts []int32) ([]token, int) {
	toks := make([]token, 0, len(text)/5+len(cuts))
	var cp, bp int32
	k := 0
	sentence := int32(0)
	emit := func(piece string, start, end, bstart int32) {
		if allSpace(piece) {
			if n := len(toks); n > 0 && toks[n-1].end == start {
				toks[n-1].ws = true
			}
			return
		}
		toks = append(toks, token{start: start, end: end, bstart: bstart, bend: bstart + int32(len(piece)), sentence: sentence})
	}
	for batch := range sentences(text) {
		for _, s := range batch {
			n := len(toks)
			wstate := -1
			for s != "" {
				var word string
				var wlen int32
				if n := asciiSegment(s); n > 0 {
					// UAX #29 for ASCII (asciiSegment), whatever came
					// before (a segment starts at a break); no rule joins
					// the character after the segment to it, so a fresh
					// state does for the next one.
					word, s, wstate, wlen = s[:n], s[n:], -1, int32(n)
				} else {
					word, s, wstate = uniseg.FirstWordInString(s, wstate)
					wlen = int32(utf8.RuneCountInString(word))
				}
				wstart := cp
				for k < len(cuts) && cuts[k] <= wstart {
					k++
				}
				if k < len(cuts) && cuts[k] < wstart+wlen {
					// Cut the word at the span boundaries inside it.
					pstart, pb := wstart, bp
					c, b := wstart, bp
					for _, r := range word {
						if k < len(cuts) && cuts[k] == c && c > pstart {
							emit(text[pb:b], pstart, c, pb)
							pstart, pb = c, b
							k++
						}
						c++
						b += int32(utf8.RuneLen(r))
					}
					emit(text[pb:b], pstart, c, pb)
				} else {
					emit(word, wstart, wstart+wlen, bp)
				}
				cp += wlen
				bp += int32(len(word))
			}
			if len(toks) > n {
				sentence++
			}
		}
	}
	return toks, int(sentence)
}

// asciiSegment returns the length of the word (UAX #29) that s starts
// with, s starting at a word break, when the word is ASCII and followed
// by ASCII (or the end), which no rule joins to it; else 0 (uniseg
// decides). Such a word is a run of letters and digits (WB5, WB8-10)
// followed by a character other than "_" (WB13a), ".", ":", ",", ";" or
// "'" (WB6-7, WB11-12); a run of spaces (WB3d); a line feed (WB3a); or
// one other character but "_" and the carriage return (WB3: CR LF is
// one). A character that is not ASCII after any of them may be Extend
// or Format, which joins it (WB4), or a letter that joins letters.
func asciiSegment(s string) int {
	c := s[0]
	n := 1
	switch {
	case 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9':
		for n < len(s) && ('a' <= s[n]|0x20 && s[n]|0x20 <= 'z' || '0' <= s[n] && s[n] <= '9') {
			n++
		}
		if n < len(s) && strings.IndexByte("_.:,;'", s[n]) >= 0 {
			return 0
		}
	case c == ' ':
		for n < len(s) && s[n] == ' ' {
			n++
		}
	case c == '\n':
		return 1
	case c == '_' || c == '\r' || c >= utf8.RuneSelf:
		return 0
	}
	if n < len(s) && s[n] >= utf8.RuneSelf {
		return 0
	}
	return n
}

// allSpace reports whether s is white space only.
func allSpace(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// pipelineBytes is the size of text from which sentences finds the
// sentences on a goroutine of its own, while the caller cuts words.
const pipelineBytes = 256 << 10

// sentences returns text's sentences by Unicode text segmentation (uniseg),
// in order, in batches. For a long text they are found on a goroutine of
// their own, a few batches ahead of the caller, which must read them
// all; the two passes of segmentation, sentences and words, then run at
// once.
func sentences(text string) <-chan []string {
	const batchSize = 1024
	ch := make(chan []string, 4)
	find := func() {
		defer close(ch)
		batch := make([]string, 0, batchSize)
		for rest := text; rest != ""; {
			var s string
			s, rest = firstSentence(rest)
			batch = append(batch, s)
			if len(batch) == batchSize {
				ch <- batch
				batch = make([]string, 0, batchSize)
			}
		}
		if len(batch) > 0 {
			ch <- batch
		}
	}
	if len(text) < pipelineBytes {
		ch = make(chan []string, len(text)/batchSize+2) // room for every batch: no goroutine
		find()
		return ch
	}
	go find()
	return ch
}

// firstSentence returns the first sentence of text by Unicode text
// segmentation (uniseg.FirstSentenceInString), and the rest. A sentence
// ends only after a terminator (UAX #29: SB4, SB11, a character of
// Sentence_Break STerm, ATerm, Sep, CR or LF), so the text before the
// first character that may be one (mayEndSentence) is skipped, and uniseg
// starts at the character before it (its base and marks: SB7 looks at
// it): the same sentences, without looking up every character's
// properties. TestSentencesAreUniseg holds it to uniseg's.
func firstSentence(text string) (sentence, rest string) {
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == '.' || c == '!' || c == '?' || c == '\n' || c == '\r' {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if mayEndSentence(r) {
			break
		}
		i += size
	}
	if i == len(text) {
		return text, ""
	}
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		j -= size
		if !unicode.In(r, unicode.M, unicode.Cf) {
			break
		}
	}
	s, _, _ := uniseg.FirstSentenceInString(text[j:], -1)
	end := j + len(s)
	return text[:end], text[end:]
}

// mayEndSentence reports whether the character r, not ASCII, may be a
// sentence terminator or separator: other punctuation (where the
// terminators of every script are), a line or paragraph separator, or
// NEXT LINE. TestMayEndSentence checks it against uniseg for every
// character.
func mayEndSentence(r rune) bool {
	return r == '\u0085' || unicode.In(r, unicode.Po, unicode.Zl, unicode.Zp)
}

// joinSentences joins the sentences that a fitted span's tokens cross,
// and numbers the examples (token.sentence) from 0: linear in the
// sentences and spans.
func joinSentences(td *tokenDoc, nsent int) {
	if nsent == 0 {
		return
	}
	cross := make([]int32, nsent+1) // +1 at a span's first sentence, -1 at its last
	crossed := false
	for _, f := range td.spans {
		if f.first < 0 {
			continue
		}
		a, b := td.toks[f.first].sentence, td.toks[f.last].sentence
		if a < b {
			cross[a]++
			cross[b]--
			crossed = true
		}
	}
	if !crossed {
		return
	}
	example := make([]int32, nsent)
	open := int32(0)
	ex := int32(0)
	for i := range nsent {
		example[i] = ex
		open += cross[i]
		if open == 0 {
			ex++
		}
	}
	for i := range td.toks {
		td.toks[i].sentence = example[td.toks[i].sentence]
	}
}

// pickLayer returns the fitted spans of the layer ("outer" or "inner",
// ConllLayers) ordered by their first token, no two sharing a token, and
// the number of the others with tokens, which share one with them. Outer
// keeps the span starting first (the longest of those starting at one
// token), inner the shortest (in tokens) first; of spans on the same tokens, one they carry exactly first. It takes O(n log n).
func pickLayer(spans []fitted, ntoks int, layer string) (keep []fitted, dropped int) {
	order := make([]fitted, 0, len(spans))
	for _, f := range spans {
		if f.first >= 0 {
			order = append(order, f)
		}
	}
	// Of spans on the same tokens, one that they carry exactly goes
	// first: it is the one kept, so the tags give back a span as it is.
	if layer == "inner" {
		slices.SortStableFunc(order, func(a, b fitted) int {
			return cmp.Or(cmp.Compare(a.last-a.first, b.last-b.first), cmp.Compare(a.first, b.first), cmp.Compare(a.change, b.change))
		})
	} else {
		slices.SortStableFunc(order, func(a, b fitted) int {
			return cmp.Or(cmp.Compare(a.first, b.first), cmp.Compare(b.last, a.last), cmp.Compare(a.change, b.change))
		})
	}
	taken := newFenwick(ntoks)
	for _, f := range order {
		if taken.sum(f.last)-taken.sum(f.first-1) > 0 {
			dropped++
			continue
		}
		for i := f.first; i <= f.last; i++ { // kept spans share no token: each is marked once
			taken.add(i)
		}
		keep = append(keep, f)
	}
	slices.SortFunc(keep, func(a, b fitted) int { return cmp.Compare(a.first, b.first) })
	return keep, dropped
}

// fenwick is a binary indexed tree of counts per token: which are taken.
type fenwick []int32

func newFenwick(n int) fenwick { return make(fenwick, n+1) }

// add counts token i.
func (f fenwick) add(i int) {
	for i++; i < len(f); i += i & -i {
		f[i]++
	}
}

// sum returns the count of tokens 0..i (0 for i < 0).
func (f fenwick) sum(i int) int32 {
	var s int32
	for i++; i > 0; i -= i & -i {
		s += f[i]
	}
	return s
}

// tagger gives the IOB2 tag of each token, in order, of a layer
// (pickLayer): "B-LABEL" for a span's first token, "I-LABEL" for its
// others, "O" outside.
type tagger struct {
	layer []fitted
	k     int
}

// tag returns the tag of token i; tokens must be asked in order.
func (tg *tagger) tag(i int) (prefix byte, label string) {
	for tg.k < len(tg.layer) && tg.layer[tg.k].last < i {
		tg.k++
	}
	if tg.k < len(tg.layer) && tg.layer[tg.k].first <= i {
		if tg.layer[tg.k].first == i {
			return 'B', tg.layer[tg.k].span.Label
		}
		return 'I', tg.layer[tg.k].span.Label
	}
	return 'O', ""
}

// runeSlice returns text's code points start..end.
func runeSlice(text string, start, end int) string {
	return annotate.NewRuneIndex(text).Slice(start, end)
}
