package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"claimdesk/annotate"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
	"github.com/google/uuid"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// JSONLReader reads import lines one record at a time. It streams: only one
// line (or record) is held in memory, and lines may be of any length.
//
// Each non-blank line is one JSON object, recognised by its shape:
// Claimdesk's own export, a plain {"text": ...} object, doccano sequence
// labelling ("label"/"labels" or "entities" with "relations"),
// spaCy/Prodigy "spans", or a Label Studio task ("data"). A file may also
// hold its records pretty-printed, one after another over many lines, or
// as one JSON array of records: from the first line that is not a record
// of its own but begins one that goes on (a "[", or a "{" the line does
// not close), the rest of the file is read as JSON values, a little
// slower (valueStream); errors then give the line where the record
// begins. A UTF-8 byte order mark before the first line and CRLF line
// ends are accepted; a file that starts with a UTF-16 byte order mark is
// converted from UTF-16, and a notice (Notices) says so.
type JSONLReader struct {
	r       *bufio.Reader
	file    string
	line    int
	started bool     // the start of the input was checked for a UTF-16 BOM
	notices []string // a conversion from UTF-16
	eof     bool
	err     error  // a final error (io.EOF or a read error)
	long    []byte // the buffer of lines longer than r's
	scratch lineScratch
	maxLine int64  // the longest line read, in bytes (Limits.Line)
	limits  Limits // the spans and relations of a line (checkContainers)
	// vs reads the rest of the file when it turned out to hold records
	// over many lines (manyLines): pretty-printed, or an array.
	vs *valueStream
}

// setLimits makes r refuse lines longer than l.Line (NewLimitedReader).
func (r *JSONLReader) setLimits(l Limits) { r.maxLine, r.limits = l.Line, l }

// NewJSONLReader returns a reader of the JSONL data in r. file names the
// input in errors.
func NewJSONLReader(r io.Reader, file string) *JSONLReader {
	return &JSONLReader{r: bufio.NewReaderSize(r, 64<<10), file: file, maxLine: DefaultMaxLine, limits: DefaultLimits()}
}

// Line returns the 1-based number of the line last read (0 before the
// first call of Next).
func (r *JSONLReader) Line() int { return r.line }

var utf8BOM = []byte("\xef\xbb\xbf")

// Next returns the record of the next non-blank line. It returns io.EOF at
// the end of the input; every other error is an *annotate.LineError naming
// the file and the line. After a LineError about a line's content, Next may
// be called again to go on with the following line; a read error is final.
func (r *JSONLReader) Next() (annotate.Record, error) {
	if r.vs != nil {
		rec, err := r.vs.nextRecord(&r.scratch)
		r.line = max(r.line, r.vs.line)
		return rec, err
	}
	if !r.started {
		r.started = true
		r.startUTF16()
	}
	for {
		if r.err != nil {
			return annotate.Record{}, r.err
		}
		if r.eof {
			r.err = io.EOF
			return annotate.Record{}, r.err
		}
		b, err := r.readLine()
		if err != nil {
			var le *LimitError
			if errors.As(err, &le) {
				r.err = &annotate.LineError{File: r.file, Line: r.line + 1, Err: err}
				return annotate.Record{}, r.err
			}
			if err != io.EOF {
				r.err = &annotate.LineError{File: r.file, Line: r.line + 1, Err: err}
				return annotate.Record{}, r.err
			}
			r.eof = true
			if len(b) == 0 {
				continue
			}
		}
		r.line++
		if r.line == 1 {
			b = bytes.TrimPrefix(b, utf8BOM)
		}
		b = bytes.TrimSuffix(b, []byte("\n"))
		b = bytes.TrimSuffix(b, []byte("\r"))
		if isBlank(b) {
			continue
		}
		if err := checkContainers(b, r.limits); err != nil {
			return annotate.Record{}, &annotate.LineError{File: r.file, Line: r.line, Err: err}
		}
		rec, err := decodeJSONLine(b, &r.scratch)
		if errors.Is(err, errAnswered) {
			continue // counted in r.scratch.prodigy
		}
		if err != nil {
			if manyLines(b) {
				r.vs = newValueStream(bufio.NewReaderSize(io.MultiReader(bytes.NewReader(append(slices.Clip(bytes.Clone(b)), '\n')), r.r), 64<<10),
					r.file, r.line-1, "", r.limits)
				r.vs.lc.max = r.maxLine
				return r.Next()
			}
			return annotate.Record{}, &annotate.LineError{File: r.file, Line: r.line, Err: err}
		}
		return rec, nil
	}
}

