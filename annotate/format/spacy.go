package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"claimdesk/annotate"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// rawSpan is a span of Claimdesk's export or spaCy/Prodigy "spans".
type rawSpan struct {
	ID        jsontext.Value `json:"id"`
	Start     jsontext.Value `json:"start"`
	End       jsontext.Value `json:"end"`
	Label     jsontext.Value `json:"label"`
	Text      jsontext.Value `json:"text"`
	Annotator jsontext.Value `json:"annotator"`
	Created   jsontext.Value `json:"created"`
	Updated   jsontext.Value `json:"updated"`
	Note      jsontext.Value `json:"note"`
	// Annotators lists who made a merged span (Claimdesk's export).
	Annotators jsontext.Value `json:"annotators"`
	// Entity and Concept are an actor span's entity and a statement's
	// concept (Claimdesk's export).
	Entity  jsontext.Value `json:"entity"`
	Concept jsontext.Value `json:"concept"`
	// null says the span was JSON null (UnmarshalJSONFrom).
	null bool
	buf  []byte // holds the values, reused by the next line (lineScratch)
}

// rawSpanKeys are the keys of rawSpan's fields, in rawSpanFields' order.
var rawSpanKeys = [...]string{"id", "start", "end", "label", "text", "annotator",
	"created", "updated", "note", "annotators", "entity", "concept"}

// rawSpanFields returns rs's fields in rawSpanKeys' order.
func (rs *rawSpan) rawSpanFields() [len(rawSpanKeys)]*jsontext.Value {
	return [...]*jsontext.Value{&rs.ID, &rs.Start, &rs.End, &rs.Label, &rs.Text, &rs.Annotator,
		&rs.Created, &rs.Updated, &rs.Note, &rs.Annotators, &rs.Entity, &rs.Concept}
}

// errSpanNotObject is the error of a span that is not an object; the line
// is then described by encoding/json (typeError).
var errSpanNotObject = errors.New("a span must be an object")

// UnmarshalJSONFrom decodes a span of an import line with the
// encoding/json/v2 API (rawLine.UnmarshalJSONFrom), as encoding/json
// decodes it by the field tags: a key matches case-insensitively, of a key
// given twice the last wins, and other keys are skipped; null sets null.
// It copies the values it keeps into one buffer instead of one each;
// spans are most of the values of Claimdesk's own lines.
func (rs *rawSpan) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	vals := rawValues{buf: rs.buf[:0]}
	if tok.Kind() == 'n' {
		*rs = rawSpan{null: true, buf: vals.buf}
		return nil
	}
	if tok.Kind() != '{' {
		return errSpanNotObject
	}
	if vals.buf == nil {
		vals.buf = make([]byte, 0, 160) // the values of a span of Claimdesk's own lines
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadValue()
		if err != nil {
			return err
		}
		field := fieldOf(name, rawSpanKeys[:])
		val, err := dec.ReadValue()
		if err != nil {
			return err
		}
		vals.add(field, val)
	}
	if _, err := dec.ReadToken(); err != nil { // the '}'
		return err
	}
	*rs = rawSpan{buf: vals.buf}
	fields := rs.rawSpanFields()
	vals.setFields(fields[:])
	return nil
}

// fieldOf returns the index in keys of the key whose quoted JSON name is
// name, or -1, matching names to keys as encoding/json matches them to
// fields: exactly, else case-insensitively.
func fieldOf(name []byte, keys []string) int {
	for i, k := range keys {
		if len(name) == len(k)+2 && string(name[1:len(name)-1]) == k {
			return i
		}
	}
	var s string
	if err := json.Unmarshal(name, &s); err != nil {
		return -1
	}
	for i, k := range keys {
		if strings.EqualFold(s, k) {
			return i
		}
	}
	return -1
}

// decodeSpansLine decodes Claimdesk's own lines and spaCy/Prodigy lines:
// "spans" of {"start","end","label"} with optional id, text, annotator,
// annotators (a list of names), created, updated, note, entity
// {"id","name","kind","affiliation"} and concept {"id","name"}, and
// Claimdesk "relations" {"id","type","from","to"}. A span's entity and
// concept go into the record's Entities and Concepts under their id (or,
// without one, under "name:" and their annotate.NameKey, with no ID), and
// the span refers to them by that key.
func decodeSpansLine(o object) (annotate.Record, error) {
	d, err := decodeDocument(o, "import_id")
	if err != nil {
		return annotate.Record{}, err
	}
	rec := annotate.Record{Document: d}
	raws := *o.spans
	c, err := lineChecker(o, d.Text)
	if err != nil {
		return annotate.Record{}, err
	}
	rec.Spans = make([]annotate.Span, 0, len(raws))
	for i := range raws {
		rs := &raws[i]
		if rs.null {
			return rec, annotate.Errorf(annotate.EINVALID, "spans[%d] must be an object, not null", i)
		}
		s, err := rs.span(i, c)
		if err != nil {
			return rec, err
		}
		s.DocumentID = d.ID
		if s.Entity, err = rs.entity(i, &rec); err != nil {
			return rec, err
		}
		if s.Concept, err = rs.concept(i, &rec); err != nil {
			return rec, err
		}
		rec.Spans = append(rec.Spans, s)
	}
	if err := c.verify(); err != nil {
		return rec, err
	}
	rec.Relations, err = decodeRelations(o.get("relations"), c, &rec, raws, o.sc)
	return rec, err
}

