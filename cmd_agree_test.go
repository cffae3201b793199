package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"claimdesk/annotate/review"
)

// A measure that cannot be computed is null in agree's JSON, and "n/a"
// in its table: with no code point counted, kappa is NaN, and alpha_U of
// an empty continuum is too.
func TestAgreeNaNIsNull(t *testing.T) {
	if k := (review.LabelCounts{}).Kappa(); !math.IsNaN(k) {
		t.Fatalf("kappa of nothing is %v; the test needs a NaN", k)
	}
	ag := &agreement{
		files:   []string{"a.claimdesk", "b.jsonl"},
		skipped: []int{0, 0},
		pairs:   []filePair{{a: 0, b: 1, counts: review.PairCounts{"ACTOR": &review.LabelCounts{}}}},
		unit:    review.NewUnitizing(2),
	}
	data, err := json.Marshal(ag.json())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"files":["a.claimdesk","b.jsonl"],"documents":0,"skipped":[0,0],"pairs":[{"a":"a.claimdesk","b":"b.jsonl",` +
		`"labels":{"ACTOR":{"spans_a":0,"spans_b":0,"f1_exact":1,"f1_overlap":1,"kappa":null}},` +
		`"overall":{"spans_a":0,"spans_b":0,"f1_exact":1,"f1_overlap":1,"kappa":null}}],"alpha":{}}`
	if string(data) != want {
		t.Errorf("got  %s\nwant %s", data, want)
	}
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if b, err := json.Marshal(jsonFloat(x)); err != nil || string(b) != "null" {
			t.Errorf("jsonFloat(%v) = %s, %v; want null", x, b, err)
		}
	}
	var text strings.Builder
	ag.print(&text)
	if !strings.Contains(text.String(), "  ACTOR          0        0     1.000       1.000     n/a\n") {
		t.Errorf("the table does not show kappa as n/a:\n%s", text.String())
	}
}
