package format

import (
	"bufio"
	"bytes"
	"claimdesk/annotate"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/google/uuid"
)

// JSONLReader reads import lines one record at a time. It streams: only one
// line is held in memory, and lines may be of any length.
//
// Each non-blank line is one JSON object, recognised by its shape:
// Claimdesk's own export, a plain {"text": ...} object, doccano sequence
// labelling ("label"/"labels" or "entities" with "relations"), or
// spaCy/Prodigy "spans". A UTF-8 byte order mark before the first line and
// CRLF line ends are accepted.
type JSONLReader struct {
	r    *bufio.Reader
	file string
	line int
	eof  bool
	err  error  // a final error (io.EOF or a read error)
	long []byte // the buffer of lines longer than r's
}

// NewJSONLReader returns a reader of the JSONL data in r. file names the
// input in errors.
func NewJSONLReader(r io.Reader, file string) *JSONLReader {
	return &JSONLReader{r: bufio.NewReaderSize(r, 64<<10), file: file}
}

// Line returns the 1-based number of the line last read (0 before the
// first call of Next).
func (r *JSONLReader) Line() int { return r.line }

var utf8BOM = []byte("\xef\xbb\xbf")

// Next returns the record of the next non-blank line. It returns io.EOF at
// the end of the input; every other error is a *LineError naming the file
// and the line. After a LineError about a line's content, Next may be
// called again to go on with the following line; a read error is final.
func (r *JSONLReader) Next() (annotate.Record, error) {
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
		rec, err := DecodeJSONLine(b)
		if err != nil {
			return annotate.Record{}, &annotate.LineError{File: r.file, Line: r.line, Err: err}
		}
		return rec, nil
	}
}

// readLine returns the next line with its "\n", like ReadBytes, but
// without copying a line that fits in the bufio buffer. The line is valid
// until the next call.
func (r *JSONLReader) readLine() ([]byte, error) {
	b, err := r.r.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		return b, err
	}
	r.long = append(r.long[:0], b...)
	for err == bufio.ErrBufferFull {
		b, err = r.r.ReadSlice('\n')
		r.long = append(r.long, b...)
	}
	if cap(r.long) > 16<<20 {
		// Do not keep a buffer for huge lines alive after them.
		long := r.long
		r.long = nil
		return long, err
	}
	return r.long, err
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
// error (a *LineError), returning the records read before it.
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
	{"doccano entities", func(o object) bool { return o.has("entities") }, decodeDoccanoEntities},
	{"doccano label", func(o object) bool { return o.has("label") || o.has("labels") }, decodeDoccanoLabel},
	{"plain text", func(object) bool { return true }, decodePlainLine},
}

// DecodeJSONLine decodes one import line (without its line end) into a
// record. Errors are *Error values with code EINVALID.
func DecodeJSONLine(line []byte) (annotate.Record, error) {
	if err := annotate.CheckUTF8(line); err != nil {
		return annotate.Record{}, err
	}
	trimmed := bytes.TrimLeft(line, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		if !json.Valid(line) {
			return annotate.Record{}, jsonError(line)
		}
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "line is not a JSON object")
	}
	var rl rawLine
	if err := json.Unmarshal(line, &rl); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return annotate.Record{}, typeError(line)
		}
		return annotate.Record{}, jsonError(line)
	}
	o := rl.object()
	for _, s := range lineShapes {
		if s.match(o) {
			return s.decode(o)
		}
	}
	return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "unrecognised line")
}

// rawLine is an import line as first decoded: its text (the bulk of the
// line) straight into a string, the other fields raw for the shapes to
// decode. A shape that needs another top-level field adds it here and in
// object. (Like all of encoding/json, keys match case-insensitively.)
type rawLine struct {
	Text      *string         `json:"text"`
	ID        json.RawMessage `json:"id"`
	Title     json.RawMessage `json:"title"`
	Source    json.RawMessage `json:"source"`
	Status    json.RawMessage `json:"status"`
	Created   json.RawMessage `json:"created"`
	Meta      json.RawMessage `json:"meta"`
	Spans     *[]*rawSpan     `json:"spans"` // decoded at once: spans are a large part of Claimdesk lines
	Relations json.RawMessage `json:"relations"`
	Label     json.RawMessage `json:"label"`
	Labels    json.RawMessage `json:"labels"`
	Entities  json.RawMessage `json:"entities"`
}

