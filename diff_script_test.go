package main

import (
	"strconv"

	"claimdesk/annotate"
	"claimdesk/annotate/session"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdDecide is the script command "decide FILE TITLE REVIEWER ANNOTATOR
// START taken|kept|dropped": in the document titled TITLE, the reviewer
// compares their gold layer with ANNOTATOR's layer, as Review → Compare
// annotators… does (a session whose review layer is the reviewer's), and
// decides the first open difference whose span (theirs, else mine)
// starts at START.
func cmdDecide(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 6 {
		ts.Fatalf("usage: decide FILE TITLE REVIEWER ANNOTATOR START taken|kept|dropped")
	}
	st, id := scriptDocument(ts, args[0], args[1])
	defer st.Close()
	start, err := strconv.Atoi(args[4])
	ts.Check(err)
	s, err := session.New(st, args[2], nil)
	ts.Check(err)
	s.SetReviewLayer(args[2])
	ts.Check(s.Open(id))
	theirs, _ := s.Layer(args[3])
	items, err := s.Compare(theirs)
	ts.Check(err)
	for _, it := range items {
		at := it.Diff.Theirs
		if at.Label == "" {
			at = it.Diff.Mine
		}
		if it.Settled || it.State() != annotate.DecisionOpen || at.Start != start {
			continue
		}
		_, msg, err := s.Decide(it, annotate.DecisionState(args[5]), theirs)
		ts.Check(err)
		ts.Logf("decide: %s", msg)
		return
	}
	ts.Fatalf("decide: no open difference with %s at %d in %s", args[3], start, args[1])
}
