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
brings nothing new is skipped with a message. PROJECT records, per coder,
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
	for _, f := range files {
		id, err := collectOne(lead, f, stdout)
		if err != nil {
			refused++
			fmt.Fprintf(stderr, "claimdesk: collect %s: %s; nothing collected from it\n", annotate.Printable(f), errorLine(err))
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

// collectOne collects the package file into lead and reports it on
// stdout; it returns the package's round id when it wrote something.
func collectOne(lead *store.Store, file string, stdout io.Writer) (string, error) {
	pkg, err := openProject(file, true)
	if err != nil {
		return "", err
	}
	defer pkg.Close()
	p, ok, err := pkg.Package()
	if err != nil {
		return "", err
	}
	if !ok {
		return "", errors.New("it is not a round's package (claimdesk assign writes them)")
	}
	rounds, err := lead.Rounds()
	if err != nil {
		return "", err
	}
	i := slices.IndexFunc(rounds, func(r round.Round) bool { return r.ID == p.Round })
	if i < 0 {
		return "", fmt.Errorf("it is %s's package of round %s, which this project did not hand out (it came from %s)",
			p.Coder, round.ShortID(p.Round), p.Lead)
	}
	r := &rounds[i]
	c, ok := r.Coder(p.Coder)
	if !ok {
		return "", fmt.Errorf("round %s has no coder %q", round.ShortID(r.ID), p.Coder)
	}
	given := make(map[string]bool, len(c.Documents))
	for _, id := range c.Documents {
		given[id] = true
	}
	for _, id := range p.Documents {
		if !given[id] {
			return "", fmt.Errorf("it holds document %s, which round %s did not give %s", id, round.ShortID(r.ID), p.Coder)
		}
	}
	labels, err := pkg.Labels()
	if err != nil {
		return "", err
	}
	if err := p.CheckLabels(round.LabelNames(labels)); err != nil {
		return "", err
	}
	total, err := pkg.DocumentCount()
	if err != nil {
		return "", err
	}
	tally := round.NewTally(p.Coder)
	renamed := 0
	recs := make([]annotate.Record, 0, len(p.Documents))
	err = pkg.ForEachRecordOf(p.Documents, func(rec annotate.Record) error {
		renamed += p.Attribute(&rec)
		tally.Add(&rec)
		rec.Document.Status = "" // the lead's document keeps its status
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		return "", err
	}
	res, err := lead.Collect(r.ID, p.Coder, file, recs, tally.Progress)
	name := annotate.Printable(file)
	if errors.Is(err, store.ErrNothingNew) {
		if n := len(c.Returns); n > 0 {
			fmt.Fprintf(stdout, "%s (%s): nothing new since it was collected (%s); skipped\n", name, annotate.Printable(p.Coder),
				c.Returns[n-1].At.Local().Format("2006-01-02 15:04"))
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
		plural(res.Concepts, "new concept"), len(tally.Progress.Done), plural(len(c.Documents), "document"))
	if renamed > 0 {
		fmt.Fprintf(stdout, "  %s made under another name than %s counted as %s's\n", plural(renamed, "span"), annotate.Printable(p.Coder), annotate.Printable(p.Coder))
	}
	if extra := total - len(p.Documents); extra > 0 {
		fmt.Fprintf(stdout, "  left out %s the round did not give %s\n", plural(extra, "document"), annotate.Printable(p.Coder))
	}
	if len(res.NewLabels) > 0 {
		fmt.Fprintf(stdout, "  added labels %s to the project\n", annotate.Printable(strings.Join(res.NewLabels, ", ")))
	}
	return r.ID, nil
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
		return lead.ForEachRecordOf(r.Sample, func(rec annotate.Record) error {
			return fn(round.SampleDoc{ID: rec.Document.ID, Title: rec.Document.Title, Text: rec.Document.Text, Spans: rec.Spans})
		})
	})
}