func (rl *rawLine) object() object {
	o := object{text: rl.Text, spans: rl.Spans, raw: make(map[string]json.RawMessage, 8)}
	for k, v := range map[string]json.RawMessage{
		"id": rl.ID, "title": rl.Title, "source": rl.Source, "status": rl.Status,
		"created": rl.Created, "meta": rl.Meta, "relations": rl.Relations,
		"label": rl.Label, "labels": rl.Labels, "entities": rl.Entities,
	} {
		if v != nil {
			o.raw[k] = v
		}
	}
	return o
}

// typeError describes a line whose "text" or "spans" has the wrong type.
// It is only called for lines in error, so it may decode them again.
func typeError(line []byte) error {
	var o map[string]json.RawMessage
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
	spans *[]*rawSpan // "spans", when the line has them
	raw   map[string]json.RawMessage
}

// has reports whether o has key with a non-null value.
func (o object) has(key string) bool {
	v, ok := o.raw[key]
	return ok && !isNull(v)
}

// get returns the raw value of key (nil when missing).
func (o object) get(key string) json.RawMessage { return o.raw[key] }

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// rawString decodes an optional string: absent or null is "".
func rawString(raw json.RawMessage, what string) (string, error) {
	if isNull(raw) {
		return "", nil
	}
	if raw[0] != '"' {
		return "", annotate.Errorf(annotate.EINVALID, "%s must be a string, not %s", what, jsonKind(raw))
	}
	// Lines are checked to be valid JSON and UTF-8 before their fields are
	// decoded, so a string without escapes is its bytes between the quotes.
	if len(raw) >= 2 && raw[len(raw)-1] == '"' && bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1]), nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", annotate.Errorf(annotate.EINVALID, "%s: %v", what, err)
	}
	return s, nil
}

// rawTime decodes an optional RFC 3339 time: absent, null or "" is zero.
func rawTime(raw json.RawMessage, what string) (time.Time, error) {
	s, err := rawString(raw, what)
	if err != nil || s == "" {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, annotate.Errorf(annotate.EINVALID, "%s %q is not an RFC 3339 time", what, s)
	}
	return t.UTC(), nil
}

// rawInt decodes a required integer. A number with a zero fraction (3.0)
// is accepted; 3.5 is not.
func rawInt(raw json.RawMessage, what string) (int, error) {
	if isNull(raw) {
		return 0, annotate.Errorf(annotate.EINVALID, "%s is missing", what)
	}
	if n, ok := parseJSONInt(raw); ok {
		return n, nil
	}
	return 0, annotate.Errorf(annotate.EINVALID, "%s must be an integer, not %s", what, clip(string(raw), 40))
}

func parseJSONInt(raw json.RawMessage) (int, bool) {
	s := string(raw)
	if n, err := strconv.ParseInt(s, 10, strconv.IntSize); err == nil {
		return int(n), true
	}
	if s == "" || (s[0] != '-' && (s[0] < '0' || s[0] > '9')) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int(f), true
}

// rawID decodes an optional id given as a string or a number; a number is
// kept as its decimal text.
func rawID(raw json.RawMessage, what string) (string, error) {
	if isNull(raw) {
		return "", nil
	}
	if raw[0] == '"' {
		return rawString(raw, what)
	}
	if n, ok := parseJSONInt(raw); ok {
		return strconv.Itoa(n), nil
	}
	return "", annotate.Errorf(annotate.EINVALID, "%s must be a string or an integer, not %s", what, jsonKind(raw))
}

// rawArray decodes an optional JSON array into its raw elements.
func rawArray(raw json.RawMessage, what string) ([]json.RawMessage, error) {
	if isNull(raw) {
		return nil, nil
	}
	if raw[0] != '[' {
		return nil, annotate.Errorf(annotate.EINVALID, "%s must be a list, not %s", what, jsonKind(raw))
	}
	var a []json.RawMessage
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "%s: %v", what, err)
	}
	return a, nil
}

func jsonKind(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// clip shortens s to at most n code points, marking a cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for b := range s {
		if i == n {
			return s[:b] + "…"
		}
		i++
	}
	return s
}

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

// spanChecker checks spans against one document text.
type spanChecker struct {
	text   string
	n      int // the text's length in code points
	ids    map[string]bool
	claims []claim // spans whose line gives their text, checked by verify
}

// claim is the text a line gives for the span start-end.
type claim struct {
	start, end int
	text       string
}

func newSpanChecker(text string) *spanChecker {
	return &spanChecker{text: text, n: utf8.RuneCountInString(text)}
}

