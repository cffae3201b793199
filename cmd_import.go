package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/store"
)

var importCommand = command{
	name:  "import",
	usage: "import [-annotator NAME] PROJECT FILE...",
	help: `Import articles (.txt, .md, .html) and annotations (.jsonl: Claimdesk,
doccano, spaCy/Prodigy or {"text": ...} lines) into PROJECT, creating it if
missing. Each file imports whole or not at all; importing a file again adds
nothing new. Labels outside the project's label set are added to it.`,
}

func runImport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	annotator := fs.String("annotator", defaultAnnotator(), "who made spans that arrive without an annotator (default: $CLAIMDESK_ANNOTATOR, else the OS user name)")
	pos, err := parseFlags(fs, importCommand, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return &usageError{"import", "need a PROJECT and at least one FILE"}
	}
	st, err := openProject(pos[0], false)
	if err != nil {
		return err
	}
	defer st.Close()

	files := pos[1:]
	failed := 0
	for _, file := range files {
		res, err := importFile(st, file, *annotator, stderr)
		if err != nil {
			if len(files) == 1 {
				return err
			}
			failed++
			fmt.Fprintf(stderr, "claimdesk: %v\n", err)
			continue
		}
		fmt.Fprintf(stdout, "%s: %s\n", file, describeImport(res))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files were not imported (nothing of those was stored)", failed, len(files))
	}
	return nil
}

// importFile reads one file and imports it in one transaction.
func importFile(st *store.Store, file, annotator string, stderr io.Writer) (annotate.ImportResult, error) {
	records, lines, err := readImportFile(file, stderr)
	if err != nil {
		return annotate.ImportResult{}, err
	}
	res, err := st.Import(records, annotator)
	var re *annotate.RecordError
	if errors.As(err, &re) && lines != nil && re.Index < len(lines) {
		return res, &annotate.LineError{File: file, Line: lines[re.Index], Err: re.Err}
	}
	if err != nil {
		return res, fmt.Errorf("import %s: %w", file, err)
	}
	return res, nil
}

// readImportFile parses a file into records, and for JSONL the line each
// record came from. JSONL is streamed, with a progress bar on a terminal
// for large files.
func readImportFile(file string, stderr io.Writer) ([]annotate.Record, []int, error) {
	if !strings.EqualFold(filepath.Ext(file), ".jsonl") {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, nil, fmt.Errorf("read %w", err)
		}
		recs, err := format.ReadFile(file, data)
		return recs, nil, err
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, fmt.Errorf("read %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if info, err := f.Stat(); err == nil && info.Size() > 4<<20 && isTerminal(stderr) {
		bar := progressbar.NewOptions64(info.Size(),
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription(filepath.Base(file)),
			progressbar.OptionShowBytes(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100_000_000))
		pr := progressbar.NewReader(f, bar)
		r = &pr
		defer bar.Finish()
	}
	jr := format.NewJSONLReader(r, file)
	var records []annotate.Record
	var lines []int
	for {
		rec, err := jr.Next()
		if errors.Is(err, io.EOF) {
			return records, lines, nil
		}
		if err != nil {
			return nil, nil, err
		}
		records = append(records, rec)
		lines = append(lines, jr.Line())
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func describeImport(res annotate.ImportResult) string {
	s := fmt.Sprintf("%s, %s", plural(res.Documents, "new document"), plural(res.Spans, "new span"))
	if res.Relations > 0 {
		s += ", " + plural(res.Relations, "new relation")
	}
	if res.Skipped > 0 {
		s += fmt.Sprintf(" (%s already in the project)", plural(res.Skipped, "document"))
	}
	if len(res.NewLabels) > 0 {
		s += fmt.Sprintf("; added labels %s to the project", strings.Join(res.NewLabels, ", "))
	}
	return s
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
