package annotate

import (
	"fmt"
	"strings"
	"time"
)

// Record is one document with its annotations: the unit of import and
// export (one JSONL line).
type Record struct {
	Document  Document
	Spans     []Span
	Relations []Relation
	// Entities are the entities the spans name (Span.Entity), by the id
	// the spans use; Concepts likewise. A project's record holds just
	// those its spans use (nil when none); an import record may hold
	// entities and concepts whose ids the project does not know, which
	// Import matches by id, else by name, else creates. A writer of
	// Claimdesk JSONL reads a span's entity and concept from them.
	Entities map[string]Entity
	Concepts map[string]Concept
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
	// SHA256 is the hex SHA-256 of the text: documents of different
	// projects with the same text are the same article.
	SHA256 string
}

// ImportResult says what one import added to a project.
type ImportResult struct {
	Documents int      // documents added
	Spans     int      // spans added
	Relations int      // relations added
	Skipped   int      // documents already in the project (by id or text)
	NewLabels []string // labels added to the project's label set
	// NewRelationTypes are relation types added to the project's relation
	// types (joining spans of any labels).
	NewRelationTypes []string
	Entities         int // entities (actors) added
	Concepts         int // concepts added
	// AliasesLeftOut counts the aliases of actors added that the import
	// left out because they are names of other actors of the project
	// (ImportPlan.ResolveEntity); the first few are also Notices.
	AliasesLeftOut int
	// Notices are what the reader of the file has to say about it: what
	// it skipped or changed (brat's attributes and events, discontinuous
	// spans split), each a sentence naming the file.
	Notices []string
	// Seen are the files the import left out because the project took
	// the same bytes before, each with the first import of them.
	Seen []SeenFile
}

// String describes what an import added, as the command line and the
// window report it: "2 new documents, 5 new spans (1 document already in
// the project); added labels PERSON to the project; added link types
// QUOTES to the project", followed by a line "note: ..." per notice.
func (r ImportResult) String() string {
	s := fmt.Sprintf("%s, %s", plural(r.Documents, "new document"), plural(r.Spans, "new span"))
	if r.Relations > 0 {
		s += ", " + plural(r.Relations, "new relation")
	}
	if r.Skipped > 0 {
		s += fmt.Sprintf(" (%s already in the project)", plural(r.Skipped, "document"))
	}
	if r.Entities > 0 {
		s += ", " + plural(r.Entities, "new actor")
	}
	if r.Concepts > 0 {
		s += ", " + plural(r.Concepts, "new concept")
	}
	if r.AliasesLeftOut > 0 {
		what := "aliases"
		if r.AliasesLeftOut == 1 {
			what = "alias"
		}
		s += fmt.Sprintf(" (left out %d %s that other actors have)", r.AliasesLeftOut, what)
	}
	if len(r.NewLabels) > 0 {
		s += fmt.Sprintf("; added labels %s to the project", strings.Join(r.NewLabels, ", "))
	}
	if len(r.NewRelationTypes) > 0 {
		s += fmt.Sprintf("; added link types %s to the project", strings.Join(r.NewRelationTypes, ", "))
	}
	for _, n := range r.Notices {
		s += "\nnote: " + Printable(n)
	}
	for _, f := range r.Seen {
		s += "\nnote: " + f.String()
	}
	return s
}