// check validates offsets and label. When claimed is not nil, verify will
// check that the line's text for the span is text[start:end].
func (c *spanChecker) check(start, end int, label string, claimed *string) error {
	n := c.n
	switch {
	case start < 0:
		return annotate.Errorf(annotate.EINVALID, "span %d-%d: start is negative", start, end)
	case end > n:
		return annotate.Errorf(annotate.EINVALID, "span %d-%d lies outside the text (%d code points)", start, end, n)
	case end <= start:
		return annotate.Errorf(annotate.EINVALID, "span %d-%d: end must be after start", start, end)
	case label == "":
		return annotate.Errorf(annotate.EINVALID, "span %d-%d has no label", start, end)
	}
	if err := annotate.ValidateLabelName(label); err != nil {
		return annotate.Errorf(annotate.EINVALID, "span %d-%d: %s", start, end, err.Error())
	}
	if claimed != nil {
		c.claims = append(c.claims, claim{start, end, *claimed})
	}
	return nil
}

// verify checks the claimed span texts. It maps all their offsets to byte
// offsets in one walk of the text, without a RuneIndex: documents can be
// long, and most have few spans.
func (c *spanChecker) verify() error {
	if len(c.claims) == 0 {
		return nil
	}
	slice := func(start, end int) string { return c.text[start:end] }
	if c.n != len(c.text) {
		offs := make([]int, 0, 2*len(c.claims))
		for _, cl := range c.claims {
			offs = append(offs, cl.start, cl.end)
		}
		slices.Sort(offs)
		offs = slices.Compact(offs)
		pos := make([]int, len(offs))
		j, r := 0, 0
		for b := range c.text {
			for j < len(offs) && offs[j] == r {
				pos[j] = b
				j++
			}
			r++
		}
		for ; j < len(offs); j++ {
			pos[j] = len(c.text)
		}
		byteAt := func(off int) int {
			i, _ := slices.BinarySearch(offs, off)
			return pos[i]
		}
		slice = func(start, end int) string { return c.text[byteAt(start):byteAt(end)] }
	}
	for _, cl := range c.claims {
		if got := slice(cl.start, cl.end); got != cl.text {
			return annotate.Errorf(annotate.EINVALID, "span %d-%d %q: text[%d:%d] is %q (offsets must be Unicode code points; %s)",
				cl.start, cl.end, clip(cl.text, 60), cl.start, cl.end, clip(got, 60), offsetHint(c.text, cl.start, cl.end, cl.text))
		}
	}
	return nil
}

// addID records a span id, reporting a duplicate.
func (c *spanChecker) addID(id string) error {
	if id == "" {
		return nil
	}
	if c.ids == nil {
		c.ids = map[string]bool{}
	}
	if c.ids[id] {
		return annotate.Errorf(annotate.EINVALID, "duplicate span id %q", id)
	}
	c.ids[id] = true
	return nil
}

// offsetHint guesses which unit the offsets of a mismatched span were
// written in.
func offsetHint(text string, start, end int, want string) string {
	if start >= 0 && start <= end && end <= len(text) && text[start:end] == want {
		return "these look like UTF-8 byte offsets"
	}
	u := utf16.Encode([]rune(text))
	if start >= 0 && start <= end && end <= len(u) && string(utf16.Decode(u[start:end])) == want {
		return "these look like UTF-16 offsets, as JavaScript and Java count"
	}
	return "was the file written with byte or UTF-16 offsets?"
}

// rawSpan is a span of Claimdesk's export or spaCy/Prodigy "spans".
type rawSpan struct {
	ID        json.RawMessage `json:"id"`
	Start     json.RawMessage `json:"start"`
	End       json.RawMessage `json:"end"`
	Label     json.RawMessage `json:"label"`
	Text      json.RawMessage `json:"text"`
	Annotator json.RawMessage `json:"annotator"`
	Created   json.RawMessage `json:"created"`
	Updated   json.RawMessage `json:"updated"`
	Note      json.RawMessage `json:"note"`
}

