package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/annotate/suggest"
	"claimdesk/store"
)

// TestSuggestLeavesOutRejected: `claimdesk suggest PROJECT` writes the
// suggestions coders did not reject in the window (the project's rejected
// suggestions, by suggest.Pending) and says how many it left out; an
// actor whose text a coder made name an entity elsewhere in the project
// (an alias) names that entity.
func TestSuggestLeavesOutRejected(t *testing.T) {
	data, err := os.ReadFile(fixtureArticle)
	if err != nil {
		t.Fatal(err)
	}
	text, err := annotate.NormalizeText(data)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "p.claimdesk")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	doc := annotate.NewDocument("article", "test", text, now)
	short := annotate.NewDocument("short", "test", "“We will help,” said Mr Hong.", now)
	hong := annotate.Entity{ID: "e-hong", Name: "Hong Lei", Kind: "person"}
	// the coder tagged "Mr Hong" in the article as naming Hong Lei
	start, end := runeSpan(t, text, "Mr Hong")
	mention := annotate.NewSpan(doc.ID, start, end, annotate.LabelActor, "ana", now)
	mention.Entity = hong.ID
	if _, err := st.Import([]annotate.Record{
		{Document: doc, Spans: []annotate.Span{mention}, Entities: map[string]annotate.Entity{hong.ID: hong}},
		{Document: short},
	}, "ana"); err != nil {
		t.Fatal(err)
	}
	sugs := suggest.New(suggest.DefaultRules(), nil).Suggest(text)
	if len(sugs) < 3 {
		t.Fatalf("the article has %d suggestions", len(sugs))
	}
	gone := sugs[1]
	if err := st.RejectSuggestions(doc.ID, []string{gone.Key()}, "ana"); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	if code := run([]string{"suggest", path}, &stdout, &stderr); code != 0 {
		t.Fatalf("suggest: exit %d; %s", code, stderr.String())
	}
	if got := stderr.String(); got != "left out 1 suggestion that coders rejected in the window\n" {
		t.Errorf("stderr %q", got)
	}
	recs, err := format.ReadJSONL(&stdout, "stdout")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	statements := map[[2]int]bool{}
	for _, sp := range recs[0].Spans {
		if sp.Label != annotate.LabelActor {
			statements[[2]int{sp.Start, sp.End}] = true
		}
	}
	if statements[[2]int{gone.Statement.Start, gone.Statement.End}] {
		t.Errorf("the rejected suggestion %+v is written", gone)
	}
	if len(statements) != len(sugs)-1 {
		t.Errorf("%d statements written for %d suggestions, 1 rejected", len(statements), len(sugs))
	}
	var named bool
	for _, sp := range recs[1].Spans {
		if sp.Label == annotate.LabelActor && sp.Entity == hong.ID {
			named = true
		}
	}
	if !named || recs[1].Entities[hong.ID].Name != "Hong Lei" {
		t.Errorf("“Mr Hong” of the short document does not name Hong Lei: %+v", recs[1])
	}
}

// runeSpan returns the code-point range of the first sub in text.
func runeSpan(t *testing.T, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("no %q in the text", sub)
	}
	start := len([]rune(text[:i]))
	return start, start + len([]rune(sub))
}
