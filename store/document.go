package store

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"
	"unsafe"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// docInfo is what the info key of a document's bucket holds: the document
// without its text, with its number of spans and its key in the order
// bucket.
type docInfo struct {
	ID      string          `json:"id"`
	Title   string          `json:"title"`
	Source  string          `json:"source"`
	Status  annotate.Status `json:"status"`
	Created time.Time       `json:"created"`
	SHA256  string          `json:"sha256"`
	Meta    map[string]any  `json:"meta,omitempty"`
	Spans   int             `json:"spans"`
	Seq     uint64          `json:"seq"`
}

func (in *docInfo) documentInfo() annotate.DocumentInfo {
	return annotate.DocumentInfo{ID: in.ID, Title: in.Title, Source: in.Source,
		Status: in.Status, Created: in.Created, Spans: in.Spans, SHA256: in.SHA256}
}

// document returns the document of the info with its text.
func (in *docInfo) document(text string) annotate.Document {
	return annotate.Document{ID: in.ID, Title: in.Title, Source: in.Source, Text: text,
		Status: in.Status, Created: in.Created, SHA256: in.SHA256, Meta: in.Meta}
}

// Documents lists the documents in import order, with their span counts,
// without reading their texts; not those of an import in progress
// (ImportStream). It is one read transaction; its error is EINTERNAL for
// a damaged file.
func (s *Store) Documents() ([]annotate.DocumentInfo, error) {
	var list []annotate.DocumentInfo
	err := s.view(func(tx *bolt.Tx) error {
		docs := tx.Bucket(bucketDocs)
		order := tx.Bucket(bucketOrder)
		list = make([]annotate.DocumentInfo, 0, order.Sequence())
		return order.ForEach(func(_, id []byte) error {
			b := docs.Bucket(id)
			if b == nil {
				return errDamaged("the order bucket lists a missing document "+string(id), nil)
			}
			in, err := getInfo(b, id)
			if err != nil {
				return err
			}
			list = append(list, in.documentInfo())
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// Document returns one document with its text. Its error is ENOTFOUND for
// an unknown id, or that of a document of an import in progress
// (ImportStream). It is one read transaction.
func (s *Store) Document(id string) (annotate.Document, error) {
	var d annotate.Document
	err := s.view(func(tx *bolt.Tx) error {
		b, err := mustDoc(tx, id)
		if err != nil {
			return err
		}
		in, err := getInfo(b, []byte(id))
		if err != nil {
			return err
		}
		d = in.document(string(b.Get(keyText)))
		return nil
	})
	return d, err
}

// AddDocument stores a new document without spans, last in import order,
// in one transaction. The caller gives its id; an empty SHA256 is computed,
// an empty status means todo and a zero Created means now. Errors:
// EINVALID for a document that breaks a rule (no id, unknown status, a
// SHA256 that does not match the text), ECONFLICT when a document with the
// same id or text is stored or being imported (ImportStream), EREADONLY.
func (s *Store) AddDocument(d annotate.Document) error {
	return s.update(func(tx *bolt.Tx) error {
		if err := completeDocument(&d, time.Now(), ""); err != nil {
			return err
		}
		if tx.Bucket(bucketDocs).Bucket([]byte(d.ID)) != nil {
			return annotate.Errorf(annotate.ECONFLICT, "document %s is already in the project", d.ID)
		}
		if other := tx.Bucket(bucketSHA).Get([]byte(d.SHA256)); other != nil {
			return annotate.Errorf(annotate.ECONFLICT, "the text of document %s is already in the project as document %s", d.ID, other)
		}
		if st := tx.Bucket(bucketStaging); st != nil && st.Bucket(stagingSHA).Get([]byte(d.SHA256)) != nil {
			return annotate.Errorf(annotate.ECONFLICT, "the text of document %s is being imported into the project; add it when the import is done", d.ID)
		}
		_, err := insertDocument(tx, &d, nil)
		return err
	})
}

// SetStatus sets a document's status, in one transaction. Errors:
// ENOTFOUND for an unknown document, EINVALID for an unknown status,
// EREADONLY.
func (s *Store) SetStatus(docID string, st annotate.Status) error {
	return s.update(func(tx *bolt.Tx) error {
		st, err := annotate.ParseStatus(string(st))
		if err != nil {
			return err
		}
		b, err := mustDoc(tx, docID)
		if err != nil {
			return err
		}
		in, err := getInfo(b, []byte(docID))
		if err != nil {
			return err
		}
		if in.Status == st {
			return nil
		}
		in.Status = st
		return putInfo(b, &in)
	})
}

// completeDocument fills a document's derived and default fields and
// validates it (annotate.Document.Complete).
func completeDocument(d *annotate.Document, now time.Time, sum string) error {
	return d.Complete(now, sum)
}

// insertDocument stores a new, complete document last in import order and
// returns its bucket. The caller has checked that its id and text are new.
// A stage that is not nil makes it a document of an import in progress:
// listed in the staging bucket instead of the order and text indexes,
// and counted in the stage's tally.
func insertDocument(tx *bolt.Tx, d *annotate.Document, st *stage) (*bolt.Bucket, error) {
	b, in, err := createDocument(tx, d, st)
	if err != nil {
		return nil, err
	}
	return b, storeInfo(b, &in, st.tally())
}

// createDocument is insertDocument without the document's info: it
// returns the info for the caller to store (storeInfo), with what it adds
// to it first (an import, its spans).
func createDocument(tx *bolt.Tx, d *annotate.Document, st *stage) (*bolt.Bucket, docInfo, error) {
	order := tx.Bucket(bucketOrder)
	order.FillPercent = 1 // keys only ever grow
	seq, err := order.NextSequence()
	if err != nil {
		return nil, docInfo{}, err
	}
	id := []byte(d.ID)
	docs := tx.Bucket(bucketDocs)
	docs.FillPercent = docsFillPercent
	b, err := docs.CreateBucket(id)
	if err != nil {
		return nil, docInfo{}, err
	}
	in := docInfo{ID: d.ID, Title: d.Title, Source: d.Source, Status: d.Status,
		Created: d.Created, SHA256: d.SHA256, Meta: d.Meta, Seq: seq}
	if err := b.Put(keyText, stringBytes(d.Text)); err != nil {
		return nil, in, err
	}
	for _, name := range [][]byte{bucketSpans, bucketRelations, bucketKeys} {
		if _, err := b.CreateBucket(name); err != nil {
			return nil, in, err
		}
	}
	if st != nil {
		return b, in, st.add(tx, seq, d.SHA256, id)
	}
	if err := tx.Bucket(bucketSHA).Put([]byte(d.SHA256), id); err != nil {
		return nil, in, err
	}
	return b, in, order.Put(seqKey(seq), id)
}

// stringBytes returns the bytes of s without copying them, for a key or
// value that bbolt's Put only reads (and copies into the file when the
// transaction commits), such as a document's text or an import's span
// ids. Nothing may write to them.
func stringBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// docsFillPercent is how full a split leaves the docs bucket's pages:
// document ids are mostly time-ordered (UUIDv7), so new ones come last.
const docsFillPercent = 0.9

// seqKey returns an order bucket key: 8 bytes, big-endian.
func seqKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }

// mustDoc returns the bucket of a document, or an ENOTFOUND error.
func mustDoc(tx *bolt.Tx, id string) (*bolt.Bucket, error) {
	if id == "" {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no document id given")
	}
	b := tx.Bucket(bucketDocs).Bucket([]byte(id))
	if b == nil || isStaged(tx, id) {
		return nil, errNoDocument(id)
	}
	return b, nil
}

// getInfo decodes the info of the document bucket b, whose id is id: the
// binary form of encodeInfo, or the JSON of schema 1.
func getInfo(b *bolt.Bucket, id []byte) (docInfo, error) {
	var in docInfo
	if err := decodeInfo(id, b.Get(keyInfo), &in); err != nil {
		return in, errDamaged("document "+string(id), err)
	}
	return in, nil
}

// decodeInfo decodes a stored info of the document id.
func decodeInfo(id, data []byte, in *docInfo) error {
	if len(data) == 0 || data[0] != infoBinary {
		*in = docInfo{}
		return json.Unmarshal(data, in)
	}
	r := binReader{data: data[1:]}
	var d docInfo
	d.ID = string(id)
	d.Title, d.Source, d.Status = r.str(), r.str(), annotate.Status(r.str())
	sec, ns := r.varint(), r.uvarint()
	if ns >= 1e9 {
		r.bad = true
	}
	d.Created = time.Unix(sec, int64(ns)).UTC()
	if sum := r.bytes(); len(sum) == 32 && !r.bad {
		d.SHA256 = hex.EncodeToString(sum)
	} else {
		d.SHA256 = string(sum)
	}
	if meta := r.bytes(); len(meta) > 0 {
		if err := json.Unmarshal(meta, &d.Meta); err != nil {
			return err
		}
	}
	d.Spans, d.Seq = int(r.uvarint()), r.uvarint()
	if r.bad || len(r.data) != 0 {
		return errors.New("not a stored document")
	}
	*in = d
	return nil
}

// infoBinary is the first byte of the binary form of a document's info
// (JSON starts with '{').
const infoBinary = 1

// encodeInfo returns the stored form of a document's info: a version byte
// infoBinary, then (strings as their length, a uvarint, and bytes) title,
// source, status, created (varint Unix seconds, uvarint nanoseconds), the
// SHA-256 (32 bytes, or its text when it is not lowercase hex), the
// metadata (JSON, empty for none), and the uvarints spans and seq. The
// id is the bucket's key. An info whose time is not UTC, which the store
// never writes, is JSON, so that it decodes as it was.
func encodeInfo(in *docInfo) ([]byte, error) {
	if in.Created.Location() != time.UTC {
		return json.Marshal(in)
	}
	var meta []byte
	if in.Meta != nil {
		var err error
		if meta, err = json.Marshal(in.Meta); err != nil {
			return nil, err
		}
	}
	buf := make([]byte, 0, 64+len(in.Title)+len(in.Source)+len(meta))
	buf = append(buf, infoBinary)
	buf = appendString(buf, in.Title)
	buf = appendString(buf, in.Source)
	buf = appendString(buf, string(in.Status))
	buf = binary.AppendVarint(buf, in.Created.Unix())
	buf = binary.AppendUvarint(buf, uint64(in.Created.Nanosecond()))
	if sum, err := hex.DecodeString(in.SHA256); err == nil && len(sum) == 32 && hex.EncodeToString(sum) == in.SHA256 {
		buf = binary.AppendUvarint(buf, 32)
		buf = append(buf, sum...)
	} else {
		buf = appendString(buf, in.SHA256)
	}
	buf = binary.AppendUvarint(buf, uint64(len(meta)))
	buf = append(buf, meta...)
	buf = binary.AppendUvarint(buf, uint64(in.Spans))
	return binary.AppendUvarint(buf, in.Seq), nil
}

// putInfo stores the info of the document bucket b and keeps the counts
// of documents by status (the counts bucket) in the same transaction: a
// document's first info counts it.
func putInfo(b *bolt.Bucket, in *docInfo) error {
	return storeInfo(b, in, nil)
}

// storeInfo is putInfo; a tally that is not nil takes the changes of the
// counts instead of the counts bucket.
func storeInfo(b *bolt.Bucket, in *docInfo, into *tally) error {
	data, err := encodeInfo(in)
	if err != nil {
		return err
	}
	t := make(tally)
	if old := b.Get(keyInfo); old == nil {
		t.add(countDocs, 1)
		t.add(countStatus+string(in.Status), 1)
	} else {
		var was docInfo
		if err := decodeInfo([]byte(in.ID), old, &was); err != nil {
			return errDamaged("document "+in.ID, err)
		}
		if was.Status != in.Status {
			t.add(countStatus+string(was.Status), -1)
			t.add(countStatus+string(in.Status), 1)
		}
	}
	if err := t.change(b.Tx(), into); err != nil {
		return err
	}
	return b.Put(keyInfo, data)
}
