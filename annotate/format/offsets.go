package format

import (
	"fmt"
	"slices"
	"sort"
	"unicode/utf8"

	"claimdesk/annotate"
)

// The units a span's offsets can be counted in. Claimdesk counts Unicode
// code points; JavaScript and Java (Label Studio among them) count UTF-16
// code units; Python's bytes and most C libraries count UTF-8 bytes.
const (
	OffsetsCodepoint = "codepoint"
	OffsetsUTF16     = "utf16"
	OffsetsByte      = "byte"
)

// OffsetUnits lists the offset units, the default (code points) first.
var OffsetUnits = []string{OffsetsCodepoint, OffsetsUTF16, OffsetsByte}

// unitName names an offset unit in messages.
func unitName(unit string) string {
	switch unit {
	case OffsetsUTF16:
		return "UTF-16 code units"
	case OffsetsByte:
		return "UTF-8 bytes"
	}
	return "code points"
}

// checkUnit returns an EINVALID error for a unit that is not one of
// OffsetUnits ("" is the default, code points).
func checkUnit(unit string) error {
	if unit == "" || slices.Contains(OffsetUnits, unit) {
		return nil
	}
	return annotate.Errorf(annotate.EINVALID, "unknown offsets %q (want %s)", unit, orList(OffsetUnits))
}

// offsetIndex converts the offsets of one text between code points and
// another unit (UTF-16 code units or UTF-8 bytes).
type offsetIndex struct {
	unit string
	// units[i] is the offset in unit of code point i; len = code points+1.
	// It is nil when the text is ASCII, where every unit counts alike.
	units []int
}

// newOffsetIndex indexes text for unit; unit "" or OffsetsCodepoint gives
// an index that converts nothing.
func newOffsetIndex(text, unit string) *offsetIndex {
	ix := &offsetIndex{unit: unit}
	if unit == "" || unit == OffsetsCodepoint || isASCII(text) {
		return ix
	}
	ix.units = make([]int, 0, utf8.RuneCountInString(text)+1)
	u := 0
	for b, r := range text {
		if unit == OffsetsByte {
			u = b
		}
		ix.units = append(ix.units, u)
		if unit == OffsetsUTF16 {
			u += utf16Len(r)
		}
	}
	if unit == OffsetsByte {
		u = len(text)
	}
	ix.units = append(ix.units, u)
	return ix
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// utf16Len is the number of UTF-16 code units of r.
func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// toUnit returns code-point offset cp (0 <= cp <= code points) in the
// index's unit.
func (ix *offsetIndex) toUnit(cp int) int {
	if ix.units == nil {
		return cp
	}
	return ix.units[cp]
}

// toCodepoint returns the code-point offset of off, counted in the
// index's unit. An offset that is not on a code point boundary (inside a
// surrogate pair or a UTF-8 sequence) is an EINVALID error; one outside
// the text is returned as it is, for CheckRange to refuse.
func (ix *offsetIndex) toCodepoint(off int) (int, error) {
	if ix.units == nil || off < 0 {
		return off, nil
	}
	last := ix.units[len(ix.units)-1]
	if off > last {
		// Outside the text: keep it outside, by as much.
		return len(ix.units) - 1 + off - last, nil
	}
	i := sort.SearchInts(ix.units, off)
	if ix.units[i] != off {
		what := "a UTF-8 sequence"
		if ix.unit == OffsetsUTF16 {
			what = "a UTF-16 surrogate pair"
		}
		return 0, annotate.Errorf(annotate.EINVALID, "offset %d (%s) falls inside %s", off, unitName(ix.unit), what)
	}
	return i, nil
}

// spanIn returns text's slice start-end counted in ix's unit, and false
// when the offsets are outside the text (n code points), reversed or not
// on code point boundaries.
func spanIn(text string, n int, ix *offsetIndex, start, end int) (string, bool) {
	s, err1 := ix.toCodepoint(start)
	e, err2 := ix.toCodepoint(end)
	if err1 != nil || err2 != nil || s < 0 || s > e || e > n {
		return "", false
	}
	return annotate.SliceRunes(text, s, e)
}

// guessUnit returns the unit other than code points in which every one of
// claims gives its text, or "" when none does (or both do).
func guessUnit(text string, claims []claim) string {
	var found []string
	n := utf8.RuneCountInString(text)
	for _, unit := range []string{OffsetsByte, OffsetsUTF16} {
		ix := newOffsetIndex(text, unit)
		ok := len(claims) > 0
		for _, cl := range claims {
			if got, in := spanIn(text, n, ix, cl.start, cl.end); !in || got != cl.text {
				ok = false
				break
			}
		}
		if ok {
			found = append(found, unit)
		}
	}
	if len(found) != 1 {
		return ""
	}
	return found[0]
}

// unitHint explains offsets that seem to be in another unit than code
// points, for the error about a span of a line without "offsets".
func unitHint(text string, claims []claim) string {
	switch unit := guessUnit(text, claims); unit {
	case OffsetsByte:
		return fmt.Sprintf(`offsets must be Unicode code points; these look like UTF-8 byte offsets: mark the line "offsets": %q`, unit)
	case OffsetsUTF16:
		return fmt.Sprintf(`offsets must be Unicode code points; these look like UTF-16 offsets, as JavaScript and Java count: mark the line "offsets": %q`, unit)
	}
	return `offsets must be Unicode code points; was the file written with byte or UTF-16 offsets?`
}
