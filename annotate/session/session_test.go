package session_test

import (
	"strings"
	"testing"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
)

func TestNew(t *testing.T) {
	st := newStore(t)
	a := importDoc(t, st, "A", article(t), nil, nil)
	s := newSession(t, st)
	if got := s.Labels(); len(got) != 3 || got[0].Name != annotate.LabelActor {
		t.Fatalf("labels %+v", got)
	}
	if docs := s.Documents(); len(docs) != 1 || docs[0].ID != a {
		t.Fatalf("documents %+v", docs)
	}
	if s.Document().ID != "" || s.CanUndo() || s.CanRedo() {
		t.Fatal("a new session has an open document or a history")
	}
	if _, err := s.AddSpan(0, 5, annotate.LabelActor); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("AddSpan with no document open: %v", err)
	}
	if id, ok := s.NextNotDone(); !ok || id != a {
		t.Fatalf("NextNotDone = %q, %v; want %s", id, ok, a)
	}
	_, err := session.New(st, " ", nil)
	wantCode(t, err, annotate.EINVALID)
}

func TestAddUndoRedo(t *testing.T) {
	st := newStore(t)
	text := article(t)
	a := importDoc(t, st, "A", text, nil, nil)
	s := newSession(t, st)
	open(t, s, a)
	if s.Document().Text != text {
		t.Fatal("the open document's text is not the article")
	}

	start, end := find(t, text, "Ibrahim Jafari", 0)
	s.SetSelection(end, start) // backwards, as a drag from right to left
	if gs, ge := s.Selection(); gs != start || ge != end {
		t.Fatalf("selection %d-%d, want %d-%d", gs, ge, start, end)
	}
	eff := must(t)(s.ApplyLabel(annotate.LabelActor))
	if eff.DocumentID != a || len(eff.Added) != 1 || len(eff.Removed)+len(eff.Updated) != 0 {
		t.Fatalf("effect %+v", eff)
	}
	added := eff.Added[0]
	if added.Start != start || added.End != end || added.Label != annotate.LabelActor || added.Annotator != "ana" || added.DocumentID != a {
		t.Fatalf("added span %+v", added)
	}
	if !eff.StatusChanged || eff.Status != annotate.StatusInProgress {
		t.Fatalf("adding a span to a todo document: effect status %v %q, want in_progress", eff.StatusChanged, eff.Status)
	}
	if s.SelectedSpan() != added.ID {
		t.Fatalf("selected span %q, want the new span %s", s.SelectedSpan(), added.ID)
	}
	if gs, ge := s.Selection(); gs != ge {
		t.Fatalf("the text selection %d-%d stays after tagging it", gs, ge)
	}
	if info, _ := s.DocumentInfo(a); info.Spans != 1 || info.Status != annotate.StatusInProgress {
		t.Fatalf("document info %+v", info)
	}
	wantSynced(t, s, st)
	if !s.CanUndo() || s.CanRedo() {
		t.Fatal("CanUndo/CanRedo after an add")
	}

	eff, cmd := step(t)(s.Undo())
	if cmd.Name() != "add Actor span" || cmd.DocumentID() != a {
		t.Fatalf("undid %q of %s", cmd.Name(), cmd.DocumentID())
	}
	if len(eff.Removed) != 1 || eff.Removed[0].ID != added.ID || len(eff.Added) != 0 {
		t.Fatalf("undo effect %+v", eff)
	}
	if len(s.Spans()) != 0 || s.SelectedSpan() != "" {
		t.Fatalf("after undo: spans %+v, selected %q", s.Spans(), s.SelectedSpan())
	}
	wantSynced(t, s, st)
	if s.CanUndo() || !s.CanRedo() {
		t.Fatal("CanUndo/CanRedo after undo")
	}

	eff, cmd = step(t)(s.Redo())
	if cmd.Name() != "add Actor span" {
		t.Fatalf("redid %q", cmd.Name())
	}
	if len(eff.Added) != 1 || !equalSpans(eff.Added, []annotate.Span{added}) {
		t.Fatalf("redo effect %+v, want the span %+v again", eff, added)
	}
	if !equalSpans(s.Spans(), []annotate.Span{added}) || s.SelectedSpan() != added.ID {
		t.Fatalf("after redo: spans %+v, selected %q", s.Spans(), s.SelectedSpan())
	}
	wantSynced(t, s, st)

	// The project's refusal of a span changes nothing.
	before := snapshot(s)
	_, err := s.AddSpan(end, end, annotate.LabelActor)
	wantCode(t, err, annotate.EINVALID)
	_, err = s.AddSpan(start, end, "NO_SUCH_LABEL")
	wantCode(t, err, annotate.EINVALID)
	wantState(t, s, before)

	// Nothing more to redo: no command, no error, nothing changed.
	if eff, cmd, err := s.Redo(); err != nil || cmd != nil || !eff.Empty() {
		t.Fatalf("Redo with nothing to redo = %+v, %v, %v", eff, cmd, err)
	}
	wantState(t, s, before)
}

