package review

import (
	"slices"
	"strings"

	"claimdesk/annotate"
)

// Strategy decides which spans an adjudication keeps.
type Strategy string

// The strategies of Merge.
const (
	Majority     Strategy = "majority"     // spans in more than half of the sets
	Union        Strategy = "union"        // spans in any set
	Intersection Strategy = "intersection" // spans in every set
)

// ParseStrategy returns the strategy named s ("majority", "union" or
// "intersection"; case and surrounding space do not matter). Its error for
// other names is an EINVALID *annotate.Error.
func ParseStrategy(s string) (Strategy, error) {
	switch st := Strategy(strings.ToLower(strings.TrimSpace(s))); st {
	case Majority, Union, Intersection:
		return st, nil
	}
	return "", annotate.Errorf(annotate.EINVALID, "unknown merge strategy %q (want majority, union or intersection)", s)
}

// Merged is a span of an adjudicated gold standard.
type Merged struct {
	// Span has the start, end and label of the kept span; its ID,
	// DocumentID, Created, Updated and Note come from the span of the
	// first set that has it; its Annotator is the distinct Annotators
	// joined by "+".
	Span       annotate.Span
	Annotators []string // the Set names that made it, in set order
}

// Merge keeps, of all sets' spans (of one document), those with the same
// start, end and label in more than half of the sets (Majority), any set
// (Union) or every set (Intersection). A set that has a span twice counts
// once for it. The result is in annotate.CompareSpans order of the Span;
// an unknown strategy keeps nothing.
func Merge(sets []Set, s Strategy) []Merged {
	type key struct {
		start, end int
		label      string
	}
	type entry struct {
		merged   Merged
		lastSet  int // the last set counted for the key, so a set counts once
		distinct []string
	}
	entries := make(map[key]*entry)
	var order []key
	for i, set := range sets {
		for _, sp := range set.Spans {
			k := key{sp.Start, sp.End, sp.Label}
			e := entries[k]
			if e == nil {
				e = &entry{merged: Merged{Span: sp}, lastSet: -1}
				entries[k] = e
				order = append(order, k)
			}
			if e.lastSet == i {
				continue
			}
			e.lastSet = i
			e.merged.Annotators = append(e.merged.Annotators, set.Name)
			if !slices.Contains(e.distinct, set.Name) {
				e.distinct = append(e.distinct, set.Name)
			}
		}
	}
	var out []Merged
	for _, k := range order {
		e := entries[k]
		n := len(e.merged.Annotators)
		var keep bool
		switch s {
		case Majority:
			keep = 2*n > len(sets)
		case Union:
			keep = n > 0
		case Intersection:
			keep = n == len(sets)
		}
		if !keep {
			continue
		}
		e.merged.Span.Annotator = strings.Join(e.distinct, "+")
		out = append(out, e.merged)
	}
	slices.SortFunc(out, func(x, y Merged) int { return annotate.CompareSpans(x.Span, y.Span) })
	return out
}
