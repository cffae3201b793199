package annotate

// This file is the one rule of when two documents are the same document,
// which the window's review, agree, merge and diff all follow to find a
// colleague's version of a project's document.

// DocumentKey is what tells which document a document is: its id and the
// hex SHA-256 of its text.
type DocumentKey struct {
	ID     string
	SHA256 string
}

// Key returns the document's key, with the SHA-256 of its text computed
// when the document does not carry it.
func (d *Document) Key() DocumentKey {
	sum := d.SHA256
	if sum == "" {
		sum = TextSHA256(d.Text)
	}
	return DocumentKey{ID: d.ID, SHA256: sum}
}

// Key returns the document's key.
func (d DocumentInfo) Key() DocumentKey { return DocumentKey{ID: d.ID, SHA256: d.SHA256} }

// SameDocument reports whether the documents a and b are the same
// document: the same text (the same SHA-256 of it). The text decides, not
// the id: a document with a's id and another text is another document
// (its offsets would point elsewhere), and one with a's text and another id
// is a (the same article imported into another project gets an id of its
// own). Among several documents with one text, the one with the same id
// is a's (DocumentIndex.Find).
func SameDocument(a, b DocumentKey) bool {
	return a.SHA256 != "" && a.SHA256 == b.SHA256
}

// DocumentIndex finds, among a colleague's documents, the one that is a
// given document (SameDocument): the one with its id and text, else the
// first with its text.
type DocumentIndex struct {
	keys  []DocumentKey
	byID  map[string]int
	bySHA map[string]int
}

// NewDocumentIndex returns an index of the documents with the keys keys,
// numbered by their place in keys.
func NewDocumentIndex(keys []DocumentKey) *DocumentIndex {
	x := &DocumentIndex{byID: make(map[string]int, len(keys)), bySHA: make(map[string]int, len(keys))}
	for _, k := range keys {
		x.Add(k)
	}
	return x
}

// Add adds the document with the key k as the next number (Len before the
// call).
func (x *DocumentIndex) Add(k DocumentKey) {
	if x.byID == nil {
		x.byID, x.bySHA = map[string]int{}, map[string]int{}
	}
	i := len(x.keys)
	x.keys = append(x.keys, k)
	if _, ok := x.byID[k.ID]; !ok && k.ID != "" {
		x.byID[k.ID] = i
	}
	if _, ok := x.bySHA[k.SHA256]; !ok && k.SHA256 != "" {
		x.bySHA[k.SHA256] = i
	}
}

// Len returns the number of documents indexed.
func (x *DocumentIndex) Len() int { return len(x.keys) }

// Find returns the number of the indexed document that is the document
// with the key k (SameDocument), preferring the one with k's id, and
// whether there is one.
func (x *DocumentIndex) Find(k DocumentKey) (int, bool) {
	if i, ok := x.byID[k.ID]; ok && SameDocument(x.keys[i], k) {
		return i, true
	}
	if k.SHA256 == "" {
		return -1, false
	}
	i, ok := x.bySHA[k.SHA256]
	if !ok {
		return -1, false
	}
	return i, true
}
