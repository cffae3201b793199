package annotate

import (
	"errors"
	"fmt"
)

// Error codes. They classify errors for callers (the CLI's exit message,
// the GUI's dialogs) without parsing message text.
const (
	EINVALID  = "invalid"   // the input breaks a rule of the domain
	ENOTFOUND = "not_found" // the thing named does not exist
	ECONFLICT = "conflict"  // the change clashes with what is stored
	EREADONLY = "read_only" // the project was opened read-only
	ELOCKED   = "locked"    // another process holds the project file
	EINTERNAL = "internal"  // a bug or a damaged file
)

// Error is a domain error with a code and a message meant for the user.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// LineError reports a problem at one line of an input file. Line is 1-based;
// it is 0 when the problem concerns the whole file. File is "" for a line
// of the file a record came from, which the reader of that file names
// (RecordLine).
type LineError struct {
	File string
	Line int
	Err  error
}

// Error implements the error interface: "file:line: message".
func (e *LineError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

// Unwrap returns the underlying error.
func (e *LineError) Unwrap() error { return e.Err }

// RecordLine returns the error err of a record read from file at line as
// a *LineError: at the line err names (a *LineError without a file, as
// the import of a relation with a Line returns), else at line.
func RecordLine(file string, line int, err error) *LineError {
	if le, ok := err.(*LineError); ok && le.File == "" && le.Line > 0 {
		return &LineError{File: file, Line: le.Line, Err: le.Err}
	}
	return &LineError{File: file, Line: line, Err: err}
}

// RecordError is an import error caused by one of the records passed to
// an import: callers that know where the record came from (a file's line)
// can say so.
type RecordError struct {
	Index int    // 0-based index of the record in the Import call
	Name  string // the document's id or title, if it had one
	Err   error
}

// Error implements the error interface: "record N (name): error".
func (e *RecordError) Error() string {
	if e.Name != "" {
		return fmt.Sprintf("record %d (%s): %v", e.Index+1, e.Name, e.Err)
	}
	return fmt.Sprintf("record %d: %v", e.Index+1, e.Err)
}

// Unwrap returns the underlying error, which keeps its code.
func (e *RecordError) Unwrap() error { return e.Err }

// ErrorMessages returns the messages of the errors joined in err
// (errors.Join), or err's own message: each problem on a line of its own.
func ErrorMessages(err error) []string {
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []string{err.Error()}
	}
	var out []string
	for _, e := range joined.Unwrap() {
		out = append(out, e.Error())
	}
	return out
}
