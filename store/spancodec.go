package store

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"

	"claimdesk/annotate"
)

// decodeSpan decodes a stored span into sp. Spans are stored as
// encoding/json writes an annotate.Span (putSpan): decodeSpan reads that
// exact form directly, with or without an entity and a concept, without
// reflection (opening a document of 5,000 spans spent most of its time in
// encoding/json), and hands anything else (a string with an escape,
// annotators, another order of fields, a time with an offset) to
// json.Unmarshal. Its result is always json.Unmarshal's.
func decodeSpan(data []byte, sp *annotate.Span) error {
	if decodeSpanFast(data, sp) {
		return nil
	}
	*sp = annotate.Span{}
	return json.Unmarshal(data, sp)
}

// decodeSpanFast decodes the plain form of a stored span and reports
// whether data had it; when it did not, sp may be partly written.
func decodeSpanFast(data []byte, sp *annotate.Span) bool {
	r := spanReader{data: data}
	var s annotate.Span
	ok := r.lit(`{"id":`) && r.str(&s.ID) &&
		r.lit(`,"document_id":`) && r.str(&s.DocumentID) &&
		r.lit(`,"start":`) && r.int(&s.Start) &&
		r.lit(`,"end":`) && r.int(&s.End) &&
		r.lit(`,"label":`) && r.str(&s.Label) &&
		r.lit(`,"annotator":`) && r.str(&s.Annotator) &&
		r.lit(`,"created":`) && r.time(&s.Created) &&
		r.lit(`,"updated":`) && r.time(&s.Updated) &&
		r.lit(`,"note":`) && r.str(&s.Note) &&
		(!r.peek(`,"entity":`) || r.lit(`,"entity":`) && r.str(&s.Entity)) &&
		(!r.peek(`,"concept":`) || r.lit(`,"concept":`) && r.str(&s.Concept)) &&
		r.lit(`}`) && len(r.data) == 0
	if ok {
		*sp = s
	}
	return ok
}

// spanReader reads the plain form of a stored span from the front of data.
type spanReader struct{ data []byte }

// peek reports whether the literal s comes next.
func (r *spanReader) peek(s string) bool { return bytes.HasPrefix(r.data, []byte(s)) }

// lit consumes the literal s.
func (r *spanReader) lit(s string) bool {
	if !bytes.HasPrefix(r.data, []byte(s)) {
		return false
	}
	r.data = r.data[len(s):]
	return true
}

// raw consumes a JSON string without escapes and returns its bytes.
func (r *spanReader) raw() ([]byte, bool) {
	if len(r.data) == 0 || r.data[0] != '"' {
		return nil, false
	}
	end := bytes.IndexByte(r.data[1:], '"')
	if end < 0 {
		return nil, false
	}
	b := r.data[1 : 1+end]
	if bytes.IndexByte(b, '\\') >= 0 || !utf8.Valid(b) {
		return nil, false
	}
	for _, c := range b {
		if c < 0x20 {
			return nil, false // control characters are escaped in valid JSON
		}
	}
	r.data = r.data[2+end:]
	return b, true
}

func (r *spanReader) str(dst *string) bool {
	b, ok := r.raw()
	if ok {
		*dst = string(b)
	}
	return ok
}

func (r *spanReader) int(dst *int) bool {
	n := 0
	for n < len(r.data) && (r.data[n] == '-' || r.data[n] >= '0' && r.data[n] <= '9') {
		n++
	}
	v, err := strconv.Atoi(string(r.data[:n]))
	if err != nil || (n > 1 && r.data[0] == '0') || (n > 2 && r.data[0] == '-' && r.data[1] == '0') {
		return false
	}
	*dst = v
	r.data = r.data[n:]
	return true
}

// time reads a UTC time as encoding/json writes it (RFC 3339 with "Z").
func (r *spanReader) time(dst *time.Time) bool {
	b, ok := r.raw()
	if !ok || len(b) == 0 || b[len(b)-1] != 'Z' {
		return false
	}
	var t time.Time
	if err := t.UnmarshalText(b); err != nil {
		return false
	}
	*dst = t
	return true
}
