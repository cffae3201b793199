package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"claimdesk/annotate"
	"claimdesk/annotate/round"
	"claimdesk/store"
)

var collectCommand = command{
	name:  "collect",
	usage: "collect PROJECT DIR|FILE...",
	help: `Bring coders' packages (written by "claimdesk assign") back into PROJECT.
A DIR stands for the *.claimdesk files in it. Each package is opened
read-only, and collected in one transaction: all of it, or nothing.

A coder's spans, links, actors and concepts arrive under the coder's name
(a span the package made under another name is counted, and becomes the
coder's); spans that travelled with -with-spans and are unchanged are
there already. What PROJECT has already is skipped, so a package
collected again after more work adds only what is new, and one that
brings nothing new is skipped with a message. A span collected before
that the package no longer has (the coder deleted or changed it) stays in
PROJECT, and collect counts it. PROJECT records, per coder,
each collect that brought something (when, from which file, what), and
the coder's progress (documents done, spans, last change), which
"claimdesk status" shows.

Refused, with a message, and nothing taken from it: a package of another
round or project, of a coder the round does not have, with documents the
coder was not given, whose labels are not the round's (a coder renamed
one: name it back in the package and collect again), or a damaged file.
The other packages are still collected; the exit status is 1 when one
was refused. After the packages, the agreement of the overlap sample is
measured again (see "claimdesk status").`,
}

func runCollect(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("collect", flag.ContinueOnError)
	pos, err := parseFlags(fs, collectCommand, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return &usageError{"collect", "need PROJECT and at least one package (DIR or FILE)"}
	}
	files, err := packageFiles(pos[1:])
	if err != nil {
		return err
	}
	lead, err := openProject(pos[0], false)
	if err != nil {
		return err
	}
	defer lead.Close()
	refused := 0
	touched := map[string]bool{}
	// The next package is opened and checked while the one before is
	// collected (its records are read by its own transaction, as they
	// are imported); not more than one ahead, as each holds a file open.
	ready := make(chan *collected)
	go func() {
		defer close(ready)
		for _, f := range files {
			ready <- readPackage(lead, f)
		}
	}()
	for c := range ready {
		id, err := c.collect(lead, stdout)
		if err != nil {
			refused++
			fmt.Fprintf(stderr, "claimdesk: collect %s: %s; nothing collected from it\n", annotate.Printable(c.file), errorLine(err))
			continue
		}
		if id != "" {
			touched[id] = true
		}
	}
	for id := range touched {
		if err := measureRound(lead, id); err != nil {
			return fmt.Errorf("measure the agreement of round %s in %s: %w", round.ShortID(id), pos[0], err)
		}
	}
	if refused > 0 {
		return fmt.Errorf("%s of %d not collected (see above)", plural(refused, "package"), len(files))
	}
	return nil
}

// packageFiles expands the arguments: a folder stands for its *.claimdesk
// files, sorted.
func packageFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil || !info.IsDir() {
			out = append(out, a) // opening it gives the error
			continue
		}
		found, err := filepath.Glob(filepath.Join(escapeGlobName(a), "*.claimdesk"))
		if err != nil {
			return nil, fmt.Errorf("collect %s: %w", a, err)
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("collect %s: the folder holds no .claimdesk file", a)
		}
		slices.Sort(found)
		out = append(out, found...)
	}
	return out, nil
}

// escapeGlobName escapes the glob characters of a folder's name.
func escapeGlobName(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}

// collected is a package read for collect: what its lead's project is
// to take from it, or why it takes nothing (err).
type collected struct {
	file    string
	err     error
	pkg     round.Package
	round   string       // the round's id
	coder   round.Coder  // as the round recorded them when the package was read
	pkgFile *store.Store // the package, open read-only until it is collected (records)
	tally   *round.Tally
	renamed int // spans made under another name than the coder's
	extra   int // documents of the package the round did not give
}

// readPackage reads the package file for collect into lead: it checks
// that it is a package of one of lead's rounds, of one of its coders, with
// the documents and labels the round gave. It opens the file read-only,
// and leaves it open for collect, which reads its records (records) as
// its transaction imports them: a package is never in memory whole.
func readPackage(lead *store.Store, file string) (c *collected) {
	c = &collected{file: file}
	defer func() {
		if r := recover(); r != nil { // run's own recover is on another goroutine
			c.err = fmt.Errorf("internal error: %s (please report this)", annotate.Printable(fmt.Sprint(r)))
		}
		if c.err != nil && c.pkgFile != nil {
			c.pkgFile.Close()
			c.pkgFile = nil
		}
	}()
	c.err = c.read(lead)
	return c
}

