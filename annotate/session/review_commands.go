package session

import (
	"slices"

	"claimdesk/annotate"
)

// replaceSpan puts one span in place of another in one transaction
// (Project.ReplaceSpan): adjudication taking a colleague's span instead
// of one's own. Apply records the relations removed with the old span, so
// that the inverse stores them again with it.
type replaceSpan struct {
	old, new annotate.Span
	display  string              // the new span's label as shown
	restore  []annotate.Relation // stored with new (the inverse's)
	removed  []annotate.Relation // set by a successful Apply
}

func (c *replaceSpan) Name() string       { return "take " + c.display + " span by " + c.new.Annotator }
func (c *replaceSpan) DocumentID() string { return c.new.DocumentID }

func (c *replaceSpan) Apply(p annotate.Project) (Effect, error) {
	gone, err := p.ReplaceSpan(c.old.DocumentID, c.old.ID, c.new, c.restore)
	if err != nil {
		return Effect{}, err
	}
	c.removed = gone
	return Effect{
		DocumentID:       c.new.DocumentID,
		Removed:          []annotate.Span{c.old},
		Added:            []annotate.Span{c.new},
		RemovedRelations: slices.Clone(gone),
		AddedRelations:   slices.Clone(c.restore),
	}, nil
}

func (c *replaceSpan) Inverse() Command {
	return &replaceSpan{old: c.new, new: c.old, display: c.display, restore: slices.Clone(c.removed)}
}

// Adopt adds a colleague's span to the open document as it is: with its
// annotator, times and note (and its id, unless the document has a span
// with that id, when it gets a new one). It is one command, undone by
// deleting the span. Its error is ECONFLICT when the document has a span
// with its natural key.
func (s *Session) Adopt(sp annotate.Span) (Effect, error) {
	if err := s.editable(); err != nil {
		return Effect{}, err
	}
	sp = s.adopted(sp)
	if s.hasKey(sp.Start, sp.End, sp.Label, sp.Annotator, "") {
		return Effect{}, annotate.Errorf(annotate.ECONFLICT, "That text is already tagged %s by %s", s.labelDisplay(sp.Label), sp.Annotator)
	}
	return s.Do(&addSpan{span: sp, display: s.labelDisplay(sp.Label)})
}

// Replace puts a colleague's span (as Adopt takes it) in place of the
// open document's span oldID, in one transaction, as one command; undoing
// it brings the old span back with its relations.
func (s *Session) Replace(oldID string, sp annotate.Span) (Effect, error) {
	old, err := s.editableSpan(oldID)
	if err != nil {
		return Effect{}, err
	}
	sp = s.adopted(sp)
	if s.hasKey(sp.Start, sp.End, sp.Label, sp.Annotator, oldID) {
		return Effect{}, annotate.Errorf(annotate.ECONFLICT, "That text is already tagged %s by %s", s.labelDisplay(sp.Label), sp.Annotator)
	}
	return s.Do(&replaceSpan{old: old, new: sp, display: s.labelDisplay(sp.Label)})
}

// adopted returns a colleague's span as a span of the open document.
func (s *Session) adopted(sp annotate.Span) annotate.Span {
	sp.DocumentID = s.doc.ID
	if _, taken := s.Span(sp.ID); taken || sp.ID == "" {
		sp.ID = annotate.NewID()
	}
	return sp
}
