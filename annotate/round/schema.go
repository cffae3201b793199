package round

import (
	"slices"
	"strings"

	"claimdesk/annotate"
)

// PackageSchema is the schema a round's packages carry: sc with only the
// labels named (all of sc's when labels is empty), and the link types
// that can still join two of them (their From and To lists cut down to
// those labels; a type left with an empty list, which would mean any
// label, is dropped). Errors: ENOTFOUND for a label sc does not have.
func PackageSchema(sc annotate.Schema, labels []string) (annotate.Schema, error) {
	if len(labels) == 0 {
		return sc, nil
	}
	out := annotate.Schema{Suggest: sc.Suggest}
	for _, name := range labels {
		l, ok := sc.Labels.Find(name)
		if !ok {
			var names []string
			for _, l := range sc.Labels {
				names = append(names, l.Name)
			}
			return annotate.Schema{}, annotate.Errorf(annotate.ENOTFOUND, "no label %q in the project (its labels: %s)", name, strings.Join(names, ", "))
		}
		if !slices.ContainsFunc(out.Labels, func(x annotate.Label) bool { return x.Name == l.Name }) {
			out.Labels = append(out.Labels, l)
		}
	}
	keep := func(list []string) ([]string, bool) {
		if len(list) == 0 {
			return nil, true
		}
		var kept []string
		for _, l := range list {
			if _, ok := out.Labels.Find(l); ok {
				kept = append(kept, l)
			}
		}
		return kept, len(kept) > 0
	}
	for _, t := range sc.Relations {
		from, okF := keep(t.From)
		to, okT := keep(t.To)
		if okF && okT {
			t.From, t.To = from, to
			out.Relations = append(out.Relations, t)
		}
	}
	return out, nil
}

// LabelNames returns the names of a label set.
func LabelNames(ls annotate.LabelSet) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Name
	}
	return out
}

// Carry returns rec as it travels in a package: the document todo, and,
// when withSpans, the spans of the round's labels, the links between
// them and the actors and concepts they name; else none. It returns the
// spans carried with their keys.
func Carry(rec annotate.Record, labels []string, withSpans bool, carried map[string]annotate.SpanKey) annotate.Record {
	out := annotate.Record{Document: rec.Document}
	out.Document.Status = annotate.StatusTodo
	if !withSpans {
		return out
	}
	todo := out.Document
	out = rec.Only(func(sp annotate.Span) bool { return slices.Contains(labels, sp.Label) })
	out.Document = todo
	for _, sp := range out.Spans {
		carried[sp.ID] = sp.Key()
	}
	return out
}
