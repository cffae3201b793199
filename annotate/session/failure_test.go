package session_test

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/annotate"
	"claimdesk/store"
)

// TestReadOnly: a project opened read-only refuses every edit, and the
// session and the file stay as they were.
func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "review.claimdesk")
	text := article(t)
	rw, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	claim := span(t, text, "made the offer", 0, annotate.LabelClaim, "bo")
	wang := span(t, text, "Wang Yi", 0, annotate.LabelActor, "bo")
	link := annotate.Relation{ID: annotate.NewID(), Type: annotate.RelationSource, From: claim.ID, To: wang.ID}
	a := importDoc(t, rw, "A", text, []annotate.Span{claim, wang}, []annotate.Relation{link})
	if err := rw.Check(); err != nil {
		t.Fatal(err)
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	sum := fileSum(t, path)

	ro := openStore(t, path, store.Options{ReadOnly: true})
	s := newSession(t, ro)
	open(t, s, a)
	start, end := find(t, text, "Ibrahim Jafari", 0)
	s.SetSelection(start, end)
	before := snapshot(s)

	edits := map[string]func() error{
		"AddSpan":    func() error { _, err := s.AddSpan(start, end, annotate.LabelActor); return err },
		"ApplyLabel": func() error { _, err := s.ApplyLabel(annotate.LabelActor); return err },
		"DeleteSpan": func() error { _, err := s.DeleteSpan(claim.ID); return err },
		"Relabel":    func() error { _, err := s.Relabel(claim.ID, annotate.LabelDenial); return err },
		"SetNote":    func() error { _, err := s.SetNote(claim.ID, "n"); return err },
		"SetStatus":  func() error { _, err := s.SetStatus(annotate.StatusDone); return err },
		"Link":       func() error { _, err := s.Link(annotate.RelationTarget, claim.ID, wang.ID); return err },
		"Unlink":     func() error { _, err := s.Unlink(link.ID); return err },
		// Edits that would change nothing are refused all the same.
		"Relabel same":   func() error { _, err := s.Relabel(claim.ID, annotate.LabelClaim); return err },
		"SetStatus same": func() error { _, err := s.SetStatus(annotate.StatusTodo); return err },
	}
	for name, edit := range edits {
		err := edit()
		if annotate.ErrorCode(err) != annotate.EREADONLY {
			t.Errorf("%s on a read-only project: %v, want an EREADONLY error", name, err)
		}
		wantState(t, s, before)
	}
	for name, f := range map[string]func() error{
		"Undo": func() error { _, _, err := s.Undo(); return err },
		"Redo": func() error { _, _, err := s.Redo(); return err },
	} {
		if err := f(); err != nil {
			t.Errorf("%s with no history: %v", name, err)
		}
		wantState(t, s, before)
	}
	wantSynced(t, s, ro)
	if fileSum(t, path) != sum {
		t.Fatal("the read-only project file changed")
	}
}

// fileSum returns the SHA-256 of the file's bytes.
func fileSum(tb testing.TB, path string) [32]byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return sha256.Sum256(data)
}

// failing is the real store with its changing methods made to fail on
// demand: fail makes them return errFull without calling the store;
// failAfter makes them call the store and then return errFull, as a call
// whose result is lost would.
type failing struct {
	*store.Store
	fail, failAfter bool
}

var errFull = annotate.Errorf(annotate.EINTERNAL, "the disk is full")

func (f *failing) call(do func() error) error {
	if f.fail {
		return errFull
	}
	if err := do(); err != nil {
		return err
	}
	if f.failAfter {
		return errFull
	}
	return nil
}

func (f *failing) AddSpan(s annotate.Span) error {
	return f.call(func() error { return f.Store.AddSpan(s) })
}

func (f *failing) AddSpans(spans []annotate.Span) error {
	return f.call(func() error { return f.Store.AddSpans(spans) })
}

func (f *failing) DeleteSpans(refs []annotate.SpanRef) ([]annotate.Relation, error) {
	var rels []annotate.Relation
	err := f.call(func() (err error) { rels, err = f.Store.DeleteSpans(refs); return err })
	if err != nil {
		return nil, err
	}
	return rels, nil
}

func (f *failing) UpdateSpan(s annotate.Span) error {
	return f.call(func() error { return f.Store.UpdateSpan(s) })
}

func (f *failing) DeleteSpan(docID, spanID string) ([]annotate.Relation, error) {
	var rels []annotate.Relation
	err := f.call(func() (err error) { rels, err = f.Store.DeleteSpan(docID, spanID); return err })
	if err != nil {
		return nil, err
	}
	return rels, nil
}

func (f *failing) RestoreSpan(s annotate.Span, rels []annotate.Relation) error {
	return f.call(func() error { return f.Store.RestoreSpan(s, rels) })
}

func (f *failing) AddRelation(docID string, r annotate.Relation) error {
	return f.call(func() error { return f.Store.AddRelation(docID, r) })
}

