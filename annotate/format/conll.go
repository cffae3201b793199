package format

import (
	"bufio"
	"io"
	"strings"
	"unicode"

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
	layer, dropped := pickLayer(spans, w.layer)
	w.dropped += dropped
	toks := tokenize(rec.Document.Text)
	tags := iobTags(toks, layer)
	w.bw.WriteString("-DOCSTART-\tO\n\n")
	for i, t := range toks {
		if i > 0 && t.sentence != toks[i-1].sentence {
			w.bw.WriteByte('\n')
		}
		w.bw.WriteString(strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return '_'
			}
			return r
		}, t.text))
		w.bw.WriteByte('\t')
		w.bw.WriteString(tags[i])
		w.bw.WriteByte('\n')
	}
	if len(toks) > 0 {
		w.bw.WriteByte('\n')
	}
	return nil
}

// Flush writes what is buffered.
func (w *ConllWriter) Flush() error { return w.bw.Flush() }
