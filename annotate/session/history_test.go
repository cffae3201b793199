package session_test

import (
	"slices"
	"testing"

	"claimdesk/annotate"
)

// TestHistoryPerDocument: each document has its own undo history; undo
// works on the open document's.
func TestHistoryPerDocument(t *testing.T) {
	st := newStore(t)
	text := article(t)
	a := importDoc(t, st, "A", text, nil, nil)
	b := importDoc(t, st, "B", "Another text: "+text, nil, nil)
	s := newSession(t, st)

	open(t, s, a)
	start, end := find(t, text, "Wang Yi", 0)
	spanA := must(t)(s.AddSpan(start, end, annotate.LabelActor)).Added[0]

	open(t, s, b)
	if s.CanUndo() || s.CanRedo() {
		t.Fatal("document B has A's history")
	}
	before := snapshot(s)
	if eff, cmd, err := s.Undo(); err != nil || cmd != nil || !eff.Empty() {
		t.Fatalf("Undo on B with nothing done there = %+v, %v, %v", eff, cmd, err)
	}
	wantState(t, s, before)
	if !equalSpans(storedSpans(t, st, a), []annotate.Span{spanA}) {
		t.Fatal("undo on B changed A")
	}

	spanB := must(t)(s.AddSpan(3, 9, annotate.LabelClaim)).Added[0]
	_, cmd := step(t)(s.Undo())
	if cmd.DocumentID() != b {
		t.Fatalf("undo on B undid a command of %s", cmd.DocumentID())
	}
	if len(storedSpans(t, st, b)) != 0 || !equalSpans(storedSpans(t, st, a), []annotate.Span{spanA}) {
		t.Fatal("undo on B did not undo exactly B's add")
	}
	wantSynced(t, s, st)

	open(t, s, a)
	if !s.CanUndo() || s.CanRedo() {
		t.Fatal("A's history was lost when B was open")
	}
	eff, _ := step(t)(s.Undo())
	if len(eff.Removed) != 1 || eff.Removed[0].ID != spanA.ID || len(storedSpans(t, st, a)) != 0 {
		t.Fatalf("undo on A: %+v", eff)
	}
	wantSynced(t, s, st)

	// B's redo is still there.
	open(t, s, b)
	eff, _ = step(t)(s.Redo())
	if len(eff.Added) != 1 || eff.Added[0].ID != spanB.ID {
		t.Fatalf("redo on B: %+v", eff)
	}
	wantSynced(t, s, st)
}

// reversed is a project that lists its documents in reverse order when
// flip is set: another order than the one the history was made in.
type reversed struct {
	annotate.Project
	flip bool
}

func (r *reversed) Documents() ([]annotate.DocumentInfo, error) {
	docs, err := r.Project.Documents()
	if r.flip {
		slices.Reverse(docs)
	}
	return docs, err
}

// TestHistoryAfterReorder: undo entries name documents and spans by id,
// so they stay right when the document list is reloaded in another order
// or grows.
func TestHistoryAfterReorder(t *testing.T) {
	st := newStore(t)
	text := article(t)
	ids := []string{
		importDoc(t, st, "A", "A. "+text, nil, nil),
		importDoc(t, st, "B", "B. "+text, nil, nil),
		importDoc(t, st, "C", "C. "+text, nil, nil),
	}
	p := &reversed{Project: st}
	s := newSession(t, p)
	c := ids[2]
	open(t, s, c)
	added := must(t)(s.AddSpan(3, 10, annotate.LabelActor)).Added[0]
	must(t)(s.SetStatus(annotate.StatusDone))
	if i := s.DocumentIndex(c); i != 2 {
		t.Fatalf("C is at %d", i)
	}

	p.flip = true
	if err := s.ReloadDocuments(); err != nil {
		t.Fatal(err)
	}
	if i := s.DocumentIndex(c); i != 0 {
		t.Fatalf("after the reorder C is at %d, want 0", i)
	}
	importDoc(t, st, "D", "D. "+text, nil, nil) // the list grows
	if err := s.Reload(); err != nil {
		t.Fatal(err)
	}
	if i := s.DocumentIndex(c); i != 1 || len(s.Documents()) != 4 {
		t.Fatalf("after the import C is at %d of %d", i, len(s.Documents()))
	}

	_, cmd := step(t)(s.Undo())
	if cmd.Name() != "mark document done" {
		t.Fatalf("undid %q", cmd.Name())
	}
	eff, _ := step(t)(s.Undo())
	if len(eff.Removed) != 1 || eff.Removed[0].ID != added.ID {
		t.Fatalf("undo effect %+v", eff)
	}
	info, _ := s.DocumentInfo(c)
	if info.Spans != 0 || info.Status != annotate.StatusInProgress {
		t.Fatalf("C's entry after undo: %+v", info)
	}
	for _, id := range ids[:2] {
		if info, _ := s.DocumentInfo(id); info.Spans != 0 || info.Status != annotate.StatusTodo {
			t.Fatalf("the undo touched another document's entry: %+v", info)
		}
	}
	wantSynced(t, s, p)
	step(t)(s.Redo())
	wantSynced(t, s, p)
}

func TestForgetHistory(t *testing.T) {
	st := newStore(t)
	text := article(t)
	a := importDoc(t, st, "A", text, nil, nil)
	s := newSession(t, st)
	open(t, s, a)
	start, end := find(t, text, "Wang Yi", 0)
	must(t)(s.AddSpan(start, end, annotate.LabelActor))
	if !s.CanUndo() {
		t.Fatal("nothing to undo after adding a span")
	}
	s.ForgetHistory()
	if s.CanUndo() || s.CanRedo() {
		t.Fatal("ForgetHistory left something to undo or redo")
	}
	if eff, cmd, _ := s.Undo(); !eff.Empty() || cmd != nil {
		t.Fatalf("Undo after ForgetHistory undid %v", cmd)
	}
	if n := len(storedSpans(t, st, a)); n != 1 {
		t.Fatalf("ForgetHistory changed the stored spans: %d", n)
	}
}
