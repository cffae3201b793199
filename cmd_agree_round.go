package main

import (
	"encoding/json"
	"fmt"
	"io"

	"claimdesk/annotate/round"
)

// agreeRound is agree -round: the agreement of a round's coders on its
// overlap sample, measured now from the spans collected into PROJECT.
func agreeRound(pos []string, id string, asJSON bool, stdout io.Writer) error {
	if len(pos) != 1 {
		return &usageError{"agree", "-round measures one PROJECT's round: need exactly one PROJECT"}
	}
	st, err := openProject(pos[0], true)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := findRound(st.Rounds, id)
	if err != nil {
		return fmt.Errorf("agree %s: %w", pos[0], err)
	}
	a, err := measureSample(st, r)
	if err != nil {
		return fmt.Errorf("agree %s: round %s: %w", pos[0], round.ShortID(r.ID), err)
	}
	if len(a.Coders) < 2 {
		return fmt.Errorf("agree %s: round %s: %s collected; agreement needs two", pos[0], round.ShortID(r.ID), plural(len(a.Coders), "coder's package"))
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(agreementJSON(r, a))
	}
	fmt.Fprintf(stdout, "round %s, ", round.ShortID(r.ID))
	round.WriteAgreement(stdout, r, a)
	fmt.Fprintf(stdout, "\n%s\n", kappaNote)
	return nil
}
