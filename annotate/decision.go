package annotate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DecisionState is where a review difference stands.
type DecisionState string

// The states of a review difference.
const (
	// DecisionOpen is a difference nobody decided yet; it is never stored.
	DecisionOpen DecisionState = "open"
	// DecisionTaken took the colleague's version.
	DecisionTaken DecisionState = "taken"
	// DecisionKept kept mine (or, where I have nothing, left theirs out).
	DecisionKept DecisionState = "kept"
	// DecisionDropped dropped both versions.
	DecisionDropped DecisionState = "dropped"
)

// Extent is a span as review compares it across projects: its range (code
// points, end exclusive) and label, without id or annotator.
type Extent struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
}

// ExtentOf returns the span's Extent.
func ExtentOf(s Span) Extent { return Extent{s.Start, s.End, s.Label} }

// String is "CLAIM 10–52".
func (e Extent) String() string { return fmt.Sprintf("%s %d–%d", e.Label, e.Start, e.End) }

// LinkExtent is a link as review compares it across projects: its type
// and the Extents of its two ends.
type LinkExtent struct {
	Type string `json:"type"`
	From Extent `json:"from"`
	To   Extent `json:"to"`
}

// String is "SOURCE CLAIM 10–52 → ACTOR 0–14".
func (l LinkExtent) String() string { return l.Type + " " + l.From.String() + " → " + l.To.String() }

// Disagreement is what a review difference is about, in terms that find
// it again when the same colleague's file is compared later: who, the
// kind of difference, and the extents of the spans (or links) of both
// sides. Ids play no part: they differ between projects.
type Disagreement struct {
	Colleague  string      `json:"colleague"`
	Kind       string      `json:"kind"` // as review.Kind.String says it: "other boundaries"
	Mine       *Extent     `json:"mine,omitempty"`
	Theirs     *Extent     `json:"theirs,omitempty"`
	MineLink   *LinkExtent `json:"mine_link,omitempty"`
	TheirsLink *LinkExtent `json:"theirs_link,omitempty"`
}

// Key returns the disagreement's identity: its fields joined, so that two
// disagreements with the same colleague, kind and extents have the same
// key.
func (d Disagreement) Key() string {
	var b strings.Builder
	b.WriteString(strconv.Quote(d.Colleague))
	b.WriteString("|" + d.Kind)
	ext := func(e *Extent) {
		if e == nil {
			b.WriteString("|-")
			return
		}
		fmt.Fprintf(&b, "|%d:%d:%s", e.Start, e.End, strconv.Quote(e.Label))
	}
	link := func(l *LinkExtent) {
		if l == nil {
			b.WriteString("|-")
			return
		}
		b.WriteString("|" + strconv.Quote(l.Type))
		ext(&l.From)
		ext(&l.To)
	}
	ext(d.Mine)
	ext(d.Theirs)
	link(d.MineLink)
	link(d.TheirsLink)
	return b.String()
}

// Decision is a reviewer's decision on one difference of one document,
// kept in the project so that a later comparison with the same colleague
// finds it.
type Decision struct {
	DocumentID string `json:"document_id"`
	Disagreement
	State DecisionState `json:"state"`
	By    string        `json:"by"` // who decided
	At    time.Time     `json:"at"`
	// Summary says what the decision did, as the status line said it.
	Summary string `json:"summary,omitempty"`
	// Covers are the keys of the differences the decision left behind and
	// settled with it: dropping both of two spans that differ leaves their
	// span as "only theirs", rejected by the same decision.
	Covers []string `json:"covers,omitempty"`
}

// Key is the key of the decision's disagreement.
func (d Decision) Key() string { return d.Disagreement.Key() }

// Validate checks the decision: a document, a colleague, a kind and a
// state other than open.
func (d *Decision) Validate() error {
	switch {
	case d.DocumentID == "":
		return Errorf(EINVALID, "decision %s has no document", d.Key())
	case d.Colleague == "" || d.Kind == "":
		return Errorf(EINVALID, "decision on document %s names no colleague or no kind", d.DocumentID)
	case d.State != DecisionTaken && d.State != DecisionKept && d.State != DecisionDropped:
		return Errorf(EINVALID, "decision %s: state %q is not taken, kept or dropped", d.Key(), d.State)
	}
	return nil
}

// SpanChange is one span of an Edit: Before is the span as stored before
// (ID "" for a span the edit adds) and After as stored after (ID "" for a
// span the edit removes). A span changed in place has the same id in both.
type SpanChange struct {
	Before, After Span
}

// EntityChange is an entity of an Edit changed in place: Before is what
// is stored, After what the edit stores under the same id.
type EntityChange struct {
	Before, After Entity
}

// ConceptChange is a concept of an Edit changed in place, as EntityChange.
type ConceptChange struct {
	Before, After Concept
}

// DecisionChange is one decision of an Edit: Before is the decision
// stored before, After the one stored after; a zero Decision (State "")
// or an open one stands for none.
type DecisionChange struct {
	Key           string // the disagreement's key
	Before, After Decision
}

// Edit is a change to one document's spans and relations, the project's
// entities and concepts, and the document's review decisions, that a
// project stores in one transaction (Project.ApplyEdit): a review
// decision with all it brings along. Its parts are applied in this order:
// relations removed; entities and concepts added, then changed; spans
// removed, changed, then added; relations added; entities and concepts removed; decisions.
type Edit struct {
	DocumentID      string
	RemoveRelations []Relation
	AddEntities     []Entity
	AddConcepts     []Concept
	ChangeEntities  []EntityChange
	ChangeConcepts  []ConceptChange
	Spans           []SpanChange
	AddRelations    []Relation
	RemoveEntities  []Entity
	RemoveConcepts  []Concept
	Decisions       []DecisionChange
}

// Inverse returns the edit that undoes e.
func (e Edit) Inverse() Edit {
	inv := Edit{
		DocumentID:      e.DocumentID,
		RemoveRelations: slices.Clone(e.AddRelations),
		AddRelations:    slices.Clone(e.RemoveRelations),
		AddEntities:     slices.Clone(e.RemoveEntities),
		RemoveEntities:  slices.Clone(e.AddEntities),
		AddConcepts:     slices.Clone(e.RemoveConcepts),
		RemoveConcepts:  slices.Clone(e.AddConcepts),
	}
	for _, c := range e.ChangeEntities {
		inv.ChangeEntities = append(inv.ChangeEntities, EntityChange{Before: c.After, After: c.Before})
	}
	for _, c := range e.ChangeConcepts {
		inv.ChangeConcepts = append(inv.ChangeConcepts, ConceptChange{Before: c.After, After: c.Before})
	}
	for _, c := range e.Spans {
		inv.Spans = append(inv.Spans, SpanChange{Before: c.After, After: c.Before})
	}
	for _, c := range e.Decisions {
		inv.Decisions = append(inv.Decisions, DecisionChange{Key: c.Key, Before: c.After, After: c.Before})
	}
	return inv
}

// Stored reports whether the decision is one a project keeps: not the
// zero Decision, not open.
func (d *Decision) Stored() bool { return d.State != "" && d.State != DecisionOpen }
