package format

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"claimdesk/annotate"
)

// A JSON file of records (.json, or a .jsonl file that is not one record
// a line) holds them in one of two ways, both read by a valueStream:
//
//   - one JSON array of records, on one line or many: [{...}, {...}]
//   - records one after another, each on one line or pretty-printed over
//     many: {...}\n{\n  "text": ...\n}
//
// Each record is recognised by its shape (lineShapes), as a JSONL line
// is.

// valueStream reads the JSON values of a file one at a time, streaming,
// and knows the line where each begins.
type valueStream struct {
	file    string
	noun    string // what the records of the file are called in errors ("task"), or ""
	br      *bufio.Reader
	lc      *lineCounter
	dec     *json.Decoder
	line    int   // the line where the last value began
	start   int64 // the offset where it began
	n       int   // values read
	started bool
	array   bool  // the values are the elements of one array
	err     error // a final error
	limits  Limits
}

// setLimits makes s refuse a value longer than l.Line, and a record with
// more spans and relations than l allows (checkContainers).
func (s *valueStream) setLimits(l Limits) { s.lc.max, s.limits = l.Line, l }

// newValueStream returns a stream of the values in br, whose first byte
// is on the line after the first lines lines of the file. noun, when not
// "", names the records in errors: "task 2: …".
func newValueStream(br *bufio.Reader, file string, lines int, noun string, l Limits) *valueStream {
	lc := &lineCounter{r: br, lines: lines, what: "the " + cmp.Or(noun, "record")}
	dec := json.NewDecoder(lc)
	dec.UseNumber()
	s := &valueStream{file: file, noun: noun, br: br, lc: lc, dec: dec}
	s.setLimits(l)
	return s
}

// firstByte returns the first byte of the stream that is not white space,
// without reading it; false when there is none within the reader's buffer.
func (s *valueStream) firstByte() (byte, bool) {
	for n := 1; n <= s.br.Size(); n++ {
		b, _ := s.br.Peek(n)
		if len(b) < n {
			return 0, false
		}
		if c := b[n-1]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c, true
		}
	}
	return 0, false
}

// next returns the next value, or io.EOF after the last. Other errors are
// *annotate.LineError values, and final.
func (s *valueStream) next() (jsontext.Value, error) {
	if s.err != nil {
		return nil, s.err
	}
	if !s.started {
		s.started = true
		if c, ok := s.firstByte(); ok && c == '[' {
			s.array = true
			if _, err := s.dec.Token(); err != nil {
				return nil, s.fail(s.lc.lineAt(s.dec.InputOffset()), s.jsonError(err, "invalid JSON"))
			}
		}
	}
	if !s.dec.More() {
		if err := s.end(); err != nil {
			return nil, err
		}
		s.err = io.EOF
		return nil, io.EOF
	}
	start := s.dec.InputOffset()
	s.line, s.start = s.lc.lineAt(start), start
	s.n++
	var raw jsontext.Value
	if err := s.dec.Decode(&raw); err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return nil, s.fail(s.line, prefixError(s.prefix(), le))
		}
		if line, col, se := s.lc.syntaxError(start); se != nil && errors.As(err, new(*json.SyntaxError)) {
			at := fmt.Sprintf("column %d", col)
			if line != s.line {
				at = fmt.Sprintf("line %d, column %d", line, col)
			}
			return nil, s.fail(s.line, annotate.Errorf(annotate.EINVALID, "%sinvalid JSON at %s: %s", s.prefix(), at, se.Error()))
		}
		return nil, s.fail(s.line, s.jsonError(err, "invalid JSON"))
	}
	if int64(len(raw)) > s.lc.max {
		return nil, s.fail(s.line, prefixError(s.prefix(),
			&LimitError{What: s.lc.what + " is longer than", Limit: FormatSize(s.lc.max), Flag: "max-line"}))
	}
	return raw, nil
}