func (c *collected) read(lead *store.Store) error {
	pkg, err := openProject(c.file, true)
	if err != nil {
		return err
	}
	c.pkgFile = pkg
	p, ok, err := pkg.Package()
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("it is not a round's package (claimdesk assign writes them)")
	}
	c.pkg = p
	rounds, err := lead.Rounds()
	if err != nil {
		return err
	}
	i := slices.IndexFunc(rounds, func(r round.Round) bool { return r.ID == p.Round })
	if i < 0 {
		return fmt.Errorf("it is %s's package of round %s, which this project did not hand out (it came from %s)",
			p.Coder, round.ShortID(p.Round), p.Lead)
	}
	r := &rounds[i]
	coder, ok := r.Coder(p.Coder)
	if !ok {
		return fmt.Errorf("round %s has no coder %q", round.ShortID(r.ID), p.Coder)
	}
	c.round, c.coder = r.ID, *coder
	given := make(map[string]bool, len(coder.Documents))
	for _, id := range coder.Documents {
		given[id] = true
	}
	for _, id := range p.Documents {
		if !given[id] {
			return fmt.Errorf("it holds document %s, which round %s did not give %s", id, round.ShortID(r.ID), p.Coder)
		}
	}
	labels, err := pkg.Labels()
	if err != nil {
		return err
	}
	if err := p.CheckLabels(round.LabelNames(labels)); err != nil {
		return err
	}
	total, err := pkg.DocumentCount()
	if err != nil {
		return err
	}
	c.extra = total - len(p.Documents)
	c.tally = round.NewTally(p.Coder)
	return nil
}

// records calls fn with each of the package's records, as
// round.Package.Attribute makes them, counting them (tally, renamed)
// anew at each call (store.CollectStream).
func (c *collected) records(fn func(*annotate.Record) error) error {
	p := &c.pkg
	c.tally, c.renamed = round.NewTally(p.Coder), 0
	return c.pkgFile.ForEachRecordOf(p.Documents, func(rec annotate.Record) error {
		c.renamed += p.Attribute(&rec)
		c.tally.Add(&rec)
		rec.Document.Status = "" // the lead's document keeps its status
		return fn(&rec)
	})
}

// collect collects the package read into lead, in one transaction, and
// reports it on stdout; it returns the package's round id when it wrote
// something.
func (c *collected) collect(lead *store.Store, stdout io.Writer) (string, error) {
	if c.err != nil {
		return "", c.err
	}
	defer c.pkgFile.Close()
	p := &c.pkg
	res, err := lead.CollectStream(c.round, p.Coder, c.file, c.records, func() round.Progress { return c.tally.Progress })
	name := annotate.Printable(c.file)
	if errors.Is(err, store.ErrNothingNew) {
		if n := len(c.coder.Returns); n > 0 {
			fmt.Fprintf(stdout, "%s (%s): nothing new since it was collected (%s); skipped\n", name, annotate.Printable(p.Coder),
				c.coder.Returns[n-1].At.Local().Format("2006-01-02 15:04"))
		} else {
			fmt.Fprintf(stdout, "%s (%s): nothing coded yet; skipped\n", name, annotate.Printable(p.Coder))
		}
		return "", nil
	}
	if err != nil {
		return "", err
	}
	fmt.Fprintf(stdout, "%s (%s): %s, %s, %s, %s; %d of %s done\n", name, annotate.Printable(p.Coder),
		plural(res.Spans, "new span"), plural(res.Relations, "new link"), plural(res.Entities, "new actor"),
		plural(res.Concepts, "new concept"), len(c.tally.Progress.Done), plural(len(c.coder.Documents), "document"))
	if gone := c.coder.Progress.Spans + res.Spans - c.tally.Progress.Spans; c.coder.Returned() && gone > 0 {
		fmt.Fprintf(stdout, "  %s of %s's collected before %s no longer in the package (deleted or changed there): kept in the project\n",
			plural(gone, "span"), annotate.Printable(p.Coder), map[bool]string{true: "is", false: "are"}[gone == 1])
	}
	if c.renamed > 0 {
		fmt.Fprintf(stdout, "  %s made under another name than %s counted as %s's\n", plural(c.renamed, "span"), annotate.Printable(p.Coder), annotate.Printable(p.Coder))
	}
	if c.extra > 0 {
		fmt.Fprintf(stdout, "  left out %s the round did not give %s\n", plural(c.extra, "document"), annotate.Printable(p.Coder))
	}
	if len(res.NewLabels) > 0 {
		fmt.Fprintf(stdout, "  added labels %s to the project\n", annotate.Printable(strings.Join(res.NewLabels, ", ")))
	}
	return c.round, nil
}

// measureRound measures the agreement of round id's sample in lead and
// records it there.
func measureRound(lead *store.Store, id string) error {
	rounds, err := lead.Rounds()
	if err != nil {
		return err
	}
	r, err := round.Find(rounds, id)
	if err != nil {
		return err
	}
	a, err := measureSample(lead, r)
	if err != nil {
		return err
	}
	return lead.SetAgreement(r.ID, a)
}

// measureSample measures the agreement of r's sample from lead's spans.
func measureSample(lead *store.Store, r *round.Round) (*round.Agreement, error) {
	return r.Measure(context.Background(), func(fn func(round.SampleDoc) error) error {
		return lead.ForEachSpansOf(r.Sample, func(d annotate.Document, spans []annotate.Span) error {
			return fn(round.SampleDoc{ID: d.ID, Title: d.Title, Text: d.Text, Spans: spans})
		})
	})
}
