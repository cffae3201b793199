package format

import (
	"slices"
	"unicode/utf16"
	"unicode/utf8"

	"claimdesk/annotate"
)

// spanChecker checks spans against one document text.
type spanChecker struct {
	text   string
	n      int // the text's length in code points
	ids    map[string]bool
	claims []claim // spans whose line gives their text, checked by verify
}

// claim is the text a line gives for the span start-end.
type claim struct {
	start, end int
	text       string
}

func newSpanChecker(text string) *spanChecker {
	return &spanChecker{text: text, n: utf8.RuneCountInString(text)}
}

// check validates offsets and label. When claimed is not nil, verify will
// check that the line's text for the span is text[start:end].
func (c *spanChecker) check(start, end int, label string, claimed *string) error {
	if err := annotate.CheckRange(start, end, c.n); err != nil {
		return err
	}
	if label == "" {
		return annotate.Errorf(annotate.EINVALID, "span %d-%d has no label", start, end)
	}
	if err := annotate.ValidateLabelName(label); err != nil {
		return annotate.Errorf(annotate.EINVALID, "span %d-%d: %s", start, end, err.Error())
	}
	if claimed != nil {
		c.claims = append(c.claims, claim{start, end, *claimed})
	}
	return nil
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
		if got := slice(cl.start, cl.end); got != cl.text {
			return annotate.Errorf(annotate.EINVALID, "span %d-%d %q: text[%d:%d] is %q (offsets must be Unicode code points; %s)",
				cl.start, cl.end, clip(cl.text, 60), cl.start, cl.end, clip(got, 60), offsetHint(c.text, cl.start, cl.end, cl.text))
		}
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

// offsetHint guesses which unit the offsets of a mismatched span were
// written in.
func offsetHint(text string, start, end int, want string) string {
	if start >= 0 && start <= end && end <= len(text) && text[start:end] == want {
		return "these look like UTF-8 byte offsets"
	}
	u := utf16.Encode([]rune(text))
	if start >= 0 && start <= end && end <= len(u) && string(utf16.Decode(u[start:end])) == want {
		return "these look like UTF-16 offsets, as JavaScript and Java count"
	}
	return "was the file written with byte or UTF-16 offsets?"
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
