package suggest

import "fmt"

// Key names a suggestion by its content: its actor and statement ranges
// and whether it is a denial. A project remembers the suggestions a coder
// rejected by their keys, so that they do not come back for that document
// (the entity and the pattern that found it do not count).
func (s Suggestion) Key() string {
	kind := "claim"
	if s.Denial {
		kind = "denial"
	}
	return fmt.Sprintf("%d-%d>%d-%d:%s", s.Statement.Start, s.Statement.End, s.Actor.Start, s.Actor.End, kind)
}

// Pending returns the suggestions of sugs still to offer for a document
// whose rejected suggestions are rejected (by Key): those a coder has not
// rejected, in their order. It is the one rule of which suggestions a
// rejection leaves out, for the window and for `claimdesk suggest`.
func Pending(sugs []Suggestion, rejected map[string]bool) []Suggestion {
	if len(rejected) == 0 {
		return sugs
	}
	out := make([]Suggestion, 0, len(sugs))
	for _, s := range sugs {
		if !rejected[s.Key()] {
			out = append(out, s)
		}
	}
	return out
}