// end checks the end of the values: the array's "]" and nothing after it,
// or the end of the file.
func (s *valueStream) end() error {
	at := s.dec.InputOffset()
	tok, err := s.dec.Token()
	if !s.array {
		if err == io.EOF {
			return nil
		}
		if err == nil {
			err = fmt.Errorf("unexpected %v", tok)
		}
		return s.fail(s.lc.lineAt(s.dec.InputOffset()), s.jsonError(err, "invalid JSON"))
	}
	if err != nil || tok != json.Delim(']') {
		if errors.As(err, new(*json.SyntaxError)) {
			if k, ok := s.lc.valueAt(at); ok {
				line, col := s.lc.position(k)
				return s.fail(line, annotate.Errorf(annotate.EINVALID,
					"invalid JSON at column %d: %v (the array does not end)", col, err))
			}
		}
		return s.fail(s.lc.lineAt(s.dec.InputOffset()), s.jsonError(err, "the array does not end"))
	}
	if _, err := s.dec.Token(); err != io.EOF {
		return s.fail(s.lc.lineAt(s.dec.InputOffset()), annotate.Errorf(annotate.EINVALID, "data after the array"))
	}
	return nil
}

// prefix returns "task 2: " for the value last read, or "" for a stream
// without a noun.
func (s *valueStream) prefix() string {
	if s.noun == "" {
		return ""
	}
	return fmt.Sprintf("%s %d: ", s.noun, s.n)
}

// nextRecord reads the next value and decodes it as a record, by its shape
// (decodeJSONValue), with the scratch memory sc. Its errors are next's,
// and *annotate.LineError values at the line where the record begins.
func (s *valueStream) nextRecord(sc *lineScratch) (annotate.Record, error) {
	raw, err := s.next()
	if err != nil {
		return annotate.Record{}, err
	}
	if !utf8.Valid(raw) {
		line, col := s.line, 0
		if k, ok := s.lc.valueAt(s.start); ok {
			line, col = s.lc.position(k + annotate.FirstInvalidUTF8(raw))
		}
		return annotate.Record{}, &annotate.LineError{File: s.file, Line: line,
			Err: annotate.Errorf(annotate.EINVALID, "%sinvalid UTF-8 at column %d", s.prefix(), col)}
	}
	if raw[0] != '{' {
		noun := cmp.Or(s.noun, "record")
		return annotate.Record{}, &annotate.LineError{File: s.file, Line: s.line,
			Err: annotate.Errorf(annotate.EINVALID, "%sa %s must be a JSON object, not %s", s.prefix(), noun, jsonKind(raw))}
	}
	if err := checkContainers(raw, s.limits); err != nil {
		return annotate.Record{}, &annotate.LineError{File: s.file, Line: s.line, Err: prefixError(s.prefix(), err)}
	}
	rec, err := decodeJSONLine(raw, sc)
	if errors.Is(err, errAnswered) {
		return s.nextRecord(sc) // a Prodigy line answered reject or ignore: counted in sc.prodigy
	}
	if err != nil {
		return annotate.Record{}, &annotate.LineError{File: s.file, Line: s.line, Err: prefixError(s.prefix(), err)}
	}
	return rec, nil
}

