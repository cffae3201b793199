package annotate

import (
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestEntityCleanAliases(t *testing.T) {
	for _, tc := range []struct {
		name    string
		aliases []string
		want    []string
	}{
		{"Wang Yi", nil, nil},
		{"Wang Yi", []string{}, nil},
		{"Wang Yi", []string{"  Mr Wang ", "China’s foreign minister"}, []string{"Mr Wang", "China’s foreign minister"}},
		{"Wang Yi", []string{"", "   "}, nil},
		{"Wang Yi", []string{"wang  yi", "Mr Wang"}, []string{"Mr Wang"}},            // the name again, in other letters
		{"Wang Yi", []string{"Mr Wang", "MR WANG", "mr  wang"}, []string{"Mr Wang"}}, // the first of a repeated alias
		{" Wang Yi ", []string{"Wang Yi"}, nil},
	} {
		got := Entity{ID: "e", Name: tc.name, Aliases: tc.aliases}.Clean()
		if !slices.Equal(got.Aliases, tc.want) || (tc.want == nil) != (got.Aliases == nil) {
			t.Errorf("Clean(%q, %q).Aliases = %#v, want %#v", tc.name, tc.aliases, got.Aliases, tc.want)
		}
	}
}

func TestEntityValidateAliases(t *testing.T) {
	many := make([]string, MaxAliases+1)
	for i := range many {
		many[i] = "alias " + strings.Repeat("x", i+1)
	}
	for _, tc := range []struct {
		aliases []string
		ok      bool
	}{
		{nil, true},
		{[]string{"Mr Wang", "China’s foreign minister"}, true},
		{many[:MaxAliases], true},
		{many, false},
		{[]string{" "}, false},
		{[]string{"Wang Yi, minister"}, false},
		{[]string{"Mr\nWang"}, false},
		{[]string{"Mr Wang", "mr wang"}, false},
		{[]string{"WANG YI"}, false}, // the name
	} {
		e := Entity{ID: "e", Name: "Wang Yi", Aliases: tc.aliases}
		err := e.Validate()
		if (err == nil) != tc.ok || err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("Validate(%q) = %v, want ok %v", tc.aliases, err, tc.ok)
		}
	}
}

func TestEntityNameClash(t *testing.T) {
	wang := Entity{ID: "w", Name: "Wang Yi", Aliases: []string{"Mr Wang", "China’s foreign minister"}}
	for _, tc := range []struct {
		e    Entity
		want string // "" no clash; else a part of the message
	}{
		{Entity{ID: "x", Name: "Hong Lei"}, ""},
		{Entity{ID: "w", Name: "Mr Wang"}, ""}, // itself
		{Entity{ID: "x", Name: "wang yi"}, `already has an actor called "Wang Yi"`},
		{Entity{ID: "x", Name: "MR WANG"}, `"MR WANG" is already an alias of the actor "Wang Yi"`},
		{Entity{ID: "x", Name: "Wang Jun", Aliases: []string{"Mr Wang"}}, `alias "Mr Wang" is already a name of the actor "Wang Yi"`},
		{Entity{ID: "x", Name: "Wang Jun", Aliases: []string{"Wang Yi"}}, `alias "Wang Yi" is already a name`},
	} {
		err := tc.e.NameClash(wang)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%+v clashes: %v", tc.e, err)
			}
			continue
		}
		if err == nil || ErrorCode(err) != ECONFLICT || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want ECONFLICT with %q", tc.e, err, tc.want)
		}
		// The rule is symmetric: the other way round clashes too.
		if wang.NameClash(tc.e) == nil {
			t.Errorf("Wang Yi does not clash with %+v", tc.e)
		}
	}
}

func TestEntityCalled(t *testing.T) {
	ents := []Entity{{ID: "h", Name: "Hong Lei"}, {ID: "w", Name: "Wang Yi", Aliases: []string{"Mr Wang"}}}
	for name, want := range map[string]string{"mr  WANG": "w", "Wang Yi": "w", "hong lei": "h", "Mr Hong": "", "": "", "  ": ""} {
		e, ok := EntityCalled(ents, name)
		if e.ID != want || ok != (want != "") {
			t.Errorf("EntityCalled(%q) = %q, %v, want %q", name, e.ID, ok, want)
		}
	}
}

