package store

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// An import in progress (ImportStream) is staged: its new documents are
// stored as they are read, in transactions of a batch of records each,
// but nothing reads them until the import ends. The file records it so:
//
//	meta/import      the import's id (hex): an import is in progress
//	staging/ids      document id → its sequence (8 bytes, big-endian),
//	                 for each new document: it is in docs, but not yet
//	                 in the order and sha buckets nor in the counts
//	staging/sha      SHA-256 → document id of those documents
//	staging/aside    8-byte sequence → a record of a document that was in
//	                 the project before the import (its index, a uvarint,
//	                 then the record without its text, as JSON): imported
//	                 at the end, so that it too arrives with the rest
//	staging/names    "entities\x00" or "concepts\x00" + id → nothing: the
//	                 actors and concepts the import added
//
// The import ends in one transaction, the flip: the records put aside are
// imported, the new documents are listed in the order and sha buckets
// under the sequences they were given, the counts, labels and relation
// types are stored, and the staging bucket and meta key are deleted. An
// import that fails is rolled back (rollbackStaged) in one transaction;
// one that never ended (the program was killed) is rolled back by the
// next read-write Open. Readers never see staged documents: they list
// documents by the order bucket, mustDoc refuses them, and Check leaves
// them out of the counts.
var (
	bucketStaging = []byte("staging")
	keyImport     = []byte("import")
	stagingIDs    = []byte("ids")
	stagingSHA    = []byte("sha")
	stagingAside  = []byte("aside")
	stagingNames  = []byte("names")
)

// Batch bounds of ImportStream: a batch is committed when it holds this
// many records or this many bytes of text. The first batch is smaller, so
// that storing starts soon after reading does (and a stream that ends
// within it is one Import); later ones are larger, for fewer commits.
// Tests make them small.
var (
	streamFirstRecords = 256
	streamFirstBytes   = 1 << 20
	streamBatchRecords = 1000
	streamBatchBytes   = 4 << 20
)

// afterBatch, when not nil, is called after each batch of an ImportStream
// but the last has been committed, outside any transaction: tests look
// at the project in the middle of an import with it. (next is called a
// batch ahead, so it cannot tell how far the transactions are.)
var afterBatch func()

// stage is an import in progress.
type stage struct {
	id     string
	files  func() ([]annotate.FileImport, error) // the files the import takes, recorded by the flip
	counts tally                                 // the counts of its documents, stored by the flip
	// shas are the SHA-256 → id of the documents the current batch added,
	// put into staging/sha in key order when it ends (putSHAs): text
	// hashes are random, and bbolt inserts a batch of random keys into a
	// bucket's pages far faster in order than as they come.
	shas map[string][]byte
	// seen is a Bloom filter of the SHA-256 of the import's documents
	// (saw, mayHave): bySHA looks a text up in staging/sha only when the
	// import may have seen it, which a new text seldom is.
	seen []uint64
}

// seenBits is the size of stage.seen, 1 MiB: at a million documents, about
// one new text in twenty is looked up for nothing.
const seenBits = 1 << 23

// shaProbes returns the bits of stage.seen for the hex SHA-256 sum: the
// sum is already random, so its first three 64-bit words are the hashes.
func shaProbes(sum string) (p [3]uint32, ok bool) {
	if len(sum) != 64 {
		return p, false
	}
	for i := range p {
		v, err := strconv.ParseUint(sum[i*16:i*16+16], 16, 64)
		if err != nil {
			return p, false
		}
		p[i] = uint32(v % seenBits)
	}
	return p, true
}

// saw adds the hex SHA-256 sum to st.seen.
func (st *stage) saw(sum string) {
	p, ok := shaProbes(sum)
	if !ok {
		return
	}
	if st.seen == nil {
		st.seen = make([]uint64, seenBits/64)
	}
	for _, b := range p {
		st.seen[b/64] |= 1 << (b % 64)
	}
}

// mayHave reports whether st.saw the sum, or, seldom, another: false
// means it did not.
func (st *stage) mayHave(sum string) bool {
	p, ok := shaProbes(sum)
	if !ok || st.seen == nil {
		return !ok
	}
	for _, b := range p {
		if st.seen[b/64]&(1<<(b%64)) == 0 {
			return false
		}
	}
	return true
}

