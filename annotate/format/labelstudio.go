package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/google/uuid"

	"claimdesk/annotate"
)

// Label Studio's JSON export is one JSON array of tasks:
//
//	[{"id": 1, "data": {"text": "..."}, "annotations": [{"id": 1,
//	  "completed_by": 1, "result": [{"id": "a1", "type": "labels",
//	  "from_name": "label", "to_name": "text", "value": {"start": 0,
//	  "end": 7, "text": "Wang Yi", "labels": ["ACTOR"]}}, {"type":
//	  "relation", "from_id": "a2", "to_id": "a1", "direction": "right",
//	  "labels": ["SOURCE"]}]}]}, ...]
//
// Its offsets are UTF-16 code units, JavaScript's string indices.

// LabelStudioReader reads the tasks of a Label Studio JSON export, one
// record each. It streams the array: only one task is held in memory.
//
// A task's text is data.text; data.title and data.source (or data.url)
// give the document's title and source; data.claimdesk_id, a UUID that
// Claimdesk's export writes, its id, and the task's own id is kept in Meta
// as "labelstudio_id". Every "labels" result of every annotation that was
// not cancelled is a span (one per label), its value.text checked against
// the text; its annotator is the annotation's completed_by (a name, an
// email, or "labelstudio user N" for a number). "relation" results become
// relations, one per label, from from_id to to_id (to_id to from_id for
// direction "left"). Other results are left out.
type LabelStudioReader struct {
	file    string
	lc      *lineCounter
	dec     *json.Decoder
	line    int
	task    int // tasks read
	started bool
	err     error  // a final error
	limits  Limits // the spans and relations of a task (checkContainers)
}

// setLimits makes r refuse a task longer than l.Line (NewLimitedReader).
func (r *LabelStudioReader) setLimits(l Limits) { r.lc.max, r.limits = l.Line, l }

// NewLabelStudioReader returns a reader of the Label Studio export in r.
// file names the input in errors.
func NewLabelStudioReader(r io.Reader, file string) *LabelStudioReader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	lc := &lineCounter{r: br, max: DefaultMaxLine}
	dec := json.NewDecoder(lc)
	dec.UseNumber()
	return &LabelStudioReader{file: file, lc: lc, dec: dec, limits: DefaultLimits()}
}

// Line returns the 1-based line on which the task Next returned last
// begins.
func (r *LabelStudioReader) Line() int { return r.line }

