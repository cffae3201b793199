package app

import (
	"cmp"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"claimdesk/annotate"
)

// ComparedSpans are one colleague's spans of the document an ArticleView
// shows, for review: drawn outlined, not filled, each colleague with a
// border style of their own and their initials on the tags, so that whose
// span is whose shows without relying on colour.
type ComparedSpans struct {
	Initials string
	Spans    []annotate.Span
}

// articleOther is a colleague's span in the article's span index.
type articleOther struct {
	colleague int // index in the slice given to SetCompared: the border style
	initials  string
}

// comparedPrefix starts the ids the article gives colleagues' spans in its
// index, so that they never clash with the document's own.
const comparedPrefix = "cmp"

// comparedID is the id of colleague i's span id in the article.
func comparedID(i int, id string) string { return comparedPrefix + strconv.Itoa(i) + ":" + id }

// ComparedSpan reports whether an id the article reports (OnSpanSelected)
// is a colleague's span, and if so whose (the index given to SetCompared)
// and its own id.
func ComparedSpan(id string) (colleague int, spanID string, ok bool) {
	rest, found := strings.CutPrefix(id, comparedPrefix)
	if !found {
		return 0, "", false
	}
	num, sid, found := strings.Cut(rest, ":")
	i, err := strconv.Atoi(num)
	if !found || err != nil {
		return 0, "", false
	}
	return i, sid, true
}

// SetCompared shows colleagues' spans beside the document's own: sets[i]
// is colleague i's (nil or empty to show none of theirs). It replaces the
// colleagues' spans shown before; the document's own stay, and the text is
// not wrapped again. With two colleagues or more shown (three annotators
// or more), each span's tag says how many annotators made it: "2/3".
func (a *ArticleView) SetCompared(sets []ComparedSpans) {
	own := make([]annotate.Span, 0, len(a.spans.spans))
	for _, s := range a.spans.spans {
		if _, other := a.other(s.ID); !other {
			own = append(own, s)
		}
	}
	a.setCompared(own, sets)
}

// SetOwnAndCompared is SetCompared with the document's own spans given
// too (in annotate.CompareSpans order): when annotators of one project are
// compared, the own spans are the gold layer, and the annotators' spans
// show only as colleagues' (outlined).
func (a *ArticleView) SetOwnAndCompared(own []annotate.Span, sets []ComparedSpans) {
	a.setCompared(slices.Clone(own), sets)
}

func (a *ArticleView) setCompared(own []annotate.Span, sets []ComparedSpans) {
	total := 0
	for _, set := range sets {
		total += len(set.Spans)
	}
	a.annotators = 0
	if shown := countShown(sets); shown >= 2 {
		a.annotators = shown + 1 // the tags count who made each span (madeBy)
	}
	a.compared, a.nOthers = make([]string, len(sets)), total
	lists := [][]annotate.Span{own}
	for i, set := range sets {
		a.compared[i] = set.Initials
		theirs := make([]annotate.Span, len(set.Spans))
		for k, s := range set.Spans {
			s.ID = comparedID(i, s.ID)
			theirs[k] = s
		}
		// The own spans are sorted; a colleague's usually are (one prefix
		// keeps their order): merging is linear, sorting is not.
		if !slices.IsSortedFunc(theirs, annotate.CompareSpans) {
			annotate.SortSpans(theirs)
		}
		lists = append(lists, theirs)
	}
	a.spans.set(mergeSorted(lists...))
	if _, other := a.other(a.selectedSpan); !other && a.selectedSpan != "" {
		if _, ok := a.spans.find(a.selectedSpan); !ok {
			a.selectedSpan = ""
		}
	}
	a.spansChanged()
}

// Compared returns how many colleagues' spans the article shows.
func (a *ArticleView) Compared() int { return a.nOthers }

// other returns the colleague whose span in the index has the id (the
// index given to SetCompared, and their initials), and whether it is a
// colleague's span: their ids are made by comparedID.
func (a *ArticleView) other(id string) (articleOther, bool) {
	if len(a.compared) == 0 {
		return articleOther{}, false
	}
	i, _, ok := ComparedSpan(id)
	if !ok || i < 0 || i >= len(a.compared) {
		return articleOther{}, false
	}
	return articleOther{colleague: i, initials: a.compared[i]}, true
}

// countShown is how many colleagues have spans shown.
func countShown(sets []ComparedSpans) int {
	n := 0
	for _, s := range sets {
		if s.Spans != nil {
			n++
		}
	}
	return n
}

// MadeBy returns the "k/n" the tag of the span id shows (how many of the n
// annotators compared made it), or "".
func (a *ArticleView) MadeBy(id string) string {
	s, ok := a.spans.find(id)
	if !ok || a.annotators == 0 {
		return ""
	}
	return a.madeBy(s)
}

// madeBy is MadeBy for a span of the index: the spans with its start, end
// and label are next to each other in the index (CompareSpans order); each
// is the document's own or a colleague's, and each annotator counts once.
// It is worked out for the spans drawn, not for every span up front.
func (a *ArticleView) madeBy(s annotate.Span) string {
	if a.annotators == 0 {
		return ""
	}
	spans := a.spans.spans
	i, _ := slices.BinarySearchFunc(spans, s, func(x, t annotate.Span) int {
		if c := cmp.Compare(x.Start, t.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(t.End, x.End); c != 0 {
			return c
		}
		return cmp.Compare(x.Label, t.Label)
	})
	var made uint64 // bit 0 the document's own, bit i+1 colleague i
	for ; i < len(spans) && spans[i].Start == s.Start && spans[i].End == s.End && spans[i].Label == s.Label; i++ {
		bit := uint64(1)
		if o, ok := a.other(spans[i].ID); ok {
			bit <<= uint(min(o.colleague+1, 63))
		}
		made |= bit
	}
	return strconv.Itoa(bits.OnesCount64(made)) + "/" + strconv.Itoa(a.annotators)
}

// mergeSorted merges sorted slices in annotate.CompareSpans order into
// one, in one pass (spans of equal order from earlier slices first).
func mergeSorted(lists ...[]annotate.Span) []annotate.Span {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	out := make([]annotate.Span, 0, n)
	heads := make([]int, len(lists))
	for len(out) < n {
		best := -1
		for k, l := range lists {
			if heads[k] == len(l) {
				continue
			}
			if best < 0 || compareSpansAt(&l[heads[k]], &lists[best][heads[best]]) < 0 {
				best = k
			}
		}
		out = append(out, lists[best][heads[best]])
		heads[best]++
	}
	return out
}

// compareSpansAt is annotate.CompareSpans through pointers: start and end
// decide most comparisons without copying the spans.
func compareSpansAt(x, y *annotate.Span) int {
	if x.Start != y.Start {
		return cmp.Compare(x.Start, y.Start)
	}
	if x.End != y.End {
		return cmp.Compare(y.End, x.End)
	}
	return annotate.CompareSpans(*x, *y)
}
