package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/annotate/session"
	"claimdesk/store"
	"golang.org/x/tools/txtar"
)

// TestDiffShowsDecisions decides differences with a colleague's export in
// a session (as the window does), then lists them with diff: each
// difference's state, who decided and when; the claim taken is settled,
// with bo's concept matched by name to the project's own.
func TestDiffShowsDecisions(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/script/diff.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	project, boFile := filepath.Join(dir, "p.claimdesk"), filepath.Join(dir, "bo.jsonl")
	var out, errs bytes.Buffer
	if code := run([]string{"import", "-annotator", "ana", project, filepath.Join(dir, "mine.jsonl")}, &out, &errs); code != 0 {
		t.Fatalf("import: %s", errs.String())
	}

	src, err := openSource(boFile)
	if err != nil {
		t.Fatal(err)
	}
	name, err := colleagueName(src, boFile)
	if err != nil || name != "bo" {
		t.Fatalf("colleague %q, %v", name, err)
	}
	st, err := store.Open(project, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := session.New(st, "ana", nil)
	if err != nil {
		t.Fatal(err)
	}
	decided := 0
	for _, d := range s.Documents() {
		if err := s.Open(d.ID); err != nil {
			t.Fatal(err)
		}
		doc := s.Document()
		rec, ok, err := src.lookup(&doc)
		if err != nil || !ok {
			continue
		}
		theirs := session.Theirs{Name: name, Record: rec}
		items, err := s.Compare(theirs)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			how := map[review.Kind]annotate.DecisionState{
				review.OtherBoundaries: annotate.DecisionTaken,
				review.OnlyTheirs:      annotate.DecisionDropped,
				review.LinkOtherEnd:    annotate.DecisionKept,
			}[it.Diff.Kind]
			if how == "" {
				continue
			}
			if _, _, err := s.Decide(it, how, theirs); err != nil {
				t.Fatalf("decide %v: %v", it.Diff.Kind, err)
			}
			decided++
		}
	}
	src.Close()
	if decided != 3 {
		t.Fatalf("decided %d differences, want 3", decided)
	}
	if concepts, err := st.Concepts(); err != nil || len(concepts) != 1 {
		t.Fatalf("concepts %+v, %v: bo's concept was not matched by name", concepts, err)
	}
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
	// While the project is held (as a window holds it), diff reads a copy.
	out.Reset()
	errs.Reset()
	if code := run([]string{"diff", project, boFile}, &out, &errs); code != 0 || !strings.Contains(errs.String(), "reading a copy of it") ||
		!strings.Contains(out.String(), "taken (settled) by ana") {
		t.Fatalf("diff of a held project: %d\n%s\n%s", code, errs.String(), out.String())
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	out.Reset()
	errs.Reset()
	if code := run([]string{"diff", project, boFile, "-json"}, &out, &errs); code != 0 {
		t.Fatalf("diff: %s", errs.String())
	}
	var rep diffReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	// Taking bo's claim made a new link difference in the first document
	// (my SOURCE link goes to Wang Yi, theirs to Mr Jafari): open.
	states := map[string]diffEntry{}
	for _, d := range rep.Documents {
		for _, e := range d.Differences {
			states[d.Title+": "+e.Kind] = e
		}
	}
	for kind, want := range map[string]string{"China offers help: other boundaries": "taken", "China offers help: only theirs": "dropped",
		"China offers help: link other end": "open", "Tehran denies: link other end": "kept", "Tehran denies: link only theirs": "open"} {
		e := states[kind]
		if e.State != want || (want != "open") != (e.By == "ana" && e.At != "" && e.Summary != "") {
			t.Errorf("%s: %+v, want state %s", kind, e, want)
		}
	}
	if e := states["China offers help: other boundaries"]; !e.Settled || !strings.Contains(e.Summary, "took bo’s claim; kept your source link to Wang Yi and the concept") {
		t.Errorf("the claim taken: %+v", e)
	}
	if rep.Totals["taken"] != 1 || rep.Totals["kept"] != 1 || rep.Totals["dropped"] != 1 || rep.Totals["open"] != 2 {
		t.Errorf("totals %v", rep.Totals)
	}

	out.Reset()
	if code := run([]string{"diff", project, boFile}, &out, &errs); code != 0 {
		t.Fatalf("diff: %s", errs.String())
	}
	if !strings.Contains(out.String(), "state:  taken (settled) by ana at ") || !strings.Contains(out.String(), "5 differences: 2 open, 1 taken, 1 kept, 1 dropped") {
		t.Errorf("diff printed:\n%s", out.String())
	}
}
