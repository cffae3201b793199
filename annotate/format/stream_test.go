package format

import (
	"context"
	"errors"
	"io"
	"reflect"
	"testing"

	"claimdesk/annotate"
)

// streamImporter is a StreamImporter over memImporter: it reads the whole
// stream, then imports it, and records how it was called.
type streamImporter struct {
	memImporter
	streams int
}

func (s *streamImporter) ImportStream(next func() (annotate.Record, error), annotator string) (annotate.ImportResult, error) {
	s.streams++
	var recs []annotate.Record
	for {
		rec, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return annotate.ImportResult{}, err
		}
		recs = append(recs, rec)
	}
	return s.Import(recs, annotator)
}

// ImportFile streams into a StreamImporter: the same records, the same
// record errors by line, and the reader's errors as they are.
func TestImportFileStreams(t *testing.T) {
	path := writeFile(t, "in.jsonl", "{\"text\": \"one\"}\n\n\n{\"text\": \"two\"}\n{\"text\": \"three\"}\n")
	mem := &memImporter{failAt: -1}
	want, err := ImportFile(context.Background(), mem, path, "ana", nil)
	if err != nil {
		t.Fatal(err)
	}
	st := &streamImporter{memImporter: memImporter{failAt: -1}}
	var last [2]int64
	got, err := ImportFile(context.Background(), st, path, "ana", func(done, total int64) { last = [2]int64{done, total} })
	if err != nil || st.streams != 1 || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(st.records, mem.records) {
		t.Fatalf("streamed: %+v, %v, %d streams; want %+v", got, err, st.streams, want)
	}
	if last[0] != last[1] || last[0] == 0 {
		t.Errorf("last progress %v", last)
	}
	for _, tt := range []struct{ failAt, line int }{{0, 1}, {1, 4}, {2, 5}} {
		st := &streamImporter{memImporter: memImporter{failAt: tt.failAt}}
		_, err := ImportFile(context.Background(), st, path, "ana", nil)
		mem := &memImporter{failAt: tt.failAt}
		_, want := ImportFile(context.Background(), mem, path, "ana", nil)
		if err == nil || err.Error() != want.Error() {
			t.Errorf("record %d: streamed error %v, want %v", tt.failAt, err, want)
		}
	}
	bad := writeFile(t, "bad.jsonl", "{\"text\": \"one\"}\n{\"text\": 2}\n")
	_, err = ImportFile(context.Background(), &streamImporter{memImporter: memImporter{failAt: -1}}, bad, "ana", nil)
	_, want2 := ImportFile(context.Background(), &memImporter{failAt: -1}, bad, "ana", nil)
	var le *annotate.LineError
	if !errors.As(err, &le) || err.Error() != want2.Error() {
		t.Errorf("bad line: streamed error %v, want %v", err, want2)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = ImportFile(ctx, &streamImporter{memImporter: memImporter{failAt: -1}}, path, "ana", nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