func TestSelection(t *testing.T) {
	st := newStore(t)
	text := article(t)
	a := importDoc(t, st, "A", text, []annotate.Span{span(t, text, "Wang Yi", 0, annotate.LabelActor, "bo")}, nil)
	s := newSession(t, st)
	open(t, s, a)
	n := annotate.RuneCount(text)
	s.SetSelection(-5, n+10)
	if gs, ge := s.Selection(); gs != 0 || ge != n {
		t.Fatalf("selection %d-%d, want it kept within 0-%d", gs, ge, n)
	}
	id := s.Spans()[0].ID
	if err := s.SelectSpan(id); err != nil {
		t.Fatal(err)
	}
	if gs, ge := s.Selection(); s.SelectedSpan() != id || gs != ge {
		t.Fatalf("after SelectSpan: span %q, selection %d-%d", s.SelectedSpan(), gs, ge)
	}
	wantCode(t, s.SelectSpan("no-such-span"), annotate.ENOTFOUND)
	if s.SelectedSpan() != id {
		t.Fatal("selecting an unknown span changed the selection")
	}
	s.SetSelection(3, 9)
	if s.SelectedSpan() != "" {
		t.Fatal("a text selection leaves the span selected")
	}
	if _, err := s.ApplyLabel(annotate.LabelClaim); err != nil {
		t.Fatal(err)
	}
	if err := s.SelectSpan(""); err != nil || s.SelectedSpan() != "" {
		t.Fatalf("unselecting: %v, %q", err, s.SelectedSpan())
	}
	before := snapshot(s)
	_, err := s.ApplyLabel(annotate.LabelActor)
	wantCode(t, err, annotate.EINVALID)
	wantState(t, s, before)
	wantSynced(t, s, st)
}

func TestRelabelAndNoteUndo(t *testing.T) {
	st := newStore(t)
	text := article(t)
	a := importDoc(t, st, "A", text, nil, nil)
	s := newSession(t, st)
	open(t, s, a)
	start, end := find(t, text, "China has offered to help Iraq", 0)
	orig := must(t)(s.AddSpan(start, end, annotate.LabelActor)).Added[0]

	// With the span selected and no text selected, a label relabels it.
	eff := must(t)(s.ApplyLabel(annotate.LabelClaim))
	if len(eff.Updated) != 1 || eff.Updated[0].Label != annotate.LabelClaim || eff.Updated[0].ID != orig.ID {
		t.Fatalf("relabel effect %+v", eff)
	}
	if !eff.Updated[0].Updated.After(orig.Updated) {
		t.Fatalf("relabel kept the update time %v", eff.Updated[0].Updated)
	}
	if s.SelectedSpan() != orig.ID {
		t.Fatalf("the relabelled span is no longer selected (%q)", s.SelectedSpan())
	}
	wantSynced(t, s, st)

	// The same label again changes nothing and adds nothing to undo.
	if eff := must(t)(s.Relabel(orig.ID, annotate.LabelClaim)); !eff.Empty() {
		t.Fatalf("relabelling to the same label: %+v", eff)
	}

	eff = must(t)(s.SetNote(orig.ID, "says the minister"))
	if len(eff.Updated) != 1 || eff.Updated[0].Note != "says the minister" || eff.Updated[0].Label != annotate.LabelClaim {
		t.Fatalf("note effect %+v", eff)
	}
	wantSynced(t, s, st)

	eff, cmd := step(t)(s.Undo())
	if cmd.Name() != "edit note" || eff.Updated[0].Note != "" {
		t.Fatalf("undo %q: %+v", cmd.Name(), eff)
	}
	wantSynced(t, s, st)
	eff, cmd = step(t)(s.Undo())
	if cmd.Name() != "relabel Actor → Claim" {
		t.Fatalf("undid %q", cmd.Name())
	}
	if !equalSpans(eff.Updated, []annotate.Span{orig}) || !equalSpans(storedSpans(t, st, a), []annotate.Span{orig}) {
		t.Fatalf("after undoing the relabel: effect %+v, stored %+v; want the span as added %+v", eff, storedSpans(t, st, a), orig)
	}
	wantSynced(t, s, st)

	_, cmd = step(t)(s.Redo())
	if cmd.Name() != "relabel Actor → Claim" {
		t.Fatalf("redid %q", cmd.Name())
	}
	_, cmd = step(t)(s.Redo())
	if cmd.Name() != "edit note" {
		t.Fatalf("redid %q", cmd.Name())
	}
	sp, _ := s.Span(orig.ID)
	if sp.Label != annotate.LabelClaim || sp.Note != "says the minister" {
		t.Fatalf("after redoing both: %+v", sp)
	}
	wantSynced(t, s, st)
}

