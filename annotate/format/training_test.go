package format

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// TestTrainingGolden writes the golden records in the training formats
// (spacy with tokens, hf with its side file) through ExportFileWith and
// compares them with the golden files in testdata (go test -update
// rewrites them).
func TestTrainingGolden(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, format string
		opts         ExportOptions
		files        []string // written files, the first the export
	}{
		{"spacy", "spacy", ExportOptions{}, []string{"export.golden.spacy.jsonl"}},
		{"spacy tokens", "spacy", ExportOptions{Tokens: true}, []string{"export.golden.spacy-tokens.jsonl"}},
		{"hf", "hf", ExportOptions{}, []string{"export.golden.hf.jsonl", "export.golden.hf.labels.json"}},
		{"hf inner", "hf", ExportOptions{Mode: "inner"}, []string{"export.golden.hf-inner.jsonl", "export.golden.hf-inner.labels.json"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.files[0])
			if err := ExportFileWith(context.Background(), path, tt.format, tt.opts, sliceSource(goldenRecords()...), nil); err != nil {
				t.Fatal(err)
			}
			for _, name := range tt.files {
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("testdata", name)
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update to write it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s:\n%s", name, golden, got)
				}
			}
		})
	}
}

// TestSpacyTokens: tokens are the text's words, cut at span boundaries,
// with their code point offsets (the span texts are text[start:end]) and
// "ws"; every span gets its first and (inclusive) last token, one with
// white space at its end is written without it and counted; without
// tokens neither is written.
func TestSpacyTokens(t *testing.T) {
	text := "Iraq’s  minister 😀\nspoke. Wang Yi said"
	rec := annotate.Record{Document: annotate.Document{ID: docID1, Text: text}, Spans: []annotate.Span{
		{ID: "a", Start: 0, End: 16, Label: "ACTOR"},  // Iraq’s  minister
		{ID: "b", Start: 0, End: 2, Label: "ACTOR"},   // Ir: inside a token
		{ID: "c", Start: 26, End: 33, Label: "ACTOR"}, // Wang Yi
		{ID: "d", Start: 26, End: 34, Label: "ACTOR"}, // "Wang Yi ": ends after the space
	}}
	type tok struct {
		Text       string
		Start, End int
		ID         int
		WS         bool
	}
	type span struct {
		Start, End  int
		TokenStart  *int `json:"token_start"`
		TokenEnd    *int `json:"token_end"`
		Label, Text string
	}
	var line struct {
		Tokens []tok
		Spans  []span
	}
	var buf bytes.Buffer
	w := NewSpacyWriter(&buf, true, "")
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatal(err)
	}
	runes := []rune(text)
	var words []string
	for i, tk := range line.Tokens {
		if tk.ID != i || string(runes[tk.Start:tk.End]) != tk.Text {
			t.Errorf("token %d %+v: text[%d:%d] is %q", i, tk, tk.Start, tk.End, string(runes[tk.Start:tk.End]))
		}
		words = append(words, tk.Text)
		if ws := tk.End < len(runes) && strings.ContainsRune(" \n", runes[tk.End]); tk.WS != ws {
			t.Errorf("token %q ws %v, want %v", tk.Text, tk.WS, ws)
		}
	}
	if want := []string{"Ir", "aq’s", "minister", "😀", "spoke", ".", "Wang", "Yi", "said"}; !reflect.DeepEqual(words, want) {
		t.Errorf("tokens %q, want %q", words, want)
	}
	idx := func(s span) string {
		if s.TokenStart == nil || s.TokenEnd == nil {
			return "none"
		}
		return strings.Repeat("|", *s.TokenStart) + "-" + strings.Repeat("|", *s.TokenEnd)
	}
	// Spans in CompareSpans order (longer first): a (0-16), b (0-2), d
	// (26-34), c (26-33).
	for i, want := range []string{"-||", "-", "||||||-|||||||", "||||||-|||||||"} {
		if got := idx(line.Spans[i]); got != want {
			t.Errorf("span %+v token indices %s, want %s", line.Spans[i], got, want)
		}
	}
	if d := line.Spans[2]; d.Start != 26 || d.End != 33 || d.Text != "Wang Yi" {
		t.Errorf("span d written as %+v, want 26-33 \"Wang Yi\"", d)
	}
	if c := w.TokenCounts(); c != (TokenCounts{Trimmed: 1}) {
		t.Errorf("TokenCounts() = %+v, want 1 trimmed", c)
	}

	buf.Reset()
	w = NewSpacyWriter(&buf, false, "")
	w.Write(rec)
	w.Flush()
	if strings.Contains(buf.String(), "token") || w.TokenCounts() != (TokenCounts{}) {
		t.Errorf("without tokens: %s (counts %+v)", buf.String(), w.TokenCounts())
	}
}

