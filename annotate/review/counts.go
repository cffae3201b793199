package review

import (
	"cmp"
	"maps"
	"slices"
	"unicode"
	"unicode/utf8"

	"claimdesk/annotate"
)

// TextKey is the key of PairCounts' entry for the text itself rather than a
// label (labels are never empty): its Neither counts the non-whitespace
// code points of the documents counted so far. Add needs it to count a
// document's code points as outside a label that has no span in that
// document, so Cohen's kappa covers every shared document. Labels and
// Overall leave it out.
const TextKey = ""

// PairCounts are two annotators' LabelCounts by label, plus the entry under
// TextKey. Start a sum with PairCounts{} and Add each document's Pairwise.
type PairCounts map[string]*LabelCounts

// Pairwise counts the agreement of annotators A (spans a) and B (spans b)
// on one document whose text is text, for each label of either side. Spans
// are clipped to the text for the code-point counts.
func Pairwise(text string, a, b []annotate.Span) PairCounts {
	return PairwiseText(NewText(text), a, b)
}

// Text is a document's text as Pairwise needs it: how many of its code
// points before each offset are not whitespace. Comparing one document
// with several colleagues, or again after each change, prepares it once.
type Text struct {
	nonSpace []int32 // nonSpace[i]: non-whitespace code points before offset i
}

// NewText prepares text for PairwiseText.
func NewText(text string) *Text {
	nonSpace := make([]int32, 1, len(text)+1)
	n := int32(0)
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf { // ASCII: most of a text
			if !asciiSpace[c] {
				n++
			}
			nonSpace = append(nonSpace, n)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			n++
		}
		nonSpace = append(nonSpace, n)
		i += size
	}
	return &Text{nonSpace: nonSpace}
}

// asciiSpace marks the ASCII characters unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// PairwiseText is Pairwise on a prepared text.
func PairwiseText(t *Text, a, b []annotate.Span) PairCounts {
	nonSpace := t.nonSpace
	n := len(nonSpace) - 1 // the text's length in code points
	total := int(nonSpace[n])

	byLabelA, byLabelB := unitsByLabel(a), unitsByLabel(b)
	p := PairCounts{TextKey: {Neither: total}}
	for _, label := range sortedUnion(byLabelA, byLabelB) {
		sa, sb := byLabelA[label], byLabelB[label]
		c := &LabelCounts{A: len(sa), B: len(sb)}
		c.Exact, c.Overlap = matchCounts(sa, sb)
		ua, ub := union(sa, n), union(sb, n)
		inA, inB := covered(ua, nonSpace), covered(ub, nonSpace)
		c.Both = intersection(ua, ub, nonSpace)
		c.OnlyA = inA - c.Both
		c.OnlyB = inB - c.Both
		c.Neither = total - c.Both - c.OnlyA - c.OnlyB
		p[label] = c
	}
	return p
}

// Add adds q's counts to p's, label by label. A label that only one of them
// has counts the other's code points (its TextKey entry) as Neither: a
// document without a span of the label has all its text outside it.
func (p PairCounts) Add(q PairCounts) {
	var pText, qText int
	if t := p[TextKey]; t != nil {
		pText = t.Neither
	}
	if t := q[TextKey]; t != nil {
		qText = t.Neither
	}
	for label, c := range p {
		if _, ok := q[label]; !ok && label != TextKey {
			c.Neither += qText
		}
	}
	for label, d := range q {
		if label == TextKey {
			continue
		}
		if c, ok := p[label]; ok {
			c.Add(*d)
			continue
		}
		c := *d
		c.Neither += pText
		p[label] = &c
	}
	if t := p[TextKey]; t != nil {
		t.Neither += qText
	} else {
		p[TextKey] = &LabelCounts{Neither: qText}
	}
}

// Labels returns the labels counted, sorted, without TextKey.
func (p PairCounts) Labels() []string {
	labels := make([]string, 0, len(p))
	for label := range p {
		if label != TextKey {
			labels = append(labels, label)
		}
	}
	slices.Sort(labels)
	return labels
}

// Overall returns the micro-average: the sum of the counts over all labels.
// Its F1 pools the spans of every label; its Kappa pools the (label, code
// point) units.
func (p PairCounts) Overall() LabelCounts {
	var sum LabelCounts
	for _, label := range p.Labels() {
		sum.Add(*p[label])
	}
	return sum
}

