package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/annotate/suggest"
	"claimdesk/store"
)

var schemaCommand = command{
	name:  "schema",
	usage: "schema PROJECT [-o FILE | -import FILE]",
	help: `Write the project's schema, its span labels (name, display name, colour,
key, underline style, codebook definition and example) and relation types,
as JSON to standard output, or to FILE with -o: a team shares one schema
file, {"version": 1, "labels": [...], "relations": [...]}, with "suggest": {...},
the attribution suggester's rules, when the project has its own (see
claimdesk suggest -h; a file without it gives the project the defaults).

-import FILE replaces the project's schema with the file's. Renames are not
inferred: a label missing from the file is a label removed, and removing a
label that spans carry is refused with their count, the project unchanged
(keep the label in the file, or rename or delete it in Settings → Labels
first). Relation types that stored links or actors need are refused too.
A PROJECT that does not exist yet is created with the file's schema.`,
}

func runSchema(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	out := fs.String("o", "", "write the schema to this file instead of standard output")
	in := fs.String("import", "", "replace the project's schema with this file's")
	pos, err := parseFlags(fs, schemaCommand, args, stdout)
	if err != nil {
		return err
	}
	switch {
	case len(pos) != 1:
		return &usageError{"schema", "need exactly one PROJECT"}
	case *out != "" && *in != "":
		return &usageError{"schema", "-o and -import do not go together"}
	case *in != "":
		return importSchema(pos[0], *in, stdout)
	}
	return exportSchema(pos[0], *out, stdout)
}

// exportSchema writes the schema of the project to the file out, or to
// stdout when out is "".
func exportSchema(project, out string, stdout io.Writer) error {
	st, err := openProject(project, true)
	if err != nil {
		return err
	}
	defer st.Close()
	sc, err := st.Schema()
	if err != nil {
		return err
	}
	data, err := json.MarshalIndent(sc, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the schema of %s: %w", project, err)
	}
	data = append(data, '\n')
	if out == "" {
		_, err := stdout.Write(data)
		return err
	}
	return format.WriteFileAtomic(out, data)
}

// importSchema replaces the schema of the project with the file in's.
func importSchema(project, in string, stdout io.Writer) error {
	// A schema is a few kilobytes; a FIFO or /dev/zero named here must
	// neither hang nor fill the memory.
	data, err := format.ReadRegularFile(in, 16<<20, "the schema file")
	if err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	sc, err := annotate.ParseSchema(in, data)
	if err != nil {
		return err
	}
	if _, err := suggest.RulesOf(sc.Suggest); err != nil {
		return fmt.Errorf("%s: %w; %s is unchanged", in, err, project)
	}
	st, err := openProject(project, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.SetSchema(sc); err != nil {
		if errors.Is(err, store.ErrLabelInUse) {
			return fmt.Errorf("%s: %w; renames are not inferred from a schema file; %s is unchanged", in, err, project)
		}
		return fmt.Errorf("%s: %w; %s is unchanged", in, err, project)
	}
	rules := ""
	if len(sc.Suggest) > 0 {
		rules = ", suggester rules of its own"
	}
	fmt.Fprintf(stdout, "%s: schema of %s: %s, %s%s\n", annotate.Printable(project), annotate.Printable(in), plural(len(sc.Labels), "label"), plural(len(sc.Relations), "relation type"), rules)
	return nil
}
