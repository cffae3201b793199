package app

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

// artVisualString returns text's code points in visual order.
func artVisualString(text string, rtl bool) string {
	runes := []rune(text)
	var b strings.Builder
	for _, k := range bidiVisualOrder(bidiLevels(runes, rtl)) {
		b.WriteRune(runes[k])
	}
	return b.String()
}

func TestBidiVisualOrder(t *testing.T) {
	tests := []struct {
		name, text, want string
		rtl              bool // a right-to-left paragraph
	}{
		{"left to right only", "Mr Wang said, 1 200 words.", "Mr Wang said, 1 200 words.", false},
		{"a Hebrew run in Latin", "abc אבג דהו xyz", "abc והד גבא xyz", false},
		{"an Arabic name in brackets", "(in Arabic: إبراهيم الجعفري).", "(in Arabic: يرفعجلا ميهاربإ).", false},
		{"numbers inside Arabic read left to right", "and عام 2014 الجديد end", "and ديدجلا 2014 ماع end", false},
		{"a line that starts right to left in a left-to-right paragraph", "אבג דהו, then Latin.", "והד גבא, then Latin.", false},
		{"a decimal number", "מחיר 3.50 שקל", "לקש 3.50 ריחמ", false},
		{"a right-to-left paragraph with Latin inside", "אבג דהו, then Latin.", ".then Latin ,והד גבא", true},
		{"a right-to-left paragraph's number", "מחיר 3.50 שקל.", ".לקש 3.50 ריחמ", true},
		{"Latin first in a right-to-left paragraph's line", "Wang Yi אמר", "רמא Wang Yi", true},
		{"a right-to-left paragraph's line with no right-to-left letter", "Wang Yi, 2014.", ".Wang Yi, 2014", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := artVisualString(tt.text, tt.rtl); got != tt.want {
				t.Fatalf("visual order\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// artBidiText draws a line mixing Latin, Hebrew, Arabic with marks,
// digits, brackets, punctuation and emoji.
func artBidiText(t *rapid.T) string {
	parts := rapid.SliceOfN(rapid.SampledFrom([]string{
		"abc", "Wang", "אבג", "דהו", "إبراهيم", "الجعفري", "مُحَمَّد", "2014", "1,200", " ", " ", ",", ".", "(", ")", "“", "”", "👩‍👩‍👧", "e\u0301",
	}), 1, 14).Draw(t, "parts")
	return strings.Join(parts, "")
}

// artBidiXs gives each grapheme cluster of text a width (by its first
// byte, so that boxes differ) as articleLayout.xs does: the code points of
// a cluster share the x of its start.
func artBidiXs(text string) []float32 {
	m := newArticleMetrics(artFakeMeasure)
	xs, _ := m.appendPrefix(nil, 0, text)
	return append(xs, m.width(text))
}

// The visual order is a permutation of the code points; each code point
// is drawn by exactly one piece; the clusters' boxes tile the line without
// overlap; a click in the middle of a box finds its cluster, and the caret
// of every boundary is found again where it is drawn.
func TestLineVisualProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := artBidiText(t)
		runes := []rune(text)
		n := len(runes)
		rtl := rapid.Bool().Draw(t, "rtlParagraph")
		col := float32(rapid.IntRange(0, 400).Draw(t, "column"))
		order := bidiVisualOrder(bidiLevels(runes, rtl))
		seen := slices.Clone(order)
		slices.Sort(seen)
		for k := range seen {
			if seen[k] != k {
				t.Fatalf("visual order %v is not a permutation of %d code points", order, n)
			}
		}
		xs := artBidiXs(text)
		v := newLineVisual(text, xs, rtl, col)
		if v == nil {
			if bidiHasRTL(text) || rtl {
				t.Fatalf("no visual order for %q", text)
			}
			return
		}
		if want := max(col-xs[n], 0); rtl && v.left != want || !rtl && v.left != 0 {
			t.Fatalf("the line starts at %v, want %v (right-to-left paragraph %v, column %v)", v.left, want, rtl, col)
		}
		drawn := make([]int, n)
		x := v.left
		for _, p := range v.pieces {
			if p.x != x {
				t.Fatalf("piece %q at %v, want %v (pieces touch, left to right)", p.text, p.x, x)
			}
			x += xs[p.end] - xs[p.start]
			for k := p.start; k < p.end; k++ {
				drawn[k]++
			}
			if utf8.RuneCountInString(strings.TrimPrefix(p.text, bidiBaseline)) != p.end-p.start {
				t.Fatalf("piece %d-%d draws %q", p.start, p.end, p.text)
			}
		}
		for k, c := range drawn {
			if c != 1 {
				t.Fatalf("code point %d drawn %d times", k, c)
			}
		}
		if x != v.left+v.width || v.width != xs[n] {
			t.Fatalf("pieces end at %v, line width %v, logical width %v", x, v.width, xs[n])
		}
		boxes := v.ranges(0, n)
		if len(boxes) != 1 || boxes[0][0] != v.left || boxes[0][1] < v.left+v.width-0.01 {
			t.Fatalf("the boxes of all code points cover %v, want [%v, %v]", boxes, v.left, v.left+v.width)
		}
		var sum float32
		for k := range n {
			sum += v.x1[k] - v.x0[k]
			if v.x1[k] < v.x0[k] {
				t.Fatalf("code point %d has box %v-%v", k, v.x0[k], v.x1[k])
			}
			if v.x1[k] > v.x0[k] {
				if got, _ := v.hit((v.x0[k] + v.x1[k]) / 2); got != v.clStart[k] {
					t.Fatalf("a click in the box of code point %d (%q) found %d", k, runes[k], got)
				}
			}
		}
		if d := sum - v.width; d > 0.01 || d < -0.01 {
			t.Fatalf("boxes overlap or leave gaps: they sum to %v, line %v", sum, v.width)
		}
		for k := 0; k <= n; k++ {
			if k < n && v.clStart[k] != k {
				continue
			}
			x := v.caretX(k)
			if got := v.nearest(x); v.caretX(got) != x {
				t.Fatalf("the caret of %d at %v is found as %d at %v", k, x, got, v.caretX(got))
			}
		}
	})
}

// Right and Left move the caret one place on the screen: from the line's
// leftmost caret place, Right moves it right each time up to the
// rightmost, and Left comes back the same way.
func TestLineVisualCaretSteps(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := artBidiText(t)
		v := newLineVisual(text, artBidiXs(text), rapid.Bool().Draw(t, "rtlParagraph"), 300)
		if v == nil {
			return
		}
		bs := v.boundaries()
		k := bs[0] // the line's leftmost caret place
		x := v.caretX(k)
		right := v.caretX(bs[len(bs)-1])
		path := []int{k}
		for range 2 * len(v.x0) {
			next, ok := v.step(k, true, false)
			if !ok {
				break
			}
			if nx := v.caretX(next); nx <= x {
				t.Fatalf("Right from %d (x %v) went to %d (x %v)", k, x, next, nx)
			}
			k, x = next, v.caretX(next)
			path = append(path, k)
		}
		if x != right {
			t.Fatalf("Right stopped at %d (x %v) before the rightmost caret place %v; path %v", k, x, right, path)
		}
		for i := len(path) - 1; i > 0; i-- {
			back, ok := v.step(path[i], false, false)
			if !ok || v.caretX(back) != v.caretX(path[i-1]) {
				t.Fatalf("Left from %d went to %d (%v), want back to %d; path %v", path[i], back, ok, path[i-1], path)
			}
		}
	})
}

