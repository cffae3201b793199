package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"text/tabwriter"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/annotate/suggest"
)

var suggestCommand = command{
	name:  "suggest",
	usage: "suggest PROJECT [-o FILE | -rules] | suggest -eval GOLD [PROJECT] [-json]",
	help: `Suggest who claims what: for every document of PROJECT (opened read-only;
one open in a Claimdesk window is read from a copy; an export import reads
will do too, with the default labels), the attributions the rule-based suggester finds, written as Claimdesk JSONL
under the annotator "suggest" (to standard output, or atomically to FILE
with -o), so that they can be compared with a coder's work (agree, diff)
or imported as a pre-annotation layer. Suggestions a coder rejected in the
window (Backspace) are left out, and standard error says how many.

The suggester finds, sentence by sentence, quotations with a speech verb
and a speaker ("…," said Mr Jafari; Mr Jafari said: "…"; "…," he said,
with "he" read as the nearest person named before it in the paragraph),
indirect speech (X said (that) …; X told reporters that …; …, X said;
according to X, …) and denials (X denied …, X rejected …, X declined to
comment, X refused to …). Each is an actor span, a claim or denial span and
a SOURCE link; the labels are those of the project's SOURCE link type. An
actor whose text is the name or an alias of one of the project's actors
(entities: "Mr Wang" for Wang Yi), with or without a title, names it; so
does, after those, the text of a span that a coder made name one
("Beijing" tagged as China), when no other actor has it.

The words it looks for (speech and denial verbs, quotation marks, titles,
pronouns…) are the project's rules: "suggest" in its schema (claimdesk
schema -o / -import), English defaults when it has none; a list the
schema leaves out keeps the default. -rules prints the rules in effect, as
JSON to put under "suggest" in a schema file.

-eval GOLD scores the suggestions for the documents of GOLD (a project or
an export, all of whose spans count) against its spans and SOURCE links:
precision, recall and F1 for actor, claim and denial spans, exact (same
start, end and label) and overlapping (same label, sharing a code point),
and for SOURCE links (a link counts when both its ends match gold spans of
the same labels that a gold SOURCE link joins), with the precision of each
pattern's suggestions. The labels and actors are PROJECT's when it is
given, else GOLD's when it is a project, else the defaults.`,
}

func runSuggest(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("suggest", flag.ContinueOnError)
	out := fs.String("o", "", "write the suggestions to `FILE` (atomically) rather than to standard output")
	gold := fs.String("eval", "", "score the suggestions against the gold `FILE` (a project or an export)")
	asJSON := fs.Bool("json", false, "with -eval: print one JSON object")
	printRules := fs.Bool("rules", false, "print the rules PROJECT's suggestions follow, as JSON (for \"suggest\" in a schema file)")
	pos, err := parseFlags(fs, suggestCommand, args, stdout)
	if err != nil {
		return err
	}
	if *gold != "" {
		if len(pos) > 1 || *out != "" {
			return &usageError{"suggest", "-eval takes a GOLD file and at most one PROJECT, and no -o"}
		}
		if *printRules {
			return &usageError{"suggest", "-rules goes without -eval"}
		}
		return runSuggestEval(*gold, pos, *asJSON, stdout, stderr)
	}
	if len(pos) != 1 {
		return &usageError{"suggest", "need one PROJECT"}
	}
	if *asJSON {
		return &usageError{"suggest", "-json goes with -eval"}
	}
	src, err := openSource(pos[0])
	if err != nil {
		return err
	}
	defer src.Close()
	rules, rels, entities, err := suggestSchema(src)
	if err != nil {
		return err
	}
	if *printRules {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rules)
	}
	n, err := src.count()
	if err != nil {
		return err
	}
	sg := suggest.New(rules, entities)
	if src.st != nil {
		aliases, err := src.st.EntityMentions()
		if err != nil {
			return fmt.Errorf("read the mentions of the actors of %s: %w", src.path, err)
		}
		sg.WithAliases(aliases)
	}
	labels := suggest.LabelsOf(rels)
	now := time.Now()
	rejected := 0
	src2 := format.Source{Total: n, ForEach: func(fn func(annotate.Record) error) error {
		return src.forEach(func(rec annotate.Record) error {
			sugs := sg.Suggest(rec.Document.Text)
			if src.st != nil {
				no, err := src.st.RejectedSuggestions(rec.Document.ID)
				if err != nil {
					return fmt.Errorf("read the rejected suggestions of document %s: %w", rec.Document.ID, err)
				}
				kept := suggest.Pending(sugs, no)
				rejected += len(sugs) - len(kept)
				sugs = kept
			}
			return fn(suggest.Record(rec.Document, sugs, labels, suggest.Annotator, now, entities))
		})
	}}
	if *out == "" {
		err = format.Export(context.Background(), stdout, "jsonl", src2, nil)
	} else if err = format.ExportFile(context.Background(), *out, "jsonl", src2, nil); err == nil {
		fmt.Fprintf(stderr, "wrote suggestions for %s to %s\n", plural(n, "document"), annotate.Printable(*out))
	}
	if err == nil && rejected > 0 {
		fmt.Fprintf(stderr, "left out %s that coders rejected in the window\n", plural(rejected, "suggestion"))
	}
	return err
}

