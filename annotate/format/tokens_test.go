package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"pgregory.net/rapid"

	"claimdesk/annotate"
)

// The tests here hold the token exports (conll, hf, spacy -tokens) to
// "exact or loud" with a decoder of their own: it finds each token of the
// output in the document's text, turns the IOB2 tags back into character
// spans, and compares them with the spans given.

// tb is what the helpers need of a *testing.T or a *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// tagged is a token of a tag export: its text and tag.
type tagged struct{ text, tag string }

// decodedSpan is a span decoded from tags: code point offsets and label.
type decodedSpan struct {
	Start, End int
	Label      string
}

// checkIOB2 returns an error unless tags is a valid IOB2 sequence: "O",
// "B-X", or "I-X" right after "B-X" or "I-X".
func checkIOB2(tags []string) error {
	prev := "O"
	for i, tag := range tags {
		switch {
		case tag == "O":
		case strings.HasPrefix(tag, "B-") && len(tag) > 2:
		case strings.HasPrefix(tag, "I-") && len(tag) > 2:
			if prev == "O" || prev[2:] != tag[2:] {
				return fmt.Errorf("tag %d %q follows %q", i, tag, prev)
			}
		default:
			return fmt.Errorf("tag %d %q is not IOB2", i, tag)
		}
		prev = tag
	}
	return nil
}

// decodeExamples finds the tokens of examples, in order, in text (white
// space between them skipped; conll writes white space inside a token as
// "_") and returns the spans their tags make. Each example's tags must be
// valid IOB2, and a span never continues into the next example.
func decodeExamples(text string, examples [][]tagged) ([]decodedSpan, error) {
	runes := []rune(text)
	pos := 0
	var spans []decodedSpan
	for e, ex := range examples {
		tags := make([]string, len(ex))
		for i, tk := range ex {
			tags[i] = tk.tag
		}
		if err := checkIOB2(tags); err != nil {
			return nil, fmt.Errorf("example %d: %w", e, err)
		}
		open := -1
		for _, tk := range ex {
			for pos < len(runes) && unicode.IsSpace(runes[pos]) {
				pos++
			}
			start := pos
			for _, r := range tk.text {
				if pos >= len(runes) || (runes[pos] != r && !(r == '_' && unicode.IsSpace(runes[pos]))) {
					return nil, fmt.Errorf("token %q not found in the text at %d", tk.text, start)
				}
				pos++
			}
			switch tk.tag[0] {
			case 'B':
				spans = append(spans, decodedSpan{start, pos, tk.tag[2:]})
				open = len(spans) - 1
			case 'I':
				spans[open].End = pos
			default:
				open = -1
			}
		}
	}
	for pos < len(runes) && unicode.IsSpace(runes[pos]) {
		pos++
	}
	if pos != len(runes) {
		return nil, fmt.Errorf("the tokens end at %d of %d code points", pos, len(runes))
	}
	return spans, nil
}

// parseConll splits CoNLL output into documents of examples.
func parseConll(t tb, out string) [][][]tagged {
	t.Helper()
	var docs [][][]tagged
	var ex []tagged
	end := func() {
		if len(ex) > 0 {
			docs[len(docs)-1] = append(docs[len(docs)-1], ex)
			ex = nil
		}
	}
	for line := range strings.Lines(out) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "-DOCSTART-\tO":
			end()
			docs = append(docs, nil)
		case line == "":
			end()
		default:
			tok, tag, ok := strings.Cut(line, "\t")
			if !ok || tok == "" || len(docs) == 0 {
				t.Fatalf("conll line %q", line)
			}
			ex = append(ex, tagged{tok, tag})
		}
	}
	end()
	return docs
}

// parseHF splits hf output into documents of examples, by the document
// part of each line's id ("DOC-N", N from 0 up), naming tags by names.
func parseHF(t tb, out []byte, names []string) [][][]tagged {
	t.Helper()
	var docs [][][]tagged
	doc := ""
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<30)
	for sc.Scan() {
		var line hfLine
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		i := strings.LastIndex(line.ID, "-")
		if line.ID[:i] != doc || len(docs) == 0 {
			doc = line.ID[:i]
			docs = append(docs, nil)
		}
		if want := fmt.Sprint(len(docs[len(docs)-1])); line.ID[i+1:] != want {
			t.Fatalf("line id %s, want example %s", line.ID, want)
		}
		if len(line.Tokens) != len(line.NERTags) || len(line.Tokens) == 0 {
			t.Fatalf("line %s: %d tokens, %d tags", line.ID, len(line.Tokens), len(line.NERTags))
		}
		ex := make([]tagged, len(line.Tokens))
		for k := range ex {
			ex[k] = tagged{line.Tokens[k], names[line.NERTags[k]]}
		}
		docs[len(docs)-1] = append(docs[len(docs)-1], ex)
	}
	return docs
}

