package review

// This file holds Unitizing's streaming state: what it keeps of one label
// between documents, and the sweeps that sum the observed disagreement
// along the continuum as the documents arrive.

// labelStream is the streaming state of one label (see Unitizing): the
// histograms of unit and gap lengths for the expected disagreement, and
// for the observed disagreement each annotator's segments not yet passed
// by every sweep and each pair of annotators' sweep.
type labelStream struct {
	raters []raterStream // by annotator
	pairs  []pairSweep   // by pair of annotators a < b, ordered by a, then b
	units  map[int]int   // unit length → number of units, of all annotators
	gaps   map[int]int   // closed gap length → number of gaps, of all annotators
}

// raterStream is one annotator's tiling of the continuum for one label,
// as far as the sweeps still need it: the tiling's segments are numbered
// from 0 along the continuum; pending holds the closed ones from number
// first on, and an open gap, whose end is not known yet, runs from pos to
// the end of the continuum when pos is before it.
type raterStream struct {
	pending []segment // closed segments not yet passed by every sweep, in order
	first   int       // the number of pending[0] in the tiling
	pos     int       // the end of the annotator's last unit: the start of the open gap
}

// pairSweep is observedPair's merge sweep over two annotators' tilings,
// suspended where the segments it needs next are not closed yet: i and j
// are the numbers of the current segments of annotators a and b, and sum
// holds the distances of the pairs of segments passed.
type pairSweep struct {
	a, b int
	i, j int
	sum  float64
}

// newLabelStream returns the state of a label nobody has used yet: every
// annotator's tiling is one open gap from offset 0.
func newLabelStream(raters int) *labelStream {
	ls := &labelStream{
		raters: make([]raterStream, raters),
		units:  make(map[int]int),
		gaps:   make(map[int]int),
	}
	for a := range raters {
		for b := a + 1; b < raters; b++ {
			ls.pairs = append(ls.pairs, pairSweep{a: a, b: b})
		}
	}
	return ls
}

// add appends units, sorted, disjoint and after the annotator's earlier
// units, to annotator r's tiling: each closes the open gap before it, if
// any, and leaves an open gap after it.
func (ls *labelStream) add(r int, units []interval) {
	x := &ls.raters[r]
	for _, v := range units {
		if v.start > x.pos {
			x.pending = append(x.pending, segment{x.pos, v.start - x.pos, false})
			ls.gaps[v.start-x.pos]++
		}
		x.pending = append(x.pending, segment{v.start, v.end - v.start, true})
		ls.units[v.end-v.start]++
		x.pos = v.end
	}
}

// advance moves every sweep as far as the segments closed on a continuum
// of length code points decide it, and drops the segments every sweep has
// passed.
func (ls *labelStream) advance(length int) {
	for k := range ls.pairs {
		p := &ls.pairs[k]
		p.sweep(&ls.raters[p.a], &ls.raters[p.b], length, false)
	}
	for r := range ls.raters {
		x := &ls.raters[r]
		passed := x.first + len(x.pending)
		for _, p := range ls.pairs {
			switch r {
			case p.a:
				passed = min(passed, p.i)
			case p.b:
				passed = min(passed, p.j)
			}
		}
		n := copy(x.pending, x.pending[passed-x.first:])
		x.pending = x.pending[:n]
		x.first = passed
	}
}

// observed returns the sum over the pairs of annotators of their sums of
// distances, observedPair's, on the continuum ending at length: the
// sweeps are finished on copies, the open gaps closed at length.
func (ls *labelStream) observed(length int) float64 {
	var sum float64
	for _, p := range ls.pairs { // p is a copy: the state stays
		p.sweep(&ls.raters[p.a], &ls.raters[p.b], length, true)
		sum += p.sum
	}
	return sum
}

// closedGaps returns the histogram of gap lengths as it is when the
// continuum ends at length: the closed gaps, and the open gaps closed at
// length.
func (ls *labelStream) closedGaps(length int) []lengthCount {
	out := make([]lengthCount, 0, len(ls.gaps)+len(ls.raters))
	for l, c := range ls.gaps {
		out = append(out, lengthCount{l, c})
	}
	for _, x := range ls.raters {
		if x.pos < length {
			out = append(out, lengthCount{length - x.pos, 1})
		}
	}
	return out
}

// at returns segment k of the annotator's tiling of a continuum of length
// code points: a pending segment, or the open gap (open is then true),
// cut at length, unless final closes it there. ok is false when segment k
// is neither: passed by every sweep, or not known yet.
func (x *raterStream) at(k, length int, final bool) (s segment, open, ok bool) {
	switch i := k - x.first; {
	case i >= 0 && i < len(x.pending):
		return x.pending[i], false, true
	case i == len(x.pending) && x.pos < length:
		return segment{x.pos, length - x.pos, false}, !final, true
	}
	return segment{}, false, false
}

// sweep continues observedPair's sweep over the tilings of annotators a
// (x) and b (y) on a continuum of length code points, as far as their
// segments decide it; with final, the continuum ends at length and the
// sweep runs to its end.
//
// An open gap (not final) is cut at length, where its true end lies or
// beyond. Against a closed segment that ends before length, the cut gap
// has the distance and the order of ends that the whole gap has: a unit
// lies within a gap when it starts in it and ends before the gap's end,
// and measureDistance of a gap and a unit depends on nothing else. A
// closed segment ending at length, or two open gaps, wait for more of the
// continuum.
func (p *pairSweep) sweep(x, y *raterStream, length int, final bool) {
	for {
		g, gOpen, ok := x.at(p.i, length, final)
		if !ok {
			return
		}
		h, hOpen, ok := y.at(p.j, length, final)
		if !ok {
			return
		}
		ge, he := g.offset+g.length, h.offset+h.length
		if gOpen && (hOpen || he == length) || hOpen && ge == length {
			return
		}
		p.sum += measureDistance(g, h)
		if ge < he {
			p.i++
		} else if he < ge {
			p.j++
		} else {
			p.i++
			p.j++
		}
	}
}
