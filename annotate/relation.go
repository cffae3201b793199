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
}