// Next returns the record of the next task, or io.EOF after the last.
// Other errors are *annotate.LineError values naming the file and the
// line of the task; after an error about a task's content Next may be
// called again, while an error in the JSON itself is final.
func (r *LabelStudioReader) Next() (annotate.Record, error) {
	if r.err != nil {
		return annotate.Record{}, r.err
	}
	if !r.started {
		r.started = true
		tok, err := r.dec.Token()
		if err != nil || tok != json.Delim('[') {
			return annotate.Record{}, r.fail(r.lc.lineAt(r.dec.InputOffset()), annotate.Errorf(annotate.EINVALID,
				"a Label Studio export must be a JSON array of tasks"))
		}
	}
	if !r.dec.More() {
		at := r.dec.InputOffset()
		if tok, err := r.dec.Token(); err != nil || tok != json.Delim(']') {
			if errors.As(err, new(*json.SyntaxError)) {
				if k, ok := r.lc.valueAt(at); ok {
					line, col := r.lc.position(k)
					return annotate.Record{}, r.fail(line, annotate.Errorf(annotate.EINVALID,
						"invalid JSON at column %d: %v (the array of tasks does not end)", col, err))
				}
			}
			return annotate.Record{}, r.fail(r.lc.lineAt(r.dec.InputOffset()), r.jsonError(err, "the array of tasks does not end"))
		}
		if _, err := r.dec.Token(); err != io.EOF {
			return annotate.Record{}, r.fail(r.lc.lineAt(r.dec.InputOffset()), annotate.Errorf(annotate.EINVALID,
				"data after the array of tasks"))
		}
		r.err = io.EOF
		return annotate.Record{}, io.EOF
	}
	start := r.dec.InputOffset()
	r.line = r.lc.lineAt(start)
	r.task++
	var raw jsontext.Value
	if err := r.dec.Decode(&raw); err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return annotate.Record{}, r.fail(r.line, fmt.Errorf("task %d: %w", r.task, le))
		}
		if line, col, se := r.lc.syntaxError(start); se != nil && errors.As(err, new(*json.SyntaxError)) {
			return annotate.Record{}, r.fail(line, annotate.Errorf(annotate.EINVALID, "invalid JSON at column %d: %s", col, se.Error()))
		}
		return annotate.Record{}, r.fail(r.line, r.jsonError(err, "invalid JSON"))
	}
	if int64(len(raw)) > r.lc.max {
		return annotate.Record{}, r.fail(r.line, fmt.Errorf("task %d: %w", r.task,
			&LimitError{What: "the task is longer than", Limit: FormatSize(r.lc.max), Flag: "max-line"}))
	}
	if !utf8.Valid(raw) {
		line, col := r.line, 0
		if k, ok := r.lc.valueAt(start); ok {
			line, col = r.lc.position(k + annotate.FirstInvalidUTF8(raw))
		}
		return annotate.Record{}, &annotate.LineError{File: r.file, Line: line,
			Err: annotate.Errorf(annotate.EINVALID, "task %d: invalid UTF-8 at column %d", r.task, col)}
	}
	if err := checkContainers(raw, r.limits); err != nil {
		return annotate.Record{}, &annotate.LineError{File: r.file, Line: r.line, Err: fmt.Errorf("task %d: %w", r.task, err)}
	}
	rec, err := decodeLabelStudioTask(raw)
	if err != nil {
		return annotate.Record{}, &annotate.LineError{File: r.file, Line: r.line,
			Err: fmt.Errorf("task %d: %w", r.task, err)}
	}
	return rec, nil
}

// fail records a final error at line.
func (r *LabelStudioReader) fail(line int, err error) error {
	r.err = &annotate.LineError{File: r.file, Line: line, Err: err}
	return r.err
}

// jsonError describes an error of the JSON decoder: a syntax error is
// EINVALID, a read error is returned as it is.
func (r *LabelStudioReader) jsonError(err error, what string) error {
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
	return err
}

// lineCounter counts the lines of what a json.Decoder reads through it.
// It keeps the bytes read but not yet counted: no more than the decoder
// holds in its own buffer, one task and what it read ahead.
type lineCounter struct {
	r       io.Reader
	pending []byte // bytes from offset base on, not yet counted
	base    int64
	lines   int   // newlines before base
	max     int64 // the most bytes held (Limits.Line): a task's
}

