package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/annotate/round"
)

// layerMerge is what merge does inside one project: the annotators
// merged, the strategy, and where the gold goes.
type layerMerge struct {
	project  string
	names    []string // -annotators; with -round, the coders collected
	roundID  string   // -round: merge this round's coders
	strategy review.Strategy
	as       string // the gold layer's annotator in project; "" when out is given
	out      string // a new project; "" when as is given
	single   string // documents one annotator coded: "take" them as coded, or "skip" them
}

// layerCounts is what a merge of layers met beyond review.MergeCounts.
type layerCounts struct {
	review.MergeCounts
	documents  int            // documents merged (some annotator coded them)
	several    int            // of those, coded by two or more annotators
	single     int            // of those, coded by one annotator, taken as they coded them
	skipSingle int            // documents coded by one annotator, skipped (-single skip)
	uncoded    int            // documents handed to some annotator that none has coded
	outside    int            // documents handed to none of them (a round's coverage)
	partial    int            // documents merged from fewer than the annotators handed them
	missing    map[string]int // by annotator: merged documents handed to them they did not code
	spans      map[string]int // by annotator: their spans in the project
	coded      map[string]int // by annotator: documents they coded
	unassigned map[string]int // by annotator: their spans in documents not handed to them (left out)
	unassDocs  map[string]int // by annotator: documents not handed to them holding spans of theirs
	notCoded   map[string]int // by annotator: their spans in documents handed to them they have not coded (left out)
	notCodDocs map[string]int // by annotator: such documents
	goldSpans  int            // spans already under the gold layer's name
	sample     int            // with -round: sample documents merged
	samplePart int            // with -round: sample documents merged from fewer than the coders collected
	entities   map[string]bool
	concepts   map[string]bool
}

// mergeLayers checks merge's arguments for a merge inside one project and
// runs it (runLayerMerge).
func mergeLayers(pos []string, annotators, roundID, as, out, strategyName, single string, stdout, stderr io.Writer) error {
	switch {
	case annotators != "" && roundID != "":
		return &usageError{"merge", "give -annotators or -round, not both (-round merges the round's coders)"}
	case annotators == "" && roundID == "":
		return &usageError{"merge", "-as needs -annotators, the annotators of PROJECT to merge (or -round ID, a round's coders)"}
	case len(pos) != 1:
		return &usageError{"merge", "with -annotators or -round, give one PROJECT"}
	case (as == "") == (out == ""):
		return &usageError{"merge", "with -annotators or -round, give -as NAME (the gold layer in PROJECT) or -o GOLD (a new project), not both"}
	case single != "take" && single != "skip":
		return &usageError{"merge", fmt.Sprintf("-single %q: take or skip", single)}
	}
	var names []string
	if annotators != "" {
		var err error
		if names, err = review.ParseAnnotators(annotators); err != nil {
			return &usageError{"merge", err.Error()}
		}
	}
	strategy, err := review.ParseStrategy(strategyName)
	if err != nil {
		return &usageError{"merge", err.Error()}
	}
	if as != "" {
		if strings.TrimSpace(as) == "" {
			return &usageError{"merge", "no name given for the gold layer"}
		}
		if err := review.CheckGoldName(as, names); err != nil {
			return &usageError{"merge", err.Error()}
		}
	} else if err := refuseExisting(out); err != nil {
		return err
	}
	return runLayerMerge(layerMerge{project: pos[0], names: names, roundID: roundID, strategy: strategy, as: as, out: out, single: single}, stdout, stderr)
}

