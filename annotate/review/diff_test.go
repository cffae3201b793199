package review

import (
	"reflect"
	"slices"
	"testing"

	"claimdesk/annotate"
)

func TestKindString(t *testing.T) {
	tests := []struct {
		k    Kind
		want string
	}{
		{OnlyMine, "only mine"},
		{OnlyTheirs, "only theirs"},
		{OtherLabel, "other label"},
		{OtherBoundaries, "other boundaries"},
		{Kind(9), "kind(9)"},
	}
	for _, tt := range tests {
		if got := tt.k.String(); got != tt.want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(tt.k), got, tt.want)
		}
	}
}

func TestDiffStartEndID(t *testing.T) {
	tests := []struct {
		d          Diff
		start, end int
		id         string
	}{
		{Diff{Kind: OnlyMine, Mine: sp("m", 3, 7, "X")}, 3, 7, "only mine:m:"},
		{Diff{Kind: OnlyTheirs, Theirs: sp("t", 4, 9, "X")}, 4, 9, "only theirs::t"},
		{Diff{Kind: OtherLabel, Mine: sp("m", 2, 5, "X"), Theirs: sp("t", 2, 5, "Y")}, 2, 5, "other label:m:t"},
		{Diff{Kind: OtherBoundaries, Mine: sp("m", 2, 5, "X"), Theirs: sp("t", 4, 9, "X")}, 2, 9, "other boundaries:m:t"},
		{Diff{Kind: OtherBoundaries, Mine: sp("m", 5, 6, "X"), Theirs: sp("t", 1, 8, "Y")}, 1, 8, "other boundaries:m:t"},
	}
	for _, tt := range tests {
		if tt.d.Start() != tt.start || tt.d.End() != tt.end || tt.d.ID() != tt.id {
			t.Errorf("%+v: Start, End, ID = %d, %d, %q, want %d, %d, %q",
				tt.d, tt.d.Start(), tt.d.End(), tt.d.ID(), tt.start, tt.end, tt.id)
		}
	}
}