// has reports whether the document id is one of the import's.
func (st *stage) has(tx *bolt.Tx, id string) bool {
	return st != nil && isStaged(tx, id)
}

// isStaged reports whether the document id belongs to an import in
// progress.
func isStaged(tx *bolt.Tx, id string) bool {
	b := tx.Bucket(bucketStaging)
	return b != nil && b.Bucket(stagingIDs).Get([]byte(id)) != nil
}

// tally returns where the counts of the import's documents go: the
// stage's tally, or nil (the counts bucket) for no staged import.
func (st *stage) tally() *tally {
	if st == nil {
		return nil
	}
	return &st.counts
}

// bySHA returns the id of the import's document with the text's SHA-256,
// or nil; always nil for an import that is not staged.
func (st *stage) bySHA(tx *bolt.Tx, sum string) []byte {
	if st == nil {
		return nil
	}
	if id, ok := st.shas[sum]; ok {
		return id
	}
	if !st.mayHave(sum) {
		return nil
	}
	return tx.Bucket(bucketStaging).Bucket(stagingSHA).Get([]byte(sum))
}

// add records a new document of the import; its SHA-256 is stored by
// putSHAs, at the end of the batch.
func (st *stage) add(tx *bolt.Tx, seq uint64, sum string, id []byte) error {
	if err := tx.Bucket(bucketStaging).Bucket(stagingIDs).Put(id, seqKey(seq)); err != nil {
		return err
	}
	if st.shas == nil {
		st.shas = make(map[string][]byte)
	}
	st.shas[sum] = id
	st.saw(sum)
	return nil
}

// putSHAs stores the SHA-256 of the batch's documents in staging/sha, in
// key order. It ends each batch's transaction.
func (st *stage) putSHAs(tx *bolt.Tx) error {
	b := tx.Bucket(bucketStaging).Bucket(stagingSHA)
	for _, sum := range slices.Sorted(maps.Keys(st.shas)) {
		if err := b.Put([]byte(sum), st.shas[sum]); err != nil {
			return err
		}
	}
	clear(st.shas)
	return nil
}

// putAside keeps the i-th record, of the document docID that was in the
// project before the import, for the flip.
func (st *stage) putAside(tx *bolt.Tx, i int, docID string, rec *annotate.Record) error {
	r := asideRecord{Record: *rec}
	r.Document.ID, r.Document.Text, r.Document.SHA256 = docID, "", ""
	for _, rel := range rec.Relations {
		r.Origins = append(r.Origins, relationOrigin{rel.Origin, rel.Line})
	}
	data, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("put aside record %d: %w", i+1, err)
	}
	aside := tx.Bucket(bucketStaging).Bucket(stagingAside)
	aside.FillPercent = 1
	seq, err := aside.NextSequence()
	if err != nil {
		return err
	}
	return aside.Put(seqKey(seq), append(binary.AppendUvarint(nil, uint64(i)), data...))
}

// asideRecord is a record put aside (putAside), with how its file named
// its relations (annotate.Relation's Origin and Line, which JSON leaves
// out), for the messages of the flip.
type asideRecord struct {
	annotate.Record
	Origins []relationOrigin `json:"origins,omitempty"`
}

type relationOrigin struct {
	Origin string `json:"o,omitempty"`
	Line   int    `json:"l,omitempty"`
}

// addName records an actor or concept (bucket names which) that the
// import added; nothing for an import that is not staged.
func (st *stage) addName(tx *bolt.Tx, which []byte, id string) error {
	if st == nil {
		return nil
	}
	return tx.Bucket(bucketStaging).Bucket(stagingNames).Put(nameKey(which, id), nil)
}

func nameKey(which []byte, id string) []byte {
	return append(append(append([]byte(nil), which...), 0), id...)
}

