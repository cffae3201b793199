package format

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"claimdesk/annotate"

	"github.com/go-json-experiment/json/jsontext"
)

// DoccanoWriter writes records in doccano's JSONL, one line each, offsets
// in code points, spans in CompareSpans order: a record without relations
// in the sequence-labelling shape {"id","text","label":[[start,end,"LABEL"],
// ...]}, one with relations in the relation-extraction shape {"id","text",
// "entities":[{"id","label","start_offset","end_offset"}],"relations":[{"id",
// "from_id","to_id","type"}]}, its entity and relation ids numbered from 1
// in each line (doccano's are integers). Notes, annotators and times are
// not part of this format. Output is buffered: call Flush at the end.
type DoccanoWriter struct{ lineEncoder }

// NewDoccanoWriter returns a writer of doccano JSONL to w.
func NewDoccanoWriter(w io.Writer) *DoccanoWriter {
	return &DoccanoWriter{newLineEncoder(w)}
}

type doccanoLine struct {
	ID    string  `json:"id"`
	Text  string  `json:"text"`
	Label [][]any `json:"label"`
}

// doccanoRelLine is the relation-extraction shape of a doccano line.
type doccanoRelLine struct {
	ID        string               `json:"id"`
	Text      string               `json:"text"`
	Entities  []doccanoOutEntity   `json:"entities"`
	Relations []doccanoOutRelation `json:"relations"`
}

type doccanoOutEntity struct {
	ID    int    `json:"id"`
	Label string `json:"label"`
	Start int    `json:"start_offset"`
	End   int    `json:"end_offset"`
}

type doccanoOutRelation struct {
	ID   int    `json:"id"`
	From int    `json:"from_id"`
	To   int    `json:"to_id"`
	Type string `json:"type"`
}

// Write writes one record as one line. A span outside the text, or a
// relation whose end is not one of the record's spans, is an EINVALID
// error and nothing is written.
func (w *DoccanoWriter) Write(rec annotate.Record) error {
	spans, _, err := exportSpans(&rec)
	if err != nil {
		return err
	}
	if len(rec.Relations) > 0 {
		line := doccanoRelLine{ID: rec.Document.ID, Text: rec.Document.Text,
			Entities: make([]doccanoOutEntity, len(spans)), Relations: make([]doccanoOutRelation, len(rec.Relations))}
		num := make(map[string]int, len(spans))
		for i, s := range spans {
			num[s.ID] = i + 1
			line.Entities[i] = doccanoOutEntity{ID: i + 1, Label: s.Label, Start: s.Start, End: s.End}
		}
		for i, r := range rec.Relations {
			from, to := num[r.From], num[r.To]
			if from == 0 || to == 0 {
				return annotate.Errorf(annotate.EINVALID, "document %s: relation %s links a span the record does not have", rec.Document.ID, r.ID)
			}
			line.Relations[i] = doccanoOutRelation{ID: i + 1, From: from, To: to, Type: r.Type}
		}
		return w.enc.Encode(&line)
	}
	line := doccanoLine{ID: rec.Document.ID, Text: rec.Document.Text, Label: make([][]any, len(spans))}
	for i, s := range spans {
		line.Label[i] = []any{s.Start, s.End, s.Label}
	}
	return w.enc.Encode(&line)
}

// decodeDoccanoLabel decodes doccano sequence labelling with
// "label" (or "labels"): [[start, end, "LABEL"], ...].
func decodeDoccanoLabel(o object) (annotate.Record, error) {
	d, err := decodeDocument(o, "doccano_id")
	if err != nil {
		return annotate.Record{}, err
	}
	key := "label"
	if !o.has(key) {
		key = "labels"
	}
	items, err := rawArray(o.get(key), fmt.Sprintf("%q", key))
	if err != nil {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, `%s (doccano sequence labelling wants [[start, end, "LABEL"], ...])`, err.Error())
	}
	if rels, _ := rawArray(o.get("relations"), ""); len(rels) > 0 {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, `doccano "relations" need "entities" with ids, not %q`, key)
	}
	rec := annotate.Record{Document: d, Spans: make([]annotate.Span, 0, len(items))}
	c, err := lineChecker(o, d.Text)
	if err != nil {
		return annotate.Record{}, err
	}
	for i, item := range items {
		where := fmt.Sprintf("%s[%d]", key, i)
		var triple []jsontext.Value
		if len(item) == 0 || item[0] != '[' || json.Unmarshal(item, &triple) != nil || len(triple) != 3 {
			return rec, annotate.Errorf(annotate.EINVALID, `%s must be [start, end, "LABEL"], not %s`, where, clip(string(item), 60))
		}
		var s annotate.Span
		if s.Start, err = rawInt(triple[0], where+" start"); err != nil {
			return rec, err
		}
		if s.End, err = rawInt(triple[1], where+" end"); err != nil {
			return rec, err
		}
		if s.Label, err = rawString(triple[2], where+" label"); err != nil {
			return rec, err
		}
		if s.Start, s.End, err = c.check(s.Start, s.End, s.Label, nil); err != nil {
			return rec, err
		}
		s.ID = annotate.NewID()
		s.DocumentID = d.ID
		rec.Spans = append(rec.Spans, s)
	}
	return rec, nil
}

