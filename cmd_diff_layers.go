package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/annotate/round"
)

// diffLayersJSON is diff -annotators' JSON.
type diffLayersJSON struct {
	Project    string         `json:"project"`
	Annotators []string       `json:"annotators"`
	Gold       string         `json:"gold"`
	Coded      map[string]int `json:"coded"`
	Documents  []diffDocument `json:"documents"`
	Totals     map[string]int `json:"totals"`
}

// diffLayers is diff -annotators: the review of annotators of one project
// as the window's Review → Compare annotators… holds it: the gold layer
// (mine) against each annotator's layer (theirs), in the documents each
// coded by the project's rule (round.ProjectCoverage), with the decisions
// stored.
func diffLayers(pos []string, annotators, gold string, asJSON bool, stdout, stderr io.Writer) error {
	if len(pos) != 1 {
		return &usageError{"diff", "with -annotators, give one PROJECT"}
	}
	names, err := review.ParseAnnotators(annotators)
	if err != nil {
		return &usageError{"diff", err.Error()}
	}
	if slices.Contains(names, gold) {
		return &usageError{"diff", fmt.Sprintf("the gold layer %s is one of the annotators compared: name the reviewer's layer", annotate.Printable(gold))}
	}
	srcs, err := openSources(pos, stderr)
	if err != nil {
		return err
	}
	defer closeSources(srcs)
	st := srcs[0].st
	if st == nil {
		return &usageError{"diff", fmt.Sprintf("%s is an export, not a project: diff -annotators reads a project's review", pos[0])}
	}
	rs, err := st.Rounds()
	if err != nil {
		return fmt.Errorf("diff %s: %w", pos[0], err)
	}
	cov := round.ProjectCoverage(rs)
	docs, err := st.Documents()
	if err != nil {
		return fmt.Errorf("diff %s: %w", pos[0], err)
	}
	decisions := make(map[string][]annotate.Decision, len(docs))
	reviewers := map[string]bool{}
	for _, info := range docs {
		decs, err := st.Decisions(info.ID)
		if err != nil {
			return fmt.Errorf("diff %s: %w", pos[0], err)
		}
		if len(decs) > 0 {
			decisions[info.ID] = decs
		}
		for _, d := range decs {
			if d.Stored() && slices.Contains(names, d.Colleague) {
				reviewers[d.By] = true
			}
		}
	}
	guessed := false
	if gold == "" {
		switch len(reviewers) {
		case 0:
		case 1:
			for r := range reviewers {
				gold = r
			}
			guessed = true
		default:
			var rv []string
			for r := range reviewers {
				rv = append(rv, annotate.Printable(r))
			}
			slices.Sort(rv)
			return &usageError{"diff", fmt.Sprintf("%s decided on these annotators: name the gold layer with -gold NAME", joinNames(rv))}
		}
	}
	rep := diffReport{Project: pos[0], Annotators: names, Gold: gold, Coded: map[string]int{},
		Documents: []diffDocument{}, Totals: map[string]int{"differences": 0}}
	for _, s := range []annotate.DecisionState{annotate.DecisionOpen, annotate.DecisionTaken, annotate.DecisionKept, annotate.DecisionDropped} {
		rep.Totals[string(s)] = 0
	}
	for _, n := range names {
		rep.Coded[n] = 0
	}
	for _, info := range docs {
		rec, err := st.Record(info.ID)
		if err != nil {
			return fmt.Errorf("diff %s: read document %s: %w", pos[0], info.ID, err)
		}
		var mine annotate.Record
		if gold != "" {
			mine = review.Layer(rec, gold)
		}
		var diffs []review.Diff
		var compared []string
		layers := map[string]*annotate.Record{}
		for _, l := range review.Layers(rec, names, cov) {
			if l.Coding != review.HasCoded {
				continue
			}
			rep.Coded[l.Name]++
			compared = append(compared, l.Name)
			layers[l.Name] = &l.Layer
			diffs = append(diffs, review.Compare(mine.Spans, mine.Relations, review.Set{Name: l.Name, Spans: l.Layer.Spans}, l.Layer.Relations)...)
		}
		items := review.Items(diffs, decisions[info.ID], compared)
		if len(items) == 0 {
			continue
		}
		doc := diffDocument{ID: info.ID, Title: info.Title}
		for _, it := range items {
			theirs := layers[it.Diff.Source]
			if theirs == nil {
				theirs = &rec
			}
			e := diffEntryOf(rec.Document.Text, it, &rec, theirs)
			e.Annotator = it.Diff.Source
			doc.Differences = append(doc.Differences, e)
			rep.Totals["differences"]++
			rep.Totals[string(it.State())]++
		}
		rep.Documents = append(rep.Documents, doc)
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(diffLayersJSON{Project: rep.Project, Annotators: names, Gold: gold, Coded: rep.Coded,
			Documents: rep.Documents, Totals: rep.Totals})
	}
	printDiff(stdout, &rep)
	_, byRound := cov.(*round.Coverage)
	rule := "an annotator coded the documents they have a span in"
	if byRound {
		rule = "by the project's rounds: a coder coded a document handed to them that their package, as last collected, marks done or has a span of theirs in"
	}
	var coded []string
	for _, n := range names {
		coded = append(coded, fmt.Sprintf("%s %d", annotate.Printable(n), rep.Coded[n]))
	}
	fmt.Fprintf(stdout, "documents compared: %s (%s)\n", strings.Join(coded, ", "), rule)
	switch {
	case gold == "":
		fmt.Fprintln(stdout, "no gold layer named (-gold NAME) and no decision stored: each annotator is compared with an empty gold layer")
	case guessed:
		fmt.Fprintf(stdout, "the gold layer is %s's, who decided on these annotators (-gold NAME names another)\n", annotate.Printable(gold))
	}
	return nil
}
