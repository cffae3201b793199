package format

import (
	"bytes"
	"testing"

	"claimdesk/annotate"
)

func TestConllLayers(t *testing.T) {
	text := "China’s defence ministry declined to comment. Hong Lei spoke."
	rec := annotate.Record{
		Document: annotate.Document{ID: "d", Text: text},
		Spans: []annotate.Span{
			{ID: "a", Start: 0, End: 24, Label: "ACTOR"},  // China’s defence ministry
			{ID: "b", Start: 0, End: 44, Label: "DENIAL"}, // … declined to comment
			{ID: "c", Start: 46, End: 54, Label: "ACTOR"}, // Hong Lei
		},
	}
	for _, tt := range []struct {
		layer, want string
		dropped     int
	}{
		{"outer", "-DOCSTART-\tO\n\nChina’s\tB-DENIAL\ndefence\tI-DENIAL\nministry\tI-DENIAL\ndeclined\tI-DENIAL\nto\tI-DENIAL\ncomment\tI-DENIAL\n.\tO\n\nHong\tB-ACTOR\nLei\tI-ACTOR\nspoke\tO\n.\tO\n\n", 1},
		{"inner", "-DOCSTART-\tO\n\nChina’s\tB-ACTOR\ndefence\tI-ACTOR\nministry\tI-ACTOR\ndeclined\tO\nto\tO\ncomment\tO\n.\tO\n\nHong\tB-ACTOR\nLei\tI-ACTOR\nspoke\tO\n.\tO\n\n", 1},
	} {
		var buf bytes.Buffer
		w := NewConllWriter(&buf, tt.layer, "")
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if buf.String() != tt.want {
			t.Errorf("%s layer:\n%s\nwant\n%s", tt.layer, buf.String(), tt.want)
		}
		if c := w.TokenCounts(); c != (TokenCounts{Overlapping: tt.dropped}) {
			t.Errorf("%s layer counts %+v, want %d overlapping", tt.layer, c, tt.dropped)
		}
	}
	// Two adjacent spans of one label start two B- tags.
	rec.Spans = []annotate.Span{{ID: "x", Start: 0, End: 7, Label: "ACTOR"}, {ID: "y", Start: 8, End: 15, Label: "ACTOR"}}
	var buf bytes.Buffer
	w := NewConllWriter(&buf, "outer", "")
	w.Write(rec)
	w.Flush()
	if !bytes.Contains(buf.Bytes(), []byte("China’s\tB-ACTOR\ndefence\tB-ACTOR\n")) {
		t.Errorf("adjacent spans:\n%s", buf.String())
	}
}