// exportTags writes recs as conll and as hf of layer and returns each
// document's spans decoded from each, failing on invalid IOB2, on tokens
// that are not the text's, or when the two disagree; and the writer's
// counts.
func exportTags(t tb, recs []annotate.Record, layer string) ([][]decodedSpan, TokenCounts) {
	t.Helper()
	var conll, hf bytes.Buffer
	cw := NewConllWriter(&conll, layer, "")
	hw := NewHFWriter(&hf, layer, "")
	for _, rec := range recs {
		if err := cw.Write(rec); err != nil {
			t.Fatal(err)
		}
		if err := hw.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	cw.Flush()
	hw.Flush()
	if cw.TokenCounts() != hw.TokenCounts() {
		t.Fatalf("conll counts %+v, hf %+v", cw.TokenCounts(), hw.TokenCounts())
	}
	cdocs := parseConll(t, conll.String())
	hdocs := parseHF(t, hf.Bytes(), hw.TagNames())
	var nonEmpty int
	for _, rec := range recs {
		if strings.TrimFunc(rec.Document.Text, unicode.IsSpace) != "" {
			nonEmpty++
		}
	}
	if len(cdocs) != len(recs) || len(hdocs) != nonEmpty {
		t.Fatalf("%d records: %d conll documents, %d hf documents", len(recs), len(cdocs), len(hdocs))
	}
	var out [][]decodedSpan
	h := 0
	for i, rec := range recs {
		cs, err := decodeExamples(rec.Document.Text, cdocs[i])
		if err != nil {
			t.Fatalf("conll of %q: %v\n%s", rec.Document.Text, err, conll.String())
		}
		if len(cdocs[i]) > 0 {
			hs, err := decodeExamples(rec.Document.Text, hdocs[h])
			h++
			if err != nil {
				t.Fatalf("hf of %q: %v", rec.Document.Text, err)
			}
			if !slices.Equal(cs, hs) {
				t.Fatalf("conll decodes to %v, hf to %v", cs, hs)
			}
		}
		out = append(out, cs)
	}
	return out, cw.TokenCounts()
}

// spanKeys returns spans as decoded spans, in text order.
func spanKeys(spans []annotate.Span) []decodedSpan {
	out := make([]decodedSpan, len(spans))
	for i, s := range spans {
		out[i] = decodedSpan{s.Start, s.End, s.Label}
	}
	slices.SortFunc(out, func(a, b decodedSpan) int { return a.Start - b.Start })
	return out
}

// laminarLayers returns the outer and inner layers of spans that are
// nested or apart, never crossing and never equal: the spans inside no
// other, and those with no other inside them.
func laminarLayers(spans []annotate.Span) (outer, inner []annotate.Span) {
	for i, s := range spans {
		in, holds := false, false
		for j, o := range spans {
			if i == j {
				continue
			}
			if o.Start <= s.Start && s.End <= o.End {
				in = true
			}
			if s.Start <= o.Start && o.End <= s.End {
				holds = true
			}
		}
		if !in {
			outer = append(outer, s)
		}
		if !holds {
			inner = append(inner, s)
		}
	}
	return outer, inner
}

// readFixture reads a JSONL file of testdata.
func readFixture(t testing.TB, name string, all bool) []annotate.Record {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewJSONLReader(f, name)
	if all {
		r.ImportAllAnswers()
	}
	var recs []annotate.Record
	for {
		rec, err := r.Next()
		if err != nil {
			break
		}
		recs = append(recs, rec)
	}
	return recs
}

// TestTokenExportsNews: the headlines of a Prodigy file (curly quotes,
// spans inside words, claims of two sentences, Chinese, Greek, Russian
// and Arabic) come back exactly from conll and hf, every tag sequence
// valid IOB2; the spans inside another ("Apple" in "Apple Inc.", the
// places in a Chinese claim) are left out of the outer layer, those
// holding another out of the inner one, and counted.
func TestTokenExportsNews(t *testing.T) {
	recs := readFixture(t, "prodigy_news.jsonl", false)
	if len(recs) != 8 {
		t.Fatalf("%d records, want the 8 accepted", len(recs))
	}
	for _, tt := range []struct {
		layer string
		left  int
	}{{"outer", 3}, {"inner", 2}} {
		got, counts := exportTags(t, recs, tt.layer)
		if counts != (TokenCounts{Overlapping: tt.left}) {
			t.Errorf("%s: counts %+v, want %d overlapping", tt.layer, counts, tt.left)
		}
		for i, rec := range recs {
			want, inner := laminarLayers(rec.Spans)
			if tt.layer == "inner" {
				want = inner
			}
			if !slices.Equal(got[i], spanKeys(want)) {
				t.Errorf("%s layer of %q:\n got %v\nwant %v", tt.layer, rec.Document.Text, got[i], spanKeys(want))
			}
		}
	}
}

// TestTokenSplitAndJoin: "Uber’s" with the span "Uber" is two tokens; a
// claim of two sentences is one example; a sentence without a span
// crossing it is its own.
func TestTokenSplitAndJoin(t *testing.T) {
	text := "Uber’s Lesson. “I welcomed this initiative. I told him we need air support,” said Mr Jafari. Baghdad agreed."
	ix := annotate.NewRuneIndex(text)
	at := func(sub, label string) annotate.Span {
		b := strings.Index(text, sub)
		s := ix.Rune(b)
		return annotate.Span{ID: label + sub, Start: s, End: s + annotate.RuneCount(sub), Label: label}
	}
	rec := annotate.Record{Document: annotate.Document{ID: "d", Text: text}, Spans: []annotate.Span{
		at("Uber", "ORG"), at("I welcomed this initiative. I told him we need air support", "CLAIM"), at("Mr Jafari", "ACTOR"),
	}}
	var buf bytes.Buffer
	w := NewConllWriter(&buf, "outer", "")
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	docs := parseConll(t, buf.String())
	if len(docs) != 1 || len(docs[0]) != 3 {
		t.Fatalf("want 3 examples (the claim's two sentences joined):\n%s", buf.String())
	}
	if first := docs[0][0]; first[0] != (tagged{"Uber", "B-ORG"}) || first[1] != (tagged{"’s", "O"}) {
		t.Errorf("first example %v", first)
	}
	if c := w.TokenCounts(); c != (TokenCounts{}) {
		t.Errorf("counts %+v, want none", c)
	}
}

// TestTokenAlignModes: expand widens and contract narrows spans off word
// boundaries, both counted; contract leaves a span inside a word out;
// strict refuses it, naming it; white space at a span's edge is trimmed
// and counted; a span of white space only has no token.
func TestTokenAlignModes(t *testing.T) {
	text := "Storage of 80MB costs nothing,  says Ng’s team."
	rec := annotate.Record{Document: annotate.Document{ID: "doc1", Text: text}, Spans: []annotate.Span{
		{ID: "mb", Start: 13, End: 15, Label: "UNIT"},      // MB, inside "80MB"
		{ID: "ng", Start: 37, End: 39, Label: "PERSON"},    // Ng, inside "Ng’s"
		{ID: "cost", Start: 16, End: 30, Label: "CLAIM"},   // costs nothing
		{ID: "sp", Start: 30, End: 32, Label: "X"},         // two spaces
		{ID: "says", Start: 31, End: 36, Label: "ACTION"},  // " says": white space first
		{ID: "team", Start: 37, End: 46, Label: "ACTOR"},   // Ng’s team
		{ID: "age", Start: 4, End: 7, Label: "FRAGMENT"},   // "age" of Storage
		{ID: "of80", Start: 8, End: 13, Label: "QUANTITY"}, // "of 80"
	}}
	tests := []struct {
		align string
		want  TokenCounts
		spans []decodedSpan // the outer layer decoded
	}{
		{"split", TokenCounts{Trimmed: 1, NoToken: 1, Overlapping: 1}, []decodedSpan{{4, 7, "FRAGMENT"}, {8, 13, "QUANTITY"}, {13, 15, "UNIT"}, {16, 30, "CLAIM"}, {32, 36, "ACTION"}, {37, 46, "ACTOR"}}},
		{"expand", TokenCounts{Trimmed: 1, Widened: 2, NoToken: 1, Overlapping: 2}, []decodedSpan{{0, 7, "FRAGMENT"}, {8, 15, "QUANTITY"}, {16, 30, "CLAIM"}, {32, 36, "ACTION"}, {37, 46, "ACTOR"}}},
		{"contract", TokenCounts{Trimmed: 1, Narrowed: 1, NoToken: 4}, []decodedSpan{{8, 10, "QUANTITY"}, {16, 30, "CLAIM"}, {32, 36, "ACTION"}, {37, 46, "ACTOR"}}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		w := NewConllWriter(&buf, "outer", tt.align)
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if c := w.TokenCounts(); c != tt.want {
			t.Errorf("%s: counts %+v, want %+v", tt.align, c, tt.want)
		}
		got, err := decodeExamples(text, parseConll(t, buf.String())[0])
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.spans) {
			t.Errorf("%s: decoded\n %v\nwant\n %v\n%s", tt.align, got, tt.spans, buf.String())
		}
	}
	w := NewConllWriter(&bytes.Buffer{}, "outer", "strict")
	err := w.Write(rec)
	if err == nil || !strings.Contains(err.Error(), `document doc1: span 4-7 FRAGMENT "age" does not start and end on token boundaries`) {
		t.Errorf("strict: %v", err)
	}
	rec.Spans = rec.Spans[2:3]
	if err := NewConllWriter(&bytes.Buffer{}, "outer", "strict").Write(rec); err != nil {
		t.Errorf("strict, a span on word boundaries: %v", err)
	}
}

// TestSpacyRelationsRoundTrip: a project's relations leave as Prodigy's
// (head_span, child_span, label, and with tokens head and child, the
// last token of each span) and come back between the same spans.
func TestSpacyRelationsRoundTrip(t *testing.T) {
	recs := readFixture(t, "prodigy_news.jsonl", false)
	var rels int
	for _, rec := range recs {
		rels += len(rec.Relations)
	}
	if rels != 2 {
		t.Fatalf("fixture read with %d relations, want 2", rels)
	}
	for _, tokens := range []bool{false, true} {
		var buf bytes.Buffer
		w := NewSpacyWriter(&buf, tokens, "")
		for _, rec := range recs {
			if err := w.Write(rec); err != nil {
				t.Fatal(err)
			}
		}
		w.Flush()
		wantHeadless := 0
		if !tokens {
			wantHeadless = 2
		}
		if c := w.TokenCounts(); c != (TokenCounts{Headless: wantHeadless}) {
			t.Errorf("tokens %v: counts %+v", tokens, c)
		}
		if tokens {
			checkSpacyTokens(t, buf.Bytes())
		}
		back, err := ReadJSONL(bytes.NewReader(buf.Bytes()), "spacy.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		if len(back) != len(recs) {
			t.Fatalf("%d records back, want %d", len(back), len(recs))
		}
		for i := range recs {
			checkSameSpans(t, recs[i], back[i])
			if got, want := relationKeys(back[i]), relationKeys(recs[i]); !slices.Equal(got, want) {
				t.Errorf("tokens %v: relations %v, want %v", tokens, got, want)
			}
		}
	}
}

// relationKeys describes rec's relations by type and their spans'
// offsets and labels.
func relationKeys(rec annotate.Record) []string {
	byID := map[string]annotate.Span{}
	for _, s := range rec.Spans {
		byID[s.ID] = s
	}
	var out []string
	for _, r := range rec.Relations {
		f, t := byID[r.From], byID[r.To]
		out = append(out, fmt.Sprintf("%s %d-%d %s → %d-%d %s", r.Type, f.Start, f.End, f.Label, t.Start, t.End, t.Label))
	}
	slices.Sort(out)
	return out
}

// checkSpacyTokens checks spacy -tokens output: each token is its text's
// code points start..end, ids count from 0, and every span and relation
// end starts on its token_start's start and ends on its token_end's end;
// head and child are the ends' last tokens.
func checkSpacyTokens(t tb, out []byte) {
	t.Helper()
	type span struct {
		Start, End int
		TokenStart *int `json:"token_start"`
		TokenEnd   *int `json:"token_end"`
		Label      string
	}
	var line struct {
		Text   string
		Tokens []struct {
			Text       string
			Start, End int
			ID         int
		}
		Spans     []span
		Relations []struct {
			Head, Child *int
			HeadSpan    span `json:"head_span"`
			ChildSpan   span `json:"child_span"`
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<30)
	for sc.Scan() {
		line.Relations = nil
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		runes := []rune(line.Text)
		for i, tk := range line.Tokens {
			if tk.ID != i || string(runes[tk.Start:tk.End]) != tk.Text {
				t.Fatalf("token %d %+v is not the text's", i, tk)
			}
		}
		check := func(s span) {
			if s.TokenStart == nil || s.TokenEnd == nil {
				t.Fatalf("span %+v without token indices", s)
			}
			if line.Tokens[*s.TokenStart].Start != s.Start || line.Tokens[*s.TokenEnd].End != s.End {
				t.Fatalf("span %+v is not on its tokens", s)
			}
		}
		for _, s := range line.Spans {
			check(s)
		}
		for _, r := range line.Relations {
			check(r.HeadSpan)
			check(r.ChildSpan)
			if r.Head == nil || *r.Head != *r.HeadSpan.TokenEnd || r.Child == nil || *r.Child != *r.ChildSpan.TokenEnd {
				t.Fatalf("relation %+v: head and child are not its spans' last tokens", r)
			}
		}
	}
}

// genText draws a text of words in several scripts with curly quotes,
// emoji, punctuation, sentence ends, single and double spaces and line
// breaks.
func genText(t *rapid.T) string {
	words := []string{"Uber’s", "80MB", "Wang", "Yi", "said", "“no”", "Start-Up", "王毅", "中国愿意", "Τσίπρας", "Путин", "العراق", "🙅", "🇨🇳", "e\u0301t\u00e9", "U.S.", "don’t", "3.5%", `"no"`, `C:\x`, "a\u2028b", "<b>&"}
	seps := []string{" ", " ", " ", ", ", ". ", "! ", "\n", "  ", "。", "? "}
	n := rapid.IntRange(1, 30).Draw(t, "words")
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(rapid.SampledFrom(seps).Draw(t, "sep"))
		}
		b.WriteString(rapid.SampledFrom(words).Draw(t, "word"))
	}
	return b.String()
}

