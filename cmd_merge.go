package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/store"
)

var mergeCommand = command{
	name:  "merge",
	usage: "merge -o GOLD FILE FILE... [-strategy majority|union|intersection]\n       claimdesk merge PROJECT -annotators A,B[,...]|-round ID|latest -as NAME|-o GOLD [-strategy ...] [-single take|skip]",
	help: `Adjudicate two or more files into a gold standard: write the NEW project
GOLD (refused if GOLD exists) holding the documents present in every FILE
(matched by id, else by text; a document with another text is another
document; the others are counted as skipped) and the spans, links, actors
and concepts the strategy keeps. Each FILE is a project (opened
read-only, or read from a copy when a Claimdesk window holds it) or an
export import reads (.jsonl, …).

A span is the same in two files when it has the same start, end and label.
-strategy majority keeps the spans of more than half of the files, union
those of any file, intersection those of every file. A link (the same
type, between spans with the same start, end and label) is kept when both
of its ends are kept and as many files have it as the strategy asks for
spans; the actor (entity) or concept named on a kept span is kept when as
many files name it, matched by name. What is left out is counted. A kept
span has, as its annotator, the annotators of the files' spans joined by
"+" ("ana+bo"; never a file's name: a span whose files name nobody is
counted), lists them in "annotators" in an export, and keeps the id,
times and note of the first file's span. A gold document is the first
file's document, with status todo (in_progress once it has spans). GOLD
has the labels and link types of the first FILE when it is a project. Its
network export is the network the files agree on. GOLD is written under
a temporary name, and appears only when complete.

With -annotators, merge adjudicates the annotators of ONE project (a
lab's round collected into it) by the same rules, each annotator's spans,
links, actors and concepts taken as if they were a file. Which documents
an annotator coded is the project's rule, the one the window's Compare
annotators… and agree -round follow: when the project handed out rounds
(claimdesk assign), a coder coded a document handed to them that their
package, as last collected, marks done or has a span of theirs in (done
without a span: "nothing to code here", an empty coding that disagrees
with a colleague's spans); one handed to them but not begun, or whose
package is not collected, is left out of it (spans of theirs there are
counted); spans of theirs in a document the rounds did not hand to them
are left out, counted. An annotator of no round (or any annotator of a
project without rounds) coded the documents they have a span in. How
many documents were merged from fewer than the annotators handed them is
said; documents none of them coded are skipped. -round ID (or latest)
merges the coders of that round whose package was collected, by that
round's assignment, and says how much of the overlap sample was merged.
A document only one annotator coded (in a round, each coder's own share)
is taken as they coded it (every strategy keeps one set's spans whole);
-single skip leaves such documents out, for a gold layer of the
doubly-coded documents only. -as NAME writes the gold layer into PROJECT
under the annotator NAME, in one transaction, each span crediting who
made it in "annotators"; NAME must be new there, and no coder of its
rounds. -o GOLD writes a new
project instead, as merge across files does (PROJECT is then read as a
FILE is: from a copy when a window holds it, or an export; -round needs
the project).`,
}

func runMerge(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	out := fs.String("o", "", "the gold project to create (required; must not exist)")
	strategyName := fs.String("strategy", string(review.Majority), "which spans to keep: majority, union or intersection")
	annotators := fs.String("annotators", "", "merge these annotators of one PROJECT (comma-separated)")
	as := fs.String("as", "", "with -annotators or -round: the annotator name of the gold layer written into PROJECT")
	roundID := fs.String("round", "", "merge the coders of this round of PROJECT (its id, the end of it, or latest)")
	single := fs.String("single", "take", "with -annotators or -round, documents one annotator coded: take (as they coded them) or skip")
	pos, err := parseFlags(fs, mergeCommand, args, stdout)
	if err != nil {
		return err
	}
	if *annotators != "" || *as != "" || *roundID != "" {
		return mergeLayers(pos, *annotators, *roundID, *as, *out, *strategyName, *single, stdout, stderr)
	}
	if *single != "take" {
		return &usageError{"merge", "-single needs -annotators or -round (the annotators of one PROJECT)"}
	}
	if *out == "" {
		return &usageError{"merge", "need -o GOLD, the project to create"}
	}
	if len(pos) < 2 {
		return &usageError{"merge", "need at least two FILEs"}
	}
	strategy, err := review.ParseStrategy(*strategyName)
	if err != nil {
		return &usageError{"merge", err.Error()}
	}
	if err := refuseExisting(*out); err != nil {
		return err
	}
	srcs, err := openSources(pos, stderr)
	if err != nil {
		return err
	}
	defer closeSources(srcs)
	names, err := setNames(srcs)
	if err != nil {
		return err
	}
	recs, counts, skipped, err := mergeRecords(srcs, names, strategy)
	if err != nil {
		return err
	}
	var schema *annotate.Schema
	if srcs[0].st != nil {
		sc, err := srcs[0].st.Schema()
		if err != nil {
			return fmt.Errorf("read the schema of %s: %w", srcs[0].path, err)
		}
		schema = &sc
	}
	res, err := writeGold(*out, schema, recs)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %s, %s, %s, %s, %s (%s of %s)\n", annotate.Printable(*out), plural(res.Documents, "document"),
		plural(res.Spans, "span"), plural(res.Relations, "link"), plural(res.Entities, "actor"),
		plural(res.Concepts, "concept"), strategy, annotate.Printable(joinNames(names)))
	if counts.RelationsLeft > 0 {
		fmt.Fprintf(stdout, "left out %s: in too few files, or an end not kept\n", plural(counts.RelationsLeft, "link"))
	}
	if counts.NamesLeft > 0 {
		fmt.Fprintf(stdout, "left out the actor or concept of %s: not named alike in enough files\n", plural(counts.NamesLeft, "span"))
	}
	if counts.Unnamed > 0 {
		fmt.Fprintf(stdout, "%s credited to nobody: no file names their annotator\n", plural(counts.Unnamed, "kept span"))
	}
	if counts.NameConflicts > 0 {
		fmt.Fprintf(stdout, "%s named differently in enough files: the most common name was kept\n", plural(counts.NameConflicts, "span"))
	}
	for i, s := range srcs {
		if skipped[i] > 0 {
			fmt.Fprintf(stdout, "skipped %s of %s, not in every file\n", plural(skipped[i], "document"), annotate.Printable(s.path))
		}
	}
	return nil
}

