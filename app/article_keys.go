package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"claimdesk/annotate"
)

// The article's keyboard: a caret, selection by character, word and line,
// moving from span to span, and adjusting the selected span's boundaries.
//
// Fyne's desktop driver delivers a key with Ctrl or Alt as a
// desktop.CustomShortcut (TypedShortcut), and a key with Shift alone as a
// plain key event without its modifier: the widget follows Shift through
// KeyDown and KeyUp (desktop.Keyable), as Fyne's Entry does.

// KeyDown notes that Shift is held.
func (a *ArticleView) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		a.shift = true
	}
}

// KeyUp notes that Shift is released.
func (a *ArticleView) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		a.shift = false
	}
}

// AcceptsTab reports that Tab and Shift+Tab move from span to span in the
// article rather than the focus to the next widget (F6 does that).
func (a *ArticleView) AcceptsTab() bool { return true }

// Caret returns the caret's code point offset.
func (a *ArticleView) Caret() int { return a.caret }

// SetCaret puts the caret at offset (clamped to the text) without
// selecting anything.
func (a *ArticleView) SetCaret(offset int) {
	a.caret = min(max(offset, 0), a.lay.n)
	a.caretX = -1
	a.Refresh()
}

// caretKey handles a key without Ctrl or Alt that moves the caret, selects
// text or moves among spans, and reports whether it did.
func (a *ArticleView) caretKey(name fyne.KeyName) bool {
	g := a.ensureLayout()
	switch name {
	case fyne.KeyLeft, fyne.KeyRight:
		right := name == fyne.KeyRight
		if a.shift && a.selectedSpan != "" {
			a.resizeSelected(false, right)
			return true
		}
		if a.shift {
			a.extendCaret(a.lay.caretStep(a.caret, right))
			return true
		}
		to := a.lay.caretStep(a.caret, right)
		if a.selStart != a.selEnd {
			// an arrow collapses the selection to that side
			to = a.selStart
			if right {
				to = a.selEnd
			}
		}
		a.moveCaret(to)
	case fyne.KeyUp, fyne.KeyDown:
		to := a.lineStep(g, name == fyne.KeyDown)
		keepX := a.caretX
		if a.shift {
			a.extendCaret(to)
		} else {
			a.moveCaret(to)
		}
		a.caretX = keepX
	case fyne.KeyHome, fyne.KeyEnd:
		to := a.lay.lineBound(a.caret, name == fyne.KeyEnd)
		if a.shift {
			a.extendCaret(to)
		} else {
			a.moveCaret(to)
		}
	case fyne.KeyTab:
		if a.OnTab != nil && a.OnTab(!a.shift) {
			return true
		}
		a.stepSpan(!a.shift)
	default:
		return false
	}
	return true
}

// caretShortcut handles Ctrl+Left/Right (the caret by word), with Shift
// (select by word), Alt+Shift+Left/Right (move the selected span's start by
// a word) and Ctrl+Home/End, and reports whether it did.
func (a *ArticleView) caretShortcut(cs *desktop.CustomShortcut) bool {
	const (
		ctrl  = fyne.KeyModifierShortcutDefault
		shift = fyne.KeyModifierShift
		alt   = fyne.KeyModifierAlt
	)
	right := cs.KeyName == fyne.KeyRight
	switch {
	case cs.KeyName != fyne.KeyLeft && cs.KeyName != fyne.KeyRight &&
		cs.KeyName != fyne.KeyHome && cs.KeyName != fyne.KeyEnd:
		return false
	case cs.KeyName == fyne.KeyHome || cs.KeyName == fyne.KeyEnd:
		to := 0
		if cs.KeyName == fyne.KeyEnd {
			to = a.lay.n
		}
		switch cs.Modifier {
		case ctrl:
			a.moveCaret(to)
		case ctrl | shift:
			a.extendCaret(to)
		default:
			return false
		}
	case cs.Modifier == alt|shift:
		if a.selectedSpan == "" {
			return false
		}
		a.resizeSelected(true, right)
	case cs.Modifier == ctrl:
		a.moveCaret(a.lay.wordMove(a.caret, right))
	case cs.Modifier == ctrl|shift:
		a.extendByWord(a.lay.wordMove(a.caret, right))
	default:
		return false
	}
	return true
}

// moveCaret puts the caret at off, clears the text selection and keeps
// the caret in view.
func (a *ArticleView) moveCaret(off int) {
	a.caret = min(max(off, 0), a.lay.n)
	a.caretX = -1
	if a.selStart != a.selEnd {
		a.selStart, a.selEnd = 0, 0
		if f := a.OnSelectionChanged; f != nil {
			f(0, 0)
		}
	}
	a.caretInView()
}

// extendCaret moves the caret to off and selects from the selection's
// anchor (where the caret was when the selection began) to it.
func (a *ArticleView) extendCaret(off int) {
	off = min(max(off, 0), a.lay.n)
	s, e := a.extended(off)
	a.caret = off
	a.caretX = -1
	if s == e {
		s, e = 0, 0
	}
	a.setSelectionByUser(s, e)
	a.caretInView()
}

