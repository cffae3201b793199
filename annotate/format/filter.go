package format

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"claimdesk/annotate"
)

// Filter chooses what an export of training data holds: documents by
// status, spans by label and annotator. A relation is kept only when both
// its spans are. The zero Filter keeps everything.
type Filter struct {
	Status    annotate.Status // "": any status
	Labels    []string        // nil: every label
	Annotator string          // "": every annotator
}

// Apply returns the record as the filter leaves it, and whether the
// document is kept at all.
func (f Filter) Apply(rec annotate.Record) (annotate.Record, bool) {
	if f.Status != "" && rec.Document.Status != f.Status {
		return rec, false
	}
	if f.Labels == nil && f.Annotator == "" {
		return rec, true
	}
	kept := make(map[string]bool, len(rec.Spans))
	spans := make([]annotate.Span, 0, len(rec.Spans))
	for _, s := range rec.Spans {
		if (f.Labels == nil || slices.Contains(f.Labels, s.Label)) && (f.Annotator == "" || s.Annotator == f.Annotator) {
			spans = append(spans, s)
			kept[s.ID] = true
		}
	}
	var rels []annotate.Relation
	for _, r := range rec.Relations {
		if kept[r.From] && kept[r.To] {
			rels = append(rels, r)
		}
	}
	rec.Spans, rec.Relations = spans, rels
	return rec, true
}

// Source returns src with the filter applied to its records.
func (f Filter) Source(src Source) Source {
	return Source{Total: src.Total, ForEach: func(fn func(annotate.Record) error) error {
		return src.ForEach(func(rec annotate.Record) error {
			if rec, ok := f.Apply(rec); ok {
				return fn(rec)
			}
			return nil
		})
	}}
}

// Split divides documents among parts (train, dev, test) in proportion to
// its percentages, at random but reproducibly: a document's part depends
// only on its id and the seed, so it stays in the same part for the same
// seed however many documents are added to the project.
type Split struct {
	Percent []int // e.g. 80, 10, 10: summing to 100
	Seed    int64
}

// ParseSplit reads "80/10/10" (two or three parts summing to 100). Its
// error is EINVALID.
func ParseSplit(s string, seed int64) (Split, error) {
	var pct []int
	sum := 0
	for _, f := range strings.Split(s, "/") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			return Split{}, annotate.Errorf(annotate.EINVALID, "split %q: %q is not a percentage (want e.g. 80/10/10)", s, f)
		}
		pct = append(pct, n)
		sum += n
	}
	if len(pct) < 2 || len(pct) > 3 || sum != 100 {
		return Split{}, annotate.Errorf(annotate.EINVALID, "split %q: want two or three percentages that add up to 100, as 80/10/10", s)
	}
	return Split{Percent: pct, Seed: seed}, nil
}

// SplitNames are the names of the parts of a split, in order.
var SplitNames = []string{"train", "dev", "test"}

// Part returns the part (an index into Percent) of the document id.
func (sp Split) Part(id string) int {
	h := fnv.New64a()
	var seed [8]byte
	binary.BigEndian.PutUint64(seed[:], uint64(sp.Seed))
	h.Write(seed[:])
	h.Write([]byte(id))
	x := int(h.Sum64() % 10000) // in hundredths of a percent
	acc := 0
	for i, p := range sp.Percent {
		acc += p * 100
		if x < acc {
			return i
		}
	}
	return len(sp.Percent) - 1
}

// Source returns the documents of src in part i.
func (sp Split) Source(src Source, i int) Source {
	return Source{ForEach: func(fn func(annotate.Record) error) error {
		return src.ForEach(func(rec annotate.Record) error {
			if sp.Part(rec.Document.ID) == i {
				return fn(rec)
			}
			return nil
		})
	}}
}

// SplitPath names part i's file after path: "out.jsonl" → "out.train.jsonl".
func SplitPath(path string, i int) string {
	dir, base := "", path
	if k := strings.LastIndexAny(path, `/\`); k >= 0 {
		dir, base = path[:k+1], path[k+1:]
	}
	if k := strings.Index(base, "."); k > 0 {
		return fmt.Sprintf("%s%s.%s%s", dir, base[:k], SplitNames[i], base[k:])
	}
	return fmt.Sprintf("%s%s.%s", dir, base, SplitNames[i])
}