// Any text, bidirectional controls and paragraph separators included,
// gets a visual order that draws each code point once and finds every
// box again.
func TestLineVisualAnyText(t *testing.T) {
	withRTL := 0
	rapid.Check(t, func(t *rapid.T) {
		runes := rapid.SliceOfN(rapid.OneOf(
			rapid.Rune(),
			rapid.SampledFrom([]rune("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u2029\u0085 אבג،عم1٣(),.\u0301")),
		), 1, 40).Draw(t, "runes")
		text := articleSanitize(string(runes))
		if !utf8.ValidString(text) {
			return
		}
		v := newLineVisual(text, artBidiXs(text), rapid.Bool().Draw(t, "rtlParagraph"), 300)
		if v == nil {
			return
		}
		withRTL++
		n := utf8.RuneCountInString(text)
		drawn := make([]int, n)
		for _, p := range v.pieces {
			for k := p.start; k < p.end; k++ {
				drawn[k]++
			}
		}
		for k, c := range drawn {
			if c != 1 {
				t.Fatalf("code point %d of %q drawn %d times", k, text, c)
			}
		}
		for k := range n {
			if v.x1[k] > v.x0[k] {
				if got, _ := v.hit((v.x0[k] + v.x1[k]) / 2); got != v.clStart[k] {
					t.Fatalf("a click in the box of code point %d of %q found %d", k, text, got)
				}
			}
		}
	})
	if withRTL == 0 {
		t.Fatal("no text drawn had right-to-left characters")
	}
	t.Logf("%d texts with right-to-left characters", withRTL)
}
