package app

import (
	"image/color"
	"os"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"claimdesk/annotate"
)

// artArticlePath is the project's test article (see testdata/README.md).
const artArticlePath = "../testdata/article.txt"

// artLoad returns the test article's text.
func artLoad(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(artArticlePath)
	if err != nil {
		t.Fatal(err)
	}
	text, err := annotate.NormalizeText(b)
	if err != nil {
		t.Fatalf("%s: %v", artArticlePath, err)
	}
	return text
}

// artNew shows text in an ArticleView in an unpadded 900×700 test
// window, so that widget and canvas positions are the same.
func artNew(t *testing.T, text string, spans []annotate.Span) (*ArticleView, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	a := NewArticleView()
	a.SetDocument(text, spans, annotate.DefaultLabels())
	w := test.NewTempWindow(t, a)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 700))
	if a.Size().Width < 800 {
		t.Fatalf("widget size = %v", a.Size())
	}
	return a, w
}

// artMid returns the centre of the character at offset.
func artMid(a *ArticleView, off int) fyne.Position {
	p, q := a.PositionOf(off), a.PositionOf(off+1)
	if q.Y != p.Y { // last character of a line
		q = p.AddXY(8, 0)
	}
	return p.AddXY((q.X-p.X)/2, a.lastGeom.textH/2)
}

// drag drags on c from the press point to the release point.
func artDrag(c fyne.Canvas, from, to fyne.Position) {
	test.Drag(c, to, to.X-from.X, to.Y-from.Y)
}

func TestArticleDragSelectsWords(t *testing.T) {
	text := artLoad(t)
	a, w := artNew(t, text, nil)
	var calls [][2]int
	a.OnSelectionChanged = func(s, e int) { calls = append(calls, [2]int{s, e}) }

	wang := artOffset(t, text, "Wang Yi")
	artDrag(w.Canvas(), artMid(a, wang), artMid(a, wang+6)) // "W" to "i"
	if s, e := a.Selection(); s != wang || e != wang+7 {
		t.Fatalf("Selection() = %d, %d (%q), want %d, %d (Wang Yi)", s, e, a.spanText(annotate.Span{Start: s, End: e}), wang, wang+7)
	}
	if len(calls) != 1 || calls[0] != [2]int{wang, wang + 7} {
		t.Fatalf("OnSelectionChanged calls = %v", calls)
	}
	if w.Canvas().Focused() != a {
		t.Error("a drag did not focus the widget")
	}

	// mid-word to trailing white space snaps to the words
	off := artOffset(t, text, "offered to help")
	space := off + len("offered to help")
	artDrag(w.Canvas(), artMid(a, off+3), artMid(a, space))
	if s, e := a.Selection(); s != off || e != space {
		t.Fatalf("Selection() = %q, want %q", a.spanText(annotate.Span{Start: s, End: e}), "offered to help")
	}

	// backwards, from the end of a word into the leading space
	artDrag(w.Canvas(), artMid(a, space-2), artMid(a, off-1))
	if s, e := a.Selection(); s != off || e != space {
		t.Fatalf("backwards: Selection() = %q, want %q", a.spanText(annotate.Span{Start: s, End: e}), "offered to help")
	}
	if len(calls) != 2 {
		t.Fatalf("an unchanged selection was reported again: %v", calls)
	}

	// with Alt, exact characters
	a.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierAlt})
	artDrag(w.Canvas(), artMid(a, wang+1), artMid(a, wang+5))
	if s, e := a.Selection(); s != wang+1 || e != wang+6 {
		t.Fatalf("Alt drag: Selection() = %q, want %q", a.spanText(annotate.Span{Start: s, End: e}), "ang Y")
	}
}

func TestArticleDragAcrossLines(t *testing.T) {
	text := artLoad(t)
	a, w := artNew(t, text, nil)
	start := artOffset(t, text, "Any Chinese assistance")
	end := artOffset(t, text, "international coalition") + len("international")
	if a.PositionOf(start).Y == a.PositionOf(end).Y {
		t.Fatal("test needs the two words on different lines")
	}
	artDrag(w.Canvas(), artMid(a, start), artMid(a, end-1))
	if s, e := a.Selection(); s != start || e != end {
		t.Fatalf("Selection() = %d, %d, want %d, %d", s, e, start, end)
	}
}

