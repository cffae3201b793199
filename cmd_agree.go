package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
)

var agreeCommand = command{
	name:  "agree",
	usage: "agree FILE FILE... [-json]",
	help: `Measure how far the annotations of two or more files agree. Each FILE is a
project (opened read-only: its bytes and modification time stay as they
are; a project open in a Claimdesk window is read from a copy) or an export
import reads (.jsonl, …); all of a file's spans count, whoever made them.
Documents are matched by id, else by the SHA-256 of their text; only those
present in every file are compared, and the others are counted as skipped.

For each pair of files, per label and overall: F1 of exact matches (same
start, end and label), F1 of overlapping matches (same label, sharing a
code point), and Cohen's kappa over the non-whitespace code points of the
text (each coded with the label or not). Kappa counts the many code points
nobody coded as agreement, so it is inflated where little of the text is
coded: read F1 first. For all the files together: Krippendorff's alpha_U
per label. A measure that cannot be computed is "n/a": kappa where its
expected agreement is 1 (both files code every non-whitespace code point
with the label, or neither codes any; DKPro refuses such data too), alpha_U
where its expected disagreement is 0. F1 always can be (no span on either
side is 1).

-json prints one object:

  {"files": [FILE, ...], "documents": N, "skipped": [N, ...],
   "pairs": [{"a": FILE, "b": FILE,
              "labels": {LABEL: {"spans_a": N, "spans_b": N,
                                 "f1_exact": X, "f1_overlap": X, "kappa": X}, ...},
              "overall": {"spans_a": N, "spans_b": N,
                          "f1_exact": X, "f1_overlap": X, "kappa": X}}, ...],
   "alpha": {LABEL: X, ...}}

"documents" is the number compared, "skipped" the documents of each file
(in the order of "files") that are not in every file, "pairs" lists the
pairs of files in the order given (the first with the second, the third,
…, then the second with the third, …); a measure that cannot be computed
is null.

With -round ID (a round's id, the 8 characters status shows, or "latest"), agree
measures a round's reliability instead: the agreement of its coders on the
overlap sample, from the spans collected into PROJECT (nothing is
exported); see "claimdesk status". A coder counts on a sample document
they coded (marked done, or made a span on); alpha_U is over the sample
documents every collected coder coded. -json prints {"round", "measured",
"coders", "sample", "documents", "alpha": {LABEL: X}, "pairs": [{"a", "b",
"documents", "labels", "overall"}]}.`,
}

func runAgree(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("agree", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object (its shape is above)")
	roundID := fs.String("round", "", "measure the overlap sample of this round of PROJECT")
	pos, err := parseFlags(fs, agreeCommand, args, stdout)
	if err != nil {
		return err
	}
	if *roundID != "" {
		return agreeRound(pos, *roundID, *asJSON, stdout)
	}
	if len(pos) < 2 {
		return &usageError{"agree", "need at least two FILEs"}
	}
	srcs, err := openSources(pos, stderr)
	if err != nil {
		return err
	}
	defer closeSources(srcs)
	ag, err := measureAgreement(srcs)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(ag.json())
	}
	ag.print(stdout)
	return nil
}

// agreement is what agree measures: counts added up over the documents
// present in every file.
type agreement struct {
	files    []string
	compared int   // documents in every file
	skipped  []int // per file, its documents not in every file
	pairs    []filePair
	unit     *review.Unitizing
}

// filePair is the counts of one pair of files, a and b indices of files.
type filePair struct {
	a, b   int
	counts review.PairCounts
}

// measureAgreement adds up the pairwise counts and alpha_U of the
// documents present in every source, streamed by inEveryFile, with
// review.MeasureProject: the figures the window's review shows.
func measureAgreement(srcs []*source) (*agreement, error) {
	n := len(srcs)
	ag := &agreement{skipped: make([]int, n)}
	for _, s := range srcs {
		ag.files = append(ag.files, s.path)
	}
	forEach := func(fn func(review.DocumentSets) error) error {
		var ferr error
		err := inEveryFile(srcs, func(d annotate.Document, recs []annotate.Record) {
			sets := make([][]annotate.Span, len(recs))
			for k := range recs {
				sets[k] = recs[k].Spans
				if sets[k] == nil {
					sets[k] = []annotate.Span{} // the file has the document
				}
			}
			if ferr == nil {
				ferr = fn(review.DocumentSets{ID: d.ID, Title: d.Title, Text: d.Text, Sets: sets})
			}
		})
		return cmp.Or(err, ferr)
	}
	figs, err := review.MeasureProject(context.Background(), n, review.AllPairs(n), false, forEach, nil)
	if err != nil {
		return nil, fmt.Errorf("compare %s: %w", srcs[0].path, err)
	}
	ag.compared, ag.unit = figs.Compared, figs.Alpha
	for _, p := range figs.Pairs {
		ag.pairs = append(ag.pairs, filePair{a: p.A, b: p.B, counts: p.Counts})
	}
	if ag.compared == 0 {
		return nil, fmt.Errorf("no document is in all %d files (documents are matched by id, else by their text): nothing to compare", n)
	}
	for i, s := range srcs {
		total, err := s.count()
		if err != nil {
			return nil, err
		}
		ag.skipped[i] = max(total-ag.compared, 0)
	}
	return ag, nil
}

