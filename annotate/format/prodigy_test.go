package format

import (
	"bytes"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// FuzzProdigyLines: Prodigy lines with answers and relations, whatever
// they hold, never panic the reader; every relation it returns links two
// spans of its record; every record it returns leaves as spacy -tokens
// and comes back with the same spans and relations.
func FuzzProdigyLines(f *testing.F) {
	data, err := os.ReadFile("testdata/prodigy_news.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	for line := range strings.Lines(string(data)) {
		f.Add([]byte(line))
	}
	f.Add([]byte(`{"text":"a b","spans":[{"start":0,"end":1,"label":"A"}],"relations":[{"head":0,"child":1,"label":"R"}],"answer":"accept"}`))
	f.Add([]byte(`{"text":"a b","spans":[{"start":0,"end":1,"label":"A"},{"start":2,"end":3,"label":"B"}],"relations":[{"head_span":{"start":0,"end":1},"child_span":{"start":2,"end":3,"label":"B"},"label":"R"}]}`))
	f.Add([]byte(`{"text":"a","spans":[],"answer":7}`))
	f.Add([]byte(`{"text":"a","spans":[],"relations":[{"head_span":[],"label":"R"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewJSONLReader(bytes.NewReader(data), "fuzz.jsonl")
		var last error
		for {
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var le *annotate.LineError
				if !errors.As(err, &le) || le.Line < 1 {
					t.Fatalf("error %v (%T) is not a LineError with a line", err, err)
				}
				// An error in the JSON itself is final: Next repeats it
				// (records over many lines are read as JSON values).
				if last != nil && err.Error() == last.Error() {
					return
				}
				last = err
				continue
			}
			ids := map[string]bool{}
			for _, s := range rec.Spans {
				if s.ID != "" {
					ids[s.ID] = true
				}
			}
			for _, rel := range rec.Relations {
				if !ids[rel.From] || !ids[rel.To] {
					t.Fatalf("relation %+v links a span the record does not have", rel)
				}
			}
			var buf bytes.Buffer
			w := NewSpacyWriter(&buf, true, "")
			if err := w.Write(rec); err != nil {
				t.Fatalf("cannot write a record just read: %v", err)
			}
			w.Flush()
			back, err := ReadJSONL(&buf, "again.jsonl")
			if err != nil || len(back) != 1 {
				t.Fatalf("cannot read again what was written: %v\n%s", err, buf.String())
			}
			if c := w.TokenCounts(); c.Changed() == 0 {
				checkSameSpans(t, rec, back[0])
				if got, want := relationKeys(back[0]), relationKeys(rec); !slices.Equal(got, want) {
					t.Fatalf("relations %v came back as %v", want, got)
				}
			}
		}
	})
}
