package session

import (
	"strings"

	"claimdesk/annotate"
)

// setStatus sets a document's status: from old to new.
type setStatus struct {
	docID    string
	old, new annotate.Status
}

func (c *setStatus) Name() string {
	return "mark document " + strings.ReplaceAll(string(c.new), "_", " ")
}

func (c *setStatus) DocumentID() string { return c.docID }

func (c *setStatus) Apply(p annotate.Project) (Effect, error) {
	if err := p.SetStatus(c.docID, c.new); err != nil {
		return Effect{}, err
	}
	return Effect{DocumentID: c.docID, StatusChanged: true, Status: c.new}, nil
}

func (c *setStatus) Inverse() Command {
	return &setStatus{docID: c.docID, old: c.new, new: c.old}
}