// genLaminarSpans draws spans of text, anywhere (inside words too) but
// starting and ending on a code point that is not white space, each pair
// nested or apart, none equal.
func genLaminarSpans(t *rapid.T, text string) []annotate.Span {
	runes := []rune(text)
	var solid []int // offsets of code points that are not white space
	for i, r := range runes {
		if !unicode.IsSpace(r) {
			solid = append(solid, i)
		}
	}
	if len(solid) == 0 {
		return nil
	}
	labels := []string{"ACTOR", "CLAIM", "DENIAL", "ORG"}
	var spans []annotate.Span
	n := rapid.IntRange(0, 12).Draw(t, "spans")
	for i := range n {
		a := rapid.IntRange(0, len(solid)-1).Draw(t, "a")
		b := rapid.IntRange(a, min(len(solid)-1, a+rapid.IntRange(0, 40).Draw(t, "len"))).Draw(t, "b")
		s := annotate.Span{ID: fmt.Sprint("s", i), Start: solid[a], End: solid[b] + 1, Label: rapid.SampledFrom(labels).Draw(t, "label")}
		ok := true
		for _, o := range spans {
			nested := (o.Start <= s.Start && s.End <= o.End) || (s.Start <= o.Start && o.End <= s.End)
			apart := s.End <= o.Start || o.End <= s.Start
			if (!nested && !apart) || (o.Start == s.Start && o.End == s.End) {
				ok = false
			}
		}
		if ok {
			spans = append(spans, s)
		}
	}
	return spans
}

