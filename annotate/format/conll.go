package format

import (
	"bufio"
	"io"
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
// each example. Tokens are the words of Unicode text segmentation
// (uniseg), cut at every span's start and end (AlignModes: the default
// "split"), so that the tags carry each span exactly; white space is not
// a token (white space inside a token is written "_"). An example is a
// sentence, or the sentences a span crosses, joined: every tag sequence
// is valid IOB2. Spans that overlap a span of the chosen layer are left
// out; what was changed or left out is counted (TokenCounts).
type ConllWriter struct {
	bw     *bufio.Writer
	layer  string
	align  string
	counts TokenCounts
}

// NewConllWriter returns a CoNLL writer to w of the layer "outer" or
// "inner", spans fitted to tokens by align (AlignModes, "" for the
// default).
func NewConllWriter(w io.Writer, layer, align string) *ConllWriter {
	return &ConllWriter{bw: bufio.NewWriterSize(w, 64<<10), layer: layer, align: align}
}

// TokenCounts returns what the writer changed or left out so far.
func (w *ConllWriter) TokenCounts() TokenCounts { return w.counts }

// Write writes one document. A span outside the text is an EINVALID
// error, and so is a span off token boundaries with -align strict;
// nothing of the document is written then.
func (w *ConllWriter) Write(rec annotate.Record) error {
	spans, _, err := exportSpans(&rec)
	if err != nil {
		return err
	}
	td, counts, err := cutTokens(rec.Document.ID, rec.Document.Text, spans, w.align)
	if err != nil {
		return err
	}
	layer, dropped := pickLayer(td.spans, len(td.toks), w.layer)
	counts = TokenCounts{NoToken: counts.NoToken, Overlapping: dropped}
	counts.Add(countChanges(layer)) // of the spans written
	w.counts.Add(counts)
	tg := tagger{layer: layer}
	w.bw.WriteString("-DOCSTART-\tO\n\n")
	for i, t := range td.toks {
		if i > 0 && t.sentence != td.toks[i-1].sentence {
			w.bw.WriteByte('\n')
		}
		for _, r := range t.text(td.text) {
			if unicode.IsSpace(r) {
				r = '_'
			}
			w.bw.WriteRune(r)
		}
		w.bw.WriteByte('\t')
		prefix, label := tg.tag(i)
		w.bw.WriteByte(prefix)
		if prefix != 'O' {
			w.bw.WriteByte('-')
			w.bw.WriteString(label)
		}
		w.bw.WriteByte('\n')
	}
	if len(td.toks) > 0 {
		w.bw.WriteByte('\n')
	}
	return nil
}

// Flush writes what is buffered.
func (w *ConllWriter) Flush() error { return w.bw.Flush() }
