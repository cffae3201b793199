package app

import (
	"cmp"
	"fmt"
	"slices"
)

// A paragraph under many overlapping spans (2,000 in 1,200 code points)
// would be drawn as a fill, an underline and a tag per span and line it
// touches: hundreds of thousands of canvas objects, which the GL driver
// takes seconds and hundreds of megabytes to draw. What is drawn is
// bounded instead: the spans nested deeper than the lanes a line shows
// are drawn merged, one piece per label and stretch of text
// (mergeDeepPieces), tags of the same label pushed side by side are drawn
// as one "A×N" tag, and a line's tags that do not fit within the text's
// width are counted in one "+N" tag at its end (placeTags). Each object
// drawn costs the GL driver memory while a frame is drawn (Mesa's llvmpipe
// keeps about 25 KB per draw call of a frame in flight), so the objects
// of a crowded paragraph are what its window's memory grows with.

// mergeDeepPieces appends to out the pieces as they are drawn: those in
// lanes above deep, the selected one and colleagues' as they are, and
// those in lane deep or deeper, which all lie at the same place (the
// deepest lane drawn), merged into one piece per line, label colour and
// underline style and stretch of text they cover together.
func mergeDeepPieces(pieces []articlePiece, deep int, out []articlePiece) []articlePiece {
	for _, p := range pieces {
		if p.lane < deep || p.selected || p.other >= 0 {
			out = append(out, p)
		}
	}
	n := len(out)
	for _, p := range pieces {
		if !(p.lane < deep || p.selected || p.other >= 0) {
			p.lane, p.id = deep, ""
			out = append(out, p)
		}
	}
	deepOnes := out[n:]
	if len(deepOnes) < 2 {
		return out
	}
	slices.SortFunc(deepOnes, func(x, y articlePiece) int {
		return cmp.Or(cmp.Compare(x.line, y.line), cmpColor(x, y), cmp.Compare(x.underline, y.underline), cmp.Compare(x.x0, y.x0))
	})
	merged := out[:n]
	for _, p := range deepOnes {
		if k := len(merged) - 1; k >= n {
			q := &merged[k]
			if q.line == p.line && q.color == p.color && q.underline == p.underline && p.x0 <= q.x1 {
				q.x1 = max(q.x1, p.x1)
				continue
			}
		}
		merged = append(merged, p)
	}
	return merged
}

func cmpColor(x, y articlePiece) int {
	a, b := x.color, y.color
	return cmp.Or(cmp.Compare(a.R, b.R), cmp.Compare(a.G, b.G), cmp.Compare(a.B, b.B), cmp.Compare(a.A, b.A))
}

// placedTag is a tag where it is drawn: its box's left and width; more is
// 0 for a span's tag, else N of the "+N" tag that stands for the N tags
// of its line that did not fit.
type placedTag struct {
	articleTag
	x, w float32
	more int // the tags it stands for; 0 for a tag of its own
	n    int // for a tag of its own: the spans' tags it stands for (1, or N of "A×N")
}

// tagLabel is the text of a tag standing for n tags labelled short.
func tagLabel(short string, n int) string {
	if n > 1 {
		return fmt.Sprintf("%s×%d", short, n)
	}
	return short
}

// placeTags places the tags of lines, sorted by line and x, each box as
// wide as width gives (with its label, for n tags of that label), in one
// row per line from left to right, none left of its own x nor over the one
// before it, none past right. A tag that would be pushed right against the
// one before it joins the tag of the same label, colour and annotator in
// that run of tags pushed against each other, if there is one: the two are
// drawn as one box labelled "A×2" (tagLabel), as their places in the run
// say nothing of where their spans start. The tags that do
// not fit are left out and counted in a "+N" tag at the row's end
// (moreWidth gives its width), which takes the place of the tags before it
// as far as it needs.
func placeTags(tags []articleTag, width func(tg articleTag, n int) float32, moreWidth func(n int) float32, right float32, out []placedTag) []placedTag {
	for i := 0; i < len(tags); {
		j := i
		for j < len(tags) && tags[j].line == tags[i].line {
			j++
		}
		row := len(out)
		lastRight := float32(-1 << 30)
		hidden := 0
		cluster := row // the first tag of the run of tags pushed against each other
		for _, tg := range tags[i:j] {
			if hidden > 0 {
				hidden++
				continue
			}
			if len(out) > row && tg.x < lastRight+1 {
				// pushed: it joins a tag of its look in its cluster
				if k := sameTag(out[cluster:], tg); k >= 0 {
					p := &out[cluster+k]
					w := width(p.articleTag, p.n+1)
					if d := w - p.w; lastRight+d <= right {
						p.n++
						p.w = w
						for m := cluster + k + 1; m < len(out); m++ {
							out[m].x += d
						}
						lastRight += d
						continue
					}
				}
			} else {
				cluster = len(out)
			}
			w := width(tg, 1)
			x := max(tg.x, lastRight+1)
			if x+w > right {
				hidden++
				continue
			}
			out = append(out, placedTag{articleTag: tg, x: x, w: w, n: 1})
			lastRight = x + w
		}
		if hidden > 0 {
			// The "+N" tag: after the last placed tag when it fits, else
			// in the place of as many of them as it needs.
			for {
				n := hidden
				w := moreWidth(n)
				x := lastRight + 1
				if len(out) == row {
					x = max(tags[i].x, right-w)
				}
				if x+w <= right || len(out) == row {
					out = append(out, placedTag{articleTag: articleTag{line: tags[i].line}, x: min(x, max(right-w, 0)), w: w, more: n})
					break
				}
				hidden += out[len(out)-1].n
				out = out[:len(out)-1]
				if len(out) > row {
					last := out[len(out)-1]
					lastRight = last.x + last.w
				} else {
					lastRight = tags[i].x - 1
				}
			}
		}
		i = j
	}
	return out
}

// sameTag returns the index of the own tag in placed with tg's label,
// colour and annotator, or -1.
func sameTag(placed []placedTag, tg articleTag) int {
	for k, p := range placed {
		if p.more == 0 && p.short == tg.short && p.color == tg.color && p.other == tg.other {
			return k
		}
	}
	return -1
}