// TestDeleteSpanWithRelationsUndo deletes a span that relations start and
// end at: the relations go with it, and undo brings back the span and its
// relations, in one transaction each.
func TestDeleteSpanWithRelationsUndo(t *testing.T) {
	st := newStore(t)
	text := article(t)
	jafari := span(t, text, "Ibrahim Jafari", 0, annotate.LabelActor, "bo")
	wang := span(t, text, "Wang Yi", 0, annotate.LabelActor, "bo")
	claim := span(t, text, "China has offered to help Iraq defeat Sunni extremists", 0, annotate.LabelClaim, "bo")
	offer := span(t, text, "made the offer", 0, annotate.LabelClaim, "bo")
	rels := []annotate.Relation{
		{ID: annotate.NewID(), Type: annotate.RelationSource, From: claim.ID, To: jafari.ID},
		{ID: annotate.NewID(), Type: annotate.RelationTarget, From: claim.ID, To: wang.ID},
		{ID: annotate.NewID(), Type: annotate.RelationSource, From: offer.ID, To: wang.ID},
	}
	a := importDoc(t, st, "A", text, []annotate.Span{jafari, wang, claim, offer}, rels)
	s := newSession(t, st)
	open(t, s, a)
	wantSynced(t, s, st)
	initialSpans, initialRels := s.Spans(), s.Relations()
	if len(initialRels) != 3 || len(s.RelationsOf(claim.ID)) != 2 || len(s.RelationsOf(wang.ID)) != 2 {
		t.Fatalf("imported relations %+v", initialRels)
	}
	if err := s.SelectSpan(claim.ID); err != nil {
		t.Fatal(err)
	}

	eff := must(t)(s.DeleteSpan(claim.ID))
	if len(eff.Removed) != 1 || eff.Removed[0].ID != claim.ID {
		t.Fatalf("delete effect removed %+v", eff.Removed)
	}
	if !equalRelations(eff.RemovedRelations, rels[:2]) {
		t.Fatalf("delete effect removed relations %+v, want %+v", eff.RemovedRelations, rels[:2])
	}
	if s.SelectedSpan() != "" {
		t.Fatal("the deleted span stays selected")
	}
	if got := s.Relations(); !equalRelations(got, rels[2:]) || len(s.RelationsOf(claim.ID)) != 0 {
		t.Fatalf("relations after delete %+v", got)
	}
	wantSynced(t, s, st)

	eff, cmd := step(t)(s.Undo())
	if cmd.Name() != "delete Claim span" {
		t.Fatalf("undid %q", cmd.Name())
	}
	if len(eff.Added) != 1 || eff.Added[0].ID != claim.ID || !equalRelations(eff.AddedRelations, rels[:2]) {
		t.Fatalf("undo effect %+v", eff)
	}
	if !equalSpans(storedSpans(t, st, a), initialSpans) || !equalRelations(storedRelations(t, st, a), rels) {
		t.Fatalf("undo did not restore the span and its relations: stored %+v, %+v", storedSpans(t, st, a), storedRelations(t, st, a))
	}
	if !equalSpans(s.Spans(), initialSpans) || !equalRelations(s.Relations(), initialRels) {
		t.Fatal("the session does not show the restored span and relations")
	}
	if s.SelectedSpan() != claim.ID {
		t.Fatalf("the restored span is not selected (%q)", s.SelectedSpan())
	}
	wantSynced(t, s, st)

	// Redo deletes again, with the relations; undoing that restores them
	// again: the redone delete recorded what it removed.
	eff, _ = step(t)(s.Redo())
	if !equalRelations(eff.RemovedRelations, rels[:2]) {
		t.Fatalf("redo removed relations %+v", eff.RemovedRelations)
	}
	wantSynced(t, s, st)
	step(t)(s.Undo())
	if !equalRelations(storedRelations(t, st, a), rels) {
		t.Fatalf("second undo: stored relations %+v", storedRelations(t, st, a))
	}
	wantSynced(t, s, st)
}