// extended returns the selection from the anchor to off: the anchor is
// the caret when nothing is selected, else the selection's end farther
// from the caret (the caret may sit past a selection's end when word
// selection left white space out).
func (a *ArticleView) extended(off int) (int, int) {
	anchor := a.caret
	if a.selStart != a.selEnd {
		anchor = a.selStart
		if a.caret-a.selStart < a.selEnd-a.caret || a.caret < a.selStart {
			anchor = a.selEnd
		}
		if a.caret == a.selEnd {
			anchor = a.selStart
		}
	}
	return min(anchor, off), max(anchor, off)
}

// extendByWord is extendCaret for Ctrl+Shift+Left/Right, while the caret
// goes to off: the selection leaves white space (line breaks among it)
// out at both ends, as a span does, and one that starts from the caret
// (nothing was selected) leaves out the punctuation next to the caret
// too, so that Ctrl+Shift+Left after a word's full stop selects the word.
// Punctuation already selected (by character) stays.
func (a *ArticleView) extendByWord(off int) {
	off = min(max(off, 0), a.lay.n)
	fresh := a.selStart == a.selEnd
	s, e := a.extended(off)
	if fresh {
		s, e = annotate.TrimEdges(a.lay.runeAt, s, e, a.lay.n+1, -1)
	} else {
		s, e = annotate.TrimEdges(a.lay.runeAt, s, e, s, e)
	}
	a.caret, a.caretX = off, -1
	if s == e {
		s, e = 0, 0
	}
	a.setSelectionByUser(s, e)
	a.caretInView()
}

// caretInView scrolls the caret's line into view and redraws.
func (a *ArticleView) caretInView() {
	g := a.ensureLayout()
	a.scrollToOffset(g, a.caret)
	a.Refresh()
}

// lineStep returns the offset on the line below (down) or above the
// caret's nearest to the caret's x, which consecutive Up and Down keep.
func (a *ArticleView) lineStep(g *articleGeometry, down bool) int {
	i := a.lay.lineOf(a.caret)
	if a.caretX < 0 {
		a.caretX = a.lay.xOf(i, a.caret)
	}
	j := i - 1
	if down {
		j = i + 1
	}
	switch {
	case j < 0:
		return 0
	case j >= len(a.lay.lines):
		return a.lay.n
	}
	return a.lay.nearestOffset(j, a.caretX)
}

// stepSpan selects the next span in text order after the selected one (or
// after the caret), or the previous one, and shows it.
func (a *ArticleView) stepSpan(next bool) {
	spans := a.spans.spans
	if len(spans) == 0 {
		return
	}
	i, ok := a.spans.indexOf(a.selectedSpan)
	switch {
	case ok && next:
		i++
	case ok:
		i--
	case next:
		i = 0
		for i < len(spans) && spans[i].Start < a.caret {
			i++
		}
	default:
		i = len(spans) - 1
		for i >= 0 && spans[i].Start >= a.caret {
			i--
		}
	}
	if i < 0 || i >= len(spans) {
		return // no span beyond this one: stay
	}
	s := spans[i]
	a.caret, a.caretX = s.Start, -1
	a.chooseSpan(s.ID)
	g := a.ensureLayout()
	a.scrollToOffset(g, s.Start)
	a.Refresh()
}

// resizeSelected moves the selected span's start (or its end) one word to
// the right or to the left on the screen, snapped as a drag snaps
// (annotate.MoveBoundary: punctuation at the ends stays out unless it was
// in), and reports it through OnSpanResized. A span never becomes empty.
// The end stays the end in right-to-left text, where it is drawn on the
// span's left: there Shift+Left grows the span by the next word (drawn
// further left) and Shift+Right shrinks it; Alt+Shift moves the start,
// drawn on the right, the same way. In a left-to-right paragraph a
// boundary in right-to-left text stays inside its run: the next word in
// the text beyond the run's end is drawn elsewhere on the line.
func (a *ArticleView) resizeSelected(start, right bool) {
	s, ok := a.spans.find(a.selectedSpan)
	if !ok || a.OnSpanResized == nil {
		return
	}
	at := s.End
	if start {
		at = s.Start
	}
	// the arrow moves the boundary the way it points on the screen: in
	// right-to-left text, Left moves it on in the text
	ch := s.End - 1 // the code point at the boundary
	if start {
		ch = s.Start
	}
	rtl := a.lay.readsRTL(ch)
	if rtl {
		right = !right
	}
	words, _, _ := a.lay.words(at)
	ns, ne, moved := annotate.MoveBoundary(a.lay.runeAt, words, s.Start, s.End, start, right)
	if !moved {
		return
	}
	nch := ne - 1 // the code point at the new boundary
	if start {
		nch = ns
	}
	if rtl && !a.lay.readsRTL(nch) && !a.lay.paragraphRTLAt(nch) {
		// the next word in the text is drawn elsewhere, out of the
		// right-to-left run: the boundary stays rather than jump there
		return
	}
	a.caret, a.caretX = ne, -1
	if start {
		a.caret = ns
	}
	a.OnSpanResized(s.ID, ns, ne)
	a.caretInView()
}
