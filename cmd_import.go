package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/store"
)

var importCommand = command{
	name:  "import",
	usage: "import [-annotator NAME] [-again] [-answers accept|all] PROJECT FILE...",
	help: `Import articles (.txt, .md, .html, .htm, .docx) and annotations (.jsonl:
Claimdesk, doccano, spaCy/Prodigy or {"text": ...} lines; .json: Label
Studio; .ann: brat standoff, with its text in the .txt file beside it) into
PROJECT, creating it if missing. A FILE that is a folder imports every file
below it of those types, in name order (hidden files left out, others
counted), as one. Text files in UTF-16 (with a byte order mark) or
Windows-1252 are converted, and the import says so. A .jsonl or .json file
may hold its records one a line, pretty-printed one after another, or in
one JSON array (a Label Studio task alone too). Each FILE imports whole or
not at all: a failed import leaves PROJECT as it was, byte for byte (one
that was missing is not created). The project remembers each file it took
(the SHA-256 of its bytes, when, and the -annotator who imported it): the
same file again is left out, saying when and by whom it was imported,
unless -again. Records already in the project add nothing new either way.
What a file holds that Claimdesk does not keep (brat attributes and events,
Label Studio image rectangles and choices, spaCy text categories, …) is
counted by kind in a note. Labels outside the project's label set are added
to it.

Prodigy lines answered "reject" or "ignore" are left out and counted in a
notice; -answers all imports them too. Prodigy's relations ("relations":
[{"head_span", "child_span", "label", ...}]) import between the line's spans
whose offsets and label they give; a relation between tokens that are not
spans is left out and counted.

` + importLimitsHelp,
}

// importMemoryLimit is import's soft limit on the Go heap
// (debug.SetMemoryLimit) when GOMEMLIMIT is not set.
const importMemoryLimit = 384 << 20

func runImport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	annotator := fs.String("annotator", defaultAnnotator(), "who made spans that arrive without an annotator (default: $CLAIMDESK_ANNOTATOR, else the OS user name)")
	again := fs.Bool("again", false, "import files the project took before anyway (and record them again)")
	limits := limitFlags(fs)
	answers := fs.String("answers", format.AnswerModes[0], "Prodigy lines to import: accept (answered accept, or without an answer) or all")
	pos, err := parseFlags(fs, importCommand, args, stdout)
	if err != nil {
		return err
	}
	if !slices.Contains(format.AnswerModes, *answers) {
		return &usageError{"import", fmt.Sprintf("-answers %q: want accept or all", *answers)}
	}
	opts := format.ImportOptions{Annotator: *annotator, Again: *again, AllAnswers: *answers == "all"}
	if len(pos) < 2 {
		return &usageError{"import", "need a PROJECT and at least one FILE"}
	}
	// An import allocates fast and keeps little: collecting garbage at
	// twice the live heap instead of Go's default of once made a 32 MB
	// import about 8% faster for about 27 MiB more at its peak (README,
	// benchmarks). The GOGC variable still wins; the setting ends with
	// the command (tests run many in one process).
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(200))
	}
	// A page, a Word file or a text is read whole (within -max-text):
	// a 48 MB web page holds about 270 MiB live at its peak (the page's
	// tree, go-readability's copy of it, the text). A soft limit on the
	// heap makes the collector run earlier there rather than let the heap
	// grow to three times that (a peak RSS of 0.64 GB without it, 0.41 GB
	// with it; README, benchmarks). Streamed imports stay far below it.
	// GOMEMLIMIT still wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	}
	// When no file can be imported, say so without creating the project.
	var errs []error
	for _, file := range pos[1:] {
		if err := format.CheckFile(file); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) == len(pos)-1 {
		if len(errs) == 1 {
			return errs[0]
		}
		for _, err := range errs {
			fmt.Fprintf(stderr, "claimdesk: %s\n", errorLine(err))
		}
		return fmt.Errorf("none of the %d files can be imported (nothing was stored)", len(errs))
	}
	// A new project is made in a hidden file and appears at PROJECT
	// when something was imported (store.CreateNew): an import that
	// fails or is killed leaves no project with no documents.
	var st *store.Store
	if _, statErr := os.Lstat(pos[0]); errors.Is(statErr, os.ErrNotExist) {
		st, err = store.CreateNew(pos[0])
	} else {
		st, err = openProject(pos[0], false)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	autoBackup(st, stderr)

	files := pos[1:]
	failed, seen := 0, 0
	for _, file := range files {
		res, err := importFile(format.WithLimits(context.Background(), *limits), st, file, opts, stderr)
		if err != nil {
			failed++
			if len(files) == 1 {
				return err
			}
			fmt.Fprintf(stderr, "claimdesk: %s\n", errorLine(err))
			continue
		}
		fmt.Fprintf(stdout, "%s: %s\n", annotate.Printable(file), res.String())
		seen += len(res.Seen)
		if err := st.Publish(); err != nil {
			return err
		}
	}
	if seen > 0 {
		fmt.Fprintf(stderr, "claimdesk: left out %s the project took before (import -again imports them anyway)\n", plural(seen, "file"))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files were not imported (nothing of those was stored)", failed, len(files))
	}
	return nil
}

// The store remembers the files it took (format.FileLog).
var _ format.FileLog = (*store.Store)(nil)

// importFile imports one file, or a folder's files (format.ImportFile), all
// of it or nothing: the store's ImportStream, committed in batches of
// records under a pending import that becomes visible at the end, so that
// memory stays bounded whatever the size. A progress bar shows on a
// terminal when there is more than 4 MiB to read. ctx carries the readers'
// limits (format.WithLimits).
func importFile(ctx context.Context, st *store.Store, file string, opts format.ImportOptions, stderr io.Writer) (annotate.ImportResult, error) {
	var bar *progressbar.ProgressBar
	var progress func(done, total int64)
	if isTerminal(stderr) {
		progress = func(done, total int64) {
			if total <= 4<<20 {
				return
			}
			if bar == nil {
				bar = progressbar.NewOptions64(total,
					progressbar.OptionSetWriter(stderr),
					progressbar.OptionSetDescription(annotate.Printable(filepath.Base(file))),
					progressbar.OptionShowBytes(true),
					progressbar.OptionClearOnFinish(),
					progressbar.OptionThrottle(100_000_000))
			}
			bar.Set64(done)
		}
	}
	opts.Progress = progress
	res, err := format.ImportFileWith(ctx, st, file, opts)
	if bar != nil {
		bar.Finish()
	}
	return res, err
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
