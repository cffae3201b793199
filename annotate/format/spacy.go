package format

import (
	"encoding/json"
	"fmt"
	"slices"

	"claimdesk/annotate"
)

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
	// Annotators lists who made a merged span (Claimdesk's export).
	Annotators json.RawMessage `json:"annotators"`
}

// decodeSpansLine decodes Claimdesk's own lines and spaCy/Prodigy lines:
// "spans" of {"start","end","label"} with optional id, text, annotator,
// annotators (a list of names), created, updated and note, and Claimdesk "relations" {"id","type","from","to"}.
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
	if s.Annotators, err = rawStrings(rs.Annotators, where+` "annotators"`); err != nil {
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

// rawStrings decodes an optional list of strings: absent, null or [] is
// nil.
func rawStrings(raw json.RawMessage, what string) ([]string, error) {
	items, err := rawArray(raw, what)
	if err != nil || len(items) == 0 {
		return nil, err
	}
	out := make([]string, len(items))
	for i, item := range items {
		if out[i], err = rawString(item, fmt.Sprintf("%s[%d]", what, i)); err != nil {
			return nil, err
		}
		if isNull(item) {
			return nil, annotate.Errorf(annotate.EINVALID, "%s[%d] must be a string, not null", what, i)
		}
	}
	return out, nil
}
