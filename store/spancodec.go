package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strconv"
	"time"
	"unicode/utf8"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// Stored spans have two forms. Schema 2 writes the compact binary form
// (encodeSpan): a version byte spanBinary, then the fields without the
// span's id (the key) and document id (the document's bucket):
//
//	varint start, varint end-start,
//	string label, string annotator,
//	varint created (Unix seconds), uvarint created (nanoseconds),
//	varint updated-created (seconds), uvarint updated (nanoseconds),
//	string note, uvarint number of annotators, string each,
//	string entity, string concept
//
// where a string is its length (uvarint) and its UTF-8 bytes. Schema 1
// (and a span whose times are not UTC, which the store never writes)
// stored the JSON encoding/json writes of an annotate.Span: it always
// starts with '{', and is read as before.
const spanBinary = 1

// encodeSpan returns the stored form of sp: binary, or JSON for a span
// whose times are not in UTC (so that decoding gives back exactly sp).
func encodeSpan(sp *annotate.Span) ([]byte, error) {
	if sp.Created.Location() != time.UTC || sp.Updated.Location() != time.UTC {
		return json.Marshal(sp)
	}
	n := 1 + 4*binary.MaxVarintLen64 + len(sp.Label) + len(sp.Annotator) + len(sp.Note) + len(sp.Entity) + len(sp.Concept) + 8*binary.MaxVarintLen64
	for _, a := range sp.Annotators {
		n += binary.MaxVarintLen64 + len(a)
	}
	buf := make([]byte, 0, n)
	buf = append(buf, spanBinary)
	buf = binary.AppendVarint(buf, int64(sp.Start))
	buf = binary.AppendVarint(buf, int64(sp.End)-int64(sp.Start))
	buf = appendString(buf, sp.Label)
	buf = appendString(buf, sp.Annotator)
	buf = binary.AppendVarint(buf, sp.Created.Unix())
	buf = binary.AppendUvarint(buf, uint64(sp.Created.Nanosecond()))
	buf = binary.AppendVarint(buf, sp.Updated.Unix()-sp.Created.Unix())
	buf = binary.AppendUvarint(buf, uint64(sp.Updated.Nanosecond()))
	buf = appendString(buf, sp.Note)
	buf = binary.AppendUvarint(buf, uint64(len(sp.Annotators)))
	for _, a := range sp.Annotators {
		buf = appendString(buf, a)
	}
	buf = appendString(buf, sp.Entity)
	return appendString(buf, sp.Concept), nil
}

func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// errSpanForm is the error of a stored span in neither form.
var errSpanForm = errors.New("not a stored span")

// decodeSpan decodes the stored span of key k (its id) in the document
// docID into sp: the binary form of encodeSpan, or the JSON of schema 1.
// JSON as encoding/json writes an annotate.Span is read directly, with or
// without an entity and a concept, without reflection (opening a document
// of 5,000 spans spent most of its time in encoding/json); anything else
// (a string with an escape, annotators, another order of fields, a time
// with an offset) goes to json.Unmarshal, whose result it always is.
func decodeSpan(k []byte, docID string, data []byte, sp *annotate.Span) error {
	if len(data) > 0 && data[0] == spanBinary {
		return decodeSpanBinary(k, docID, data, sp)
	}
	if decodeSpanFast(data, sp) {
		return nil
	}
	*sp = annotate.Span{}
	return json.Unmarshal(data, sp)
}

// decodeSpanBinary decodes encodeSpan's binary form.
func decodeSpanBinary(k []byte, docID string, data []byte, sp *annotate.Span) error {
	r := binReader{data: data[1:]}
	var s annotate.Span
	s.ID, s.DocumentID = string(k), docID
	start, length := r.varint(), r.varint()
	s.Start, s.End = int(start), int(start+length)
	s.Label, s.Annotator = r.str(), r.str()
	csec, cns := r.varint(), r.uvarint()
	usec, uns := r.varint(), r.uvarint()
	if cns >= 1e9 || uns >= 1e9 {
		r.bad = true
	}
	s.Created = time.Unix(csec, int64(cns)).UTC()
	s.Updated = time.Unix(csec+usec, int64(uns)).UTC()
	s.Note = r.str()
	if n := r.uvarint(); n > 0 && n <= uint64(len(r.data)) {
		s.Annotators = make([]string, n)
		for i := range s.Annotators {
			s.Annotators[i] = r.str()
		}
	} else if n > 0 {
		r.bad = true
	}
	s.Entity, s.Concept = r.str(), r.str()
	if r.bad || len(r.data) != 0 {
		return errSpanForm
	}
	*sp = s
	return nil
}

// spanFacts returns what the project's counts need of a stored span: its
// label and annotator.
func spanFacts(k []byte, docID string, data []byte) (label, annotator string, err error) {
	if len(data) > 0 && data[0] == spanBinary {
		r := binReader{data: data[1:]}
		r.varint()
		r.varint()
		label, annotator = r.str(), r.str()
		if r.bad {
			return "", "", errSpanForm
		}
		return label, annotator, nil
	}
	var sp annotate.Span
	if err := decodeSpan(k, docID, data, &sp); err != nil {
		return "", "", err
	}
	return sp.Label, sp.Annotator, nil
}

// binReader reads the binary forms of the store; bad records the first
// malformed read, after which every read gives the zero value.
type binReader struct {
	data []byte
	bad  bool
}

func (r *binReader) varint() int64 {
	v, n := binary.Varint(r.data)
	if n <= 0 {
		r.bad, r.data = true, nil
		return 0
	}
	r.data = r.data[n:]
	return v
}

func (r *binReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.bad, r.data = true, nil
		return 0
	}
	r.data = r.data[n:]
	return v
}

func (r *binReader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.data)) {
		r.bad, r.data = true, nil
		return nil
	}
	b := r.data[:n]
	r.data = r.data[n:]
	return b
}

func (r *binReader) str() string {
	b := r.bytes()
	if len(b) == 0 {
		return ""
	}
	return string(b)
}

// getSpan returns the span spanID of a document's spans bucket, or an
// ENOTFOUND error.
func getSpan(spans *bolt.Bucket, docID, spanID string) (annotate.Span, error) {
	var sp annotate.Span
	v := spans.Get([]byte(spanID))
	if spanID == "" || v == nil {
		return sp, errNoSpan(docID, spanID)
	}
	if err := decodeSpan([]byte(spanID), docID, v, &sp); err != nil {
		return sp, errDamaged("span "+spanID+" of document "+docID, err)
	}
	return sp, nil
}

// putSpan stores a span, new or changed, in a document's spans bucket, in
// its compact form (encodeSpan), and keeps the project's counts (the
// counts bucket) up to date in the same transaction: any code that adds
// a span or changes its label or annotator must store it through
// putSpan (an import: storeNewSpan, counting with importer.countSpans),
// and remove it through dropSpan.
func putSpan(spans *bolt.Bucket, sp *annotate.Span) error {
	data, err := encodeSpan(sp)
	if err != nil {
		return err
	}
	k := []byte(sp.ID)
	old := spans.Get(k)
	if err := spanCounted(spans.Tx(), sp.DocumentID, k, old, sp, nil); err != nil {
		return err
	}
	return spans.Put(k, data)
}

// storeNewSpan stores a span that its document does not hold (the caller
// knows it), without looking it up first, for an import, which counts the
// spans it adds itself (importer.countSpans): unlike putSpan, it keeps no
// counts.
func storeNewSpan(spans *bolt.Bucket, sp *annotate.Span) error {
	data, err := encodeSpan(sp)
	if err != nil {
		return err
	}
	return spans.Put(stringBytes(sp.ID), data)
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
