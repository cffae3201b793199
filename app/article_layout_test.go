package app

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"claimdesk/annotate"
	"github.com/rivo/uniseg"
)

// artFakeMeasure is a monospace measure: 10 units per grapheme cluster.
func artFakeMeasure(s string) float32 { return 10 * float32(uniseg.GraphemeClusterCount(s)) }

// artLines returns the text of each line of l.
func artLines(l *articleLayout) []string {
	var out []string
	for i := range l.lines {
		out = append(out, l.lineText(i))
	}
	return out
}

func TestArticleLayoutWrap(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float32
		want  []string
	}{
		{"fits", "aaa bbb ccc", 200, []string{"aaa bbb ccc"}},
		{"wraps after spaces", "aaa bbb ccc", 75, []string{"aaa bbb ", "ccc"}},
		{"exact fit", "aaa bbb", 70, []string{"aaa bbb"}},
		{"hard newline", "ab\ncd", 200, []string{"ab", "cd"}},
		{"blank line", "a\n\nb", 200, []string{"a", "", "b"}},
		{"trailing newline", "a\n", 200, []string{"a", ""}},
		{"empty", "", 200, []string{""}},
		{"long word", "abcdefghij", 35, []string{"abc", "def", "ghi", "j"}},
		{"long word after text", "xy abcdefghij z", 35, []string{"xy ", "abc", "def", "ghi", "j z"}},
		{"nbsp glues", "aa\u00a0bb cc", 55, []string{"aa\u00a0bb ", "cc"}},
		{"thin space breaks", "aa\u2009bb", 35, []string{"aa\u2009", "bb"}},
		{"emoji cluster not split", "👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧", 25, []string{"👩‍👩‍👧👩‍👩‍👧", "👩‍👩‍👧"}},
		{"flag not split", "🇮🇶🇮🇶🇮🇶", 15, []string{"🇮🇶", "🇮🇶", "🇮🇶"}},
		{"tab becomes space", "a\tb", 200, []string{"a b"}},
		{"spaces hang", "aaa     bbb", 35, []string{"aaa     ", "bbb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newArticleLayout(tt.text, newArticleMetrics(artFakeMeasure))
			l.wrap(tt.width)
			got := artLines(l)
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Fatalf("lines = %q, want %q", got, tt.want)
			}
			artCheckLines(t, l)
		})
	}
}

// artCheckLines checks that lines cover the text in order, with consistent
// code-point and byte offsets.
func artCheckLines(t *testing.T, l *articleLayout) {
	t.Helper()
	prev := int32(0)
	for i, ln := range l.lines {
		if ln.start < prev || ln.end < ln.start {
			t.Fatalf("line %d = %+v after %d", i, ln, prev)
		}
		if int(ln.bstart) != l.ix.Byte(int(ln.start)) || int(ln.bend) != l.ix.Byte(int(ln.end)) {
			t.Fatalf("line %d = %+v: bytes do not match code points", i, ln)
		}
		gap := l.text[l.ix.Byte(int(prev)):ln.bstart]
		if gap != "" && gap != "\n" {
			t.Fatalf("line %d starts after %q", i, gap)
		}
		prev = ln.end
	}
	if int(prev) != l.n {
		t.Fatalf("lines end at %d, text at %d", prev, l.n)
	}
}

func TestArticleLayoutRewrap(t *testing.T) {
	text := strings.Repeat("word ", 100)
	l := newArticleLayout(text, newArticleMetrics(artFakeMeasure))
	l.wrap(100)
	if len(l.lines) != 50 {
		t.Fatalf("width 100: %d lines, want 50", len(l.lines))
	}
	_ = l.xs(3) // cached x positions must not survive a re-wrap
	l.wrap(200)
	if len(l.lines) != 25 {
		t.Fatalf("width 200: %d lines, want 25", len(l.lines))
	}
	if got := l.xs(3); len(got) != 21 || got[20] != 200 {
		t.Fatalf("xs(3) after re-wrap = %v", got)
	}
	artCheckLines(t, l)
	l.wrap(200) // no-op
	if len(l.lines) != 25 {
		t.Fatalf("second wrap: %d lines", len(l.lines))
	}
}

// artOffset returns the code-point offset of the first sub in text.
func artOffset(t *testing.T, text, sub string) int {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	return utf8.RuneCountInString(text[:i])
}