func TestParseAliases(t *testing.T) {
	for text, want := range map[string][]string{
		"":                                  nil,
		" , ,\n":                            nil,
		"Mr Wang, China’s foreign minister": {"Mr Wang", "China’s foreign minister"},
		"Mr Wang\nMinister Wang\r\nWang":    {"Mr Wang", "Minister Wang", "Wang"},
		"  Mr Wang  ,,Wang  ":               {"Mr Wang", "Wang"},
	} {
		if got := ParseAliases(text); !slices.Equal(got, want) {
			t.Errorf("ParseAliases(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestAliasesRoundTripProperties: the aliases of a valid, clean entity
// come back from FormatAliases through ParseAliases and Clean as they
// were, and Clean keeps an entity valid and is idempotent.
func TestAliasesRoundTripProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		name := rapid.StringMatching(`[A-Za-zé' -]{1,12}`).Draw(t, "name")
		raw := rapid.SliceOfN(rapid.StringMatching(`[A-Za-zé' .-]{0,10}`), 0, 8).Draw(t, "aliases")
		if strings.TrimSpace(name) == "" {
			t.Skip("a blank name")
		}
		e := Entity{ID: "e", Name: name, Aliases: raw}.Clean()
		if err := e.Validate(); err != nil {
			t.Fatalf("a clean entity is invalid: %v (%q)", err, e.Aliases)
		}
		if again := e.Clean(); !again.Equal(e) {
			t.Fatalf("Clean is not idempotent: %q then %q", e.Aliases, again.Aliases)
		}
		back := Entity{ID: "e", Name: e.Name, Aliases: ParseAliases(FormatAliases(e.Aliases))}.Clean()
		if !back.Equal(e) {
			t.Fatalf("aliases %q came back as %q", e.Aliases, back.Aliases)
		}
		for _, a := range e.Aliases {
			if !e.Called(a) || !e.Called(strings.ToUpper(a)) {
				t.Fatalf("%q is not called %q", e.Name, a)
			}
		}
	})
}

func TestEntityCompleterFindsAliases(t *testing.T) {
	ents := []Entity{
		{ID: "1", Name: "Hong Lei", Aliases: []string{"the spokesman"}},
		{ID: "2", Name: "Ministry of Foreign Affairs", Aliases: []string{"Wang’s ministry"}},
		{ID: "3", Name: "Wang Yi", Aliases: []string{"Mr Wang", "China’s foreign minister"}},
	}
	c := NewEntityCompleter(ents)
	for _, tc := range []struct {
		typed     string
		want, via []string
	}{
		{"Mr Wa", []string{"Wang Yi"}, []string{"Mr Wang"}},
		{"mr  wang", []string{"Wang Yi"}, []string{"Mr Wang"}},
		// the name first, then an alias that starts so, then later words
		{"wang", []string{"Wang Yi", "Ministry of Foreign Affairs"}, []string{"", "Wang’s ministry"}},
		{"foreign", []string{"Ministry of Foreign Affairs", "Wang Yi"}, []string{"", "China’s foreign minister"}},
		{"spokes", []string{"Hong Lei"}, []string{"the spokesman"}},
		{"x", nil, nil},
		{"", []string{"Hong Lei", "Ministry of Foreign Affairs", "Wang Yi"}, []string{"", "", ""}},
	} {
		got, via := c.MatchesVia(tc.typed)
		if !slices.Equal(got, tc.want) || !slices.Equal(via, tc.via) {
			t.Errorf("MatchesVia(%q) = %q by %q, want %q by %q", tc.typed, got, via, tc.want, tc.via)
		}
		if m := c.Matches(tc.typed); !slices.Equal(m, got) {
			t.Errorf("Matches(%q) = %q, MatchesVia %q", tc.typed, m, got)
		}
	}
	if c.Len() != 3 || NewNameCompleter(nil).Len() != 0 {
		t.Error("Len counts wrong")
	}
}

func TestProposeEntity(t *testing.T) {
	ents := []Entity{{ID: "wy", Name: "Wang Yi", Aliases: []string{"Mr Wang"}}, {ID: "wj", Name: "Wang Jun"}}
	called := 0
	elsewhere := func(list []NamedText) func() []NamedText {
		return func() []NamedText { called++; return list }
	}
	for _, tc := range []struct {
		what            string
		here, elsewhere []NamedText
		want            string
		reads           int
	}{
		{"the alias, when no mention names one", nil, nil, "wy", 1},
		{"this document's mentions first", []NamedText{{"Mr Wang", "wj"}}, nil, "wj", 0},
		{"the project's mentions before the alias", nil, []NamedText{{"mr wang", "wj"}}, "wj", 1},
		{"mentions with other texts do not count", nil, []NamedText{{"Wang", "wj"}}, "wy", 1},
	} {
		called = 0
		if got := ProposeEntity("Mr Wang", tc.here, ents, elsewhere(tc.elsewhere)); got != tc.want || called != tc.reads {
			t.Errorf("%s: ProposeEntity = %q (project read %d times), want %q (%d)", tc.what, got, called, tc.want, tc.reads)
		}
	}
	if got := ProposeEntity("Mr Hong", nil, ents, nil); got != "" {
		t.Errorf("ProposeEntity(Mr Hong) = %q, want none", got)
	}
}
