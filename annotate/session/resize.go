package session

import (
	"slices"

	"claimdesk/annotate"
)

// Resize moves the open document's span id to [start, end) (code points,
// end exclusive), keeping its id, label, annotator, note, entity or concept
// and links: one command, stored in one transaction, undone by moving it
// back. Its error is EINVALID for an empty range or one outside the text,
// and ECONFLICT when the span's annotator already tagged [start, end) with
// its label in another span.
func (s *Session) Resize(id string, start, end int) (Effect, error) {
	sp, err := s.editableSpan(id)
	if err != nil {
		return Effect{}, err
	}
	if sp.Start == start && sp.End == end {
		return Effect{}, nil
	}
	if err := annotate.CheckRange(start, end, s.textLen); err != nil {
		return Effect{}, err
	}
	if s.hasKey(start, end, sp.Label, sp.Annotator, sp.ID) {
		return Effect{}, annotate.Errorf(annotate.ECONFLICT, "That text is already tagged %s", s.labelDisplay(sp.Label))
	}
	nu := sp
	nu.Start, nu.End = start, end
	nu.Updated = s.now().UTC()
	return s.Do(&resizeSpan{old: sp, new: nu, display: s.labelDisplay(sp.Label)})
}

// resizeSpan moves a span to new offsets: the project replaces it by
// itself, relations included.
type resizeSpan struct {
	old, new annotate.Span
	display  string // the span's label as shown
}

func (c *resizeSpan) Name() string       { return "resize " + c.display + " span" }
func (c *resizeSpan) DocumentID() string { return c.new.DocumentID }

func (c *resizeSpan) Apply(p annotate.Project) (Effect, error) {
	rels, err := p.Relations(c.old.DocumentID)
	if err != nil {
		return Effect{}, err
	}
	rels = slices.DeleteFunc(rels, func(r annotate.Relation) bool {
		return r.From != c.old.ID && r.To != c.old.ID
	})
	if _, err := p.ReplaceSpan(c.old.DocumentID, c.old.ID, c.new, rels); err != nil {
		return Effect{}, err
	}
	return Effect{DocumentID: c.new.DocumentID, Updated: []annotate.Span{c.new}}, nil
}

func (c *resizeSpan) Inverse() Command {
	return &resizeSpan{old: c.new, new: c.old, display: c.display}
}
