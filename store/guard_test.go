package store

import (
	"errors"
	"regexp"
	"testing"

	"claimdesk/annotate"
)

// A panic raised in this package (reading a value of the file) becomes
// the damaged error; one raised elsewhere (a caller's callback) goes on.
func TestGuardPanics(t *testing.T) {
	err := guard("p.claimdesk", func() error {
		var b []byte
		_ = b[3] // as a decoder reading past a damaged value
		return nil
	})
	if !errors.Is(err, ErrDamaged) || annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("a panic in store: %v (code %s)", err, annotate.ErrorCode(err))
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("a panic outside store was turned into an error")
		}
	}()
	guard("p.claimdesk", func() error {
		regexp.MustCompile("(") // panics in package regexp
		return nil
	})
}
