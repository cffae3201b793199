package format

import (
	"fmt"
	"slices"
)

// Option is one of an export's choices beyond its format's name: a flag of
// `claimdesk export` and a field of the window's export dialog. Which
// options a format takes follows from its registry entry (Format.Options):
// there is no other list of them.
type Option struct {
	// Flag is the export flag without its dash: "mode", "layer",
	// "offsets", "tokens", "align" or "raw".
	Flag string
	// Title names the option in the export dialog.
	Title string
	// Help says what the option does, in a sentence.
	Help string
	// Values are the option's choices, its default first, each with what
	// it does; nil for an option that is on or off (off by default).
	Values []OptionValue
	// Needs is the Flag of an on/off option of the same format without
	// which this one has no effect and is refused (spacy's "align" needs
	// "tokens"); "" when none.
	Needs string
}

// OptionValue is one choice of an Option.
type OptionValue struct {
	Name string // as the flag takes it: "expand"
	Help string // what it does, a few words
}

// Default returns the option's default value ("" for an on/off option).
func (o Option) Default() string {
	if len(o.Values) == 0 {
		return ""
	}
	return o.Values[0].Name
}

// ValueNames returns the names of the option's values, the default first.
func (o Option) ValueNames() []string {
	names := make([]string, len(o.Values))
	for i, v := range o.Values {
		names[i] = v.Name
	}
	return names
}

// valueHelp says what each value of the options with values does.
var valueHelp = map[string]string{
	// NetworkModes
	"affiliation": "actors linked to concepts, an edge per agreement",
	"congruence":  "two actors linked by the concepts they agree on",
	"conflict":    "two actors linked by the concepts they disagree on",
	// ConllLayers
	"outer": "the outermost of nested spans tagged",
	"inner": "the innermost of nested spans tagged",
	// OffsetUnits
	OffsetsCodepoint: "Unicode code points, as Python indexes strings",
	OffsetsUTF16:     "UTF-16 code units, as JavaScript and Java index strings",
	OffsetsByte:      "bytes of UTF-8",
	// AlignModes
	"split":    "words cut at the spans' edges: spans kept exactly",
	"expand":   "spans widened to the whole words they touch",
	"contract": "spans narrowed to the whole words inside them",
	"strict":   "a span off the words' boundaries refuses the export, named",
}

// values returns names with their help.
func values(names []string) []OptionValue {
	vs := make([]OptionValue, len(names))
	for i, n := range names {
		vs[i] = OptionValue{Name: n, Help: valueHelp[n]}
	}
	return vs
}

// Options returns the options f's writer takes, in the order the export
// dialog shows them: its modes (conll's and hf's are the "layer" of
// nested spans tagged), the unit of its offsets, its tokens, how it
// aligns spans to tokens, and whether it escapes spreadsheet formulas.
// A format only read has none.
func (f Format) Options() []Option {
	if f.NewWriter == nil {
		return nil
	}
	var opts []Option
	switch {
	case slices.Equal(f.Modes, ConllLayers):
		opts = append(opts, Option{Flag: "layer", Title: "Layer of nested spans",
			Help: "Which of nested spans to tag; the others are counted in a warning.", Values: values(f.Modes)})
	case len(f.Modes) > 0:
		opts = append(opts, Option{Flag: "mode", Title: "Network",
			Help: "Which network to write.", Values: values(f.Modes)})
	}
	if len(f.Offsets) > 0 {
		opts = append(opts, Option{Flag: "offsets", Title: "Offsets counted in",
			Help: `The unit of the spans' offsets; each line says which ("offsets"), and import honours it.`, Values: values(f.Offsets)})
	}
	if f.Tokens {
		opts = append(opts, Option{Flag: "tokens", Title: "Write tokens",
			Help: `Prodigy's "tokens", token_start and token_end.`})
	}
	if f.Aligns {
		o := Option{Flag: "align", Title: "Spans fitted to tokens",
			Help: "How spans meet the tokens; every span changed or left out is counted in a warning.", Values: values(AlignModes)}
		if f.Tokens {
			o.Needs = "tokens"
		}
		opts = append(opts, o)
	}
	if f.Raw {
		opts = append(opts, Option{Flag: "raw", Title: "Write formulas as they are",
			Help: `No ' before a cell that a spreadsheet would run as a formula (=, +, -, @): for programs, not spreadsheets.`})
	}
	return opts
}

// FormatsWith returns the names of the written formats that take the
// option flag (Format.Options), in the order of WriterNames.
func FormatsWith(flag string) []string {
	var names []string
	for _, f := range formats {
		if slices.ContainsFunc(f.Options(), func(o Option) bool { return o.Flag == flag }) {
			names = append(names, f.Name)
		}
	}
	return names
}

// GoesWith is the usage error of an option given with a format that does
// not take it: "-raw goes with -format csv or edges".
func GoesWith(flag string) string {
	return fmt.Sprintf("-%s goes with -format %s", flag, orList(FormatsWith(flag)))
}

// ExportNotes gathers what the writers of one export counted (each part of
// a split has a writer of its own) and says it: the warnings that
// `claimdesk export` prints and the window shows, in the same words (exact
// or loud). Give Opened as ExportOptions.Opened (or call it from there),
// and ask Notes after the export.
type ExportNotes struct {
	name, mode string
	writers    []Writer
}

// NewExportNotes returns the notes of an export in the format name, of
// mode ("" for the format's default).
func NewExportNotes(name, mode string) *ExportNotes {
	return &ExportNotes{name: name, mode: mode}
}

// Opened records a writer of the export.
func (n *ExportNotes) Opened(w Writer) { n.writers = append(n.writers, w) }

// Notes returns the warnings, one a sentence without a final stop: the
// spans a token export changed or left out (TokenNotes), the statements
// left out for want of a source actor; none when nothing was.
func (n *ExportNotes) Notes() []string {
	var tokens TokenCounts
	counted, unsourced := false, 0
	for _, w := range n.writers {
		if c, ok := w.(TokenCounter); ok {
			tokens.Add(c.TokenCounts())
			counted = true
		}
		if c, ok := w.(UnsourcedCounter); ok {
			unsourced += c.Unsourced()
		}
	}
	var notes []string
	if counted {
		notes = append(notes, TokenNotes(n.name, n.mode, tokens)...)
	}
	switch {
	case unsourced == 1:
		notes = append(notes, "1 statement without a source actor was left out")
	case unsourced > 1:
		notes = append(notes, fmt.Sprintf("%d statements without a source actor were left out", unsourced))
	}
	return notes
}