// TestTokenExportsProperty: over generated documents of nested spans,
// spans inside words and spans across sentences, conll and hf decode back
// to exactly each layer's spans, every tag sequence valid IOB2, only the
// spans of the other layer counted as left out; spacy -tokens gives every
// span token indices on its own offsets.
func TestTokenExportsProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var recs []annotate.Record
		for i := range rapid.IntRange(1, 3).Draw(t, "docs") {
			text := genText(t)
			recs = append(recs, annotate.Record{Document: annotate.Document{ID: fmt.Sprint("doc", i), Text: text}, Spans: genLaminarSpans(t, text)})
		}
		for _, layer := range ConllLayers {
			got, counts := exportTags(t, recs, layer)
			left := 0
			for i, rec := range recs {
				outer, inner := laminarLayers(rec.Spans)
				want := outer
				if layer == "inner" {
					want = inner
				}
				left += len(rec.Spans) - len(want)
				if !slices.Equal(got[i], spanKeys(want)) {
					t.Fatalf("%s layer of %q:\n got %v\nwant %v", layer, rec.Document.Text, got[i], spanKeys(want))
				}
			}
			if counts != (TokenCounts{Overlapping: left}) {
				t.Fatalf("%s: counts %+v, want %d overlapping", layer, counts, left)
			}
		}
		var buf bytes.Buffer
		w := NewSpacyWriter(&buf, true, "")
		for _, rec := range recs {
			if err := w.Write(rec); err != nil {
				t.Fatal(err)
			}
		}
		w.Flush()
		if w.TokenCounts() != (TokenCounts{}) {
			t.Fatalf("spacy counts %+v", w.TokenCounts())
		}
		checkSpacyTokens(t, buf.Bytes())
		back, err := ReadJSONL(&buf, "spacy.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		for i := range recs {
			checkSameSpans(t, recs[i], back[i])
		}
	})
}

