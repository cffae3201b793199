package session

import "claimdesk/annotate"

// Command is one change to a project that can be applied and undone. It
// refers to documents and spans by id only, never by a position in a
// list.
type Command interface {
	// Name says what the command does, for a status line or a menu:
	// "add Actor span", "relabel Actor → Claim".
	Name() string
	// DocumentID is the id of the document the command changes; its
	// history holds the command.
	DocumentID() string
	// Apply makes the change with exactly one call of p, that is one
	// committed transaction, and returns what changed. When it returns an
	// error nothing was stored.
	Apply(p annotate.Project) (Effect, error)
	// Inverse returns the command that undoes this one. It is meant to be
	// called after Apply succeeded: a command may record what its Apply
	// found (a deleted span's relations) for its inverse to restore.
	Inverse() Command
}
