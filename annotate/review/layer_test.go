package review

import (
	"slices"
	"strconv"
	"testing"

	"claimdesk/annotate"
)

// TestLayer splits a project's record by annotator: spans, links between
// two spans of the layer, and the names they use.
func TestLayer(t *testing.T) {
	rec := annotate.Record{
		Document: annotate.Document{ID: "d"},
		Spans: []annotate.Span{
			{ID: "a1", Start: 0, End: 3, Label: "ACTOR", Annotator: "ana", Entity: "e1"},
			{ID: "a2", Start: 4, End: 9, Label: "CLAIM", Annotator: "ana", Concept: "c1"},
			{ID: "b1", Start: 0, End: 3, Label: "ACTOR", Annotator: "bo", Entity: "e2"},
			{ID: "m1", Start: 0, End: 3, Label: "ACTOR", Annotator: "ana+bo"},
		},
		Relations: []annotate.Relation{
			{ID: "r1", Type: "SOURCE", From: "a2", To: "a1"},
			{ID: "r2", Type: "SOURCE", From: "a2", To: "b1"}, // across layers: in neither
		},
		Entities: map[string]annotate.Entity{"e1": {ID: "e1", Name: "Jafari"}, "e2": {ID: "e2", Name: "Wang"}},
		Concepts: map[string]annotate.Concept{"c1": {ID: "c1", Name: "help"}},
	}
	tests := []struct {
		name            string
		spans, rels     []string
		entities, concs int
		coded           bool
	}{
		{"ana", []string{"a1", "a2"}, []string{"r1"}, 1, 1, true},
		{"bo", []string{"b1"}, nil, 1, 0, true},
		{"ana+bo", []string{"m1"}, nil, 0, 0, true},
		{"cem", nil, nil, 0, 0, false},
	}
	for _, tc := range tests {
		l := Layer(rec, tc.name)
		var spans, rels []string
		for _, sp := range l.Spans {
			spans = append(spans, sp.ID)
		}
		for _, r := range l.Relations {
			rels = append(rels, r.ID)
		}
		if !slices.Equal(spans, tc.spans) || !slices.Equal(rels, tc.rels) || len(l.Entities) != tc.entities || len(l.Concepts) != tc.concs || Coded(l) != tc.coded || l.Document.ID != "d" {
			t.Errorf("Layer(%s) = spans %v links %v, %d entities, %d concepts, coded %v; want %v %v %d %d %v",
				tc.name, spans, rels, len(l.Entities), len(l.Concepts), Coded(l), tc.spans, tc.rels, tc.entities, tc.concs, tc.coded)
		}
	}
	sets := LayerSets(rec, []string{"cem", "bo", "ana"}, nil)
	if len(sets) != 2 || sets[0].Name != "bo" || sets[1].Name != "ana" {
		t.Errorf("LayerSets: %+v, want bo then ana (cem coded nothing)", sets)
	}
}

// TestGoldLayer gives the merged spans and links new ids, credits them to
// the gold name and keeps who made them.
func TestGoldLayer(t *testing.T) {
	merged, _ := MergeRecord(annotate.Document{ID: "d"}, []RecordSet{
		{Name: "ana", Record: annotate.Record{Spans: []annotate.Span{{ID: "a1", Start: 0, End: 3, Label: "ACTOR", Annotator: "ana"}, {ID: "a2", Start: 4, End: 9, Label: "CLAIM", Annotator: "ana"}},
			Relations: []annotate.Relation{{ID: "r1", Type: "SOURCE", From: "a2", To: "a1"}}}},
		{Name: "bo", Record: annotate.Record{Spans: []annotate.Span{{ID: "b1", Start: 0, End: 3, Label: "ACTOR", Annotator: "bo"}, {ID: "b2", Start: 4, End: 9, Label: "CLAIM", Annotator: "bo"}},
			Relations: []annotate.Relation{{ID: "r2", Type: "SOURCE", From: "b2", To: "b1"}}}},
	}, Majority)
	g := GoldLayer(merged, "gold")
	if len(g.Spans) != 2 || len(g.Relations) != 1 {
		t.Fatalf("gold: %+v", g)
	}
	ids := map[string]bool{}
	for _, sp := range g.Spans {
		if sp.Annotator != "gold" || !slices.Equal(sp.Annotators, []string{"ana", "bo"}) || sp.ID == "a1" || sp.ID == "a2" {
			t.Errorf("gold span %+v", sp)
		}
		ids[sp.ID] = true
	}
	if r := g.Relations[0]; !ids[r.From] || !ids[r.To] || r.ID == "r1" {
		t.Errorf("gold link %+v does not join the gold spans %v", r, ids)
	}
	for _, tc := range []struct {
		list string
		ok   bool
	}{{"ana,bo", true}, {" ana , bo ,cem", true}, {"ana", false}, {"ana,,bo", false}, {"ana,ana", false}} {
		if _, err := ParseAnnotators(tc.list); (err == nil) != tc.ok {
			t.Errorf("ParseAnnotators(%q): %v", tc.list, err)
		}
	}
	if CheckGoldName("ana", []string{"ana", "bo"}) == nil || CheckGoldName(" ", nil) == nil || CheckGoldName("gold", []string{"ana"}) != nil {
		t.Error("CheckGoldName")
	}
}

