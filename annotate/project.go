package annotate

import "time"

// Record is one document with its annotations: the unit of import and
// export (one JSONL line).
type Record struct {
	Document  Document
	Spans     []Span
	Relations []Relation
}

// DocumentInfo is what a list of documents shows: a document without its
// text, with the number of its spans.
type DocumentInfo struct {
	ID      string
	Title   string
	Source  string
	Status  Status
	Created time.Time
	Spans   int
}

// ImportResult says what one import added to a project.
type ImportResult struct {
	Documents int      // documents added
	Spans     int      // spans added
	Relations int      // relations added
	Skipped   int      // documents already in the project (by id or text)
	NewLabels []string // labels added to the project's label set
}

// Stats counts a project's documents and spans.
type Stats struct {
	Documents   int            `json:"documents"`
	ByStatus    map[Status]int `json:"by_status"`
	Spans       int            `json:"spans"`
	ByLabel     map[string]int `json:"by_label"`
	ByAnnotator map[string]int `json:"by_annotator"`
}

// Project is what the annotation GUI needs of an open project file. Every
// method that changes something is one committed transaction: when it
// returns nil, the change is on disk.
//
// Methods return *Error values with these codes: ENOTFOUND for an unknown
// document or span id, EINVALID for a span that breaks a rule (offsets
// outside the text, end not after start: CheckRange; unknown label),
// ECONFLICT for a span id already stored or a span whose natural key
// (SpanKey: offsets, label, annotator) another span of the document has,
// EREADONLY for any change to a project opened read-only.
type Project interface {
	// Path is the project file's path.
	Path() string
	// ReadOnly reports whether the project was opened read-only.
	ReadOnly() bool
	// Labels returns the project's label set.
	Labels() (LabelSet, error)
	// Documents lists the documents in import order.
	Documents() ([]DocumentInfo, error)
	// Document returns one document with its text.
	Document(id string) (Document, error)
	// Spans returns a document's spans in CompareSpans order.
	Spans(docID string) ([]Span, error)
	// AddSpan stores a new span (its id must be new; a deleted span may be
	// added again with its old id; its natural key must be new in the
	// document). The document's status becomes Status.AfterSpanAdded (todo
	// becomes in_progress) in the same transaction.
	AddSpan(s Span) error
	// UpdateSpan replaces a stored span's label and note (and Updated); a
	// label that would give the span another span's natural key is an
	// ECONFLICT.
	UpdateSpan(s Span) error
	// Relations returns a document's relations in the order of their ids.
	Relations(docID string) ([]Relation, error)
	// DeleteSpan removes a span and the relations that start or end at
	// it, in one transaction, and returns those relations.
	DeleteSpan(docID, spanID string) ([]Relation, error)
	// RestoreSpan stores a deleted span again, with its id, and the
	// relations that were deleted with it, in one transaction: the undo
	// of DeleteSpan.
	RestoreSpan(s Span, rels []Relation) error
	// SetStatus sets a document's status.
	SetStatus(docID string, st Status) error
}
