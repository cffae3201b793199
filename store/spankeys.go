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
// Its keys begin with the annotator (encodeSpanKey), so that each
// annotator's spans of a document are one stretch of the index: a coder's
// package collected into a document that twenty coders share changes the
// pages of that coder's stretch only, not every page of the index (with
// the offsets first, the coders' keys interleaved, and collecting one
// package rewrote the whole index of every sample document, which bbolt
// holds in memory until the commit: 1 GB for a round of 20 coders ×
// 100,000 spans).
//
// Files written before the index existed have documents without it, and
// files written before it began with the annotator have the index under
// the name of legacyKeys, offsets first, which nothing reads: the first
// change of such a document builds the index (and drops the old one), in
// the same read-write transaction, and Check verifies it wherever it
// exists. Reading never needs it, so those files open read-only as they
// are.
var bucketKeys = []byte("spankeys")

// legacyKeys is the name of the natural-key index of files written
// before its keys began with the annotator (see bucketKeys).
var legacyKeys = []byte("keys")

// encodeSpanKey encodes a natural key unambiguously: the annotator's
// length as a uvarint, the annotator, start and end as 8-byte big-endian
// numbers, then the label.
func encodeSpanKey(k annotate.SpanKey) []byte {
	buf := make([]byte, 0, 2*binary.MaxVarintLen64+16+len(k.Label)+len(k.Annotator))
	buf = binary.AppendUvarint(buf, uint64(len(k.Annotator)))
	buf = append(buf, k.Annotator...)
	buf = binary.BigEndian.AppendUint64(buf, uint64(k.Start))
	buf = binary.BigEndian.AppendUint64(buf, uint64(k.End))
	return append(buf, k.Label...)
}

// decodeSpanKey reverses encodeSpanKey.
func decodeSpanKey(b []byte) (annotate.SpanKey, bool) {
	n, w := binary.Uvarint(b)
	if w <= 0 || uint64(len(b)-w) < n || uint64(len(b)-w)-n < 16 {
		return annotate.SpanKey{}, false
	}
	annotator := b[w : w+int(n)]
	rest := b[w+int(n):]
	start, end := binary.BigEndian.Uint64(rest), binary.BigEndian.Uint64(rest[8:])
	return annotate.SpanKey{Start: int(start), End: int(end), Label: string(rest[16:]), Annotator: string(annotator)}, true
}

// spanKeys returns the natural-key index of the document bucket b, in a
// read-write transaction, building it from the document's spans when the
// document has none yet (and dropping an index of the old layout).
func spanKeys(b *bolt.Bucket, docID string) (*bolt.Bucket, error) {
	if keys := b.Bucket(bucketKeys); keys != nil {
		return keys, nil
	}
	if b.Bucket(legacyKeys) != nil {
		if err := b.DeleteBucket(legacyKeys); err != nil {
			return nil, err
		}
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