// TestSpacyImport: import reads a spaCy export back, tokens ignored, with
// the document's id, title and source, and every span's offsets, label
// and text; Prodigy's own lines, with tokens and extra keys, import too.
func TestSpacyImport(t *testing.T) {
	want := goldenRecord()
	for _, tokens := range []bool{false, true} {
		var buf bytes.Buffer
		w := NewSpacyWriter(&buf, tokens, "")
		if err := w.Write(want); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		recs, err := ReadJSONL(&buf, "spacy.jsonl")
		if err != nil || len(recs) != 1 {
			t.Fatalf("tokens %v: %v, %d records", tokens, err, len(recs))
		}
		got := recs[0]
		d := got.Document
		if d.ID != want.Document.ID || d.Title != want.Document.Title || d.Source != want.Document.Source || d.Text != want.Document.Text {
			t.Errorf("tokens %v: document %+v", tokens, d)
		}
		checkSameSpans(t, want, got)
	}
	prodigy := `{"text":"Apple buys U.K. startup","_input_hash":1,"_task_hash":2,"answer":"accept",` +
		`"tokens":[{"text":"Apple","start":0,"end":5,"id":0,"ws":true},{"text":"buys","start":6,"end":10,"id":1,"ws":true}],` +
		`"spans":[{"start":0,"end":5,"token_start":0,"token_end":0,"label":"ORG"}],"meta":{"source":"news"}}`
	rec, err := DecodeJSONLine([]byte(prodigy))
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Spans) != 1 || rec.Spans[0].Start != 0 || rec.Spans[0].End != 5 || rec.Spans[0].Label != "ORG" || rec.Document.Source != "news" {
		t.Errorf("Prodigy line read as %+v", rec)
	}
	// Tokens are ignored even when they make no sense.
	bad := strings.Replace(prodigy, `"start":6,"end":10`, `"start":-6,"end":1000`, 1)
	if _, err := DecodeJSONLine([]byte(bad)); err != nil {
		t.Errorf("tokens were read: %v", err)
	}
}

// checkSameSpans fails unless got has want's spans: the same start, end,
// label and text, in CompareSpans order.
func checkSameSpans(t interface {
	Helper()
	Fatalf(format string, args ...any)
}, want, got annotate.Record) {
	t.Helper()
	type key struct {
		start, end  int
		label, text string
	}
	keys := func(rec annotate.Record) []key {
		spans := append([]annotate.Span(nil), rec.Spans...)
		annotate.SortSpans(spans)
		ix := annotate.NewRuneIndex(rec.Document.Text)
		var ks []key
		for _, s := range spans {
			ks = append(ks, key{s.Start, s.End, s.Label, ix.Slice(s.Start, s.End)})
		}
		return ks
	}
	if w, g := keys(want), keys(got); !reflect.DeepEqual(w, g) {
		t.Fatalf("spans changed:\n got %+v\nwant %+v", g, w)
	}
}

