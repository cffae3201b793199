package store

import (
	"testing"

	"claimdesk/annotate"
)

// TestSchemaSuggestRules checks that the suggester's rules are kept with
// the schema as they were given, survive a label's rename and go with a
// schema that has none.
func TestSchemaSuggestRules(t *testing.T) {
	s := newStore(t)
	sc := schemaOf(t, s)
	if sc.Suggest != nil {
		t.Fatalf("a new project has rules: %s", sc.Suggest)
	}
	rules := `{"speech_verbs":["sagte"]}`
	sc.Suggest = []byte(rules)
	must(t, s.SetSchema(sc))
	if got := string(schemaOf(t, s).Suggest); got != rules {
		t.Errorf("rules %q, want %q", got, rules)
	}
	must(t, s.RenameLabel(annotate.LabelClaim, "STATEMENT"))
	if got := string(schemaOf(t, s).Suggest); got != rules {
		t.Errorf("after a rename: rules %q, want %q", got, rules)
	}
	sc = schemaOf(t, s)
	sc.Suggest = nil
	must(t, s.SetSchema(sc))
	if got := schemaOf(t, s).Suggest; got != nil {
		t.Errorf("rules %q after a schema without them", got)
	}
}
