package format

import (
	"encoding/csv"
	"io"
	"strconv"

	"claimdesk/annotate"
)

// CSVHeader is the header row CSVWriter writes.
var CSVHeader = []string{"document_id", "title", "start", "end", "label", "text", "annotator", "created", "note"}

// CSVWriter writes one row per span (RFC 4180 quoting, CRLF line ends),
// after a header row (CSVHeader): document_id, title, start, end (code
// points), label, text (the span's text), annotator, created (RFC 3339
// UTC) and note. Spans of a record come in CompareSpans order; a record
// without spans writes no row. Output is buffered: call Flush at the end,
// which also writes the header if no row was written.
//
// A cell that a spreadsheet would run as a formula (it begins with "=",
// "+", "-", "@", a tab or a carriage return) is written with a leading
// "'" (SpreadsheetSafe), unless SetRaw(true).
type CSVWriter struct {
	cw     *csv.Writer
	header bool
	raw    bool
	row    []string
}

// SetRaw makes w write cells as they are, formulas included (true), or
// escaped (SpreadsheetSafe, the default).
func (w *CSVWriter) SetRaw(raw bool) { w.raw = raw }

// NewCSVWriter returns a writer of span CSV to w.
func NewCSVWriter(w io.Writer) *CSVWriter {
	cw := csv.NewWriter(w)
	cw.UseCRLF = false // CRLF would also turn a "\n" inside a span text into "\r\n"
	return &CSVWriter{cw: cw, row: make([]string, len(CSVHeader))}
}

func (w *CSVWriter) writeHeader() error {
	if w.header {
		return nil
	}
	w.header = true
	return w.cw.Write(CSVHeader)
}

// Write writes a row for each of the record's spans. A span outside the
// text is an EINVALID error and nothing is written for the record.
func (w *CSVWriter) Write(rec annotate.Record) error {
	spans, texts, err := exportSpans(&rec)
	if err != nil {
		return err
	}
	if err := w.writeHeader(); err != nil {
		return err
	}
	d := &rec.Document
	for i, s := range spans {
		r := w.row
		r[0], r[1] = d.ID, d.Title
		r[2], r[3] = strconv.Itoa(s.Start), strconv.Itoa(s.End)
		r[4], r[5], r[6] = s.Label, texts[i], s.Annotator
		r[7], r[8] = formatTime(s.Created), s.Note
		if err := w.cw.Write(safeRow(r, w.raw)); err != nil {
			return err
		}
	}
	return nil
}

// Flush writes the header if it is not written yet, then any buffered data
// to the underlying writer.
func (w *CSVWriter) Flush() error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	w.cw.Flush()
	return w.cw.Error()
}
