package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
)

// layerMerge is what merge does inside one project: the annotators
// merged, the strategy, and where the gold goes.
type layerMerge struct {
	project  string
	names    []string
	strategy review.Strategy
	as       string // the gold layer's annotator in project; "" when out is given
	out      string // a new project; "" when as is given
}

// layerCounts is what a merge of layers met beyond review.MergeCounts.
type layerCounts struct {
	review.MergeCounts
	documents int            // documents merged (some annotator coded them)
	uncoded   int            // documents none of the annotators coded
	partial   int            // documents merged from fewer than all the annotators
	missing   map[string]int // by annotator: merged documents they did not code
	spans     map[string]int // by annotator: their spans in the project
	goldSpans int            // spans already under the gold layer's name
	entities  map[string]bool
	concepts  map[string]bool
}

// mergeLayers checks merge's arguments for a merge inside one project and
// runs it (runLayerMerge).
func mergeLayers(pos []string, annotators, as, out, strategyName string, stdout, stderr io.Writer) error {
	switch {
	case annotators == "":
		return &usageError{"merge", "-as needs -annotators, the annotators of PROJECT to merge"}
	case len(pos) != 1:
		return &usageError{"merge", "with -annotators, give one PROJECT"}
	case (as == "") == (out == ""):
		return &usageError{"merge", "with -annotators, give -as NAME (the gold layer in PROJECT) or -o GOLD (a new project), not both"}
	}
	names, err := review.ParseAnnotators(annotators)
	if err != nil {
		return &usageError{"merge", err.Error()}
	}
	strategy, err := review.ParseStrategy(strategyName)
	if err != nil {
		return &usageError{"merge", err.Error()}
	}
	if as != "" {
		if err := review.CheckGoldName(as, names); err != nil {
			return &usageError{"merge", err.Error()}
		}
	} else if err := refuseExisting(out); err != nil {
		return err
	}
	return runLayerMerge(layerMerge{project: pos[0], names: names, strategy: strategy, as: as, out: out}, stdout, stderr)
}

// runLayerMerge merges the layers of annotators of one project
// (review.LayerSets: an annotator counts for the documents they have a
// span in) with review.MergeRecord, and writes the gold layer into the
// project under m.as in one transaction (after the project's automatic
// backup, as import takes it), or a new project m.out as merge across
// files does.
func runLayerMerge(m layerMerge, stdout, stderr io.Writer) error {
	// The gold layer is written into a project opened for writing; a new
	// gold project is read from PROJECT as merge reads its files (a
	// project held by a window from a copy, or an export).
	var src *source
	var err error
	if m.as != "" {
		if _, err := os.Stat(m.project); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("open %s: no such file", m.project)
			}
			return fmt.Errorf("open %s: %w", m.project, err)
		}
		st, err := openProject(m.project, false)
		if err != nil {
			return err
		}
		src = &source{path: m.project, st: st}
	} else if src, err = openSource(m.project); err != nil {
		return err
	}
	defer src.Close()
	c := layerCounts{missing: map[string]int{}, spans: map[string]int{}, entities: map[string]bool{}, concepts: map[string]bool{}}
	var recs []annotate.Record
	err = src.forEach(func(rec annotate.Record) error {
		for _, sp := range rec.Spans {
			switch {
			case m.as != "" && sp.Annotator == m.as:
				c.goldSpans++
			case slices.Contains(m.names, sp.Annotator):
				c.spans[sp.Annotator]++
			}
		}
		sets := review.LayerSets(rec, m.names)
		if len(sets) == 0 {
			c.uncoded++
			return nil
		}
		c.documents++
		if len(sets) < len(m.names) {
			c.partial++
			for _, n := range m.names {
				if !slices.ContainsFunc(sets, func(s review.RecordSet) bool { return s.Name == n }) {
					c.missing[n]++
				}
			}
		}
		doc := rec.Document
		if m.out != "" {
			doc.Status = annotate.StatusTodo
		}
		gold, mc := review.MergeRecord(doc, sets, m.strategy)
		c.Add(mc)
		for id := range gold.Entities {
			c.entities[id] = true
		}
		for id := range gold.Concepts {
			c.concepts[id] = true
		}
		if m.as != "" {
			gold = review.GoldLayer(gold, m.as)
		}
		recs = append(recs, gold)
		return nil
	})
	if err != nil {
		return fmt.Errorf("merge the annotators of %s: %w", m.project, err)
	}
	for _, n := range m.names {
		if c.spans[n] == 0 {
			return fmt.Errorf("merge the annotators of %s: %s has no span in it (its annotators are named on its spans: see claimdesk stats)", m.project, annotate.Printable(n))
		}
	}
	if c.goldSpans > 0 {
		return fmt.Errorf("merge into %s: it has %s by %s already; merge writes a new layer (name it otherwise with -as)",
			m.project, plural(c.goldSpans, "span"), annotate.Printable(m.as))
	}
	var res annotate.ImportResult
	where := m.out
	if m.as != "" {
		where = m.project
		autoBackup(src.st, stderr)
		if res, err = src.st.Import(recs, m.as); err != nil {
			return fmt.Errorf("write the gold layer %s into %s: %w", m.as, m.project, err)
		}
	} else {
		var schema *annotate.Schema
		if src.st != nil {
			sc, err := src.st.Schema()
			if err != nil {
				return fmt.Errorf("read the schema of %s: %w", m.project, err)
			}
			schema = &sc
		}
		if res, err = writeGold(m.out, schema, recs); err != nil {
			return err
		}
	}
	what := fmt.Sprintf("%s of %s", m.strategy, joinNames(m.names))
	if m.as != "" {
		what += ", as " + m.as
	}
	fmt.Fprintf(stdout, "%s: %s, %s, %s, %s, %s (%s)\n", annotate.Printable(where), plural(c.documents, "document"),
		plural(res.Spans, "span"), plural(res.Relations, "link"), plural(len(c.entities), "actor"),
		plural(len(c.concepts), "concept"), annotate.Printable(what))
	printMergeCounts(stdout, c.MergeCounts, "annotators")
	if c.partial > 0 {
		fmt.Fprintf(stdout, "%s merged from fewer than all %d annotators (an annotator with no span in a document did not code it):", plural(c.partial, "document"), len(m.names))
		for _, n := range m.names {
			if c.missing[n] > 0 {
				fmt.Fprintf(stdout, " %s %d", annotate.Printable(n), c.missing[n])
			}
		}
		fmt.Fprintln(stdout)
	}
	if c.uncoded > 0 {
		fmt.Fprintf(stdout, "skipped %s none of them coded\n", plural(c.uncoded, "document"))
	}
	return nil
}

// printMergeCounts says what a merge left out, as merge across files does;
// sets names what was merged ("files", "annotators").
func printMergeCounts(stdout io.Writer, counts review.MergeCounts, sets string) {
	if counts.RelationsLeft > 0 {
		fmt.Fprintf(stdout, "left out %s: in too few %s, or an end not kept\n", plural(counts.RelationsLeft, "link"), sets)
	}
	if counts.NamesLeft > 0 {
		fmt.Fprintf(stdout, "left out the actor or concept of %s: not named alike by enough %s\n", plural(counts.NamesLeft, "span"), sets)
	}
	if counts.Unnamed > 0 {
		fmt.Fprintf(stdout, "%s credited to nobody: no file names their annotator\n", plural(counts.Unnamed, "kept span"))
	}
	if counts.NameConflicts > 0 {
		fmt.Fprintf(stdout, "%s named differently by enough %s: the most common name was kept\n", plural(counts.NameConflicts, "span"), sets)
	}
}
