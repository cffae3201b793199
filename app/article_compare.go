package app

import (
	"fmt"
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
func comparedID(i int, id string) string { return fmt.Sprintf("%s%d:%s", comparedPrefix, i, id) }

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
		if _, other := a.others[s.ID]; !other {
			own = append(own, s)
		}
	}
	a.others = make(map[string]articleOther)
	for i, set := range sets {
		theirs := make([]annotate.Span, len(set.Spans))
		for k, s := range set.Spans {
			s.ID = comparedID(i, s.ID)
			a.others[s.ID] = articleOther{colleague: i, initials: set.Initials}
			theirs[k] = s
		}
		// The own spans are sorted; a colleague's usually are (one prefix
		// keeps their order): merging is linear, sorting is not.
		if !slices.IsSortedFunc(theirs, annotate.CompareSpans) {
			annotate.SortSpans(theirs)
		}
		own = mergeSorted(own, theirs)
	}
	a.spans.set(own)
	a.made, a.annotators = nil, 0
	if shown := countShown(sets); shown >= 2 {
		// who made each span key: bit 0 the document's own, bit i+1 colleague i
		a.made = make(map[madeKey]uint64, len(own))
		for _, s := range own {
			bit := uint64(1)
			if o, ok := a.others[s.ID]; ok {
				bit <<= uint(min(o.colleague+1, 63))
			}
			a.made[madeKey{s.Start, s.End, s.Label}] |= bit
		}
		a.annotators = shown + 1
	}
	if _, other := a.others[a.selectedSpan]; !other && a.selectedSpan != "" {
		if _, ok := a.spans.find(a.selectedSpan); !ok {
			a.selectedSpan = ""
		}
	}
	a.spansChanged()
}

// Compared returns how many colleagues' spans the article shows.
func (a *ArticleView) Compared() int { return len(a.others) }

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

// madeKey is a span's range and label: the spans of several annotators
// with one madeKey are the same span.
type madeKey struct {
	start, end int
	label      string
}

// MadeBy returns the "k/n" the tag of the span id shows (how many of the n
// annotators compared made it), or "".
func (a *ArticleView) MadeBy(id string) string {
	s, ok := a.spans.find(id)
	if !ok || a.made == nil {
		return ""
	}
	return a.madeBy(s)
}

// madeBy is MadeBy for a span of the index.
func (a *ArticleView) madeBy(s annotate.Span) string {
	if a.made == nil {
		return ""
	}
	return strconv.Itoa(bits.OnesCount64(a.made[madeKey{s.Start, s.End, s.Label}])) + "/" + strconv.Itoa(a.annotators)
}

// mergeSorted merges two slices in annotate.CompareSpans order.
func mergeSorted(x, y []annotate.Span) []annotate.Span {
	out := make([]annotate.Span, 0, len(x)+len(y))
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		if annotate.CompareSpans(x[i], y[j]) <= 0 {
			out = append(out, x[i])
			i++
		} else {
			out = append(out, y[j])
			j++
		}
	}
	out = append(out, x[i:]...)
	return append(out, y[j:]...)
}
