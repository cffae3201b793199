package app

import (
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Caret motion over the laid-out text: by grapheme cluster, by word (UAX
// #29, as selection snapping) and to the ends of lines. Offsets are code
// points.

// motionReach is how far, in code points, word motion looks around an
// offset for the words it steps over.
const motionReach = 256

// clusterStep returns the boundary of the grapheme cluster after off
// (right) or before it, so that the caret never lands inside an emoji
// sequence or a letter with its combining marks.
func (l *articleLayout) clusterStep(off int, right bool) int {
	off = min(max(off, 0), l.n)
	if right && off == l.n || !right && off == 0 {
		return off
	}
	// clusters never cross a line start: segment from the start of the
	// line (or, going left from a line's start, of the line before)
	i := l.lineOf(off)
	if !right && i > 0 && int(l.lines[i].start) == off {
		i--
	}
	from := 0
	if len(l.lines) > 0 {
		from = int(l.lines[i].start)
	}
	rest, state, cp := l.text[l.ix.Byte(from):], -1, from
	for len(rest) > 0 {
		var seg string
		seg, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		next := cp + utf8.RuneCountInString(seg)
		if right && next > off {
			return next
		}
		if !right && next >= off {
			return cp // the last boundary before off
		}
		cp = next
	}
	if right {
		return l.n
	}
	return cp
}

// words returns the words (UAX #29 word segments that are not white space)
// in a window of the text around off, as [start, end) pairs in text order,
// and the window's bounds.
func (l *articleLayout) words(off int) (segs [][2]int, lo, hi int) {
	lo, hi = max(off-motionReach, 0), min(off+motionReach, l.n)
	// start and end the window at white space, so that segmentation
	// begins on a true boundary
	for lo > 0 && !unicode.IsSpace(l.runeAt(lo-1)) && off-lo < 2*motionReach {
		lo--
	}
	for hi < l.n && !unicode.IsSpace(l.runeAt(hi)) && hi-off < 2*motionReach {
		hi++
	}
	rest, state, cp := l.text[l.ix.Byte(lo):l.ix.Byte(hi)], -1, lo
	for len(rest) > 0 {
		var seg string
		seg, rest, state = uniseg.FirstWordInString(rest, state)
		r, _ := utf8.DecodeRuneInString(seg)
		next := cp + utf8.RuneCountInString(seg)
		if !unicode.IsSpace(r) {
			segs = append(segs, [2]int{cp, next})
		}
		cp = next
	}
	return segs, lo, hi
}

// wordEndAfter returns the end of the first word that ends after off, or
// -1 if there is none.
func (l *articleLayout) wordEndAfter(off int) int {
	segs, _, _ := l.words(off)
	for _, s := range segs {
		if s[1] > off {
			return s[1]
		}
	}
	return -1
}

// wordEndBefore returns the end of the last word that ends before off, or
// -1.
func (l *articleLayout) wordEndBefore(off int) int {
	segs, _, _ := l.words(off)
	for k := len(segs) - 1; k >= 0; k-- {
		if segs[k][1] < off {
			return segs[k][1]
		}
	}
	return -1
}

// wordStartBefore returns the start of the last word that starts before
// off, or -1.
func (l *articleLayout) wordStartBefore(off int) int {
	segs, _, _ := l.words(off)
	for k := len(segs) - 1; k >= 0; k-- {
		if segs[k][0] < off {
			return segs[k][0]
		}
	}
	return -1
}

// wordStartAfter returns the start of the first word that starts after
// off, or -1.
func (l *articleLayout) wordStartAfter(off int) int {
	segs, _, _ := l.words(off)
	for _, s := range segs {
		if s[0] > off {
			return s[0]
		}
	}
	return -1
}

// lineBound returns the start (Home) or the end (End) of the display line
// holding off. The end of a line that wraps is before the space it wraps
// at, so that the caret stays on that line.
func (l *articleLayout) lineBound(off int, end bool) int {
	if len(l.lines) == 0 {
		return 0
	}
	ln := l.lines[l.lineOf(off)]
	if !end {
		return int(ln.start)
	}
	e := int(ln.end)
	for e > int(ln.start) && e < l.n && articleBreakSpace(l.runeAt(e-1)) && l.runeAt(e) != '\n' {
		e--
	}
	return e
}
