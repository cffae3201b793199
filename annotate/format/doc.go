// Package format reads and writes the files Claimdesk's documents travel
// in, and holds the one import path and the one file export that the CLI
// and the GUI share.
//
// Each format is in a file of its own: jsonl.go (Claimdesk's JSONL, and the
// reader that recognises every kind of JSONL line), spacy.go, doccano.go,
// labelstudio.go (Label Studio's JSON export), brat.go, csv.go,
// network.go (GraphML discourse networks), edges.go (their statements as
// CSV), conll.go and hf.go (token-classification training data, tokens
// from tokens.go, which spacy.go's -tokens shares), text.go (.txt and
// .md) and html.go. registry.go lists them by name and extension;
// import.go and export.go move whole files.
//
// Offsets are Unicode code points, end exclusive, in every format but two:
// Label Studio's are UTF-16 code units, and a JSONL line that says
// "offsets": "utf16" or "byte" counts in those (offsets.go converts).
//
// Readers take what other tools write: keys a JSON format does not know
// are ignored, wherever they are (Prodigy's "_input_hash", "answer" and
// "tokens", Label Studio's "created_at", "lead_time"…), while anything
// that breaks the format (an offset outside the text, a brat line of an
// unknown kind, JSON nested deeper than encoding/json allows) is an
// EINVALID *annotate.LineError of one line naming the file and, in a
// format of lines, the line.
package format