func TestArticleSnapRange(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		from, to string // the drag covers the first rune of from through the last rune of to
		toEnd    bool   // to's range is the whole of to, else its first rune
		exact    bool
		want     string
	}{
		{"mid-word to mid-word", "said Wang Yi, Mr", "ang", "Y", false, false, "Wang Yi"},
		{"ends in trailing space", "said Wang Yi  then", "ng", "Yi  ", true, false, "Wang Yi"},
		{"starts in leading space", "said   Wang Yi", "  W", "an", true, false, "Wang"},
		{"only space", "said   Wang", "  ", "  ", true, false, ""},
		{"curly quotes kept out", "of “exporting revolution” decades", "xport", "volu", true, false, "exporting revolution"},
		{"curly quotes kept in", "of “exporting revolution” decades", "“", "”", true, false, "“exporting revolution”"},
		{"apostrophe word", "Mr Jafari’s Chinese", "far", "far", true, false, "Jafari’s"},
		{"thin space trimmed", "a\u2009b", "a\u2009", "a\u2009", true, false, "a"},
		{"nbsp trimmed", "x\u00a0yy", "\u00a0y", "\u00a0y", true, false, "yy"},
		{"emoji ZWJ whole", "see 👩‍👩‍👧 here", "👩", "👩", false, false, "👩‍👩‍👧"},
		{"emoji ZWJ exact", "see 👩‍👩‍👧 here", "\u200d", "\u200d", false, true, "👩‍👩‍👧"},
		{"flag whole", "in 🇮🇶 now", "\U0001F1F6", "\U0001F1F6", false, false, "🇮🇶"},
		{"flag exact", "in 🇮🇶 now", "\U0001F1F6", "\U0001F1F6", false, true, "🇮🇶"},
		{"exact keeps characters", "said Wang Yi, Mr", "ang", "Y", false, true, "ang Y"},
		{"exact trims spaces", "said Wang Yi, Mr", " Wa", "Yi, ", true, true, "Wang Yi,"},
		{"across newline", "end of one\nstart of two", "one", "sta", true, false, "one\nstart"},
		{"punctuation", "Yi, Mr", ",", ",", false, false, ","},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newArticleLayout(tt.text, newArticleMetrics(artFakeMeasure))
			l.wrap(1000)
			s := artOffset(t, tt.text, tt.from)
			e := artOffset(t, tt.text[strings.Index(tt.text, tt.from):], tt.to) + s
			if tt.toEnd {
				e += utf8.RuneCountInString(tt.to)
			} else {
				e++
			}
			gs, ge := l.snapRange(s, e, tt.exact)
			got := l.text[l.ix.Byte(gs):l.ix.Byte(ge)]
			if got != tt.want {
				t.Fatalf("snapRange(%d, %d, %v) = %d, %d %q, want %q", s, e, tt.exact, gs, ge, got, tt.want)
			}
		})
	}
}

func TestArticleLanes(t *testing.T) {
	sp := func(id string, s, e int) annotate.Span {
		return annotate.Span{ID: id, Start: s, End: e, Label: "CLAIM"}
	}
	tests := []struct {
		name  string
		spans []annotate.Span
		want  map[string]int
		lanes int
	}{
		{"disjoint", []annotate.Span{sp("a", 0, 5), sp("b", 6, 9)}, map[string]int{"a": 0, "b": 0}, 1},
		{"adjacent", []annotate.Span{sp("a", 0, 5), sp("b", 5, 9)}, map[string]int{"a": 0, "b": 0}, 1},
		{"nested", []annotate.Span{sp("in", 10, 20), sp("out", 0, 50)}, map[string]int{"out": 0, "in": 1}, 2},
		{"nested overlapping", []annotate.Span{sp("claim", 0, 50), sp("actor", 10, 20), sp("denial", 40, 70)},
			map[string]int{"claim": 0, "actor": 1, "denial": 1}, 2},
		{"three deep", []annotate.Span{sp("a", 0, 30), sp("b", 0, 20), sp("c", 5, 10), sp("d", 25, 28)},
			map[string]int{"a": 0, "b": 1, "c": 2, "d": 1}, 3},
		{"same range", []annotate.Span{sp("x", 3, 9), sp("y", 3, 9)}, map[string]int{"x": 0, "y": 1}, 2},
		{"lane reused", []annotate.Span{sp("a", 0, 10), sp("b", 2, 4), sp("c", 5, 12), sp("d", 11, 13)},
			map[string]int{"a": 0, "b": 1, "c": 1, "d": 0}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var x articleSpanIndex
			x.set(tt.spans)
			for id, lane := range tt.want {
				if got := x.lanes[artIndex(t, &x, id)]; got != lane {
					t.Errorf("lane of %s = %d, want %d", id, got, lane)
				}
			}
			if x.nLanes != tt.lanes {
				t.Errorf("nLanes = %d, want %d", x.nLanes, tt.lanes)
			}
			// adding one by one gives the same lanes
			var y articleSpanIndex
			y.set(nil)
			for _, s := range tt.spans {
				y.add(s)
			}
			for id, lane := range tt.want {
				if got := y.lanes[artIndex(t, &y, id)]; got != lane {
					t.Errorf("incremental: lane of %s = %d, want %d", id, got, lane)
				}
			}
		})
	}
}

