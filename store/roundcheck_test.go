package store

import (
	"strings"
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/round"
	bolt "go.etcd.io/bbolt"
)

// roundDamageable returns an open project of two documents, x and y, and
// a round of ana and bo (sample x; ana has y too), which the test damages
// behind the store's back. It is closed, not checked, when the test ends.
func roundDamageable(t *testing.T) (*Store, round.Round, string, string) {
	t.Helper()
	path := tempPath(t)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	x := annotate.NewDocument("x", "", "Tehran denied the report.", testTime)
	y := annotate.NewDocument("y", "", "Baghdad confirmed it.", testTime)
	if _, err := s.Import([]annotate.Record{{Document: x}, {Document: y}}, ""); err != nil {
		t.Fatal(err)
	}
	r := round.Round{ID: annotate.NewID(), Created: testTime, Labels: []string{"ACTOR"}, Sample: []string{x.ID},
		Coders: []round.Coder{{Name: "ana", Documents: []string{x.ID, y.ID}}, {Name: "bo", Documents: []string{x.ID}}}}
	if err := s.AddRound(r); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("the project is damaged before the test damages it: %v", err)
	}
	return s, r, x.ID, y.ID
}

// TestCheckFindsRoundDamage: a round record written wrong into the rounds
// bucket with bbolt directly gives a problem naming the round, and Check
// changes nothing.
func TestCheckFindsRoundDamage(t *testing.T) {
	tests := []struct {
		name   string
		damage func(r *round.Round, x, y string) []byte // nil: r as changed, as JSON
		want   []string
	}{
		{"does not decode", func(r *round.Round, x, y string) []byte {
			return []byte(`{"id": "` + r.ID + `", "coders": [`)
		}, []string{"round {r}: unexpected end of JSON input"}},
		{"stored under another id", func(r *round.Round, x, y string) []byte {
			r.ID = "elsewhere"
			return nil
		}, []string{"round elsewhere is stored under id {r}"}},
		{"a coder named twice", func(r *round.Round, x, y string) []byte {
			r.Coders[1].Name = "ana"
			return nil
		}, []string{`round {r}: coder "ana" is named twice`}},
		{"a document the project does not have", func(r *round.Round, x, y string) []byte {
			r.Coders[1].Documents = append(r.Coders[1].Documents, "ghost", "ghost2")
			return nil
		}, []string{`round {r}: coder "bo" is given 2 documents the project does not have, or twice (first: ghost)`}},
		{"a document given twice", func(r *round.Round, x, y string) []byte {
			r.Coders[0].Documents = append(r.Coders[0].Documents, y)
			return nil
		}, []string{`round {r}: coder "ana" is given 1 document the project does not have, or twice (first: {y})`}},
		{"a sample document not given to a coder", func(r *round.Round, x, y string) []byte {
			r.Coders[1].Documents = []string{y}
			return nil
		}, []string{`round {r}: coder "bo" lacks 1 document of the sample (first: {x})`}},
		{"a sample document the project does not have", func(r *round.Round, x, y string) []byte {
			r.Sample = append(r.Sample, "ghost")
			return nil
		}, []string{"round {r}: sample document ghost does not exist", `coder "ana" lacks 1 document of the sample (first: ghost)`}},
		{"progress outside the coder's documents", func(r *round.Round, x, y string) []byte {
			r.Coders[1].Progress = round.Progress{Done: []string{y}, Coded: []string{x, y}}
			return nil
		}, []string{`round {r}: coder "bo"'s progress counts as coded 1 document not given to them (first: {y})`,
			`coder "bo"'s progress counts as done 1 document not given to them (first: {y})`}},
		{"done but not coded", func(r *round.Round, x, y string) []byte {
			r.Coders[1].Progress = round.Progress{Done: []string{x}}
			return nil
		}, []string{`round {r}: coder "bo"'s progress counts as done 1 document it does not count as coded (first: {x})`}},
		{"a negative count", func(r *round.Round, x, y string) []byte {
			r.Coders[0].Progress.Spans = -1
			r.Coders[0].Returns = []round.Return{{At: testTime, File: "ana.claimdesk", Spans: 2, Done: 3}}
			return nil
		}, []string{`round {r}: coder "ana"'s progress counts -1 spans and 0 links`,
			`round {r}: coder "ana"'s collect of ana.claimdesk at 20`, "counts 2 spans, 0 links, 0 actors, 0 concepts, 3 of 2 documents done"}},
		{"agreement over more than the sample", func(r *round.Round, x, y string) []byte {
			r.Agreement = &round.Agreement{Coders: []string{"ana", "bo"}, Documents: 2}
			return nil
		}, []string{"round {r}: its agreement is over 2 documents, of a sample of 1"}},
		{"agreement of another coder", func(r *round.Round, x, y string) []byte {
			r.Agreement = &round.Agreement{Coders: []string{"ana", "zed"}, Pairs: []round.CoderPair{{Pair: [2]string{"ana", "zed"}}}}
			return nil
		}, []string{`round {r}: its agreement compares "zed", who is not a coder of the round`,
			`round {r}: its agreement pairs "zed", who is not a coder of the round`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, r, x, y := roundDamageable(t)
			changed := r
			changed.Coders = append([]round.Coder(nil), r.Coders...)
			data := tt.damage(&changed, x, y)
			err := s.db.Update(func(tx *bolt.Tx) error {
				b := tx.Bucket(bucketRounds)
				if data == nil {
					if err := b.Delete([]byte(r.ID)); err != nil {
						return err
					}
					return putJSON(t, b, r.ID, changed)
				}
				return b.Put([]byte(r.ID), data)
			})
			if err != nil {
				t.Fatal(err)
			}
			before := fileSum(t, s.path)
			err = s.Check()
			if err == nil {
				t.Fatal("Check found nothing wrong")
			}
			for _, w := range tt.want {
				w = strings.NewReplacer("{r}", r.ID, "{x}", x, "{y}", y).Replace(w)
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Check's problems:\n%v\nwant one holding %q", err, w)
				}
			}
			wantCode(t, err, annotate.EINTERNAL)
			if fileSum(t, s.path) != before {
				t.Error("Check changed the file")
			}
		})
	}
}