// segWord is a word's code point offsets and its sentence.
type segWord struct{ start, end, sentence int }

// tokenizeAndUniseg returns the words of text as tokenize cuts them
// (without cuts) and as uniseg's word and sentence segmentation does,
// white space left out.
func tokenizeAndUniseg(text string) (got, want []segWord) {
	cp, sentence, state := 0, 0, -1
	for rest := text; rest != ""; {
		var s string
		s, rest, state = uniseg.FirstSentenceInString(rest, state)
		wrote, wstate := false, -1
		for s != "" {
			var w string
			w, s, wstate = uniseg.FirstWordInString(s, wstate)
			n := utf8.RuneCountInString(w)
			if strings.TrimFunc(w, unicode.IsSpace) != "" {
				want = append(want, segWord{cp, cp + n, sentence})
				wrote = true
			}
			cp += n
		}
		if wrote {
			sentence++
		}
	}
	toks, _ := tokenize(text, nil)
	for _, tk := range toks {
		got = append(got, segWord{int(tk.start), int(tk.end), int(tk.sentence)})
	}
	return got, want
}

// TestTokenizeLongText: a text long enough for sentences to be found on
// a goroutine of their own (pipelineBytes) is cut as uniseg cuts it.
func TestTokenizeLongText(t *testing.T) {
	data, err := os.ReadFile(fixtureArticle)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat(string(data)+"\n«Ω» 王毅说。 ", pipelineBytes/len(data)+2)
	got, want := tokenizeAndUniseg(text)
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("word %d: got %v, want %v", i, got[i], want[i])
			}
		}
		t.Fatalf("%d words, want %d", len(got), len(want))
	}
}

