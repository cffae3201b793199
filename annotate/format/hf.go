package format

import (
	"encoding/json"
	"io"
	"strconv"

	"claimdesk/annotate"
)

// HFWriter writes token-classification training data as Hugging Face
// datasets read it (the shape of conll2003): a JSONL line per sentence,
//
//	{"id": "DOCUMENT-N", "tokens": ["China", "’s", ...], "ner_tags": [1, 2, ...]}
//
// with the tokens, examples and IOB2 tags of the conll format (its
// layers: Target.Mode "outer" or "inner"; its alignment of spans to
// tokens, Target.Align; what was changed or left out counted by
// TokenCounts). A tag is an index into the tag names, "O" first, then
// "B-LABEL" and "I-LABEL" for each label: those SetSchema gives, in their
// order, then any other label in order of appearance. WriteSide writes
// the names as a JSON list, the side file (Format.Side) beside the export,
// which datasets.ClassLabel(names=...) takes as it is. N counts the
// document's sentences from 0; a document without an id is numbered by
// its place in the export (1, 2, …). N numbers the document's
// examples: a sentence, or the sentences a span crosses, joined. Output is buffered: call Flush at
// the end.
type HFWriter struct {
	lineEncoder
	layer  string
	align  string
	counts TokenCounts
	docs   int
	names  []string       // tag names, in index order
	index  map[string]int // tag name to index
}

// NewHFWriter returns a writer of Hugging Face token-classification JSONL
// to w of the layer "outer" or "inner", spans fitted to tokens by align
// (AlignModes, "" for the default).
func NewHFWriter(w io.Writer, layer, align string) *HFWriter {
	return &HFWriter{lineEncoder: newLineEncoder(w), layer: layer, align: align, names: []string{"O"}, index: map[string]int{"O": 0}}
}

// SetSchema gives the project's labels, whose tags come first in the tag
// names, in this order, so that every export of the project (each part
// of a split) numbers its tags alike. Call it before the first Write.
func (w *HFWriter) SetSchema(labels []string, _ annotate.RelationTypes) {
	for _, l := range labels {
		w.addLabel(l)
	}
}

func (w *HFWriter) addLabel(l string) {
	if _, ok := w.index["B-"+l]; ok {
		return
	}
	for _, tag := range [2]string{"B-" + l, "I-" + l} {
		w.index[tag] = len(w.names)
		w.names = append(w.names, tag)
	}
}

// TokenCounts returns what the writer changed or left out so far.
func (w *HFWriter) TokenCounts() TokenCounts { return w.counts }

// TagNames returns the tag names, in the order of their indices.
func (w *HFWriter) TagNames() []string { return append([]string(nil), w.names...) }

// hfLine is one line of Hugging Face token-classification JSONL.
type hfLine struct {
	ID      string   `json:"id"`
	Tokens  []string `json:"tokens"`
	NERTags []int    `json:"ner_tags"`
}

// Write writes a line for each example of the document. A span outside
// the text is an EINVALID error, and so is a span off token boundaries
// with -align strict; nothing of the document is written then.
func (w *HFWriter) Write(rec annotate.Record) error {
	spans, _, err := exportSpans(&rec)
	if err != nil {
		return err
	}
	td, counts, err := cutTokens(rec.Document.ID, rec.Document.Text, spans, w.align)
	if err != nil {
		return err
	}
	w.docs++
	layer, dropped := pickLayer(td.spans, len(td.toks), w.layer)
	counts = TokenCounts{NoToken: counts.NoToken, Overlapping: dropped}
	counts.Add(countChanges(layer)) // of the spans written
	for _, f := range layer {
		w.addLabel(f.span.Label)
	}
	tg := tagger{layer: layer}
	doc := rec.Document.ID
	if doc == "" {
		doc = strconv.Itoa(w.docs)
	}
	toks := td.toks
	var line hfLine
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && toks[j].sentence == toks[i].sentence {
			j++
		}
		line.ID = doc + "-" + strconv.Itoa(int(toks[i].sentence))
		line.Tokens, line.NERTags = line.Tokens[:0], line.NERTags[:0]
		for k := i; k < j; k++ {
			line.Tokens = append(line.Tokens, toks[k].text(td.text))
			prefix, label := tg.tag(k)
			tag := 0
			switch prefix {
			case 'B':
				tag = w.index["B-"+label]
			case 'I':
				tag = w.index["I-"+label]
			}
			line.NERTags = append(line.NERTags, tag)
		}
		if err := w.enc.Encode(&line); err != nil {
			return err
		}
		i = j
	}
	w.counts.Add(counts)
	return nil
}

// WriteSide writes the tag names as a JSON list, in index order: the side
// file of an hf export. Call it after the last Write.
func (w *HFWriter) WriteSide(out io.Writer) error {
	b, err := json.Marshal(w.names)
	if err != nil {
		return err
	}
	_, err = out.Write(append(b, '\n'))
	return err
}