// decodeSpansLine decodes Claimdesk's own lines and spaCy/Prodigy lines:
// "spans" of {"start","end","label"} with optional id, text, annotator,
// created, updated and note, and Claimdesk "relations" {"id","type","from","to"}.
func decodeSpansLine(o object) (annotate.Record, error) {
	d, err := decodeDocument(o, "import_id")
	if err != nil {
		return annotate.Record{}, err
	}
	rec := annotate.Record{Document: d}
	raws := *o.spans
	c := newSpanChecker(d.Text)
	rec.Spans = make([]annotate.Span, 0, len(raws))
	for i, rs := range raws {
		if rs == nil {
			return rec, annotate.Errorf(annotate.EINVALID, "spans[%d] must be an object, not null", i)
		}
		s, err := rs.span(i, c)
		if err != nil {
			return rec, err
		}
		s.DocumentID = d.ID
		rec.Spans = append(rec.Spans, s)
	}
	if err := c.verify(); err != nil {
		return rec, err
	}
	rec.Relations, err = decodeRelations(o.get("relations"), c)
	return rec, err
}

// decodeRawSpans decodes a "spans" list; a null item is an error.
func decodeRawSpans(raw json.RawMessage) ([]rawSpan, error) {
	if isNull(raw) || raw[0] != '[' {
		return nil, annotate.Errorf(annotate.EINVALID, `"spans" must be a list, not %s`, jsonKind(raw))
	}
	var spans []*rawSpan
	if err := json.Unmarshal(raw, &spans); err == nil && !slices.Contains(spans, nil) {
		out := make([]rawSpan, len(spans))
		for i, s := range spans {
			out[i] = *s
		}
		return out, nil
	}
	// Find the item that is not an object.
	items, err := rawArray(raw, `"spans"`)
	if err != nil {
		return nil, err
	}
	for i, item := range items {
		if isNull(item) || item[0] != '{' {
			return nil, annotate.Errorf(annotate.EINVALID, "spans[%d] must be an object, not %s", i, jsonKind(item))
		}
	}
	return nil, annotate.Errorf(annotate.EINVALID, `"spans" cannot be decoded`)
}

func (rs *rawSpan) span(i int, c *spanChecker) (annotate.Span, error) {
	var s annotate.Span
	var err error
	where := fmt.Sprintf("spans[%d]", i)
	if s.Start, err = rawInt(rs.Start, where+` "start"`); err != nil {
		return s, err
	}
	if s.End, err = rawInt(rs.End, where+` "end"`); err != nil {
		return s, err
	}
	if s.Label, err = rawString(rs.Label, where+` "label"`); err != nil {
		return s, err
	}
	var claimed *string
	if !isNull(rs.Text) {
		t, err := rawString(rs.Text, where+` "text"`)
		if err != nil {
			return s, err
		}
		claimed = &t
	}
	if err := c.check(s.Start, s.End, s.Label, claimed); err != nil {
		return s, err
	}
	if s.ID, err = rawID(rs.ID, where+` "id"`); err != nil {
		return s, err
	}
	if err := c.addID(s.ID); err != nil {
		return s, err
	}
	if s.Annotator, err = rawString(rs.Annotator, where+` "annotator"`); err != nil {
		return s, err
	}
	if s.Note, err = rawString(rs.Note, where+` "note"`); err != nil {
		return s, err
	}
	if s.Created, err = rawTime(rs.Created, where+` "created"`); err != nil {
		return s, err
	}
	if s.Updated, err = rawTime(rs.Updated, where+` "updated"`); err != nil {
		return s, err
	}
	return s, nil
}

// rawRelation is a relation of Claimdesk's export.
type rawRelation struct {
	ID   json.RawMessage `json:"id"`
	Type json.RawMessage `json:"type"`
	From json.RawMessage `json:"from"`
	To   json.RawMessage `json:"to"`
}

func decodeRelations(raw json.RawMessage, c *spanChecker) ([]annotate.Relation, error) {
	items, err := rawArray(raw, `"relations"`)
	if err != nil || len(items) == 0 {
		return nil, err
	}
	rels := make([]annotate.Relation, 0, len(items))
	for i, item := range items {
		if isNull(item) || item[0] != '{' {
			return nil, annotate.Errorf(annotate.EINVALID, "relations[%d] must be an object, not %s", i, jsonKind(item))
		}
		var rr rawRelation
		if err := json.Unmarshal(item, &rr); err != nil {
			return nil, annotate.Errorf(annotate.EINVALID, "relations[%d]: %v", i, err)
		}
		where := fmt.Sprintf("relations[%d]", i)
		var r annotate.Relation
		if r.ID, err = rawID(rr.ID, where+` "id"`); err != nil {
			return nil, err
		}
		if r.Type, err = rawString(rr.Type, where+` "type"`); err != nil {
			return nil, err
		}
		if r.From, err = rawID(rr.From, where+` "from"`); err != nil {
			return nil, err
		}
		if r.To, err = rawID(rr.To, where+` "to"`); err != nil {
			return nil, err
		}
		if err := checkRelation(where, r, c.ids); err != nil {
			return nil, err
		}
		rels = append(rels, r)
	}
	return rels, nil
}

