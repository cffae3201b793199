//go:build unix

package store

import (
	"errors"
	"syscall"
	"testing"
	"unsafe"
)

// A read of a mapped page that is gone (a file cut short under a running
// process) is a memory fault; guard turns it into the damaged error
// instead of a dead process.
func TestGuardMemoryFault(t *testing.T) {
	page := syscall.Getpagesize()
	mem, err := syscall.Mmap(-1, 0, page, syscall.PROT_READ, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skip(err)
	}
	addr := unsafe.Pointer(&mem[0])
	if err := syscall.Munmap(mem); err != nil {
		t.Fatal(err)
	}
	err = guard("p.claimdesk", func() error {
		_ = *(*byte)(addr)
		return nil
	})
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("a memory fault: %v", err)
	}
}
