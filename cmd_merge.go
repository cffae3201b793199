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
	usage: "merge -o GOLD FILE FILE... [-strategy majority|union|intersection]",
	help: `Adjudicate two or more files into a gold standard: write the NEW project
GOLD (refused if GOLD exists) holding the documents present in every FILE
(matched by id, else by the SHA-256 of their text; the others are counted
as skipped) and the spans the strategy keeps. Each FILE is a project
(opened read-only, or read from a copy when a Claimdesk window holds it) or
an export import reads (.jsonl, …).

A span is the same in two files when it has the same start, end and label.
-strategy majority keeps the spans of more than half of the files, union
those of any file, intersection those of every file. A file counts under
its annotator's name when all its spans are by one annotator, else under
its base name (its path when two files would share a name). A kept span
has, as its annotator, the names of the files that have it joined by "+"
("ana+bo"), lists them in "annotators" in an export, and keeps the id,
times and note of the first file's span. A gold document is the first
file's document, with status todo (in_progress once it has spans);
relations, and the actors (entities) and concepts of spans, are not
merged. GOLD is written in one transaction under a temporary name, and
appears only when complete.`,
}

func runMerge(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	out := fs.String("o", "", "the gold project to create (required; must not exist)")
	strategyName := fs.String("strategy", string(review.Majority), "which spans to keep: majority, union or intersection")
	pos, err := parseFlags(fs, mergeCommand, args, stdout)
	if err != nil {
		return err
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
	recs, skipped, err := mergeRecords(srcs, names, strategy)
	if err != nil {
		return err
	}
	res, err := writeGold(*out, recs)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %s, %s (%s of %s)\n", annotate.Printable(*out), plural(res.Documents, "document"),
		plural(res.Spans, "span"), strategy, annotate.Printable(joinNames(names)))
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
// (inEveryFile), the gold records of those present in all of
// them, with the spans review.Merge keeps, and the number of each
// source's documents skipped.
func mergeRecords(srcs []*source, names []string, strategy review.Strategy) ([]annotate.Record, []int, error) {
	n := len(srcs)
	var recs []annotate.Record
	err := inEveryFile(srcs, func(d annotate.Document, spans [][]annotate.Span) {
		sets := make([]review.Set, n)
		for k := range sets {
			sets[k] = review.Set{Name: names[k], Spans: spans[k]}
		}
		recs = append(recs, goldRecord(d, review.Merge(sets, strategy)))
	})
	if err != nil {
		return nil, nil, fmt.Errorf("merge %s: %w", srcs[0].path, err)
	}
	skipped := make([]int, n)
	for i, s := range srcs {
		total, err := s.count()
		if err != nil {
			return nil, nil, err
		}
		skipped[i] = max(total-len(recs), 0)
	}
	return recs, skipped, nil
}

// goldRecord is the gold document d (status todo: Import makes it
// in_progress when it has spans) with the merged spans. A span keeps the
// id of the first file's span unless another kept span of the document
// has it too; then it gets a new one. Spans lose their entity and
// concept: those are not merged.
func goldRecord(d annotate.Document, merged []review.Merged) annotate.Record {
	d.Status = annotate.StatusTodo
	seen := make(map[string]int, len(merged))
	for _, m := range merged {
		seen[m.Span.ID]++
	}
	spans := make([]annotate.Span, len(merged))
	for i, m := range merged {
		sp := m.Span
		if sp.ID == "" || seen[sp.ID] > 1 {
			sp.ID = annotate.NewID()
		}
		sp.DocumentID = d.ID
		sp.Annotators = m.Annotators
		// Entities and concepts are each project's own, and are not
		// merged, like relations.
		sp.Entity, sp.Concept = "", ""
		spans[i] = sp
	}
	return annotate.Record{Document: d, Spans: spans}
}

// writeGold creates the project path holding recs in one Import
// transaction. It is written under a temporary name in path's folder and
// linked to path at the end, so path never holds half a project, and a
// file that appeared at path meanwhile is not replaced.
func writeGold(path string, recs []annotate.Record) (annotate.ImportResult, error) {
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
