package round

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"claimdesk/annotate"
)

// Doc is a document to hand out: its id and its text's length in code
// points.
type Doc struct {
	ID     string
	Length int
}

// Assignment is how a round shares out its documents.
type Assignment struct {
	// Sample is the overlap sample, in the documents' order.
	Sample []string
	// Coders are the coders' documents (their share and the sample), in
	// the documents' order, with their length, as Round.Coders holds them.
	Coders []Coder
}

// SampleSize is the number of documents of the overlap sample: the share
// overlap (0 to 1) of n, rounded to the nearest; at least one when the
// share asked is above 0 and there is a document.
func SampleSize(n int, overlap float64) int {
	k := int(math.Round(overlap * float64(n)))
	if k == 0 && overlap > 0 && n > 0 {
		k = 1
	}
	return min(k, n)
}

// CheckCoders checks the coders' names: at least one, none empty, none
// repeated, none holding "+" (gold spans join annotators with it), a
// comma or a control character.
func CheckCoders(names []string) error {
	if len(names) == 0 {
		return annotate.Errorf(annotate.EINVALID, "no coders")
	}
	for i, n := range names {
		if strings.TrimSpace(n) != n || n == "" {
			return annotate.Errorf(annotate.EINVALID, "coder %d has an empty name, or one with spaces around it", i+1)
		}
		if strings.ContainsAny(n, "+,/\\") || strings.ContainsFunc(n, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return annotate.Errorf(annotate.EINVALID, "coder name %q holds a character a coder's name cannot have (+ , / \\ or a control character)", n)
		}
		if slices.Contains(names[:i], n) {
			return annotate.Errorf(annotate.EINVALID, "coder %q is named twice", n)
		}
	}
	return nil
}

// Assign shares docs (in the project's order) out among coders: a sample
// of SampleSize(len(docs), overlap) documents, chosen at random with seed
// (the same seed, documents and overlap choose the same sample), goes to
// every coder; the others go one coder each, balanced by length: longest
// first, each to the coder with the least text so far (then the fewest
// documents, then the first named), so that no coder has more than one
// document's length above another. Each coder's documents keep the
// project's order, so that the sample does not stand out.
func Assign(docs []Doc, coders []string, overlap float64, seed uint64) (Assignment, error) {
	if err := CheckCoders(coders); err != nil {
		return Assignment{}, err
	}
	if overlap < 0 || overlap > 1 || math.IsNaN(overlap) {
		return Assignment{}, annotate.Errorf(annotate.EINVALID, "overlap %v is not a share from 0 to 1", overlap)
	}
	if len(docs) == 0 {
		return Assignment{}, annotate.Errorf(annotate.EINVALID, "no documents to hand out")
	}
	k := SampleSize(len(docs), overlap)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	perm := rng.Perm(len(docs))
	inSample := make([]bool, len(docs))
	for _, i := range perm[:k] {
		inSample[i] = true
	}
	owner := make([]int, len(docs)) // coder index, -1 for the sample
	rest := make([]int, 0, len(docs)-k)
	for i := range docs {
		if inSample[i] {
			owner[i] = -1
		} else {
			rest = append(rest, i)
		}
	}
	slices.SortStableFunc(rest, func(a, b int) int {
		return cmp.Or(cmp.Compare(docs[b].Length, docs[a].Length), cmp.Compare(docs[a].ID, docs[b].ID))
	})
	length := make([]int, len(coders))
	count := make([]int, len(coders))
	for _, i := range rest {
		best := 0
		for c := 1; c < len(coders); c++ {
			if length[c] < length[best] || length[c] == length[best] && count[c] < count[best] {
				best = c
			}
		}
		owner[i] = best
		length[best] += docs[i].Length
		count[best]++
	}
	out := Assignment{Coders: make([]Coder, len(coders))}
	for c, name := range coders {
		out.Coders[c].Name = name
		out.Coders[c].Documents = make([]string, 0, count[c]+k)
	}
	for i, d := range docs {
		if owner[i] >= 0 {
			c := &out.Coders[owner[i]]
			c.Documents = append(c.Documents, d.ID)
			c.Length += d.Length
			continue
		}
		out.Sample = append(out.Sample, d.ID)
		for c := range out.Coders {
			out.Coders[c].Documents = append(out.Coders[c].Documents, d.ID)
			out.Coders[c].Length += d.Length
		}
	}
	return out, nil
}

// ParseCoders splits a comma-separated list of coders' names and checks
// them (CheckCoders).
func ParseCoders(list string) ([]string, error) {
	var names []string
	for _, n := range strings.Split(list, ",") {
		names = append(names, strings.TrimSpace(n))
	}
	if err := CheckCoders(names); err != nil {
		return nil, fmt.Errorf("-coders %q: %w", list, err)
	}
	return names, nil
}