func TestArticleDoubleTapSelectsWord(t *testing.T) {
	text := artLoad(t)
	a, _ := artNew(t, text, nil)
	var got [2]int
	a.OnSelectionChanged = func(s, e int) { got = [2]int{s, e} }
	off := artOffset(t, text, "Jafari’s")
	a.DoubleTapped(&fyne.PointEvent{Position: artMid(a, off+2)})
	want := [2]int{off, off + len([]rune("Jafari’s"))}
	if s, e := a.Selection(); [2]int{s, e} != want || got != want {
		t.Fatalf("Selection() = %d, %d, callback %v, want %v", s, e, got, want)
	}

	// Shift+tap extends to the tapped word
	later := artOffset(t, text, "counterpart")
	a.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShift})
	test.TapAt(a, artMid(a, later+4))
	want = [2]int{off, later + len("counterpart")}
	if s, e := a.Selection(); [2]int{s, e} != want || got != want {
		t.Fatalf("Shift+tap: Selection() = %d, %d, callback %v, want %v", s, e, got, want)
	}

	// double tap on white space selects nothing new
	nl := artOffset(t, text, "\ncounterpart")
	a.SetSelection(0, 0)
	a.DoubleTapped(&fyne.PointEvent{Position: artMid(a, nl).AddXY(100, 0)})
	if s, e := a.Selection(); s != e {
		t.Fatalf("double tap beyond a line selected %d, %d", s, e)
	}
}

// artNestedSpans returns a CLAIM containing an ACTOR, an overlapping DENIAL and
// a lone ACTOR over the article's first paragraph of body text.
func artNestedSpans(t testing.TB, text string) []annotate.Span {
	at := func(sub string) (int, int) {
		i := strings.Index(text, sub)
		if i < 0 {
			t.Fatalf("%q not in text", sub)
		}
		s := len([]rune(text[:i]))
		return s, s + len([]rune(sub))
	}
	sp := func(id, label, sub, annotator string) annotate.Span {
		s, e := at(sub)
		return annotate.Span{ID: id, Start: s, End: e, Label: label, Annotator: annotator}
	}
	actor := sp("actor", annotate.LabelActor, "China has", "bob")
	actor.End = actor.Start + len("China")
	return []annotate.Span{
		sp("claim", annotate.LabelClaim, "China has offered to help Iraq defeat Sunni extremists with support for air strikes", "alice"),
		actor,
		sp("denial", annotate.LabelDenial, "air strikes, according to Ibrahim", "alice"),
		sp("jafari", annotate.LabelActor, "Ibrahim Jafari", "bob"),
	}
}

func TestArticleTapSpans(t *testing.T) {
	text := artLoad(t)
	spans := artNestedSpans(t, text)
	a, w := artNew(t, text, spans)
	var selected []string
	a.OnSpanSelected = func(id string) { selected = append(selected, id) }

	// one span: selected at once
	claimOnly := artOffset(t, text, "offered to help")
	test.TapAt(a, artMid(a, claimOnly))
	if a.SelectedSpan() != "claim" || len(selected) != 1 || selected[0] != "claim" {
		t.Fatalf("SelectedSpan() = %q, callbacks %q", a.SelectedSpan(), selected)
	}
	if w.Canvas().Focused() != a {
		t.Error("a tap did not focus the widget")
	}

	// nested: a menu, innermost first
	test.TapAt(a, artMid(a, spans[0].Start+1))
	pop := a.popup
	if pop == nil || !pop.Visible() || w.Canvas().Overlays().Top() == nil {
		t.Fatal("no pop-up menu over nested spans")
	}
	if strings.Join(a.popupSpans, ",") != "actor,claim" {
		t.Fatalf("menu lists %q, want actor,claim", a.popupSpans)
	}
	if len(pop.Items) != 2 {
		t.Fatalf("menu has %d items", len(pop.Items))
	}
	test.Tap(pop.Items[0].(fyne.Tappable))
	if a.SelectedSpan() != "actor" || selected[len(selected)-1] != "actor" {
		t.Fatalf("after choosing: SelectedSpan() = %q, callbacks %q", a.SelectedSpan(), selected)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the menu is still shown")
	}

	// overlapping CLAIM and DENIAL
	both := artOffset(t, text, "air strikes,")
	test.TapAt(a, artMid(a, both+1))
	if strings.Join(a.popupSpans, ",") != "denial,claim" {
		t.Fatalf("overlap menu lists %q, want denial,claim", a.popupSpans)
	}
	w.Canvas().Overlays().Top().Hide()
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())

	// no span: clears
	a.SetSelection(3, 9)
	nothing := artOffset(t, text, "Najmeh")
	test.TapAt(a, artMid(a, nothing))
	if a.SelectedSpan() != "" || selected[len(selected)-1] != "" {
		t.Fatalf("tap outside spans: SelectedSpan() = %q, callbacks %q", a.SelectedSpan(), selected)
	}
	if s, e := a.Selection(); s != e {
		t.Fatalf("tap outside spans kept the selection %d, %d", s, e)
	}

	if got := a.SpansAt(spans[0].Start); len(got) != 2 || got[0].ID != "claim" || got[1].ID != "actor" {
		t.Fatalf("SpansAt = %+v, want claim then actor", got)
	}
}

