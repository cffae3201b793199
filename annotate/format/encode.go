package format

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"claimdesk/annotate"
)

// lineEncoder buffers JSON lines for the JSONL writers: no HTML escaping,
// so quotes and <tags> in texts stay readable.
type lineEncoder struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func newLineEncoder(w io.Writer) lineEncoder {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return lineEncoder{bw: bw, enc: enc}
}

// Flush writes out what is buffered.
func (e *lineEncoder) Flush() error { return e.bw.Flush() }

// formatTime formats t as RFC 3339 in UTC with as many fractional digits
// as it needs; the zero time is "".
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// exportSpans returns a record's spans sorted, with their texts, after
// checking them against the text. The caller's slice is not changed.
func exportSpans(rec *annotate.Record) ([]annotate.Span, []string, error) {
	d := &rec.Document
	if !utf8.ValidString(d.Text) {
		return nil, nil, annotate.Errorf(annotate.EINVALID, "document %s: text is not valid UTF-8", d.ID)
	}
	spans := append([]annotate.Span(nil), rec.Spans...)
	annotate.SortSpans(spans)
	ix := annotate.NewRuneIndex(d.Text)
	texts := make([]string, len(spans))
	for i := range spans {
		s := &spans[i]
		if err := annotate.CheckRange(s.Start, s.End, ix.Len()); err != nil {
			return nil, nil, fmt.Errorf("document %s: %w", d.ID, err)
		}
		texts[i] = ix.Slice(s.Start, s.End)
	}
	return spans, texts, nil
}