// manyLines reports whether the line b, which is not a record of its
// own, begins JSON records that go on over the following lines: an array
// ("[", or "[{...}, {...}]" all on the line), or an object that the line
// does not end (a pretty-printed record).
func manyLines(b []byte) bool {
	b = bytes.TrimLeft(b, " \t")
	if len(b) == 0 {
		return false
	}
	switch b[0] {
	case '[':
		return true
	case '{':
		_, err := jsontext.NewDecoder(bytes.NewReader(b)).ReadValue()
		return errors.Is(err, io.ErrUnexpectedEOF)
	}
	return false
}

// readLine returns the next line with its "\n", like ReadBytes, but
// without copying a line that fits in the bufio buffer. The line is valid
// until the next call.
func (r *JSONLReader) readLine() ([]byte, error) {
	b, err := r.r.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		if int64(len(bytes.TrimRight(b, "\r\n"))) > r.maxLine {
			return nil, &LimitError{What: "the line is longer than", Limit: FormatSize(r.maxLine), Flag: "max-line"}
		}
		return b, err
	}
	r.long = append(r.long[:0], b...)
	for err == bufio.ErrBufferFull {
		if int64(len(r.long)) > r.maxLine {
			r.long = nil
			return nil, &LimitError{What: "the line is longer than", Limit: FormatSize(r.maxLine), Flag: "max-line"}
		}
		b, err = r.r.ReadSlice('\n')
		r.long = append(r.long, b...)
	}
	if int64(len(bytes.TrimRight(r.long, "\r\n"))) > r.maxLine {
		r.long = nil
		return nil, &LimitError{What: "the line is longer than", Limit: FormatSize(r.maxLine), Flag: "max-line"}
	}
	if cap(r.long) > 16<<20 {
		// Do not keep a buffer for huge lines alive after them.
		long := r.long
		r.long = nil
		return long, err
	}
	return r.long, err
}

// startUTF16 makes r read UTF-8 converted from UTF-16 when its input
// starts with a UTF-16 byte order mark.
func (r *JSONLReader) startUTF16() {
	bom, _ := r.r.Peek(2)
	var order unicode.Endianness
	var enc string
	switch {
	case bytes.Equal(bom, []byte{0xFF, 0xFE}):
		order, enc = unicode.LittleEndian, encUTF16LE
	case bytes.Equal(bom, []byte{0xFE, 0xFF}):
		order, enc = unicode.BigEndian, encUTF16BE
	default:
		return
	}
	dec := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder()
	r.r = bufio.NewReaderSize(transform.NewReader(r.r, dec), 64<<10)
	r.notices = append(r.notices, convertedNotice(r.file, enc))
}

// Notices returns what the reader converted (a UTF-16 file's encoding)
// and what it left out, counted by kind (Prodigy's answers: prodigy.go).
func (r *JSONLReader) Notices() []string {
	n := append(slices.Clip(r.notices), skipNotices(r.file, r.scratch.skipped)...)
	return append(n, r.scratch.prodigy.notices(r.file)...)
}

func isBlank(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return false
		}
	}
	return true
}

// ReadJSONL reads every record of a JSONL input. It stops at the first
// error (an *annotate.LineError), returning the records read before it.
func ReadJSONL(r io.Reader, file string) ([]annotate.Record, error) {
	jr := NewJSONLReader(r, file)
	var recs []annotate.Record
	for {
		rec, err := jr.Next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		recs = append(recs, rec)
	}
}

