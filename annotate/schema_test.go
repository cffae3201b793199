package annotate

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestSchemaJSONRoundTrip(t *testing.T) {
	s := DefaultSchema()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), `{"version":1,"labels":[{"name":"ACTOR"`) || !strings.Contains(string(data), `"relations":[{"name":"SOURCE"`) {
		t.Errorf("JSON %s", data)
	}
	got, err := ParseSchema("schema.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("ParseSchema(Marshal(s)) = %+v, want %+v", got, s)
	}
	var viaUnmarshal Schema
	if err := json.Unmarshal(data, &viaUnmarshal); err != nil || !reflect.DeepEqual(viaUnmarshal, s) {
		t.Errorf("json.Unmarshal: %+v %v", viaUnmarshal, err)
	}
	empty, err := json.Marshal(Schema{})
	if err != nil || string(empty) != `{"version":1,"labels":[],"relations":[]}` {
		t.Errorf("empty schema JSON %s %v", empty, err)
	}
}

func TestParseSchemaErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       string // the whole message
	}{
		{"empty", "  \n", "s.json: empty file: want a JSON schema object"},
		{"syntax", "{\"version\": 1,\n \"labels\": [\n  {\"name\": \"ACTOR\",}\n]}", `s.json:3: invalid character '}' looking for beginning of object key string`},
		{"truncated", "{\"version\": 1,\n \"labels\": [", "s.json:2: unexpected end of file"},
		{"type", "{\"version\": 1,\n \"labels\": [{\"name\": 7}]}", "s.json:2: labels.name is a JSON number, want string"},
		{"unknown field", "{\"version\": 1,\n \"labels\": [{\"name\": \"A\",\n \"colour\": \"#000000\"}]}", `s.json:3: unknown field "colour"`},
		{"two values", "{\"version\": 1, \"labels\": [{\"name\": \"A\", \"color\": \"#000\"}]}\n{}", "s.json:2: text after the schema object: a schema file holds one JSON object"},
		{"stray brace", "{\"version\": 1, \"labels\": [{\"name\": \"A\", \"color\": \"#000\"}]}\n\n }", "s.json:3: text after the schema object: a schema file holds one JSON object"},
		{"no version", `{"labels": []}`, `s.json: not a Claimdesk schema: "version" is missing (want 1)`},
		{"newer", `{"version": 2}`, "s.json: schema version 2 was written by a newer Claimdesk (this one reads version 1)"},
		{"invalid", `{"version": 1, "labels": [{"name": "A", "color": "red"}], "relations": [{"name": "SOURCE", "from": ["B"]}]}`,
			`s.json: label "A": invalid colour "red" (use #RRGGBB, e.g. #1f77b4); relation type "SOURCE" names label "B", which is not in the schema`},
		{"no labels", `{"version": 1, "labels": []}`, "s.json: the schema has no labels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSchema("s.json", []byte(tt.data))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error %v\nwant %s", err, tt.want)
			}
			var le *LineError
			if !errors.As(err, &le) || ErrorCode(err) != EINVALID {
				t.Errorf("error %T %q is not a *LineError with code EINVALID", err, ErrorCode(err))
			}
		})
	}
}