// TestTokenizeIsUniseg: without cuts, tokenize's words and sentences are
// those of uniseg's word and sentence segmentation, white space left out
// (tokenize takes a short cut for runs of ASCII letters before a space).
func TestTokenizeIsUniseg(t *testing.T) {
	parts := []string{"a", "Ab", "xyz", " ", "  ", "\n", "\t", ".", ". ", "’", "'", ":", "3", "4.5", "\u0301", "\u200d", "👩", "🇨🇳", "🇺", "王", "。", "Ω", "-", "_", "\u00a0", "https://x.org/a?b=c", "e.g.", "U.S. ", "won't", ",", ";", "3,5", "!", "?", "(", ")", "-", "/", "_", "a_b", "x1", "1x", "\"", "#", "@", "\r\n", "\u00e9", "\ufe0f", "\U0001F3FB"}
	rapid.Check(t, func(t *rapid.T) {
		var b strings.Builder
		for range rapid.IntRange(0, 40).Draw(t, "n") {
			b.WriteString(rapid.SampledFrom(parts).Draw(t, "part"))
		}
		text := b.String()
		got, want := tokenizeAndUniseg(text)
		if !slices.Equal(got, want) {
			t.Fatalf("%q:\n got %v\nwant %v", text, got, want)
		}
	})
}

