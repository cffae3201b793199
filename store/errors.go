package store

import (
	"errors"
	"fmt"

	"claimdesk/annotate"
)

// The errors of the store are *annotate.Error values, so that callers can
// tell them apart with annotate.ErrorCode. These helpers keep their wording
// the same everywhere.

func errReadOnly(path string) error {
	return annotate.Errorf(annotate.EREADONLY, "project %s is open read-only: changes are not allowed", path)
}

func errMissing(path string) error {
	return annotate.Errorf(annotate.ENOTFOUND, "project file %s does not exist", path)
}

func errFolder(path string) error {
	return annotate.Errorf(annotate.EINVALID, "This is a folder, not a Claimdesk project file: %s", path)
}

func errNoDocument(id string) error {
	return annotate.Errorf(annotate.ENOTFOUND, "no document %s in the project", id)
}

func errNoSpan(docID, spanID string) error {
	return annotate.Errorf(annotate.ENOTFOUND, "no span %s in document %s", spanID, docID)
}

func errUnknownLabel(label string, labels annotate.LabelSet) error {
	names := make([]string, len(labels))
	for i, l := range labels {
		names[i] = l.Name
	}
	return annotate.Errorf(annotate.EINVALID, "unknown label %q (the project's labels are %v)", label, names)
}

// errDamaged reports a value of the file that cannot be decoded.
func errDamaged(what string, err error) error {
	if err == nil {
		return damaged(annotate.Errorf(annotate.EINTERNAL, "damaged project file: %s", what))
	}
	return damaged(annotate.Errorf(annotate.EINTERNAL, "damaged project file: %s: %v", what, err))
}

// ErrDamaged is matched (errors.Is) by every error that says the project
// file itself is damaged: empty, cut short, with pages that contradict
// each other, or with a value that does not decode. Such an error has the
// code EINVALID (the file cannot be used as a project; its backups can
// replace it: Restore needs nothing of it), except that of a value that
// does not decode (errDamaged), which stays EINTERNAL. DamageProblems
// lists what was found.
var ErrDamaged = errors.New("damaged project file")

// damagedError is a *annotate.Error that also matches ErrDamaged and
// carries the problems found.
type damagedError struct {
	err      *annotate.Error
	problems []string
}

// Error implements the error interface.
func (e *damagedError) Error() string { return e.err.Message }

// Unwrap gives errors.As the *annotate.Error (its code) and errors.Is
// ErrDamaged.
func (e *damagedError) Unwrap() []error { return []error{e.err, ErrDamaged} }

// damaged wraps err as a damaged error listing problems (none: err's
// message is the one problem).
func damaged(err *annotate.Error, problems ...string) error {
	if len(problems) == 0 {
		problems = []string{err.Message}
	}
	return &damagedError{err: err, problems: problems}
}

// DamageProblems returns the problems that a damaged error (ErrDamaged)
// found in the file, one a line as `check` prints them; nil for any other
// error.
func DamageProblems(err error) []string {
	var d *damagedError
	if !errors.As(err, &d) {
		return nil
	}
	return d.problems
}

// errEmptyFile is the error of a project file of no bytes.
func errEmptyFile(path string) error {
	return damaged(annotate.Errorf(annotate.EINVALID, "This is not a Claimdesk project: %s (empty file)", path))
}

// errCutShort is the error of a project file shorter than its meta page
// says it is.
func errCutShort(path string, size, want int64) error {
	return damaged(annotate.Errorf(annotate.EINVALID, "The project file %s is cut short: %d of %d bytes (a copy or a sync that did not finish?)", path, size, want))
}

// errDamagedPages is the error of a project file whose pages are damaged
// (checkPages): the first problem, and how many more there are.
func errDamagedPages(path string, problems []string, more int) error {
	msg := fmt.Sprintf("The project file %s is damaged: %s", path, problems[0])
	if n := len(problems) - 1 + more; n > 0 {
		msg += fmt.Sprintf(" (and %d more problems; claimdesk check lists them)", n)
	}
	list := problems
	if more > 0 {
		list = append(list[:len(list):len(list)], fmt.Sprintf("and %d more problems", more))
	}
	return damaged(annotate.Errorf(annotate.EINVALID, "%s", msg), list...)
}

// errPanic is the error of a memory fault or a panic of bbolt while it
// read the project file (guard).
func errPanic(path string, r any) error {
	return damaged(annotate.Errorf(annotate.EINVALID, "The project file %s is damaged: reading it failed (%v)", path, r))
}