// TestCheckFindsPackageDamage: a coder's package whose round record was
// written wrong with bbolt directly.
func TestCheckFindsPackageDamage(t *testing.T) {
	tests := []struct {
		name  string
		value []byte // the package's record; nil: p, changed, as JSON
		p     func(p *round.Package)
		extra bool // a nested bucket in the round bucket too
		want  string
	}{
		{"does not decode", []byte(`{"round": 7}`), nil, false, "the package's round record: json: cannot unmarshal number"},
		{"no round", nil, func(p *round.Package) { p.Round = "" }, false, "the package's round record names no round"},
		{"bad coder", nil, func(p *round.Package) { p.Coder = "ana,bo" }, false, `the package's round record: coder name "ana,bo" holds a character`},
		{"a document the package does not have", nil, func(p *round.Package) { p.Documents = append(p.Documents, "ghost") }, false,
			"the package's round record lists 1 document the package does not have, or twice (first: ghost)"},
		{"another key", nil, func(p *round.Package) {}, true, `round bucket: key "other" is not the package's record`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(tempPath(t), Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			doc := annotate.NewDocument("t", "", "Tehran denied the report.", testTime)
			if _, err := s.Import([]annotate.Record{{Document: doc}}, ""); err != nil {
				t.Fatal(err)
			}
			p := round.Package{Round: annotate.NewID(), Coder: "ana", Documents: []string{doc.ID}, Labels: []string{"ACTOR"}}
			if err := s.SetPackage(p); err != nil {
				t.Fatal(err)
			}
			if err := s.Check(); err != nil {
				t.Fatalf("the package is damaged before the test damages it: %v", err)
			}
			err = s.db.Update(func(tx *bolt.Tx) error {
				b := tx.Bucket(bucketRound)
				if tt.extra {
					if _, err := b.CreateBucket([]byte("other")); err != nil {
						return err
					}
				}
				if tt.value != nil {
					return b.Put(keyPackage, tt.value)
				}
				tt.p(&p)
				return putJSON(t, b, string(keyPackage), p)
			})
			if err != nil {
				t.Fatal(err)
			}
			err = s.Check()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Check's problems:\n%v\nwant one holding %q", err, tt.want)
			}
		})
	}
}