// TestMayEndSentence: every character after which uniseg ends a sentence
// ("x" CHAR " Yes no.") is one that firstSentence stops at.
func TestMayEndSentence(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		if r < utf8.RuneSelf && strings.ContainsRune(".!?\n\r", r) {
			continue
		}
		text := "x" + string(r) + " Yes no."
		if s, _, _ := uniseg.FirstSentenceInString(text, -1); s != text && (r >= utf8.RuneSelf && !mayEndSentence(r) || r < utf8.RuneSelf) {
			t.Errorf("U+%04X ends a sentence (%q) but firstSentence goes past it", r, s)
		}
	}
}

// TestSentencesAreUniseg: firstSentence cuts texts into uniseg's
// sentences, over generated texts of terminators in several scripts,
// quotes, brackets, marks, abbreviations and numbers.
func TestSentencesAreUniseg(t *testing.T) {
	parts := []string{"a", "Ab", "U", "xyz", " ", "  ", "\n", "\r\n", "\r", "\t", ".", "!", "?", "...", "’", "'", "\"", ")", "(", "”", "“", "»", ":", ",", ";", "3", "4.5", "\u0301", "\u200d", "\u00ad", "👩", "王", "。", "！", "؟", "।", "Ω", "ω", "-", "\u2028", "\u2029", "\u0085", "e.g.", "U.S.", "Mr.", "etc.)", "\u2024", "\uff0e", "\u00a0", "\u3000"}
	rapid.Check(t, func(t *rapid.T) {
		var b strings.Builder
		for range rapid.IntRange(0, 40).Draw(t, "n") {
			b.WriteString(rapid.SampledFrom(parts).Draw(t, "part"))
		}
		text := b.String()
		var want, got []string
		state := -1
		for rest := text; rest != ""; {
			var s string
			s, rest, state = uniseg.FirstSentenceInString(rest, state)
			want = append(want, s)
		}
		for rest := text; rest != ""; {
			var s string
			s, rest = firstSentence(rest)
			got = append(got, s)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q:\n got %q\nwant %q", text, got, want)
		}
	})
}

// TestSpacyExactOrLoud: a spacy -tokens export imported back differs from
// the project by exactly the spans the export counted as changed,
// whatever the alignment, over generated documents of overlapping spans
// anywhere, white space at their edges included.
func TestSpacyExactOrLoud(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := genText(t)
		n := utf8.RuneCountInString(text)
		var spans []annotate.Span
		for i := range rapid.IntRange(0, 10).Draw(t, "spans") {
			a := rapid.IntRange(0, n-1).Draw(t, "start")
			b := rapid.IntRange(a+1, min(n, a+30)).Draw(t, "end")
			spans = append(spans, annotate.Span{ID: fmt.Sprint("s", i), Start: a, End: b, Label: "ACTOR"})
		}
		rec := annotate.Record{Document: annotate.Document{ID: "d", Text: text}, Spans: spans}
		align := rapid.SampledFrom([]string{"split", "expand", "contract"}).Draw(t, "align")
		var buf bytes.Buffer
		w := NewSpacyWriter(&buf, true, align)
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		back, err := ReadJSONL(&buf, "spacy.jsonl")
		if err != nil || len(back) != 1 {
			t.Fatalf("%v, %d records", err, len(back))
		}
		left := map[decodedSpan]int{}
		for _, k := range spanKeys(back[0].Spans) {
			left[k]++
		}
		differ := 0
		for _, k := range spanKeys(spans) {
			if left[k] > 0 {
				left[k]--
			} else {
				differ++
			}
		}
		if c := w.TokenCounts(); differ != c.Changed() {
			t.Fatalf("%s: %d spans came back different, the export counted %+v", align, differ, c)
		}
	})
}