// notAvailable stands for a measure that cannot be computed.
const notAvailable = "n/a"

// kappaNote is printed under the table.
const kappaNote = `Kappa counts agreement on every non-whitespace code point, the many that
nobody coded included, so it is inflated where little of the text is coded:
read F1 first. It is n/a where both code all of the text with a label or none.`

// print writes the agreement as tables.
func (ag *agreement) print(w io.Writer) {
	fmt.Fprintf(w, "%s in every file compared", plural(ag.compared, "document"))
	var skips []string
	for i, f := range ag.files {
		if ag.skipped[i] > 0 {
			skips = append(skips, fmt.Sprintf("%d in %s", ag.skipped[i], annotate.Printable(f)))
		}
	}
	if len(skips) > 0 {
		fmt.Fprintf(w, "; skipped, not in every file: %s", strings.Join(skips, ", "))
	}
	fmt.Fprintln(w, ".")

	width := len("overall")
	for _, p := range ag.pairs {
		for _, l := range p.counts.Labels() {
			width = max(width, len(l))
		}
	}
	for _, l := range ag.unit.Labels() {
		width = max(width, len(l))
	}
	for _, p := range ag.pairs {
		fmt.Fprintf(w, "\n%s vs %s\n", annotate.Printable(ag.files[p.a]), annotate.Printable(ag.files[p.b]))
		fmt.Fprintf(w, "  %-*s  %7s  %7s  %8s  %10s  %6s\n", width, "label", "spans A", "spans B", "F1 exact", "F1 overlap", "kappa")
		row := func(label string, c review.LabelCounts) {
			fmt.Fprintf(w, "  %-*s  %7d  %7d  %8s  %10s  %6s\n", width, label, c.A, c.B,
				fixed(c.F1Exact()), fixed(c.F1Overlap()), fixed(c.Kappa()))
		}
		for _, l := range p.counts.Labels() {
			row(l, *p.counts[l])
		}
		row("overall", p.counts.Overall())
	}
	fmt.Fprintf(w, "\nalpha_U, all %d files together\n", len(ag.files))
	labels := ag.unit.Labels()
	if len(labels) == 0 {
		fmt.Fprintln(w, "  no spans")
	}
	for _, l := range labels {
		fmt.Fprintf(w, "  %-*s  %6s\n", width, l, fixed(ag.unit.Alpha(l)))
	}
	fmt.Fprintf(w, "\n%s\n", kappaNote)
}

// fixed formats a measure with three decimals, or "n/a".
func fixed(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return notAvailable
	}
	return fmt.Sprintf("%.3f", x)
}

// jsonFloat is a measure in JSON: null when it cannot be computed (NaN).
type jsonFloat float64

// MarshalJSON writes the number, or null for NaN and infinities.
func (f jsonFloat) MarshalJSON() ([]byte, error) {
	x := float64(f)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(x)
}

// agreeJSON is agree's -json output; its shape is in agreeCommand's help.
type agreeJSON struct {
	Files     []string             `json:"files"`
	Documents int                  `json:"documents"`
	Skipped   []int                `json:"skipped"`
	Pairs     []pairJSON           `json:"pairs"`
	Alpha     map[string]jsonFloat `json:"alpha"`
}

type pairJSON struct {
	A       string                  `json:"a"`
	B       string                  `json:"b"`
	Labels  map[string]measuresJSON `json:"labels"`
	Overall measuresJSON            `json:"overall"`
}

type measuresJSON struct {
	SpansA    int       `json:"spans_a"`
	SpansB    int       `json:"spans_b"`
	F1Exact   jsonFloat `json:"f1_exact"`
	F1Overlap jsonFloat `json:"f1_overlap"`
	Kappa     jsonFloat `json:"kappa"`
}

func measures(c review.LabelCounts) measuresJSON {
	return measuresJSON{SpansA: c.A, SpansB: c.B, F1Exact: jsonFloat(c.F1Exact()),
		F1Overlap: jsonFloat(c.F1Overlap()), Kappa: jsonFloat(c.Kappa())}
}

// json returns the agreement as agree -json prints it.
func (ag *agreement) json() agreeJSON {
	out := agreeJSON{Files: ag.files, Documents: ag.compared, Skipped: ag.skipped,
		Pairs: []pairJSON{}, Alpha: map[string]jsonFloat{}}
	for _, p := range ag.pairs {
		pj := pairJSON{A: ag.files[p.a], B: ag.files[p.b], Labels: map[string]measuresJSON{},
			Overall: measures(p.counts.Overall())}
		for _, l := range p.counts.Labels() {
			pj.Labels[l] = measures(*p.counts[l])
		}
		out.Pairs = append(out.Pairs, pj)
	}
	for _, l := range ag.unit.Labels() {
		out.Alpha[l] = jsonFloat(ag.unit.Alpha(l))
	}
	return out
}
