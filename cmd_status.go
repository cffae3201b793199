package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"claimdesk/annotate/round"
)

var statusCommand = command{
	name:  "status",
	usage: "status PROJECT [-round ID] [-json]",
	help: `Show where a round stands (the latest round, or -round ID: its id, the
8 characters status shows of it, or "latest"). Per coder: documents done of those assigned,
spans and links, the time since the coder's last change (the latest span
made or changed), and when the package was last collected (a collect
that brought something); uncollected coders show "-". For the overlap sample: alpha_U per label over the
sample documents every collected coder coded (done, or with spans), and
per pair of coders F1 exact, F1 overlap and kappa per label (the figures
of "claimdesk agree"), as measured at the last collect. Coders are listed
furthest from the rest first: by the mean, over their pairs, of the
overall exact F1.

The counts are kept per coder by collect, so status reads no spans. The
window's View → Round status… shows the same for the latest round.
-json prints {"round", "created", "seed", "overlap", "documents",
"sample", "coders": [{"name", "assigned", "done", "spans", "links",
"last_change", "seconds_since_change", "collected", "returns", "f1"}],
"agreement": as agree -round -json prints it, or null}.`,
}

func runStatus(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	roundID := fs.String("round", "", "the round: its id, the 8 characters status shows, or latest (the default)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, statusCommand, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{"status", "need exactly one PROJECT"}
	}
	st, err := openProject(pos[0], true)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := findRound(st.Rounds, *roundID)
	if err != nil {
		return fmt.Errorf("status %s: %w", pos[0], err)
	}
	now := time.Now()
	rows := r.Rows()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(statusJSON(r, rows, now))
	}
	round.WriteStatus(stdout, r, now)
	return nil
}

// findRound returns the round id names (round.Find) among those rounds
// gives, or the latest when id is "" or "latest".
func findRound(rounds func() ([]round.Round, error), id string) (*round.Round, error) {
	rs, err := rounds()
	if err != nil {
		return nil, err
	}
	if (id == "" || id == "latest") && len(rs) > 0 {
		return &rs[len(rs)-1], nil
	}
	return round.Find(rs, id)
}

type coderJSON struct {
	Name         string         `json:"name"`
	Assigned     int            `json:"assigned"`
	Done         *int           `json:"done"`
	Spans        *int           `json:"spans"`
	Links        *int           `json:"links"`
	LastChange   *time.Time     `json:"last_change"`
	SecondsSince *int64         `json:"seconds_since_change"`
	Collected    *time.Time     `json:"collected"`
	Returns      []round.Return `json:"returns"`
	F1           jsonFloat      `json:"f1"`
}

type statusOut struct {
	Round     string              `json:"round"`
	Created   time.Time           `json:"created"`
	Seed      uint64              `json:"seed"`
	Overlap   float64             `json:"overlap"`
	Documents int                 `json:"documents"`
	Sample    int                 `json:"sample"`
	Coders    []coderJSON         `json:"coders"`
	Agreement *roundAgreementJSON `json:"agreement"`
}

func statusJSON(r *round.Round, rows []round.Row, now time.Time) statusOut {
	out := statusOut{Round: r.ID, Created: r.Created, Seed: r.Seed, Overlap: r.Overlap, Documents: r.Documents(),
		Sample: len(r.Sample), Coders: []coderJSON{}}
	for _, row := range rows {
		c := row.Coder
		cj := coderJSON{Name: c.Name, Assigned: len(c.Documents), Returns: c.Returns, F1: jsonFloat(row.F1)}
		if cj.Returns == nil {
			cj.Returns = []round.Return{}
		}
		if c.Returned() {
			p := c.Progress
			done, spans, links := len(p.Done), p.Spans, p.Relations
			cj.Done, cj.Spans, cj.Links = &done, &spans, &links
			at := c.Returns[len(c.Returns)-1].At
			cj.Collected = &at
			if !p.LastChange.IsZero() {
				lc := p.LastChange
				secs := int64(max(now.Sub(lc), 0) / time.Second)
				cj.LastChange, cj.SecondsSince = &lc, &secs
			}
		}
		out.Coders = append(out.Coders, cj)
	}
	if r.Agreement != nil {
		a := agreementJSON(r, r.Agreement)
		out.Agreement = &a
	}
	return out
}
