package annotate

import (
	"slices"
	"strings"
)

// An entity's names are its Name and its Aliases, the other names it is
// called by ("Mr Wang", "China's foreign minister" for "Wang Yi"). The
// rule, once for the whole program:
//
//   - Clean trims each alias and leaves out a blank one and one that
//     repeats the entity's name or an earlier alias (NameKey), keeping
//     the order given.
//   - Validate refuses more than MaxAliases aliases and an alias with a
//     comma or a line break (they separate aliases where one types them:
//     ParseAliases).
//   - Within a project no two entities share a name: neither a name nor an
//     alias of one is a name or an alias of another (NameKey;
//     Entity.NameClash). The store refuses such an entity (ECONFLICT); an
//     import leaves such an alias out and counts it
//     (ImportResult.AliasesLeftOut).
//
// A name typed or found in a text names the entity it is a name of
// (Entity.Called), by its name or by an alias alike.

// MaxAliases bounds the aliases of one entity.
const MaxAliases = 100

// Names returns the entity's name followed by its aliases.
func (e Entity) Names() []string {
	return append([]string{e.Name}, e.Aliases...)
}

// Called reports whether name is the entity's name or one of its aliases
// (NameKey); a blank name is no entity's.
func (e Entity) Called(name string) bool {
	key := NameKey(name)
	if key == "" {
		return false
	}
	return slices.ContainsFunc(e.Names(), func(n string) bool { return NameKey(n) == key })
}

// Equal reports whether e and o are the same in every field (aliases in
// the same order).
func (e Entity) Equal(o Entity) bool {
	return e.ID == o.ID && e.Name == o.Name && e.Kind == o.Kind && e.Affiliation == o.Affiliation &&
		slices.Equal(e.Aliases, o.Aliases)
}

// NameClash returns an error when the entity o, another entity of the
// project than e (o.ID is not e.ID), has a name or alias that is also a
// name or alias of e (NameKey), and nil otherwise. Its error is
// ECONFLICT, meant for the user.
func (e Entity) NameClash(o Entity) error {
	if o.ID == e.ID {
		return nil
	}
	if NameKey(e.Name) == NameKey(o.Name) {
		return Errorf(ECONFLICT, "The project already has an actor called %q", o.Name)
	}
	for i, n := range e.Names() {
		if !o.Called(n) {
			continue
		}
		if i == 0 {
			return Errorf(ECONFLICT, "%q is already an alias of the actor %q", n, o.Name)
		}
		return Errorf(ECONFLICT, "The alias %q is already a name of the actor %q", n, o.Name)
	}
	return nil
}

// cleanAliases trims the aliases and leaves out blank ones and those
// whose NameKey is the name's or an earlier alias's; nil when none is
// left.
func cleanAliases(name string, aliases []string) []string {
	var out []string
	seen := map[string]bool{NameKey(name): true}
	for _, a := range aliases {
		a = strings.TrimSpace(a)
		k := NameKey(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

// validateAliases checks the aliases of the entity e as Validate does.
func (e *Entity) validateAliases() error {
	if len(e.Aliases) > MaxAliases {
		return Errorf(EINVALID, "actor %q has %d aliases (at most %d)", e.Name, len(e.Aliases), MaxAliases)
	}
	seen := map[string]bool{NameKey(e.Name): true}
	for _, a := range e.Aliases {
		k := NameKey(a)
		switch {
		case k == "":
			return Errorf(EINVALID, "actor %q has a blank alias", e.Name)
		case strings.ContainsAny(a, aliasSeparators):
			return Errorf(EINVALID, "actor %q: the alias %q has a comma or a line break (they separate aliases)", e.Name, ControlPictures(a))
		case seen[k]:
			return Errorf(EINVALID, "actor %q is called %q twice", e.Name, a)
		}
		seen[k] = true
	}
	return nil
}

// aliasSeparators separate aliases where they are typed (ParseAliases).
const aliasSeparators = ",\n\r\u2028\u2029\v\f\u0085"

// ParseAliases splits the aliases typed in one field, separated by commas
// or line breaks, and trims them; blank ones are left out. Clean then
// leaves out those that repeat the name or each other.
func ParseAliases(text string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(aliasSeparators, r) }) {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// FormatAliases writes aliases as one types them in one field, so that
// ParseAliases reads them back: separated by ", ".
func FormatAliases(aliases []string) string {
	return strings.Join(aliases, ", ")
}

// EntityCalled returns the entity among entities that name is a name or
// an alias of (Entity.Called), and whether there is one; the first when a
// project breaks the rule that names are distinct.
func EntityCalled(entities []Entity, name string) (Entity, bool) {
	i := slices.IndexFunc(entities, func(e Entity) bool { return e.Called(name) })
	if i < 0 {
		return Entity{}, false
	}
	return entities[i], true
}