// A lineShape recognises and decodes one kind of import line. Shapes are
// tried in order; the first whose match reports true decodes the line. To
// support another tool's format, add a shape to lineShapes.
type lineShape struct {
	name   string
	match  func(o object) bool
	decode func(o object) (annotate.Record, error)
}

// lineShapes lists the shapes of import lines, most specific first.
var lineShapes = []lineShape{
	{"claimdesk/spacy spans", func(o object) bool { return o.spans != nil }, decodeSpansLine},
	{"labelstudio task", func(o object) bool { return o.text == nil && o.has("data") }, decodeLabelStudioObject},
	{"doccano entities", func(o object) bool { return o.has("entities") }, decodeDoccanoEntities},
	{"doccano label", func(o object) bool { return o.has("label") || o.has("labels") }, decodeDoccanoLabel},
	{"plain text", func(object) bool { return true }, decodePlainLine},
}

// DecodeJSONLine decodes one import line (without its line end) into a
// record. Errors are *annotate.Error values with code EINVALID; those
// about a place in the line give its column (in bytes).
func DecodeJSONLine(line []byte) (annotate.Record, error) {
	return decodeJSONLine(line, nil)
}

// lineScratch is memory that decoding one line after another reuses (a
// JSONLReader's): the raw spans of the last line and the buffers of
// their values. Nothing of it outlives the line's decoding: the shapes
// copy what they keep (rawString, rawID, …).
type lineScratch struct {
	spans []rawSpan
	// prodigy is what Prodigy lines left out and whether to import
	// every answer (prodigy.go).
	prodigy prodigyScratch
	// skipped counts what the shapes left out, by kind, for the reader's
	// notices (skipNotices): "image rectangle" of a Label Studio task.
	skipped map[string]int
}

// skip counts n things of kind that a shape left out.
func (sc *lineScratch) skip(kind string, n int) {
	if sc == nil || n == 0 {
		return
	}
	if sc.skipped == nil {
		sc.skipped = map[string]int{}
	}
	sc.skipped[kind] += n
}

// decodeJSONLine is DecodeJSONLine with the scratch memory sc, or none.
func decodeJSONLine(line []byte, sc *lineScratch) (annotate.Record, error) {
	if !utf8.Valid(line) {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "invalid UTF-8 at column %d", annotate.FirstInvalidUTF8(line)+1)
	}
	trimmed := bytes.TrimLeft(line, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		if !json.Valid(line) {
			return annotate.Record{}, jsonError(line)
		}
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "line is not a JSON object")
	}
	rl := rawLine{scratch: sc}
	if err := jsonv2.Unmarshal(line, &rl, lineOptions); err != nil {
		var se *jsontext.SyntacticError
		if !errors.As(err, &se) {
			return annotate.Record{}, typeError(line)
		}
		return annotate.Record{}, jsonError(line)
	}
	o := rl.object()
	o.line, o.sc = line, sc
	if err := checkAnswer(o); err != nil {
		return annotate.Record{}, err
	}
	for _, s := range lineShapes {
		if s.match(o) {
			rec, err := s.decode(o)
			if err == nil && sc != nil && (rl.Cats != nil || rl.Accept != nil || rl.Comments != nil) {
				countUnimported(sc, &rl)
			}
			return rec, err
		}
	}
	return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "unrecognised line")
}

// lineOptions are those of the first decoding of an import line (into
// rawLine), which is the bulk of an import's parsing: it uses the
// encoding/json/v2 API (github.com/go-json-experiment/json until Go 1.27
// has it in the standard library), about twice as fast as encoding/json
// here, set to decode as encoding/json does: keys match
// case-insensitively but not ignoring "_" and "-" ("_id" is not "id"),
// of a key given twice the last wins, and a lone surrogate escape is
// U+FFFD (FuzzLineDecoding compares the two). Lines in error are
// described by encoding/json (jsonError, typeError).
var lineOptions = jsonv2.JoinOptions(
	jsonv2.MatchCaseInsensitiveNames(true),
	jsonv1.MatchCaseSensitiveDelimiter(true),
	jsontext.AllowDuplicateNames(true),
	// Lines are valid UTF-8 (DecodeJSONLine checks first), so this only
	// lets a lone surrogate escape ("\ud800") through as U+FFFD.
	jsontext.AllowInvalidUTF8(true),
)

