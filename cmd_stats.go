package main

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"

	"claimdesk/annotate"
)

var statsCommand = command{
	name:  "stats",
	usage: "stats PROJECT [-json]",
	help: `Count the project's documents by status, its spans by label and by
annotator, the statements (claims and denials) without a source link, and
the project's actors (entities) and concepts.
-json prints {"documents", "by_status", "spans", "by_label",
"by_annotator", "unsourced", "entities", "concepts"}.`,
}

func runStats(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, statsCommand, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{"stats", "need exactly one PROJECT"}
	}
	st, err := openProject(pos[0], true)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats()
	if err != nil {
		return fmt.Errorf("stats %s: %w", pos[0], err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	fmt.Fprintf(stdout, "documents: %d\n", s.Documents)
	for _, status := range annotate.Statuses {
		fmt.Fprintf(stdout, "  %-12s %d\n", status, s.ByStatus[status])
	}
	fmt.Fprintf(stdout, "spans: %d\n", s.Spans)
	printCounts(stdout, "by label", s.ByLabel)
	printCounts(stdout, "by annotator", s.ByAnnotator)
	fmt.Fprintf(stdout, "statements without a source: %d\n", s.Unsourced)
	fmt.Fprintf(stdout, "actors: %d\n", s.Entities)
	fmt.Fprintf(stdout, "concepts: %d\n", s.Concepts)
	return nil
}

// printCounts prints counts largest first, ties by name.
func printCounts(w io.Writer, title string, counts map[string]int) {
	if len(counts) == 0 {
		return
	}
	fmt.Fprintf(w, "  %s:\n", title)
	names := slices.SortedFunc(maps.Keys(counts), func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for _, n := range names {
		fmt.Fprintf(w, "    %-12s %d\n", annotate.Printable(n), counts[n])
	}
}