// Files written before underline styles existed, or that leave the style
// out, get one.
func TestParseSchemaCompletes(t *testing.T) {
	s, err := ParseSchema("s.json", []byte(`{"version":1,"labels":[{"name":"ACTOR","color":"#000000"},{"name":"EVENT","color":"#ffffff"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if s.Labels[0].Underline != UnderlineSolid || s.Labels[0].Definition == "" || s.Labels[1].Underline != UnderlineDashed || s.Labels[1].Display != "Event" {
		t.Errorf("labels %+v", s.Labels)
	}
}

func TestSchemaValidate(t *testing.T) {
	mod := func(f func(s *Schema)) Schema {
		s := DefaultSchema()
		f(&s)
		return s
	}
	tests := []struct {
		name string
		s    Schema
		want []string
	}{
		{"defaults", DefaultSchema(), nil},
		{"no relation types", Schema{Labels: DefaultLabels()}, nil},
		{"no labels", Schema{}, []string{"the schema has no labels"}},
		{"duplicate name", mod(func(s *Schema) { s.Labels = append(s.Labels, Label{Name: LabelActor, Color: "#000000"}) }), []string{`label "ACTOR" is listed twice`}},
		{"duplicate key", mod(func(s *Schema) { s.Labels[1].Key = "1" }), []string{`labels "ACTOR" and "CLAIM" have the same key "1"`}},
		{"bad colour", mod(func(s *Schema) { s.Labels[0].Color = "#12" }), []string{`label "ACTOR": invalid colour "#12"`}},
		{"bad underline", mod(func(s *Schema) { s.Labels[0].Underline = "bold" }), []string{`label "ACTOR": unknown underline style "bold"`}},
		{"relation to a missing label", mod(func(s *Schema) { s.Labels = s.Labels[:2] }), []string{
			`relation type "SOURCE" names label "DENIAL", which is not in the schema`,
			`relation type "TARGET" names label "DENIAL", which is not in the schema`}},
		{"duplicate relation type", mod(func(s *Schema) { s.Relations[1].Name = RelationSource }), []string{`relation type "SOURCE" is listed twice`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := joinedMessagesOf(tt.s.Validate())
			if len(got) != len(tt.want) {
				t.Fatalf("problems %q, want %q", got, tt.want)
			}
			for i := range got {
				if !strings.Contains(got[i], tt.want[i]) {
					t.Errorf("problem %q, want %q", got[i], tt.want[i])
				}
			}
			if err := tt.s.Validate(); err != nil && ErrorCode(err) != EINVALID {
				t.Errorf("code %q", ErrorCode(err))
			}
		})
	}
}

// joinedMessagesOf returns the messages joined in err, none for nil.
func joinedMessagesOf(err error) []string {
	if err == nil {
		return nil
	}
	return ErrorMessages(err)
}

func TestSchemaEdits(t *testing.T) {
	def := DefaultSchema()
	tests := []struct {
		name  string
		edit  func(s Schema) (Schema, error)
		check func(t *testing.T, s Schema)
		code  string // the error's code, "" for none
		msg   string
	}{
		{"add", func(s Schema) (Schema, error) {
			return s.AddLabel(Label{Name: "EVENT", Definition: "Something that happens."})
		},
			func(t *testing.T, s Schema) {
				want := Label{Name: "EVENT", Display: "Event", Color: "#cc79a7", Key: "4", Underline: UnderlineDotted, Definition: "Something that happens."}
				if got := s.Labels[3]; got != want {
					t.Errorf("added %+v, want %+v", got, want)
				}
			}, "", ""},
		{"add existing", func(s Schema) (Schema, error) { return s.AddLabel(Label{Name: LabelClaim}) }, nil, EINVALID, `already has a label "CLAIM"`},
		{"add bad name", func(s Schema) (Schema, error) { return s.AddLabel(Label{Name: "two words"}) }, nil, EINVALID, `invalid label "two words"`},
		{"add taken key", func(s Schema) (Schema, error) { return s.AddLabel(Label{Name: "X", Key: "2"}) }, nil, EINVALID, `same key "2"`},
		{"rename", func(s Schema) (Schema, error) { return s.RenameLabel(LabelClaim, "STATEMENT") },
			func(t *testing.T, s Schema) {
				l := s.Labels[1]
				if l.Name != "STATEMENT" || l.Display != "Statement" || l.Color != def.Labels[1].Color || l.Definition != def.Labels[1].Definition {
					t.Errorf("renamed %+v", l)
				}
				for _, rt := range s.Relations {
					if !slices.Equal(rt.From, []string{"STATEMENT", LabelDenial}) {
						t.Errorf("relation type %s from %v", rt.Name, rt.From)
					}
				}
			}, "", ""},
		{"rename keeps a chosen display", func(s Schema) (Schema, error) {
			s, _ = s.SetDisplay(LabelActor, "Claimant")
			return s.RenameLabel(LabelActor, "CLAIMANT")
		}, func(t *testing.T, s Schema) {
			if s.Labels[0].Display != "Claimant" || !slices.Equal(s.Relations[0].To, []string{"CLAIMANT"}) {
				t.Errorf("renamed %+v %+v", s.Labels[0], s.Relations[0])
			}
		}, "", ""},
		{"rename to itself", func(s Schema) (Schema, error) { return s.RenameLabel(LabelActor, LabelActor) },
			func(t *testing.T, s Schema) {
				if !reflect.DeepEqual(s, def) {
					t.Errorf("changed: %+v", s)
				}
			}, "", ""},
		{"rename unknown", func(s Schema) (Schema, error) { return s.RenameLabel("X", "Y") }, nil, ENOTFOUND, `no label "X"`},
		{"rename onto another", func(s Schema) (Schema, error) { return s.RenameLabel(LabelActor, LabelClaim) }, nil, EINVALID, `already has a label "CLAIM"`},
		{"rename to a bad name", func(s Schema) (Schema, error) { return s.RenameLabel(LabelActor, "") }, nil, EINVALID, `invalid label ""`},
		{"recolour", func(s Schema) (Schema, error) { return s.Recolour(LabelDenial, "#CC79A7") },
			func(t *testing.T, s Schema) {
				if s.Labels[2].Color != "#CC79A7" {
					t.Errorf("colour %s", s.Labels[2].Color)
				}
			}, "", ""},
		{"recolour badly", func(s Schema) (Schema, error) { return s.Recolour(LabelDenial, "red") }, nil, EINVALID, `invalid colour "red"`},
		{"underline", func(s Schema) (Schema, error) { return s.SetUnderline(LabelDenial, UnderlineWavy) },
			func(t *testing.T, s Schema) {
				if s.Labels[2].Underline != UnderlineWavy {
					t.Errorf("underline %s", s.Labels[2].Underline)
				}
			}, "", ""},
		{"underline badly", func(s Schema) (Schema, error) { return s.SetUnderline(LabelDenial, "") }, nil, EINVALID, `unknown underline style ""`},
		{"set key", func(s Schema) (Schema, error) { return s.SetKey(LabelActor, "a") },
			func(t *testing.T, s Schema) {
				if s.Labels[0].Key != "a" {
					t.Errorf("key %q", s.Labels[0].Key)
				}
			}, "", ""},
		{"clear key", func(s Schema) (Schema, error) { return s.SetKey(LabelActor, "") },
			func(t *testing.T, s Schema) {
				if s.Labels[0].Key != "" {
					t.Errorf("key %q", s.Labels[0].Key)
				}
			}, "", ""},
		{"set a taken key", func(s Schema) (Schema, error) { return s.SetKey(LabelActor, "3") }, nil, EINVALID, `labels "ACTOR" and "DENIAL" have the same key "3"`},
		{"set key of unknown", func(s Schema) (Schema, error) { return s.SetKey("X", "4") }, nil, ENOTFOUND, `no label "X"`},
		{"display back to default", func(s Schema) (Schema, error) { return s.SetDisplay(LabelClaim, "  ") },
			func(t *testing.T, s Schema) {
				if s.Labels[1].Display != "Claim" {
					t.Errorf("display %q", s.Labels[1].Display)
				}
			}, "", ""},
		{"definition", func(s Schema) (Schema, error) { return s.SetDefinition(LabelClaim, " A demand. ", "") },
			func(t *testing.T, s Schema) {
				if s.Labels[1].Definition != "A demand." || s.Labels[1].Example != "" {
					t.Errorf("label %+v", s.Labels[1])
				}
			}, "", ""},
		{"reorder", func(s Schema) (Schema, error) { return s.Reorder([]string{LabelDenial, LabelActor, LabelClaim}) },
			func(t *testing.T, s Schema) {
				if !reflect.DeepEqual(s.Labels, LabelSet{def.Labels[2], def.Labels[0], def.Labels[1]}) {
					t.Errorf("labels %+v", s.Labels)
				}
			}, "", ""},
		{"reorder, one missing", func(s Schema) (Schema, error) { return s.Reorder([]string{LabelDenial, LabelActor}) }, nil, EINVALID, "2 names for 3 labels"},
		{"reorder, one twice", func(s Schema) (Schema, error) { return s.Reorder([]string{LabelDenial, LabelActor, LabelActor}) }, nil, EINVALID, `"ACTOR" is not a label of the schema, or is named twice`},
		{"delete", func(s Schema) (Schema, error) { return s.DeleteLabel(LabelDenial) },
			func(t *testing.T, s Schema) {
				if len(s.Labels) != 2 || !slices.Equal(s.Relations[0].From, []string{LabelClaim}) || !slices.Equal(s.Relations[1].From, []string{LabelClaim}) {
					t.Errorf("schema %+v", s)
				}
			}, "", ""},
		{"delete the only end of a link type", func(s Schema) (Schema, error) { return s.DeleteLabel(LabelActor) }, nil, EINVALID,
			`cannot delete label "ACTOR": it is the only label a source link may end at`},
		{"delete unknown", func(s Schema) (Schema, error) { return s.DeleteLabel("X") }, nil, ENOTFOUND, `no label "X"`},
		{"delete the last label", func(s Schema) (Schema, error) {
			return Schema{Labels: LabelSet{def.Labels[0]}}.DeleteLabel(LabelActor)
		}, nil, EINVALID, "the schema has no labels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := DefaultSchema()
			got, err := tt.edit(before)
			if !reflect.DeepEqual(before, def) {
				t.Fatalf("the edit changed its receiver: %+v", before)
			}
			if tt.code != "" {
				if ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.msg) {
					t.Fatalf("error %v (%s), want %s %q", err, ErrorCode(err), tt.code, tt.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := got.Validate(); err != nil {
				t.Fatalf("result is invalid: %v", err)
			}
			tt.check(t, got)
		})
	}
}

// Any sequence of edits leaves a valid schema (a failed edit returns an
// error and the schema stays as it was), never changes the schema it was
// called on, and survives a JSON round trip.
func TestSchemaEditsProperty(t *testing.T) {
	names := []string{LabelActor, LabelClaim, LabelDenial, "EVENT", "ISSUE", "X"}
	rapid.Check(t, func(t *rapid.T) {
		s := DefaultSchema()
		steps := rapid.IntRange(0, 30).Draw(t, "steps")
		for range steps {
			before := s.clone()
			name := rapid.SampledFrom(names).Draw(t, "name")
			var next Schema
			var err error
			switch op := rapid.IntRange(0, 7).Draw(t, "op"); op {
			case 0:
				next, err = s.AddLabel(Label{Name: name})
			case 1:
				next, err = s.RenameLabel(name, rapid.SampledFrom(names).Draw(t, "new"))
			case 2:
				next, err = s.Recolour(name, rapid.SampledFrom(palette).Draw(t, "color"))
			case 3:
				next, err = s.SetKey(name, rapid.StringMatching(`[0-9a-c]?`).Draw(t, "key"))
			case 4:
				order := slices.Clone(s.Labels)
				perm := rapid.Permutation(order).Draw(t, "order")
				ns := make([]string, len(perm))
				for i, l := range perm {
					ns[i] = l.Name
				}
				next, err = s.Reorder(ns)
			case 5:
				next, err = s.DeleteLabel(name)
			case 6:
				next, err = s.SetUnderline(name, rapid.SampledFrom(underlineStyles).Draw(t, "style"))
			case 7:
				next, err = s.SetDefinition(name, "def", "ex")
			}
			if !reflect.DeepEqual(s, before) {
				t.Fatalf("edit changed its receiver")
			}
			if err != nil {
				if c := ErrorCode(err); c != EINVALID && c != ENOTFOUND {
					t.Fatalf("error %v has code %s", err, c)
				}
				continue
			}
			if err := next.Validate(); err != nil {
				t.Fatalf("edit left an invalid schema: %v", err)
			}
			s = next
		}
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseSchema("s.json", data)
		if err != nil {
			t.Fatalf("ParseSchema: %v\n%s", err, data)
		}
		if !reflect.DeepEqual(back, s) {
			t.Fatalf("round trip\n%+v\n%+v", back, s)
		}
	})
}

// Whatever the bytes, ParseSchema returns a valid schema or an EINVALID
// *LineError naming the file, with a line inside it.
func TestParseSchemaAnyInput(t *testing.T) {
	valid, err := json.Marshal(DefaultSchema())
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		data := slices.Clone(valid)
		for range rapid.IntRange(0, 4).Draw(t, "edits") {
			i := rapid.IntRange(0, len(data)).Draw(t, "at")
			switch rapid.IntRange(0, 2).Draw(t, "edit") {
			case 0:
				if i < len(data) {
					data = slices.Delete(data, i, i+1)
				}
			case 1:
				data = slices.Insert(data, i, rapid.SampledFrom([]byte("{}[],:\"\n 1x#")).Draw(t, "byte"))
			case 2:
				data = slices.Insert(data, i, '\n')
			}
		}
		s, err := ParseSchema("f.json", data)
		if err == nil {
			if verr := s.Validate(); verr != nil {
				t.Fatalf("ParseSchema accepted an invalid schema: %v", verr)
			}
			return
		}
		var le *LineError
		if !errors.As(err, &le) || le.File != "f.json" || ErrorCode(err) != EINVALID {
			t.Fatalf("error %T %v", err, err)
		}
		if lines := strings.Count(string(data), "\n") + 1; le.Line < 0 || le.Line > lines {
			t.Fatalf("line %d of a %d-line file: %v", le.Line, lines, err)
		}
	})
}
