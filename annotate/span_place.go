package annotate

import (
	"strconv"
	"strings"
)

// Context of a span in SpanPlace: words either side, and the most code
// points of the span's own text shown.
const (
	placeWords   = 3
	placeSpanMax = 40
)

// SpanPlace tells apart spans with the same text in a list (the menu of
// L): where the span [start, end) of ix's text stands, as the number of
// its paragraph (paragraphs are separated by blank lines; the first is
// ¶1) and a few words either side of it within that paragraph, on one
// line, with "…" where the paragraph goes on and the span's own text cut
// to 40 code points: "¶5, ‘…on terrorism, Mr Jafari said.’". Control
// characters show as symbols (ControlPictures). Offsets outside the text
// give "".
func SpanPlace(ix *RuneIndex, start, end int) string {
	if start < 0 || end < start || end > ix.Len() {
		return ""
	}
	text := ix.text
	bs, be := ix.Byte(start), ix.Byte(end)
	para, pstart := paragraphAt(text, bs)
	pend := len(text)
	if i := blankLineAfter(text, be); i >= 0 {
		pend = i
	}
	before := strings.Fields(text[pstart:bs])
	after := strings.Fields(text[be:max(pend, be)])
	var b strings.Builder
	b.WriteString("¶" + strconv.Itoa(para) + ", ‘")
	if len(before) > placeWords {
		b.WriteString("…")
		before = before[len(before)-placeWords:]
	}
	b.WriteString(strings.Join(before, " "))
	if len(before) > 0 && endsInSpace(text[pstart:bs]) {
		b.WriteString(" ")
	}
	own := []rune(strings.Join(strings.Fields(text[bs:be]), " "))
	if len(own) > placeSpanMax {
		own = append(own[:placeSpanMax-1], '…')
	}
	b.WriteString(string(own))
	if len(after) > 0 && startsWithSpace(text[be:]) {
		b.WriteString(" ")
	}
	more := len(after) > placeWords
	if more {
		after = after[:placeWords]
	}
	b.WriteString(strings.Join(after, " "))
	if more {
		b.WriteString("…")
	}
	b.WriteString("’")
	return ControlPictures(b.String())
}

// paragraphAt returns the number of the paragraph holding byte offset at
// (from 1) and the byte offset where that paragraph starts.
func paragraphAt(text string, at int) (n, start int) {
	inPara := false
	for i := 0; i <= at && i < len(text); {
		j := strings.IndexByte(text[i:], '\n')
		end := len(text)
		if j >= 0 {
			end = i + j
		}
		blank := strings.TrimSpace(text[i:end]) == ""
		switch {
		case blank && end < at:
			inPara = false
		case !blank && !inPara:
			n++
			start = i
			inPara = true
		}
		if j < 0 {
			break
		}
		i = end + 1
	}
	return max(n, 1), start
}

// blankLineAfter returns the byte offset of the first line break at or
// after from that starts a blank line, or -1.
func blankLineAfter(text string, from int) int {
	for i := from; i < len(text); {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			return -1
		}
		nl := i + j
		k := strings.IndexByte(text[nl+1:], '\n')
		line := text[nl+1:]
		if k >= 0 {
			line = text[nl+1 : nl+1+k]
		}
		if strings.TrimSpace(line) == "" {
			return nl
		}
		i = nl + 1
	}
	return -1
}

func endsInSpace(s string) bool     { return s != "" && strings.TrimRight(s, " \t\r\n") != s }
func startsWithSpace(s string) bool { return s != "" && strings.TrimLeft(s, " \t\r\n") != s }
