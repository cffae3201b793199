package store

import (
	"testing"

	"claimdesk/annotate"
)

// A project that renames its labels (ACTOR to SPEAKER, CLAIM to STATEMENT,
// DENIAL to REJECTION) counts its statements without a source as one with
// the default labels does: the store asks annotate which labels are
// statements.
func TestStatsUnsourcedRenamedLabels(t *testing.T) {
	for _, renamed := range []bool{false, true} {
		s := newStore(t)
		names := map[string]string{"ACTOR": "ACTOR", "CLAIM": "CLAIM", "DENIAL": "DENIAL"}
		if renamed {
			names = map[string]string{"ACTOR": "SPEAKER", "CLAIM": "STATEMENT", "DENIAL": "REJECTION"}
			sc := annotate.DefaultSchema()
			for _, old := range []string{"ACTOR", "CLAIM", "DENIAL"} {
				var err error
				if sc, err = sc.RenameLabel(old, names[old]); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.SetSchema(sc); err != nil {
				t.Fatal(err)
			}
		}
		text := article(t)
		d := annotate.NewDocument("China", "test", text, testTime)
		claim := span(t, d.ID, text, "China has offered to help Iraq defeat Sunni extremists", 0, names["CLAIM"])
		denial := span(t, d.ID, text, "made the offer", 0, names["DENIAL"])
		actor := span(t, d.ID, text, "Mr Jafari", 0, names["ACTOR"])
		rec := annotate.Record{Document: d, Spans: []annotate.Span{claim, denial, actor},
			Relations: []annotate.Relation{{ID: "r1", Type: annotate.RelationSource, From: denial.ID, To: actor.ID}}}
		if _, err := s.Import([]annotate.Record{rec}, "ana"); err != nil {
			t.Fatal(err)
		}
		st, err := s.Stats()
		if err != nil {
			t.Fatal(err)
		}
		if st.Unsourced != 1 {
			t.Errorf("renamed %v: %d statements without a source, want 1 (the claim)", renamed, st.Unsourced)
		}
	}
}
