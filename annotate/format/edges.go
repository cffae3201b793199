package format

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"claimdesk/annotate"
)

// EdgesHeader is the header row EdgesWriter writes.
var EdgesHeader = []string{"actor", "concept", "agreement", "document", "start", "end", "text"}

// EdgesWriter writes the project's statements as CSV (RFC 4180 quoting, LF
// line ends), one row per claim or denial and actor who makes it, after a
// header row (EdgesHeader): actor and concept (their names: the texts of
// the actor span and of the statement span, trimmed, white space runs one
// space), agreement (1 for a claim, 0 for a denial: annotate.RelationTypes.Agrees), document (its id),
// start and end (the statement span's, in code points) and text (the
// statement's text as it is). The statements are those of the network
// format (NetworkWriter); those without an actor are left out and counted
// (Unsourced). Rows are written as records come, in span order
// (CompareSpans) within a record: the whole project is never held. A
// cell that a spreadsheet would run as a formula is written with a
// leading "'" (SpreadsheetSafe), unless SetRaw(true).
type EdgesWriter struct {
	cw        *csv.Writer
	header    bool
	raw       bool
	row       []string
	unsourced int
	types     annotate.RelationTypes
}

// SetSchema gives the project's relation types, which say which labels
// are statements and which actors (annotate.RelationTypes.IsStatement,
// IsActor, Agrees). Without it the writer knows the default labels only.
func (w *EdgesWriter) SetSchema(_ []string, types annotate.RelationTypes) { w.types = types }

// NewEdgesWriter returns a writer of statement CSV to w.
func NewEdgesWriter(w io.Writer) *EdgesWriter {
	cw := csv.NewWriter(w)
	cw.UseCRLF = false // CRLF would also turn a "\n" inside a text into "\r\n"
	return &EdgesWriter{cw: cw, row: make([]string, len(EdgesHeader))}
}

func (w *EdgesWriter) writeHeader() error {
	if w.header {
		return nil
	}
	w.header = true
	if err := w.cw.Write(EdgesHeader); err != nil {
		return fmt.Errorf("edges: %w", err)
	}
	return nil
}

// Write writes a row for each of the record's statements. A span outside
// the text is an EINVALID error and nothing is written for the record.
func (w *EdgesWriter) Write(rec annotate.Record) error {
	sts, unsourced, err := statements(&rec, w.types)
	if err != nil {
		return err
	}
	if err := w.writeHeader(); err != nil {
		return err
	}
	w.unsourced += unsourced
	for _, st := range sts {
		r := w.row
		r[0], r[1] = st.actor, st.concept
		r[2] = "0"
		if st.agree {
			r[2] = "1"
		}
		r[3] = rec.Document.ID
		r[4], r[5] = strconv.Itoa(st.span.Start), strconv.Itoa(st.span.End)
		r[6] = st.text
		if err := w.cw.Write(safeRow(r, w.raw)); err != nil {
			return fmt.Errorf("edges: document %s: %w", rec.Document.ID, err)
		}
	}
	return nil
}

// SetRaw makes w write cells as they are, formulas included (true), or
// escaped (SpreadsheetSafe, the default).
func (w *EdgesWriter) SetRaw(raw bool) { w.raw = raw }

// Unsourced returns the number of claims and denials left out so far
// because no actor makes them.
func (w *EdgesWriter) Unsourced() int { return w.unsourced }

// Flush writes the header if it is not written yet, then any buffered data
// to the underlying writer.
func (w *EdgesWriter) Flush() error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return fmt.Errorf("edges: %w", err)
	}
	return nil
}