// unitsByLabel groups the units of spans by label.
func unitsByLabel(spans []annotate.Span) map[string][]mspan {
	n := make(map[string]int)
	for i := range spans {
		n[spans[i].Label]++
	}
	m := make(map[string][]mspan, len(n))
	for label, k := range n {
		m[label] = make([]mspan, 0, k)
	}
	for i := range spans {
		s := &spans[i]
		m[s.Label] = append(m[s.Label], mspan{s.Start, s.End, s.Label})
	}
	return m
}

// byLabel groups spans by label.
func byLabel(spans []annotate.Span) map[string][]annotate.Span {
	// Sized first: appending thousands of spans would copy them again at
	// every growth.
	n := make(map[string]int)
	for i := range spans {
		n[spans[i].Label]++
	}
	m := make(map[string][]annotate.Span, len(n))
	for label, k := range n {
		m[label] = make([]annotate.Span, 0, k)
	}
	for i := range spans {
		m[spans[i].Label] = append(m[spans[i].Label], spans[i])
	}
	return m
}

// sortedUnion returns the keys of either map, sorted.
func sortedUnion[V any](x, y map[string]V) []string {
	keys := slices.Collect(maps.Keys(x))
	for k := range y {
		if _, ok := x[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// matchCounts returns the number of exact pairs of a and b (one label's
// spans: the same start and end, each span paired at most once) and the
// number of pairs greedyMatch makes of them by overlap. It takes the exact
// pairs first, without sorting them with the rest: an exact pair overlaps
// by the whole of both spans, more than either can overlap any other, and
// greedyMatch puts exact pairs first among equal overlaps, so it makes
// every exact pair it can, the k-th copy of a range on one side with the
// k-th on the other. Only the spans left are paired by overlap. Empty
// spans pair exactly but overlap nothing.
func matchCounts(a, b []mspan) (exact, overlap int) {
	type rng struct{ start, end int }
	// b's unpaired copies of each range, in order: head and a chain.
	head := make(map[rng]int32, len(b))
	chain := make([]int32, len(b))
	for j := len(b) - 1; j >= 0; j-- {
		r := rng{b[j].start, b[j].end}
		chain[j] = -1
		if h, ok := head[r]; ok {
			chain[j] = h
		}
		head[r] = int32(j)
	}
	usedA, usedB := make([]bool, len(a)), make([]bool, len(b))
	for i := range a {
		r := rng{a[i].start, a[i].end}
		j, ok := head[r]
		if !ok {
			continue
		}
		usedA[i], usedB[j] = true, true
		if chain[j] >= 0 {
			head[r] = chain[j]
		} else {
			delete(head, r)
		}
		exact++
		if a[i].end > a[i].start {
			overlap++
		}
	}
	restA, _ := unused(a, usedA)
	restB, _ := unused(b, usedB)
	cands := overlapPairs(restA, restB)
	return exact, overlap + len(greedyMatch(cands, restA, restB, make([]bool, len(restA)), make([]bool, len(restB))))
}

// interval is a half-open range of code points.
type interval struct{ start, end int }

// union returns the ranges covered by spans, clipped to [0, textLen], as
// sorted, disjoint intervals.
func union(spans []mspan, textLen int) []interval {
	iv := make([]interval, 0, len(spans))
	for _, s := range spans {
		start, end := max(s.start, 0), min(s.end, textLen)
		if end > start {
			iv = append(iv, interval{start, end})
		}
	}
	slices.SortFunc(iv, func(x, y interval) int { return cmp.Compare(x.start, y.start) })
	out := iv[:0]
	for _, v := range iv {
		if n := len(out); n > 0 && v.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, v.end)
			continue
		}
		out = append(out, v)
	}
	return out
}

// covered counts the non-whitespace code points in the disjoint intervals.
func covered(iv []interval, nonSpace []int32) int {
	n := 0
	for _, v := range iv {
		n += int(nonSpace[v.end] - nonSpace[v.start])
	}
	return n
}

// intersection counts the non-whitespace code points in both sorted lists
// of disjoint intervals.
func intersection(x, y []interval, nonSpace []int32) int {
	n := 0
	for i, j := 0, 0; i < len(x) && j < len(y); {
		start, end := max(x[i].start, y[j].start), min(x[i].end, y[j].end)
		if end > start {
			n += int(nonSpace[end] - nonSpace[start])
		}
		if x[i].end < y[j].end {
			i++
		} else {
			j++
		}
	}
	return n
}
