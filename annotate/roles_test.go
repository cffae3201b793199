package annotate

import "testing"

func TestRoles(t *testing.T) {
	renamed := DefaultSchema()
	for _, r := range [][2]string{{"ACTOR", "SPEAKER"}, {"CLAIM", "STATEMENT"}, {"DENIAL", "REJECTION"}} {
		var err error
		if renamed, err = renamed.RenameLabel(r[0], r[1]); err != nil {
			t.Fatal(err)
		}
	}
	anyFrom := RelationTypes{{Name: RelationSource, To: []string{"WHO"}}}
	tests := []struct {
		name                     string
		types                    RelationTypes
		label                    string
		statement, actor, agrees bool
	}{
		{"default claim", DefaultRelationTypes(), "CLAIM", true, false, true},
		{"default denial", DefaultRelationTypes(), "DENIAL", true, false, false},
		{"default actor", DefaultRelationTypes(), "ACTOR", false, true, false},
		{"default other", DefaultRelationTypes(), "PLACE", false, false, false},
		{"renamed claim", renamed.Relations, "STATEMENT", true, false, true},
		{"renamed denial", renamed.Relations, "REJECTION", true, false, false},
		{"renamed actor", renamed.Relations, "SPEAKER", false, true, false},
		{"renamed: old claim name", renamed.Relations, "CLAIM", false, false, false},
		{"renamed: old actor name", renamed.Relations, "ACTOR", false, false, false},
		{"source from any", anyFrom, "ANYTHING", true, false, true},
		{"source to WHO", anyFrom, "WHO", true, true, true},
		{"no source type: claim", RelationTypes{{Name: RelationTarget}}, "CLAIM", true, false, true},
		{"no source type: denial", nil, "DENIAL", true, false, false},
		{"no source type: actor", nil, "ACTOR", false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.types.IsStatement(tt.label); got != tt.statement {
				t.Errorf("IsStatement(%q) = %v", tt.label, got)
			}
			if got := tt.types.IsActor(tt.label); got != tt.actor {
				t.Errorf("IsActor(%q) = %v", tt.label, got)
			}
			if got := tt.types.Agrees(tt.label); got != tt.agrees {
				t.Errorf("Agrees(%q) = %v", tt.label, got)
			}
			if tt.types.ConceptLabel(tt.label) != tt.statement || tt.types.EntityLabel(tt.label) != tt.actor {
				t.Errorf("ConceptLabel/EntityLabel differ from IsStatement/IsActor")
			}
		})
	}
}
