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

// LabelStudioReader reads the records of a .json file: Label Studio's
// export, one JSON array of tasks, or one task alone, or tasks one after
// another; any of them may also be a record of the shapes JSONLReader
// reads (Claimdesk, doccano, spaCy/Prodigy), each recognised by its
// shape. It streams: only one record is held in memory.
//
// A task's text is data.text; data.title and data.source (or data.url)
// give the document's title and source; data.claimdesk_id, a UUID that
// Claimdesk's export writes, its id, and the task's own id is kept in Meta
// as "labelstudio_id". Every "labels" result of every annotation that was
// not cancelled is a span (one per label), its value.text checked against
// the text; its annotator is the annotation's completed_by (a name, an
// email, or "labelstudio user N" for a number). "relation" results become
// relations, one per label, from from_id to to_id (to_id to from_id for
// direction "left"). Other results (an image's rectangles, choices, text
// areas…), cancelled annotations and predictions are left out, and
// counted by kind in a notice (Notices).
type LabelStudioReader struct {
	vs      *valueStream
	sc      lineScratch
	notices []string
}

// NewLabelStudioReader returns a reader of the .json file in r. file
// names the input in errors.
func NewLabelStudioReader(r io.Reader, file string) *LabelStudioReader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	return &LabelStudioReader{vs: newValueStream(br, file, 0, "task", DefaultLimits())}
}

// setLimits makes r refuse a record longer than l.Line, and one with more
// spans and relations than l allows (NewLimitedReader).
func (r *LabelStudioReader) setLimits(l Limits) { r.vs.setLimits(l) }

// Line returns the 1-based line on which the record Next returned last
// begins.
func (r *LabelStudioReader) Line() int { return r.vs.line }

// Next returns the next record, or io.EOF after the last. Other errors are
// *annotate.LineError values naming the file and the line where the
// record begins; after an error about a record's content Next may be
// called again, while an error in the JSON itself is final.
func (r *LabelStudioReader) Next() (annotate.Record, error) {
	return r.vs.nextRecord(&r.sc)
}

// Notices returns what the reader left out, counted by kind.
func (r *LabelStudioReader) Notices() []string {
	return skipNotices(r.vs.file, r.sc.skipped)
}

// lsTask, lsAnnotation, lsResult and lsValue are a task of Label Studio's
// export and its parts, as read.
type lsTask struct {
	ID          jsontext.Value            `json:"id"`
	Data        map[string]jsontext.Value `json:"data"`
	Annotations []lsAnnotation            `json:"annotations"`
	Predictions []jsontext.Value          `json:"predictions"`
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

// decodeLabelStudioObject decodes a record of the shape of a Label Studio
// task (an object with "data" and no "text"), counting what it leaves out
// in o.sc.
func decodeLabelStudioObject(o object) (annotate.Record, error) {
	return decodeLabelStudioTask(o.line, o.sc)
}

// lsSkipKinds name the kinds of Label Studio results that are not
// imported, by their "type", in the notice that counts them; another type
// T is "T result".
var lsSkipKinds = map[string]string{
	"rectanglelabels": "image rectangle", "rectangle": "image rectangle",
	"polygonlabels": "image polygon", "polygon": "image polygon",
	"ellipselabels": "image ellipse", "ellipse": "image ellipse",
	"keypointlabels": "image keypoint", "keypoint": "image keypoint",
	"brushlabels": "image brush mask", "brush": "image brush mask",
	"choices": "choice", "textarea": "text area", "rating": "rating",
	"taxonomy": "taxonomy choice", "number": "number", "datetime": "date",
	"hypertextlabels": "hypertext span", "paragraphlabels": "paragraph span",
	"timeserieslabels": "time series span", "pairwise": "pairwise choice",
}

// lsSkipKind returns the name of the kind of a result of type typ that is
// not imported, for the notice.
func lsSkipKind(typ string) string {
	if k, ok := lsSkipKinds[typ]; ok {
		return k
	}
	if typ == "" {
		return "untyped result"
	}
	return fmt.Sprintf("%q result", clip(typ, 40))
}

// decodeLabelStudioTask decodes one task into a record, counting in sc
// (when not nil) what it leaves out: cancelled annotations, predictions
// and results of other types than "labels" and "relation". Errors are
// EINVALID.
func decodeLabelStudioTask(raw jsontext.Value, sc *lineScratch) (annotate.Record, error) {
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
	sc.skip("prediction", len(task.Predictions))
	for i, a := range task.Annotations {
		if a.WasCancelled {
			sc.skip("cancelled annotation", 1)
			continue
		}
		for _, res := range a.Result {
			if res.Type != "labels" && res.Type != "relation" {
				sc.skip(lsSkipKind(res.Type), 1)
			}
		}
		if err := decodeLabelStudioAnnotation(&rec, c, a, fmt.Sprintf("annotations[%d]", i), sc); err != nil {
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
//
// A relation to a result that is not imported (an image's rectangle) is
// left out too, and counted in sc.
func decodeLabelStudioAnnotation(rec *annotate.Record, c *spanChecker, a lsAnnotation, where string, sc *lineScratch) error {
	annotator, err := lsAnnotator(a.CompletedBy)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	byResult := map[string]string{} // result id -> span id
	skipped := map[string]bool{}    // the ids of the results not imported
	for _, res := range a.Result {
		if res.Type != "labels" && res.Type != "relation" {
			if id, err := rawID(res.ID, ""); err == nil && id != "" {
				skipped[id] = true
			}
		}
	}
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
			if !ok && skipped[rid] {
				ends[0] = "" // a relation to a result not imported
				break
			}
			if !ok {
				return annotate.Errorf(annotate.EINVALID, "%s: %s %q is not the id of one of the annotation's labels", at, key, rid)
			}
			ends[k] = sid
		}
		if ends[0] == "" || ends[1] == "" {
			sc.skip("relation to a result left out", 1)
			continue
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
