package format

import (
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"claimdesk/annotate"
)

// Format is one file format: the files it reads and what it writes.
type Format struct {
	// Name names the format on the command line: "jsonl", "csv".
	Name string
	// Extensions are the extensions, lower case with their dot, of the
	// files the format reads. A format that is only written has none, and
	// so has one whose files another format reads: doccano and spaCy lines
	// arrive in .jsonl files, whose reader recognises them. Label Studio's
	// export is a .json file.
	Extensions []string
	// NewReader returns a reader of the file name, whose bytes r gives; it
	// is nil for a format that is only written.
	NewReader func(r io.Reader, name string) Reader
	// NewWriter returns a writer to t; it is nil for a format that is only
	// read.
	NewWriter func(t Target) Writer
	// Modes are the modes (Target.Mode) a writer of the format offers, its
	// default first; nil for a format without modes.
	Modes []string
	// Folder says that the format's writer writes several files into
	// Target.Dir (brat: a .txt and an .ann per document) rather than one
	// stream into Target.W.
	Folder bool
	// Offsets are the units (OffsetUnits) a writer of the format can count
	// span offsets in (Target.Offsets), its default first; nil for a format
	// whose offsets are fixed.
	Offsets []string
	// Tokens says that the format's writer can write each document's
	// tokens (Target.Tokens): spaCy/Prodigy's "tokens".
	Tokens bool
	// Aligns says that the format's writer fits spans to tokens
	// (Target.Align): conll and hf always, spacy with Target.Tokens.
	Aligns bool
	// Raw says that the format writes spreadsheet cells, escaped against
	// formulas unless Target.Raw (SpreadsheetSafe): csv and edges.
	Raw bool
	// ReadBy names the format whose reader reads what this format's
	// writer writes, for a format without a reader of its own: jsonl reads
	// doccano's and spaCy's lines. "" otherwise.
	ReadBy string
	// Side is the name ending, after the export's name without its
	// extension, of a second file the format's writer writes beside its
	// stream (SideWriter, SidePath): hf's ".labels.json", the names of its
	// tags. "" for a format without one.
	Side string
}

// Reader reads the records of one input file, one at a time.
type Reader interface {
	// Next returns the next record, or io.EOF after the last one. Other
	// errors are *annotate.LineError values naming the file (and the
	// line, for formats with lines).
	Next() (annotate.Record, error)
	// Line returns the 1-based line of the record Next returned last, or 0
	// for formats whose file is one record.
	Line() int
}

// Writer writes records in one format. Output is buffered: call Flush once
// after the last Write. A record that breaks the format's rules (a span
// outside its text) is an EINVALID error from Write, and nothing of it is
// written.
//
// A format that needs the whole project before it can write (network: a
// graph of actors) keeps what Write gives it, aggregated, and writes it all
// on Flush.
type Writer interface {
	Write(annotate.Record) error
	Flush() error
}

// Target is where a Writer writes: one stream, W, for most formats; a
// folder, Dir, for a format that writes several files (Format.Folder).
type Target struct {
	W io.Writer // the stream a one-stream format writes to
	// Dir is the folder a Folder format writes its files into; it must
	// exist (ExportDir makes it). Other formats ignore it.
	Dir string
	// Mode chooses among the format's Modes ("congruence" for network);
	// "" is the format's default. A format without modes takes only "".
	Mode string
	// Offsets is the unit the writer counts span offsets in: one of the
	// format's Offsets, or "" for its default.
	Offsets string
	// Tokens asks a format with Tokens to write each document's tokens.
	Tokens bool
	// Align is how a token export (a format with Aligns; spacy with
	// Tokens) fits spans to tokens: one of AlignModes, or "" for the
	// default.
	Align string
	// Raw asks a format with Raw to write its cells as they are, a
	// formula included, instead of with a "'" before one
	// (SpreadsheetSafe).
	Raw bool
}

// SideWriter is implemented by the writers of formats with a side file
// (Format.Side): a small second file the export writes beside its stream,
// after it (ExportFileWith), as hf's list of tag names.
type SideWriter interface {
	// WriteSide writes the side file's content to w, after Flush.
	WriteSide(w io.Writer) error
}

