package round

import (
	"claimdesk/annotate"
	"claimdesk/annotate/review"
)

// Coverage is the rule of which documents the coders of rounds coded, in
// the lead's project, for comparing, merging and measuring them there
// (review.Coverage):
//
//   - a document the rounds did not hand to a coder is NotAssigned: they
//     are left out of it, and spans under their name there, if any, are
//     not theirs to merge;
//   - a document handed to them is HasCoded when they coded it as the
//     round records (Coded: marked done, or with a span of theirs, as of
//     the last collect of their package); an empty layer then says
//     "nothing to code here", and counts as such (a span of another
//     coder's is a disagreement with them);
//   - a document handed to them that they neither marked done nor coded
//     (not yet begun, their package not collected, or their spans there
//     deleted in the package since they were collected) is NotCoded: left
//     out, not a disagreement;
//   - an annotator who is no coder of the rounds (the lead, a reviewer's
//     gold layer) coded the documents they have a span in
//     (review.BySpans).
//
// It is the rule the agreement on the overlap sample follows (Measure
// compares a collected coder on the sample documents of Progress.Coded;
// every sample document is handed to every coder).
type Coverage struct {
	assigned map[string]map[string]bool // coder → documents handed to them
	coded    map[string]map[string]bool // coder → documents they coded (Progress.Coded)
}

// NewCoverage returns the coverage of the rounds rs: a coder of several
// rounds was handed the documents of each.
func NewCoverage(rs ...*Round) *Coverage {
	c := &Coverage{assigned: map[string]map[string]bool{}, coded: map[string]map[string]bool{}}
	for _, r := range rs {
		for i := range r.Coders {
			k := &r.Coders[i]
			a, ok := c.assigned[k.Name]
			if !ok {
				a = make(map[string]bool, len(k.Documents))
				c.assigned[k.Name] = a
				c.coded[k.Name] = make(map[string]bool, len(k.Progress.Coded))
			}
			for _, id := range k.Documents {
				a[id] = true
			}
			for _, id := range k.Progress.Coded {
				c.coded[k.Name][id] = true
			}
		}
	}
	return c
}

// ProjectCoverage is the coverage of a project that handed out the rounds
// rs (every one of them), or review.BySpans when it handed out none.
func ProjectCoverage(rs []Round) review.Coverage {
	if len(rs) == 0 {
		return review.BySpans{}
	}
	ptrs := make([]*Round, len(rs))
	for i := range rs {
		ptrs[i] = &rs[i]
	}
	return NewCoverage(ptrs...)
}

// IsCoder reports whether name is a coder of the rounds.
func (c *Coverage) IsCoder(name string) bool {
	_, ok := c.assigned[name]
	return ok
}

// Coding returns what the annotator did with the document (see Coverage).
func (c *Coverage) Coding(doc, annotator string, layer annotate.Record) review.Coding {
	given, ok := c.assigned[annotator]
	switch {
	case !ok:
		return review.BySpans{}.Coding(doc, annotator, layer)
	case !given[doc]:
		return review.NotAssigned
	case c.coded[annotator][doc]:
		return review.HasCoded
	}
	return review.NotCoded
}

// Assigned reports whether the document was handed to the annotator (true
// for an annotator who is no coder of the rounds).
func (c *Coverage) Assigned(doc, annotator string) bool {
	given, ok := c.assigned[annotator]
	return !ok || given[doc]
}
