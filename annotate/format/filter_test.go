package format

import (
	"fmt"
	"testing"

	"claimdesk/annotate"
)

func TestFilter(t *testing.T) {
	rec := annotate.Record{
		Document: annotate.Document{ID: "d", Status: annotate.StatusDone},
		Spans: []annotate.Span{
			{ID: "a", Label: "ACTOR", Annotator: "ana"},
			{ID: "c", Label: "CLAIM", Annotator: "ana"},
			{ID: "b", Label: "ACTOR", Annotator: "bo"},
		},
		Relations: []annotate.Relation{{ID: "r", Type: "SOURCE", From: "c", To: "a"}, {ID: "s", Type: "SOURCE", From: "c", To: "b"}},
	}
	tests := []struct {
		name       string
		f          Filter
		keep       bool
		spans, rel int
	}{
		{"zero", Filter{}, true, 3, 2},
		{"status kept", Filter{Status: annotate.StatusDone}, true, 3, 2},
		{"status dropped", Filter{Status: annotate.StatusTodo}, false, 0, 0},
		{"labels", Filter{Labels: []string{"ACTOR"}}, true, 2, 0},
		{"annotator", Filter{Annotator: "ana"}, true, 2, 1},
		{"both", Filter{Labels: []string{"CLAIM", "ACTOR"}, Annotator: "bo"}, true, 1, 0},
	}
	for _, tt := range tests {
		got, ok := tt.f.Apply(rec)
		if ok != tt.keep || (ok && (len(got.Spans) != tt.spans || len(got.Relations) != tt.rel)) {
			t.Errorf("%s: kept %v, %d spans, %d relations; want %v, %d, %d", tt.name, ok, len(got.Spans), len(got.Relations), tt.keep, tt.spans, tt.rel)
		}
	}
	if len(rec.Spans) != 3 {
		t.Error("Apply changed its input")
	}
}

func TestParseSplit(t *testing.T) {
	for _, bad := range []string{"80/10", "80/10/20", "a/b/c", "100", "50/50/0/0", "-10/110"} {
		if _, err := ParseSplit(bad, 1); annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("ParseSplit(%q) = %v", bad, err)
		}
	}
	if _, err := ParseSplit("90/10", 1); err != nil {
		t.Error(err)
	}
	if got := SplitPath("out/train data.jsonl", 2); got != "out/train data.test.jsonl" {
		t.Errorf("SplitPath = %q", got)
	}
	if got := SplitPath("spans", 0); got != "spans.train" {
		t.Errorf("SplitPath = %q", got)
	}
}

// TestSplitIsStableAndProportional: a document's part depends only on its
// id and the seed, and the parts hold about their percentages.
func TestSplitIsStableAndProportional(t *testing.T) {
	sp, _ := ParseSplit("80/10/10", 42)
	counts := make([]int, 3)
	for i := range 20000 {
		counts[sp.Part(fmt.Sprint("doc-", i))]++
	}
	for i, want := range []int{16000, 2000, 2000} {
		if d := counts[i] - want; d < -400 || d > 400 {
			t.Errorf("part %s holds %d of 20000, want about %d", SplitNames[i], counts[i], want)
		}
	}
	// A document keeps its part across versions of Claimdesk: these are the
	// parts the hash gives (changing it would reshuffle published splits).
	thirds, _ := ParseSplit("34/33/33", 7)
	want := []int{1, 2, 0, 1, 2, 0, 1, 2, 0, 0, 2, 2}
	for i, w := range want {
		if got := thirds.Part(fmt.Sprint("doc-", i)); got != w {
			t.Errorf("doc-%d is in part %d, it was in %d", i, got, w)
		}
	}
	// Another seed gives another assignment.
	other, _ := ParseSplit("34/33/33", 8)
	same := 0
	for i, w := range want {
		if other.Part(fmt.Sprint("doc-", i)) == w {
			same++
		}
	}
	if same == len(want) {
		t.Error("the seed does not change the split")
	}
}