func TestArticleSpanIndexQueries(t *testing.T) {
	var x articleSpanIndex
	x.set([]annotate.Span{
		{ID: "long", Start: 0, End: 1000, Label: "CLAIM"},
		{ID: "a", Start: 10, End: 20, Label: "ACTOR"},
		{ID: "b", Start: 15, End: 30, Label: "DENIAL"},
		{ID: "c", Start: 500, End: 510, Label: "ACTOR"},
	})
	ids := func(idx []int) string {
		var s []string
		for _, i := range idx {
			s = append(s, x.spans[i].ID)
		}
		return strings.Join(s, ",")
	}
	for _, tt := range []struct {
		a, b int
		want string
	}{
		{0, 1, "long"}, {12, 13, "long,a"}, {16, 17, "long,a,b"}, {20, 21, "long,b"},
		{25, 505, "long,b,c"}, {1000, 1001, ""}, {9, 10, "long"}, {30, 31, "long"},
	} {
		if got := ids(x.overlapping(tt.a, tt.b)); got != tt.want {
			t.Errorf("overlapping(%d, %d) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
	if !x.remove("a") || x.remove("a") {
		t.Fatal("remove a: want true then false")
	}
	if got := ids(x.at(16)); got != "long,b" {
		t.Fatalf("at(16) after remove = %q", got)
	}
	x.add(annotate.Span{ID: "b", Start: 100, End: 120, Label: "CLAIM"}) // replaces b
	if got := ids(x.at(16)); got != "long" {
		t.Fatalf("at(16) after moving b = %q", got)
	}
	if s, ok := x.find("b"); !ok || s.Start != 100 {
		t.Fatalf("find(b) = %+v, %v", s, ok)
	}
}

// TestArticleHitRoundTrip checks nearestOffset(xOf(i)) == i for every
// offset that is not inside a grapheme cluster.
func TestArticleHitRoundTrip(t *testing.T) {
	text := "China’s “official” policy 👩‍👩‍👧 and 🇮🇶 flags.\n\nA thin\u2009space and an\u00a0nbsp; " +
		strings.Repeat("lorem ipsum dolor sit amet ", 20) + "supercalifragilisticexpialidocious-and-more\n"
	for _, width := range []float32{60, 150, 333, 1000} {
		l := newArticleLayout(text, newArticleMetrics(artFakeMeasure))
		l.wrap(width)
		clusterStarts := artClusterStarts(text)
		for i := 0; i <= l.n; i++ {
			if !clusterStarts[i] {
				continue
			}
			li := l.lineOf(i)
			x := l.xOf(li, i)
			if got := l.nearestOffset(li, x); got != i {
				t.Fatalf("width %v: nearestOffset(line %d, x %v) = %d, want %d", width, li, x, got, i)
			}
			if i < l.n && l.runeAt(i) != '\n' {
				if got := l.charAt(li, x+1); got != i {
					t.Fatalf("width %v: charAt(line %d, x %v) = %d, want %d", width, li, x+1, got, i)
				}
			}
		}
	}
}

// artClusterStarts returns, per code point offset (and the end), whether a
// grapheme cluster starts there.
func artClusterStarts(text string) map[int]bool {
	m := map[int]bool{}
	rest, state, cp := text, -1, 0
	for len(rest) > 0 {
		m[cp] = true
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		cp += utf8.RuneCountInString(cl)
	}
	m[cp] = true
	return m
}

// artIndex returns the index of the span with id in x.
func artIndex(t *testing.T, x *articleSpanIndex, id string) int {
	t.Helper()
	i, ok := x.indexOf(id)
	if !ok || x.spans[i].ID != id {
		t.Fatalf("span %s not found", id)
	}
	return i
}

func TestArticleTrimMarks(t *testing.T) {
	const text = "he said “Mr Wang” to (Isis) and Jafari’s men"
	tests := []struct {
		name           string
		sel            string // the snapped selection, as found in text
		fromAt, toAt   string // the pointer's nearest boundaries: before these
		fromIn, toPast bool   // from inside the first rune of fromAt; to after the last of toAt
		want           string
	}{
		{"quotes half covered at both ends", "“Mr Wang”", "Mr", "”", false, false, "Mr Wang"},
		{"quotes covered at both ends", "“Mr Wang”", "“", "”", false, true, "“Mr Wang”"},
		{"only the closing quote covered", "“Mr Wang”", "Mr", "”", false, true, "Mr Wang”"},
		{"only the opening quote covered", "“Mr Wang”", "“", "”", false, false, "“Mr Wang"},
		{"brackets dropped", "(Isis)", "Isis", ")", false, false, "Isis"},
		{"brackets kept", "(Isis)", "(", ")", false, true, "(Isis)"},
		{"apostrophe inside a word stays", "Jafari’s", "Jafari’s", "s", false, true, "Jafari’s"},
		{"a lone quote uncovered is nothing", "”", "”", "”", true, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newArticleLayout(text, newArticleMetrics(artFakeMeasure))
			l.wrap(1000)
			s := artOffset(t, text, tt.sel)
			e := s + utf8.RuneCountInString(tt.sel)
			from := artOffset(t, text, tt.fromAt)
			if tt.fromIn {
				from++
			}
			to := artOffset(t, text[strings.Index(text, tt.sel):], tt.toAt) + s
			if tt.toPast {
				to += utf8.RuneCountInString(tt.toAt)
			}
			gs, ge := l.trimMarks(s, e, from, to)
			if got := l.text[l.ix.Byte(gs):l.ix.Byte(ge)]; got != tt.want {
				t.Fatalf("trimMarks(%d, %d, %d, %d) = %q, want %q", s, e, from, to, got, tt.want)
			}
		})
	}
}

func TestArticleMotion(t *testing.T) {
	const text = "see 👩‍👩‍👧 here, “Mr Wang” e\u0301t\nnext"
	l := newArticleLayout(text, newArticleMetrics(artFakeMeasure))
	l.wrap(1000)
	at := func(sub string) int { return artOffset(t, text, sub) }
	emoji := at("👩")
	if got := l.clusterStep(emoji, true); got != emoji+5 {
		t.Errorf("Right over the family emoji: %d, want %d", got, emoji+5)
	}
	if got := l.clusterStep(emoji+5, false); got != emoji {
		t.Errorf("Left over the family emoji: %d, want %d", got, emoji)
	}
	e := at("e\u0301")
	if got := l.clusterStep(e, true); got != e+2 {
		t.Errorf("Right over e + combining accent: %d, want %d", got, e+2)
	}
	nl := at("\nnext")
	if got := l.clusterStep(nl+1, false); got != nl {
		t.Errorf("Left from a line's start: %d, want %d (the line break)", got, nl)
	}
	mr := at("Mr")
	if got := l.wordMove(mr, true); got != mr+2 {
		t.Errorf("Ctrl+Right from Mr: %d, want %d", got, mr+2)
	}
	if got := l.wordMove(mr, false); got != at("here") {
		t.Errorf("Ctrl+Left from Mr: %d, want %d (the start of here: the quote and the comma are stepped over)", got, at("here"))
	}
	if got := l.wordEndBefore(at("” ") + 1); got != at("” ") {
		t.Errorf("wordEndBefore after the quote: %d, want %d", got, at("” "))
	}
	if got := l.wordStartAfter(at("Mr")); got != at("Wang") {
		t.Errorf("wordStartAfter Mr: %d, want %d", got, at("Wang"))
	}
	if got := l.lineBound(at("here"), true); got != nl {
		t.Errorf("End: %d, want %d", got, nl)
	}
	if got := l.lineBound(at("xt"), false); got != nl+1 {
		t.Errorf("Home: %d, want %d", got, nl+1)
	}
}