// ImportStream imports the records next returns, until it returns io.EOF,
// as Import imports a slice of them, all of them or, on any error,
// nothing; spans that arrive without an annotator get annotator. Unlike
// Import, it holds at most a batch of records (about 1,000, or 4 MB of
// text) in memory and in a transaction. A stream that ends within its
// first batch is imported as Import imports it, in one transaction.
// A longer one is imported into a copy of the project file, written
// beside it (importIntoCopy), which replaces the file when the import
// has ended, and is removed when it fails: so a failed import leaves the
// project file as it was, byte for byte, whatever its size. Into the
// copy, new documents are stored and committed batch by batch, staged
// under a pending import (see bucketStaging), and the last transaction
// lists them all at once. A record of a document that was in the project
// before the import is kept in the copy until that last transaction,
// which imports it: those records are the part of an import that the
// last transaction holds in memory. next is called on a goroutine of
// ImportStream's own, up to a batch ahead of the transactions
// (readAhead), never at the same time as itself and never after
// ImportStream has returned.
//
// While an import into a copy runs, readers of s see the project as it
// was, and every change of s is refused with ECONFLICT (it would be lost
// when the copy replaces the file). A program killed meanwhile leaves the
// copy, which the next read-write Open of the project removes.
//
// Errors: those of Import (a record's error is an *annotate.RecordError
// giving its 0-based index in the stream), an error of next wrapped
// naming the project, ECONFLICT when another ImportStream of the project
// is in progress or the file changed under it, EREADONLY; I/O errors of
// the file or its copy, wrapped naming the project.
func (s *Store) ImportStream(next func() (annotate.Record, error), annotator string) (annotate.ImportResult, error) {
	return s.importStream(next, annotator, nil)
}

// importStream is ImportStream, recording the files' imports
// (ImportStreamFiles).
func (s *Store) importStream(next func() (annotate.Record, error), annotator string, files func() ([]annotate.FileImport, error)) (annotate.ImportResult, error) {
	if s.readOnly {
		return annotate.ImportResult{}, errReadOnly(s.path)
	}
	ahead, stop := readAhead(next)
	defer stop()
	// The first batch: a stream that ends within it is one Import, one
	// transaction, which leaves the file's bytes as they were when it
	// fails.
	first, done, err := readBatch(ahead)
	if err != nil {
		return annotate.ImportResult{}, fmt.Errorf("import into project %s: %w", s.path, err)
	}
	if done {
		recs := make([]annotate.Record, len(first))
		for i := range first {
			recs[i] = first[i].rec
		}
		return s.importRecords(recs, annotator, files)
	}
	return s.importIntoCopy(first, ahead, annotator, files)
}

