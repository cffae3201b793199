package suggest

import (
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
)

// Score counts how suggestions match a gold standard: Gold and Suggested
// are the items of each side, Exact and Overlap the matches (as
// review.Pairwise counts them for spans: same label and range, or same
// label and a shared code point, each item matched at most once). For
// links, Exact counts suggested links whose two ends match gold spans
// exactly, Overlap those whose ends overlap them, and the recall counts
// (GoldExact, GoldOverlap) the gold links so matched.
type Score struct {
	Gold, Suggested int
	Exact, Overlap  int
	// GoldExact and GoldOverlap are, for links only, the gold links a
	// suggested link matches; for spans they equal Exact and Overlap.
	GoldExact, GoldOverlap int
}

// Precision returns matches/Suggested for exact (or overlap) matches; 0
// when nothing was suggested.
func (s Score) Precision(overlap bool) float64 {
	m := s.Exact
	if overlap {
		m = s.Overlap
	}
	return ratio(m, s.Suggested)
}

// Recall returns the gold items matched over Gold; 0 when there is no
// gold item.
func (s Score) Recall(overlap bool) float64 {
	m := s.GoldExact
	if overlap {
		m = s.GoldOverlap
	}
	return ratio(m, s.Gold)
}

// F1 returns the harmonic mean of Precision and Recall; 0 when both are 0.
func (s Score) F1(overlap bool) float64 {
	p, r := s.Precision(overlap), s.Recall(overlap)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (s *Score) add(t Score) {
	s.Gold += t.Gold
	s.Suggested += t.Suggested
	s.Exact += t.Exact
	s.Overlap += t.Overlap
	s.GoldExact += t.GoldExact
	s.GoldOverlap += t.GoldOverlap
}

// Evaluation is the score of suggestions over a gold set.
type Evaluation struct {
	Labels    Labels
	Documents int
	Actor     Score
	Claim     Score
	Denial    Score
	Links     Score // SOURCE links
	// ByKind are the SOURCE links and statements of each pattern's
	// suggestions (their Gold fields are 0: recall is not by pattern).
	LinksByKind      map[Kind]*Score
	StatementsByKind map[Kind]*Score
}

// NewEvaluation returns an empty evaluation with labels.
func NewEvaluation(labels Labels) *Evaluation {
	return &Evaluation{Labels: labels, LinksByKind: map[Kind]*Score{}, StatementsByKind: map[Kind]*Score{}}
}

// Add scores the suggestions sugs of one gold document against its spans
// and links (all of them, whoever made them) and adds them up.
func (ev *Evaluation) Add(gold annotate.Record, sugs []Suggestion) {
	ev.Documents++
	l := ev.Labels
	sug := Record(gold.Document, sugs, l, Annotator, time.Time{}, nil)
	var goldSpans []annotate.Span
	for _, s := range gold.Spans {
		if s.Label == l.Actor || s.Label == l.Claim || (s.Label == l.Denial && l.Denial != "") {
			goldSpans = append(goldSpans, s)
		}
	}
	counts := review.Pairwise(gold.Document.Text, goldSpans, sug.Spans)
	for label, sc := range map[string]*Score{l.Actor: &ev.Actor, l.Claim: &ev.Claim, l.Denial: &ev.Denial} {
		if c, ok := counts[label]; ok && label != "" {
			sc.add(Score{Gold: c.A, Suggested: c.B, Exact: c.Exact, Overlap: c.Overlap, GoldExact: c.Exact, GoldOverlap: c.Overlap})
		}
	}

	gspans := map[string]annotate.Span{}
	for _, s := range goldSpans {
		gspans[s.ID] = s
	}
	sspans := map[string]annotate.Span{}
	for _, s := range sug.Spans {
		sspans[s.ID] = s
	}
	type end2 struct{ from, to annotate.Span }
	var glinks []end2
	for _, r := range gold.Relations {
		f, ok1 := gspans[r.From]
		t, ok2 := gspans[r.To]
		if r.Type == l.Source && ok1 && ok2 {
			glinks = append(glinks, end2{f, t})
		}
	}
	var links Score
	links.Gold = len(glinks)
	gotExact, gotOverlap := make([]bool, len(glinks)), make([]bool, len(glinks))
	// the suggestions' links are in the order of sugs (Record keeps it,
	// leaving out those without a label)
	ri := 0
	for _, s := range sugs {
		if l.Actor == "" || (s.Denial && l.Denial == "") || (!s.Denial && l.Claim == "") {
			continue
		}
		r := sug.Relations[ri]
		ri++
		f, t := sspans[r.From], sspans[r.To]
		exact, overlap := false, false
		for i, g := range glinks {
			ex := same(f, g.from) && same(t, g.to)
			ov := overlaps(f, g.from) && overlaps(t, g.to)
			if ex {
				exact, gotExact[i] = true, true
			}
			if ov {
				overlap, gotOverlap[i] = true, true
			}
		}
		one := Score{Suggested: 1}
		if exact {
			one.Exact = 1
		}
		if overlap {
			one.Overlap = 1
		}
		links.add(one)
		byKind(ev.LinksByKind, s.Kind).add(one)

		st := Score{Suggested: 1}
		for _, g := range goldSpans {
			if same(f, g) {
				st.Exact = 1
			}
			if overlaps(f, g) {
				st.Overlap = 1
			}
		}
		byKind(ev.StatementsByKind, s.Kind).add(st)
	}
	for i := range glinks {
		if gotExact[i] {
			links.GoldExact++
		}
		if gotOverlap[i] {
			links.GoldOverlap++
		}
	}
	ev.Links.add(links)
}

func byKind(m map[Kind]*Score, k Kind) *Score {
	if m[k] == nil {
		m[k] = &Score{}
	}
	return m[k]
}

// same reports whether two spans have the same label and range.
func same(a, b annotate.Span) bool {
	return a.Label == b.Label && a.Start == b.Start && a.End == b.End
}

// overlaps reports whether two spans have the same label and share a code
// point.
func overlaps(a, b annotate.Span) bool {
	return a.Label == b.Label && a.Start < b.End && b.Start < a.End
}
