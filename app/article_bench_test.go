package app

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
)

// artBigDocument returns about 1 MB of text made by repeating the test
// article, and 5,000 spans over it: short ACTOR spans, CLAIMs that contain
// some of them and DENIALs that overlap the CLAIMs.
func artBigDocument(b testing.TB) (string, []annotate.Span) {
	return artDocument(b, 1<<20)
}

// artDocument is artBigDocument with about size bytes of text.
func artDocument(b testing.TB, size int) (string, []annotate.Span) {
	art := artLoad(b)
	text := strings.Repeat(art+"\n\n", size/(len(art)+2)+1)
	// word starts and ends, in code points
	var words, ends []int
	prevSpace := true
	i := 0
	for _, r := range text {
		sp := unicode.IsSpace(r)
		if !sp && prevSpace {
			words = append(words, i)
		} else if sp && !prevSpace {
			ends = append(ends, i)
		}
		prevSpace = sp
		i++
	}
	wordEnd := func(k int) int { return ends[k] }
	labels := []string{annotate.LabelActor, annotate.LabelClaim, annotate.LabelDenial}
	var spans []annotate.Span
	add := func(s, e int, label string) {
		spans = append(spans, annotate.Span{ID: fmt.Sprintf("s%05d", len(spans)), Start: s, End: e, Label: label, Annotator: "bench"})
	}
	stride := len(words) / 2000
	for k := 0; len(spans) < 5000 && k+12 < len(words); k += stride {
		add(words[k], wordEnd(k+8), labels[1])      // a CLAIM of 9 words
		add(words[k+2], wordEnd(k+3), labels[0])    // an ACTOR inside it
		if (k/stride)%2 == 0 && len(spans) < 5000 { // and, every other time,
			add(words[k+6], wordEnd(k+11), labels[2]) // an overlapping DENIAL
		}
	}
	return text, spans
}

// artBenchView returns an ArticleView in a 1000×800 window.
func artBenchView(b *testing.B) (*ArticleView, fyne.Window) {
	test.NewTempApp(b)
	a := NewArticleView()
	w := test.NewTempWindow(b, a)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1000, 800))
	return a, w
}

// BenchmarkOpen1MB measures SetDocument with a 1 MB text and 5,000 spans,
// including wrapping and the first render. Run with -benchtime=1x for a
// cold start (the first measurement of each word).
func BenchmarkOpen1MB(b *testing.B) {
	text, spans := artBigDocument(b)
	a, _ := artBenchView(b)
	labels := annotate.LabelSet(annotate.DefaultLabels())
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		a.SetDocument(text, spans, labels)
	}
	b.StopTimer()
	if len(a.lay.lines) < 1000 || len(test.WidgetRenderer(a).Objects()) == 0 {
		b.Fatalf("%d lines, %d objects", len(a.lay.lines), len(test.WidgetRenderer(a).Objects()))
	}
	b.ReportMetric(float64(len(a.lay.lines)), "lines")
	b.ReportMetric(float64(len(spans)), "spans")
}

// BenchmarkAddSpan measures adding one span, in view, to the 1 MB document
// with 5,000 spans, with the refresh of the visible lines (the span is
// removed again, untimed).
func BenchmarkAddSpan(b *testing.B) {
	text, spans := artBigDocument(b)
	a, _ := artBenchView(b)
	a.SetDocument(text, spans, annotate.DefaultLabels())
	a.ScrollToOffset(len([]rune(text)) / 2)
	mid := a.OffsetAt(fyne.NewPos(300, 300))
	n := 0
	for b.Loop() {
		s := mid + n%50
		id := fmt.Sprintf("new%d", n)
		a.AddSpan(annotate.Span{ID: id, Start: s, End: s + 12, Label: annotate.LabelActor})
		b.StopTimer() // keep the document at 5,000 spans
		a.RemoveSpan(id)
		b.StartTimer()
		n++
	}
}

// BenchmarkScrollOneScreen measures scrolling the 1 MB document by one
// view height, with the refresh.
func BenchmarkScrollOneScreen(b *testing.B) {
	text, spans := artBigDocument(b)
	a, _ := artBenchView(b)
	a.SetDocument(text, spans, annotate.DefaultLabels())
	h := a.Size().Height
	ev := &fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -h}}
	maxY := a.lastGeom.contentHeight(len(a.lay.lines)) - h
	for b.Loop() {
		if a.scrollY >= maxY {
			a.scrollY = 0
		}
		a.Scrolled(ev)
	}
}

