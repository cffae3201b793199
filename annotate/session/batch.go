package session

import (
	"fmt"
	"slices"

	"claimdesk/annotate"
)

// batch is several commands done and undone as one: one entry in the
// history, one undo. Each part is still its own transaction; when a part
// fails, the parts already applied are undone, in reverse order, so that
// the batch changes all or nothing.
type batch struct {
	name  string
	parts []Command
}

// Batch returns a command that applies cmds in order as one step of the
// history, named name. All of cmds must concern the same document.
func Batch(name string, cmds ...Command) Command {
	return &batch{name: name, parts: slices.Clone(cmds)}
}

func (b *batch) Name() string { return b.name }

func (b *batch) DocumentID() string {
	if len(b.parts) == 0 {
		return ""
	}
	return b.parts[0].DocumentID()
}

func (b *batch) Apply(p annotate.Project) (Effect, error) {
	var eff Effect
	for i, c := range b.parts {
		if c.DocumentID() != b.DocumentID() {
			return Effect{}, annotate.Errorf(annotate.EINVALID, "%s: its parts concern different documents", b.name)
		}
		e, err := c.Apply(p)
		if err != nil {
			for j := i - 1; j >= 0; j-- {
				if _, uerr := b.parts[j].Inverse().Apply(p); uerr != nil {
					return Effect{}, fmt.Errorf("%s: %w (and undoing its first parts: %v)", c.Name(), err, uerr)
				}
			}
			return Effect{}, fmt.Errorf("%s: %w", c.Name(), err)
		}
		eff = mergeEffects(eff, e)
	}
	return eff, nil
}

func (b *batch) Inverse() Command {
	inv := make([]Command, len(b.parts))
	for i, c := range b.parts {
		inv[len(b.parts)-1-i] = c.Inverse()
	}
	return &batch{name: b.name, parts: inv}
}

// mergeEffects returns the effect of a then b.
func mergeEffects(a, b Effect) Effect {
	if a.DocumentID == "" {
		a.DocumentID = b.DocumentID
	}
	a.Added = append(a.Added, b.Added...)
	a.Removed = append(a.Removed, b.Removed...)
	a.Updated = append(a.Updated, b.Updated...)
	a.AddedRelations = append(a.AddedRelations, b.AddedRelations...)
	a.RemovedRelations = append(a.RemovedRelations, b.RemovedRelations...)
	a.Entities = append(a.Entities, b.Entities...)
	a.RemovedEntities = append(a.RemovedEntities, b.RemovedEntities...)
	a.Concepts = append(a.Concepts, b.Concepts...)
	a.RemovedConcepts = append(a.RemovedConcepts, b.RemovedConcepts...)
	a.Repointed = append(a.Repointed, b.Repointed...)
	for id, n := range b.Elsewhere {
		if a.Elsewhere == nil {
			a.Elsewhere = map[string]int{}
		}
		a.Elsewhere[id] += n
	}
	if b.StatusChanged {
		a.StatusChanged, a.Status = true, b.Status
	}
	return a
}

// DeleteCommand returns the command DeleteSpan would do, without doing it,
// for a Batch. Its errors are DeleteSpan's.
func (s *Session) DeleteCommand(id string) (Command, error) {
	sp, err := s.editableSpan(id)
	if err != nil {
		return nil, err
	}
	return &deleteSpan{span: sp, display: s.labelDisplay(sp.Label)}, nil
}
