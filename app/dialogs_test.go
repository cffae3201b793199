package app

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestModalsStack: Enter and Escape act on the dialog on top; the answer's
// fn runs once its dialog has closed; OnAllClosed runs when the last one
// closes, not before; with none open, Key reports no dialog.
func TestModalsStack(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("modals")
	w.Resize(fyne.NewSize(800, 600))
	m := newModals(w)
	allClosed := 0
	m.OnAllClosed = func() { allClosed++ }
	if m.Key(fyne.KeyEscape) || m.Open() || m.Top() != nil {
		t.Fatal("a dialog is reported open before any was shown")
	}

	var answers []bool
	m.Confirm("Question", "Go on?", "Go", func(ok bool) {
		answers = append(answers, ok)
		if m.Open() {
			t.Error("the question's answer ran while its dialog was on the stack")
		}
	})
	question := m.Top()
	m.Error(errors.New("bad/x"))
	if m.Top() == question || len(m.stack) != 2 {
		t.Fatalf("the error is not on top of the question: %d open", len(m.stack))
	}
	if !m.Key(fyne.KeyEscape) {
		t.Fatal("Key reports no dialog open with two open")
	}
	if m.Top() != question || allClosed != 0 || len(answers) != 0 {
		t.Fatalf("Escape did not close the error alone: top %v, all closed %d, answers %v", m.Top(), allClosed, answers)
	}
	m.Key(fyne.KeyReturn)
	if m.Open() || allClosed != 1 || len(answers) != 1 || !answers[0] {
		t.Fatalf("Enter on the question: open %v, all closed %d times, answers %v; want closed, once, [true]", m.Open(), allClosed, answers)
	}
}
