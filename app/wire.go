package app

import "claimdesk/annotate"

// wire connects the window's parts: each part (the document list, ...)
// owns its state and reports what the user did through its On callbacks;
// here the window answers them. This is the one place that knows which
// part talks to which.
func (u *UI) wire() {
	l := u.docList
	l.OnOpened = u.openDocument
	l.OnF6, l.OnF1 = u.nextPane, u.ShowHelp
	l.OnError = u.showError
	l.OnlyHere = u.onlyMine
	l.Spans = func(id string) ([]annotate.Span, error) {
		if u.project == nil {
			return nil, nil
		}
		return u.project.Spans(id)
	}
	u.docFilter = l.filter
}

// refilter shows u.docs in the document list again, its filter's tags
// read again when needed. (files.go's callers; the list itself is
// DocumentList.)
func (u *UI) refilter() { u.docList.SetDocuments(u.docs) }

// updateProgress shows how many documents are done (files.go's callers;
// DocumentList keeps it up to date itself).
func (u *UI) updateProgress() { u.docList.updateProgress() }

// ListedDocuments returns the ids of the documents the list shows, in its
// order.
func (u *UI) ListedDocuments() []string { return u.docList.Listed() }
