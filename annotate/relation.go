package annotate

// Relation types. A SOURCE relation links a statement (claim or denial) to
// the actor who makes it; TARGET links it to the actor it is about.
const (
	RelationSource = "SOURCE"
	RelationTarget = "TARGET"
)

// Relation is a typed, directed link between two spans of one document.
type Relation struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	From string `json:"from"` // span id
	To   string `json:"to"`   // span id
	// Origin, when not "", is how the file the relation was read from
	// names it ("R1", "99") when that is not its ID: a colleague's file,
	// whose relations get ids of Claimdesk's. Line is the line of that
	// file it is on, 0 when the record's line says it. Messages about
	// the relation name it so (Name); neither is stored nor written.
	Origin string `json:"-"`
	Line   int    `json:"-"`
}

// Name returns how messages name the relation: as its file did (Origin),
// else by its id.
func (r *Relation) Name() string {
	if r.Origin != "" {
		return r.Origin
	}
	return r.ID
}
