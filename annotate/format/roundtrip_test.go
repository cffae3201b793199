package format

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"claimdesk/annotate"
)

// roundTripFormats returns the formats whose files can be read back: those
// with a reader and a writer, and those another format's reader reads
// (ReadBy), each with the reader's format.
func roundTripFormats(t testing.TB) map[string]Format {
	out := map[string]Format{}
	for _, name := range WriterNames() {
		f, _ := Lookup(name)
		switch {
		case f.NewReader != nil:
			out[name] = f
		case f.ReadBy != "":
			r, ok := Lookup(f.ReadBy)
			if !ok || r.NewReader == nil {
				t.Fatalf("%s is read by %q, which has no reader", name, f.ReadBy)
			}
			out[name] = r
		}
	}
	return out
}

// TestRoundTripEveryFormat: every format that can be read back keeps
// every span's start, end, label and text, over random Unicode text:
// emoji and their ZWJ sequences, combining marks, right-to-left scripts,
// CRLF and lone CRs (inside JSON strings), byte order marks and any code
// point rapid draws. A reader that normalises a text file's line ends and
// byte order mark (brat's .txt, as a text import) must give the
// normalised text; its offsets are then checked against that text.
func TestRoundTripEveryFormat(t *testing.T) {
	formats := roundTripFormats(t)
	for _, want := range []string{"jsonl", "labelstudio", "brat", "doccano", "spacy"} {
		if _, ok := formats[want]; !ok {
			t.Errorf("%s cannot be read back", want)
		}
	}
	dir := t.TempDir()
	pieces := []string{
		"Wang Yi", " ", "\n", "\r\n", "\r", "😀", "👩‍👩‍👧", "🇨🇳", "e\u0301", "\u0915\u094d\u0937", // emoji, ZWJ, flag, combining, Devanagari
		"إبراهيم الجعفري", "שלום", "\u200f", "\u202e", "\ufeff", "“", "’", "\t", `"\`, "<b>&amp;</b>", "\u2028",
	}
	labels := rapid.StringMatching(`[A-Z][A-Z_:./\-0-9]{0,10}|[\p{L}\p{N}]{1,8}`)
	rapid.Check(t, func(rt *rapid.T) {
		parts := rapid.SliceOfN(rapid.OneOf(rapid.SampledFrom(pieces), rapid.String()), 1, 20).Draw(rt, "text")
		text := strings.Join(parts, "")
		if norm, _ := annotate.NormalizeText([]byte(text)); strings.TrimSpace(norm) == "" {
			text += "x" // a document has text, a text file too
		}
		n := annotate.RuneCount(text)
		rec := annotate.Record{Document: annotate.Document{ID: annotate.NewID(), Title: "t", Text: text}}
		for i := range rapid.IntRange(0, 6).Draw(rt, "nspans") {
			start := rapid.IntRange(0, n-1).Draw(rt, "start")
			end := rapid.IntRange(start+1, n).Draw(rt, "end")
			// A span of only a leading byte order mark and the CRs of
			// CRLFs has no text left once a text file's line ends are
			// normalised: brat's reader refuses it (TestReadBratErrors).
			if m := bratOffsetMap(text); m != nil && m[end] <= m[start] {
				continue
			}
			rec.Spans = append(rec.Spans, annotate.Span{ID: annotate.NewID(), DocumentID: rec.Document.ID,
				Start: start, End: end, Label: labels.Draw(rt, "label"), Annotator: "a"})
			_ = i
		}
		for name, reader := range formats {
			sub, err := os.MkdirTemp(dir, name)
			if err != nil {
				rt.Fatal(err)
			}
			got := writeAndRead(rt, sub, name, reader, rec)
			want := rec
			if got.Document.Text != text {
				norm, _ := annotate.NormalizeText([]byte(text))
				if got.Document.Text != norm {
					rt.Fatalf("%s: text %q read back as %q", name, text, got.Document.Text)
				}
				// Offsets are into the normalised text: compare the
				// span texts, flattened as brat's text column is.
				checkSpanTexts(rt, name, rec, got)
				continue
			}
			if len(got.Spans) != len(want.Spans) {
				rt.Fatalf("%s: %d spans read back, want %d", name, len(got.Spans), len(want.Spans))
			}
			checkSameSpans(rt, want, got)
			os.RemoveAll(sub)
		}
	})
}

// writeAndRead exports rec in the format name into dir and reads the
// result back with reader's reader: the record it gives.
func writeAndRead(t *rapid.T, dir, name string, reader Format, rec annotate.Record) annotate.Record {
	f, _ := Lookup(name)
	var path string
	if f.Folder {
		out := filepath.Join(dir, "out")
		if err := ExportDir(context.Background(), out, name, ExportOptions{}, sliceSource(rec), nil); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		anns, _ := filepath.Glob(filepath.Join(out, "*"+reader.Extensions[0]))
		if len(anns) != 1 {
			t.Fatalf("%s wrote %q", name, anns)
		}
		path = anns[0]
	} else {
		var buf bytes.Buffer
		if err := ExportWith(context.Background(), &buf, name, ExportOptions{}, sliceSource(rec), nil); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		path = filepath.Join(dir, "out"+reader.Extensions[0])
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := ReadFile(path, data)
	if err != nil || len(recs) != 1 {
		t.Fatalf("%s: read back %d records: %v\n%s", name, len(recs), err, data)
	}
	return recs[0]
}

// checkSpanTexts fails unless got's spans have want's labels and texts
// (line ends normalised, as in got's text).
func checkSpanTexts(t *rapid.T, name string, want, got annotate.Record) {
	if len(got.Spans) != len(want.Spans) {
		t.Fatalf("%s: %d spans read back, want %d", name, len(got.Spans), len(want.Spans))
	}
	texts := func(rec annotate.Record, norm bool) []string {
		spans := append([]annotate.Span(nil), rec.Spans...)
		annotate.SortSpans(spans)
		runes := []rune(rec.Document.Text)
		var out []string
		for _, s := range spans {
			r := runes[s.Start:s.End]
			if norm {
				// The CR of a CRLF at the span's end goes with the LF
				// after it, a leading byte order mark with nothing.
				if s.End < len(runes) && runes[s.End-1] == '\r' && runes[s.End] == '\n' {
					r = r[:len(r)-1]
				}
				if s.Start == 0 && r[0] == '\ufeff' {
					r = r[1:]
				}
			}
			st := string(r)
			if norm {
				st = strings.ReplaceAll(strings.ReplaceAll(st, "\r\n", "\n"), "\r", "\n")
			}
			out = append(out, s.Label+"="+st)
		}
		slices.Sort(out) // normalising can change the spans' order
		return out
	}
	w, g := strings.Join(texts(want, true), "|"), strings.Join(texts(got, false), "|")
	if w != g {
		t.Fatalf("%s: spans read back as %q, want %q", name, g, w)
	}
}
