package store

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"claimdesk/annotate"
)

// Every change keeps the counts bucket equal to a count of the file:
// spans added, relabelled, deleted, restored and replaced, SOURCE links
// added and deleted, statuses set, documents added.
func TestCountsFollowChanges(t *testing.T) {
	s := newStore(t)
	recs := importRecords(t, 3)
	if _, err := s.Import(recs, "ana"); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, s)
	text := recs[0].Document.Text
	r := rand.New(rand.NewPCG(1, 2))
	names := []string{"Wang Yi", "China", "Iraq", "Tehran", "coalition", "UN"}
	labels := []string{annotate.LabelActor, annotate.LabelClaim, annotate.LabelDenial}
	var undo []struct {
		sp   annotate.Span
		rels []annotate.Relation
	}
	for step := range 300 {
		d := recs[r.IntN(len(recs))].Document
		spans, err := s.Spans(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		var what string
		switch op := r.IntN(8); {
		case op == 0 || len(spans) == 0:
			what = "add"
			sp := span(t, d.ID, d.Text, names[r.IntN(len(names))], 0, labels[r.IntN(len(labels))])
			sp.Annotator = fmt.Sprint("coder ", r.IntN(3))
			s.AddSpan(sp)
		case op == 1:
			what = "relabel"
			sp := spans[r.IntN(len(spans))]
			sp.Label = labels[r.IntN(len(labels))]
			s.UpdateSpan(sp)
		case op == 2:
			what = "delete"
			sp := spans[r.IntN(len(spans))]
			rels, err := s.DeleteSpan(d.ID, sp.ID)
			if err == nil {
				undo = append(undo, struct {
					sp   annotate.Span
					rels []annotate.Relation
				}{sp, rels})
			}
		case op == 3 && len(undo) > 0:
			what = "restore"
			u := undo[len(undo)-1]
			undo = undo[:len(undo)-1]
			s.RestoreSpan(u.sp, u.rels)
		case op == 4:
			what = "link"
			from, to := spans[r.IntN(len(spans))], spans[r.IntN(len(spans))]
			s.AddRelation(d.ID, annotate.Relation{ID: annotate.NewID(), Type: annotate.RelationSource, From: from.ID, To: to.ID})
		case op == 5:
			what = "unlink"
			rels, _ := s.Relations(d.ID)
			if len(rels) > 0 {
				s.DeleteRelation(d.ID, rels[r.IntN(len(rels))].ID)
			}
		case op == 6:
			what = "status"
			s.SetStatus(d.ID, annotate.Statuses[r.IntN(len(annotate.Statuses))])
		default:
			what = "replace"
			old := spans[r.IntN(len(spans))]
			nu := span(t, d.ID, d.Text, names[r.IntN(len(names))], 0, labels[r.IntN(len(labels))])
			nu.Annotator = "ana"
			s.ReplaceSpan(d.ID, old.ID, nu, nil)
		}
		if step%50 == 49 {
			doc := annotate.NewDocument(fmt.Sprint("new ", step), "test", fmt.Sprintf("New %d. %s", step, text), testTime)
			if err := s.AddDocument(doc); err != nil {
				t.Fatal(err)
			}
			recs = append(recs, annotate.Record{Document: doc})
		}
		if step%10 == 9 {
			t.Run(fmt.Sprint(step, what), func(t *testing.T) { wantCounts(t, s) })
		}
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

// CheckProgress reports each document, at most every 1%, and ends at its
// total: the documents and the check of bbolt's pages.
func TestCheckProgress(t *testing.T) {
	s := newStore(t)
	if _, err := s.Import(importRecords(t, 250), "ana"); err != nil {
		t.Fatal(err)
	}
	var calls [][2]int
	if err := s.CheckProgress(func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	if len(calls) < 100 || len(calls) > 252 {
		t.Errorf("%d progress calls", len(calls))
	}
	last := calls[len(calls)-1]
	if last != [2]int{251, 251} {
		t.Errorf("last progress %v, want [251 251]", last)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] <= calls[i-1][0] {
			t.Fatalf("progress went back: %v", calls)
		}
	}
}