// Read reads from the underlying reader, keeping what it reads, until it
// holds more than max bytes and a read-ahead of 1 MiB: a task longer than
// max is refused there, before the decoder holds all of it (a shorter
// task's length is checked once it is read).
func (c *lineCounter) Read(p []byte) (int, error) {
	if int64(len(c.pending)) > c.max+1<<20 {
		return 0, &LimitError{What: "the task is longer than", Limit: FormatSize(c.max), Flag: "max-line"}
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

// lsTask, lsAnnotation, lsResult and lsValue are a task of Label Studio's
// export and its parts, as read.
type lsTask struct {
	ID          jsontext.Value            `json:"id"`
	Data        map[string]jsontext.Value `json:"data"`
	Annotations []lsAnnotation            `json:"annotations"`
}

type lsAnnotation struct {
	CompletedBy  jsontext.Value `json:"completed_by"`
	WasCancelled bool           `json:"was_cancelled"`
	Result       []lsResult     `json:"result"`
}

type lsResult struct {
	ID        jsontext.Value `json:"id"`
	Type      string         `json:"type"`
	Value     lsValue        `json:"value"`
	FromID    jsontext.Value `json:"from_id"`
	ToID      jsontext.Value `json:"to_id"`
	Direction string         `json:"direction"`
	Labels    []string       `json:"labels"`
}

type lsValue struct {
	Start  jsontext.Value `json:"start"`
	End    jsontext.Value `json:"end"`
	Text   *string        `json:"text"`
	Labels []string       `json:"labels"`
}

// decodeLabelStudioTask decodes one task into a record. Errors are
// EINVALID.
func decodeLabelStudioTask(raw jsontext.Value) (annotate.Record, error) {
	if isNull(raw) || raw[0] != '{' {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "a task must be an object, not %s", jsonKind(raw))
	}
	if err := annotate.CheckUTF8(raw); err != nil {
		return annotate.Record{}, err
	}
	var task lsTask
	if err := json.Unmarshal(raw, &task); err != nil {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "%v", err)
	}
	var d annotate.Document
	text, err := rawString(task.Data["text"], `data "text"`)
	if err != nil {
		return annotate.Record{}, err
	}
	if strings.TrimSpace(text) == "" {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, `data "text" is missing or empty`)
	}
	d.Text = text
	if d.Title, err = rawString(task.Data["title"], `data "title"`); err != nil {
		return annotate.Record{}, err
	}
	if d.Source, err = rawString(task.Data["source"], `data "source"`); err != nil {
		return annotate.Record{}, err
	}
	if d.Source == "" {
		if d.Source, err = rawString(task.Data["url"], `data "url"`); err != nil {
			return annotate.Record{}, err
		}
	}
	cid, err := rawString(task.Data["claimdesk_id"], `data "claimdesk_id"`)
	if err != nil {
		return annotate.Record{}, err
	}
	if u, err := uuid.Parse(cid); err == nil {
		d.ID = u.String()
	}
	if id, err := rawID(task.ID, `"id"`); err != nil {
		return annotate.Record{}, err
	} else if id != "" {
		setMeta(&d, "labelstudio_id", id)
	}
	rec := annotate.Record{Document: d}
	c := newUnitSpanChecker(text, OffsetsUTF16)
	for i, a := range task.Annotations {
		if a.WasCancelled {
			continue
		}
		if err := decodeLabelStudioAnnotation(&rec, c, a, fmt.Sprintf("annotations[%d]", i)); err != nil {
			return rec, err
		}
	}
	if err := c.verify(); err != nil {
		return rec, err
	}
	return rec, nil
}

