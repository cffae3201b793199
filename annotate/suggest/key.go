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