// importStaged is the import of ImportStream past its first batch (the
// records of first, then those of ahead), staged in batches, into s: a
// copy of the project (importIntoCopy), which is removed when it fails.
// files, when not nil, gives the files' imports to record
// (ImportStreamFiles).
func (s *Store) importStaged(first []aheadRecord, ahead func() (aheadRecord, error), annotator string, files func() ([]annotate.FileImport, error)) (annotate.ImportResult, error) {
	st := &stage{id: newImportID(), files: files}
	err := s.updateTx(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta.Get(keyImport) != nil {
			return annotate.Errorf(annotate.ECONFLICT, "another import into project %s is in progress", s.path)
		}
		if err := meta.Put(keyImport, []byte(st.id)); err != nil {
			return err
		}
		b, err := tx.CreateBucket(bucketStaging)
		if err != nil {
			return err
		}
		for _, name := range [][]byte{stagingIDs, stagingSHA, stagingAside, stagingNames} {
			if _, err := b.CreateBucket(name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return annotate.ImportResult{}, fmt.Errorf("start an import into project %s: %w", s.path, err)
	}
	res, err := s.stream(st, first, ahead, annotator)
	var re *annotate.RecordError
	if err != nil && !errors.As(err, &re) && annotate.ErrorCode(err) == annotate.EINTERNAL && !strings.HasPrefix(err.Error(), "import into project ") {
		err = fmt.Errorf("import into project %s: %w", s.path, err) // a bbolt error, say
	}
	if err != nil {
		return annotate.ImportResult{}, err
	}
	return res, nil
}

// readBatch reads records from next until the first batch is full (done false)
// or next returns io.EOF (done true).
func readBatch(next func() (aheadRecord, error)) (batch []aheadRecord, done bool, err error) {
	size := 0
	for len(batch) < streamFirstRecords && size < streamFirstBytes {
		r, err := next()
		if err == io.EOF {
			return batch, true, nil
		}
		if err != nil {
			return nil, false, err
		}
		batch = append(batch, r)
		size += len(r.rec.Document.Text)
	}
	return batch, false, nil
}

// aheadRecord is a record of ImportStream, read ahead of the transaction
// that stores it, with the facts of its text.
type aheadRecord struct {
	rec   annotate.Record
	facts textFacts
	err   error // of next; the record is empty
}

// readAhead calls next on a goroutine of its own, up to a batch of records
// ahead of the transactions that store them, and computes their text
// facts there, which takes that work (hashing every text) off the
// transactions. It returns the function that gives the records in order
// (and next's errors, after which it gives io.EOF), and stop, which ends
// the goroutine: stop waits for a call of next in progress to return, so
// that next is not called after ImportStream has returned.
func readAhead(next func() (annotate.Record, error)) (ahead func() (aheadRecord, error), stop func()) {
	out := make(chan aheadRecord, streamBatchRecords)
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(out)
		for {
			rec, err := next()
			if err == io.EOF {
				return
			}
			r := aheadRecord{rec: rec, err: err}
			if err == nil {
				r.facts = factsOf(&r.rec.Document)
			}
			select {
			case out <- r:
			case <-quit:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	ahead = func() (aheadRecord, error) {
		r, ok := <-out
		if !ok {
			return aheadRecord{}, io.EOF
		}
		return r, r.err
	}
	stop = func() {
		close(quit)
		<-done
	}
	return ahead, stop
}

// stream stages batch, the first records, and those of next in batches,
// then flips.
func (s *Store) stream(st *stage, batch []aheadRecord, next func() (aheadRecord, error), annotator string) (annotate.ImportResult, error) {
	var im *importer
	first := 0 // the index of batch[0]
	// put stages the batch's records in tx
	put := func(tx *bolt.Tx) error {
		if err := checkImport(tx, st.id); err != nil {
			return err
		}
		releaseMapped(s.db, tx)
		if im == nil {
			var err error
			if im, err = newImporter(tx, annotator, st); err != nil {
				return err
			}
		}
		im.tx = tx
		clear(st.shas) // of a transaction that failed
		for j := range batch {
			if err := im.record(first+j, &batch[j].rec, batch[j].facts); err != nil {
				return recordError(first+j, &batch[j].rec.Document, err)
			}
		}
		return st.putSHAs(tx)
	}
	write := func() error {
		err := s.updateTx(put)
		first += len(batch)
		clear(batch)
		batch = batch[:0]
		if err == nil && afterBatch != nil {
			afterBatch()
		}
		return err
	}
	if err := write(); err != nil {
		return annotate.ImportResult{}, err
	}
	size := 0
	for {
		r, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return annotate.ImportResult{}, fmt.Errorf("import into project %s: %w", s.path, err)
		}
		batch = append(batch, r)
		size += len(r.rec.Document.Text)
		if len(batch) >= streamBatchRecords || size >= streamBatchBytes {
			if err := write(); err != nil {
				return annotate.ImportResult{}, err
			}
			size = 0
		}
	}
	var res annotate.ImportResult
	err := s.updateTx(func(tx *bolt.Tx) error {
		if err := put(tx); err != nil {
			return err
		}
		if err := flip(tx, im); err != nil {
			return err
		}
		res = im.plan.Result
		return nil
	})
	if err != nil {
		return annotate.ImportResult{}, err
	}
	return res, nil
}

// checkImport returns an error unless the import id is in progress.
func checkImport(tx *bolt.Tx, id string) error {
	if got := tx.Bucket(bucketMeta).Get(keyImport); string(got) != id {
		return annotate.Errorf(annotate.ECONFLICT, "the import %s is no longer in progress (the project was opened again?)", id)
	}
	return nil
}

// flip ends the staged import of im: see bucketStaging.
func flip(tx *bolt.Tx, im *importer) error {
	staging := tx.Bucket(bucketStaging)
	docs := tx.Bucket(bucketDocs)
	// The records of documents that were in the project: imported now,
	// with the counts kept at once.
	st := im.st
	im.countSpans() // into the stage's counts
	im.st, im.counts = nil, &im.own
	err := staging.Bucket(stagingAside).ForEach(func(_, v []byte) error {
		i, w := binary.Uvarint(v)
		if w <= 0 {
			return errDamaged("a record put aside by the import", nil)
		}
		var ar asideRecord
		if err := json.Unmarshal(v[w:], &ar); err != nil {
			return errDamaged("a record put aside by the import", err)
		}
		rec := ar.Record
		for k, o := range ar.Origins {
			if k < len(rec.Relations) {
				rec.Relations[k].Origin, rec.Relations[k].Line = o.Origin, o.Line
			}
		}
		b := docs.Bucket([]byte(rec.Document.ID))
		if b == nil {
			return recordError(int(i), &rec.Document, errNoDocument(rec.Document.ID))
		}
		rec.Document.Text = string(b.Get(keyText))
		if err := im.record(int(i), &rec, factsOf(&rec.Document)); err != nil {
			return recordError(int(i), &rec.Document, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	order, sha := tx.Bucket(bucketOrder), tx.Bucket(bucketSHA)
	order.FillPercent = 1
	// The staging buckets' pages lie all over the file (each batch wrote
	// them anew): reading them maps the pages around each too, so the
	// map is released as they are read (releaseMapped), and what is put
	// is copied, or the commit would read those pages again.
	n := 0
	release := func() {
		if n++; n%8192 == 0 {
			releaseMapped(tx.DB(), tx)
		}
	}
	err = staging.Bucket(stagingIDs).ForEach(func(id, seq []byte) error {
		release()
		return order.Put(bytes.Clone(seq), bytes.Clone(id))
	})
	if err != nil {
		return err
	}
	err = staging.Bucket(stagingSHA).ForEach(func(sum, id []byte) error {
		release()
		return sha.Put(bytes.Clone(sum), bytes.Clone(id))
	})
	if err != nil {
		return err
	}
	releaseMapped(tx.DB(), tx)
	if err := st.counts.apply(tx); err != nil {
		return err
	}
	if err := im.finish(); err != nil {
		return err
	}
	// Deleting a bucket reads all of its pages: one at a time, releasing
	// the map after each (as above).
	for _, name := range [][]byte{stagingIDs, stagingSHA, stagingAside, stagingNames} {
		if err := staging.DeleteBucket(name); err != nil {
			return err
		}
		releaseMapped(tx.DB(), tx)
	}
	if err := tx.DeleteBucket(bucketStaging); err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Delete(keyImport)
}

// rollbackStaged removes the import in progress (all of it when id is
// "", else only the import id): its documents, actors and concepts, and
// the staging bucket and meta key.
func rollbackStaged(tx *bolt.Tx, id string) error {
	meta := tx.Bucket(bucketMeta)
	cur := meta.Get(keyImport)
	if cur == nil || id != "" && string(cur) != id {
		return nil
	}
	staging := tx.Bucket(bucketStaging)
	if staging != nil {
		docs := tx.Bucket(bucketDocs)
		var ids [][]byte
		staging.Bucket(stagingIDs).ForEach(func(id, _ []byte) error {
			ids = append(ids, id)
			return nil
		})
		for _, id := range ids {
			if err := docs.DeleteBucket(id); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
				return fmt.Errorf("remove staged document %s: %w", id, err)
			}
		}
		var names [][]byte
		staging.Bucket(stagingNames).ForEach(func(k, _ []byte) error {
			names = append(names, k)
			return nil
		})
		for _, k := range names {
			which, id, _ := bytesCut(k)
			if b := tx.Bucket(which); b != nil {
				if err := b.Delete(id); err != nil {
					return err
				}
			}
		}
		if err := tx.DeleteBucket(bucketStaging); err != nil {
			return err
		}
	}
	return meta.Delete(keyImport)
}

func bytesCut(k []byte) (before, after []byte, ok bool) {
	for i, c := range k {
		if c == 0 {
			return k[:i], k[i+1:], true
		}
	}
	return k, nil, false
}

// hasPendingImport reports whether the file holds an import that did not
// end.
func hasPendingImport(tx *bolt.Tx) bool {
	meta := tx.Bucket(bucketMeta)
	return meta != nil && meta.Get(keyImport) != nil
}

// newImportID returns a random id for an import.
func newImportID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// dropStaged removes from m (actors or concepts by id, of the bucket
// which) those that an import in progress added.
func dropStaged[T any](tx *bolt.Tx, which []byte, m map[string]T) {
	staging := tx.Bucket(bucketStaging)
	if staging == nil {
		return
	}
	prefix := nameKey(which, "")
	c := staging.Bucket(stagingNames).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		delete(m, string(k[len(prefix):]))
	}
}