// plural is "1 span" or "n spans".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Stats counts a project's documents and spans.
type Stats struct {
	Documents   int            `json:"documents"`
	ByStatus    map[Status]int `json:"by_status"`
	Spans       int            `json:"spans"`
	ByLabel     map[string]int `json:"by_label"`
	ByAnnotator map[string]int `json:"by_annotator"`
	// Unsourced counts the statements (RelationTypes.IsStatement: CLAIM
	// and DENIAL by default) that no SOURCE link starts at.
	Unsourced int `json:"unsourced"`
	// Entities and Concepts count the project's entities (actors) and
	// concepts.
	Entities int `json:"entities"`
	Concepts int `json:"concepts"`
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
// EREADONLY for any change to a project opened read-only. A relation
// breaks a rule (EINVALID) when RelationTypes.CheckRelation refuses it, and
// clashes (ECONFLICT) when its id, or its type with its two spans, is
// stored already. A span's entity and concept (Span.Entity, Span.Concept)
// must exist, and its label must allow them
// (RelationTypes.CheckSpanLabel): EINVALID otherwise, for AddSpan,
// RestoreSpan, ReplaceSpan and a label UpdateSpan would give it.
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
	// AddSpans stores new spans, of one document or several, in one
	// transaction: each as AddSpan stores it, all of them or none.
	AddSpans(spans []Span) error
	// DeleteSpans removes spans, of one document or several, and the
	// relations that start or end at them, in one transaction, and returns
	// those relations: the undo of AddSpans.
	DeleteSpans(refs []SpanRef) ([]Relation, error)
	// UpdateSpan replaces a stored span's label and note (and Updated); a
	// label that would give the span another span's natural key is an
	// ECONFLICT; a label that a relation of the span does not allow
	// (RelationTypes.CheckRelation) is EINVALID.
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
	// ReplaceSpan removes the span oldID of the document, with the
	// relations that start or end at it, and stores nu (a span of the same
	// document, checked as AddSpan checks it) and then rels, in one
	// transaction; it returns the relations removed. Resizing a span uses
	// it to store the span moved with its relations.
	ReplaceSpan(docID, oldID string, nu Span, rels []Relation) ([]Relation, error)
	// RelationTypes returns the project's relation types.
	RelationTypes() (RelationTypes, error)
	// AddRelation stores a new relation of the document docID, checked
	// with RelationTypes.CheckRelation; its id and its type, start and
	// end must be new in the document.
	AddRelation(docID string, r Relation) error
	// DeleteRelation removes a relation of the document and returns it.
	DeleteRelation(docID, relID string) (Relation, error)
	// SetStatus sets a document's status.
	SetStatus(docID string, st Status) error

	// Entities returns the project's entities (actors) in CompareEntities
	// order.
	Entities() ([]Entity, error)
	// Concepts returns the project's concepts in CompareConcepts order.
	Concepts() ([]Concept, error)
	// PutEntity stores an entity, new or changed (by id); its name must
	// not be another entity's (NameKey): ECONFLICT; EINVALID when
	// Entity.Validate refuses it.
	PutEntity(e Entity) error
	// PutConcept stores a concept, new or changed (by id), as PutEntity
	// stores an entity.
	PutConcept(c Concept) error
	// DeleteEntity removes an entity no span names: ECONFLICT when one
	// does, ENOTFOUND when there is no such entity.
	DeleteEntity(id string) error
	// DeleteConcept removes a concept no span has, as DeleteEntity.
	DeleteConcept(id string) error
	// SetSpanEntity makes the span name the entity ("" names none):
	// EINVALID when the span is not an actor span
	// (RelationTypes.EntityLabel) or the entity does not exist.
	SetSpanEntity(docID, spanID, entityID string) error
	// SetSpanConcept gives the statement the concept ("" none): EINVALID
	// when the span is not a statement (RelationTypes.ConceptLabel) or the
	// concept does not exist.
	SetSpanConcept(docID, spanID, conceptID string) error
	// MergeEntities makes every span that names goneID name keepID,
	// gives keepID the names of goneID as aliases (Entity.Absorb) and
	// removes goneID, in one transaction, and returns what it did.
	MergeEntities(keepID, goneID string) (EntityMerge, error)
	// RestoreEntity stores the entity e again, the kept entity as it was
	// (m.Kept, when m has one), and makes m.Spans name e, in one
	// transaction: the undo of MergeEntities (with the EntityMerge it
	// returned) and of DeleteEntity (with none).
	RestoreEntity(e Entity, m EntityMerge) error

	// Decisions returns the review decisions stored for a document, in
	// the order of their keys (Decision.Key); none for a document never
	// reviewed. Its error is ENOTFOUND for an unknown document.
	Decisions(docID string) ([]Decision, error)
	// ApplyEdit stores an Edit in one transaction, each part checked as
	// the method that makes it alone checks it (AddSpan, AddRelation,
	// PutEntity...); a span removed must have no relation left that the
	// edit does not remove, and each change's Before must be what is
	// stored (ECONFLICT otherwise). When it returns an error nothing
	// changed.
	ApplyEdit(e Edit) error
}