func TestArticleKeys(t *testing.T) {
	text := artLoad(t)
	a, w := artNew(t, text, nil)
	var runes []rune
	var keys []fyne.KeyName
	a.OnTypedRune = func(r rune) { runes = append(runes, r) }
	a.OnTypedKey = func(ev *fyne.KeyEvent) { keys = append(keys, ev.Name) }
	test.TapAt(a, fyne.NewPos(5, 5))
	if w.Canvas().Focused() != a {
		t.Fatal("tap did not focus")
	}
	test.Type(a, "1")
	if string(runes) != "1" {
		t.Fatalf("OnTypedRune got %q", string(runes))
	}
	a.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	a.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown}) // handled: scrolls
	if len(keys) != 1 || keys[0] != fyne.KeyDelete {
		t.Fatalf("OnTypedKey got %v", keys)
	}
	if a.scrollY <= 0 {
		t.Fatal("Page Down did not scroll")
	}

	// shortcuts: forwarded to the canvas unless OnShortcut is set
	sc := &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl}
	var onCanvas, onWidget int
	w.Canvas().AddShortcut(sc, func(fyne.Shortcut) { onCanvas++ })
	a.TypedShortcut(sc)
	a.OnShortcut = func(fyne.Shortcut) { onWidget++ }
	a.TypedShortcut(sc)
	if onCanvas != 1 || onWidget != 1 {
		t.Fatalf("shortcut reached canvas %d times, OnShortcut %d times", onCanvas, onWidget)
	}

	// copy copies the selection
	off := artOffset(t, text, "Wang Yi")
	a.SetSelection(off, off+7)
	a.TypedShortcut(&fyne.ShortcutCopy{})
	if got := fyne.CurrentApp().Clipboard().Content(); got != "Wang Yi" {
		t.Fatalf("clipboard = %q", got)
	}
}

// artVisibleTexts returns the texts of the line objects the renderer shows.
func artVisibleTexts(a *ArticleView) []string {
	r := test.WidgetRenderer(a).(*articleRenderer)
	var out []string
	for _, o := range r.Objects() {
		if t, ok := o.(*canvas.Text); ok && t.TextSize == a.TextSize() {
			out = append(out, t.Text)
		}
	}
	return out
}

