package session

import (
	"slices"

	"claimdesk/annotate"
)

// addSpan stores a span. A new span is stored with Project.AddSpan; a span
// that is the undo of a deletion (restore) is stored again with
// Project.RestoreSpan, together with the relations deleted with it.
type addSpan struct {
	span    annotate.Span
	display string // the label as shown: "Actor"
	restore bool
	rels    []annotate.Relation // restored with the span
}

func (c *addSpan) Name() string       { return "add " + c.display + " span" }
func (c *addSpan) DocumentID() string { return c.span.DocumentID }

func (c *addSpan) Apply(p annotate.Project) (Effect, error) {
	var err error
	if c.restore {
		err = p.RestoreSpan(c.span, c.rels)
	} else {
		err = p.AddSpan(c.span)
	}
	if err != nil {
		return Effect{}, err
	}
	return Effect{
		DocumentID:     c.span.DocumentID,
		Added:          []annotate.Span{c.span},
		AddedRelations: slices.Clone(c.rels),
	}, nil
}

func (c *addSpan) Inverse() Command {
	return &deleteSpan{span: c.span, display: c.display}
}

// deleteSpan removes a span and, in the same transaction, the relations
// that start or end at it. Apply records those relations, so that its
// inverse stores them again.
type deleteSpan struct {
	span    annotate.Span
	display string
	rels    []annotate.Relation // set by a successful Apply
}

func (c *deleteSpan) Name() string       { return "delete " + c.display + " span" }
func (c *deleteSpan) DocumentID() string { return c.span.DocumentID }

func (c *deleteSpan) Apply(p annotate.Project) (Effect, error) {
	rels, err := p.DeleteSpan(c.span.DocumentID, c.span.ID)
	if err != nil {
		return Effect{}, err
	}
	c.rels = rels
	return Effect{
		DocumentID:       c.span.DocumentID,
		Removed:          []annotate.Span{c.span},
		RemovedRelations: slices.Clone(rels),
	}, nil
}

func (c *deleteSpan) Inverse() Command {
	return &addSpan{span: c.span, display: c.display, restore: true, rels: slices.Clone(c.rels)}
}

// updateSpan replaces a stored span's label, note and Updated time: from
// old to new. The other fields of both are the stored span's.
type updateSpan struct {
	old, new               annotate.Span
	oldDisplay, newDisplay string // the labels as shown
}

func (c *updateSpan) Name() string {
	switch {
	case c.old.Label != c.new.Label && c.old.Note != c.new.Note:
		return "relabel " + c.oldDisplay + " → " + c.newDisplay + " and edit note"
	case c.old.Label != c.new.Label:
		return "relabel " + c.oldDisplay + " → " + c.newDisplay
	}
	return "edit note"
}

func (c *updateSpan) DocumentID() string { return c.new.DocumentID }

func (c *updateSpan) Apply(p annotate.Project) (Effect, error) {
	if err := p.UpdateSpan(c.new); err != nil {
		return Effect{}, err
	}
	return Effect{DocumentID: c.new.DocumentID, Updated: []annotate.Span{c.new}}, nil
}

func (c *updateSpan) Inverse() Command {
	return &updateSpan{old: c.new, new: c.old, oldDisplay: c.newDisplay, newDisplay: c.oldDisplay}
}