// BenchmarkOpen1MBDistinctWords opens 1 MB of text in which nearly every
// word is new, with a fresh widget and app each time, so nothing has been
// measured before: the cost of a large vocabulary.
func BenchmarkOpen1MBDistinctWords(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		w := []byte{}
		for n := i*7919 + 12345; n > 0; n /= 26 {
			w = append(w, byte('a'+n%26))
		}
		sb.Write(w)
		switch {
		case i%97 == 96:
			sb.WriteString(".\n\n")
		case i%13 == 12:
			sb.WriteString(", ")
		default:
			sb.WriteByte(' ')
		}
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		b.StopTimer()
		a, _ := artBenchView(b)
		b.StartTimer()
		a.SetDocument(text, nil, annotate.DefaultLabels())
	}
}

// BenchmarkHoverLinks measures moving the pointer from one linked claim to
// another in the 1 MB document with 5,000 spans, each claim linked as
// SOURCE to the actor inside it: the refresh that outlines the linked
// spans and draws the connectors.
func BenchmarkHoverLinks(b *testing.B) {
	text, spans := artBigDocument(b)
	a, _ := artBenchView(b)
	a.SetDocument(text, spans, annotate.DefaultLabels())
	var rels []annotate.Relation
	for i := 0; i+1 < len(spans); i++ {
		if spans[i].Label == annotate.LabelClaim && spans[i+1].Label == annotate.LabelActor {
			rels = append(rels, annotate.Relation{ID: fmt.Sprint("r", i), Type: annotate.RelationSource, From: spans[i].ID, To: spans[i+1].ID})
		}
	}
	a.SetRelations(rels)
	// the pointer moves between the first linked claim and its actor
	points := []fyne.Position{
		a.PositionOf(spans[0].Start+1).AddXY(1, a.lastGeom.textH/2),
		a.PositionOf(spans[1].Start+1).AddXY(1, a.lastGeom.textH/2),
	}
	if spans[0].Label != annotate.LabelClaim || spans[1].Label != annotate.LabelActor {
		b.Fatalf("the document starts with %s, %s", spans[0].Label, spans[1].Label)
	}
	n := 0
	for b.Loop() {
		a.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: points[n%2]}})
		n++
	}
	b.StopTimer()
	if a.rend == nil || a.rend.nLines == 0 {
		b.Fatalf("no connector drawn (%d links)", len(rels))
	}
	b.ReportMetric(float64(len(rels)), "links")
}

// artOverlapping returns one paragraph of about 1,200 code points (the
// test article's first words, repeated) and 2,000 spans over it that
// all overlap each other: each starts at a word of the first half and
// ends at a word of the second, 2,000 distinct ranges and labels.
func artOverlapping(b testing.TB) (string, []annotate.Span) {
	art := strings.Join(strings.Fields(artLoad(b)), " ")
	text := []rune(art)
	for len(text) < 1200 {
		text = append(append(text, ' '), []rune(art)...)
	}
	text = text[:1200]
	var words []int
	for i, r := range text {
		if r != ' ' && (i == 0 || text[i-1] == ' ') {
			words = append(words, i)
		}
	}
	labels := []string{annotate.LabelActor, annotate.LabelClaim, annotate.LabelDenial}
	spans := make([]annotate.Span, 0, 2000)
	half := len(words) / 2
	for i := range 2000 { // 2,000 distinct ranges and labels
		k, m := i%half, (i/half*5)%half
		end := words[half+m] - 1
		spans = append(spans, annotate.Span{ID: fmt.Sprintf("o%04d", i), Start: words[k], End: end, Label: labels[i%3], Annotator: "bench"})
	}
	return string(text), spans
}

// BenchmarkOpenOverlapping2000 measures SetDocument with one paragraph of
// 1,200 code points under 2,000 overlapping spans, with the first render.
func BenchmarkOpenOverlapping2000(b *testing.B) {
	text, spans := artOverlapping(b)
	a, _ := artBenchView(b)
	labels := annotate.LabelSet(annotate.DefaultLabels())
	for b.Loop() {
		a.SetDocument(text, spans, labels)
	}
	b.StopTimer()
	if len(test.WidgetRenderer(a).Objects()) == 0 {
		b.Fatal("nothing rendered")
	}
	b.ReportMetric(float64(len(a.lay.lines)), "lines")
	b.ReportMetric(float64(len(test.WidgetRenderer(a).Objects())), "objects")
}
