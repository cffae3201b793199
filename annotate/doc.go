// Package annotate is Claimdesk's domain: documents, spans, labels,
// relations, and the rules that keep them consistent. It is plain Go: no GUI
// toolkit, no database and no file formats (those are in annotate/format).
//
// Offsets are Unicode code points, end exclusive, everywhere: for a span of
// a document, Python's text[start:end] equals the span's text.
package annotate