// plural returns "1 choice" or "2 choices": n and what, with an "s" or
// "es" when n is not 1.
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if strings.HasSuffix(what, "s") || strings.HasSuffix(what, "x") {
		return fmt.Sprintf("%d %ses", n, what)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// prefixError puts prefix ("task 2: ") before err's message, keeping err.
func prefixError(prefix string, err error) error {
	if prefix == "" {
		return err
	}
	return fmt.Errorf("%s%w", prefix, err)
}

// fail records a final error at line.
func (s *valueStream) fail(line int, err error) error {
	s.err = &annotate.LineError{File: s.file, Line: line, Err: err}
	return s.err
}

// jsonError describes an error of the JSON decoder: a syntax error is
// EINVALID, a read error is returned as it is.
func (s *valueStream) jsonError(err error, what string) error {
	var se *json.SyntaxError
	switch {
	case err == nil:
		return annotate.Errorf(annotate.EINVALID, "%s", what)
	case errors.As(err, &se):
		return annotate.Errorf(annotate.EINVALID, "invalid JSON at byte %d: %s", se.Offset, se.Error())
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return annotate.Errorf(annotate.EINVALID, "%s: the file ends too early", what)
	case errors.As(err, new(*json.UnmarshalTypeError)):
		return annotate.Errorf(annotate.EINVALID, "%s: %v", what, err)
	}
	var ae *annotate.Error
	if errors.As(err, &ae) {
		return err
	}
	if strings.HasPrefix(err.Error(), "unexpected ") {
		return annotate.Errorf(annotate.EINVALID, "%s: %v", what, err)
	}
	return err
}

// skipNotices returns the notices of what the reader of file left out,
// counted by kind: "in.json: left out 2 image rectangles and 1 choice"
// (kinds in name order); none when nothing was.
func skipNotices(file string, skipped map[string]int) []string {
	if len(skipped) == 0 {
		return nil
	}
	kinds := make([]string, 0, len(skipped))
	for k := range skipped {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = pluralKind(skipped[k], k)
	}
	return []string{fmt.Sprintf("%s: left out %s (not imported)", file, andList(parts))}
}

// pluralKind returns n and the kind, its last word before a "(…)" in the
// plural when n is not 1: "2 text categories (\"cats\")".
func pluralKind(n int, kind string) string {
	if n == 1 {
		return "1 " + kind
	}
	head, paren := kind, ""
	if i := strings.Index(kind, " ("); i >= 0 {
		head, paren = kind[:i], kind[i:]
	}
	switch {
	case strings.HasSuffix(head, "y") && !strings.HasSuffix(head, "ay") && !strings.HasSuffix(head, "ey"):
		head = head[:len(head)-1] + "ies"
	case strings.HasSuffix(head, "s") || strings.HasSuffix(head, "x") || strings.HasSuffix(head, "sh"):
		head += "es"
	default:
		head += "s"
	}
	return fmt.Sprintf("%d %s%s", n, head, paren)
}

// andList joins parts as "a, b and c".
func andList(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// lineCounter counts the lines of what a json.Decoder reads through it.
// It keeps the bytes read but not yet counted: no more than the decoder
// holds in its own buffer, one value and what it read ahead.
type lineCounter struct {
	r       io.Reader
	pending []byte // bytes from offset base on, not yet counted
	base    int64
	lines   int    // newlines before base
	max     int64  // the most bytes held (Limits.Line): a value's
	what    string // what a value is, in a LimitError: "the task"
}

// Read reads from the underlying reader, keeping what it reads, until it
// holds more than max bytes and a read-ahead of 1 MiB: a value longer than
// max is refused there, before the decoder holds all of it (a shorter
// value's length is checked once it is read).
func (c *lineCounter) Read(p []byte) (int, error) {
	if int64(len(c.pending)) > c.max+1<<20 {
		return 0, &LimitError{What: c.what + " is longer than", Limit: FormatSize(c.max), Flag: "max-line"}
	}
	n, err := c.r.Read(p)
	c.pending = append(c.pending, p[:n]...)
	return n, err
}

// lineAt returns the 1-based line of the first byte at or after off that
// is neither white space nor a comma: where the next value begins. off
// must not be less than at the previous call.
func (c *lineCounter) lineAt(off int64) int {
	k := min(int(off-c.base), len(c.pending))
	c.lines += bytes.Count(c.pending[:k], []byte("\n"))
	c.pending = append(c.pending[:0], c.pending[k:]...)
	c.base += int64(k)
	line := c.lines + 1
	for _, b := range c.pending {
		switch b {
		case '\n':
			line++
		case ' ', '\t', '\r', ',':
		default:
			return line
		}
	}
	return line
}

// syntaxError finds the syntax error of the value that begins at offset
// start (not before that of the last lineAt; the comma and white space
// before the value are skipped), after a json.Decoder failed on it, and
// returns its 1-based line and column (in bytes). Decoder's offsets do
// not count the white space before a value; json.Unmarshal's count every
// byte. nil when the bytes held hold no syntax error.
func (c *lineCounter) syntaxError(start int64) (line, col int, _ *json.SyntaxError) {
	k, ok := c.valueAt(start)
	if !ok {
		return 0, 0, nil
	}
	var se *json.SyntaxError
	if !errors.As(json.Unmarshal(c.pending[k:], new(jsontext.Value)), &se) {
		return 0, 0, nil
	}
	line, col = c.position(k + max(0, int(se.Offset)-1))
	return line, col, se
}

// valueAt returns the index in the bytes held of the value that begins
// at or after offset start, past the comma and white space before it.
func (c *lineCounter) valueAt(start int64) (int, bool) {
	k := int(start - c.base)
	if k < 0 || k > len(c.pending) {
		return 0, false
	}
	for k < len(c.pending) && bytes.IndexByte([]byte(" \t\r\n,"), c.pending[k]) >= 0 {
		k++
	}
	return k, true
}

// position returns the 1-based line and column (in bytes) of the byte at
// index k of the bytes held.
func (c *lineCounter) position(k int) (line, col int) {
	before := c.pending[:min(k, len(c.pending))]
	return c.lines + 1 + bytes.Count(before, []byte("\n")), len(before) - bytes.LastIndexByte(before, '\n')
}
