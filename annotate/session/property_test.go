package session_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"pgregory.net/rapid"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
	"claimdesk/store"
)

// TestPropertyUndoRedo runs random sequences of edits, undos and redos on
// two documents of a real project file. After every step the session
// shows what the file stores; a refused edit changes nothing. At the end,
// undoing everything on each document brings back its initial spans,
// relations and status, and redoing everything brings back the final ones.
func TestPropertyUndoRedo(t *testing.T) {
	text := article(t)
	textLen := annotate.RuneCount(text)
	labels := []string{annotate.LabelActor, annotate.LabelClaim, annotate.LabelDenial}
	dir := t.TempDir()
	run := 0
	rapid.Check(t, func(rt *rapid.T) {
		run++
		path := filepath.Join(dir, fmt.Sprintf("run%d.claimdesk", run))
		st, err := store.Open(path, store.Options{})
		if err != nil {
			rt.Fatal(err)
		}
		defer st.Close()

		// Document A has a colleague's spans and relations; B has none.
		// Both are in progress, so that adding a span changes no status.
		claim := span(rt, text, "China has offered to help Iraq", 0, annotate.LabelClaim, "bo")
		jafari := span(rt, text, "Ibrahim Jafari", 0, annotate.LabelActor, "bo")
		wang := span(rt, text, "Wang Yi", 0, annotate.LabelActor, "bo")
		docA := annotate.NewDocument("A", "test", text, time.Now())
		docB := annotate.NewDocument("B", "test", "B. "+text, time.Now())
		docA.Status, docB.Status = annotate.StatusInProgress, annotate.StatusInProgress
		_, err = st.Import([]annotate.Record{
			{Document: docA, Spans: []annotate.Span{claim, jafari, wang}, Relations: []annotate.Relation{
				{ID: annotate.NewID(), Type: annotate.RelationSource, From: claim.ID, To: jafari.ID},
				{ID: annotate.NewID(), Type: annotate.RelationTarget, From: claim.ID, To: wang.ID},
			}},
			{Document: docB},
		}, "bo")
		if err != nil {
			rt.Fatal(err)
		}
		ids := []string{docA.ID, docB.ID}
		initialDocs, err := st.Documents()
		if err != nil {
			rt.Fatal(err)
		}
		initialSpans := map[string][]annotate.Span{}
		initialRels := map[string][]annotate.Relation{}
		for _, id := range ids {
			initialSpans[id] = storedSpans(rt, st, id)
			initialRels[id] = storedRelations(rt, st, id)
		}

		s := newSession(rt, st)
		open(rt, s, docA.ID)

		// pickSpan draws one of the open document's spans.
		pickSpan := func(rt *rapid.T) annotate.Span {
			spans := s.Spans()
			if len(spans) == 0 {
				rt.Skip("no spans")
			}
			return spans[rapid.IntRange(0, len(spans)-1).Draw(rt, "span")]
		}
		// tagged reports whether the open document has a span other than
		// except by annotator over start-end with label.
		tagged := func(start, end int, label, annotator, except string) bool {
			for _, sp := range s.Spans() {
				if sp.ID != except && sp.Start == start && sp.End == end && sp.Label == label && sp.Annotator == annotator {
					return true
				}
			}
			return false
		}
		// breaksLink reports whether a link of sp does not allow label.
		breaksLink := func(sp annotate.Span, label string) bool {
			nu := sp
			nu.Label = label
			for _, r := range s.RelationsOf(sp.ID) {
				from, to := nu, nu
				if r.From != sp.ID {
					from, _ = s.Span(r.From)
				} else if r.To != sp.ID {
					to, _ = s.Span(r.To)
				}
				if s.RelationTypes().CheckRelation(r, from, to) != nil {
					return true
				}
			}
			return false
		}
		// refused checks that an edit was refused with code and changed
		// nothing.
		refused := func(rt *rapid.T, before state, err error, code string) {
			wantCode(rt, err, code)
			wantState(rt, s, before)
		}

		rt.Repeat(map[string]func(*rapid.T){
			"add": func(rt *rapid.T) {
				// Few, short ranges at the start of the text, so that
				// duplicates and nested spans are common.
				start := rapid.IntRange(0, 12).Draw(rt, "start")
				end := min(start+rapid.IntRange(1, 6).Draw(rt, "length"), textLen)
				label := rapid.SampledFrom(labels).Draw(rt, "label")
				viaSelection := rapid.Bool().Draw(rt, "viaSelection")
				dup := tagged(start, end, label, "ana", "")
				if viaSelection {
					s.SetSelection(start, end)
				}
				before := snapshot(s)
				var eff session.Effect
				var err error
				if viaSelection {
					eff, err = s.ApplyLabel(label)
				} else {
					eff, err = s.AddSpan(start, end, label)
				}
				if dup {
					refused(rt, before, err, annotate.ECONFLICT)
					return
				}
				if err != nil {
					rt.Fatal(err)
				}
				if len(eff.Added) != 1 || s.SelectedSpan() != eff.Added[0].ID {
					rt.Fatalf("add: effect %+v, selected %q", eff, s.SelectedSpan())
				}
			},
			"delete": func(rt *rapid.T) {
				sp := pickSpan(rt)
				rels := s.RelationsOf(sp.ID)
				eff := must(rt)(s.DeleteSpan(sp.ID))
				if !equalRelations(eff.RemovedRelations, rels) {
					rt.Fatalf("delete removed relations %+v, want %+v", eff.RemovedRelations, rels)
				}
			},
			"relabel": func(rt *rapid.T) {
				sp := pickSpan(rt)
				label := rapid.SampledFrom(labels).Draw(rt, "label")
				before := snapshot(s)
				eff, err := s.Relabel(sp.ID, label)
				switch {
				case label == sp.Label:
					if err != nil || !eff.Empty() {
						rt.Fatalf("relabel to the same label: %+v, %v", eff, err)
					}
					wantState(rt, s, before)
				case tagged(sp.Start, sp.End, label, sp.Annotator, sp.ID):
					refused(rt, before, err, annotate.ECONFLICT)
				case breaksLink(sp, label):
					refused(rt, before, err, annotate.EINVALID)
				case err != nil:
					rt.Fatal(err)
				}
			},
			"link": func(rt *rapid.T) {
				from, to := pickSpan(rt), pickSpan(rt)
				typ := rapid.SampledFrom([]string{annotate.RelationSource, annotate.RelationTarget}).Draw(rt, "type")
				r := annotate.Relation{Type: typ, From: from.ID, To: to.ID}
				_, dup := annotate.DuplicateRelation(s.Relations(), r)
				invalid := s.RelationTypes().CheckRelation(r, from, to) != nil
				before := snapshot(s)
				eff, err := s.Link(typ, from.ID, to.ID)
				switch {
				case invalid:
					refused(rt, before, err, annotate.EINVALID)
				case dup:
					refused(rt, before, err, annotate.ECONFLICT)
				case err != nil:
					rt.Fatal(err)
				case len(eff.AddedRelations) != 1 || eff.AddedRelations[0].Type != typ || eff.AddedRelations[0].From != from.ID ||
					eff.AddedRelations[0].To != to.ID || len(s.Relations()) != len(before.Relations)+1:
					rt.Fatalf("link: effect %+v, relations %+v", eff, s.Relations())
				}
			},
			"unlink": func(rt *rapid.T) {
				rels := s.Relations()
				if len(rels) == 0 {
					rt.Skip("no links")
				}
				r := rels[rapid.IntRange(0, len(rels)-1).Draw(rt, "link")]
				eff := must(rt)(s.Unlink(r.ID))
				if len(eff.RemovedRelations) != 1 || eff.RemovedRelations[0] != r {
					rt.Fatalf("unlink %+v: effect %+v", r, eff)
				}
			},
			"note": func(rt *rapid.T) {
				sp := pickSpan(rt)
				must(rt)(s.SetNote(sp.ID, rapid.SampledFrom([]string{"", "unsure", "quoted"}).Draw(rt, "note")))
			},
			"status": func(rt *rapid.T) {
				must(rt)(s.SetStatus(rapid.SampledFrom(annotate.Statuses).Draw(rt, "status")))
			},
			"undo": func(rt *rapid.T) {
				could := s.CanUndo()
				_, cmd, err := s.Undo()
				if err != nil || (cmd != nil) != could {
					rt.Fatalf("Undo with CanUndo %v: %v, %v", could, cmd, err)
				}
			},
			"redo": func(rt *rapid.T) {
				could := s.CanRedo()
				_, cmd, err := s.Redo()
				if err != nil || (cmd != nil) != could {
					rt.Fatalf("Redo with CanRedo %v: %v, %v", could, cmd, err)
				}
			},
			"open": func(rt *rapid.T) {
				open(rt, s, rapid.SampledFrom(ids).Draw(rt, "document"))
			},
			"": func(rt *rapid.T) {
				wantSynced(rt, s, st)
				if id := s.SelectedSpan(); id != "" {
					if _, ok := s.Span(id); !ok {
						rt.Fatalf("the selected span %s is not a span of the open document", id)
					}
				}
			},
		})

		for _, id := range ids {
			open(rt, s, id)
			finalSpans, finalRels := s.Spans(), s.Relations()
			undone := 0
			for s.CanUndo() {
				step(rt)(s.Undo())
				undone++
			}
			wantSynced(rt, s, st)
			if !equalSpans(s.Spans(), initialSpans[id]) || !equalRelations(s.Relations(), initialRels[id]) {
				rt.Fatalf("document %s after undoing everything: spans %+v relations %+v; want %+v %+v",
					id, s.Spans(), s.Relations(), initialSpans[id], initialRels[id])
			}
			for range undone {
				step(rt)(s.Redo())
			}
			wantSynced(rt, s, st)
			if !equalSpans(s.Spans(), finalSpans) || !equalRelations(s.Relations(), finalRels) {
				rt.Fatalf("document %s after redoing everything: spans %+v relations %+v; want %+v %+v",
					id, s.Spans(), s.Relations(), finalSpans, finalRels)
			}
			for s.CanUndo() {
				step(rt)(s.Undo())
			}
		}
		docs, err := st.Documents()
		if err != nil {
			rt.Fatal(err)
		}
		if !equalDocs(docs, initialDocs) {
			rt.Fatalf("documents after undoing everything\n%+v\nwant\n%+v", docs, initialDocs)
		}
		if err := st.Check(); err != nil {
			rt.Fatal(err)
		}
	})
}