// TestTagsExactOrLoud: conll and hf decode back to the project's spans
// but for exactly those the export counted as changed or left out,
// whatever the alignment and layer, over generated documents of
// overlapping spans anywhere, white space at their edges included.
func TestTagsExactOrLoud(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := genText(t)
		n := utf8.RuneCountInString(text)
		var spans []annotate.Span
		for i := range rapid.IntRange(0, 10).Draw(t, "spans") {
			a := rapid.IntRange(0, n-1).Draw(t, "start")
			b := rapid.IntRange(a+1, min(n, a+30)).Draw(t, "end")
			spans = append(spans, annotate.Span{ID: fmt.Sprint("s", i), Start: a, End: b, Label: rapid.SampledFrom([]string{"ACTOR", "CLAIM"}).Draw(t, "label")})
		}
		rec := annotate.Record{Document: annotate.Document{ID: "d", Text: text}, Spans: spans}
		align := rapid.SampledFrom([]string{"split", "expand", "contract"}).Draw(t, "align")
		layer := rapid.SampledFrom(ConllLayers).Draw(t, "layer")
		var buf bytes.Buffer
		w := NewConllWriter(&buf, layer, align)
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		got, err := decodeExamples(text, parseConll(t, buf.String())[0])
		if err != nil {
			t.Fatal(err)
		}
		left := map[decodedSpan]int{}
		for _, k := range got {
			left[k]++
		}
		differ := 0
		for _, k := range spanKeys(spans) {
			if left[k] > 0 {
				left[k]--
			} else {
				differ++
			}
		}
		if c := w.TokenCounts(); differ != c.Changed()+c.LeftOut() {
			t.Fatalf("%s %s: %d spans did not come back as they are, the export counted %+v\n%s", align, layer, differ, c, buf.String())
		}
	})
}

// TestTokenExportsRealArticles: the test article (and the shared real one
// where it is), its quotations tagged as claims (one of two sentences) and
// the names in them and around them as actors, nested, and a span inside
// every word ending in "’s": conll and hf decode back to exactly each
// layer's spans, every tag sequence valid IOB2.
func TestTokenExportsRealArticles(t *testing.T) {
	for _, path := range []string{fixtureArticle, sharedArticle} {
		t.Run(path[strings.LastIndex(path, "/")+1:], func(t *testing.T) {
			data, err := os.ReadFile(path)
			if errors.Is(err, os.ErrNotExist) && path == sharedArticle {
				t.Skipf("%s is absent", path)
			}
			if err != nil {
				t.Fatal(err)
			}
			text, err := annotate.NormalizeText(data)
			if err != nil {
				t.Fatal(err)
			}
			ix := annotate.NewRuneIndex(text)
			var spans []annotate.Span
			add := func(b, e int, label string) {
				s := annotate.Span{ID: fmt.Sprint(len(spans)), Start: ix.Rune(b), End: ix.Rune(e), Label: label}
				for _, o := range spans {
					crossing := o.Start < s.Start && s.Start < o.End && o.End < s.End || s.Start < o.Start && o.Start < s.End && s.End < o.End
					if o.Start == s.Start && o.End == s.End || crossing {
						return // equal or crossing: the layers are those of nested spans
					}
				}
				spans = append(spans, s)
			}
			claims := 0
			for off := 0; ; {
				b := strings.Index(text[off:], "“")
				if b < 0 {
					break
				}
				b += off + len("“")
				e := strings.Index(text[b:], "”")
				if e < 0 {
					break
				}
				add(b, b+e, "CLAIM")
				claims++
				off = b + e
			}
			for _, name := range []string{"Wang Yi", "Mr Wang", "Jafari", "China", "Iraq", "Isis", "coalition", "Baghdad", "Beijing"} {
				for off := 0; ; {
					i := strings.Index(text[off:], name)
					if i < 0 {
						break
					}
					add(off+i, off+i+len(name), "ACTOR")
					off += i + len(name)
				}
			}
			for off := 0; ; {
				i := strings.Index(text[off:], "’s")
				if i < 0 {
					break
				}
				if i > 0 {
					add(off+i-1, off+i, "FRAGMENT") // the letter before "’s": inside a word
				}
				off += i + len("’s")
			}
			if claims == 0 || len(spans) < 10 {
				t.Fatalf("%d claims, %d spans: the article has changed", claims, len(spans))
			}
			rec := annotate.Record{Document: annotate.Document{ID: "article", Text: text}, Spans: spans}
			for _, layer := range ConllLayers {
				got, counts := exportTags(t, []annotate.Record{rec}, layer)
				outer, inner := laminarLayers(spans)
				want := outer
				if layer == "inner" {
					want = inner
				}
				if !slices.Equal(got[0], spanKeys(want)) {
					t.Errorf("%s layer:\n got %v\nwant %v", layer, got[0], spanKeys(want))
				}
				if counts != (TokenCounts{Overlapping: len(spans) - len(want)}) {
					t.Errorf("%s layer: counts %+v, want %d overlapping", layer, counts, len(spans)-len(want))
				}
			}
		})
	}
}
