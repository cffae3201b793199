package annotate

import (
	"bufio"
	"encoding/json"
	"io"
)

// DoccanoWriter writes records in doccano's sequence-labelling JSONL, one
// line each: {"id","text","label":[[start,end,"LABEL"],...]}, offsets in
// code points, spans in CompareSpans order. Notes, annotators, times and
// relations are not part of this format. Output is buffered: call Flush at
// the end.
type DoccanoWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

// NewDoccanoWriter returns a writer of doccano JSONL to w.
func NewDoccanoWriter(w io.Writer) *DoccanoWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &DoccanoWriter{bw: bw, enc: enc}
}

type doccanoLine struct {
	ID    string  `json:"id"`
	Text  string  `json:"text"`
	Label [][]any `json:"label"`
}

// Write writes one record as one line. A span outside the text is an
// EINVALID error and nothing is written.
func (w *DoccanoWriter) Write(rec Record) error {
	spans, _, err := exportSpans(&rec)
	if err != nil {
		return err
	}
	line := doccanoLine{ID: rec.Document.ID, Text: rec.Document.Text, Label: make([][]any, len(spans))}
	for i, s := range spans {
		line.Label[i] = []any{s.Start, s.End, s.Label}
	}
	return w.enc.Encode(&line)
}

// Flush writes any buffered data to the underlying writer.
func (w *DoccanoWriter) Flush() error { return w.bw.Flush() }
