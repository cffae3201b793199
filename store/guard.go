package store

import (
	"runtime"
	"runtime/debug"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// The fault guard
//
// bbolt reads the project file through a memory map. Open checks the
// file's structure first (checkPages), but a file can still be damaged
// under a running process (cut short by another program, a disk that
// fails to read a page), and a read of a mapped page that is gone is a
// memory fault (SIGBUS or SIGSEGV), which kills a Go program unless the
// goroutine that reads asked for a panic instead (debug.SetPanicOnFault).
// bbolt also panics on pages it finds inconsistent ("assertion failed").
// guard runs every transaction of a Store with faults turned into panics
// on its goroutine, and turns a panic that a fault, bbolt or this package
// raised into the project's damaged error (ErrDamaged): the transaction is
// rolled back (bbolt's View and Update roll back on a panic), and the
// caller gets an error instead of a dead process. A panic raised anywhere
// else (a caller's callback, such as ForEachRecord's) is not the file's
// fault and goes on up.

// guard runs fn as described above; path names the file in the error.
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if !fileFault(r) {
				panic(r)
			}
			err = errPanic(path, r)
		}
	}()
	return fn()
}

// fileFault reports whether the panic r, being recovered in a deferred
// function, is a memory fault or was raised in bbolt or in this package
// (reading a value of the file). It must be called from the deferred
// function directly: it looks at the stack of the panic.
func fileFault(r any) bool {
	if re, ok := r.(runtime.Error); ok {
		if _, fault := re.(interface{ Addr() uintptr }); fault {
			return true // SetPanicOnFault's panic
		}
	}
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs) // above fileFault, the deferred function and gopanic
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		name := f.Function
		switch {
		case strings.HasPrefix(name, "runtime."):
			// the panic's own frames (gopanic, panicIndex, …)
		case strings.HasPrefix(name, "go.etcd.io/bbolt"), strings.HasPrefix(name, "claimdesk/store."):
			return true
		default:
			return false
		}
		if !more {
			return false
		}
	}
}

// guardedView runs fn in one read transaction of db, guarded.
func guardedView(db *bolt.DB, path string, fn func(tx *bolt.Tx) error) error {
	return guard(path, func() error { return db.View(fn) })
}

// guardedUpdate runs fn in one read-write transaction of db, guarded.
func guardedUpdate(db *bolt.DB, path string, fn func(tx *bolt.Tx) error) error {
	return guard(path, func() error { return db.Update(fn) })
}
