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
	return rec.Only(func(sp annotate.Span) bool { return sp.Annotator == name })
}

// Coded reports whether an annotator's layer of a document (Layer) counts
// as their coding of it when no round says who was given it (BySpans):
// when it has a span. An annotator of a project with no span in a
// document is then taken not to have coded it, so that a merge or a
// comparison does not count them as disagreeing with everyone there.
func Coded(layer annotate.Record) bool { return len(layer.Spans) > 0 }

// Coding is what an annotator of a project did with one of its
// documents, as comparing and merging the project's annotators count it
// (Coverage).
type Coding int

const (
	// NotCoded: they have not coded the document (or not yet): they are
	// left out of it, not counted as disagreeing.
	NotCoded Coding = iota
	// NotAssigned: a round handed the document to other coders only; the
	// annotator is left out of it, and spans of theirs in it, if any, are
	// not theirs to merge (counted).
	NotAssigned
	// HasCoded: they coded the document; their layer of it is their
	// coding, an empty one meaning "nothing to code here".
	HasCoded
)

// String names the coding as messages do.
func (c Coding) String() string {
	switch c {
	case NotAssigned:
		return "not assigned"
	case HasCoded:
		return "coded"
	}
	return "not coded"
}

// Coverage is the rule of which documents each annotator of a project
// coded. Without a round it is BySpans; a project that handed out rounds
// answers from their assignment (round.Coverage). Merge, the window's
// compare and agree ask it, and never decide again.
type Coverage interface {
	// Coding returns what annotator did with the document whose id is
	// doc, their layer of it (Layer) being layer.
	Coding(doc, annotator string, layer annotate.Record) Coding
	// Assigned reports whether the annotator may have coded the document,
	// without reading it: false only when a round did not give it to them.
	Assigned(doc, annotator string) bool
}

// BySpans is the coverage of a project without rounds: an annotator coded
// the documents they have a span in (Coded).
type BySpans struct{}

// Coding is HasCoded when the layer has a span, else NotCoded.
func (BySpans) Coding(_, _ string, layer annotate.Record) Coding {
	if Coded(layer) {
		return HasCoded
	}
	return NotCoded
}

// Assigned is always true: without a round, anyone may have coded
// anything.
func (BySpans) Assigned(_, _ string) bool { return true }

// AnnotatorLayer is one annotator's layer of a document and what they did
// with it.
type AnnotatorLayer struct {
	Name   string
	Layer  annotate.Record
	Coding Coding
}

// Layers returns the layers (Layer) of the named annotators in a
// document, in the order of names, each with its coding by cov (nil:
// BySpans).
func Layers(rec annotate.Record, names []string, cov Coverage) []AnnotatorLayer {
	if cov == nil {
		cov = BySpans{}
	}
	out := make([]AnnotatorLayer, len(names))
	for i, n := range names {
		l := Layer(rec, n)
		out[i] = AnnotatorLayer{Name: n, Layer: l, Coding: cov.Coding(rec.Document.ID, n, l)}
	}
	return out
}

// Sets returns the layers of annotators who coded the document (HasCoded)
// as merge sets, in order; an empty layer is an empty set.
func Sets(ls []AnnotatorLayer) []RecordSet {
	var sets []RecordSet
	for _, l := range ls {
		if l.Coding == HasCoded {
			sets = append(sets, RecordSet{Name: l.Name, Record: l.Layer})
		}
	}
	return sets
}

// LayerSets returns the layers (Layer) of the named annotators that coded
// the document by cov (nil: BySpans), as merge sets in the order of
// names.
func LayerSets(rec annotate.Record, names []string, cov Coverage) []RecordSet {
	return Sets(Layers(rec, names, cov))
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

// CheckReviewer returns an EINVALID error when a reviewer building the
// gold layer under their name would take the name of an annotator being
// compared: the gold layer would become that annotator's, their spans
// mixed with it.
func CheckReviewer(name string, compared []string) error {
	name = strings.TrimSpace(name)
	if slices.Contains(compared, name) {
		return annotate.Errorf(annotate.EINVALID, "%s is an annotator under comparison: the gold layer you build under your name would become theirs. Choose another name, or end the comparison first (open the project again)", annotate.Printable(name))
	}
	return nil
}
