// Package session is what an annotation window edits, without the window:
// the open project's labels and document list, the open document with its
// spans and relations, the text selection and the selected span, and the
// undo and redo history of every document. It is plain Go (no GUI toolkit,
// no database): it knows the project only through annotate.Project, so a
// GUI is a thin view over it and its tests run headless.
//
// # Commands
//
// Every change goes through one kind of value, a Command: it names the
// document it changes, applies itself to the project with exactly one
// Project call (one committed transaction) and returns its Effect, and it
// has an Inverse that undoes it once it has been applied. Commands refer to
// documents and spans by id, never by a position in a list, so they stay
// valid when the document list is reloaded or reordered. The edits of a
// Session (AddSpan, DeleteSpan, Relabel, SetNote, SetStatus, ApplyLabel,
// Link, Unlink, SetEntity, SetConcept, RenameEntity, EditEntity,
// MergeEntities, RenameConcept, AcceptSuggestions, RejectSuggestions) build a command and
// run it with Do; new features (review
// of a colleague's spans) add commands, not view code. Link checks the
// rules of the project's relation types (annotate.RelationTypes) before
// it calls the project, and Relabel refuses a label that a link of the
// span does not allow.
//
// The entities (actors) and concepts belong to the project, not to a
// document: the Session loads them (Entities, Concepts) and keeps them up
// to date, and the commands that change them go into the open document's
// history.
//
// # Effects
//
// An Effect says what a command changed: the spans added, removed and
// updated, the relations added and removed, and the document's new status.
// The Session folds it into its own state (the open document's spans in
// annotate.CompareSpans order, its relations in id order, the document
// list's span counts and statuses) and returns it, so a view can update
// just what changed instead of laying the whole text out again.
//
// # History
//
// Each document has its own undo and redo stacks; Undo and Redo work on
// the open document's. Both stacks hold commands that have been applied:
// Undo applies the inverse of the last command done and moves that inverse
// to the redo stack; Redo applies the inverse of the last command undone
// and moves it back. Do clears the redo stack of its document.
//
// # Failures
//
// A command whose Apply fails has stored nothing (its transaction did not
// commit), so the Session changes nothing: not its spans, not its document
// list, not its selection, and the command is not added to the history.
// When undoing or redoing fails, the command stays where it was, so the
// user can try again: such failures are usually passing (a full disk), and
// dropping the command would lose the way back to the states before it.
// After a failure a view may call Reload, which reads the label set, the
// document list and the open document's spans and relations again from the
// project, to show what is really stored.
//
// A read-only project refuses every edit with an EREADONLY *annotate.Error
// before anything is sent to it.
//
// A Session is not safe for concurrent use: a GUI uses it from its event
// goroutine.
package session