// rawLine is an import line as first decoded: its text (the bulk of the
// line) straight into a string, the other fields raw for the shapes to
// decode. A shape that needs another top-level field adds it here and in
// object. (As lineOptions says, keys match case-insensitively.)
type rawLine struct {
	Text      *string        `json:"text"`
	ID        jsontext.Value `json:"id"`
	Title     jsontext.Value `json:"title"`
	Source    jsontext.Value `json:"source"`
	Status    jsontext.Value `json:"status"`
	Created   jsontext.Value `json:"created"`
	Meta      jsontext.Value `json:"meta"`
	Spans     *[]rawSpan     `json:"spans"` // decoded at once: spans are a large part of Claimdesk lines
	Relations jsontext.Value `json:"relations"`
	Label     jsontext.Value `json:"label"`
	Labels    jsontext.Value `json:"labels"`
	Entities  jsontext.Value `json:"entities"`
	Offsets   jsontext.Value `json:"offsets"`
	Answer    jsontext.Value `json:"answer"` // Prodigy's
	Data      jsontext.Value `json:"data"`   // a Label Studio task's
	// Cats, Accept and Comments are annotations no shape imports (spaCy's
	// text categories, Prodigy's choices, doccano's comments): counted
	// (countUnimported).
	Cats     jsontext.Value `json:"cats"`
	Accept   jsontext.Value `json:"accept"`
	Comments jsontext.Value `json:"comments"`
	scratch  *lineScratch   // reused memory, or nil
}

// rawLineKeys are the keys of rawLine's fields: those of rawLineFields,
// in its order, then "text" and "spans".
var rawLineKeys = [...]string{"id", "title", "source", "status", "created", "meta",
	"relations", "label", "labels", "entities", "offsets", "answer", "data", "cats", "accept", "comments", "text", "spans"}

// The indexes of "text" and "spans" in rawLineKeys.
const (
	lineText  = len(rawLineKeys) - 2
	lineSpans = len(rawLineKeys) - 1
)

// rawLineFields returns rl's fields but Text and Spans in rawLineKeys'
// order.
func (rl *rawLine) rawLineFields() [lineText]*jsontext.Value {
	return [...]*jsontext.Value{&rl.ID, &rl.Title, &rl.Source, &rl.Status, &rl.Created, &rl.Meta,
		&rl.Relations, &rl.Label, &rl.Labels, &rl.Entities, &rl.Offsets, &rl.Answer, &rl.Data,
		&rl.Cats, &rl.Accept, &rl.Comments}
}

// errLineNotObject and errWrongType are errors of a line whose types
// are not rawLine's; the line is then described by encoding/json
// (typeError).
var (
	errLineNotObject = errors.New("a line must be an object")
	errWrongType     = errors.New(`"text" must be a string and "spans" a list`)
)