// decodeRawSpans decodes a "spans" list; a null item is an error.
func decodeRawSpans(raw jsontext.Value) ([]rawSpan, error) {
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

// span decodes the i-th span of a line, checking it with c. Errors name
// the span ("spans[2] \"start\" must be an integer, …"); the name is
// made only for an error, as this runs for every span.
func (rs *rawSpan) span(i int, c *spanChecker) (annotate.Span, error) {
	var s annotate.Span
	var err error
	at := func(err error) error { return fmt.Errorf("spans[%d] %w", i, err) }
	if s.Start, err = rawInt(rs.Start, `"start"`); err != nil {
		return s, at(err)
	}
	if s.End, err = rawInt(rs.End, `"end"`); err != nil {
		return s, at(err)
	}
	if s.Label, err = rawString(rs.Label, `"label"`); err != nil {
		return s, at(err)
	}
	var claimed *string
	if !isNull(rs.Text) {
		t, err := rawString(rs.Text, `"text"`)
		if err != nil {
			return s, at(err)
		}
		claimed = &t
	}
	if s.Start, s.End, err = c.check(s.Start, s.End, s.Label, claimed); err != nil {
		return s, err
	}
	if s.ID, err = rawID(rs.ID, `"id"`); err != nil {
		return s, at(err)
	}
	if err := c.addID(s.ID); err != nil {
		return s, err
	}
	if s.Annotator, err = rawString(rs.Annotator, `"annotator"`); err != nil {
		return s, at(err)
	}
	if s.Note, err = rawString(rs.Note, `"note"`); err != nil {
		return s, at(err)
	}
	if s.Annotators, err = rawStrings(rs.Annotators, `"annotators"`); err != nil {
		return s, at(err)
	}
	if s.Created, err = rawTime(rs.Created, `"created"`); err != nil {
		return s, at(err)
	}
	if s.Updated, err = rawTime(rs.Updated, `"updated"`); err != nil {
		return s, at(err)
	}
	return s, nil
}

// rawRelation is a relation of Claimdesk's export ("id", "type", "from",
// "to": span ids) or of Prodigy's ("label", "head_span", "child_span",
// "head", "child": prodigy.go).
type rawRelation struct {
	ID        jsontext.Value `json:"id"`
	Type      jsontext.Value `json:"type"`
	From      jsontext.Value `json:"from"`
	To        jsontext.Value `json:"to"`
	Label     jsontext.Value `json:"label"`
	Head      jsontext.Value `json:"head"`
	Child     jsontext.Value `json:"child"`
	HeadSpan  jsontext.Value `json:"head_span"`
	ChildSpan jsontext.Value `json:"child_span"`
}

// decodeRelations decodes a line's "relations" between its spans, rec's,
// checked by c; raws are the line's raw spans, in rec.Spans' order, which
// Prodigy's relations name by their offsets. A Prodigy relation between
// tokens that are not spans is left out, counted in sc.
func decodeRelations(raw jsontext.Value, c *spanChecker, rec *annotate.Record, raws []rawSpan, sc *lineScratch) ([]annotate.Relation, error) {
	if isNull(raw) || raw[0] != '[' {
		_, err := rawArray(raw, `"relations"`)
		return nil, err
	}
	// Decode the list at once; only a list with an item that is not an
	// object is decoded again, item by item, to say which.
	var rrs []*rawRelation
	if err := jsonv2.Unmarshal(raw, &rrs, lineOptions); err != nil || slices.Contains(rrs, nil) {
		items, err := rawArray(raw, `"relations"`)
		if err != nil {
			return nil, err
		}
		for i, item := range items {
			if isNull(item) || item[0] != '{' {
				return nil, annotate.Errorf(annotate.EINVALID, "relations[%d] must be an object, not %s", i, jsonKind(item))
			}
			var rr rawRelation
			if err := json.Unmarshal(item, &rr); err != nil {
				return nil, annotate.Errorf(annotate.EINVALID, "relations[%d]: %v", i, err)
			}
		}
		return nil, annotate.Errorf(annotate.EINVALID, `"relations" cannot be decoded`)
	}
	if len(rrs) == 0 {
		return nil, nil
	}
	rels := make([]annotate.Relation, 0, len(rrs))
	var err error
	var at map[[2]int][]int
	for i, rr := range rrs {
		where := fmt.Sprintf("relations[%d]", i)
		if rr.isProdigy() {
			r, ok, err := prodigyRelation(where, rr, rec, raws, &at)
			if err != nil {
				return nil, err
			}
			if ok {
				rels = append(rels, r)
			} else if sc != nil {
				sc.prodigy.relations++
			}
			continue
		}
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
func rawStrings(raw jsontext.Value, what string) ([]string, error) {
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

// rawEntity is a span's "entity" object; rawConcept its "concept".
type rawEntity struct {
	ID          jsontext.Value `json:"id"`
	Name        jsontext.Value `json:"name"`
	Kind        jsontext.Value `json:"kind"`
	Affiliation jsontext.Value `json:"affiliation"`
	Aliases     jsontext.Value `json:"aliases"`
}

// rawObject decodes the optional object raw into v; what names it in
// errors. It reports whether raw held one.
func rawObject(raw jsontext.Value, what string, v any) (bool, error) {
	if isNull(raw) {
		return false, nil
	}
	if raw[0] != '{' {
		return false, annotate.Errorf(annotate.EINVALID, "%s must be an object, not %s", what, jsonKind(raw))
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return false, annotate.Errorf(annotate.EINVALID, "%s: %v", what, err)
	}
	return true, nil
}

// nameRef is the key of an entity or concept without an id in a record's
// Entities or Concepts.
func nameRef(name string) string { return "name:" + annotate.NameKey(name) }

// entity decodes the i-th span's "entity" into rec.Entities and returns
// the key the span refers to it by ("" when it has none).
func (rs *rawSpan) entity(i int, rec *annotate.Record) (string, error) {
	if isNull(rs.Entity) {
		return "", nil
	}
	var re rawEntity
	where := fmt.Sprintf(`spans[%d] "entity"`, i)
	ok, err := rawObject(rs.Entity, where, &re)
	if err != nil || !ok {
		return "", err
	}
	var e annotate.Entity
	if e.ID, err = rawID(re.ID, where+` "id"`); err != nil {
		return "", err
	}
	if e.Name, err = rawString(re.Name, where+` "name"`); err != nil {
		return "", err
	}
	if e.Kind, err = rawString(re.Kind, where+` "kind"`); err != nil {
		return "", err
	}
	if e.Affiliation, err = rawString(re.Affiliation, where+` "affiliation"`); err != nil {
		return "", err
	}
	if e.Aliases, err = rawStrings(re.Aliases, where+` "aliases"`); err != nil {
		return "", err
	}
	check := e
	check.ID = "-"
	if err := check.Validate(); err != nil {
		return "", fmt.Errorf("%s: %w", where, err)
	}
	key := e.ID
	if key == "" {
		key = nameRef(e.Name)
	}
	if old, dup := rec.Entities[key]; dup && !old.Equal(e) {
		return "", annotate.Errorf(annotate.EINVALID, "%s: actor %s is given twice, as %q and %q", where, key, old.Name, e.Name)
	}
	if rec.Entities == nil {
		rec.Entities = make(map[string]annotate.Entity)
	}
	rec.Entities[key] = e
	return key, nil
}

// concept decodes the i-th span's "concept" into rec.Concepts and returns
// the key the span refers to it by ("" when it has none).
func (rs *rawSpan) concept(i int, rec *annotate.Record) (string, error) {
	var rc struct {
		ID   jsontext.Value `json:"id"`
		Name jsontext.Value `json:"name"`
	}
	if isNull(rs.Concept) {
		return "", nil
	}
	where := fmt.Sprintf(`spans[%d] "concept"`, i)
	ok, err := rawObject(rs.Concept, where, &rc)
	if err != nil || !ok {
		return "", err
	}
	var c annotate.Concept
	if c.ID, err = rawID(rc.ID, where+` "id"`); err != nil {
		return "", err
	}
	if c.Name, err = rawString(rc.Name, where+` "name"`); err != nil {
		return "", err
	}
	check := c
	check.ID = "-"
	if err := check.Validate(); err != nil {
		return "", fmt.Errorf("%s: %w", where, err)
	}
	key := c.ID
	if key == "" {
		key = nameRef(c.Name)
	}
	if old, dup := rec.Concepts[key]; dup && old != c {
		return "", annotate.Errorf(annotate.EINVALID, "%s: concept %s is given twice, as %q and %q", where, key, old.Name, c.Name)
	}
	if rec.Concepts == nil {
		rec.Concepts = make(map[string]annotate.Concept)
	}
	rec.Concepts[key] = c
	return key, nil
}

// SpacyWriter writes records as spaCy/Prodigy JSONL, one line each, as
// Prodigy's ner.manual and rel.manual save them:
//
//	{"id","text","meta":{...},
//	 "spans":[{"start","end","token_start","token_end","label","text"}],
//	 "relations":[{"head","child","head_span":{...},"child_span":{...},"label"}],
//	 "tokens":[{"text","start","end","id","ws"}]}
//
// Offsets are code points (Python's string indices), spans in CompareSpans
// order. "id" is the document's id and "meta" its Meta with its title and
// source (when not empty), which import reads back. With tokens
// (Target.Tokens, -tokens) each line has "tokens": the tokens of the
// conll format (the words of Unicode segmentation cut at every span's
// start and end, white space left out, "ws" telling whether white space
// follows the token; Target.Align chooses another alignment), and each
// span its first and last token ("token_end" inclusive, as Prodigy
// counts), its offsets those of its tokens. A span without a token (white
// space only; with -align contract, inside a word) keeps its offsets and
// is written without "token_start"/"token_end". What was changed is
// counted (TokenCounts).
//
// Relations are written as Prodigy's: "head_span" and "child_span" are
// the spans they link ({"start","end","label"}, with their tokens'
// indices with -tokens), "label" the relation's type, and "head" and
// "child" the index of each span's last token (Prodigy's token indices),
// written only with tokens; those written without them are counted
// (TokenCounts.Headless). Annotators, notes and times are not part of
// this format. Output is buffered: call Flush at the end.
type SpacyWriter struct {
	lineEncoder
	tokens  bool
	align   string
	counts  TokenCounts
	line    bytes.Buffer  // a line but its tokens
	lineEnc *json.Encoder // to line, without HTML escaping
}

// NewSpacyWriter returns a writer of spaCy/Prodigy JSONL to w; tokens
// says whether to write each document's tokens and each span's token
// indices, align how to fit spans to tokens (AlignModes, "" for the
// default).
func NewSpacyWriter(w io.Writer, tokens bool, align string) *SpacyWriter {
	return &SpacyWriter{lineEncoder: newLineEncoder(w), tokens: tokens, align: align}
}

// TokenCounts returns what the writer changed or left out so far.
func (w *SpacyWriter) TokenCounts() TokenCounts { return w.counts }

// spacyLine is one line of spaCy/Prodigy JSONL but its "tokens", which
// Write adds at its end.
type spacyLine struct {
	ID        string          `json:"id,omitempty"`
	Text      string          `json:"text"`
	Meta      map[string]any  `json:"meta,omitempty"`
	Spans     []spacySpan     `json:"spans"`
	Relations []spacyRelation `json:"relations,omitempty"`
}

// spacySpan is a span as Prodigy writes it, with its text.
type spacySpan struct {
	Start      int    `json:"start"`
	End        int    `json:"end"`
	TokenStart *int   `json:"token_start,omitempty"`
	TokenEnd   *int   `json:"token_end,omitempty"`
	Label      string `json:"label"`
	Text       string `json:"text,omitempty"`
}

// spacyRelation is a relation as Prodigy's rel.manual writes it.
type spacyRelation struct {
	Head      *int      `json:"head,omitempty"`
	Child     *int      `json:"child,omitempty"`
	HeadSpan  spacySpan `json:"head_span"`
	ChildSpan spacySpan `json:"child_span"`
	Label     string    `json:"label"`
}

// Write writes one record as one line. A span outside the text, a text
// that is not valid UTF-8, a relation whose ends are not among the
// record's spans, or with -align strict a span off token boundaries, is
// an EINVALID error and nothing is written.
func (w *SpacyWriter) Write(rec annotate.Record) error {
	spans, texts, err := exportSpans(&rec)
	if err != nil {
		return err
	}
	d := &rec.Document
	line := spacyLine{ID: d.ID, Text: d.Text, Spans: make([]spacySpan, len(spans))}
	if len(d.Meta) > 0 || d.Title != "" || d.Source != "" {
		line.Meta = make(map[string]any, len(d.Meta)+2)
		maps.Copy(line.Meta, d.Meta)
		for k, v := range map[string]string{"title": d.Title, "source": d.Source} {
			if _, ok := line.Meta[k]; !ok && v != "" {
				line.Meta[k] = v
			}
		}
	}
	var counts TokenCounts
	var td *tokenDoc
	if w.tokens {
		if td, counts, err = cutTokens(d.ID, d.Text, spans, w.align); err != nil {
			return err
		}
	}
	var ix *annotate.RuneIndex
	for i, s := range spans {
		line.Spans[i] = spacySpan{Start: s.Start, End: s.End, Label: s.Label, Text: texts[i]}
		if td == nil || td.spans[i].first < 0 {
			continue
		}
		f := td.spans[i]
		first, last := f.first, f.last
		sp := &line.Spans[i]
		sp.TokenStart, sp.TokenEnd = &first, &last
		if ts, te := int(td.toks[first].start), int(td.toks[last].end); ts != s.Start || te != s.End {
			if ix == nil {
				ix = annotate.NewRuneIndex(d.Text)
			}
			sp.Start, sp.End, sp.Text = ts, te, ix.Slice(ts, te)
		}
	}
	if len(rec.Relations) > 0 {
		at := make(map[string]int, len(spans))
		for i, s := range spans {
			at[s.ID] = i
		}
		line.Relations = make([]spacyRelation, len(rec.Relations))
		for i, r := range rec.Relations {
			from, ok1 := at[r.From]
			to, ok2 := at[r.To]
			if !ok1 || !ok2 {
				return annotate.Errorf(annotate.EINVALID, "document %s: relation %s links a span the record does not have", d.ID, r.ID)
			}
			rel := &line.Relations[i]
			rel.HeadSpan, rel.ChildSpan, rel.Label = line.Spans[from], line.Spans[to], r.Type
			rel.HeadSpan.Text, rel.ChildSpan.Text = "", ""
			if rel.HeadSpan.TokenEnd != nil && rel.ChildSpan.TokenEnd != nil {
				rel.Head, rel.Child = rel.HeadSpan.TokenEnd, rel.ChildSpan.TokenEnd
			} else {
				counts.Headless++
			}
		}
	}
	w.line.Reset()
	if w.lineEnc == nil {
		w.lineEnc = json.NewEncoder(&w.line)
		w.lineEnc.SetEscapeHTML(false)
	}
	if err := w.lineEnc.Encode(&line); err != nil {
		var je *json.UnsupportedValueError
		var te *json.UnsupportedTypeError
		if errors.As(err, &je) || errors.As(err, &te) {
			return annotate.Errorf(annotate.EINVALID, "document %s: meta cannot be written as JSON: %v", d.ID, err)
		}
		return err
	}
	b := bytes.TrimSuffix(w.line.Bytes(), []byte("\n"))
	if td == nil {
		w.bw.Write(b)
	} else {
		// The tokens, most of a line, are written one by one, last,
		// rather than held as values and then as JSON.
		w.bw.Write(b[:len(b)-1]) // without its "}"
		w.bw.WriteString(`,"tokens":[`)
		var buf []byte
		for i, t := range td.toks {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, `{"text":`...)
			buf = appendJSONString(buf, t.text(td.text))
			buf = append(buf, `,"start":`...)
			buf = strconv.AppendInt(buf, int64(t.start), 10)
			buf = append(buf, `,"end":`...)
			buf = strconv.AppendInt(buf, int64(t.end), 10)
			buf = append(buf, `,"id":`...)
			buf = strconv.AppendInt(buf, int64(i), 10)
			buf = append(buf, `,"ws":`...)
			buf = strconv.AppendBool(buf, t.ws)
			buf = append(buf, '}')
			if len(buf) > 32<<10 {
				w.bw.Write(buf)
				buf = buf[:0]
			}
		}
		w.bw.Write(buf)
		w.bw.WriteString("]}")
	}
	if err := w.bw.WriteByte('\n'); err != nil {
		return err
	}
	w.counts.Add(counts)
	return nil
}

// appendJSONString appends s as a JSON string, as the line encoder writes
// it (no HTML escaping; U+2028 and U+2029 escaped, as encoding/json does).
func appendJSONString(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c == 0xE2 && (strings.HasPrefix(s[i:], "\u2028") || strings.HasPrefix(s[i:], "\u2029")) {
			var out bytes.Buffer // rare: let encoding/json escape it
			enc := json.NewEncoder(&out)
			enc.SetEscapeHTML(false)
			enc.Encode(s)
			return append(buf, bytes.TrimSuffix(out.Bytes(), []byte("\n"))...)
		}
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"')
}
