package annotate

// The roles of labels. This file is the one place that says which of a
// project's labels are statements (claims and denials: what is said) and
// which name actors (who says it, or whom it is about). The answer is read
// from the project's link types: a statement is a label a SOURCE link may
// start at, an actor a label it may end at. A project that renames its
// labels, or adds some, gets the same answers in the window, the store's
// counts and the exports, because they all ask here. Only a project
// without a SOURCE link type falls back on the default label names.

// IsStatement reports whether spans labelled label are statements (claims
// and denials): a label a SOURCE link may start at (CLAIM and DENIAL by
// default; any label when the SOURCE type allows any), or CLAIM and DENIAL
// when the project has no SOURCE type. Statements may have a concept.
func (ts RelationTypes) IsStatement(label string) bool {
	if t, ok := ts.Find(RelationSource); ok {
		return t.AllowsFrom(label)
	}
	return label == LabelClaim || label == LabelDenial
}

// IsActor reports whether spans labelled label name actors: a label a
// SOURCE link may end at (ACTOR by default; any label when the SOURCE type
// allows any), or ACTOR when the project has no SOURCE type. Actor spans
// may name an entity.
func (ts RelationTypes) IsActor(label string) bool {
	if t, ok := ts.Find(RelationSource); ok {
		return t.AllowsTo(label)
	}
	return label == LabelActor
}

// Agrees reports whether a statement labelled label agrees with what it
// states (a claim) rather than rejecting it (a denial), for the agreement
// of the discourse network: the first label of the SOURCE type's From list
// agrees and the others disagree (CLAIM, DENIAL by default, and after
// renaming them, whatever they are called). When the SOURCE type allows
// any label every statement agrees; without a SOURCE type CLAIM agrees.
// It is false for a label that is not a statement (IsStatement).
func (ts RelationTypes) Agrees(label string) bool {
	t, ok := ts.Find(RelationSource)
	switch {
	case !ok:
		return label == LabelClaim
	case len(t.From) == 0:
		return true
	}
	return t.From[0] == label
}

// EntityLabel reports whether a span labelled label may point to an
// entity: whether it names an actor (IsActor).
func (ts RelationTypes) EntityLabel(label string) bool { return ts.IsActor(label) }

// ConceptLabel reports whether a span labelled label may point to a
// concept: whether it is a statement (IsStatement).
func (ts RelationTypes) ConceptLabel(label string) bool { return ts.IsStatement(label) }