// refuseExisting returns an error when something exists at path.
func refuseExisting(path string) error {
	_, err := os.Lstat(path)
	switch {
	case err == nil:
		return fmt.Errorf("merge into %s: it exists; merge writes a new project (remove it, or name another)", path)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("merge into %s: %w", path, err)
	}
	return nil
}

// setNames names each source for review.Merge: its spans' one annotator,
// else (no spans, or several annotators) its base name; names that two
// sources would share become their paths. The same path given twice is an
// error.
func setNames(srcs []*source) ([]string, error) {
	names := make([]string, len(srcs))
	for i, s := range srcs {
		for _, t := range srcs[:i] {
			if filepath.Clean(t.path) == filepath.Clean(s.path) {
				return nil, &usageError{"merge", fmt.Sprintf("%s is given twice", s.path)}
			}
		}
		ann, err := s.annotators()
		if err != nil {
			return nil, err
		}
		if len(ann) == 1 && ann[0] != "" {
			names[i] = ann[0]
		} else {
			names[i] = filepath.Base(s.path)
		}
	}
	count := map[string]int{}
	for _, n := range names {
		count[n]++
	}
	for i, s := range srcs {
		if count[names[i]] > 1 {
			names[i] = s.path
		}
	}
	return names, nil
}

// joinNames joins names as "ana, bo and cy".
func joinNames(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// mergeRecords returns, for the documents present in every source
// (inEveryFile), the gold records review.MergeRecord makes of them: the
// spans, links, entities and concepts the strategy keeps, with what was
// left out counted; and the number of each source's documents skipped. A
// gold document is the first source's, with status todo (Import makes it
// in_progress when it has spans).
func mergeRecords(srcs []*source, names []string, strategy review.Strategy) ([]annotate.Record, review.MergeCounts, []int, error) {
	n := len(srcs)
	var recs []annotate.Record
	var counts review.MergeCounts
	err := inEveryFile(srcs, func(d annotate.Document, versions []annotate.Record) {
		sets := make([]review.RecordSet, n)
		for k := range sets {
			sets[k] = review.RecordSet{Name: names[k], Record: versions[k]}
		}
		d.Status = annotate.StatusTodo
		rec, c := review.MergeRecord(d, sets, strategy)
		counts.Add(c)
		recs = append(recs, rec)
	})
	if err != nil {
		return nil, counts, nil, fmt.Errorf("merge %s: %w", srcs[0].path, err)
	}
	skipped := make([]int, n)
	for i, s := range srcs {
		total, err := s.count()
		if err != nil {
			return nil, counts, nil, err
		}
		skipped[i] = max(total-len(recs), 0)
	}
	return recs, counts, skipped, nil
}

// writeGold creates the project path with the schema (nil: the default
// one) holding recs in one Import transaction. It is written under a temporary name in path's folder and
// linked to path at the end, so path never holds half a project, and a
// file that appeared at path meanwhile is not replaced.
func writeGold(path string, schema *annotate.Schema, recs []annotate.Record) (annotate.ImportResult, error) {
	dir, err := os.MkdirTemp(filepath.Dir(path), ".claimdesk-merge-")
	if err != nil {
		return annotate.ImportResult{}, fmt.Errorf("create %s: %w", path, err)
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, filepath.Base(path))
	st, err := store.Open(tmp, store.Options{})
	if err != nil {
		return annotate.ImportResult{}, fmt.Errorf("create %s: %w", path, err)
	}
	if schema != nil {
		if err := st.SetSchema(*schema); err != nil {
			st.Close()
			return annotate.ImportResult{}, fmt.Errorf("write %s: %w", path, err)
		}
	}
	res, err := st.Import(recs, "")
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return annotate.ImportResult{}, fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return annotate.ImportResult{}, fmt.Errorf("merge into %s: it appeared while merging; nothing was written", path)
		}
		// No hard links here (some network and FAT file systems):
		// rename, after checking again that nothing is at path.
		if err := refuseExisting(path); err != nil {
			return annotate.ImportResult{}, err
		}
		if err := os.Rename(tmp, path); err != nil {
			return annotate.ImportResult{}, fmt.Errorf("create %s: %w", path, err)
		}
	}
	return res, nil
}
