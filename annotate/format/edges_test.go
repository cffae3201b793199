package format

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"

	"claimdesk/annotate"
)

func TestEdgesGolden(t *testing.T) {
	got, unsourced := writeAll(t, "edges", "", networkRecords())
	if unsourced != 2 {
		t.Errorf("Unsourced() = %d, want 2 (u1, u2)", unsourced)
	}
	checkGolden(t, "edges.golden.csv", got)

	// One row per statement with its actor: s1, s2, s3 of d1, then s4, s5,
	// s8, s6, s7 of d2, in span order; each row's offsets give its text.
	rows, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+8 {
		t.Fatalf("%d rows, want a header and 8", len(rows))
	}
	texts := map[string]string{}
	for _, rec := range networkRecords() {
		texts[rec.Document.ID] = rec.Document.Text
	}
	var who []string
	for _, r := range rows[1:] {
		start, _ := strconv.Atoi(r[4])
		end, _ := strconv.Atoi(r[5])
		if s, ok := annotate.SliceRunes(texts[r[3]], start, end); !ok || s != r[6] {
			t.Errorf("row %q: text[%d:%d] is %q", r, start, end, s)
		}
		if normalizeName(r[6]) != r[1] {
			t.Errorf("row %q: concept is not the normalised text", r)
		}
		who = append(who, r[0]+" "+r[2])
	}
	want := []string{merkel + " 1", macron + " 0", wangYi + " 1", merkel + " 1", wangYi + " 0", wangYi + " 1", macron + " 1", merkel + " 0"}
	for i := range want {
		if who[i] != want[i] {
			t.Errorf("row %d: actor and agreement %q, want %q", i+1, who[i], want[i])
		}
	}
}

func TestEdgesHeaderOnly(t *testing.T) {
	var buf bytes.Buffer
	w := NewEdgesWriter(&buf)
	if err := w.Write(annotate.Record{Document: annotate.Document{ID: "d", Text: "x"}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "actor,concept,agreement,document,start,end,text\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func TestEdgesInvalidSpan(t *testing.T) {
	var buf bytes.Buffer
	w := NewEdgesWriter(&buf)
	rec := networkRecords()[0]
	rec.Spans = append(rec.Spans, annotate.Span{ID: "x", Start: 5, End: 500, Label: "ACTOR"})
	if err := w.Write(rec); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("Write: %v, want EINVALID", err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if w.Unsourced() != 0 || buf.Len() != len("actor,concept,agreement,document,start,end,text\n") {
		t.Errorf("a refused record was written: %q, %d unsourced", buf.String(), w.Unsourced())
	}
}