// UnsourcedCounter is implemented by the writers of formats made of
// statements (network, edges): claims and denials, each with the actor who
// makes it. Unsourced returns the number of claims and denials written so
// far that were left out because no SOURCE relation links them to an actor,
// for a warning.
type UnsourcedCounter interface {
	Unsourced() int
}

// formats lists the formats: those read in the order of ImportExtensions,
// those written in the order of WriterNames.
var formats = []Format{
	{
		Name:       "text",
		Extensions: []string{".txt", ".md"},
		NewReader:  newTextReader,
	},
	{
		Name:       "html",
		Extensions: []string{".html", ".htm"},
		NewReader:  newHTMLReader,
	},
	{
		Name:       "docx",
		Extensions: []string{".docx"},
		NewReader:  newDOCXReader,
	},
	{
		Name:       "jsonl",
		Extensions: []string{".jsonl"},
		NewReader:  func(r io.Reader, name string) Reader { return NewJSONLReader(r, name) },
		NewWriter:  func(t Target) Writer { return NewJSONLWriterOffsets(t.W, t.Offsets) },
		Offsets:    OffsetUnits,
	},
	{
		Name:       "labelstudio",
		Extensions: []string{".json"},
		NewReader:  func(r io.Reader, name string) Reader { return NewLabelStudioReader(r, name) },
		NewWriter:  func(t Target) Writer { return NewLabelStudioWriter(t.W) },
	},
	{
		Name:      "doccano",
		NewWriter: func(t Target) Writer { return NewDoccanoWriter(t.W) },
		ReadBy:    "jsonl",
	},
	{
		Name:      "spacy",
		NewWriter: func(t Target) Writer { return NewSpacyWriter(t.W, t.Tokens, t.Align) },
		Tokens:    true,
		Aligns:    true,
		ReadBy:    "jsonl",
	},
	{
		Name:      "csv",
		NewWriter: func(t Target) Writer { w := NewCSVWriter(t.W); w.SetRaw(t.Raw); return w },
		Raw:       true,
	},
	{
		Name:      "network",
		NewWriter: func(t Target) Writer { return NewNetworkWriter(t.W, cmp.Or(t.Mode, NetworkModes[0])) },
		Modes:     NetworkModes,
	},
	{
		Name:      "edges",
		NewWriter: func(t Target) Writer { w := NewEdgesWriter(t.W); w.SetRaw(t.Raw); return w },
		Raw:       true,
	},
	{
		Name:      "conll",
		NewWriter: func(t Target) Writer { return NewConllWriter(t.W, cmp.Or(t.Mode, ConllLayers[0]), t.Align) },
		Modes:     ConllLayers,
		Aligns:    true,
	},
	{
		Name:      "hf",
		NewWriter: func(t Target) Writer { return NewHFWriter(t.W, cmp.Or(t.Mode, ConllLayers[0]), t.Align) },
		Modes:     ConllLayers,
		Aligns:    true,
		Side:      ".labels.json",
	},
	{
		Name:       "brat",
		Extensions: []string{".ann"},
		NewReader:  newBratReader,
		NewWriter:  func(t Target) Writer { return NewBratWriter(t.Dir) },
		Folder:     true,
	},
}

// Names returns the names of all formats.
func Names() []string {
	var names []string
	for _, f := range formats {
		names = append(names, f.Name)
	}
	return names
}

// WriterNames returns the names of the formats that can be written, for
// an export's choice of format.
func WriterNames() []string {
	var names []string
	for _, f := range formats {
		if f.NewWriter != nil {
			names = append(names, f.Name)
		}
	}
	return names
}

// ImportExtensions returns the extensions, lower case with their dot, of
// the files that can be imported.
func ImportExtensions() []string {
	var exts []string
	for _, f := range formats {
		if f.NewReader != nil {
			exts = append(exts, f.Extensions...)
		}
	}
	return exts
}

// Lookup returns the format with the given name.
func Lookup(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == name {
			f.Extensions = slices.Clone(f.Extensions)
			f.Modes = slices.Clone(f.Modes)
			f.Offsets = slices.Clone(f.Offsets)
			return f, true
		}
	}
	return Format{}, false
}

