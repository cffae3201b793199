package format

import (
	"bytes"
	"testing"

	"claimdesk/annotate"
)

func TestCSVWriterHeaderOnly(t *testing.T) {
	var buf bytes.Buffer
	w := NewCSVWriter(&buf)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "document_id,title,start,end,label,text,annotator,created,note\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
	buf.Reset()
	w = NewCSVWriter(&buf)
	if err := w.Write(annotate.Record{Document: annotate.Document{Text: "x"}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != want {
		t.Errorf("no spans: got %q", buf.String())
	}
}
