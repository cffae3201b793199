package review

import (
	"cmp"
	"context"
	"slices"

	"claimdesk/annotate"
)

// DocumentSets is one document of a comparison with each set's spans of
// it: Sets[i] is set i's spans, nil when set i does not have the document
// (an empty, non-nil slice when it has the document without spans).
type DocumentSets struct {
	ID, Title, Text string
	Sets            [][]annotate.Span
}

// SetPair is a pair of sets whose agreement ProjectFigures add up, and
// the counts: A and B are indices of the sets.
type SetPair struct {
	A, B      int
	Counts    PairCounts
	Documents int // documents both sets have
}

// DocumentAgreement is how well the sets agree on one document: the
// lowest overall exact F1 among the pairs that both have it.
type DocumentAgreement struct {
	ID, Title string
	F1        float64
}

// ProjectFigures are the agreement figures of a project: pairwise counts
// over the documents each pair of sets shares, alpha_U over the documents
// every set has, and the documents by agreement. The window's "Measure the
// whole project" and the agree command both come from MeasureProject.
type ProjectFigures struct {
	Sets  int       // the number of sets
	Pairs []SetPair // in the order they were asked for
	// Alpha is alpha_U over the documents every set has (Compared).
	Alpha    *Unitizing
	Compared int // documents every set has
	Shared   int // documents at least one pair has
	// Documents are the shared documents, least agreement (lowest F1)
	// first, undefined F1 last, then in the order they were added; kept
	// only when asked for (Rank), as they grow with the project.
	Documents []DocumentAgreement
	// Rank asks Add to keep the Documents.
	Rank bool
	// PairsOnly asks Add to count the pairs only, leaving Alpha and
	// Compared as they are: a part of a measure shared out among workers
	// by pairs, whose alpha_U one of them computes.
	PairsOnly bool
}

// AllPairs returns every pair (i, j), i < j, of n sets, in order.
func AllPairs(n int) [][2]int {
	var out [][2]int
	for i := range n {
		for j := i + 1; j < n; j++ {
			out = append(out, [2]int{i, j})
		}
	}
	return out
}

// NewProjectFigures returns empty figures of n sets for the pairs asked
// for (AllPairs(n) for agree; (0, i) for a project against colleagues).
func NewProjectFigures(n int, pairs [][2]int) *ProjectFigures {
	f := &ProjectFigures{Sets: n, Alpha: NewUnitizing(n)}
	for _, p := range pairs {
		f.Pairs = append(f.Pairs, SetPair{A: p[0], B: p[1], Counts: PairCounts{}})
	}
	return f
}

// Add adds one document: the counts of each pair that both have it, alpha
// when every set has it, and the document's agreement when a pair has it.
func (f *ProjectFigures) Add(d DocumentSets) {
	if len(d.Sets) != f.Sets {
		panic("review: ProjectFigures.Add: wrong number of sets")
	}
	var text *Text
	// Each set is prepared once, for all the pairs it is in.
	prepared := make([]*PreparedSet, len(d.Sets))
	prepare := func(i int) *PreparedSet {
		if prepared[i] == nil {
			prepared[i] = text.Prepare(d.Sets[i])
		}
		return prepared[i]
	}
	worst, shared := 0.0, false
	for i := range f.Pairs {
		p := &f.Pairs[i]
		a, b := d.Sets[p.A], d.Sets[p.B]
		if a == nil || b == nil {
			continue
		}
		if text == nil {
			text = NewText(d.Text)
		}
		c := PairwisePrepared(text, prepare(p.A), prepare(p.B))
		p.Counts.Add(c)
		p.Documents++
		if x := c.Overall().F1Exact(); !shared || cmpF1(x, worst) < 0 {
			worst = x
		}
		shared = true
	}
	if !f.PairsOnly && !slices.ContainsFunc(d.Sets, func(s []annotate.Span) bool { return s == nil }) {
		f.Compared++
		f.Alpha.AddDocument(annotate.RuneCount(d.Text), d.Sets)
	}
	if shared {
		f.Shared++
		if f.Rank {
			f.Documents = append(f.Documents, DocumentAgreement{ID: d.ID, Title: d.Title, F1: worst})
		}
	}
}

// sortDocuments puts the documents least agreement first.
func (f *ProjectFigures) sortDocuments() {
	slices.SortStableFunc(f.Documents, func(a, b DocumentAgreement) int { return cmpF1(a.F1, b.F1) })
}

// cmpF1 orders F1 values, NaN (undefined) last.
func cmpF1(a, b float64) int {
	switch an, bn := a != a, b != b; {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	return cmp.Compare(a, b)
}

// MeasureProject measures the agreement of n sets over the documents
// forEach gives (it calls its fn with each, and stops at fn's first error,
// returning it), for the pairs asked for: see ProjectFigures; rank keeps
// the documents ranked by agreement (the window lists them; agree, which
// streams projects of any size, does without). progress,
// when not nil, is called with the number of documents measured so far,
// after every 64 and at the end. ctx is checked between documents.
func MeasureProject(ctx context.Context, n int, pairs [][2]int, rank bool, forEach func(fn func(DocumentSets) error) error, progress func(done int)) (*ProjectFigures, error) {
	f := NewProjectFigures(n, pairs)
	f.Rank = rank
	if err := f.Measure(ctx, forEach, progress); err != nil {
		return nil, err
	}
	return f, nil
}

// Measure is MeasureProject into f, which NewProjectFigures made, with
// the options set on it (Rank, PairsOnly).
func (f *ProjectFigures) Measure(ctx context.Context, forEach func(fn func(DocumentSets) error) error, progress func(done int)) error {
	done := 0
	err := forEach(func(d DocumentSets) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		f.Add(d)
		if done++; progress != nil && done%64 == 0 {
			progress(done)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if progress != nil {
		progress(done)
	}
	f.sortDocuments()
	return nil
}