// runSuggestEval scores the suggestions for the documents of gold.
func runSuggestEval(gold string, pos []string, asJSON bool, stdout, stderr io.Writer) error {
	src, err := openSource(gold)
	if err != nil {
		return err
	}
	defer src.Close()
	labelsFrom := src
	if len(pos) == 1 {
		p, err := openSource(pos[0])
		if err != nil {
			return err
		}
		defer p.Close()
		if p.st == nil {
			return &usageError{"suggest", fmt.Sprintf("%s is an export, not a project: the labels and actors come from a project", pos[0])}
		}
		labelsFrom = p
	}
	rules, rels, entities, err := suggestSchema(labelsFrom)
	if err != nil {
		return err
	}
	sg := suggest.New(rules, entities)
	ev := suggest.NewEvaluation(suggest.LabelsOf(rels))
	if err := src.forEach(func(rec annotate.Record) error {
		ev.Add(rec, sg.Suggest(rec.Document.Text))
		return nil
	}); err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(evalJSON(gold, ev))
	}
	printEval(stdout, gold, ev)
	return nil
}

// suggestSchema returns the suggester's rules, the link types (for the
// labels) and the actors of a project source; an export's are the
// defaults and none.
func suggestSchema(src *source) (suggest.Rules, annotate.RelationTypes, []annotate.Entity, error) {
	if src.st == nil {
		return suggest.DefaultRules(), annotate.DefaultRelationTypes(), nil, nil
	}
	schema, err := src.st.Schema()
	if err != nil {
		return suggest.Rules{}, nil, nil, err
	}
	rules, err := suggest.RulesOf(schema.Suggest)
	if err != nil {
		return suggest.Rules{}, nil, nil, fmt.Errorf("%s: %w", src.path, err)
	}
	entities, err := src.st.Entities()
	if err != nil {
		return suggest.Rules{}, nil, nil, err
	}
	return rules, schema.Relations, entities, nil
}

// evalRows are the rows of an evaluation: the three span labels and the
// links, by the project's names.
func evalRows(ev *suggest.Evaluation) []struct {
	name string
	sc   suggest.Score
} {
	l := ev.Labels
	rows := []struct {
		name string
		sc   suggest.Score
	}{{l.Actor, ev.Actor}, {l.Claim, ev.Claim}}
	if l.Denial != "" {
		rows = append(rows, struct {
			name string
			sc   suggest.Score
		}{l.Denial, ev.Denial})
	}
	return append(rows, struct {
		name string
		sc   suggest.Score
	}{l.Source + " links", ev.Links})
}

func printEval(w io.Writer, gold string, ev *suggest.Evaluation) {
	fmt.Fprintf(w, "gold: %s (%s)\n", annotate.Printable(gold), plural(ev.Documents, "document"))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tgold\tsuggested\tP exact\tR exact\tF1 exact\tP overlap\tR overlap\tF1 overlap\t")
	for _, r := range evalRows(ev) {
		s := r.sc
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.name, s.Gold, s.Suggested,
			f2(s.Precision(false)), f2(s.Recall(false)), f2(s.F1(false)),
			f2(s.Precision(true)), f2(s.Recall(true)), f2(s.F1(true)))
	}
	tw.Flush()
	fmt.Fprintln(w, "by pattern (precision of the suggestions made by each):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tsuggested\tstatement P exact\tstatement P overlap\tlink P exact\tlink P overlap\t")
	for _, k := range kinds(ev) {
		st, ln := ev.StatementsByKind[k], ev.LinksByKind[k]
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t\n", k, ln.Suggested, f2(st.Precision(false)), f2(st.Precision(true)),
			f2(ln.Precision(false)), f2(ln.Precision(true)))
	}
	tw.Flush()
}

// kinds returns the patterns that made suggestions, in a fixed order.
func kinds(ev *suggest.Evaluation) []suggest.Kind {
	var out []suggest.Kind
	for _, k := range []suggest.Kind{suggest.Quote, suggest.Indirect, suggest.According, suggest.Denial} {
		if ev.LinksByKind[k] != nil {
			out = append(out, k)
		}
	}
	return out
}

func f2(x float64) string { return fmt.Sprintf("%.2f", x) }

// round3 rounds x to three decimals for JSON.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func evalJSON(gold string, ev *suggest.Evaluation) map[string]any {
	score := func(s suggest.Score) map[string]any {
		return map[string]any{"gold": s.Gold, "suggested": s.Suggested,
			"precision_exact": round3(s.Precision(false)), "recall_exact": round3(s.Recall(false)), "f1_exact": round3(s.F1(false)),
			"precision_overlap": round3(s.Precision(true)), "recall_overlap": round3(s.Recall(true)), "f1_overlap": round3(s.F1(true))}
	}
	labels := map[string]any{}
	for _, r := range evalRows(ev)[:len(evalRows(ev))-1] {
		labels[r.name] = score(r.sc)
	}
	patterns := map[string]any{}
	for _, k := range kinds(ev) {
		st, ln := ev.StatementsByKind[k], ev.LinksByKind[k]
		patterns[string(k)] = map[string]any{"suggested": ln.Suggested,
			"statement_precision_exact": round3(st.Precision(false)), "statement_precision_overlap": round3(st.Precision(true)),
			"link_precision_exact": round3(ln.Precision(false)), "link_precision_overlap": round3(ln.Precision(true))}
	}
	return map[string]any{"gold": gold, "documents": ev.Documents, "labels": labels, "links": score(ev.Links), "patterns": patterns}
}
