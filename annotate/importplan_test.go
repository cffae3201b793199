package annotate

import (
	"reflect"
	"testing"
	"time"
)

// memProject is an ImportProject held in maps, as the store holds it in
// its transaction.
type memProject struct {
	entities map[string]Entity
	concepts map[string]Concept
}

func (m *memProject) HasEntity(id string) (bool, error) { _, ok := m.entities[id]; return ok, nil }
func (m *memProject) EntityNamed(key string) (string, bool, error) {
	for id, e := range m.entities {
		if e.Called(key) {
			return id, true, nil
		}
	}
	return "", false, nil
}
func (m *memProject) AddEntity(e Entity) error           { m.entities[e.ID] = e; return nil }
func (m *memProject) HasConcept(id string) (bool, error) { _, ok := m.concepts[id]; return ok, nil }
func (m *memProject) ConceptNamed(key string) (string, bool, error) {
	for id, c := range m.concepts {
		if NameKey(c.Name) == key {
			return id, true, nil
		}
	}
	return "", false, nil
}
func (m *memProject) AddConcept(c Concept) error { m.concepts[c.ID] = c; return nil }

func newMemProject() *memProject {
	return &memProject{
		entities: map[string]Entity{"e1": {ID: "e1", Name: "Wang Yi", Kind: "person"}},
		concepts: map[string]Concept{"c1": {ID: "c1", Name: "Talks failed"}},
	}
}

var planTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("CET", 3600))

func newTestPlan() *ImportPlan {
	return NewImportPlan(LabelSet(DefaultLabels()), DefaultRelationTypes(), "ana", planTime)
}

func TestImportPlanCompleteSpan(t *testing.T) {
	p := newTestPlan()
	sp := Span{Start: 0, End: 3, Label: LabelActor}
	p.CompleteSpan(&sp)
	if sp.ID == "" || sp.Annotator != "ana" || !sp.Created.Equal(planTime) || sp.Created.Location() != time.UTC || sp.Updated != sp.Created {
		t.Fatalf("completed span %+v", sp)
	}
	kept := Span{ID: "s", Annotator: "bo", Created: planTime.Add(-time.Hour), Updated: planTime.Add(-time.Minute)}
	p.CompleteSpan(&kept)
	if kept.ID != "s" || kept.Annotator != "bo" || !kept.Created.Equal(planTime.Add(-time.Hour)) || !kept.Updated.Equal(planTime.Add(-time.Minute)) {
		t.Fatalf("a span's own fields changed: %+v", kept)
	}
}

