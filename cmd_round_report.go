package main

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/annotate/round"
)

// The round's agreement as status and agree -round print it.

// roundPairJSON is a pair of coders in JSON.
type roundPairJSON struct {
	A         string                  `json:"a"`
	B         string                  `json:"b"`
	Documents int                     `json:"documents"`
	Labels    map[string]measuresJSON `json:"labels"`
	Overall   measuresJSON            `json:"overall"`
}

// roundAgreementJSON is a round's agreement in JSON.
type roundAgreementJSON struct {
	Round     string               `json:"round"`
	Measured  time.Time            `json:"measured"`
	Coders    []string             `json:"coders"`
	Sample    int                  `json:"sample"`
	Documents int                  `json:"documents"`
	Alpha     map[string]jsonFloat `json:"alpha"`
	Pairs     []roundPairJSON      `json:"pairs"`
}

func agreementJSON(r *round.Round, a *round.Agreement) roundAgreementJSON {
	out := roundAgreementJSON{Round: r.ID, Measured: a.Measured, Coders: a.Coders, Sample: len(r.Sample),
		Documents: a.Documents, Alpha: map[string]jsonFloat{}, Pairs: []roundPairJSON{}}
	for l, x := range a.Alpha {
		out.Alpha[l] = jsonFloat(nanIfNil(x))
	}
	for _, p := range a.Pairs {
		pj := roundPairJSON{A: p.A, B: p.B, Documents: p.Documents, Labels: map[string]measuresJSON{},
			Overall: measures(p.Counts.Overall())}
		for _, l := range p.Counts.Labels() {
			pj.Labels[l] = measures(*p.Counts[l])
		}
		out.Pairs = append(out.Pairs, pj)
	}
	return out
}

func nanIfNil(x *float64) float64 {
	if x == nil {
		return math.NaN() // cannot be computed
	}
	return *x
}

// printAgreement prints a round's agreement: alpha_U per label, then
// each pair's table.
func printAgreement(w io.Writer, r *round.Round, a *round.Agreement) {
	fmt.Fprintf(w, "overlap sample: %s; %s coded by all %s compared\n", plural(len(r.Sample), "document"),
		plural(a.Documents, "document"), plural(len(a.Coders), "coder"))
	labels := slices.Sorted(maps.Keys(a.Alpha))
	width := len("overall")
	for _, l := range labels {
		width = max(width, len(l))
	}
	for _, p := range a.Pairs {
		for _, l := range p.Counts.Labels() {
			width = max(width, len(l))
		}
	}
	fmt.Fprintf(w, "\nalpha_U per label, %s, %s\n", plural(len(a.Coders), "coder"), plural(a.Documents, "document"))
	if len(labels) == 0 {
		fmt.Fprintln(w, "  no spans")
	}
	for _, l := range labels {
		fmt.Fprintf(w, "  %-*s  %6s\n", width, annotate.Printable(l), fixed(nanIfNil(a.Alpha[l])))
	}
	for _, p := range a.Pairs {
		fmt.Fprintf(w, "\n%s vs %s (%s)\n", annotate.Printable(p.A), annotate.Printable(p.B), plural(p.Documents, "document"))
		fmt.Fprintf(w, "  %-*s  %7s  %7s  %8s  %10s  %6s\n", width, "label", "spans A", "spans B", "F1 exact", "F1 overlap", "kappa")
		row := func(label string, c review.LabelCounts) {
			fmt.Fprintf(w, "  %-*s  %7d  %7d  %8s  %10s  %6s\n", width, annotate.Printable(label), c.A, c.B,
				fixed(c.F1Exact()), fixed(c.F1Overlap()), fixed(c.Kappa()))
		}
		for _, l := range p.Counts.Labels() {
			row(l, *p.Counts[l])
		}
		row("overall", p.Counts.Overall())
	}
}
