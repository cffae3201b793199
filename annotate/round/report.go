package round

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
)

// The round's reports as text: claimdesk status and agree -round print
// them, and the window's Round status shows them.

// Row is a coder as the status lists them, with their mean F1 with the
// others (NaN when there is none).
type Row struct {
	Coder *Coder
	F1    float64
}

// Rows are the round's coders, furthest from the rest first
// (Agreement.Furthest), then those without a figure, then those not
// collected, in the round's order.
func (r *Round) Rows() []Row {
	var rows []Row
	if r.Agreement != nil {
		for _, d := range r.Agreement.Furthest() {
			if c, ok := r.Coder(d.Coder); ok {
				rows = append(rows, Row{c, d.F1})
			}
		}
	}
	for i := range r.Coders {
		c := &r.Coders[i]
		if !slices.ContainsFunc(rows, func(x Row) bool { return x.Coder.Name == c.Name }) {
			rows = append(rows, Row{c, math.NaN()})
		}
	}
	return rows
}

// Documents is the number of documents the round handed out.
func (r *Round) Documents() int {
	n := len(r.Sample)
	for _, c := range r.Coders {
		n += len(c.Documents) - len(r.Sample)
	}
	return n
}

// Since is how long before now t was, in its largest whole unit: "5m ago",
// "3h ago", "2d ago"; "never" for the zero time.
func Since(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := max(now.Sub(t), 0)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds ago", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh ago", int(d.Hours()))
	}
	return fmt.Sprintf("%dd ago", int(d.Hours()/24))
}

// WriteStatus writes where the round stands at now: a line on the round,
// a row per coder (Rows), then the sample's agreement as of the last
// collect (WriteAgreement).
func WriteStatus(w io.Writer, r *Round, now time.Time) {
	fmt.Fprintf(w, "round %s of %s: %s, %s, overlap sample %s (seed %d)\n", ShortID(r.ID),
		r.Created.Local().Format("2006-01-02 15:04"), plural(r.Documents(), "document"), plural(len(r.Coders), "coder"),
		plural(len(r.Sample), "document"), r.Seed)
	width := len("coder")
	for _, c := range r.Coders {
		width = max(width, len(annotate.Printable(c.Name)))
	}
	fmt.Fprintf(w, "\n  %-*s  %13s  %6s  %5s  %11s  %9s  %s\n", width, "coder", "done/assigned", "spans", "links", "last change", "collected", "agreement (mean F1 exact)")
	for _, row := range r.Rows() {
		c := row.Coder
		if !c.Returned() {
			fmt.Fprintf(w, "  %-*s  %13s  %6s  %5s  %11s  %9s  %s\n", width, annotate.Printable(c.Name),
				fmt.Sprintf("-/%d", len(c.Documents)), "-", "-", "-", "never", "-")
			continue
		}
		fmt.Fprintf(w, "  %-*s  %13s  %6d  %5d  %11s  %9s  %s\n", width, annotate.Printable(c.Name),
			fmt.Sprintf("%d/%d", len(c.Progress.Done), len(c.Documents)), c.Progress.Spans, c.Progress.Relations,
			Since(c.Progress.LastChange, now), Since(c.Returns[len(c.Returns)-1].At, now), three(row.F1))
	}
	if r.Agreement == nil {
		fmt.Fprintln(w, "\nno package collected yet: no agreement to show")
		return
	}
	fmt.Fprintln(w)
	WriteAgreement(w, r, r.Agreement)
}

// WriteAgreement writes a's figures of r's sample: alpha_U per label, then
// each pair's table of F1 exact, F1 overlap and kappa per label.
func WriteAgreement(w io.Writer, r *Round, a *Agreement) {
	fmt.Fprintf(w, "overlap sample: %s; %s coded by all %s compared\n", plural(len(r.Sample), "document"),
		plural(a.Documents, "document"), plural(len(a.Coders), "coder"))
	labels := slices.Sorted(maps.Keys(a.Alpha))
	width := len("overall")
	for _, l := range labels {
		width = max(width, len(annotate.Printable(l)))
	}
	for _, p := range a.Pairs {
		for _, l := range p.Counts.Labels() {
			width = max(width, len(annotate.Printable(l)))
		}
	}
	fmt.Fprintf(w, "\nalpha_U per label, %s, %s\n", plural(len(a.Coders), "coder"), plural(a.Documents, "document"))
	if len(labels) == 0 {
		fmt.Fprintln(w, "  no spans")
	}
	for _, l := range labels {
		x := math.NaN()
		if a.Alpha[l] != nil {
			x = *a.Alpha[l]
		}
		fmt.Fprintf(w, "  %-*s  %6s\n", width, annotate.Printable(l), three(x))
	}
	for _, p := range a.Pairs {
		fmt.Fprintf(w, "\n%s vs %s (%s)\n", annotate.Printable(p.A), annotate.Printable(p.B), plural(p.Documents, "document"))
		fmt.Fprintf(w, "  %-*s  %7s  %7s  %8s  %10s  %6s\n", width, "label", "spans A", "spans B", "F1 exact", "F1 overlap", "kappa")
		row := func(label string, c review.LabelCounts) {
			fmt.Fprintf(w, "  %-*s  %7d  %7d  %8s  %10s  %6s\n", width, annotate.Printable(label), c.A, c.B,
				three(c.F1Exact()), three(c.F1Overlap()), three(c.Kappa()))
		}
		for _, l := range p.Counts.Labels() {
			row(l, *p.Counts[l])
		}
		row("overall", p.Counts.Overall())
	}
}

// three formats a measure with three decimals, or "n/a" when it cannot
// be computed (NaN), as agree does.
func three(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", x)
}

// plural is "1 document", "2 documents".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
