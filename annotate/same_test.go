package annotate

import (
	"testing"
	"time"
)

func TestSameDocument(t *testing.T) {
	now := time.Now()
	a := NewDocument("A", "test", "China has offered to help Iraq.", now)
	sameTextOtherID := NewDocument("A again", "test", a.Text, now)
	sameIDOtherText := a
	sameIDOtherText.Text, sameIDOtherText.SHA256 = "Another text.", ""
	noSum := a
	noSum.SHA256 = ""
	tests := []struct {
		name string
		b    Document
		want bool
	}{
		{"itself", a, true},
		{"same text, another id", sameTextOtherID, true},
		{"same id, another text", sameIDOtherText, false},
		{"same id and text, SHA-256 not carried", noSum, true},
	}
	for _, tt := range tests {
		if got := SameDocument(a.Key(), tt.b.Key()); got != tt.want {
			t.Errorf("%s: SameDocument = %v, want %v", tt.name, got, tt.want)
		}
		if got := SameDocument(tt.b.Key(), a.Key()); got != tt.want {
			t.Errorf("%s: SameDocument (swapped) = %v, want %v", tt.name, got, tt.want)
		}
	}
	if SameDocument(DocumentKey{ID: "x"}, DocumentKey{ID: "x"}) {
		t.Error("two keys without a text sum are the same document")
	}
}

func TestDocumentIndexFind(t *testing.T) {
	now := time.Now()
	a := NewDocument("A", "test", "one text", now)
	a2 := NewDocument("A2", "test", "one text", now) // the same text again
	b := NewDocument("B", "test", "another text", now)
	changed := b
	changed.Text, changed.SHA256 = "b's id with a third text", ""
	x := NewDocumentIndex([]DocumentKey{a.Key(), a2.Key(), b.Key()})
	tests := []struct {
		name   string
		k      DocumentKey
		want   int
		wantOK bool
	}{
		{"by id and text", a2.Key(), 1, true},
		{"by text, first of two", DocumentKey{ID: "other", SHA256: a.SHA256}, 0, true},
		{"same id, another text", changed.Key(), -1, false},
		{"unknown", DocumentKey{ID: "nope", SHA256: "00"}, -1, false},
		{"no sum", DocumentKey{ID: b.ID}, -1, false},
	}
	for _, tt := range tests {
		if got, ok := x.Find(tt.k); got != tt.want || ok != tt.wantOK {
			t.Errorf("%s: Find = %d, %v; want %d, %v", tt.name, got, ok, tt.want, tt.wantOK)
		}
	}
}
