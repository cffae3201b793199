package format

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
)

// aliasRecord is the record of testdata/entities.golden.jsonl: an actor
// with aliases, one without, and a concept.
func aliasRecord() annotate.Record {
	t0 := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	text := "Mr Wang said talks failed, Hong Lei added."
	sp := func(id string, start, end int, label, entity, concept string) annotate.Span {
		return annotate.Span{ID: id, DocumentID: "d-alias", Start: start, End: end, Label: label, Annotator: "ana",
			Created: t0, Updated: t0, Entity: entity, Concept: concept}
	}
	return annotate.Record{
		Document: annotate.Document{ID: "d-alias", Title: "Aliases", Status: annotate.StatusTodo, Created: t0, Text: text},
		Spans: []annotate.Span{
			sp("s1", 0, 7, annotate.LabelActor, "e-wang", ""),
			sp("s2", 13, 25, annotate.LabelClaim, "", "c-fail"),
			sp("s3", 27, 35, annotate.LabelActor, "e-hong", ""),
		},
		Entities: map[string]annotate.Entity{
			"e-wang": {ID: "e-wang", Name: "Wang Yi", Kind: "person", Affiliation: "China — foreign minister",
				Aliases: []string{"Mr Wang", "China’s foreign minister", "王毅"}},
			"e-hong": {ID: "e-hong", Name: "Hong Lei", Kind: "person"},
		},
		Concepts: map[string]annotate.Concept{"c-fail": {ID: "c-fail", Name: "Talks failed"}},
	}
}

// TestJSONLAliasesGolden: an actor's aliases are written as "aliases"
// (left out for an actor without), as testdata/entities.golden.jsonl
// holds, and read back the same.
func TestJSONLAliasesGolden(t *testing.T) {
	rec := aliasRecord()
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "entities.golden.jsonl")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("%s differs from the output:\n%s", path, buf.Bytes())
	}
	if n := strings.Count(buf.String(), `"aliases"`); n != 1 {
		t.Fatalf(`"aliases" is written %d times, want once (not for an actor without)`, n)
	}
	recs, err := ReadJSONL(bytes.NewReader(want), path)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || !reflect.DeepEqual(recs[0].Entities, rec.Entities) || !reflect.DeepEqual(recs[0].Concepts, rec.Concepts) {
		t.Fatalf("read back %+v, want %+v", recs, rec.Entities)
	}
}

// TestJSONLAliasErrors: aliases that break a rule of annotate.Entity are
// errors of their line; null and [] are no aliases.
func TestJSONLAliasErrors(t *testing.T) {
	entity := func(aliases string) string {
		return `{"text":"Wang","spans":[{"start":0,"end":4,"label":"ACTOR","entity":{"id":"e1","name":"Wang","aliases":` + aliases + `}}]}`
	}
	for _, ok := range []string{`null`, `[]`, `["Mr Wang"]`} {
		rec, err := DecodeJSONLine([]byte(entity(ok)))
		if err != nil {
			t.Errorf("%s: %v", ok, err)
			continue
		}
		if e := rec.Entities["e1"]; ok != `["Mr Wang"]` && e.Aliases != nil || ok == `["Mr Wang"]` && len(e.Aliases) != 1 {
			t.Errorf("%s: aliases %#v", ok, e.Aliases)
		}
	}
	many := `["a0"` + strings.Repeat(`,"a"`, 0)
	for i := 1; i <= annotate.MaxAliases; i++ {
		many += `,"a` + strings.Repeat("x", i) + `"`
	}
	many += `]`
	for _, bad := range []string{`"Mr Wang"`, `[1]`, `[null]`, `["Mr Wang, minister"]`, `["Mr\nWang"]`, `[" "]`,
		`["Mr Wang","mr wang"]`, `["WANG"]`, many} {
		_, err := DecodeJSONLine([]byte(entity(bad)))
		if annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("aliases %.40s: error %v, want EINVALID", bad, err)
		}
	}
	// One actor given twice on a line with other aliases is an error.
	twice := `{"text":"Wang Wang","spans":[{"start":0,"end":4,"label":"ACTOR","entity":{"id":"e1","name":"Wang","aliases":["Mr Wang"]}},` +
		`{"start":5,"end":9,"label":"ACTOR","entity":{"id":"e1","name":"Wang"}}]}`
	if _, err := DecodeJSONLine([]byte(twice)); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("an actor given twice with other aliases: %v, want EINVALID", err)
	}
}