func TestImportPlanCheckSpan(t *testing.T) {
	tests := []struct {
		name      string
		sp        Span
		want      string   // the error, or ""
		newLabels []string // Result.NewLabels after
	}{
		{"known label", Span{ID: "s", Start: 0, End: 4, Label: LabelClaim}, "", nil},
		{"new label", Span{ID: "s", Start: 0, End: 4, Label: "ORG"}, "", []string{"ORG"}},
		{"outside the text", Span{ID: "s", Start: 2, End: 11, Label: LabelClaim}, "span 2-11 lies outside the text (10 code points)", nil},
		{"invalid label name", Span{ID: "s", Start: 0, End: 4, Label: "a b"}, `invalid label "a b" (use 1 to 64 letters, digits or _-.:/)`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newTestPlan()
			err := p.CheckSpan(&tt.sp, 10)
			if got := errString(err); got != tt.want {
				t.Fatalf("error %q, want %q", got, tt.want)
			}
			if !reflect.DeepEqual(p.Result.NewLabels, tt.newLabels) {
				t.Fatalf("new labels %v, want %v", p.Result.NewLabels, tt.newLabels)
			}
			if _, ok := p.Labels.Find(tt.sp.Label); !ok && err == nil {
				t.Fatalf("label %s not in the plan's labels", tt.sp.Label)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestImportPlanSpanRefs(t *testing.T) {
	rec := &Record{
		Entities: map[string]Entity{
			"x":     {ID: "x", Name: " wang yi "},               // the stored actor, by name
			"new":   {Name: " Li Qiang ", Affiliation: " PRC "}, // added with a new id
			"mine":  {ID: "mine", Name: "Ana B"},                // added with its id
			"other": {ID: "e1", Name: "Someone else"},           // the stored actor, by id (its name not taken)
			"bad":   {ID: "bad", Name: "Bad", Kind: "alien"},
		},
		Concepts: map[string]Concept{
			"k":    {ID: "k", Name: "talks failed"},
			"newc": {Name: "Aid arrives"},
		},
	}
	tests := []struct {
		name         string
		sp           Span
		wantEntity   string // "" for none, "*" for a new id
		wantConcept  string
		want         string
		newEntities  int
		newConcepts  int
		addedEntity  string // name of the actor added
		addedConcept string
	}{
		{name: "stored actor by name", sp: Span{ID: "s", Label: LabelActor, Entity: "x"}, wantEntity: "e1"},
		{name: "stored actor by id", sp: Span{ID: "s", Label: LabelActor, Entity: "e1"}, wantEntity: "e1"},
		{name: "record's actor by stored id", sp: Span{ID: "s", Label: LabelActor, Entity: "other"}, wantEntity: "e1"},
		{name: "new actor, new id", sp: Span{ID: "s", Label: LabelActor, Entity: "new"}, wantEntity: "*", newEntities: 1, addedEntity: "Li Qiang"},
		{name: "new actor, own id", sp: Span{ID: "s", Label: LabelActor, Entity: "mine"}, wantEntity: "mine", newEntities: 1, addedEntity: "Ana B"},
		{name: "unknown actor", sp: Span{ID: "s", Label: LabelActor, Entity: "nobody"},
			want: `span s: a span names actor "nobody", which neither the line nor the project has`},
		{name: "invalid actor", sp: Span{ID: "s", Label: LabelActor, Entity: "bad"},
			want: `span s: actor "Bad": unknown kind "alien" (want person, organisation, state, other, or none)`},
		{name: "stored concept by name", sp: Span{ID: "s", Label: LabelClaim, Concept: "k"}, wantConcept: "c1"},
		{name: "stored concept by id", sp: Span{ID: "s", Label: LabelClaim, Concept: "c1"}, wantConcept: "c1"},
		{name: "new concept", sp: Span{ID: "s", Label: LabelClaim, Concept: "newc"}, wantConcept: "*", newConcepts: 1, addedConcept: "Aid arrives"},
		{name: "unknown concept", sp: Span{ID: "s", Label: LabelClaim, Concept: "nothing"},
			want: `span s: a span has concept "nothing", which neither the line nor the project has`},
		{name: "a claim naming an actor", sp: Span{ID: "s", Start: 0, End: 3, Label: LabelClaim, Entity: "e1"},
			want: "span s (CLAIM 0–3 without annotator): a Claim span cannot name an actor (only actor spans can): clear its actor first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, proj := newTestPlan(), newMemProject()
			sp := tt.sp
			err := p.SpanRefs(rec, &sp, proj)
			if got := errString(err); got != tt.want {
				t.Fatalf("error %q, want %q", got, tt.want)
			}
			if err != nil {
				if len(proj.entities) != 1 || len(proj.concepts) != 1 || p.Result.Entities+p.Result.Concepts != 0 {
					t.Fatalf("a refused span added to the project: %v %v %+v", proj.entities, proj.concepts, p.Result)
				}
				return
			}
			check := func(what, got, want string) {
				t.Helper()
				if want == "*" {
					if got == "" || got == tt.sp.Entity || got == tt.sp.Concept {
						t.Fatalf("%s %q, want a new id", what, got)
					}
					return
				}
				if got != want {
					t.Fatalf("%s %q, want %q", what, got, want)
				}
			}
			check("entity", sp.Entity, tt.wantEntity)
			check("concept", sp.Concept, tt.wantConcept)
			if p.Result.Entities != tt.newEntities || p.Result.Concepts != tt.newConcepts {
				t.Fatalf("result %+v, want %d actors and %d concepts", p.Result, tt.newEntities, tt.newConcepts)
			}
			if tt.addedEntity != "" {
				e := proj.entities[sp.Entity]
				if e.Name != tt.addedEntity || e.ID != sp.Entity {
					t.Fatalf("added actor %+v, want the name %q cleaned", e, tt.addedEntity)
				}
			}
			if tt.addedConcept != "" && proj.concepts[sp.Concept].Name != tt.addedConcept {
				t.Fatalf("added concept %+v, want %q", proj.concepts[sp.Concept], tt.addedConcept)
			}
		})
	}
}

func TestImportPlanRelations(t *testing.T) {
	claim := Span{ID: "c", DocumentID: "d", Label: LabelClaim}
	actor := Span{ID: "a", DocumentID: "d", Label: LabelActor}
	tests := []struct {
		name     string
		r        Relation
		from, to Span
		want     string
		newTypes []string
	}{
		{"known type", Relation{ID: "r", Type: RelationSource, From: "c", To: "a"}, claim, actor, "", nil},
		{"new type allows any labels", Relation{ID: "r", Type: "QUOTES", From: "a", To: "c"}, actor, claim, "", []string{"QUOTES"}},
		{"no type", Relation{ID: "r", From: "c", To: "a"}, claim, actor, "relation r has no type", nil},
		{"a type's labels", Relation{ID: "r", Type: RelationSource, From: "a", To: "c"}, actor, claim,
			"relation r: A source link goes from a Claim or Denial to an Actor, not from an Actor", nil},
		{"itself", Relation{ID: "r", Type: "QUOTES", From: "a", To: "a"}, actor, actor,
			"relation r: A span cannot be linked to itself", []string{"QUOTES"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newTestPlan()
			r := tt.r
			err := p.CompleteRelation(&r)
			if err == nil {
				if err = p.RelationType(&r); err == nil {
					err = p.CheckRelation(&r, tt.from, tt.to)
				}
			}
			if got := errString(err); got != tt.want {
				t.Fatalf("error %q, want %q", got, tt.want)
			}
			if !reflect.DeepEqual(p.Result.NewRelationTypes, tt.newTypes) {
				t.Fatalf("new types %v, want %v", p.Result.NewRelationTypes, tt.newTypes)
			}
			if len(tt.newTypes) > 0 {
				if _, ok := p.Types.Find(tt.newTypes[0]); !ok {
					t.Fatalf("type %s not in the plan's types", tt.newTypes[0])
				}
			}
		})
	}
	p := newTestPlan()
	r := Relation{Type: "a b", From: "a", To: "c"}
	if err := p.CompleteRelation(&r); err != nil || r.ID == "" {
		t.Fatalf("complete: %v, id %q", err, r.ID)
	}
	if err := p.RelationType(&r); err == nil || ErrorCode(err) != EINVALID || len(p.Result.NewRelationTypes) != 0 {
		t.Fatalf("invalid type name: %v, new types %v", err, p.Result.NewRelationTypes)
	}
}

func TestRelationError(t *testing.T) {
	err := Errorf(EINVALID, "bad")
	if got := RelationError(&Relation{}, err); got != err {
		t.Fatalf("without a line: %v", got)
	}
	le, ok := RelationError(&Relation{Line: 7}, err).(*LineError)
	if !ok || le.Line != 7 || le.Err != err {
		t.Fatalf("with a line: %#v", le)
	}
}

func TestImportPlanCompleteDocument(t *testing.T) {
	p := newTestPlan()
	d := Document{Text: "Ünïcode text"}
	if err := p.CompleteDocument(&d, ""); err != nil {
		t.Fatal(err)
	}
	if d.ID == "" || d.Status != StatusTodo || !d.Created.Equal(planTime) || d.Created.Location() != time.UTC || d.SHA256 != TextSHA256(d.Text) {
		t.Fatalf("completed document %+v", d)
	}
	given := Document{ID: "d", Text: "x", Status: StatusDone, Created: planTime.Add(-time.Hour)}
	if err := p.CompleteDocument(&given, "precomputed"); err != nil {
		t.Fatal(err)
	}
	if given.ID != "d" || given.Status != StatusDone || !given.Created.Equal(planTime.Add(-time.Hour)) || given.SHA256 != "precomputed" {
		t.Fatalf("a document's own fields changed, or the given sum not used: %+v", given)
	}
	for _, bad := range []Document{
		{ID: "d", Text: "x", Status: "finished"},
		{ID: "d", Text: "x", SHA256: TextSHA256("y")},
	} {
		if err := p.CompleteDocument(&bad, ""); ErrorCode(err) != EINVALID {
			t.Errorf("document %+v: error %v, want EINVALID", bad, err)
		}
	}
}