func TestStatusUndo(t *testing.T) {
	st := newStore(t)
	a := importDoc(t, st, "A", article(t), nil, nil)
	s := newSession(t, st)
	open(t, s, a)
	eff := must(t)(s.SetStatus(annotate.StatusDone))
	if !eff.StatusChanged || eff.Status != annotate.StatusDone || eff.DocumentID != a {
		t.Fatalf("effect %+v", eff)
	}
	if s.Document().Status != annotate.StatusDone {
		t.Fatalf("open document status %q", s.Document().Status)
	}
	wantSynced(t, s, st)
	if eff := must(t)(s.SetStatus(annotate.StatusDone)); !eff.Empty() {
		t.Fatalf("setting the same status: %+v", eff)
	}

	eff, cmd := step(t)(s.Undo())
	if cmd.Name() != "mark document done" || eff.Status != annotate.StatusTodo || !eff.StatusChanged {
		t.Fatalf("undo %q: %+v", cmd.Name(), eff)
	}
	if info, _ := s.DocumentInfo(a); info.Status != annotate.StatusTodo {
		t.Fatalf("after undo the list says %q", info.Status)
	}
	wantSynced(t, s, st)
	if s.CanUndo() {
		t.Fatal("the no-op status change was kept for undo")
	}
	step(t)(s.Redo())
	if d, _ := st.Document(a); d.Status != annotate.StatusDone {
		t.Fatalf("after redo: stored status %q", d.Status)
	}
	wantSynced(t, s, st)

	before := snapshot(s)
	_, err := s.SetStatus("finished")
	wantCode(t, err, annotate.EINVALID)
	wantState(t, s, before)
}

func TestNextNotDone(t *testing.T) {
	st := newStore(t)
	text := article(t)
	ids := make([]string, 4)
	for i := range ids {
		ids[i] = importDoc(t, st, "doc", strings.Repeat("x", i+1)+text, nil, nil)
	}
	s := newSession(t, st)
	open(t, s, ids[2])
	for _, id := range []string{ids[2], ids[3]} {
		open(t, s, id)
		must(t)(s.SetStatus(annotate.StatusDone))
	}
	// From the last document the search wraps around to the first.
	if id, ok := s.NextNotDone(); !ok || id != ids[0] {
		t.Fatalf("NextNotDone from the last = %q, %v; want %s", id, ok, ids[0])
	}
	open(t, s, ids[0])
	must(t)(s.SetStatus(annotate.StatusDone))
	if id, ok := s.NextNotDone(); !ok || id != ids[1] {
		t.Fatalf("NextNotDone = %q, %v; want %s", id, ok, ids[1])
	}
	open(t, s, ids[1])
	if id, ok := s.NextNotDone(); ok {
		t.Fatalf("NextNotDone = %q although every other document is done", id)
	}
}

func TestDuplicateRefused(t *testing.T) {
	st := newStore(t)
	text := article(t)
	// A colleague's span with the same text and label does not count.
	a := importDoc(t, st, "A", text, []annotate.Span{span(t, text, "Wang Yi", 0, annotate.LabelActor, "bo")}, nil)
	s := newSession(t, st)
	open(t, s, a)
	start, end := find(t, text, "Wang Yi", 0)
	mine := must(t)(s.AddSpan(start, end, annotate.LabelActor)).Added[0]

	before := snapshot(s)
	_, err := s.AddSpan(start, end, annotate.LabelActor)
	wantCode(t, err, annotate.ECONFLICT)
	if !strings.Contains(err.Error(), "already tagged Actor") {
		t.Fatalf("message %q does not say the text is already tagged Actor", err)
	}
	wantState(t, s, before)
	wantSynced(t, s, st)

	claim := must(t)(s.AddSpan(start, end, annotate.LabelClaim)).Added[0]
	// Relabelling my Claim span to Actor would duplicate my Actor span.
	before = snapshot(s)
	_, err = s.Relabel(claim.ID, annotate.LabelActor)
	wantCode(t, err, annotate.ECONFLICT)
	wantState(t, s, before)
	// Undoing the add of the Actor span makes it possible.
	must(t)(s.DeleteSpan(mine.ID))
	must(t)(s.Relabel(claim.ID, annotate.LabelActor))
	if got := len(storedSpans(t, st, a)); got != 2 {
		t.Fatalf("%d spans stored, want 2", got)
	}
	wantSynced(t, s, st)
}