// fixedCoverage is a coverage given as a table: annotator → document →
// coding; NotCoded where it says nothing.
type fixedCoverage map[string]map[string]Coding

func (f fixedCoverage) Coding(doc, name string, _ annotate.Record) Coding { return f[name][doc] }
func (f fixedCoverage) Assigned(doc, name string) bool                    { return f[name][doc] != NotAssigned }

// TestLayers asks the coverage which annotators coded a document: without
// one (BySpans) those with a span; with one, an empty layer of an
// annotator who coded the document is an empty set ("nothing here"), and
// those who did not code it or were not handed it are no set at all.
func TestLayers(t *testing.T) {
	rec := annotate.Record{
		Document: annotate.Document{ID: "d"},
		Spans: []annotate.Span{
			{ID: "a1", Start: 0, End: 3, Label: "ACTOR", Annotator: "ana"},
			{ID: "c1", Start: 0, End: 3, Label: "ACTOR", Annotator: "cem"},
		},
	}
	names := []string{"ana", "bo", "cem", "dan"}
	tests := []struct {
		name    string
		cov     Coverage
		codings []Coding
		sets    []string // names of the sets, with their number of spans
	}{
		{"no round", nil, []Coding{HasCoded, NotCoded, HasCoded, NotCoded}, []string{"ana1", "cem1"}},
		{"BySpans", BySpans{}, []Coding{HasCoded, NotCoded, HasCoded, NotCoded}, []string{"ana1", "cem1"}},
		{"bo coded nothing here, cem not handed it", fixedCoverage{
			"ana": {"d": HasCoded}, "bo": {"d": HasCoded}, "cem": {"d": NotAssigned}, "dan": {},
		}, []Coding{HasCoded, HasCoded, NotAssigned, NotCoded}, []string{"ana1", "bo0"}},
		{"another document", fixedCoverage{"ana": {"e": HasCoded}}, []Coding{NotCoded, NotCoded, NotCoded, NotCoded}, nil},
	}
	for _, tc := range tests {
		ls := Layers(rec, names, tc.cov)
		var codings []Coding
		for i, l := range ls {
			codings = append(codings, l.Coding)
			if l.Name != names[i] || l.Layer.Document.ID != "d" {
				t.Errorf("%s: layer %d is %s of %s", tc.name, i, l.Name, l.Layer.Document.ID)
			}
		}
		var sets []string
		for _, s := range LayerSets(rec, names, tc.cov) {
			sets = append(sets, s.Name+strconv.Itoa(len(s.Record.Spans)))
		}
		if !slices.Equal(codings, tc.codings) || !slices.Equal(sets, tc.sets) {
			t.Errorf("%s: codings %v sets %v; want %v %v", tc.name, codings, sets, tc.codings, tc.sets)
		}
	}
	if BySpans.Assigned(BySpans{}, "d", "x") != true || HasCoded.String() != "coded" || NotAssigned.String() != "not assigned" || NotCoded.String() != "not coded" {
		t.Error("BySpans.Assigned or Coding.String")
	}
}

// TestCheckReviewer refuses a reviewer's name that is an annotator under
// comparison.
func TestCheckReviewer(t *testing.T) {
	for _, tc := range []struct {
		name     string
		compared []string
		ok       bool
	}{{"lead", []string{"ana", "bo"}, true}, {"ana", []string{"ana", "bo"}, false}, {" bo ", []string{"ana", "bo"}, false}, {"ana", nil, true}} {
		err := CheckReviewer(tc.name, tc.compared)
		if (err == nil) != tc.ok || err != nil && annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("CheckReviewer(%q, %v) = %v", tc.name, tc.compared, err)
		}
	}
}