func TestArticleScrolling(t *testing.T) {
	text := artLoad(t)
	a, w := artNew(t, text, artNestedSpans(t, text))
	before := artVisibleTexts(a)
	topBefore := a.OffsetAt(fyne.NewPos(100, 10))
	if len(before) == 0 || len(before) >= len(a.lay.lines) {
		t.Fatalf("%d of %d lines drawn: want only the visible ones", len(before), len(a.lay.lines))
	}
	test.Scroll(w.Canvas(), fyne.NewPos(400, 300), 0, -25) // one notch of the wheel, as the driver reports it
	after := artVisibleTexts(a)
	topAfter := a.OffsetAt(fyne.NewPos(100, 10))
	if topAfter <= topBefore || strings.Join(after, "|") == strings.Join(before, "|") {
		t.Fatalf("scrolling did not change what is visible (top offset %d → %d)", topBefore, topAfter)
	}
	if want := 3 * a.lastGeom.lineH; a.scrollY != want {
		t.Fatalf("one wheel notch scrolled %v, want three lines (%v)", a.scrollY, want)
	}
	// clamped at both ends
	test.Scroll(w.Canvas(), fyne.NewPos(400, 300), 0, 1e6)
	if a.scrollY != 0 {
		t.Fatalf("scrollY = %v after scrolling far up", a.scrollY)
	}
	test.Scroll(w.Canvas(), fyne.NewPos(400, 300), 0, -1e6)
	g := a.lastGeom
	if want := g.contentHeight(len(a.lay.lines)) - a.Size().Height; a.scrollY != want {
		t.Fatalf("scrollY = %v after scrolling far down, want %v", a.scrollY, want)
	}
	last := a.lay.n - 1
	if p := a.PositionOf(last); p.Y < 0 || p.Y > a.Size().Height {
		t.Fatalf("last character at %v is not visible at the bottom", p)
	}

	// ScrollToOffset brings a line into view; PositionOf follows scrolling
	a.ScrollToOffset(0)
	if a.scrollY != 0 {
		t.Fatalf("ScrollToOffset(0): scrollY = %v", a.scrollY)
	}
	a.ScrollToOffset(last)
	if p := a.PositionOf(last); p.Y < 0 || p.Y > a.Size().Height {
		t.Fatalf("ScrollToOffset(last): last character at %v", p)
	}

	// hit-testing round trip while scrolled
	artRoundTrip(t, a, text)
}

// artRoundTrip checks OffsetAt(PositionOf(i)) == i for the grapheme
// cluster starts i of text, or, next to right-to-left text, an offset
// drawn at the same place.
func artRoundTrip(t *testing.T, a *ArticleView, text string) {
	t.Helper()
	starts := artClusterStarts(text)
	runes := []rune(text)
	n := len(runes)
	for i := 0; i <= n; i++ {
		if !starts[i] {
			continue
		}
		// where directions meet, two offsets share a place on the
		// screen: the round trip comes back to that place
		if got := a.OffsetAt(a.PositionOf(i)); got != i && (a.PositionOf(got) != a.PositionOf(i) || i < n && !rightToLeft(runes[i]) && !rightToLeft(runes[got])) {
			t.Fatalf("OffsetAt(PositionOf(%d) = %v) = %d (at %v)", i, a.PositionOf(i), got, a.PositionOf(got))
		}
	}
}

// rightToLeft reports whether r belongs to a right-to-left script.
func rightToLeft(r rune) bool {
	return unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko)
}

func TestArticleTextSizeRewraps(t *testing.T) {
	text := artLoad(t)
	a, _ := artNew(t, text, nil)
	base := a.TextSize()
	if base <= theme.TextSize() {
		t.Fatalf("default TextSize() = %v, want larger than the theme's %v", base, theme.TextSize())
	}
	n0 := len(a.lay.lines)
	artRoundTrip(t, a, text)
	a.SetTextSize(base * 2)
	if a.TextSize() != base*2 {
		t.Fatalf("TextSize() = %v", a.TextSize())
	}
	if n1 := len(a.lay.lines); n1 <= n0 {
		t.Fatalf("doubling the text size: %d lines, before %d", n1, n0)
	}
	artRoundTrip(t, a, text)
	a.SetTextSize(0)
	if a.TextSize() != base || len(a.lay.lines) != n0 {
		t.Fatalf("back to default: size %v, %d lines", a.TextSize(), len(a.lay.lines))
	}

	// a narrow widget wraps to it; a wide one keeps a readable column
	a.Resize(fyne.NewSize(300, 700))
	if len(a.lay.lines) <= n0 {
		t.Fatalf("narrow: %d lines, wide %d", len(a.lay.lines), n0)
	}
	artRoundTrip(t, a, text)
	a.Resize(fyne.NewSize(3000, 700))
	if w := a.lastGeom.colW; w > 90*a.avgChar {
		t.Fatalf("column %v wide, %v average characters", w, w/a.avgChar)
	}
}

