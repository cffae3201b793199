package store

import (
	"strings"
	"testing"

	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// TestRejectSuggestions stores rejected suggestions of a document and
// finds them again after the project is closed and opened; another
// document has none; an unknown document and no keys are refused.
func TestRejectSuggestions(t *testing.T) {
	l := newLinkable(t)
	path := l.s.Path()
	got, err := l.s.RejectedSuggestions(l.d.ID)
	if err != nil || len(got) != 0 {
		t.Fatalf("before: %v, %v", got, err)
	}
	if err := l.s.RejectSuggestions(l.d.ID, []string{"1-5>7-9:claim", "10-20>0-3:denial"}, "ana"); err != nil {
		t.Fatal(err)
	}
	if err := l.s.RejectSuggestions("nope", []string{"1-5>7-9:claim"}, "ana"); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("unknown document: %v", err)
	}
	if err := l.s.RejectSuggestions(l.d.ID, nil, "ana"); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("no keys: %v", err)
	}
	if err := l.s.Close(); err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t, path, Options{})
	got, err = s.RejectedSuggestions(l.d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got["1-5>7-9:claim"] || !got["10-20>0-3:denial"] {
		t.Errorf("after reopening: %v", got)
	}
	if other, err := s.RejectedSuggestions("nope"); err != nil || len(other) != 0 {
		t.Errorf("another document: %v, %v", other, err)
	}
}

// TestCheckFindsRejectedOfNoDocument: Check reports rejected suggestions
// stored for a document the project does not hold.
func TestCheckFindsRejectedOfNoDocument(t *testing.T) {
	s := newStore(t)
	err := s.update(func(tx *bolt.Tx) error {
		top, err := tx.CreateBucketIfNotExists(bucketRejected)
		if err != nil {
			return err
		}
		b, err := top.CreateBucket([]byte("ghost"))
		if err != nil {
			return err
		}
		return b.Put([]byte("1-2>3-4:claim"), []byte("ana"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err == nil || !strings.Contains(err.Error(), "rejected suggestions of document ghost") {
		t.Fatalf("Check: %v", err)
	}
	// leave the file sound for the cleanup's Check
	if err := s.update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketRejected) }); err != nil {
		t.Fatal(err)
	}
}

// TestUnrejectSuggestions forgets rejected suggestions: the key given is
// offered again, the others stay rejected; the last one removes the
// document's bucket, and Check finds the file sound.
func TestUnrejectSuggestions(t *testing.T) {
	l := newLinkable(t)
	must(t, l.s.RejectSuggestions(l.d.ID, []string{"1-5>7-9:claim", "10-20>0-3:denial"}, "ana"))
	must(t, l.s.UnrejectSuggestions(l.d.ID, []string{"1-5>7-9:claim", "99-100>0-1:claim"}))
	got, err := l.s.RejectedSuggestions(l.d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got["10-20>0-3:denial"] {
		t.Fatalf("after unrejecting one: %v", got)
	}
	must(t, l.s.UnrejectSuggestions(l.d.ID, []string{"10-20>0-3:denial"}))
	err = l.s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketRejected).Bucket([]byte(l.d.ID)) != nil {
			t.Error("the document's bucket stays with no key")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.s.UnrejectSuggestions("nope", []string{"1-5>7-9:claim"}); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("unknown document: %v", err)
	}
	if err := l.s.UnrejectSuggestions(l.d.ID, nil); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("no keys: %v", err)
	}
}
