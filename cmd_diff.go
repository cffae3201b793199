package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
)

var diffCommand = command{
	name:  "diff",
	usage: "diff PROJECT FILE [-json]\n       claimdesk diff PROJECT -annotators A,B[,...] [-gold NAME] [-json]",
	help: `List the differences between the project and a colleague's FILE (a
project, opened read-only, or an export import reads), document by
document, with the review decisions the window stored for them: the
adjudication log. Documents are matched by id, else by the SHA-256 of their
text. The colleague is named by the annotator of FILE's spans (the file's
name when there are several), as the window's review names them.

A difference is a span only one side has ("only mine", "only theirs"),
the same range with another label ("other label"), overlapping ranges
("other boundaries"), or, between spans both sides agree on, a link only
one side has ("link only mine", "link only theirs") or a link of the same
type from the same span to another one ("link other end"). Its state is
open, taken (their version taken), kept (mine kept) or dropped (both
dropped), with who decided and when. A decision whose difference is gone
(theirs taken, or mine dropped) is listed as settled. The project is read,
never changed; one open in a Claimdesk window is read from a copy.

-json prints one object:

  {"project": PROJECT, "file": FILE, "colleague": NAME,
   "documents": [{"id": ID, "title": TITLE,
                  "differences": [{"kind": KIND,
                                   "mine": SPAN, "theirs": SPAN,
                                   "mine_link": LINK, "theirs_link": LINK,
                                   "state": STATE, "settled": BOOL,
                                   "by": NAME, "at": TIME, "summary": TEXT}, ...]}, ...],
   "only_in_project": N, "only_in_file": N,
   "totals": {"differences": N, "open": N, "taken": N, "kept": N, "dropped": N}}

where SPAN is {"start", "end", "label", "text", "entity", "concept"} (the
names of its actor and concept, left out when it has none) and LINK is {"type",
"from": SPAN, "to": SPAN}; a side without a span or link is left out, and
so are "by", "at" and "summary" of an open difference. Documents without
differences or decisions are left out.

With -annotators, diff lists the review of annotators of ONE project, as
the window's Review → Compare annotators… holds it: the gold layer (the
reviewer's annotator name, -gold NAME; by default the one reviewer who
stored decisions on these annotators, else an empty layer, said) against
each annotator's layer, in the documents each coded by the rule merge
-annotators follows (the project's rounds when it handed out any, else
the documents they have a span in), with the decisions stored. The text
names the annotator on their side of each difference ("ana:") and the
gold layer's side "gold:", and says how many documents each was compared
on. Its -json is

  {"project": PROJECT, "annotators": [NAME, ...], "gold": NAME,
   "coded": {NAME: N, ...}, "documents": [...], "totals": {...}}

with "documents" and "totals" as above, each difference also naming its
"annotator".`,
}

// diffSpan is a span in diff's JSON.
type diffSpan struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Label   string `json:"label"`
	Text    string `json:"text"`
	Entity  string `json:"entity,omitempty"`  // the name of the actor it names
	Concept string `json:"concept,omitempty"` // the name of its concept
}

// diffLink is a link in diff's JSON.
type diffLink struct {
	Type string   `json:"type"`
	From diffSpan `json:"from"`
	To   diffSpan `json:"to"`
}

// diffEntry is one difference in diff's JSON.
type diffEntry struct {
	Kind       string    `json:"kind"`
	Annotator  string    `json:"annotator,omitempty"` // -annotators: whose layer theirs is
	Mine       *diffSpan `json:"mine,omitempty"`
	Theirs     *diffSpan `json:"theirs,omitempty"`
	MineLink   *diffLink `json:"mine_link,omitempty"`
	TheirsLink *diffLink `json:"theirs_link,omitempty"`
	State      string    `json:"state"`
	Settled    bool      `json:"settled"`
	By         string    `json:"by,omitempty"`
	At         string    `json:"at,omitempty"`
	Summary    string    `json:"summary,omitempty"`
}

// diffDocument is one document in diff's JSON.
type diffDocument struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Differences []diffEntry `json:"differences"`
}

// diffReport is diff's JSON.
type diffReport struct {
	Project       string         `json:"project"`
	File          string         `json:"file"`
	Colleague     string         `json:"colleague"`
	Annotators    []string       `json:"-"` // -annotators (diffLayersJSON)
	Gold          string         `json:"-"` // -annotators: the gold layer ("": none)
	Coded         map[string]int `json:"-"` // -annotators: documents each coded
	Documents     []diffDocument `json:"documents"`
	OnlyInProject int            `json:"only_in_project"`
	OnlyInFile    int            `json:"only_in_file"`
	Totals        map[string]int `json:"totals"`
}

