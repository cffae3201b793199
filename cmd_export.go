package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"claimdesk/annotate/format"
)

var exportCommand = command{
	name:  "export",
	usage: "export PROJECT [-format " + strings.Join(format.WriterNames(), "|") + "] [-o FILE]",
	help: `Write the project's documents and spans to standard output, or to FILE
with -o (written to a temporary file and renamed, so no reader sees half an
export). Offsets are Unicode code points, end exclusive.`,
}

func runExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	name := fs.String("format", "jsonl", "output format: "+strings.Join(format.WriterNames(), ", "))
	out := fs.String("o", "", "write to this file instead of standard output")
	pos, err := parseFlags(fs, exportCommand, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{"export", "need exactly one PROJECT"}
	}
	if _, err := format.NewWriter(*name, format.Target{W: io.Discard}); err != nil {
		return &usageError{"export", err.Error()}
	}
	st, err := openProject(pos[0], true)
	if err != nil {
		return err
	}
	defer st.Close()

	src := format.Source{ForEach: st.ForEachRecord}
	if *out == "" {
		err = format.Export(context.Background(), stdout, *name, src, nil)
	} else {
		err = format.ExportFile(context.Background(), *out, *name, src, nil)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", pos[0], err)
	}
	return nil
}