// ForFile returns the format that reads the file name, by its extension
// (in any case). A file no format reads is an EINVALID *annotate.LineError
// naming the file.
func ForFile(name string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, f := range formats {
		if f.NewReader != nil && slices.Contains(f.Extensions, ext) {
			f.Extensions = slices.Clone(f.Extensions)
			f.Modes = slices.Clone(f.Modes)
			f.Offsets = slices.Clone(f.Offsets)
			return f, nil
		}
	}
	what := fmt.Sprintf("%q", ext)
	if ext == "" {
		what = "without an extension"
	}
	return Format{}, &annotate.LineError{File: name, Err: annotate.Errorf(annotate.EINVALID,
		"unsupported file type %s (supported: %s)", what, strings.Join(ImportExtensions(), ", "))}
}

// NewWriter returns a writer of the named format to t. A name that is not
// a written format is an EINVALID error listing those that are, and so is
// a t.Mode that is not one of the format's Modes, a t.Offsets that is not
// one of its Offsets, a t.Tokens for a format without Tokens, a t.Align
// that is not one of AlignModes or for a format that does not align
// (without tokens), a t.Raw for a format without Raw, and a t.Dir that is
// "" for a Folder format.
func NewWriter(name string, t Target) (Writer, error) {
	f, ok := Lookup(name)
	if !ok || f.NewWriter == nil {
		return nil, annotate.Errorf(annotate.EINVALID, "unknown format %q (want %s)", name, orList(WriterNames()))
	}
	if f.Folder && t.Dir == "" {
		return nil, annotate.Errorf(annotate.EINVALID, "format %s writes a folder of files: name the folder", name)
	}
	if t.Mode != "" && !slices.Contains(f.Modes, t.Mode) {
		if len(f.Modes) == 0 {
			return nil, annotate.Errorf(annotate.EINVALID, "format %s has no modes (mode %q)", name, t.Mode)
		}
		return nil, annotate.Errorf(annotate.EINVALID, "format %s has no mode %q (want %s)", name, t.Mode, orList(f.Modes))
	}
	if t.Tokens && !f.Tokens {
		return nil, annotate.Errorf(annotate.EINVALID, "format %s writes no tokens (tokens go with %s)", name, orList(tokenFormats()))
	}
	if t.Raw && !f.Raw {
		return nil, annotate.Errorf(annotate.EINVALID, "format %s writes no spreadsheet cells (raw goes with %s)", name, orList(FormatsWith("raw")))
	}
	if t.Align != "" {
		if !slices.Contains(AlignModes, t.Align) {
			return nil, annotate.Errorf(annotate.EINVALID, "no alignment %q (want %s)", t.Align, orList(AlignModes))
		}
		if !f.Aligns {
			return nil, annotate.Errorf(annotate.EINVALID, "format %s has no tokens to align spans to (alignment goes with conll, hf or spacy with tokens)", name)
		}
		if f.Tokens && !t.Tokens {
			return nil, annotate.Errorf(annotate.EINVALID, "format %s aligns spans to tokens only when it writes tokens", name)
		}
	}
	if err := checkUnit(t.Offsets); err != nil {
		return nil, err
	}
	if t.Offsets != "" && !slices.Contains(f.Offsets, t.Offsets) {
		if len(f.Offsets) == 0 {
			return nil, annotate.Errorf(annotate.EINVALID, "format %s has no choice of offsets (offsets %q)", name, t.Offsets)
		}
		return nil, annotate.Errorf(annotate.EINVALID, "format %s has no offsets %q (want %s)", name, t.Offsets, orList(f.Offsets))
	}
	return f.NewWriter(t), nil
}

// tokenFormats returns the names of the formats that write tokens.
func tokenFormats() []string {
	var names []string
	for _, f := range formats {
		if f.Tokens {
			names = append(names, f.Name)
		}
	}
	return names
}

// SidePath returns the path of the side file (Format.Side) of an export
// to path in format f: path without its extension, then f.Side, as
// "out/train.jsonl" → "out/train.labels.json"; "" for a format without
// a side file.
func SidePath(path string, f Format) string {
	if f.Side == "" {
		return ""
	}
	ext := filepath.Ext(path)
	if strings.ContainsAny(ext, `/\`) {
		ext = ""
	}
	return strings.TrimSuffix(path, ext) + f.Side
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
