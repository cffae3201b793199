package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/store"
)

var exportCommand = command{
	name:  "export",
	usage: "export PROJECT [-format jsonl|doccano|csv] [-o FILE]",
	help: `Write the project's documents and spans to standard output, or to FILE
with -o (written to a temporary file and renamed, so no reader sees half an
export). Offsets are Unicode code points, end exclusive.`,
}

// recordWriter is what every export format provides.
type recordWriter interface {
	Write(annotate.Record) error
	Flush() error
}

func newRecordWriter(name string, w io.Writer) (recordWriter, error) {
	switch name {
	case "jsonl":
		return format.NewJSONLWriter(w), nil
	case "doccano":
		return format.NewDoccanoWriter(w), nil
	case "csv":
		return format.NewCSVWriter(w), nil
	}
	return nil, &usageError{"export", fmt.Sprintf("unknown format %q (want jsonl, doccano or csv)", name)}
}

func runExport(args []string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	format := fs.String("format", "jsonl", "output format: jsonl, doccano or csv")
	out := fs.String("o", "", "write to this file instead of standard output")
	pos, err := parseFlags(fs, exportCommand, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{"export", "need exactly one PROJECT"}
	}
	if _, err := newRecordWriter(*format, io.Discard); err != nil {
		return err
	}
	st, err := openProject(pos[0], true)
	if err != nil {
		return err
	}
	defer st.Close()

	if *out == "" {
		if err := writeExport(st, *format, stdout); err != nil {
			return fmt.Errorf("export %s: %w", pos[0], err)
		}
		return nil
	}

	tmp, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export to %s: %w", *out, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := writeExport(st, *format, tmp); err != nil {
		return fmt.Errorf("export %s to %s: %w", pos[0], *out, err)
	}
	for _, step := range []func() error{tmp.Sync, tmp.Close,
		func() error { return os.Chmod(tmp.Name(), 0o644) },
		func() error { return os.Rename(tmp.Name(), *out) }} {
		if err = step(); err != nil {
			return fmt.Errorf("export to %s: %w", *out, err)
		}
	}
	return nil
}

// writeExport streams every record of the project to w in format, in one
// read transaction; the format's writer buffers and flushes.
func writeExport(st *store.Store, name string, w io.Writer) error {
	rw, err := newRecordWriter(name, w)
	if err != nil {
		return err
	}
	if err := st.ForEachRecord(rw.Write); err != nil {
		return err
	}
	return rw.Flush()
}
