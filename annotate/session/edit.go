package session

import (
	"claimdesk/annotate"
)

// The edits below change the open document. Each checks what it can
// first (a read-only project, no open document, an unknown span, a
// duplicate span) and returns an *annotate.Error without changing
// anything; then it builds a command and runs it with Do. An edit that
// would change nothing (the label, note or status it already has) returns
// an empty Effect, no error, and adds nothing to the history.

// AddSpan tags the open document's text from start to end (code points,
// end exclusive) with label, as a new span by the session's annotator,
// created now, and selects it. Its error is ECONFLICT when the annotator
// already tagged that text with that label.
func (s *Session) AddSpan(start, end int, label string) (Effect, error) {
	if err := s.editable(); err != nil {
		return Effect{}, err
	}
	if s.hasKey(start, end, label, s.annotator, "") {
		return Effect{}, annotate.Errorf(annotate.ECONFLICT, "That text is already tagged %s", s.labelDisplay(label))
	}
	sp := annotate.NewSpan(s.doc.ID, start, end, label, s.annotator, s.now())
	return s.Do(&addSpan{span: sp, display: s.labelDisplay(label)})
}

// ApplyLabel tags the selected text with label (AddSpan) or, when no text
// is selected, gives the selected span that label (Relabel). Its error is
// EINVALID when neither text nor a span is selected.
func (s *Session) ApplyLabel(label string) (Effect, error) {
	if err := s.editable(); err != nil {
		return Effect{}, err
	}
	switch {
	case s.selEnd > s.selStart:
		return s.AddSpan(s.selStart, s.selEnd, label)
	case s.selSpan != "":
		return s.Relabel(s.selSpan, label)
	}
	return Effect{}, annotate.Errorf(annotate.EINVALID, "Select some text or a span first, then choose a label")
}

// DeleteSpan removes the open document's span id and the relations that
// start or end at it; undoing it restores both.
func (s *Session) DeleteSpan(id string) (Effect, error) {
	sp, err := s.editableSpan(id)
	if err != nil {
		return Effect{}, err
	}
	return s.Do(&deleteSpan{span: sp, display: s.labelDisplay(sp.Label)})
}

// Relabel gives the open document's span id the label. Its error is
// ECONFLICT when the span's annotator already tagged its text with that
// label in another span, and EINVALID when a link of the span does not
// allow the label (a source link must start at a Claim or Denial): the
// link must be removed first; likewise EINVALID when the span's actor or
// concept does not allow the label (annotate.RelationTypes.CheckSpanLabel).
func (s *Session) Relabel(id, label string) (Effect, error) {
	sp, err := s.editableSpan(id)
	if err != nil {
		return Effect{}, err
	}
	if sp.Label == label {
		return Effect{}, nil
	}
	if s.hasKey(sp.Start, sp.End, label, sp.Annotator, sp.ID) {
		return Effect{}, annotate.Errorf(annotate.ECONFLICT, "That text is already tagged %s", s.labelDisplay(label))
	}
	if err := s.checkLinks(sp, label); err != nil {
		return Effect{}, err
	}
	nu := sp
	nu.Label = label
	if err := s.types.CheckSpanLabel(nu); err != nil {
		return Effect{}, err
	}
	return s.update(sp, nu)
}

// SetNote stores the note of the open document's span id.
func (s *Session) SetNote(id, note string) (Effect, error) {
	sp, err := s.editableSpan(id)
	if err != nil {
		return Effect{}, err
	}
	if sp.Note == note {
		return Effect{}, nil
	}
	nu := sp
	nu.Note = note
	return s.update(sp, nu)
}

// update runs the change of the span old into nu, updated now.
func (s *Session) update(old, nu annotate.Span) (Effect, error) {
	nu.Updated = s.now().UTC()
	return s.Do(&updateSpan{old: old, new: nu,
		oldDisplay: s.labelDisplay(old.Label), newDisplay: s.labelDisplay(nu.Label)})
}

// SetStatus sets the open document's status. Its error is EINVALID for an
// unknown status.
func (s *Session) SetStatus(st annotate.Status) (Effect, error) {
	if err := s.editable(); err != nil {
		return Effect{}, err
	}
	st, err := annotate.ParseStatus(string(st))
	if err != nil {
		return Effect{}, err
	}
	old := s.doc.Status
	if info, ok := s.DocumentInfo(s.doc.ID); ok {
		old = info.Status
	}
	if old == st {
		return Effect{}, nil
	}
	return s.Do(&setStatus{docID: s.doc.ID, old: old, new: st})
}

// editable returns an error when the project is read-only or no document
// is open.
func (s *Session) editable() error {
	if err := s.writable(); err != nil {
		return err
	}
	if s.doc.ID == "" {
		return annotate.Errorf(annotate.EINVALID, "no document is open")
	}
	return nil
}

// editableSpan returns the open document's span id, or the error of
// editable, or ENOTFOUND.
func (s *Session) editableSpan(id string) (annotate.Span, error) {
	if err := s.editable(); err != nil {
		return annotate.Span{}, err
	}
	sp, ok := s.Span(id)
	if !ok {
		return annotate.Span{}, annotate.Errorf(annotate.ENOTFOUND, "no span %s in document %s", id, s.doc.ID)
	}
	return sp, nil
}

// hasKey reports whether the open document has a span other than except
// with the natural key (start, end, label, annotator): the rule is
// annotate.DuplicateSpan's.
func (s *Session) hasKey(start, end int, label, annotator, except string) bool {
	_, dup := annotate.DuplicateSpan(s.spans, annotate.Span{ID: except, Start: start, End: end, Label: label, Annotator: annotator})
	return dup
}