// UnmarshalJSONFrom decodes an import line with the encoding/json/v2 API
// (DecodeJSONLine), as encoding/json decodes it by the field tags (see
// lineOptions), without reflection: the text, most of the line, is
// unquoted straight into its string, the spans are decoded by
// rawSpan.UnmarshalJSONFrom, and the other values are copied into one
// buffer.
func (rl *rawLine) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	if tok.Kind() != '{' {
		return errLineNotObject
	}
	var vals rawValues
	*rl = rawLine{scratch: rl.scratch}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadValue()
		if err != nil {
			return err
		}
		switch key := fieldOf(name, rawLineKeys[:]); key {
		case lineText:
			val, err := dec.ReadValue()
			if err != nil {
				return err
			}
			switch val.Kind() {
			case 'n':
				rl.Text = nil
			case '"':
				// The one copy of the text: ReadValue checked the string,
				// so AppendUnquote's only error is for invalid UTF-8 in
				// it, which lineOptions allow (as U+FFFD, like
				// encoding/json). It grows its buffer to len(val) first.
				b, _ := jsontext.AppendUnquote(make([]byte, 0, len(val)), val)
				text := unsafe.String(unsafe.SliceData(b), len(b))
				rl.Text = &text
			default:
				return errWrongType
			}
		case lineSpans:
			switch dec.PeekKind() {
			case 'n':
				if _, err := dec.ReadToken(); err != nil {
					return err
				}
				rl.Spans = nil
			case '[':
				if _, err := dec.ReadToken(); err != nil {
					return err
				}
				var spans []rawSpan
				if rl.scratch != nil {
					spans = rl.scratch.spans[:0]
				}
				for dec.PeekKind() != ']' {
					if len(spans) < cap(spans) {
						spans = spans[:len(spans)+1] // a span of an earlier line: its buffer is reused
					} else {
						spans = append(spans, rawSpan{})
					}
					if err := spans[len(spans)-1].UnmarshalJSONFrom(dec); err != nil {
						return err
					}
				}
				if rl.scratch != nil {
					rl.scratch.spans = spans
				}
				if spans == nil {
					spans = []rawSpan{} // [] is a list, not null
				}
				if _, err := dec.ReadToken(); err != nil {
					return err
				}
				rl.Spans = &spans
			default:
				return errWrongType
			}
		default:
			val, err := dec.ReadValue()
			if err != nil {
				return err
			}
			vals.add(key, val)
		}
	}
	if _, err := dec.ReadToken(); err != nil { // the '}'
		return err
	}
	fields := rl.rawLineFields()
	vals.setFields(fields[:])
	return nil
}

// rawValues collects the raw values of an object's keys, in one buffer
// (rawLine's and rawSpan's UnmarshalJSONFrom).
type rawValues struct {
	buf []byte
	at  [16][2]int // where the value of each key is in buf
	set uint16     // a bit for each key that has a value
}

// add keeps val as the value of the i-th key; nothing for i < 0 (a key
// not kept).
func (rv *rawValues) add(i int, val []byte) {
	if i < 0 {
		return
	}
	rv.at[i] = [2]int{len(rv.buf), len(rv.buf) + len(val)}
	rv.set |= 1 << i
	rv.buf = append(rv.buf, val...)
}

// setFields sets the i-th of fields to the value of the i-th key, where
// there is one.
func (rv *rawValues) setFields(fields []*jsontext.Value) {
	for i, f := range fields {
		if rv.set&(1<<i) != 0 {
			*f = rv.buf[rv.at[i][0]:rv.at[i][1]:rv.at[i][1]]
		}
	}
}

func (rl *rawLine) object() object {
	o := object{text: rl.Text, spans: rl.Spans, raw: make(map[string]jsontext.Value, 8)}
	// An array, not a map literal: this runs for every line.
	for _, f := range [...]struct {
		key string
		v   jsontext.Value
	}{
		{"id", rl.ID}, {"title", rl.Title}, {"source", rl.Source}, {"status", rl.Status},
		{"created", rl.Created}, {"meta", rl.Meta}, {"relations", rl.Relations},
		{"label", rl.Label}, {"labels", rl.Labels}, {"entities", rl.Entities},
		{"offsets", rl.Offsets}, {"answer", rl.Answer}, {"data", rl.Data},
	} {
		if f.v != nil {
			o.raw[f.key] = f.v
		}
	}
	return o
}

// countUnimported counts in sc the annotations of rl that no shape
// imports: each entry of spaCy's "cats" (text categories), each option of
// Prodigy's "accept" (choices), each of doccano's "comments".
func countUnimported(sc *lineScratch, rl *rawLine) {
	count := func(raw jsontext.Value) int {
		if isNull(raw) {
			return 0
		}
		switch raw[0] {
		case '[':
			var a []jsontext.Value
			if json.Unmarshal(raw, &a) == nil {
				return len(a)
			}
		case '{':
			var m map[string]jsontext.Value
			if json.Unmarshal(raw, &m) == nil {
				return len(m)
			}
		}
		return 1
	}
	sc.skip(`text category ("cats")`, count(rl.Cats))
	sc.skip(`choice ("accept")`, count(rl.Accept))
	sc.skip(`comment ("comments")`, count(rl.Comments))
}

