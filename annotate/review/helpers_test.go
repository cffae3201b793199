package review

import "claimdesk/annotate"

// sp is a span with an id, a range and a label, for tables.
func sp(id string, start, end int, label string) annotate.Span {
	return annotate.Span{ID: id, DocumentID: "doc", Start: start, End: end, Label: label}
}
