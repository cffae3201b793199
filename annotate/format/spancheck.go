package format

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"claimdesk/annotate"
)

// spanChecker checks spans against one document text.
type spanChecker struct {
	text   string
	n      int    // the text's length in code points
	unit   string // the unit of the offsets given to check ("" or OffsetsCodepoint: code points)
	units  *offsetIndex
	ulen   int // the text's length in unit
	ids    map[string]bool
	claims []claim // spans whose line gives their text, checked by verify
}

// claim is the text a line gives for the span start-end (code points),
// whose offsets the line gave as rawStart-rawEnd (in the checker's unit).
type claim struct {
	start, end       int
	rawStart, rawEnd int
	text             string
}

func newSpanChecker(text string) *spanChecker {
	return &spanChecker{text: text, n: utf8.RuneCountInString(text)}
}

// newUnitSpanChecker returns a checker of spans whose offsets are counted
// in unit (OffsetUnits), which check converts to code points.
func newUnitSpanChecker(text, unit string) *spanChecker {
	c := newSpanChecker(text)
	if unit != "" && unit != OffsetsCodepoint {
		c.unit = unit
		c.units = newOffsetIndex(text, unit)
		c.ulen = c.n
		if c.units.units != nil {
			c.ulen = c.units.units[c.n]
		}
	}
	return c
}

// check validates offsets, given in the checker's unit, and label, and
// returns the offsets in code points. When claimed is not nil, verify will
// check that the line's text for the span is text[start:end].
func (c *spanChecker) check(start, end int, label string, claimed *string) (int, int, error) {
	rawStart, rawEnd := start, end
	if c.units != nil {
		if start >= 0 && end > c.ulen {
			return 0, 0, annotate.Errorf(annotate.EINVALID, "span %d-%d lies outside the text (%d %s)", start, end, c.ulen, unitName(c.unit))
		}
		if err := annotate.CheckRange(start, end, c.ulen); err != nil {
			return 0, 0, err
		}
		var err error
		if start, err = c.units.toCodepoint(rawStart); err != nil {
			return 0, 0, fmt.Errorf("span %d-%d: start %w", rawStart, rawEnd, err)
		}
		if end, err = c.units.toCodepoint(rawEnd); err != nil {
			return 0, 0, fmt.Errorf("span %d-%d: end %w", rawStart, rawEnd, err)
		}
	}
	if err := annotate.CheckRange(start, end, c.n); err != nil {
		if claimed != nil && guessUnit(c.text, []claim{{start: start, end: end, text: *claimed}}) != "" {
			return 0, 0, fmt.Errorf("%w (%s)", err,
				unitHint(c.text, []claim{{start: start, end: end, text: *claimed}}))
		}
		return 0, 0, err
	}
	if label == "" {
		return 0, 0, annotate.Errorf(annotate.EINVALID, "span %d-%d has no label", rawStart, rawEnd)
	}
	if err := annotate.ValidateLabelName(label); err != nil {
		return 0, 0, annotate.Errorf(annotate.EINVALID, "span %d-%d: %s", rawStart, rawEnd, err.Error())
	}
	if claimed != nil {
		c.claims = append(c.claims, claim{start, end, rawStart, rawEnd, *claimed})
	}
	return start, end, nil
}

// verify checks the claimed span texts. It maps all their offsets to byte
// offsets in one walk of the text, without a RuneIndex: documents can be
// long, and most have few spans.
func (c *spanChecker) verify() error {
	if len(c.claims) == 0 {
		return nil
	}
	slice := func(start, end int) string { return c.text[start:end] }
	if c.n != len(c.text) {
		offs := make([]int, 0, 2*len(c.claims))
		for _, cl := range c.claims {
			offs = append(offs, cl.start, cl.end)
		}
		slices.Sort(offs)
		offs = slices.Compact(offs)
		pos := make([]int, len(offs))
		j, r := 0, 0
		for b := range c.text {
			for j < len(offs) && offs[j] == r {
				pos[j] = b
				j++
			}
			if j == len(offs) {
				break // the rest of the text holds no span's end
			}
			r++
		}
		for ; j < len(offs); j++ {
			pos[j] = len(c.text)
		}
		byteAt := func(off int) int {
			i, _ := slices.BinarySearch(offs, off)
			return pos[i]
		}
		slice = func(start, end int) string { return c.text[byteAt(start):byteAt(end)] }
	}
	for _, cl := range c.claims {
		got := slice(cl.start, cl.end)
		if got == cl.text {
			continue
		}
		if c.units != nil {
			return annotate.Errorf(annotate.EINVALID, "span %d-%d %q: the text at these offsets (%s) is %q",
				cl.rawStart, cl.rawEnd, clip(cl.text, 60), unitName(c.unit), clip(got, 60))
		}
		return annotate.Errorf(annotate.EINVALID, "span %d-%d %q: text[%d:%d] is %q (%s)",
			cl.start, cl.end, clip(cl.text, 60), cl.start, cl.end, clip(got, 60), unitHint(c.text, c.claims))
	}
	return nil
}

// addID records a span id, reporting a duplicate.
func (c *spanChecker) addID(id string) error {
	if id == "" {
		return nil
	}
	if c.ids == nil {
		c.ids = map[string]bool{}
	}
	if c.ids[id] {
		return annotate.Errorf(annotate.EINVALID, "duplicate span id %q", id)
	}
	c.ids[id] = true
	return nil
}

func checkRelation(where string, r annotate.Relation, spanIDs map[string]bool) error {
	if r.Type == "" {
		return annotate.Errorf(annotate.EINVALID, "%s has no type", where)
	}
	if err := annotate.ValidateLabelName(r.Type); err != nil {
		return annotate.Errorf(annotate.EINVALID, "%s: invalid relation type %q", where, r.Type)
	}
	for _, end := range [...]struct{ key, id string }{{"from", r.From}, {"to", r.To}} {
		if end.id == "" {
			return annotate.Errorf(annotate.EINVALID, "%s has no %q span", where, end.key)
		}
		if !spanIDs[end.id] {
			return annotate.Errorf(annotate.EINVALID, "%s: %q span %q is not among the line's spans", where, end.key, end.id)
		}
	}
	return nil
}