func TestArticleSpanEditsDoNotRewrap(t *testing.T) {
	text := artLoad(t)
	spans := artNestedSpans(t, text)
	a, _ := artNew(t, text, spans[:1])
	gen, lines := a.gen, &a.lay.lines[0]
	a.AddSpan(spans[2])
	a.AddSpan(spans[3])
	a.UpdateSpan(annotate.Span{ID: "jafari", Start: spans[3].Start, End: spans[3].End, Label: annotate.LabelDenial})
	if gen != a.gen || lines != &a.lay.lines[0] {
		t.Fatal("span edits re-wrapped the text")
	}
	if got := a.SpansAt(spans[3].Start); got[len(got)-1].Label != annotate.LabelDenial {
		t.Fatalf("UpdateSpan: %+v", got)
	}
	a.SetSelectedSpan("jafari")
	a.RemoveSpan("jafari")
	if a.SelectedSpan() != "" || len(a.SpansAt(spans[3].Start)) != 1 {
		t.Fatalf("RemoveSpan: selected %q, spans %+v", a.SelectedSpan(), a.SpansAt(spans[3].Start))
	}
	a.RemoveSpan("nope") // no-op
}

func TestArticleEdgeCases(t *testing.T) {
	a, w := artNew(t, "", nil)
	if a.OffsetAt(fyne.NewPos(50, 50)) != 0 || a.PositionOf(5) != a.PositionOf(0) {
		t.Fatal("empty document")
	}
	artDrag(w.Canvas(), fyne.NewPos(10, 10), fyne.NewPos(200, 40))
	if s, e := a.Selection(); s != e {
		t.Fatalf("selection in an empty document: %d, %d", s, e)
	}
	test.TapAt(a, fyne.NewPos(10, 10))

	text := "👩‍👩‍👧 and 🇮🇶\n\n\tend"
	a.SetDocument(text, []annotate.Span{{ID: "x", Start: 0, End: 5, Label: "UNKNOWN"}}, nil)
	artRoundTrip(t, a, text)
	a.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierAlt})
	artDrag(w.Canvas(), artMid(a, 0), artMid(a, 0))
	if s, e := a.Selection(); s != 0 || e != 5 {
		t.Fatalf("Alt drag over an emoji: %d, %d", s, e)
	}
	a.SetSelection(20, -3)
	if s, e := a.Selection(); s != 0 || e != len([]rune(text)) {
		t.Fatalf("SetSelection clamps: %d, %d", s, e)
	}
}

// articleTestTheme is the default theme fixed to one variant, for goldens.
type articleTestTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t articleTestTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

func TestArticleRenderGoldens(t *testing.T) {
	const para = "China has offered to help Iraq defeat Sunni extremists with support for air strikes, according to Ibrahim Jafari, Iraq’s foreign minister.\n\n“[Mr Wang] said, our policy does not allow us to get involved,” Mr Jafari said."
	for _, tt := range []struct {
		name    string
		variant fyne.ThemeVariant
		selSpan bool
	}{
		{"article_nested_light.png", theme.VariantLight, false},
		{"article_nested_dark.png", theme.VariantDark, false},
		{"article_selected_light.png", theme.VariantLight, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			app := test.NewTempApp(t)
			app.Settings().SetTheme(articleTestTheme{theme.DefaultTheme(), tt.variant})
			spans := artNestedSpans(t, para)
			a := NewArticleView()
			a.SetDocument(para, spans, annotate.DefaultLabels())
			w := test.NewTempWindow(t, a)
			w.SetPadded(false)
			w.Resize(fyne.NewSize(560, 250))
			if tt.selSpan {
				a.SetSelectedSpan("denial")
				off := artOffset(t, para, "our policy")
				a.SetSelection(off, off+len("our policy"))
				test.MoveMouse(w.Canvas(), artMid(a, artOffset(t, para, "Jafari,")))
			}
			test.AssertImageMatches(t, tt.name, w.Canvas().Capture())
		})
	}
}