// TestHFTags: the tags of an hf line are the conll tags as indices into
// the tag names, the project's labels (SetSchema) first; sentences are
// lines; the side file lists the names.
func TestHFTags(t *testing.T) {
	rec := annotate.Record{
		Document: annotate.Document{ID: "d", Text: "China’s defence ministry declined to comment. Hong Lei spoke."},
		Spans: []annotate.Span{
			{ID: "a", Start: 0, End: 24, Label: "ACTOR"},
			{ID: "b", Start: 0, End: 44, Label: "DENIAL"},
			{ID: "c", Start: 46, End: 54, Label: "ACTOR"},
		},
	}
	var buf bytes.Buffer
	w := NewHFWriter(&buf, "outer", "")
	w.SetSchema([]string{"CLAIM", "ACTOR"}, nil)
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	want := `{"id":"d-0","tokens":["China’s","defence","ministry","declined","to","comment","."],"ner_tags":[5,6,6,6,6,6,0]}` + "\n" +
		`{"id":"d-1","tokens":["Hong","Lei","spoke","."],"ner_tags":[3,4,0,0]}` + "\n"
	if buf.String() != want {
		t.Errorf("got\n%swant\n%s", buf.String(), want)
	}
	if c := w.TokenCounts(); c != (TokenCounts{Overlapping: 1}) {
		t.Errorf("TokenCounts() = %+v, want 1 overlapping", c)
	}
	var side bytes.Buffer
	if err := w.WriteSide(&side); err != nil {
		t.Fatal(err)
	}
	if want := `["O","B-CLAIM","I-CLAIM","B-ACTOR","I-ACTOR","B-DENIAL","I-DENIAL"]` + "\n"; side.String() != want {
		t.Errorf("side file %s, want %s", side.String(), want)
	}
	if names := w.TagNames(); len(names) != 7 || names[5] != "B-DENIAL" {
		t.Errorf("TagNames() = %q", names)
	}
}

// TestHFSideFile: ExportFileWith writes the side file beside the export,
// or where SidePath names it; an export that fails writes neither.
func TestHFSideFile(t *testing.T) {
	dir := t.TempDir()
	f, _ := Lookup("hf")
	out := filepath.Join(dir, "data.jsonl")
	if got, want := SidePath(out, f), filepath.Join(dir, "data.labels.json"); got != want {
		t.Errorf("SidePath = %q, want %q", got, want)
	}
	if got := SidePath(out, Format{Name: "jsonl"}); got != "" {
		t.Errorf("SidePath of jsonl = %q", got)
	}
	shared := filepath.Join(dir, "shared.labels.json")
	for _, part := range []string{"data.train.jsonl", "data.dev.jsonl"} {
		opts := ExportOptions{SidePath: shared, Opened: func(w Writer) { w.(SchemaSetter).SetSchema([]string{"ACTOR", "CLAIM", "DENIAL"}, nil) }}
		if err := ExportFileWith(context.Background(), filepath.Join(dir, part), "hf", opts, sliceSource(goldenRecords()...), nil); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(shared)
	if err != nil {
		t.Fatal(err)
	}
	if want := `["O","B-ACTOR","I-ACTOR","B-CLAIM","I-CLAIM","B-DENIAL","I-DENIAL"]` + "\n"; string(got) != want {
		t.Errorf("shared side file %s", got)
	}
	assertOnlyFiles(t, dir, "data.train.jsonl", "data.dev.jsonl", "shared.labels.json")

	// A failing export leaves no file, side file included.
	failing := Source{ForEach: func(fn func(annotate.Record) error) error {
		if err := fn(goldenRecord()); err != nil {
			return err
		}
		return fn(annotate.Record{Document: annotate.Document{Text: "ab"}, Spans: []annotate.Span{{Start: 0, End: 9, Label: "X"}}})
	}}
	if err := ExportFileWith(context.Background(), out, "hf", ExportOptions{}, failing, nil); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
	assertOnlyFiles(t, dir, "data.train.jsonl", "data.dev.jsonl", "shared.labels.json")
}

// TestTokensOption: only a format with Tokens takes Target.Tokens.
func TestTokensOption(t *testing.T) {
	for _, name := range WriterNames() {
		f, _ := Lookup(name)
		_, err := NewWriter(name, Target{W: &bytes.Buffer{}, Dir: t.TempDir(), Tokens: true})
		if f.Tokens != (err == nil) {
			t.Errorf("%s with tokens: %v", name, err)
		}
		if err != nil && !strings.Contains(err.Error(), "spacy") {
			t.Errorf("%s: %v does not say which formats write tokens", name, err)
		}
	}
}