// decodeLabelStudioAnnotation adds the spans and relations of one
// annotation to rec; where names it in errors.
func decodeLabelStudioAnnotation(rec *annotate.Record, c *spanChecker, a lsAnnotation, where string) error {
	annotator, err := lsAnnotator(a.CompletedBy)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	byResult := map[string]string{} // result id -> span id
	for j, res := range a.Result {
		if res.Type != "labels" {
			continue
		}
		at := fmt.Sprintf("%s.result[%d]", where, j)
		start, err := rawInt(res.Value.Start, at+` "start"`)
		if err != nil {
			return err
		}
		end, err := rawInt(res.Value.End, at+` "end"`)
		if err != nil {
			return err
		}
		if len(res.Value.Labels) == 0 {
			return annotate.Errorf(annotate.EINVALID, "%s: span %d-%d has no label", at, start, end)
		}
		rid, err := rawID(res.ID, at+` "id"`)
		if err != nil {
			return err
		}
		for k, label := range res.Value.Labels {
			claimed := res.Value.Text
			if k > 0 {
				claimed = nil
			}
			s := annotate.Span{ID: annotate.NewID(), DocumentID: rec.Document.ID, Label: label, Annotator: annotator}
			if s.Start, s.End, err = c.check(start, end, label, claimed); err != nil {
				return fmt.Errorf("%s: %w", at, err)
			}
			_ = c.addID(s.ID)
			if k == 0 && rid != "" {
				if _, dup := byResult[rid]; dup {
					return annotate.Errorf(annotate.EINVALID, "%s: duplicate result id %q", at, rid)
				}
				byResult[rid] = s.ID
			}
			rec.Spans = append(rec.Spans, s)
		}
	}
	for j, res := range a.Result {
		if res.Type != "relation" {
			continue
		}
		at := fmt.Sprintf("%s.result[%d]", where, j)
		ends := [2]string{}
		var rids [2]string // the task's ids of the ends, for messages
		for k, raw := range [2]jsontext.Value{res.FromID, res.ToID} {
			key := [2]string{"from_id", "to_id"}[k]
			rid, err := rawID(raw, at+" "+strconv.Quote(key))
			if err != nil {
				return err
			}
			rids[k] = rid
			sid, ok := byResult[rid]
			if !ok {
				return annotate.Errorf(annotate.EINVALID, "%s: %s %q is not the id of one of the annotation's labels", at, key, rid)
			}
			ends[k] = sid
		}
		if res.Direction == "left" {
			ends[0], ends[1] = ends[1], ends[0]
		}
		if len(res.Labels) == 0 {
			return annotate.Errorf(annotate.EINVALID, "%s: relation has no label (Claimdesk relations need a type)", at)
		}
		for _, label := range res.Labels {
			r := annotate.Relation{ID: annotate.NewID(), Type: label, From: ends[0], To: ends[1],
				Origin: fmt.Sprintf("%s from %s to %s (%s)", label, rids[0], rids[1], at)}
			if id, _ := rawID(res.ID, ""); id != "" {
				r.Origin = fmt.Sprintf("%s (%s)", id, at)
			}
			if err := checkRelation(at, r, c.ids); err != nil {
				return err
			}
			rec.Relations = append(rec.Relations, r)
		}
	}
	return nil
}

// lsAnnotator names the annotator of an annotation by its completed_by: a
// string as it is, a user number as "labelstudio user N", a user object by
// its email (or its id).
func lsAnnotator(raw jsontext.Value) (string, error) {
	if isNull(raw) {
		return "", nil
	}
	switch raw[0] {
	case '"':
		return rawString(raw, `"completed_by"`)
	case '{':
		var u struct {
			ID    jsontext.Value `json:"id"`
			Email string         `json:"email"`
		}
		if err := json.Unmarshal(raw, &u); err != nil {
			return "", annotate.Errorf(annotate.EINVALID, `"completed_by": %v`, err)
		}
		if u.Email != "" {
			return u.Email, nil
		}
		raw = u.ID
		if isNull(raw) {
			return "", nil
		}
	}
	id, err := rawID(raw, `"completed_by"`)
	if err != nil || id == "" {
		return "", err
	}
	return "labelstudio user " + id, nil
}

// LabelStudioWriter writes records as Label Studio's JSON export: one JSON
// array, a task per record (a line each), numbered from 1. A task's data
// holds the text, the title and source when not empty and the document's
// id as claimdesk_id; its one annotation holds every span as a "labels"
// result (offsets in UTF-16 code units, the span's id as the result's id)
// and every relation as a "relation" result. The annotation is
// completed_by the spans' annotators, joined with ", ". Notes, times,
// entities and concepts are not part of this format. Output is buffered:
// call Flush at the end, which closes the array.
type LabelStudioWriter struct {
	bw     *bufio.Writer
	buf    bytes.Buffer
	enc    *json.Encoder
	n      int  // tasks written
	closed bool // Flush has closed the array
}

// NewLabelStudioWriter returns a writer of a Label Studio export to w.
func NewLabelStudioWriter(w io.Writer) *LabelStudioWriter {
	lw := &LabelStudioWriter{bw: bufio.NewWriterSize(w, 64<<10)}
	lw.enc = json.NewEncoder(&lw.buf)
	lw.enc.SetEscapeHTML(false)
	return lw
}