func TestDifferences(t *testing.T) {
	tests := []struct {
		name          string
		mine, theirs  []annotate.Span
		want          []string // Diff.ID in order
		wantAgreement []string // "<mine id>=<their id>"
	}{
		{
			name:          "identical spans agree",
			mine:          []annotate.Span{sp("m1", 0, 5, "X"), sp("m2", 6, 9, "Y")},
			theirs:        []annotate.Span{sp("t2", 6, 9, "Y"), sp("t1", 0, 5, "X")},
			wantAgreement: []string{"m1=t1", "m2=t2"},
		},
		{
			name:   "same range, other label",
			mine:   []annotate.Span{sp("m", 0, 5, "ACTOR")},
			theirs: []annotate.Span{sp("t", 0, 5, "CLAIM")},
			want:   []string{"other label:m:t"},
		},
		{
			name:   "overlapping, same label",
			mine:   []annotate.Span{sp("m", 0, 5, "X")},
			theirs: []annotate.Span{sp("t", 2, 8, "X")},
			want:   []string{"other boundaries:m:t"},
		},
		{
			// mine [0,10) overlaps [0,3) by 3 and [2,9) by 7: it pairs with
			// the larger overlap.
			name:   "largest overlap wins",
			mine:   []annotate.Span{sp("m", 0, 10, "X")},
			theirs: []annotate.Span{sp("t1", 0, 3, "X"), sp("t2", 2, 9, "X")},
			want:   []string{"only theirs::t1", "other boundaries:m:t2"},
		},
		{
			// Y [0,9) overlaps by 9, X [5,10) by 5: the same label first.
			name:   "same label before any label",
			mine:   []annotate.Span{sp("m", 0, 10, "X")},
			theirs: []annotate.Span{sp("ty", 0, 9, "Y"), sp("tx", 5, 10, "X")},
			want:   []string{"only theirs::ty", "other boundaries:m:tx"},
		},
		{
			name:   "then any label",
			mine:   []annotate.Span{sp("m", 0, 10, "X")},
			theirs: []annotate.Span{sp("t", 2, 8, "Y")},
			want:   []string{"other boundaries:m:t"},
		},
		{
			name:          "identical before other label",
			mine:          []annotate.Span{sp("m", 0, 5, "X")},
			theirs:        []annotate.Span{sp("ty", 0, 5, "Y"), sp("tx", 0, 5, "X")},
			want:          []string{"only theirs::ty"},
			wantAgreement: []string{"m=tx"},
		},
		{
			name:          "other label before overlap",
			mine:          []annotate.Span{sp("m", 0, 5, "X")},
			theirs:        []annotate.Span{sp("tb", 1, 5, "X"), sp("tl", 0, 5, "Y")},
			want:          []string{"other label:m:tl", "only theirs::tb"},
			wantAgreement: nil,
		},
		{
			name:   "adjacent ranges do not overlap",
			mine:   []annotate.Span{sp("m", 0, 5, "X")},
			theirs: []annotate.Span{sp("t", 5, 8, "X")},
			want:   []string{"only mine:m:", "only theirs::t"},
		},
		{
			name:          "a duplicate is used once",
			mine:          []annotate.Span{sp("m1", 0, 5, "X"), sp("m2", 0, 5, "X")},
			theirs:        []annotate.Span{sp("t", 0, 5, "X")},
			want:          []string{"only mine:m2:"},
			wantAgreement: []string{"m1=t"},
		},
		{
			// Sorted by Start, then End: 0–5, 3–12, 20–30.
			name: "order",
			mine: []annotate.Span{sp("m3", 3, 8, "X"), sp("m1", 0, 5, "Y")},
			theirs: []annotate.Span{
				sp("t2", 20, 30, "X"), sp("t3", 6, 12, "X"), sp("t1", 0, 5, "Z"),
			},
			want: []string{"other label:m1:t1", "other boundaries:m3:t3", "only theirs::t2"},
		},
		{
			// Both differences are 0–5; the kind breaks the tie. The Y
			// pair (overlap 1) goes first as it has the same label, though
			// mine X overlaps their Y by 3.
			name:   "kind breaks ties",
			mine:   []annotate.Span{sp("mx", 0, 5, "X"), sp("my", 0, 3, "Y")},
			theirs: []annotate.Span{sp("ty", 2, 5, "Y")},
			want:   []string{"only mine:mx:", "other boundaries:my:ty"},
		},
		{
			name:   "nothing of theirs",
			mine:   []annotate.Span{sp("m2", 4, 6, "X"), sp("m1", 0, 2, "X")},
			theirs: nil,
			want:   []string{"only mine:m1:", "only mine:m2:"},
		},
		{
			name:   "nested spans pair one to one",
			mine:   []annotate.Span{sp("outer", 0, 20, "CLAIM"), sp("inner", 2, 6, "ACTOR")},
			theirs: []annotate.Span{sp("t-outer", 0, 18, "CLAIM"), sp("t-inner", 2, 7, "ACTOR")},
			want:   []string{"other boundaries:outer:t-outer", "other boundaries:inner:t-inner"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agreed, diffs := Align(tt.mine, Set{Name: "ben", Spans: tt.theirs})
			var got []string
			for _, d := range diffs {
				got = append(got, d.ID())
				if d.Source != "ben" {
					t.Errorf("%s: Source %q, want ben", d.ID(), d.Source)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("diffs\n got %q\nwant %q", got, tt.want)
			}
			var gotAgreed []string
			for _, p := range agreed {
				gotAgreed = append(gotAgreed, p.Mine.ID+"="+p.Theirs.ID)
			}
			if !slices.Equal(gotAgreed, tt.wantAgreement) {
				t.Errorf("agreements %q, want %q", gotAgreed, tt.wantAgreement)
			}
			if d := Differences(tt.mine, Set{Name: "ben", Spans: tt.theirs}); !slices.EqualFunc(d, diffs, func(a, b Diff) bool { return reflect.DeepEqual(a, b) }) {
				t.Errorf("Differences = %v, Align's diffs %v", d, diffs)
			}
		})
	}
}

func TestDifferencesLeavesInputAlone(t *testing.T) {
	mine := []annotate.Span{sp("b", 5, 9, "X"), sp("a", 0, 3, "X")}
	theirs := []annotate.Span{sp("d", 6, 9, "X"), sp("c", 0, 3, "Y")}
	m, th := slices.Clone(mine), slices.Clone(theirs)
	Differences(mine, Set{Name: "x", Spans: theirs})
	same := func(a, b annotate.Span) bool { return reflect.DeepEqual(a, b) }
	if !slices.EqualFunc(m, mine, same) || !slices.EqualFunc(th, theirs, same) {
		t.Errorf("Differences reordered its input: %v %v", mine, theirs)
	}
}

// SortByStart is a stable sort by Start.
func TestSortByStart(t *testing.T) {
	mk := func(kind Kind, start, end int, id string) Diff {
		s := annotate.Span{ID: id, Start: start, End: end, Label: "X"}
		if kind == OnlyTheirs {
			return Diff{Kind: kind, Theirs: s}
		}
		return Diff{Kind: kind, Mine: s}
	}
	diffs := []Diff{mk(OnlyMine, 5, 6, "a"), mk(OnlyTheirs, 1, 9, "b"), mk(OnlyMine, 5, 9, "c"), mk(OnlyTheirs, 0, 1, "d"), mk(OnlyMine, 1, 2, "e")}
	want := slices.Clone(diffs)
	slices.SortStableFunc(want, func(x, y Diff) int { return x.Start() - y.Start() })
	SortByStart(diffs)
	for i := range diffs {
		if diffs[i].ID() != want[i].ID() {
			t.Fatalf("place %d: %s, want %s", i, diffs[i].ID(), want[i].ID())
		}
	}
}
