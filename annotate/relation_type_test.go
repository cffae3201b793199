package annotate

import (
	"reflect"
	"strings"
	"testing"
)

func TestCheckRelation(t *testing.T) {
	ts := append(DefaultRelationTypes(), NewRelationType("ALIAS"))
	span := func(id, label string) Span { return Span{ID: id, DocumentID: "d", Label: label} }
	claim, denial, actor, actor2 := span("c", LabelClaim), span("d", LabelDenial), span("a", LabelActor), span("b", LabelActor)
	other := actor2
	other.DocumentID = "elsewhere"
	rel := func(typ string, from, to Span) Relation {
		return Relation{ID: "r", Type: typ, From: from.ID, To: to.ID}
	}
	tests := []struct {
		name     string
		r        Relation
		from, to Span
		want     string // "" for no error, else the whole message
	}{
		{"claim's source", rel(RelationSource, claim, actor), claim, actor, ""},
		{"denial's target", rel(RelationTarget, denial, actor), denial, actor, ""},
		{"a type for any labels", rel("ALIAS", actor, actor2), actor, actor2, ""},
		{"from an actor", rel(RelationSource, actor, claim), actor, claim,
			"A source link goes from a Claim or Denial to an Actor, not from an Actor"},
		{"to a claim", rel(RelationTarget, claim, denial), claim, denial,
			"A target link goes from a Claim or Denial to an Actor, not to a Denial"},
		{"from an actor to an actor", rel(RelationSource, actor, actor2), actor, actor2,
			"A source link goes from a Claim or Denial to an Actor, not from an Actor"},
		{"itself", rel("ALIAS", actor, actor), actor, actor, "A span cannot be linked to itself"},
		{"itself, by the type's labels too", rel(RelationSource, claim, claim), claim, claim, "A span cannot be linked to itself"},
		{"unknown type", rel("QUOTES", claim, actor), claim, actor,
			`unknown link type "QUOTES" (the project's link types are SOURCE, TARGET, ALIAS)`},
		{"no type", rel("", claim, actor), claim, actor, "relation r has no type"},
		{"another document", rel("ALIAS", actor, other), actor, other,
			"A link joins two spans of one document, not of documents d and elsewhere"},
		{"spans that are not its ends", rel(RelationSource, claim, actor), denial, actor,
			"relation r links c to a, not span d to span a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ts.CheckRelation(tt.r, tt.from, tt.to)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("error %v, want none", err)
			case tt.want == "":
				return
			case err == nil:
				t.Fatalf("no error, want %q", tt.want)
			case ErrorCode(err) != EINVALID || err.Error() != tt.want:
				t.Fatalf("error %q (%s), want %q (%s)", err, ErrorCode(err), tt.want, EINVALID)
			}
		})
	}
}

func TestRelationTypesValidate(t *testing.T) {
	tests := []struct {
		name string
		ts   RelationTypes
		want []string // substrings, one per problem
	}{
		{"defaults", DefaultRelationTypes(), nil},
		{"none", RelationTypes{}, nil},
		{"any labels", RelationTypes{NewRelationType("ALIAS")}, nil},
		{"repeated", RelationTypes{{Name: "SOURCE"}, {Name: "TARGET"}, {Name: "SOURCE"}},
			[]string{`relation type "SOURCE" is listed twice`}},
		{"bad name", RelationTypes{{Name: "has space"}, {Name: ""}},
			[]string{`invalid label "has space"`, `invalid label ""`}},
		{"bad label", RelationTypes{{Name: "SOURCE", From: []string{"CLAIM"}, To: []string{"no good"}}},
			[]string{`relation type "SOURCE": invalid label "no good"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.ts.Validate()
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			joined := err.(interface{ Unwrap() []error }).Unwrap()
			if len(joined) != len(tt.want) {
				t.Fatalf("%d problems, want %d: %v", len(joined), len(tt.want), err)
			}
			for i, w := range tt.want {
				if ErrorCode(joined[i]) != EINVALID || !strings.Contains(joined[i].Error(), w) {
					t.Errorf("problem %d is %q (%s), want %q", i, joined[i], ErrorCode(joined[i]), w)
				}
			}
		})
	}
}

func TestRelationTypesFind(t *testing.T) {
	ts := DefaultRelationTypes()
	src, ok := ts.Find(RelationSource)
	if !ok || src.Display != "source" || !reflect.DeepEqual(src.From, []string{LabelClaim, LabelDenial}) || !reflect.DeepEqual(src.To, []string{LabelActor}) {
		t.Errorf("Find(SOURCE) = %+v, %v", src, ok)
	}
	if tg, ok := ts.Find(RelationTarget); !ok || tg.Display != "target" {
		t.Errorf("Find(TARGET) = %+v, %v", tg, ok)
	}
	if x, ok := ts.Find("source"); ok {
		t.Errorf("Find is case-sensitive, found %+v", x)
	}
	if n := NewRelationType("SPOKEN_FOR"); n.Display != "spoken for" || n.From != nil || n.To != nil || !n.AllowsFrom("ANY") || !n.AllowsTo("ANY") {
		t.Errorf("NewRelationType = %+v", n)
	}
}

func TestDuplicateRelation(t *testing.T) {
	rels := []Relation{
		{ID: "r1", Type: RelationSource, From: "c", To: "a"},
		{ID: "r2", Type: RelationTarget, From: "c", To: "a"},
	}
	tests := []struct {
		r    Relation
		want string // the duplicate's id, or ""
	}{
		{Relation{ID: "new", Type: RelationSource, From: "c", To: "a"}, "r1"},
		{Relation{ID: "r1", Type: RelationSource, From: "c", To: "a"}, ""}, // itself
		{Relation{ID: "new", Type: RelationSource, From: "a", To: "c"}, ""},
		{Relation{ID: "new", Type: RelationTarget, From: "c", To: "a"}, "r2"},
		{Relation{ID: "new", Type: RelationSource, From: "c", To: "b"}, ""},
	}
	for _, tt := range tests {
		dup, ok := DuplicateRelation(rels, tt.r)
		if ok != (tt.want != "") || dup.ID != tt.want {
			t.Errorf("DuplicateRelation(%+v) = %+v, %v; want %q", tt.r, dup, ok, tt.want)
		}
	}
}

func TestImportResultString(t *testing.T) {
	r := ImportResult{Documents: 2, Spans: 5, Relations: 1, Skipped: 1, NewLabels: []string{"PERSON"}, NewRelationTypes: []string{"QUOTES", "ALIAS"}}
	want := "2 new documents, 5 new spans, 1 new relation (1 document already in the project); added labels PERSON to the project; added link types QUOTES, ALIAS to the project"
	if got := r.String(); got != want {
		t.Errorf("String() = %q\nwant %q", got, want)
	}
}
