package annotate

import "unicode"

// Where a span's ends go when a user moves them: the one rule a drag, a
// boundary handle and a keystroke share. A span's ends hold no white
// space, and punctuation at an end (a comma, a full stop, quotes,
// brackets, dashes) stays out of the span unless the user reached it: a
// drag reached it when the pointer passed its middle, a keystroke when it
// was already at that end of the span.
//
// The functions read the text through at, which returns the code point at
// an offset (0 outside the text); offsets are code points.

// IsEdgePunct reports whether r is punctuation a span's end leaves out
// unless the user reached it: Unicode punctuation of every kind (connector,
// dash, open, close, initial and final quotes, other), ASCII quotes among
// them.
func IsEdgePunct(r rune) bool { return unicode.IsPunct(r) }

// TrimStart moves s forward over white space, and over punctuation that
// starts before reach, the first offset the user reached: a mark at s
// stays when reach <= s. It stops at e.
func TrimStart(at func(int) rune, s, e, reach int) int {
	for s < e {
		r := at(s)
		if !unicode.IsSpace(r) && !(IsEdgePunct(r) && reach > s) {
			break
		}
		s++
	}
	return s
}

// TrimEnd moves e back over white space, and over punctuation that ends
// after reach, the last offset the user reached: a mark ending at e stays
// when reach >= e. It stops at s.
func TrimEnd(at func(int) rune, s, e, reach int) int {
	for e > s {
		r := at(e - 1)
		if !unicode.IsSpace(r) && !(IsEdgePunct(r) && reach < e) {
			break
		}
		e--
	}
	return e
}

// TrimEdges trims both ends of [s, e) (TrimStart with from, TrimEnd with
// to). An empty result is (s', s').
func TrimEdges(at func(int) rune, s, e, from, to int) (int, int) {
	s = TrimStart(at, s, e, from)
	e = TrimEnd(at, s, e, to)
	return s, e
}

// MoveBoundary moves one end of the span [s, e) by a word: its start
// (start) or its end, to the right (right) or to the left. words are the
// word segments (UAX #29, white space left out) around that end, in text
// order, as [start, end) pairs; each segment's start (for the span's start)
// or end is a place the boundary may go. Of these it takes the nearest one
// in the direction of the move at which, trimmed as TrimStart and TrimEnd
// trim, the boundary has moved: punctuation the span takes in when it
// grows stays out, and punctuation it comes to when it shrinks is left
// out. The span never becomes empty; ok is false when the boundary cannot
// move.
func MoveBoundary(at func(int) rune, words [][2]int, s, e int, start, right bool) (ns, ne int, ok bool) {
	const far = int(^uint(0) >> 1)
	try := func(k int) (int, int, bool) {
		w := words[k]
		switch {
		case start && !right: // grows: what was not in stays out
			ns := TrimStart(at, w[0], e, s)
			return ns, e, ns < s
		case start: // shrinks: punctuation at the new start goes
			ns := TrimStart(at, w[0], e, far)
			return ns, e, ns > s && ns < e
		case right: // grows
			ne := TrimEnd(at, s, w[1], e)
			return s, ne, ne > e
		default: // shrinks
			ne := TrimEnd(at, s, w[1], -far)
			return s, ne, ne < e && ne > s
		}
	}
	if right {
		for k := range words {
			if b := words[k][1]; !start && b <= e || start && words[k][0] <= s {
				continue
			}
			if ns, ne, ok := try(k); ok {
				return ns, ne, true
			}
		}
	} else {
		for k := len(words) - 1; k >= 0; k-- {
			if b := words[k][1]; !start && b >= e || start && words[k][0] >= s {
				continue
			}
			if ns, ne, ok := try(k); ok {
				return ns, ne, true
			}
		}
	}
	return s, e, false
}
