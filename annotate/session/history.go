package session

import (
	"fmt"

	"claimdesk/annotate"
)

// history is one document's undo and redo stacks. Both hold commands that
// have been applied: the last one of undo is undone by applying its
// inverse, which then goes on redo; the last one of redo is redone the
// same way, back onto undo.
type history struct {
	undo, redo []Command
}

// historyOf returns the history of the document id, creating it.
func (s *Session) historyOf(id string) *history {
	h := s.histories[id]
	if h == nil {
		h = &history{}
		s.histories[id] = h
	}
	return h
}

// Do applies cmd to the project, folds its effect into the session, puts
// it on the undo stack of its document and clears that document's redo
// stack. It returns the effect; see Effect for what the session adds to
// it. When Apply fails, nothing in the session changes and cmd is not
// kept; the error names the command and keeps the project's code. A
// read-only project refuses every command with an EREADONLY error.
func (s *Session) Do(cmd Command) (Effect, error) {
	if err := s.writable(); err != nil {
		return Effect{}, err
	}
	if cmd.DocumentID() == "" {
		return Effect{}, annotate.Errorf(annotate.EINVALID, "%s: the command names no document", cmd.Name())
	}
	eff, err := cmd.Apply(s.p)
	if err != nil {
		return Effect{}, fmt.Errorf("%s: %w", cmd.Name(), err)
	}
	eff = s.absorb(eff)
	h := s.historyOf(cmd.DocumentID())
	h.undo = append(h.undo, cmd)
	clear(h.redo)
	h.redo = h.redo[:0]
	return eff, nil
}

// Undo undoes the last command done on the open document, and returns its
// effect and the command undone (whose Name says what was undone). With
// nothing to undo it returns a nil Command and no error. When the undo
// fails, nothing changes and the command stays on the undo stack, so that
// the user can try again (after Reload, say).
func (s *Session) Undo() (Effect, Command, error) {
	return s.step(true)
}

// Redo applies again the command last undone on the open document, and
// returns its effect and the command applied. With nothing to redo it
// returns a nil Command and no error. When the redo fails, nothing changes
// and the command stays on the redo stack.
func (s *Session) Redo() (Effect, Command, error) {
	return s.step(false)
}

// step undoes (undo) or redoes the last command of the open document's
// undo or redo stack, moving its inverse to the other stack once stored.
func (s *Session) step(undo bool) (Effect, Command, error) {
	h := s.histories[s.doc.ID]
	if h == nil {
		return Effect{}, nil, nil
	}
	from, to, word := &h.redo, &h.undo, "redo"
	if undo {
		from, to, word = &h.undo, &h.redo, "undo"
	}
	if len(*from) == 0 {
		return Effect{}, nil, nil
	}
	if err := s.writable(); err != nil {
		return Effect{}, nil, err
	}
	top := (*from)[len(*from)-1]
	inv := top.Inverse()
	eff, err := inv.Apply(s.p)
	if err != nil {
		shown := top
		if !undo {
			shown = inv
		}
		return Effect{}, nil, fmt.Errorf("%s %s: %w", word, shown.Name(), err)
	}
	(*from)[len(*from)-1] = nil
	*from = (*from)[:len(*from)-1]
	*to = append(*to, inv)
	if undo {
		return s.absorb(eff), top, nil
	}
	return s.absorb(eff), inv, nil
}

// CanUndo reports whether the open document has a command to undo.
func (s *Session) CanUndo() bool {
	h := s.histories[s.doc.ID]
	return h != nil && len(h.undo) > 0
}

// CanRedo reports whether the open document has a command to redo.
func (s *Session) CanRedo() bool {
	h := s.histories[s.doc.ID]
	return h != nil && len(h.redo) > 0
}

// writable returns an EREADONLY error when the project is read-only.
func (s *Session) writable() error {
	if s.p.ReadOnly() {
		return annotate.Errorf(annotate.EREADONLY, "project %s is open read-only: nothing in it can change", s.p.Path())
	}
	return nil
}

// ForgetHistory clears every document's undo and redo history: after a
// change to the whole project that the commands recorded cannot see (a
// label renamed or deleted in the schema), undoing them would act on spans
// that are no longer as they recorded.
func (s *Session) ForgetHistory() {
	clear(s.histories)
}
