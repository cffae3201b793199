package format

import (
	"bufio"
	"cmp"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"claimdesk/annotate"
)

// ConllLayers are the layers -format conll can write (Target.Mode): nested
// spans cannot all be one tag sequence, so "outer" keeps the outermost of
// overlapping spans and "inner" the innermost.
var ConllLayers = []string{"outer", "inner"}

// ConllWriter writes token-classification training data in the CoNLL
// format with IOB2 tags: "-DOCSTART-" and a blank line before each
// document, then one "token<TAB>tag" line per token, a blank line after
// each sentence. Sentences and words come from Unicode text segmentation
// (uniseg); white space is not a token. A token is inside a span when it
// starts inside it. Spans that overlap a span of the chosen layer are left
// out and counted (Dropped).
type ConllWriter struct {
	bw      *bufio.Writer
	layer   string
	dropped int
}

// NewConllWriter returns a CoNLL writer to w of the layer "outer" or
// "inner".
func NewConllWriter(w io.Writer, layer string) *ConllWriter {
	return &ConllWriter{bw: bufio.NewWriterSize(w, 64<<10), layer: layer}
}

// Dropped returns how many spans were left out because they overlap a
// span of the layer written.
func (w *ConllWriter) Dropped() int { return w.dropped }

// Write writes one document. A span outside the text is an EINVALID error.
func (w *ConllWriter) Write(rec annotate.Record) error {
	spans, _, err := exportSpans(&rec)
	if err != nil {
		return err
	}
	layer := w.pick(spans)
	w.bw.WriteString("-DOCSTART-\tO\n\n")
	text := rec.Document.Text
	k := 0 // the next span of layer that may hold a token
	prev := -1
	cp := 0
	state := -1
	for text != "" {
		var sentence string
		sentence, text, state = uniseg.FirstSentenceInString(text, state)
		wrote := false
		wstate := -1
		for sentence != "" {
			var word string
			word, sentence, wstate = uniseg.FirstWordInString(sentence, wstate)
			n := utf8.RuneCountInString(word)
			start := cp
			cp += n
			if strings.TrimFunc(word, unicode.IsSpace) == "" {
				continue
			}
			for k < len(layer) && layer[k].End <= start {
				k++
			}
			tag := "O"
			if k < len(layer) && layer[k].Start <= start {
				if prev == k {
					tag = "I-" + layer[k].Label
				} else {
					tag = "B-" + layer[k].Label
				}
				prev = k
			}
			w.bw.WriteString(strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return '_'
				}
				return r
			}, word))
			w.bw.WriteByte('\t')
			w.bw.WriteString(tag)
			w.bw.WriteByte('\n')
			wrote = true
		}
		if wrote {
			w.bw.WriteByte('\n')
		}
	}
	return nil
}

// pick returns the spans of the layer, in text order, none overlapping
// another, and counts the others as dropped.
func (w *ConllWriter) pick(spans []annotate.Span) []annotate.Span {
	order := slices.Clone(spans) // CompareSpans order: outer spans first
	if w.layer == "inner" {
		slices.SortStableFunc(order, func(a, b annotate.Span) int {
			return cmp.Or(cmp.Compare(a.End-a.Start, b.End-b.Start), cmp.Compare(a.Start, b.Start))
		})
	}
	var keep []annotate.Span
	for _, s := range order {
		if slices.ContainsFunc(keep, func(k annotate.Span) bool { return k.Start < s.End && s.Start < k.End }) {
			w.dropped++
			continue
		}
		keep = append(keep, s)
	}
	slices.SortFunc(keep, func(a, b annotate.Span) int { return cmp.Compare(a.Start, b.Start) })
	return keep
}

// Flush writes what is buffered.
func (w *ConllWriter) Flush() error { return w.bw.Flush() }