func (f *failing) DeleteRelation(docID, relID string) (annotate.Relation, error) {
	var r annotate.Relation
	err := f.call(func() (err error) { r, err = f.Store.DeleteRelation(docID, relID); return err })
	if err != nil {
		return annotate.Relation{}, err
	}
	return r, nil
}

func (f *failing) SetStatus(docID string, st annotate.Status) error {
	return f.call(func() error { return f.Store.SetStatus(docID, st) })
}

// wantFull fails the test unless err is the failing project's error,
// named after the command.
func wantFull(tb testing.TB, err error, name string) {
	tb.Helper()
	wantCode(tb, err, annotate.EINTERNAL)
	if !strings.Contains(err.Error(), errFull.Message) || !strings.Contains(err.Error(), name) {
		tb.Fatalf("error %q does not name %q and the project's error", err, name)
	}
}

// TestFailingCommand: when the project refuses a change, nothing in the
// session changes and nothing is added to the history; a failed undo or
// redo stays in place and can be tried again.
func TestFailingCommand(t *testing.T) {
	st := newStore(t)
	text := article(t)
	claim := span(t, text, "made the offer", 0, annotate.LabelClaim, "bo")
	wang := span(t, text, "Wang Yi", 0, annotate.LabelActor, "bo")
	a := importDoc(t, st, "A", text, []annotate.Span{claim, wang},
		[]annotate.Relation{{ID: annotate.NewID(), Type: annotate.RelationSource, From: claim.ID, To: wang.ID}})
	p := &failing{Store: st}
	s := newSession(t, p)
	open(t, s, a)
	start, end := find(t, text, "Ibrahim Jafari", 0)
	added := must(t)(s.AddSpan(start, end, annotate.LabelActor)).Added[0]
	must(t)(s.DeleteSpan(claim.ID))
	wantSynced(t, s, st)

	p.fail = true
	before := snapshot(s)
	s2, e2 := find(t, text, "Mr Jafari", 0)
	for name, edit := range map[string]func() error{
		"add Actor span":        func() error { _, err := s.AddSpan(s2, e2, annotate.LabelActor); return err },
		"delete Actor span":     func() error { _, err := s.DeleteSpan(wang.ID); return err },
		"relabel Actor → Claim": func() error { _, err := s.Relabel(added.ID, annotate.LabelClaim); return err },
		"edit note":             func() error { _, err := s.SetNote(added.ID, "n"); return err },
		"mark document done":    func() error { _, err := s.SetStatus(annotate.StatusDone); return err },
	} {
		wantFull(t, edit(), name)
		wantState(t, s, before)
		wantSynced(t, s, st)
	}

	// The failed undo of the delete leaves it on the undo stack...
	_, cmd, err := s.Undo()
	if cmd != nil {
		t.Fatalf("a failed undo returned the command %q", cmd.Name())
	}
	wantFull(t, err, "undo delete Claim span")
	wantState(t, s, before)
	// ...so it can be tried again, and then restores the relation too.
	p.fail = false
	_, cmd = step(t)(s.Undo())
	if cmd.Name() != "delete Claim span" || len(s.RelationsOf(claim.ID)) != 1 {
		t.Fatalf("retried undo: %q, relations %+v", cmd.Name(), s.Relations())
	}
	wantSynced(t, s, st)

	p.fail = true
	before = snapshot(s)
	_, cmd, err = s.Redo()
	if cmd != nil {
		t.Fatalf("a failed redo returned the command %q", cmd.Name())
	}
	wantFull(t, err, "redo delete Claim span")
	wantState(t, s, before)
	p.fail = false
	step(t)(s.Redo())
	wantSynced(t, s, st)
}

// TestReload: after a change that reached the file although the project
// reported an error, the session still shows what it had; Reload makes
// it show what is stored, keeping the histories.
func TestReload(t *testing.T) {
	st := newStore(t)
	text := article(t)
	a := importDoc(t, st, "A", text, nil, nil)
	p := &failing{Store: st}
	s := newSession(t, p)
	open(t, s, a)
	first := must(t)(s.AddSpan(0, 4, annotate.LabelActor)).Added[0]
	if err := s.SelectSpan(first.ID); err != nil {
		t.Fatal(err)
	}

	p.failAfter = true
	before := snapshot(s)
	_, err := s.AddSpan(10, 20, annotate.LabelClaim)
	wantFull(t, err, "add Claim span")
	wantState(t, s, before)
	if got := len(storedSpans(t, st, a)); got != 2 {
		t.Fatalf("%d spans stored, want the lost add stored too", got)
	}

	p.failAfter = false
	if err := s.Reload(); err != nil {
		t.Fatal(err)
	}
	wantSynced(t, s, st)
	if len(s.Spans()) != 2 || s.SelectedSpan() != first.ID {
		t.Fatalf("after Reload: %d spans, selected %q", len(s.Spans()), s.SelectedSpan())
	}
	// The history still holds the first add, by id.
	step(t)(s.Undo())
	if _, ok := s.Span(first.ID); ok || s.SelectedSpan() != "" {
		t.Fatal("undo after Reload did not remove the first span")
	}
	wantSynced(t, s, st)
}
