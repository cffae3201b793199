// Package review compares colleagues' annotations of the same documents:
// the differences between two annotators' spans for the review view
// (Differences), agreement measures that add up over documents (Pairwise,
// Unitizing), and adjudication into a gold standard (Merge). The
// annotators of one project are compared and merged as files are, each
// through their layer of a document (Layer, LayerSets, GoldLayer), in the
// documents they coded by the project's rule (Coverage: BySpans, or a
// round's assignment, which package round answers).
//
// It is plain Go, like package annotate: offsets are Unicode code points,
// end exclusive. Spans that reach outside a document's text are clipped to
// it where a measure needs the text (the code-point counts and alpha_U);
// spans with end <= start after clipping are left out of those measures.
package review

import "claimdesk/annotate"

// Set is one annotator's (or one source file's) spans of one document.
type Set struct {
	Name  string // the annotator, or the source's name
	Spans []annotate.Span
}
