package main

import (
	"math"
	"time"

	"claimdesk/annotate/round"
)

// The round's agreement as status -json and agree -round -json print it.

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
