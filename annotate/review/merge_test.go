package review

import (
	"fmt"
	"slices"
	"testing"

	"claimdesk/annotate"
)

func TestParseStrategy(t *testing.T) {
	tests := []struct {
		in   string
		want Strategy
		ok   bool
	}{
		{"majority", Majority, true},
		{"union", Union, true},
		{"intersection", Intersection, true},
		{" Union ", Union, true},
		{"MAJORITY", Majority, true},
		{"", "", false},
		{"vote", "", false},
	}
	for _, tt := range tests {
		got, err := ParseStrategy(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseStrategy(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("ParseStrategy(%q): error code %q, want %q", tt.in, annotate.ErrorCode(err), annotate.EINVALID)
		}
	}
}

func TestMerge(t *testing.T) {
	withNote := sp("ana-x", 0, 5, "X")
	withNote.Note = "ana's note"
	withNote.Annotator = "ana"
	sets := []Set{
		{Name: "ana", Spans: []annotate.Span{withNote, sp("ana-y", 6, 9, "Y")}},
		{Name: "ben", Spans: []annotate.Span{sp("ben-x", 0, 5, "X"), sp("ben-y", 6, 10, "Y"), sp("ben-z", 1, 2, "Z")}},
		{Name: "cy", Spans: []annotate.Span{sp("cy-z", 1, 2, "Z"), sp("cy-x", 0, 5, "X")}},
	}
	tests := []struct {
		s    Strategy
		want []string // "id start-end label annotator [annotators]"
	}{
		// X in 3 of 3, Z in 2 of 3: more than half. Y differs in its end.
		{Majority, []string{"ana-x 0-5 X ana+ben+cy [ana ben cy]", "ben-z 1-2 Z ben+cy [ben cy]"}},
		// CompareSpans order: start, then end descending.
		{Union, []string{"ana-x 0-5 X ana+ben+cy [ana ben cy]", "ben-z 1-2 Z ben+cy [ben cy]",
			"ben-y 6-10 Y ben [ben]", "ana-y 6-9 Y ana [ana]"}},
		{Intersection, []string{"ana-x 0-5 X ana+ben+cy [ana ben cy]"}},
		{Strategy("vote"), nil},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range Merge(sets, tt.s) {
			got = append(got, fmt.Sprintf("%s %d-%d %s %s %v", m.Span.ID, m.Span.Start, m.Span.End, m.Span.Label, m.Span.Annotator, m.Annotators))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.s, got, tt.want)
		}
	}
	// The kept span's other fields come from the first set that has it.
	m := Merge(sets, Intersection)[0]
	if m.Span.Note != "ana's note" || m.Span.DocumentID != "doc" {
		t.Errorf("merged X %+v: want ana's note and document", m.Span)
	}
}

func TestMergeCountsASetOnce(t *testing.T) {
	// ana has X twice, ben has none: 1 set of 2 is not more than half.
	sets := []Set{
		{Name: "ana", Spans: []annotate.Span{sp("a1", 0, 5, "X"), sp("a2", 0, 5, "X")}},
		{Name: "ben"},
	}
	if got := Merge(sets, Majority); len(got) != 0 {
		t.Errorf("Majority = %+v, want nothing", got)
	}
	got := Merge(sets, Union)
	if len(got) != 1 || got[0].Span.ID != "a1" || !slices.Equal(got[0].Annotators, []string{"ana"}) {
		t.Errorf("Union = %+v, want a1 by ana once", got)
	}
	if got := Merge(nil, Intersection); len(got) != 0 {
		t.Errorf("Merge of no sets = %+v", got)
	}
}
