package format

import (
	"bytes"
	"errors"
	"io"

	"claimdesk/annotate"
)

// ReadFile turns one input file, named name and holding data, into records
// by the format of its extension (ForFile):
//
//   - .txt and .md: one record whose text is the file's (NormalizeText:
//     byte order mark dropped, CRLF to LF), titled by its first non-empty
//     line and sourced by the file's base name. UTF-16 with a byte order
//     mark is converted, and so is text that is not UTF-8 but can be
//     Windows-1252 (decodeText); other invalid UTF-8 is an error naming its
//     line and column;
//   - .html and .htm: one record with the article's main text (without
//     navigation, comments and other boilerplate), paragraphs separated by
//     blank lines, its title, and its canonical URL as source if the page
//     gives one; converted to UTF-8 like a text file, or from the charset
//     a <meta> element declares;
//   - .docx: one record with the text of the Word file's paragraphs, table
//     cells' included, separated by blank lines, titled by its dc:title or
//     first line (readDOCX);
//   - .jsonl: a record per line (JSONLReader), UTF-8 or UTF-16 with a byte
//     order mark;
//   - .json: a record per task of a Label Studio export
//     (LabelStudioReader).
//
// Other extensions are an EINVALID error. Errors are *annotate.LineError
// values naming the file (Line 0 for a problem with the whole file). At
// the first error, ReadFile returns it with the records read before it.
// ReadFile does not return the readers' notices (a conversion from
// another encoding); ImportFile does, in its result.
func ReadFile(name string, data []byte) ([]annotate.Record, error) {
	f, err := ForFile(name)
	if err != nil {
		return nil, err
	}
	r := NewLimitedReader(f, bytes.NewReader(data), name, DefaultLimits())
	var recs []annotate.Record
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		recs = append(recs, rec)
	}
}

// wholeFile is the Reader of a format whose file is one record: the first
// Next reads all of r and decodes it, the next returns io.EOF.
type wholeFile struct {
	r    io.Reader
	name string
	// decode makes the record of the file's data, with notices of what it
	// changed (an encoding converted), within the limits l.
	decode  func(name string, data []byte, l Limits) (annotate.Record, []string, error)
	limits  Limits // DefaultLimits until setLimits
	done    bool
	notices []string
}

// setLimits makes w read within l (NewLimitedReader).
func (w *wholeFile) setLimits(l Limits) { w.limits = l }

// Next returns the file's record, then io.EOF.
func (w *wholeFile) Next() (annotate.Record, error) {
	if w.done {
		return annotate.Record{}, io.EOF
	}
	w.done = true
	l := w.limits.orDefault()
	data, err := readAllLimited(w.r, l, "the file")
	if err != nil {
		return annotate.Record{}, &annotate.LineError{File: w.name, Err: err}
	}
	rec, notices, err := w.decode(w.name, data, l)
	if err != nil {
		var le *annotate.LineError
		if errors.As(err, &le) {
			return annotate.Record{}, err
		}
		return annotate.Record{}, &annotate.LineError{File: w.name, Err: err}
	}
	w.notices = notices
	return rec, nil
}

// Notices returns what decoding the file changed: an encoding converted.
func (w *wholeFile) Notices() []string { return w.notices }

// Line returns 0: the file is one record.
func (w *wholeFile) Line() int { return 0 }