// typeError describes a line whose "text" or "spans" has the wrong type.
// It is only called for lines in error, so it may decode them again.
func typeError(line []byte) error {
	var o map[string]jsontext.Value
	if err := json.Unmarshal(line, &o); err != nil {
		return jsonError(line)
	}
	if raw := o["text"]; !isNull(raw) && raw[0] != '"' {
		return annotate.Errorf(annotate.EINVALID, `"text" must be a string, not %s`, jsonKind(raw))
	}
	if raw, ok := o["spans"]; ok {
		if _, err := decodeRawSpans(raw); err != nil {
			return err
		}
	}
	return annotate.Errorf(annotate.EINVALID, `"text" must be a string and "spans" a list of objects`)
}

// jsonError describes why line is not valid JSON.
func jsonError(line []byte) error {
	var v any
	err := json.Unmarshal(line, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return annotate.Errorf(annotate.EINVALID, "invalid JSON at column %d: %s", se.Offset, se.Error())
	}
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "invalid JSON: %s", err.Error())
	}
	return annotate.Errorf(annotate.EINVALID, "line is not a JSON object")
}

// object is an import line: its decoded text (nil when missing or null)
// and its other fields, still raw.
type object struct {
	text  *string
	spans *[]rawSpan // "spans", when the line has them
	raw   map[string]jsontext.Value
	line  []byte       // the whole line (or record, when it spans lines)
	sc    *lineScratch // the reader's memory, or nil: where skips are counted
}

// has reports whether o has key with a non-null value.
func (o object) has(key string) bool {
	v, ok := o.raw[key]
	return ok && !isNull(v)
}

// get returns the raw value of key (nil when missing).
func (o object) get(key string) jsontext.Value { return o.raw[key] }

// decodeDocument decodes the document fields every shape shares: text
// (required), id, title, source, status, created and meta. A document id
// that is not a UUID string is kept in Meta under idKey, and the document
// gets no id.
func decodeDocument(o object, idKey string) (annotate.Document, error) {
	var d annotate.Document
	if o.text == nil {
		return d, annotate.Errorf(annotate.EINVALID, `line has no "text"`)
	}
	text := *o.text
	var err error
	if strings.TrimSpace(text) == "" {
		return d, annotate.Errorf(annotate.EINVALID, `"text" is empty`)
	}
	d.Text = text
	if o.has("meta") {
		if o.get("meta")[0] != '{' {
			return d, annotate.Errorf(annotate.EINVALID, `"meta" must be an object, not %s`, jsonKind(o.get("meta")))
		}
		dec := json.NewDecoder(bytes.NewReader(o.get("meta")))
		dec.UseNumber()
		if err := dec.Decode(&d.Meta); err != nil {
			return d, annotate.Errorf(annotate.EINVALID, `"meta": %v`, err)
		}
		if len(d.Meta) == 0 {
			d.Meta = nil
		}
	}
	if raw := o.get("id"); !isNull(raw) {
		switch raw[0] {
		case '"':
			s, err := rawString(raw, `"id"`)
			if err != nil {
				return d, err
			}
			if u, err := uuid.Parse(s); err == nil {
				d.ID = u.String()
			} else if s != "" {
				setMeta(&d, idKey, s)
			}
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			setMeta(&d, idKey, json.Number(raw))
		default:
			return d, annotate.Errorf(annotate.EINVALID, `"id" must be a string or a number, not %s`, jsonKind(raw))
		}
	}
	// "title" and "source" fall back on meta only when the line lacks
	// them: Claimdesk's own lines always carry them, even when empty.
	if d.Title, err = rawString(o.get("title"), `"title"`); err != nil {
		return d, err
	}
	if !o.has("title") {
		d.Title = metaString(&d, "title")
	}
	if d.Source, err = rawString(o.get("source"), `"source"`); err != nil {
		return d, err
	}
	if !o.has("source") {
		d.Source = metaString(&d, "source")
		if d.Source == "" {
			d.Source = metaString(&d, "url")
		}
	}
	st, err := rawString(o.get("status"), `"status"`)
	if err != nil {
		return d, err
	}
	if d.Status, err = annotate.ParseStatus(st); err != nil {
		return d, err
	}
	if d.Created, err = rawTime(o.get("created"), `"created"`); err != nil {
		return d, err
	}
	return d, nil
}

