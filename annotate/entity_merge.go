package annotate

import "strings"

// Merging one actor into another (Project.MergeEntities) keeps the gone
// actor's names as ways to find the kept one: the kept actor gets the gone
// one's name and aliases as aliases (Entity.Absorb), after its own, as
// long as the alias rule allows them (MaxAliases; no comma or line break
// in an alias). A name the rule does not allow is left out and counted,
// never dropped silently.

// EntityMerge is what merging one entity into another did, and what its
// undo needs (Project.RestoreEntity).
type EntityMerge struct {
	// Kept is the kept entity as it was before the merge; Merged the same
	// entity after it, with the gone entity's names as aliases
	// (Entity.Absorb).
	Kept, Merged Entity
	// Spans are the spans that named the gone entity and now name the kept
	// one, in document and span id order.
	Spans []SpanRef
	// AliasesLeftOut counts the gone entity's names that did not become
	// aliases of the kept one (Entity.Absorb).
	AliasesLeftOut int
}

// Absorb returns the entity e (cleaned) with the name and aliases of the
// entity gone added to its aliases, after its own and in gone's order,
// leaving out those it is already called (Called); and the number of
// gone's names left out because the alias rule refuses them: past
// MaxAliases, or with a comma or a line break (aliasSeparators). e keeps
// its id, name, kind and affiliation.
func (e Entity) Absorb(gone Entity) (Entity, int) {
	e = e.Clean()
	leftOut := 0
	for _, n := range gone.Clean().Names() {
		switch {
		case NameKey(n) == "" || e.Called(n):
			continue
		case strings.ContainsAny(n, aliasSeparators) || len(e.Aliases) >= MaxAliases:
			leftOut++
			continue
		}
		e.Aliases = append(e.Aliases, n)
	}
	return e, leftOut
}
