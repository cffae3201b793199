package annotate

import (
	"cmp"
	"slices"
	"strings"
)

// Entity is an actor of the project: the canonical name its mentions
// (actor spans) point to, and the other names it is called by (its
// aliases: the rules are in entity_alias.go).
type Entity struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`                  // "Wang Yi"
	Kind        string   `json:"kind,omitempty"`        // person, organisation, state, other ("" unknown)
	Affiliation string   `json:"affiliation,omitempty"` // "China — foreign minister"
	Aliases     []string `json:"aliases,omitempty"`     // "Mr Wang", "China's foreign minister"
}

// Concept is the project's canonical wording of what statements claim or
// deny.
type Concept struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// EntityKinds are the kinds an entity may have; "" means unknown.
var EntityKinds = []string{"person", "organisation", "state", "other"}

// SpanRef names one span of one document.
type SpanRef struct{ DocumentID, SpanID string }

// Validate checks the entity: it has an id, a name that is not blank, a
// kind of EntityKinds (or none) and valid aliases (at most MaxAliases,
// none blank, with a comma or a line break, or repeating the name or
// another alias). Its error is EINVALID.
func (e *Entity) Validate() error {
	switch {
	case e.ID == "":
		return Errorf(EINVALID, "actor %q has no id", e.Name)
	case strings.TrimSpace(e.Name) == "":
		return Errorf(EINVALID, "actor %s has no name", e.ID)
	case e.Kind != "" && !slices.Contains(EntityKinds, e.Kind):
		return Errorf(EINVALID, "actor %q: unknown kind %q (want %s, or none)", e.Name, e.Kind, strings.Join(EntityKinds, ", "))
	}
	return e.validateAliases()
}

// Validate checks the concept: it has an id and a name that is not blank.
// Its error is EINVALID.
func (c *Concept) Validate() error {
	switch {
	case c.ID == "":
		return Errorf(EINVALID, "concept %q has no id", c.Name)
	case strings.TrimSpace(c.Name) == "":
		return Errorf(EINVALID, "concept %s has no name", c.ID)
	}
	return nil
}

// Clean returns the entity with its name, affiliation and aliases trimmed
// of surrounding space, blank aliases and those that repeat the name or
// an earlier alias (NameKey) left out, as it is stored; Aliases is nil
// when none is left.
func (e Entity) Clean() Entity {
	e.Name, e.Affiliation = strings.TrimSpace(e.Name), strings.TrimSpace(e.Affiliation)
	e.Aliases = cleanAliases(e.Name, e.Aliases)
	return e
}

// Clean returns the concept with its name trimmed of surrounding space,
// as it is stored.
func (c Concept) Clean() Concept {
	c.Name = strings.TrimSpace(c.Name)
	return c
}

// NameKey is the form in which two entity names, or two concept names,
// are the same name: trimmed, inner white space as one space, in lower
// case. A project's entities have distinct NameKeys, and so have its
// concepts.
func NameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// CompareEntities orders entities by NameKey, then name and id.
func CompareEntities(a, b Entity) int {
	return cmp.Or(cmp.Compare(NameKey(a.Name), NameKey(b.Name)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
}

// CompareConcepts orders concepts by NameKey, then name and id.
func CompareConcepts(a, b Concept) int {
	return cmp.Or(cmp.Compare(NameKey(a.Name), NameKey(b.Name)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
}

// CheckSpanLabel checks that the span's label allows its entity and its
// concept (EntityLabel, ConceptLabel). Its error is EINVALID, meant for
// the user.
func (ts RelationTypes) CheckSpanLabel(s Span) error {
	if s.Entity != "" && !ts.EntityLabel(s.Label) {
		return Errorf(EINVALID, "%s span cannot name an actor (only actor spans can): clear its actor first", withArticle(displayName(s.Label)))
	}
	if s.Concept != "" && !ts.ConceptLabel(s.Label) {
		return Errorf(EINVALID, "%s span cannot have a concept (only claims and denials can): clear its concept first", withArticle(displayName(s.Label)))
	}
	return nil
}