// setMeta sets d.Meta[key] = v, making d.Meta if it is nil.
func setMeta(d *annotate.Document, key string, v any) {
	if d.Meta == nil {
		d.Meta = map[string]any{}
	}
	d.Meta[key] = v
}

// metaString returns d.Meta[key] when it is a string, else "".
func metaString(d *annotate.Document, key string) string {
	s, _ := d.Meta[key].(string)
	return s
}

// lineChecker returns the span checker of a line whose text is text: its
// offsets are in the unit its "offsets" key names (OffsetUnits), code
// points without it.
func lineChecker(o object, text string) (*spanChecker, error) {
	unit, err := rawString(o.get("offsets"), `"offsets"`)
	if err != nil {
		return nil, err
	}
	if unit != "" && !slices.Contains(OffsetUnits, unit) {
		return nil, annotate.Errorf(annotate.EINVALID, `"offsets" must be %s, not %q`, orList(quoteAll(OffsetUnits)), unit)
	}
	return newUnitSpanChecker(text, unit), nil
}

// quoteAll returns the names quoted.
func quoteAll(names []string) []string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return q
}

// decodePlainLine decodes {"text": ..., "id"?, "title"?, "meta"?}.
func decodePlainLine(o object) (annotate.Record, error) {
	d, err := decodeDocument(o, "import_id")
	if err != nil {
		return annotate.Record{}, err
	}
	if rels, _ := rawArray(o.get("relations"), ""); len(rels) > 0 {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, `line has "relations" but no spans`)
	}
	return annotate.Record{Document: d}, nil
}

// JSONLWriter writes records in Claimdesk's JSONL format, one line each:
//
//	{"id","title","source","status","created","text","meta","spans":[...],"relations":[...]}
//
// Spans come in CompareSpans order, each with its text; a merged span
// also has "annotators" (the annotators who made it), which is left out
// when empty; an actor span that names an entity has
// "entity": {"id","name","kind","affiliation","aliases"} ("aliases", the
// other names it is called by, left out when it has none), and a
// statement with a
// concept "concept": {"id","name"}, both looked up in the record's
// Entities and Concepts (annotate.Record) and left out when the span has
// none; times are RFC 3339 in UTC; "meta" is left out when empty. Output is buffered: call Flush at
// the end.
//
// Offsets are code points unless the writer was made with another unit
// (NewJSONLWriterOffsets): then every line says which, with "offsets":
// "utf16" or "byte" before its "spans".
type JSONLWriter struct {
	lineEncoder
	unit string // OffsetsUTF16 or OffsetsByte; "" for code points
}

// NewJSONLWriter returns a writer of Claimdesk JSONL to w, offsets in code
// points.
func NewJSONLWriter(w io.Writer) *JSONLWriter {
	return &JSONLWriter{lineEncoder: newLineEncoder(w)}
}

// NewJSONLWriterOffsets returns a writer of Claimdesk JSONL to w whose
// offsets are counted in unit, one of OffsetUnits ("" is code points).
func NewJSONLWriterOffsets(w io.Writer, unit string) *JSONLWriter {
	jw := NewJSONLWriter(w)
	if unit != OffsetsCodepoint {
		jw.unit = unit
	}
	return jw
}

