package app

// change is one user action that can be undone. do and undo each perform
// one committed store transaction.
type change struct {
	name string // shown in the status line: "add Actor span"
	do   func() error
	undo func() error
	// apply updates the window after do (forward=true) or undo succeeded.
	apply func(forward bool)
}

// history is the undo and redo stacks of one document.
type history struct {
	done, undone []change
}

func (h *history) push(c change) {
	h.done = append(h.done, c)
	h.undone = h.undone[:0]
}
