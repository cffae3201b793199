package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"claimdesk/store"

	"github.com/schollz/progressbar/v3"

	"claimdesk/annotate"
)

var checkCommand = command{
	name:  "check",
	usage: "check PROJECT",
	help: `Check the project file: the consistency of its pages and every rule of
the project (texts match their hashes, spans lie inside their texts and
carry known labels, no two spans of a document share offsets, label and
annotator, the label set has no repeated names or keys and valid colours,
relations point at spans, the counts stats reads are right, a coding
round gives each coder documents the project has with the whole sample
among them, a package's round record lists documents it has). The file is
opened read-only. On a terminal, a progress bar counts the documents checked.`,
}

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	pos, err := parseFlags(fs, checkCommand, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{"check", "need exactly one PROJECT"}
	}
	st, err := openProject(pos[0], true)
	if errors.Is(err, store.ErrDamaged) {
		return reportDamage(pos[0], err, stdout)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	var bar *progressbar.ProgressBar
	var progress func(done, total int)
	if isTerminal(stderr) {
		progress = func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total,
					progressbar.OptionSetWriter(stderr),
					progressbar.OptionSetDescription("checking"),
					progressbar.OptionShowCount(),
					progressbar.OptionClearOnFinish(),
					progressbar.OptionThrottle(100_000_000))
			}
			bar.Set(done)
		}
	}
	err = st.CheckProgress(progress)
	if bar != nil {
		bar.Finish()
	}
	if errors.Is(err, store.ErrDamaged) {
		return reportDamage(pos[0], err, stdout)
	}
	if err != nil {
		var n int
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range joined.Unwrap() {
				fmt.Fprintf(stdout, "problem: %s\n", annotate.Printable(e.Error()))
				n++
			}
		} else {
			fmt.Fprintf(stdout, "problem: %s\n", annotate.Printable(err.Error()))
			n = 1
		}
		return fmt.Errorf("check %s: %s found", pos[0], plural(n, "problem"))
	}
	s, err := st.Stats()
	if err != nil {
		return fmt.Errorf("check %s: %w", pos[0], err)
	}
	fmt.Fprintf(stdout, "%s: ok (%s, %s)\n", pos[0], plural(s.Documents, "document"), plural(s.Spans, "span"))
	return nil
}

// reportDamage prints the problems of a damaged project file (the
// structure of its pages, which bbolt cannot read past) and returns
// check's error.
func reportDamage(project string, err error, stdout io.Writer) error {
	problems := store.DamageProblems(err)
	for _, p := range problems {
		fmt.Fprintf(stdout, "problem: %s\n", p)
	}
	return fmt.Errorf("check %s: %s found; the file is damaged, and the rest of it cannot be read safely (claimdesk backups %s lists its backups)", project, plural(len(problems), "problem"), project)
}
