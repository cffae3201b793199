package review

import (
	"slices"
	"strings"

	"claimdesk/annotate"
)

// Layer returns one annotator's part of a document's record, for
// comparing or merging the annotators of one project as if each had a
// file of their own: the spans whose Annotator is name, the relations
// whose both ends are among them, and the entities and concepts those
// spans name. The document is rec's. A span credited to several
// annotators ("ana+bo", a merged span) belongs to the layer of that
// whole name, not to ana's or bo's.
func Layer(rec annotate.Record, name string) annotate.Record {
	out := annotate.Record{Document: rec.Document}
	in := map[string]bool{}
	for _, sp := range rec.Spans {
		if sp.Annotator != name {
			continue
		}
		out.Spans = append(out.Spans, sp)
		in[sp.ID] = true
		if e, ok := rec.Entities[sp.Entity]; ok && sp.Entity != "" {
			if out.Entities == nil {
				out.Entities = map[string]annotate.Entity{}
			}
			out.Entities[sp.Entity] = e
		}
		if c, ok := rec.Concepts[sp.Concept]; ok && sp.Concept != "" {
			if out.Concepts == nil {
				out.Concepts = map[string]annotate.Concept{}
			}
			out.Concepts[sp.Concept] = c
		}
	}
	for _, r := range rec.Relations {
		if in[r.From] && in[r.To] {
			out.Relations = append(out.Relations, r)
		}
	}
	return out
}

// Coded reports whether an annotator's layer of a document (Layer) counts
// as their coding of it: when it has a span. An annotator of a project
// with no span in a document is taken not to have coded it (a round hands
// out each document to some coders only), so that a merge or a
// comparison does not count them as disagreeing with everyone there.
func Coded(layer annotate.Record) bool { return len(layer.Spans) > 0 }

// LayerSets returns the layers (Layer) of the named annotators that coded
// the document (Coded), as merge sets in the order of names.
func LayerSets(rec annotate.Record, names []string) []RecordSet {
	var sets []RecordSet
	for _, n := range names {
		if l := Layer(rec, n); Coded(l) {
			sets = append(sets, RecordSet{Name: n, Record: l})
		}
	}
	return sets
}

// ParseAnnotators reads a comma-separated list of annotator names
// ("ana,bo, cem"): each trimmed, none empty, none twice, at least two.
// Its errors are EINVALID.
func ParseAnnotators(list string) ([]string, error) {
	var names []string
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(n)
		switch {
		case n == "":
			return nil, annotate.Errorf(annotate.EINVALID, "an empty annotator name in %q", list)
		case slices.Contains(names, n):
			return nil, annotate.Errorf(annotate.EINVALID, "annotator %s is named twice", n)
		}
		names = append(names, n)
	}
	if len(names) < 2 {
		return nil, annotate.Errorf(annotate.EINVALID, "need at least two annotators to compare, got %s", strings.Join(names, ""))
	}
	return names, nil
}

// GoldLayer turns a merged record (MergeRecord of the layers of one
// project) into a layer of that project under the annotator name as: each
// span and relation gets a new id (the layers' ids are the project's
// own), each span is credited to as, and keeps who made it in
// Annotators. Entities and concepts keep their ids: they are the
// project's.
func GoldLayer(rec annotate.Record, as string) annotate.Record {
	ids := make(map[string]string, len(rec.Spans))
	for i := range rec.Spans {
		sp := &rec.Spans[i]
		nu := annotate.NewID()
		ids[sp.ID] = nu
		sp.ID = nu
		if len(sp.Annotators) == 0 && sp.Annotator != "" {
			sp.Annotators = []string{sp.Annotator}
		}
		sp.Annotator = as
	}
	for i := range rec.Relations {
		r := &rec.Relations[i]
		r.ID = annotate.NewID()
		r.From, r.To = ids[r.From], ids[r.To]
	}
	return rec
}

// CheckGoldName returns an EINVALID error when the gold layer's name is
// empty or one of the annotators merged.
func CheckGoldName(as string, names []string) error {
	switch {
	case strings.TrimSpace(as) == "":
		return annotate.Errorf(annotate.EINVALID, "no name given for the gold layer")
	case slices.Contains(names, as):
		return annotate.Errorf(annotate.EINVALID, "the gold layer %s is one of the annotators merged: name it otherwise", as)
	}
	return nil
}
