package round

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
)

// Agreement is the agreement of the coders on the overlap sample: the
// agree figures (review.MeasureProject), the coders being the sets.
type Agreement struct {
	Measured time.Time `json:"measured"`
	// Coders are the coders compared: those whose package was collected,
	// in the round's order.
	Coders []string `json:"coders"`
	// Documents is the number of sample documents every coder compared
	// coded (alpha_U is over those).
	Documents int         `json:"documents"`
	Pairs     []CoderPair `json:"pairs"`
	// Alpha is Krippendorff's alpha_U per label; nil where it cannot be
	// computed.
	Alpha map[string]*float64 `json:"alpha"`
}

// CoderPair is the counts of two coders over the sample documents both
// coded.
type CoderPair struct {
	A, B      string            `json:"-"`
	Pair      [2]string         `json:"pair"`
	Documents int               `json:"documents"`
	Counts    review.PairCounts `json:"counts"`
}

// SampleDoc is a sample document as the lead's project holds it: its
// text and all its spans, whoever made them, in any order. Measure
// copies the spans it keeps: the slice may be reused once fn returns.
type SampleDoc struct {
	ID, Title, Text string
	Spans           []annotate.Span
}

// Measure measures the agreement of the round's collected coders on the
// sample: forEach gives the sample's documents (it calls fn with each and
// stops at fn's first error). A coder's set of a document is their spans
// of it (Annotator), when they coded it as Coverage says (the round's
// record, Progress.Coded); a document they did not code is not theirs to
// compare.
func (r *Round) Measure(ctx context.Context, forEach func(fn func(SampleDoc) error) error) (*Agreement, error) {
	var coders []*Coder
	for i := range r.Coders {
		if r.Coders[i].Returned() {
			coders = append(coders, &r.Coders[i])
		}
	}
	cov := NewCoverage(r) // the one rule of which documents a coder coded
	index := map[string]int{}
	for i, c := range coders {
		index[c.Name] = i
	}
	n := len(coders)
	each := func(fn func(review.DocumentSets) error) error {
		return forEach(func(d SampleDoc) error {
			sets := make([][]annotate.Span, n)
			for i := range coders {
				if cov.Coding(d.ID, coders[i].Name, annotate.Record{}) == review.HasCoded {
					sets[i] = []annotate.Span{}
				}
			}
			for _, sp := range d.Spans {
				if i, ok := index[sp.Annotator]; ok && sets[i] != nil {
					sets[i] = append(sets[i], sp)
				}
			}
			return fn(review.DocumentSets{ID: d.ID, Title: d.Title, Text: d.Text, Sets: sets})
		})
	}
	figs, err := measureParallel(ctx, n, each)
	if err != nil {
		return nil, err
	}
	a := &Agreement{Measured: time.Now().UTC(), Coders: []string{}, Documents: figs.Compared,
		Pairs: []CoderPair{}, Alpha: map[string]*float64{}}
	for _, c := range coders {
		a.Coders = append(a.Coders, c.Name)
	}
	for _, p := range figs.Pairs {
		a.Pairs = append(a.Pairs, CoderPair{A: coders[p.A].Name, B: coders[p.B].Name,
			Pair: [2]string{coders[p.A].Name, coders[p.B].Name}, Documents: p.Documents, Counts: p.Counts})
	}
	for _, l := range figs.Alpha.Labels() {
		a.Alpha[l] = finite(figs.Alpha.Alpha(l))
	}
	return a, nil
}

// finite is x, or nil when x is NaN or infinite (cannot be computed).
func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// Fix restores the pairs' coder names after the Agreement was read from
// JSON.
func (a *Agreement) Fix() {
	for i := range a.Pairs {
		a.Pairs[i].A, a.Pairs[i].B = a.Pairs[i].Pair[0], a.Pairs[i].Pair[1]
	}
}

// Distance is a coder's agreement with the rest: the mean, over the pairs
// the coder is in that share a document, of the pair's overall exact F1.
type Distance struct {
	Coder string
	// F1 is the mean; NaN when the coder shares no sample document with
	// another.
	F1 float64
}

// Furthest returns each compared coder's agreement with the rest, the
// coders furthest from the rest (lowest mean F1) first, those without a
// figure last, then in the round's order.
func (a *Agreement) Furthest() []Distance {
	out := make([]Distance, len(a.Coders))
	for i, c := range a.Coders {
		sum, n := 0.0, 0
		for _, p := range a.Pairs {
			if (p.A == c || p.B == c) && p.Documents > 0 {
				sum += p.Counts.Overall().F1Exact()
				n++
			}
		}
		out[i] = Distance{Coder: c, F1: math.NaN()}
		if n > 0 {
			out[i].F1 = sum / float64(n)
		}
	}
	slices.SortStableFunc(out, func(x, y Distance) int {
		switch xn, yn := math.IsNaN(x.F1), math.IsNaN(y.F1); {
		case xn && yn:
			return 0
		case xn:
			return 1
		case yn:
			return -1
		}
		return cmp.Compare(x.F1, y.F1)
	})
	return out
}

// measureParallel is review.MeasureProject of n sets over every pair,
// the pairs shared out among as many workers as there are processors (the
// pairwise counts are most of the work: 190 pairs for 20 coders), each
// measuring every document for its pairs; alpha_U and the documents
// compared are the first worker's.
func measureParallel(ctx context.Context, n int, each func(fn func(review.DocumentSets) error) error) (*review.ProjectFigures, error) {
	all := review.AllPairs(n)
	workers := max(min(runtime.GOMAXPROCS(0), len(all)), 1)
	if workers == 1 {
		return review.MeasureProject(ctx, n, all, false, each, nil)
	}
	parts := make([][][2]int, workers)
	for i, p := range all {
		parts[i%workers] = append(parts[i%workers], p)
	}
	chans := make([]chan review.DocumentSets, workers)
	results := make([]*review.ProjectFigures, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		chans[w] = make(chan review.DocumentSets, 8)
		wg.Add(1)
		results[w] = review.NewProjectFigures(n, parts[w])
		results[w].PairsOnly = w > 0 // alpha_U is the first worker's
		go func() {
			defer wg.Done()
			errs[w] = results[w].Measure(ctx, func(fn func(review.DocumentSets) error) error {
				for d := range chans[w] {
					if err := fn(d); err != nil {
						for range chans[w] { // drain: the feeder does not stop
						}
						return err
					}
				}
				return nil
			}, nil)
		}()
	}
	err := each(func(d review.DocumentSets) error {
		for _, c := range chans {
			c <- d
		}
		return nil
	})
	for _, c := range chans {
		close(c)
	}
	wg.Wait()
	if err != nil {
		return nil, err
	}
	for _, e := range errs {
		if e != nil {
			return nil, e
		}
	}
	pairs := make([]review.SetPair, len(all))
	next := make([]int, workers)
	for i := range all {
		w := i % workers
		pairs[i] = results[w].Pairs[next[w]]
		next[w]++
	}
	out := results[0]
	out.Pairs = pairs
	return out, nil
}
