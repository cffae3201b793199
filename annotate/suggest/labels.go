package suggest

import "claimdesk/annotate"

// Labels are the labels and the link type suggestions are made with.
type Labels struct {
	Actor  string // who speaks
	Claim  string // a statement that agrees with what it states
	Denial string // a statement that rejects it; "" when the schema has none (denials are not suggested)
	Source string // the link type from a statement to its speaker
}

// LabelsOf reads the labels of suggestions from a project's relation
// types, as annotate's roles say them (RelationTypes.IsActor, IsStatement,
// Agrees): the actor is the first label a SOURCE link may end at, the
// claim the first statement label that agrees, the denial the first that
// does not. Where the SOURCE type allows any label, or the project has
// none, annotate's default labels stand. This is the one place the
// suggester decides labels.
func LabelsOf(ts annotate.RelationTypes) Labels {
	l := Labels{Actor: annotate.LabelActor, Claim: annotate.LabelClaim, Denial: annotate.LabelDenial, Source: annotate.RelationSource}
	t, ok := ts.Find(annotate.RelationSource)
	if !ok {
		return l
	}
	if len(t.To) > 0 {
		l.Actor = t.To[0]
	}
	if len(t.From) > 0 {
		l.Claim, l.Denial = "", ""
		for _, from := range t.From {
			switch {
			case !ts.IsStatement(from):
			case ts.Agrees(from) && l.Claim == "":
				l.Claim = from
			case !ts.Agrees(from) && l.Denial == "":
				l.Denial = from
			}
		}
	}
	return l
}