func runDiff(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object (its shape is above)")
	annotators := fs.String("annotators", "", "review these annotators of one PROJECT (comma-separated) against the gold layer")
	gold := fs.String("gold", "", "with -annotators: the gold layer's annotator (default: the reviewer who decided)")
	pos, err := parseFlags(fs, diffCommand, args, stdout)
	if err != nil {
		return err
	}
	if *annotators != "" || *gold != "" {
		if *annotators == "" {
			return &usageError{"diff", "-gold needs -annotators, the annotators of PROJECT to review"}
		}
		return diffLayers(pos, *annotators, *gold, *asJSON, stdout, stderr)
	}
	if len(pos) != 2 {
		return &usageError{"diff", "need a PROJECT and a FILE"}
	}
	// The project is opened as agree opens a file: read-only, or, when a
	// window holds it, from a checked copy (said on stderr).
	srcs, err := openSources(pos, stderr)
	if err != nil {
		return err
	}
	defer closeSources(srcs)
	st, src := srcs[0].st, srcs[1]
	if st == nil {
		return &usageError{"diff", fmt.Sprintf("%s is an export, not a project: diff compares a project with a FILE", pos[0])}
	}
	name, err := colleagueName(src, pos[1])
	if err != nil {
		return err
	}
	rep := diffReport{Project: pos[0], File: pos[1], Colleague: name,
		Documents: []diffDocument{}, Totals: map[string]int{"differences": 0}}
	for _, s := range []annotate.DecisionState{annotate.DecisionOpen, annotate.DecisionTaken, annotate.DecisionKept, annotate.DecisionDropped} {
		rep.Totals[string(s)] = 0
	}
	docs, err := st.Documents()
	if err != nil {
		return fmt.Errorf("diff %s: %w", pos[0], err)
	}
	matched := 0
	for _, info := range docs {
		mine, err := st.Record(info.ID)
		if err != nil {
			return fmt.Errorf("diff %s: read document %s: %w", pos[0], info.ID, err)
		}
		theirs, ok, err := src.lookup(&mine.Document)
		if err != nil {
			return err
		}
		if !ok {
			rep.OnlyInProject++
			continue
		}
		matched++
		decs, err := st.Decisions(info.ID)
		if err != nil {
			return fmt.Errorf("diff %s: %w", pos[0], err)
		}
		diffs := review.Compare(mine.Spans, mine.Relations, review.Set{Name: name, Spans: theirs.Spans}, theirs.Relations)
		items := review.Items(diffs, decs, []string{name})
		if len(items) == 0 {
			continue
		}
		doc := diffDocument{ID: info.ID, Title: info.Title}
		for _, it := range items {
			doc.Differences = append(doc.Differences, diffEntryOf(mine.Document.Text, it, &mine, &theirs))
			rep.Totals["differences"]++
			rep.Totals[string(it.State())]++
		}
		rep.Documents = append(rep.Documents, doc)
	}
	n, err := src.count()
	if err != nil {
		return err
	}
	rep.OnlyInFile = max(n-matched, 0)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	printDiff(stdout, &rep)
	return nil
}

// colleagueName names the colleague of a source as the window's review
// does: the one annotator of its spans, else the file's name without its
// extension.
func colleagueName(src *source, path string) (string, error) {
	names, err := src.annotators()
	if err != nil {
		return "", err
	}
	if len(names) == 1 && names[0] != "" {
		return names[0], nil
	}
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), nil
}