// jsonLine is one line of Claimdesk JSONL; its field order is the format's.
type jsonLine struct {
	ID        string          `json:"id"`
	Title     string          `json:"title"`
	Source    string          `json:"source"`
	Status    annotate.Status `json:"status"`
	Created   string          `json:"created"`
	Text      string          `json:"text"`
	Meta      map[string]any  `json:"meta,omitempty"`
	Offsets   string          `json:"offsets,omitempty"`
	Spans     []jsonSpan      `json:"spans"`
	Relations []jsonRelation  `json:"relations"`
}

type jsonSpan struct {
	ID        string `json:"id"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Label     string `json:"label"`
	Text      string `json:"text"`
	Annotator string `json:"annotator"`
	Created   string `json:"created"`
	Updated   string `json:"updated"`
	Note      string `json:"note"`
	// Annotators are those who made a merged span; left out when empty,
	// so the lines of spans someone made are as they always were.
	Annotators []string `json:"annotators,omitempty"`
	// Entity and Concept are the span's entity (an actor span's) and
	// concept (a statement's), left out when it has none.
	Entity  *jsonEntity  `json:"entity,omitempty"`
	Concept *jsonConcept `json:"concept,omitempty"`
}

// jsonEntity is an entity as a span of Claimdesk JSONL carries it.
type jsonEntity struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Affiliation string   `json:"affiliation"`
	Aliases     []string `json:"aliases,omitempty"`
}

// jsonConcept is a concept as a span of Claimdesk JSONL carries it.
type jsonConcept struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type jsonRelation struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	From string `json:"from"`
	To   string `json:"to"`
}

// Write writes one record as one line. A span outside the text, a text
// that is not valid UTF-8, or a span whose entity or concept the record's
// Entities or Concepts lack, is an EINVALID error and nothing is written.
func (w *JSONLWriter) Write(rec annotate.Record) error {
	spans, texts, err := exportSpans(&rec)
	if err != nil {
		return err
	}
	d := &rec.Document
	st := d.Status
	if st == "" {
		st = annotate.StatusTodo
	}
	line := jsonLine{
		ID: d.ID, Title: d.Title, Source: d.Source, Status: st,
		Created: formatTime(d.Created), Text: d.Text, Meta: d.Meta, Offsets: w.unit,
		Spans:     make([]jsonSpan, len(spans)),
		Relations: make([]jsonRelation, len(rec.Relations)),
	}
	if len(line.Meta) == 0 {
		line.Meta = nil
	}
	ix := newOffsetIndex(d.Text, w.unit)
	for i, s := range spans {
		line.Spans[i] = jsonSpan{ID: s.ID, Start: ix.toUnit(s.Start), End: ix.toUnit(s.End), Label: s.Label, Text: texts[i],
			Annotator: s.Annotator, Created: formatTime(s.Created), Updated: formatTime(s.Updated), Note: s.Note,
			Annotators: s.Annotators}
		if s.Entity != "" {
			e, ok := rec.Entities[s.Entity]
			if !ok {
				return annotate.Errorf(annotate.EINVALID, "document %s: span %s names actor %s, which the record does not carry", d.ID, s.ID, s.Entity)
			}
			line.Spans[i].Entity = &jsonEntity{ID: e.ID, Name: e.Name, Kind: e.Kind, Affiliation: e.Affiliation, Aliases: e.Aliases}
		}
		if s.Concept != "" {
			c, ok := rec.Concepts[s.Concept]
			if !ok {
				return annotate.Errorf(annotate.EINVALID, "document %s: span %s has concept %s, which the record does not carry", d.ID, s.ID, s.Concept)
			}
			line.Spans[i].Concept = &jsonConcept{ID: c.ID, Name: c.Name}
		}
	}
	for i, r := range rec.Relations {
		line.Relations[i] = jsonRelation{ID: r.ID, Type: r.Type, From: r.From, To: r.To}
	}
	if err := w.enc.Encode(&line); err != nil {
		var je *json.UnsupportedValueError
		var te *json.UnsupportedTypeError
		if errors.As(err, &je) || errors.As(err, &te) {
			return annotate.Errorf(annotate.EINVALID, "document %s: meta cannot be written as JSON: %v", d.ID, err)
		}
		return err
	}
	return nil
}
