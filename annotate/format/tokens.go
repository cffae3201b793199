package format

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"claimdesk/annotate"
)

// token is a word of a document as the training formats (conll, hf,
// spacy) cut it.
type token struct {
	text       string
	start, end int  // code point offsets in the document, end exclusive
	sentence   int  // the index of its sentence in the document
	ws         bool // white space follows it
}

// tokenize cuts text into sentences and words by Unicode text segmentation
// (uniseg, UAX #29). A segment of white space only is not a token; the
// token before it has ws set.
func tokenize(text string) []token {
	var toks []token
	cp := 0
	sentence := 0
	state := -1
	for text != "" {
		var s string
		s, text, state = uniseg.FirstSentenceInString(text, state)
		wrote := false
		wstate := -1
		for s != "" {
			var word string
			word, s, wstate = uniseg.FirstWordInString(s, wstate)
			start := cp
			cp += utf8.RuneCountInString(word)
			if strings.TrimFunc(word, unicode.IsSpace) == "" {
				if n := len(toks); n > 0 && toks[n-1].end == start {
					toks[n-1].ws = true
				}
				continue
			}
			toks = append(toks, token{text: word, start: start, end: cp, sentence: sentence})
			wrote = true
		}
		if wrote {
			sentence++
		}
	}
	return toks
}

// pickLayer returns the spans of the layer ("outer" or "inner",
// ConllLayers) in text order, none overlapping another, and the number of
// the others, which overlap one of them. spans must be in CompareSpans
// order (exportSpans).
func pickLayer(spans []annotate.Span, layer string) (keep []annotate.Span, dropped int) {
	order := slices.Clone(spans) // CompareSpans order: outer spans first
	if layer == "inner" {
		slices.SortStableFunc(order, func(a, b annotate.Span) int {
			return cmp.Or(cmp.Compare(a.End-a.Start, b.End-b.Start), cmp.Compare(a.Start, b.Start))
		})
	}
	for _, s := range order {
		if slices.ContainsFunc(keep, func(k annotate.Span) bool { return k.Start < s.End && s.Start < k.End }) {
			dropped++
			continue
		}
		keep = append(keep, s)
	}
	slices.SortFunc(keep, func(a, b annotate.Span) int { return cmp.Compare(a.Start, b.Start) })
	return keep, dropped
}

// iobTags returns the IOB2 tag of each token: "B-LABEL" for the first
// token inside a span of layer, "I-LABEL" for the next ones, "O" outside.
// A token is inside a span when it starts inside it. layer is in text
// order, no span overlapping another (pickLayer).
func iobTags(toks []token, layer []annotate.Span) []string {
	tags := make([]string, len(toks))
	k := 0 // the next span of layer that may hold a token
	prev := -1
	for i, t := range toks {
		for k < len(layer) && layer[k].End <= t.start {
			k++
		}
		tags[i] = "O"
		if k < len(layer) && layer[k].Start <= t.start {
			if prev == k {
				tags[i] = "I-" + layer[k].Label
			} else {
				tags[i] = "B-" + layer[k].Label
			}
			prev = k
		}
	}
	return tags
}
