package suggest

import (
	"testing"

	"claimdesk/annotate"
)

// TestSuggestExplicitAliases: an actor named by an alias the entity was
// given (annotate.Entity.Aliases) gets the entity, with or without a
// title, before the title-and-last-name guess and before the texts of the
// spans that name another entity (WithAliases); an alias two entities
// were given names neither, and a name wins over another's alias.
func TestSuggestExplicitAliases(t *testing.T) {
	ents := []annotate.Entity{
		{ID: "wy", Name: "Wang Yi", Aliases: []string{"Mr Wang", "China’s foreign minister", "the minister"}},
		{ID: "wj", Name: "Jun Wang", Aliases: []string{"the general", "the minister"}},
		{ID: "hl", Name: "Hong Lei", Aliases: []string{"Wang Yi"}}, // breaks the project's rule: the name wins
	}
	mentions := map[string][]string{
		"wj": {"Mr Wang", "the spokesman"}, // what coders tagged: after the explicit aliases
	}
	for _, c := range []struct{ text, want string }{
		{"“Yes,” said Mr Wang.", "wy"},                        // explicit alias, not Jun Wang's last name nor wj's mention
		{"“Yes,” said Mr  WANG.", "wy"},                       // NameKey
		{"China’s foreign minister denied the report.", "wy"}, // a longer alias
		{"“Yes,” said General Wang.", "wj"},                   // a title and Jun Wang’s last name: the guess
		{"“We will not,” said the general.", "wj"},            // an alias of one
		{"“Yes,” said the minister.", ""},                     // an alias of two: neither
		{"“Yes,” said Wang Yi.", "wy"},                        // the name wins over Hong Lei's alias
		{"“Yes,” said the spokesman.", "wj"},                  // a mention text still counts
		{"“Yes,” said Mr Lei.", "hl"},                         // a title and the last name, as before
	} {
		sugs := New(DefaultRules(), ents).WithAliases(mentions).Suggest(c.text)
		if len(sugs) != 1 || sugs[0].Entity != c.want {
			t.Errorf("Suggest(%q) = %+v, want one with entity %q", c.text, sugs, c.want)
		}
	}
	// Without mention texts, explicit aliases alone name the actor.
	if sugs := New(DefaultRules(), ents).Suggest("“Yes,” said Mr Wang."); len(sugs) != 1 || sugs[0].Entity != "wy" {
		t.Errorf("explicit aliases without WithAliases: %+v", sugs)
	}
}
