package app

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
)

// The window's parts work on their own, as Fyne's widgets do: given data,
// they show it, and what the user does comes out of their On callbacks.

// TestDocumentListOnItsOwn: the list shows the documents given, filters
// them by the title typed, opens one chosen with the keyboard through
// OnOpened (not the one already open), and counts the done ones.
func TestDocumentListOnItsOwn(t *testing.T) {
	test.NewTempApp(t)
	l := NewDocumentList()
	w := test.NewTempWindow(t, l.Content())
	w.Resize(fyne.NewSize(300, 400))
	docs := []annotate.DocumentInfo{
		{ID: "a", Title: "Harbour lease", Status: annotate.StatusDone},
		{ID: "b", Title: "Port strike", Status: annotate.StatusTodo},
		{ID: "c", Title: "Harbour fees", Status: annotate.StatusInProgress},
	}
	var opened []string
	l.OnOpened = func(id string) { opened = append(opened, id) }
	l.SetDocuments(docs)
	l.SetCurrent("a")
	if got := l.Listed(); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Fatalf("listed %v", got)
	}
	if got := l.progress.Text; got != "1 of 3 done" {
		t.Errorf("progress %q", got)
	}
	test.Type(l.filter.entry, "harbour")
	if got := l.Listed(); !slices.Equal(got, []string{"a", "c"}) {
		t.Fatalf("filtered by “harbour”: listed %v", got)
	}
	if got := l.progress.Text; got != "1 of 3 done · 2 shown" {
		t.Errorf("progress %q", got)
	}
	if len(opened) != 0 {
		t.Fatalf("showing and filtering opened %v", opened)
	}
	l.Focus(w.Canvas())
	if !l.Focused(w.Canvas()) {
		t.Fatal("the list did not take the focus")
	}
	// Down moves to the second row, Space opens it.
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if !slices.Equal(opened, []string{"c"}) {
		t.Fatalf("Down, Space opened %v, want [c]", opened)
	}
	var f6 int
	l.OnF6 = func() { f6++ }
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyF6})
	if f6 != 1 {
		t.Errorf("F6 reached OnF6 %d times", f6)
	}
}

// TestSpanPanelOnItsOwn: the Span tab shows the span Selected describes,
// stores the note typed through OnNoteChanged when the field loses the
// focus, and reports a relabel and a delete.
func TestSpanPanelOnItsOwn(t *testing.T) {
	test.NewTempApp(t)
	p := NewSpanPanel()
	w := test.NewTempWindow(t, p.Content())
	w.Resize(fyne.NewSize(300, 600))
	labels := annotate.LabelSet(annotate.DefaultLabels())
	p.setLabels(labels)
	span := annotate.NewSpan("d", 0, 5, labels[0].Name, "ana", time.Now())
	p.Spans = func() []annotate.Span { return []annotate.Span{span} }
	p.Selected = func() (SpanDetail, bool) {
		return SpanDetail{Span: span, Label: labels[0].Display, Text: "Hello", Entity: "No actor entity yet: E names it"}, true
	}
	p.RowText = func(s annotate.Span) string { return "Hello" }
	var notes [][2]string
	p.OnNoteChanged = func(id, note string) bool { notes = append(notes, [2]string{id, note}); span.Note = note; return true }
	var relabelled, deleted, done int
	p.OnRelabel = func(id, label string) {
		if id == span.ID && label == labels[1].Name {
			relabelled++
		}
	}
	p.OnDelete = func() { deleted++ }
	p.OnDone = func() { done++ }
	p.refresh()
	if p.heading.Text != labels[0].Display+"  0–5" || !p.note.Visible() {
		t.Fatalf("heading %q, note shown %v", p.heading.Text, p.note.Visible())
	}
	if len(p.rows) != len(labels)+1 {
		t.Errorf("%d rows, want a heading per label and the span", len(p.rows))
	}
	w.Canvas().Focus(p.note)
	test.Type(p.note, "checked")
	if !p.editingNote() {
		t.Fatal("the note field does not say it is being edited")
	}
	w.Canvas().Unfocus()
	if !slices.Equal(notes, [][2]string{{span.ID, "checked"}}) {
		t.Fatalf("OnNoteChanged got %v", notes)
	}
	p.labelSel.SetSelected(labels[1].Display)
	test.Tap(p.deleteBtn)
	if relabelled != 1 || deleted != 1 || done != 2 {
		t.Errorf("relabelled %d, deleted %d, done %d; want 1, 1, 2", relabelled, deleted, done)
	}
}

// TestReviewPanelOnItsOwn: the Review tab lists the colleagues and the
// differences given, and reports a toggle, a difference picked, Measure
// and a ranked document picked.
func TestReviewPanelOnItsOwn(t *testing.T) {
	test.NewTempApp(t)
	p := NewReviewPanel()
	w := test.NewTempWindow(t, p.Content())
	w.Resize(fyne.NewSize(200, 600))
	p.Describe = func(it review.Item) string { return "• only mine" }
	var shown []bool
	p.OnShownChanged = func(i int, on bool) { shown = append(shown, on) }
	p.SetLegend("", []LegendEntry{{Name: "bob", Detail: "bob.jsonl, square outline, tags ·bo", Shown: true}})
	var chosen []int
	p.OnDifferenceChosen = func(i int) { chosen = append(chosen, i) }
	p.SetDifferences(make([]review.Item, 3), -1)
	p.Select(1) // from the code: no callback
	if len(chosen) != 0 {
		t.Fatalf("Select reported %v", chosen)
	}
	p.list.Select(2) // as a click does
	if !slices.Equal(chosen, []int{2}) {
		t.Fatalf("picking line 2 reported %v", chosen)
	}
	var check interface{ SetChecked(bool) }
	walkAll(p.legend, func(o fyne.CanvasObject) {
		if c, ok := o.(interface{ SetChecked(bool) }); ok {
			check = c
		}
	})
	check.SetChecked(false)
	if !slices.Equal(shown, []bool{false}) {
		t.Fatalf("the toggle reported %v", shown)
	}
	measured := 0
	p.OnMeasure = func() { measured++ }
	walkAll(p.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Measure the project" {
			test.Tap(b)
		}
	})
	if measured != 1 {
		t.Fatalf("Measure reported %d times", measured)
	}
	var opened string
	p.OnDocumentChosen = func(id string) { opened = id }
	p.SetProjectFigures("1 document shared", []rankedDoc{{id: "x", title: "Harbour", f1: 0.5}})
	p.rankedList.Select(0)
	if opened != "x" || p.ProjectFigures() != "1 document shared" {
		t.Errorf("opened %q, figures %q", opened, p.ProjectFigures())
	}
	if m := p.Content().MinSize().Width; m > 200 {
		t.Errorf("the tab needs %v, wider than 200", m)
	}
}
