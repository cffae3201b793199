package store

import (
	"os"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
)

// TestEntityAliasesOnAFileWrittenBefore: the actor of
// testdata/schema1.claimdesk, written before entities had aliases, reads
// with none, read-only and after the migration; it then takes aliases,
// which a reopened file still has and Check accepts; an actor whose name
// or alias is one of them is refused and changes nothing.
func TestEntityAliasesOnAFileWrittenBefore(t *testing.T) {
	data, err := os.ReadFile("testdata/schema1.claimdesk")
	if err != nil {
		t.Fatal(err)
	}
	path := tempPath(t)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ro := mustOpen(t, path, Options{ReadOnly: true})
	ents, err := ro.Entities()
	if err != nil || len(ents) != 1 || ents[0].Aliases != nil {
		t.Fatalf("entities of the old file: %+v, %v", ents, err)
	}
	ro.Close()

	s := mustOpen(t, path, Options{})
	old := ents[0]
	if got, _ := s.Entities(); len(got) != 1 || !got[0].Equal(old) {
		t.Fatalf("after the migration: %+v, want %+v", got, old)
	}
	withAliases := old
	withAliases.Aliases = []string{" Mr X ", "mr  x", old.Name, "the envoy"}
	if err := s.PutEntity(withAliases); err != nil {
		t.Fatal(err)
	}
	want := old
	want.Aliases = []string{"Mr X", "the envoy"} // trimmed, repeats left out
	s.Close()

	s = mustOpen(t, path, Options{})
	if got, _ := s.Entities(); len(got) != 1 || !got[0].Equal(want) {
		t.Fatalf("reopened: %+v, want %+v", got, want)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	sum := fileSum(t, path)
	s = mustOpen(t, path, Options{})
	for _, e := range []annotate.Entity{
		{ID: "n1", Name: "THE ENVOY"},
		{ID: "n2", Name: "Somebody", Aliases: []string{"mr x"}},
		{ID: "n3", Name: "Other", Aliases: []string{strings.ToUpper(old.Name)}},
	} {
		wantCode(t, s.PutEntity(e), annotate.ECONFLICT)
	}
	wantCode(t, s.PutEntity(annotate.Entity{ID: "n4", Name: "Comma", Aliases: []string{"a, b"}}), annotate.EINVALID)
	s.Close()
	if fileSum(t, path) != sum {
		t.Fatal("refused actors changed the file")
	}
}

// TestImportResolvesByAlias: a Claimdesk JSONL line whose actor is named
// as a stored actor's alias names that actor; a new actor's aliases are
// stored, except one that another actor has, which is left out and
// counted.
func TestImportResolvesByAlias(t *testing.T) {
	s := newStore(t)
	wang := annotate.Entity{ID: "e-wang", Name: "Wang Yi", Aliases: []string{"Mr Wang"}}
	if err := s.PutEntity(wang); err != nil {
		t.Fatal(err)
	}
	line := `{"id":"d1","title":"t","text":"Mr Wang met Wang Jun.","spans":[` +
		`{"id":"s1","start":0,"end":7,"label":"ACTOR","entity":{"name":"mr wang"}},` +
		`{"id":"s2","start":12,"end":20,"label":"ACTOR","entity":{"id":"e-jun","name":"Wang Jun","aliases":["General Wang","Mr Wang"]}}],"relations":[]}` + "\n"
	recs, err := format.ReadJSONL(strings.NewReader(line), "in.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Import(recs, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if res.Entities != 1 || res.AliasesLeftOut != 1 || !strings.Contains(res.String(), "left out 1 alias") {
		t.Fatalf("import result %+v", res)
	}
	ents, _ := s.Entities()
	if len(ents) != 2 || ents[0].ID != "e-jun" || !slices.Equal(ents[0].Aliases, []string{"General Wang"}) || !ents[1].Equal(wang) {
		t.Fatalf("entities %+v", ents)
	}
	docs, err := s.Documents()
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents %+v, %v", docs, err)
	}
	spans, err := s.Spans(docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(spans) != 2 || spans[0].Entity != "e-wang" || spans[1].Entity != "e-jun" {
		t.Fatalf("spans %+v", spans)
	}
}
