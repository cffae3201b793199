package store

import (
	"bytes"
	"encoding/binary"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// bucketKeys is a document's natural-key index: the encoded
// annotate.SpanKey of each of its spans → the span's id. It makes the
// rule "no two spans of a document share a natural key" one lookup per
// change, however many spans the document has.
//
// Files written before the index existed have documents without it: the
// first change of such a document builds it, in the same read-write
// transaction, and Check verifies it wherever it exists. Reading never
// needs it, so those files open read-only as they are.
var bucketKeys = []byte("keys")

// encodeSpanKey encodes a natural key unambiguously: start and end as
// 8-byte big-endian numbers, the label's length as a uvarint, the label,
// then the annotator.
func encodeSpanKey(k annotate.SpanKey) []byte {
	buf := make([]byte, 0, 16+binary.MaxVarintLen64+len(k.Label)+len(k.Annotator))
	buf = binary.BigEndian.AppendUint64(buf, uint64(k.Start))
	buf = binary.BigEndian.AppendUint64(buf, uint64(k.End))
	buf = binary.AppendUvarint(buf, uint64(len(k.Label)))
	buf = append(buf, k.Label...)
	return append(buf, k.Annotator...)
}

// decodeSpanKey reverses encodeSpanKey.
func decodeSpanKey(b []byte) (annotate.SpanKey, bool) {
	if len(b) < 17 {
		return annotate.SpanKey{}, false
	}
	start, end := binary.BigEndian.Uint64(b), binary.BigEndian.Uint64(b[8:])
	n, w := binary.Uvarint(b[16:])
	if w <= 0 || uint64(len(b)-16-w) < n {
		return annotate.SpanKey{}, false
	}
	rest := b[16+w:]
	return annotate.SpanKey{Start: int(start), End: int(end), Label: string(rest[:n]), Annotator: string(rest[n:])}, true
}

// spanKeys returns the natural-key index of the document bucket b, in a
// read-write transaction, building it from the document's spans when the
// document has none yet.
func spanKeys(b *bolt.Bucket, docID string) (*bolt.Bucket, error) {
	if keys := b.Bucket(bucketKeys); keys != nil {
		return keys, nil
	}
	keys, err := b.CreateBucket(bucketKeys)
	if err != nil {
		return nil, err
	}
	err = b.Bucket(bucketSpans).ForEach(func(k, v []byte) error {
		var sp annotate.Span
		if err := decodeSpan(k, docID, v, &sp); err != nil {
			return errDamaged("span "+string(k)+" of document "+docID, err)
		}
		return keys.Put(encodeSpanKey(sp.Key()), k)
	})
	return keys, err
}

// claimKey records sp's natural key in the index keys, or returns the
// ECONFLICT error naming the other span of the document (spans) that has
// it.
func claimKey(keys, spans *bolt.Bucket, docID string, sp *annotate.Span) error {
	k := encodeSpanKey(sp.Key())
	if id := keys.Get(k); id != nil && !bytes.Equal(id, []byte(sp.ID)) {
		other, err := getSpan(spans, docID, string(id))
		if err != nil {
			return errDamaged("the natural-key index of document "+docID+" names span "+string(id), err)
		}
		return annotate.DuplicateSpanError(docID, other)
	}
	return keys.Put(k, []byte(sp.ID))
}

// releaseKey removes sp's natural key from the index keys, if it names sp.
func releaseKey(keys *bolt.Bucket, sp *annotate.Span) error {
	k := encodeSpanKey(sp.Key())
	if bytes.Equal(keys.Get(k), []byte(sp.ID)) {
		return keys.Delete(k)
	}
	return nil
}
