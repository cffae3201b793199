package session

import (
	"slices"

	"claimdesk/annotate"
)

// Place is a range of a document's text (code points, end exclusive):
// where AddMentions tags a mention.
type Place struct {
	DocumentID string
	Start, End int
}

// AddMentions tags each of places with label, as new spans by the
// session's annotator, as one command of the open document's history:
// one transaction (annotate.Project.AddSpans), one undo step, all of them
// or none. The places may be in any documents of the project; undoing
// removes the spans from all of them. When from, the span the mentions are
// found from, has the label, the new spans name its entity and have its
// concept too: ten new mentions of "China" are ten mentions of the entity
// China, not ten spans to name one by one. name says what the command does
// ("tag 3 mentions of “China”"). Its error is EINVALID without places.
func (s *Session) AddMentions(name string, from annotate.Span, label string, places []Place) (Effect, error) {
	if err := s.editable(); err != nil {
		return Effect{}, err
	}
	if len(places) == 0 {
		return Effect{}, annotate.Errorf(annotate.EINVALID, "%s: no places to tag", name)
	}
	now := s.now()
	spans := make([]annotate.Span, len(places))
	for i, pl := range places {
		sp := annotate.NewSpan(pl.DocumentID, pl.Start, pl.End, label, s.annotator, now)
		if from.ID != "" && from.Label == label {
			sp.Entity, sp.Concept = from.Entity, from.Concept
		}
		spans[i] = sp
	}
	return s.Do(&addSpans{doc: s.doc.ID, name: name, spans: spans})
}

// addSpans adds spans to any documents of the project in one transaction
// (annotate.Project.AddSpans), as one command of the history of the
// document doc; its inverse deletes them in one transaction
// (annotate.Project.DeleteSpans). The effect lists the spans of doc.
type addSpans struct {
	doc   string
	name  string
	spans []annotate.Span
	undo  bool // the inverse: delete the spans
	rels  []annotate.Relation
}

func (c *addSpans) Name() string       { return c.name }
func (c *addSpans) DocumentID() string { return c.doc }

func (c *addSpans) Apply(p annotate.Project) (Effect, error) {
	eff := Effect{DocumentID: c.doc}
	if c.undo {
		refs := make([]annotate.SpanRef, len(c.spans))
		for i, sp := range c.spans {
			refs[i] = annotate.SpanRef{DocumentID: sp.DocumentID, SpanID: sp.ID}
		}
		rels, err := p.DeleteSpans(refs)
		if err != nil {
			return Effect{}, err
		}
		c.rels = rels
		for _, r := range rels {
			if c.ofDoc(r.From) || c.ofDoc(r.To) {
				eff.RemovedRelations = append(eff.RemovedRelations, r)
			}
		}
	} else if err := p.AddSpans(c.spans); err != nil {
		return Effect{}, err
	}
	for _, sp := range c.spans {
		if sp.DocumentID != c.doc {
			if eff.Elsewhere == nil {
				eff.Elsewhere = map[string]int{}
			}
			if c.undo {
				eff.Elsewhere[sp.DocumentID]--
			} else {
				eff.Elsewhere[sp.DocumentID]++
			}
			continue
		}
		if c.undo {
			eff.Removed = append(eff.Removed, sp)
		} else {
			eff.Added = append(eff.Added, sp)
		}
	}
	return eff, nil
}

// ofDoc reports whether the span id is one of the command's spans of its
// document.
func (c *addSpans) ofDoc(id string) bool {
	return slices.ContainsFunc(c.spans, func(sp annotate.Span) bool { return sp.ID == id && sp.DocumentID == c.doc })
}

func (c *addSpans) Inverse() Command {
	return &addSpans{doc: c.doc, name: c.name, spans: c.spans, undo: !c.undo}
}
