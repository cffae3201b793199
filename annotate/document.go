package annotate

import (
	"time"

	"github.com/google/uuid"
)

// Status is where a document stands in the annotation work.
type Status string

// The statuses of a document.
const (
	StatusTodo       Status = "todo"
	StatusInProgress Status = "in_progress"
	StatusDone       Status = "done"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{StatusTodo, StatusInProgress, StatusDone}

// ParseStatus returns the status named s; "" means todo.
func ParseStatus(s string) (Status, error) {
	switch Status(s) {
	case "", StatusTodo:
		return StatusTodo, nil
	case StatusInProgress, StatusDone:
		return Status(s), nil
	}
	return "", Errorf(EINVALID, "unknown status %q (want todo, in_progress or done)", s)
}

// AfterSpanAdded is the status a document in status s takes when a span
// is added to it, by hand or by an import: a todo document is in progress
// from its first span; in_progress and done stay as they are.
func (s Status) AfterSpanAdded() Status {
	if s == StatusTodo || s == "" {
		return StatusInProgress
	}
	return s
}

// Document is one article. Its text never changes after import: spans point
// into it by code-point offsets.
type Document struct {
	ID      string    `json:"id"`
	Title   string    `json:"title"`
	Source  string    `json:"source"`
	Text    string    `json:"text"`
	Status  Status    `json:"status"`
	Created time.Time `json:"created"`
	// SHA256 is the hex SHA-256 of Text, used to recognise a text imported
	// again without its id.
	SHA256 string `json:"sha256"`
	// Meta is the "meta" object an imported line carried (plus ids that are
	// not UUIDs, as "import_id" or "doccano_id"); Claimdesk does not
	// interpret it, but keeps it and exports it again.
	Meta map[string]any `json:"meta,omitempty"`
}

// NewDocument returns a todo document with a fresh id and the text's hash.
func NewDocument(title, source, text string, now time.Time) Document {
	return Document{
		ID:      NewID(),
		Title:   title,
		Source:  source,
		Text:    text,
		Status:  StatusTodo,
		Created: now.UTC(),
		SHA256:  TextSHA256(text),
	}
}

// Validate checks the document's own invariants.
func (d *Document) Validate() error {
	if d.ID == "" {
		return Errorf(EINVALID, "document has no id")
	}
	if _, err := ParseStatus(string(d.Status)); err != nil {
		return err
	}
	if d.SHA256 != "" && d.SHA256 != TextSHA256(d.Text) {
		return Errorf(EINVALID, "document %s: text does not match its SHA-256", d.ID)
	}
	return nil
}

// NewID returns a new time-ordered (version 7) UUID string.
func NewID() string {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.NewString()
	}
	return id.String()
}
