package annotate

import (
	"errors"
	"slices"
	"strings"
)

// RelationType is a kind of link and the span labels it may join.
type RelationType struct {
	Name    string   `json:"name"`    // as stored and exported: "SOURCE"
	Display string   `json:"display"` // as shown: "source"
	From    []string `json:"from"`    // labels a link may start at: CLAIM, DENIAL; empty: any
	To      []string `json:"to"`      // labels it may end at: ACTOR; empty: any
}

// RelationTypes is a project's list of relation types.
type RelationTypes []RelationType

// DefaultRelationTypes returns the relation types of a new project: SOURCE
// links a statement (a claim or denial) to the actor who makes it, TARGET
// links it to the actor it is about.
func DefaultRelationTypes() RelationTypes {
	return RelationTypes{
		{Name: RelationSource, Display: "source", From: []string{LabelClaim, LabelDenial}, To: []string{LabelActor}},
		{Name: RelationTarget, Display: "target", From: []string{LabelClaim, LabelDenial}, To: []string{LabelActor}},
	}
}

// NewRelationType returns a relation type called name that may join spans
// of any labels, as an import adds a type the project does not know.
func NewRelationType(name string) RelationType {
	return RelationType{Name: name, Display: strings.ToLower(strings.ReplaceAll(name, "_", " "))}
}

// Label returns how the type is shown: its Display, or its name.
func (t RelationType) Label() string {
	if t.Display != "" {
		return t.Display
	}
	return t.Name
}

// AllowsFrom reports whether a link of the type may start at a span
// labelled label.
func (t RelationType) AllowsFrom(label string) bool {
	return len(t.From) == 0 || slices.Contains(t.From, label)
}

// AllowsTo reports whether a link of the type may end at a span labelled
// label.
func (t RelationType) AllowsTo(label string) bool {
	return len(t.To) == 0 || slices.Contains(t.To, label)
}

// Find returns the relation type called name.
func (ts RelationTypes) Find(name string) (RelationType, bool) {
	for _, t := range ts {
		if t.Name == name {
			return t, true
		}
	}
	return RelationType{}, false
}

// Names returns the names of the types, in order.
func (ts RelationTypes) Names() []string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Name
	}
	return names
}

// Validate checks the relation types: every name, and every label of
// their From and To lists, is a valid label name (see ValidateLabelName),
// and no name is used twice. Its error is nil or errors.Join of one
// EINVALID *Error per problem.
func (ts RelationTypes) Validate() error {
	var errs []error
	names := make(map[string]bool, len(ts))
	for _, t := range ts {
		if err := ValidateLabelName(t.Name); err != nil {
			errs = append(errs, Errorf(EINVALID, "relation type: %v", err))
		}
		if names[t.Name] {
			errs = append(errs, Errorf(EINVALID, "relation type %q is listed twice", t.Name))
		}
		names[t.Name] = true
		for _, l := range slices.Concat(t.From, t.To) {
			if err := ValidateLabelName(l); err != nil {
				errs = append(errs, Errorf(EINVALID, "relation type %q: %v", t.Name, err))
			}
		}
	}
	return errors.Join(errs...)
}

// CheckRelation checks the relation r, which links the span from to the
// span to, against the rules of the types: its type is one of them, it
// joins two different spans of one document, and their labels are ones
// the type allows. Its error is an EINVALID *Error with a message meant
// for the user: "A source link goes from a Claim or Denial to an Actor,
// not from an Actor". Duplicates are not its concern (see
// DuplicateRelation).
func (ts RelationTypes) CheckRelation(r Relation, from, to Span) error {
	t, ok := ts.Find(r.Type)
	if !ok {
		if r.Type == "" {
			return Errorf(EINVALID, "relation %s has no type", r.Name())
		}
		return Errorf(EINVALID, "unknown link type %q (the project's link types are %s)", r.Type, strings.Join(ts.Names(), ", "))
	}
	switch {
	case r.From != from.ID || r.To != to.ID:
		return Errorf(EINVALID, "relation %s links %s to %s, not span %s to span %s", r.Name(), r.From, r.To, from.ID, to.ID)
	case from.ID == to.ID:
		return Errorf(EINVALID, "A span cannot be linked to itself")
	case from.DocumentID != to.DocumentID:
		return Errorf(EINVALID, "A link joins two spans of one document, not of documents %s and %s", from.DocumentID, to.DocumentID)
	case !t.AllowsFrom(from.Label):
		return Errorf(EINVALID, "%s, not from %s", t.describe(), withArticle(displayName(from.Label)))
	case !t.AllowsTo(to.Label):
		return Errorf(EINVALID, "%s, not to %s", t.describe(), withArticle(displayName(to.Label)))
	}
	return nil
}

// describe states the type's rule: "A source link goes from a Claim or
// Denial to an Actor".
func (t RelationType) describe() string {
	s := capitalize(withArticle(t.Label())) + " link goes"
	if len(t.From) > 0 {
		s += " from " + withArticle(labelList(t.From))
	}
	if len(t.To) > 0 {
		s += " to " + withArticle(labelList(t.To))
	}
	return s
}

// labelList joins label names as shown: "Claim or Denial".
func labelList(labels []string) string {
	shown := make([]string, len(labels))
	for i, l := range labels {
		shown[i] = displayName(l)
	}
	if len(shown) <= 1 {
		return strings.Join(shown, "")
	}
	return strings.Join(shown[:len(shown)-1], ", ") + " or " + shown[len(shown)-1]
}

// withArticle puts the indefinite article before word: "an Actor".
func withArticle(word string) string { return indefinite(word) + " " + word }

// capitalize puts the first letter of s in upper case.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// DuplicateRelation returns a relation of rels, other than r itself (a
// relation with r's id), of r's type from r's start to r's end, and
// whether there is one.
func DuplicateRelation(rels []Relation, r Relation) (Relation, bool) {
	for _, x := range rels {
		if x.ID != r.ID && x.Type == r.Type && x.From == r.From && x.To == r.To {
			return x, true
		}
	}
	return Relation{}, false
}
