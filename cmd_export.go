package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
)

var exportCommand = command{
	name:  "export",
	usage: "export PROJECT [-format " + strings.Join(format.WriterNames(), "|") + "] [-mode " + strings.Join(format.NetworkModes, "|") + "] [-offsets " + strings.Join(format.OffsetUnits, "|") + "] [-tokens] [-align " + strings.Join(format.AlignModes, "|") + "] [-raw] [-o FILE|FOLDER]",
	help: `Write the project's documents and spans to standard output, or to FILE
with -o (written to a temporary file and renamed, so no reader sees half an
export). Offsets are Unicode code points, end exclusive; -offsets utf16
(JavaScript's and Java's string indices) or byte (UTF-8) counts the jsonl
format's offsets in that unit instead, and each line says so with
"offsets": "utf16" or "byte", which import honours.

-format labelstudio writes Label Studio's JSON export (a JSON array of
tasks, offsets in UTF-16 code units, one annotation per document holding its
spans and relations), which Label Studio imports and claimdesk import reads
back from a .json file.

-format network writes the discourse network as GraphML, for Gephi, igraph,
networkx or visone: its statements are the claims and denials linked by a
SOURCE relation to an actor, the actor and the concept named by their spans'
texts (white space trimmed and collapsed). -mode affiliation (the default)
links actors to concepts, an edge per agreement (1 claim, 0 denial) weighted
by the number of statements; congruence links two actors by the number of
concepts on which they agree, conflict by those on which they disagree.
-format edges writes the same statements as CSV, one row each: actor,
concept, agreement, document, start, end, text. Both warn about the claims and
denials left out for want of an actor.
-format csv and edges write a cell that begins with =, +, -, @, a tab or a
carriage return with a ' before it, so that a spreadsheet shows it as text
instead of running it as a formula (CSV injection); -raw writes every cell as
it is.
-format conll writes IOB2 token tags for token-classification training: a
token per line with its tag, a blank line after each example, -DOCSTART-
before each document. Tokens are the words of Unicode segmentation cut at
every span's start and end, so that "Uber’s" with the span "Uber" is the
tokens "Uber" and "’s" and the tags give back every span exactly; an example
is a sentence, or the sentences a span crosses, joined, so that every tag
sequence is valid IOB2. -layer outer (the default) or inner chooses which of
nested spans to tag, and the others are counted in a warning. -align expand,
contract or strict (as spaCy's char_span) keeps words whole instead: expand
widens a span to the words it touches, contract narrows it to the words
inside it, strict refuses a span that does not start and end on word
boundaries, naming it. Every span changed or left out is counted in a
warning by kind (white space at an edge, which no token holds, is one).
-format spacy writes spaCy/Prodigy JSONL ({"text", "meta", "spans": [{"start",
"end", "label", "text"}], "relations": [{"head", "child", "head_span",
"child_span", "label"}]}, offsets in code points, as Python indexes
strings), relations as Prodigy's rel.manual saves them; with -tokens each
line also has Prodigy's "tokens" (the conll format's tokens,
{"text","start","end","id","ws"}), each span its "token_start" and
"token_end" (inclusive) and each relation its "head" and "child" (the last
token of each span); -align as for conll.
-format hf writes the conll tags as Hugging Face token-classification
JSONL, a line per example: {"id", "tokens": [...], "ner_tags": [...]}, each
tag an index into the list of tag names ("O", "B-LABEL", "I-LABEL", …) that
it writes beside -o, in FILE.labels.json (one for all the parts of a
-split), for datasets.ClassLabel(names=...); -layer and -align as for conll.
-format brat writes brat standoff into the folder -o names (made if missing,
refused if not empty): a .txt and an .ann per document, and annotation.conf
declaring the project's labels and link types.`,
}

func runExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	name := fs.String("format", "jsonl", "output format: "+strings.Join(format.WriterNames(), ", "))
	mode := fs.String("mode", "", "network: "+strings.Join(format.NetworkModes, ", ")+" (default "+format.NetworkModes[0]+")")
	offsets := fs.String("offsets", "", with("offsets")+"count offsets in "+strings.Join(format.OffsetUnits, ", ")+" (default "+format.OffsetsCodepoint+")")
	out := fs.String("o", "", "write to this file instead of standard output (brat: to this folder)")
	status := fs.String("status", "", "only documents with this status: todo, in_progress or done")
	labelList := fs.String("labels", "", "only spans with these labels, comma-separated: ACTOR,CLAIM")
	only := fs.String("annotator", "", "only spans by this annotator")
	layer := fs.String("layer", "", with("layer")+"which of nested spans to tag, outer or inner (default outer)")
	tokens := fs.Bool("tokens", false, with("tokens")+"write each document's tokens and each span's token_start and token_end")
	align := fs.String("align", "", "conll, hf, spacy -tokens: fit spans to tokens by "+strings.Join(format.AlignModes, ", ")+" (default "+format.AlignModes[0]+": cut tokens at spans)")
	split := fs.String("split", "", "write train, dev (and test) files beside -o, e.g. 80/10/10")
	seed := fs.Int64("seed", 1, "with -split: the seed that assigns documents to parts")
	raw := fs.Bool("raw", false, with("raw")+"write cells as they are, without the ' before one that begins with =, +, -, @, a tab or a carriage return")
	pos, err := parseFlags(fs, exportCommand, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{"export", "need exactly one PROJECT"}
	}
	f, _ := format.Lookup(*name)
	if *layer != "" {
		if !slices.Contains(format.FormatsWith("layer"), *name) {
			return &usageError{"export", format.GoesWith("layer")}
		}
		*mode = *layer
	}
	if f.Side != "" && *out == "" {
		return &usageError{"export", fmt.Sprintf("-format %s writes a second file beside its output (%s): give -o FILE", *name, format.SidePath("FILE.jsonl", f))}
	}
	var filter format.Filter
	if *status != "" {
		st, err := annotate.ParseStatus(*status)
		if err != nil {
			return &usageError{"export", err.Error()}
		}
		filter.Status = st
	}
	if *labelList != "" {
		for _, l := range strings.Split(*labelList, ",") {
			filter.Labels = append(filter.Labels, strings.TrimSpace(l))
		}
	}
	filter.Annotator = *only
	var parts format.Split
	if *split != "" {
		if parts, err = format.ParseSplit(*split, *seed); err != nil {
			return &usageError{"export", err.Error()}
		}
		if *out == "" {
			return &usageError{"export", "-split writes its parts beside the file -o names: give -o"}
		}
	}
	if *raw && !slices.Contains(format.FormatsWith("raw"), *name) {
		return &usageError{"export", format.GoesWith("raw")}
	}
	if f.Folder && *out == "" {
		return &usageError{"export", fmt.Sprintf("-format %s writes a folder: name it with -o FOLDER", *name)}
	}
	if _, err := format.NewWriter(*name, format.Target{W: io.Discard, Dir: *out, Mode: *mode, Offsets: *offsets, Tokens: *tokens, Align: *align, Raw: *raw}); err != nil {
		return &usageError{"export", err.Error()}
	}
	st, err := openProject(pos[0], true)
	if err != nil {
		return err
	}
	defer st.Close()

	src := filter.Source(format.Source{ForEach: st.ForEachRecord})
	labels, err := st.Labels()
	if err != nil {
		return err
	}
	types, err := st.RelationTypes()
	if err != nil {
		return err
	}
	notes := format.NewExportNotes(*name, *mode) // each part of a split has a writer: counts them all
	opts := format.ExportOptions{Mode: *mode, Offsets: *offsets, Tokens: *tokens, Align: *align, Raw: *raw, Opened: func(w format.Writer) {
		notes.Opened(w)
		if s, ok := w.(format.SchemaSetter); ok {
			var names []string
			for _, l := range labels {
				if len(filter.Labels) == 0 || slices.Contains(filter.Labels, l.Name) {
					names = append(names, l.Name)
				}
			}
			s.SetSchema(names, types)
		}
	}}
	if f.Side != "" {
		opts.SidePath = format.SidePath(*out, f)
	}
	if f.Folder && parts.Percent == nil {
		err = format.ExportDir(context.Background(), *out, *name, opts, src, nil)
	} else if parts.Percent != nil {
		var paths []string
		paths, err = format.ExportSplit(context.Background(), *out, *name, opts, src, parts, nil)
		for i, path := range paths {
			fmt.Fprintf(stdout, "%s: %s\n", format.SplitNames[i], annotate.Printable(path))
		}
	} else if *out == "" {
		err = format.ExportWith(context.Background(), stdout, *name, opts, src, nil)
	} else {
		err = format.ExportFileWith(context.Background(), *out, *name, opts, src, nil)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", pos[0], err)
	}
	for _, note := range notes.Notes() {
		fmt.Fprintf(stderr, "claimdesk: %s\n", note)
	}
	return nil
}

// with prefixes a flag's help with the formats that take it: "csv, edges: ".
func with(flag string) string { return strings.Join(format.FormatsWith(flag), ", ") + ": " }