// diffEntryOf is an item of the review as diff reports it; text is the
// document's text, for the spans' texts, and mine and theirs the records
// naming the spans' actors and concepts.
func diffEntryOf(text string, it review.Item, mine, theirs *annotate.Record) diffEntry {
	d := it.Diff
	spanOf := func(rec *annotate.Record) func(annotate.Span) *diffSpan {
		return func(s annotate.Span) *diffSpan {
			t, _ := annotate.SliceRunes(text, s.Start, s.End)
			ds := &diffSpan{Start: s.Start, End: s.End, Label: s.Label, Text: t}
			if s.Entity != "" {
				ds.Entity = rec.Entities[s.Entity].Name
			}
			if s.Concept != "" {
				ds.Concept = rec.Concepts[s.Concept].Name
			}
			return ds
		}
	}
	span, theirSpan := spanOf(mine), spanOf(theirs)
	link := func(l *review.Link, span func(annotate.Span) *diffSpan) *diffLink {
		return &diffLink{Type: l.Type, From: *span(l.From), To: *span(l.To)}
	}
	e := diffEntry{Kind: d.Kind.String(), State: string(it.State()), Settled: it.Settled}
	dis := d.Disagreement()
	if dis.Mine != nil {
		e.Mine = span(d.Mine)
	}
	if dis.Theirs != nil {
		e.Theirs = theirSpan(d.Theirs)
	}
	if dis.MineLink != nil {
		e.MineLink = link(d.MineLink, span)
	}
	if dis.TheirsLink != nil {
		e.TheirsLink = link(d.TheirsLink, theirSpan)
	}
	if it.Decision.Stored() {
		e.By, e.At, e.Summary = it.Decision.By, it.Decision.At.UTC().Format(time.RFC3339), it.Decision.Summary
	}
	return e
}

// printDiff prints the report as text: a line per document, then one per
// difference. Texts from the files are quoted with Go escapes, so that no
// control character reaches the terminal.
func printDiff(w io.Writer, rep *diffReport) {
	spanText := func(s *diffSpan) string {
		t := fmt.Sprintf("%s %d–%d %q", s.Label, s.Start, s.End, s.Text)
		if s.Entity != "" {
			t += fmt.Sprintf(" actor %q", s.Entity)
		}
		if s.Concept != "" {
			t += fmt.Sprintf(" concept %q", s.Concept)
		}
		return t
	}
	linkText := func(l *diffLink) string {
		return fmt.Sprintf("%s %s → %s", l.Type, spanText(&l.From), spanText(&l.To))
	}
	mineSide := "mine:  "
	if rep.Annotators != nil {
		g := "an empty gold layer"
		if rep.Gold != "" {
			g = "the gold layer " + quoted(rep.Gold)
		}
		var ns []string
		for _, n := range rep.Annotators {
			ns = append(ns, quoted(n))
		}
		fmt.Fprintf(w, "%s: %s compared with the annotators %s\n", quoted(rep.Project), g, joinNames(ns))
		mineSide = "gold:  "
	} else {
		fmt.Fprintf(w, "%s compared with %s (%s)\n", quoted(rep.Project), quoted(rep.File), quoted(rep.Colleague))
	}
	for _, doc := range rep.Documents {
		fmt.Fprintf(w, "\ndocument %q (%s)\n", doc.Title, quoted(doc.ID))
		for _, e := range doc.Differences {
			fmt.Fprintf(w, "  %s\n", e.Kind)
			switch {
			case e.Mine != nil || e.Theirs != nil:
				if e.Mine != nil {
					fmt.Fprintf(w, "    %s %s\n", mineSide, spanText(e.Mine))
				}
				if e.Theirs != nil {
					fmt.Fprintf(w, "    %s %s\n", theirSide(e), spanText(e.Theirs))
				}
			default:
				if e.MineLink != nil {
					fmt.Fprintf(w, "    %s %s\n", mineSide, linkText(e.MineLink))
				}
				if e.TheirsLink != nil {
					fmt.Fprintf(w, "    %s %s\n", theirSide(e), linkText(e.TheirsLink))
				}
			}
			state := e.State
			if e.Settled {
				state += " (settled)"
			}
			if e.By != "" {
				state += fmt.Sprintf(" by %s at %s: %q", quoted(e.By), e.At, e.Summary)
			}
			fmt.Fprintf(w, "    state:  %s\n", state)
		}
	}
	t := rep.Totals
	fmt.Fprintf(w, "\n%s: %d open, %d taken, %d kept, %d dropped\n", plural(t["differences"], "difference"), t["open"], t["taken"], t["kept"], t["dropped"])
	if rep.OnlyInProject > 0 || rep.OnlyInFile > 0 {
		fmt.Fprintf(w, "%s only in the project, %d only in the file\n", plural(rep.OnlyInProject, "document"), rep.OnlyInFile)
	}
}

// theirSide names the other side of a difference in diff's text: theirs,
// or, between annotators of a project, the annotator.
func theirSide(e diffEntry) string {
	if e.Annotator != "" {
		return quoted(e.Annotator) + ":"
	}
	return "theirs:"
}

// quoted returns s as it is when it holds no control character, else
// quoted with Go escapes.
func quoted(s string) string {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return fmt.Sprintf("%q", s)
		}
	}
	return s
}