// doccanoEntity and doccanoRelation are doccano's "entities" and
// "relations" items.
type doccanoEntity struct {
	ID    jsontext.Value `json:"id"`
	Start jsontext.Value `json:"start_offset"`
	End   jsontext.Value `json:"end_offset"`
	Label jsontext.Value `json:"label"`
}

type doccanoRelation struct {
	ID   jsontext.Value `json:"id"`
	From jsontext.Value `json:"from_id"`
	To   jsontext.Value `json:"to_id"`
	Type jsontext.Value `json:"type"`
}

// decodeDoccanoEntities decodes doccano's {"text", "entities", "relations"}.
// Spans get fresh ids; relations are mapped to them.
func decodeDoccanoEntities(o object) (annotate.Record, error) {
	d, err := decodeDocument(o, "doccano_id")
	if err != nil {
		return annotate.Record{}, err
	}
	items, err := rawArray(o.get("entities"), `"entities"`)
	if err != nil {
		return annotate.Record{}, err
	}
	rec := annotate.Record{Document: d, Spans: make([]annotate.Span, 0, len(items))}
	c, err := lineChecker(o, d.Text)
	if err != nil {
		return annotate.Record{}, err
	}
	byEntity := map[string]string{} // doccano entity id -> span id
	for i, item := range items {
		where := fmt.Sprintf("entities[%d]", i)
		if isNull(item) || item[0] != '{' {
			return rec, annotate.Errorf(annotate.EINVALID, "%s must be an object, not %s", where, jsonKind(item))
		}
		var e doccanoEntity
		if err := json.Unmarshal(item, &e); err != nil {
			return rec, annotate.Errorf(annotate.EINVALID, "%s: %v", where, err)
		}
		var s annotate.Span
		if s.Start, err = rawInt(e.Start, where+` "start_offset"`); err != nil {
			return rec, err
		}
		if s.End, err = rawInt(e.End, where+` "end_offset"`); err != nil {
			return rec, err
		}
		if s.Label, err = rawString(e.Label, where+` "label"`); err != nil {
			return rec, err
		}
		if s.Start, s.End, err = c.check(s.Start, s.End, s.Label, nil); err != nil {
			return rec, err
		}
		s.ID = annotate.NewID()
		s.DocumentID = d.ID
		eid, err := rawID(e.ID, where+` "id"`)
		if err != nil {
			return rec, err
		}
		if eid != "" {
			if _, dup := byEntity[eid]; dup {
				return rec, annotate.Errorf(annotate.EINVALID, "%s: duplicate entity id %s", where, eid)
			}
			byEntity[eid] = s.ID
		}
		_ = c.addID(s.ID)
		rec.Spans = append(rec.Spans, s)
	}
	rels, err := rawArray(o.get("relations"), `"relations"`)
	if err != nil {
		return rec, err
	}
	for i, item := range rels {
		where := fmt.Sprintf("relations[%d]", i)
		if isNull(item) || item[0] != '{' {
			return rec, annotate.Errorf(annotate.EINVALID, "%s must be an object, not %s", where, jsonKind(item))
		}
		var dr doccanoRelation
		if err := json.Unmarshal(item, &dr); err != nil {
			return rec, annotate.Errorf(annotate.EINVALID, "%s: %v", where, err)
		}
		var r annotate.Relation
		if r.Type, err = rawString(dr.Type, where+` "type"`); err != nil {
			return rec, err
		}
		for _, end := range [...]struct {
			key string
			raw jsontext.Value
			dst *string
		}{{"from_id", dr.From, &r.From}, {"to_id", dr.To, &r.To}} {
			eid, err := rawID(end.raw, where+" "+strconv.Quote(end.key))
			if err != nil {
				return rec, err
			}
			sid, ok := byEntity[eid]
			if !ok {
				return rec, annotate.Errorf(annotate.EINVALID, "%s: %s %s is not the id of one of the line's entities", where, end.key, eid)
			}
			*end.dst = sid
		}
		r.ID = annotate.NewID()
		// Messages name it by the line's id, or its place in the line.
		if r.Origin, err = rawID(dr.ID, where+` "id"`); err != nil {
			return rec, err
		}
		if r.Origin == "" {
			r.Origin = fmt.Sprintf("%d of the line", i+1)
		}
		if err := checkRelation(where, r, c.ids); err != nil {
			return rec, err
		}
		rec.Relations = append(rec.Relations, r)
	}
	return rec, nil
}