type lsOutTask struct {
	ID          int               `json:"id"`
	Data        lsOutData         `json:"data"`
	Annotations []lsOutAnnotation `json:"annotations"`
}

type lsOutData struct {
	Text        string `json:"text"`
	Title       string `json:"title,omitempty"`
	Source      string `json:"source,omitempty"`
	ClaimdeskID string `json:"claimdesk_id,omitempty"`
}

type lsOutAnnotation struct {
	ID          int           `json:"id"`
	CompletedBy string        `json:"completed_by"`
	Result      []lsOutResult `json:"result"`
}

type lsOutResult struct {
	ID        string      `json:"id,omitempty"`
	Type      string      `json:"type"`
	FromName  string      `json:"from_name,omitempty"`
	ToName    string      `json:"to_name,omitempty"`
	Value     *lsOutValue `json:"value,omitempty"`
	FromID    string      `json:"from_id,omitempty"`
	ToID      string      `json:"to_id,omitempty"`
	Direction string      `json:"direction,omitempty"`
	Labels    []string    `json:"labels,omitempty"`
}

type lsOutValue struct {
	Start  int      `json:"start"`
	End    int      `json:"end"`
	Text   string   `json:"text"`
	Labels []string `json:"labels"`
}

// Write writes one record as one task. A span outside the text, or a
// relation whose end is not one of the record's spans, is an EINVALID
// error and nothing is written.
func (w *LabelStudioWriter) Write(rec annotate.Record) error {
	if w.closed {
		return errors.New("labelstudio: write after Flush")
	}
	spans, texts, err := exportSpans(&rec)
	if err != nil {
		return err
	}
	d := &rec.Document
	task := lsOutTask{ID: w.n + 1, Data: lsOutData{Text: d.Text, Title: d.Title, Source: d.Source, ClaimdeskID: d.ID}}
	if len(spans) > 0 {
		a := lsOutAnnotation{ID: w.n + 1, Result: make([]lsOutResult, 0, len(spans)+len(rec.Relations))}
		ix := newOffsetIndex(d.Text, OffsetsUTF16)
		var annotators []string
		has := make(map[string]bool, len(spans))
		for i, s := range spans {
			has[s.ID] = true
			if s.Annotator != "" && !slices.Contains(annotators, s.Annotator) {
				annotators = append(annotators, s.Annotator)
			}
			a.Result = append(a.Result, lsOutResult{ID: s.ID, Type: "labels", FromName: "label", ToName: "text",
				Value: &lsOutValue{Start: ix.toUnit(s.Start), End: ix.toUnit(s.End), Text: texts[i], Labels: []string{s.Label}}})
		}
		for _, r := range rec.Relations {
			if !has[r.From] || !has[r.To] {
				return annotate.Errorf(annotate.EINVALID, "document %s: relation %s links a span the record does not have", d.ID, r.ID)
			}
			a.Result = append(a.Result, lsOutResult{Type: "relation", FromID: r.From, ToID: r.To, Direction: "right", Labels: []string{r.Type}})
		}
		slices.Sort(annotators)
		a.CompletedBy = strings.Join(annotators, ", ")
		task.Annotations = []lsOutAnnotation{a}
	} else {
		task.Annotations = []lsOutAnnotation{}
	}
	w.buf.Reset()
	if err := w.enc.Encode(&task); err != nil {
		return fmt.Errorf("document %s: %w", d.ID, err)
	}
	sep := ",\n"
	if w.n == 0 {
		sep = "[\n"
	}
	w.n++
	w.bw.WriteString(sep)
	_, err = w.bw.Write(bytes.TrimSuffix(w.buf.Bytes(), []byte("\n")))
	return err
}

// Flush closes the array and writes out what is buffered. Nothing can be
// written after it.
func (w *LabelStudioWriter) Flush() error {
	if !w.closed {
		w.closed = true
		if w.n == 0 {
			w.bw.WriteString("[")
		}
		w.bw.WriteString("\n]\n")
	}
	return w.bw.Flush()
}
