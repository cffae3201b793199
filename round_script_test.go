package main

import (
	"strconv"
	"time"

	"claimdesk/annotate"
	"claimdesk/store"

	"github.com/rogpeppe/go-internal/testscript"
)

// The script commands below code a round's package as a coder would in
// the window, through the store.

// scriptDocument opens the project FILE and returns it with the id of
// its document titled title.
func scriptDocument(ts *testscript.TestScript, file, title string) (*store.Store, string) {
	st, err := store.Open(ts.MkAbs(file), store.Options{})
	ts.Check(err)
	docs, err := st.Documents()
	ts.Check(err)
	for _, d := range docs {
		if d.Title == title {
			return st, d.ID
		}
	}
	st.Close()
	ts.Fatalf("%s has no document titled %q", file, title)
	return nil, ""
}

// cmdCode is the script command "code FILE TITLE START END LABEL
// [ANNOTATOR]": it adds a span to the document titled TITLE, by
// ANNOTATOR, else by the package's coder (else "tester").
func cmdCode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 5 || len(args) > 6 {
		ts.Fatalf("usage: code FILE TITLE START END LABEL [ANNOTATOR]")
	}
	st, id := scriptDocument(ts, args[0], args[1])
	defer st.Close()
	start, err := strconv.Atoi(args[2])
	ts.Check(err)
	end, err := strconv.Atoi(args[3])
	ts.Check(err)
	who := "tester"
	if p, ok, err := st.Package(); err == nil && ok {
		who = p.Coder
	}
	if len(args) == 6 {
		who = args[5]
	}
	err = st.AddSpan(annotate.NewSpan(id, start, end, args[4], who, time.Now()))
	if neg {
		if err == nil {
			ts.Fatalf("code: the span was added")
		}
		ts.Logf("code: %v", err)
		return
	}
	ts.Check(err)
}

// cmdDone is the script command "done FILE TITLE": it marks the document
// titled TITLE done.
func cmdDone(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: done FILE TITLE")
	}
	st, id := scriptDocument(ts, args[0], args[1])
	defer st.Close()
	ts.Check(st.SetStatus(id, annotate.StatusDone))
}

// cmdRelabel is the script command "relabel FILE OLD NEW": it renames a
// label, as Settings → Labels does.
func cmdRelabel(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: relabel FILE OLD NEW")
	}
	st, err := store.Open(ts.MkAbs(args[0]), store.Options{})
	ts.Check(err)
	defer st.Close()
	ts.Check(st.RenameLabel(args[1], args[2]))
}

// cmdResize is the script command "resize FILE TITLE START END LABEL
// NEWEND": it moves the end of the span START–END LABEL of the document
// titled TITLE to NEWEND, keeping its id and links, as Shift+Right does.
func cmdResize(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 6 {
		ts.Fatalf("usage: resize FILE TITLE START END LABEL NEWEND")
	}
	st, id := scriptDocument(ts, args[0], args[1])
	defer st.Close()
	n := make([]int, 3)
	for i, a := range []string{args[2], args[3], args[5]} {
		var err error
		n[i], err = strconv.Atoi(a)
		ts.Check(err)
	}
	spans, err := st.Spans(id)
	ts.Check(err)
	for _, sp := range spans {
		if sp.Start == n[0] && sp.End == n[1] && sp.Label == args[4] {
			rels, err := st.Relations(id)
			ts.Check(err)
			var kept []annotate.Relation
			for _, r := range rels {
				if r.From == sp.ID || r.To == sp.ID {
					kept = append(kept, r)
				}
			}
			sp.End = n[2]
			_, err = st.ReplaceSpan(id, sp.ID, sp, kept)
			ts.Check(err)
			return
		}
	}
	ts.Fatalf("resize: no span %d-%d %s in %s", n[0], n[1], args[4], args[1])
}

// cmdUncode is the script command "uncode FILE TITLE START END LABEL": it
// deletes the span START–END LABEL of the document titled TITLE.
func cmdUncode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 5 {
		ts.Fatalf("usage: uncode FILE TITLE START END LABEL")
	}
	st, id := scriptDocument(ts, args[0], args[1])
	defer st.Close()
	spans, err := st.Spans(id)
	ts.Check(err)
	for _, sp := range spans {
		if strconv.Itoa(sp.Start) == args[2] && strconv.Itoa(sp.End) == args[3] && sp.Label == args[4] {
			_, err := st.DeleteSpan(id, sp.ID)
			ts.Check(err)
			return
		}
	}
	ts.Fatalf("uncode: no span %s-%s %s in %s", args[2], args[3], args[4], args[1])
}