// runLayerMerge merges the layers of annotators of one project
// (review.Layers, which documents each coded being the project's coverage:
// its rounds' assignment when it handed out rounds, else the documents
// they have a span in) with review.MergeRecord, and writes the gold layer
// into the project under m.as in one transaction (after the project's
// automatic backup, as import takes it), or a new project m.out as merge
// across files does.
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
	var cov review.Coverage = review.BySpans{}
	var rd *round.Round
	var uncollected []string
	if src.st != nil {
		rs, err := src.st.Rounds()
		if err != nil {
			return fmt.Errorf("merge the annotators of %s: %w", m.project, err)
		}
		cov = round.ProjectCoverage(rs)
		if m.roundID != "" {
			if rd, err = findRound(func() ([]round.Round, error) { return rs, nil }, m.roundID); err != nil {
				return fmt.Errorf("merge %s: %w", m.project, err)
			}
			cov = round.NewCoverage(rd)
			for i := range rd.Coders {
				if k := &rd.Coders[i]; k.Returned() {
					m.names = append(m.names, k.Name)
				} else {
					uncollected = append(uncollected, k.Name)
				}
			}
			if len(m.names) == 0 {
				return fmt.Errorf("merge %s: round %s: no coder's package collected yet (claimdesk collect brings them back): nothing to merge", m.project, round.ShortID(rd.ID))
			}
			if err := review.CheckGoldName(m.as, m.names); m.as != "" && err != nil {
				return &usageError{"merge", err.Error()}
			}
		}
	} else if m.roundID != "" {
		return fmt.Errorf("merge %s: -round needs the lead's project, which records its rounds; this is an export", m.project)
	}
	if rc, ok := cov.(*round.Coverage); ok && m.as != "" && rc.IsCoder(m.as) {
		return &usageError{"merge", fmt.Sprintf("the gold layer %s is a coder of the project's rounds (their spans would mix with it): name it otherwise", annotate.Printable(m.as))}
	}
	inSample := map[string]bool{}
	if rd != nil {
		for _, id := range rd.Sample {
			inSample[id] = true
		}
	}
	c := layerCounts{missing: map[string]int{}, spans: map[string]int{}, coded: map[string]int{}, unassigned: map[string]int{},
		unassDocs: map[string]int{}, notCoded: map[string]int{}, notCodDocs: map[string]int{}, entities: map[string]bool{}, concepts: map[string]bool{}}
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
		layers := review.Layers(rec, m.names, cov)
		handed := 0
		for _, l := range layers {
			switch l.Coding {
			case review.NotAssigned:
				if n := len(l.Layer.Spans); n > 0 {
					c.unassigned[l.Name] += n
					c.unassDocs[l.Name]++
				}
				continue
			case review.HasCoded:
				c.coded[l.Name]++
			case review.NotCoded:
				if n := len(l.Layer.Spans); n > 0 {
					c.notCoded[l.Name] += n
					c.notCodDocs[l.Name]++
				}
			}
			handed++
		}
		sets := review.Sets(layers)
		switch {
		case handed == 0:
			c.outside++
			return nil
		case len(sets) == 0:
			c.uncoded++
			return nil
		case len(sets) == 1 && m.single == "skip":
			c.skipSingle++
			return nil
		case len(sets) == 1:
			c.single++
		default:
			c.several++
		}
		c.documents++
		if len(sets) < handed {
			c.partial++
			for _, l := range layers {
				if l.Coding == review.NotCoded {
					c.missing[l.Name]++
				}
			}
		}
		if inSample[rec.Document.ID] {
			c.sample++
			if len(sets) < len(m.names) {
				c.samplePart++
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
	if rd == nil {
		for _, n := range m.names {
			if c.spans[n] == 0 && c.coded[n] == 0 {
				return fmt.Errorf("merge the annotators of %s: %s has no span in it (its annotators are named on its spans: see claimdesk stats)", m.project, annotate.Printable(n))
			}
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
	printLayerMerge(stdout, m, rd, uncollected, &c, res, where, cov)
	return nil
}

// printLayerMerge says what a merge of layers did, with counts.
func printLayerMerge(stdout io.Writer, m layerMerge, rd *round.Round, uncollected []string, c *layerCounts, res annotate.ImportResult, where string, cov review.Coverage) {
	what := fmt.Sprintf("%s of %s", m.strategy, joinNames(m.names))
	if rd != nil {
		what += ", round " + round.ShortID(rd.ID)
	}
	if m.as != "" {
		what += ", as " + m.as
	}
	fmt.Fprintf(stdout, "%s: %s, %s, %s, %s, %s (%s)\n", annotate.Printable(where), plural(c.documents, "document"),
		plural(res.Spans, "span"), plural(res.Relations, "link"), plural(len(c.entities), "actor"),
		plural(len(c.concepts), "concept"), annotate.Printable(what))
	printMergeCounts(stdout, c.MergeCounts, "annotators")
	_, byRound := cov.(*round.Coverage)
	if byRound {
		fmt.Fprintf(stdout, "%s coded by two or more of them merged; ", plural(c.several, "document"))
		if m.single == "skip" {
			fmt.Fprintf(stdout, "%s coded by one skipped (-single skip)\n", plural(c.skipSingle, "document"))
		} else {
			fmt.Fprintf(stdout, "%s coded by one taken as they coded it (-single skip leaves them out)\n", plural(c.single, "document"))
		}
	} else if c.skipSingle > 0 {
		fmt.Fprintf(stdout, "skipped %s coded by one of them (-single skip)\n", plural(c.skipSingle, "document"))
	}
	if rd != nil {
		fmt.Fprintf(stdout, "overlap sample: %d of %s merged", c.sample, plural(len(rd.Sample), "document"))
		if c.samplePart > 0 {
			fmt.Fprintf(stdout, ", %d of them from fewer than all %d coders collected", c.samplePart, len(m.names))
		}
		fmt.Fprintln(stdout)
		if len(uncollected) > 0 {
			fmt.Fprintf(stdout, "not collected yet, left out: %s\n", annotate.Printable(joinNames(uncollected)))
		}
	}
	if c.partial > 0 {
		if byRound {
			fmt.Fprintf(stdout, "%s merged from fewer than the annotators handed it (one who neither marked a document done nor made a span in it has not coded it):", plural(c.partial, "document"))
		} else {
			fmt.Fprintf(stdout, "%s merged from fewer than all %d annotators (an annotator with no span in a document did not code it):", plural(c.partial, "document"), len(m.names))
		}
		for _, n := range m.names {
			if c.missing[n] > 0 {
				fmt.Fprintf(stdout, " %s %d", annotate.Printable(n), c.missing[n])
			}
		}
		fmt.Fprintln(stdout)
	}
	for _, n := range m.names {
		if c.unassigned[n] > 0 {
			fmt.Fprintf(stdout, "left out %s of %s in %s not handed to them by the round\n", plural(c.unassigned[n], "span"),
				annotate.Printable(n), plural(c.unassDocs[n], "document"))
		}
	}
	for _, n := range m.names {
		if c.notCoded[n] > 0 {
			fmt.Fprintf(stdout, "left out %s of %s in %s handed to them that their package, as last collected, neither marks done nor has a span in\n",
				plural(c.notCoded[n], "span"), annotate.Printable(n), plural(c.notCodDocs[n], "document"))
		}
	}
	if c.uncoded > 0 {
		fmt.Fprintf(stdout, "skipped %s none of them coded\n", plural(c.uncoded, "document"))
	}
	if c.outside > 0 {
		fmt.Fprintf(stdout, "skipped %s handed to none of them\n", plural(c.outside, "document"))
	}
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