func checkRelation(where string, r annotate.Relation, spanIDs map[string]bool) error {
	if r.Type == "" {
		return annotate.Errorf(annotate.EINVALID, "%s has no type", where)
	}
	if err := annotate.ValidateLabelName(r.Type); err != nil {
		return annotate.Errorf(annotate.EINVALID, "%s: invalid relation type %q", where, r.Type)
	}
	for _, end := range [...]struct{ key, id string }{{"from", r.From}, {"to", r.To}} {
		if end.id == "" {
			return annotate.Errorf(annotate.EINVALID, "%s has no %q span", where, end.key)
		}
		if !spanIDs[end.id] {
			return annotate.Errorf(annotate.EINVALID, "%s: %q span %q is not among the line's spans", where, end.key, end.id)
		}
	}
	return nil
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
// Spans come in CompareSpans order, each with its text; times are RFC 3339
// in UTC; "meta" is left out when empty. Output is buffered: call Flush at
// the end.
type JSONLWriter struct{ lineEncoder }

// NewJSONLWriter returns a writer of Claimdesk JSONL to w.
func NewJSONLWriter(w io.Writer) *JSONLWriter {
	return &JSONLWriter{newLineEncoder(w)}
}

// lineEncoder buffers JSON lines for the JSONL writers: no HTML escaping,
// so quotes and <tags> in texts stay readable.
type lineEncoder struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func newLineEncoder(w io.Writer) lineEncoder {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return lineEncoder{bw: bw, enc: enc}
}

// Flush writes out what is buffered.
func (e *lineEncoder) Flush() error { return e.bw.Flush() }

// jsonLine is one line of Claimdesk JSONL; its field order is the format's.
type jsonLine struct {
	ID        string          `json:"id"`
	Title     string          `json:"title"`
	Source    string          `json:"source"`
	Status    annotate.Status `json:"status"`
	Created   string          `json:"created"`
	Text      string          `json:"text"`
	Meta      map[string]any  `json:"meta,omitempty"`
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
}

type jsonRelation struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	From string `json:"from"`
	To   string `json:"to"`
}

// formatTime formats t as RFC 3339 in UTC with as many fractional digits
// as it needs; the zero time is "".
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// exportSpans returns a record's spans sorted, with their texts, after
// checking them against the text. The caller's slice is not changed.
func exportSpans(rec *annotate.Record) ([]annotate.Span, []string, error) {
	d := &rec.Document
	if !utf8.ValidString(d.Text) {
		return nil, nil, annotate.Errorf(annotate.EINVALID, "document %s: text is not valid UTF-8", d.ID)
	}
	spans := append([]annotate.Span(nil), rec.Spans...)
	annotate.SortSpans(spans)
	ix := annotate.NewRuneIndex(d.Text)
	texts := make([]string, len(spans))
	for i := range spans {
		s := &spans[i]
		if s.Start < 0 || s.End > ix.Len() || s.End <= s.Start {
			return nil, nil, annotate.Errorf(annotate.EINVALID, "document %s: span %d-%d lies outside the text (%d code points) or is empty",
				d.ID, s.Start, s.End, ix.Len())
		}
		texts[i] = ix.Slice(s.Start, s.End)
	}
	return spans, texts, nil
}

// Write writes one record as one line. A span outside the text, or a text
// that is not valid UTF-8, is an EINVALID error and nothing is written.
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
		Created: formatTime(d.Created), Text: d.Text, Meta: d.Meta,
		Spans:     make([]jsonSpan, len(spans)),
		Relations: make([]jsonRelation, len(rec.Relations)),
	}
	if len(line.Meta) == 0 {
		line.Meta = nil
	}
	for i, s := range spans {
		line.Spans[i] = jsonSpan{ID: s.ID, Start: s.Start, End: s.End, Label: s.Label, Text: texts[i],
			Annotator: s.Annotator, Created: formatTime(s.Created), Updated: formatTime(s.Updated), Note: s.Note}
	}
	for i, r := range rec.Relations {
		line.Relations[i] = jsonRelation(r)
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
