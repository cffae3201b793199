package format

import (
	"bytes"
	"testing"

	"claimdesk/annotate"
)

// TestDoccanoRelationsRoundTrip: a record with relations is written in
// doccano's entities/relations shape and read back with the same spans
// (start, end, label) and the same links between them.
func TestDoccanoRelationsRoundTrip(t *testing.T) {
	text := "China’s defence ministry declined to comment, said Hong Lei."
	d := annotate.Document{ID: "doc-1", Text: text}
	actor := annotate.Span{ID: "a", DocumentID: d.ID, Start: 0, End: 24, Label: annotate.LabelActor}
	denial := annotate.Span{ID: "b", DocumentID: d.ID, Start: 0, End: 44, Label: annotate.LabelDenial}
	hong := annotate.Span{ID: "c", DocumentID: d.ID, Start: 51, End: 59, Label: annotate.LabelActor}
	rec := annotate.Record{Document: d, Spans: []annotate.Span{actor, denial, hong},
		Relations: []annotate.Relation{
			{ID: "r1", Type: annotate.RelationSource, From: "b", To: "a"},
			{ID: "r2", Type: annotate.RelationTarget, From: "b", To: "c"},
		}}
	var buf bytes.Buffer
	w := NewDoccanoWriter(&buf)
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	back, err := ReadJSONL(&buf, "x.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	got := back[0]
	byID := map[string]annotate.Span{}
	for _, s := range got.Spans {
		byID[s.ID] = s
	}
	if len(got.Spans) != 3 || len(got.Relations) != 2 {
		t.Fatalf("read back %d spans and %d relations: %+v", len(got.Spans), len(got.Relations), got)
	}
	want := map[string][2]annotate.Span{"SOURCE": {denial, actor}, "TARGET": {denial, hong}}
	for _, r := range got.Relations {
		from, to := byID[r.From], byID[r.To]
		w := want[r.Type]
		if from.Start != w[0].Start || from.End != w[0].End || from.Label != w[0].Label ||
			to.Start != w[1].Start || to.End != w[1].End || to.Label != w[1].Label {
			t.Errorf("%s links %+v → %+v", r.Type, from, to)
		}
	}
	// A relation to a span the record lacks is refused.
	rec.Relations = append(rec.Relations, annotate.Relation{ID: "r3", Type: "SOURCE", From: "b", To: "nowhere"})
	if err := NewDoccanoWriter(&buf).Write(rec); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("a dangling relation: %v", err)
	}
}
