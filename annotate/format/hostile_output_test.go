package format

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// hostileStrings are texts a colleague's file or a web page may bring:
// terminal escape sequences, control characters, quotes, XML's special
// characters, line ends of every kind and spreadsheet formulas.
var hostileStrings = []string{
	"x\x1b]0;pwned\a\x1b[2Jy",
	"\x01\x7f\x1b[31mred",
	`=HYPERLINK("http://evil.example","click")`,
	"@SUM(1+1)",
	"+cmd|' /C calc'!A0",
	"-2+3",
	"\t=1+1",
	"\r=1+1",
	`"quoted" 'single' \back`,
	"<b>&amp;</b> & < > ]]>",
	"line one\nline two\r\nthree\rfour",
	"para\u2028sep\u2029end\u0085nel\vvt\ffeed",
}

// hostileRecord is a record whose title, text, note, annotator and actor
// and concept names are hostileStrings: an ACTOR span on each string,
// and a CLAIM on the next one linked to it by SOURCE.
func hostileRecord() annotate.Record {
	var text strings.Builder
	rec := annotate.Record{Document: annotate.Document{ID: annotate.NewID(), Title: strings.Join(hostileStrings, " ")}}
	n := 0
	var starts, ends []int
	for i, s := range hostileStrings {
		if i > 0 {
			text.WriteString(" | ")
			n += 3
		}
		starts = append(starts, n)
		text.WriteString(s)
		n += annotate.RuneCount(s)
		ends = append(ends, n)
	}
	rec.Document.Text = text.String()
	for i, s := range hostileStrings {
		label := annotate.LabelActor
		if i%2 == 1 {
			label = annotate.LabelClaim
		}
		rec.Spans = append(rec.Spans, annotate.Span{ID: annotate.NewID(), DocumentID: rec.Document.ID,
			Start: starts[i], End: ends[i], Label: label, Annotator: "ana", Note: s})
		if i%2 == 1 {
			rec.Relations = append(rec.Relations, annotate.Relation{ID: annotate.NewID(), Type: annotate.RelationSource,
				From: rec.Spans[i].ID, To: rec.Spans[i-1].ID})
		}
	}
	return rec
}

// Every export writes hostile strings in its own syntax: the files that
// Claimdesk reads back give them back (span texts, notes, titles where the
// format keeps them); the CSVs parse, each cell the string itself, those
// a spreadsheet would run as a formula with a "'" before them (and as
// they are with -raw); the GraphML parses as XML, each label the name
// with the characters XML cannot carry as U+FFFD.
func TestHostileStringsThroughEveryFormat(t *testing.T) {
	rec := hostileRecord()
	spanTexts := map[string]bool{}
	for _, s := range hostileStrings {
		spanTexts[lineEnds(s)] = true
	}
	for _, name := range WriterNames() {
		t.Run(name, func(t *testing.T) {
			f, _ := Lookup(name)
			dir := t.TempDir()
			var buf bytes.Buffer
			var err error
			if f.Folder {
				err = ExportDir(context.Background(), filepath.Join(dir, "out"), name, ExportOptions{}, sliceSource(rec), nil)
			} else {
				err = ExportWith(context.Background(), &buf, name, ExportOptions{}, sliceSource(rec), nil)
			}
			if err != nil {
				t.Fatal(err)
			}
			switch name {
			case "csv", "edges":
				checkHostileCSV(t, name, buf.Bytes(), false)
				buf.Reset()
				err := ExportWith(context.Background(), &buf, name, ExportOptions{Opened: func(w Writer) { w.(RawSetter).SetRaw(true) }}, sliceSource(rec), nil)
				if err != nil {
					t.Fatal(err)
				}
				checkHostileCSV(t, name, buf.Bytes(), true)
			case "network":
				checkHostileGraphML(t, buf.Bytes())
			case "conll", "hf":
				// Token files: each line a token and its tag, no token
				// holds a line end (checked by the token exports' tests).
			default:
				path := filepath.Join(dir, "out.jsonl")
				if f.Folder {
					anns, _ := filepath.Glob(filepath.Join(dir, "out", "*.ann"))
					if len(anns) != 1 {
						t.Fatalf("wrote %q", anns)
					}
					path = anns[0]
					if strings.ContainsAny(filepath.Base(path), "\x1b\a\r\n\t<>&\"'|") {
						t.Errorf("file name %q", filepath.Base(path))
					}
				} else {
					if name == "labelstudio" {
						path = filepath.Join(dir, "out.json")
					}
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
					t.Fatalf("read back %d records: %v", len(recs), err)
				}
				got := recs[0]
				runes := []rune(got.Document.Text)
				if len(got.Spans) != len(rec.Spans) {
					t.Fatalf("%d spans read back, want %d", len(got.Spans), len(rec.Spans))
				}
				for _, s := range got.Spans {
					// brat's .txt is a text file: its line ends are normalised.
					if text := string(runes[s.Start:s.End]); !spanTexts[lineEnds(text)] {
						t.Errorf("span text %q read back is none of the strings written", text)
					}
				}
				if name == "jsonl" {
					if got.Document.Title != rec.Document.Title {
						t.Errorf("title %q read back, want %q", got.Document.Title, rec.Document.Title)
					}
					for i, s := range got.Spans {
						if s.Note != rec.Spans[i].Note {
							t.Errorf("note %q read back, want %q", s.Note, rec.Spans[i].Note)
						}
					}
				}
				if name == "brat" {
					for _, s := range got.Spans {
						if strings.ContainsAny(s.Note, "\r\n\u2028\u2029\u0085\v\f") {
							t.Errorf("a note read back from brat holds a line end: %q", s.Note)
						}
					}
					ann, _ := os.ReadFile(path)
					for i, line := range strings.Split(strings.TrimSuffix(string(ann), "\n"), "\n") {
						if !strings.HasPrefix(line, "T") && !strings.HasPrefix(line, "R") && !strings.HasPrefix(line, "#") {
							t.Errorf(".ann line %d is not an annotation: %q", i+1, line)
						}
						if strings.ContainsAny(line, "\r\u2028\u2029\u0085\v\f") {
							t.Errorf(".ann line %d holds a line end: %q", i+1, line)
						}
					}
				}
			}
		})
	}
}

// lineEnds returns s with CRLF and CR as LF, as reading a text file
// (brat's .txt) or a CSV cell (encoding/csv) leaves them.
func lineEnds(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// checkHostileCSV parses a csv or edges export of hostileRecord: every
// cell holding a hostile string gives it back (with SpreadsheetText, or
// as it is when raw), and no cell starts a formula unless raw.
func checkHostileCSV(t *testing.T, name string, data []byte, raw bool) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	want := map[string]bool{}
	for _, s := range hostileStrings {
		want[lineEnds(s)] = true
		want[normalizeName(s)] = true // actor and concept names in edges
	}
	found := map[string]bool{}
	for _, row := range rows[1:] {
		for _, cell := range row {
			if !raw && cell != "" && isFormulaStart(cell[0]) {
				t.Errorf("%s: a cell starts a formula: %q", name, cell)
			}
			text := cell
			if !raw {
				text = SpreadsheetText(cell)
			}
			if want[lineEnds(text)] {
				found[lineEnds(text)] = true
			}
		}
	}
	for _, s := range hostileStrings {
		if !found[lineEnds(s)] && !found[normalizeName(s)] {
			t.Errorf("%s (raw %v): %q is in no cell", name, raw, s)
		}
	}
	if raw && !bytes.Contains(data, []byte(`"=HYPERLINK(""http://evil.example"",""click"")"`)) {
		t.Errorf("%s -raw: the formula is not written as it is:\n%s", name, data)
	}
}

// checkHostileGraphML parses a network export of hostileRecord as XML:
// each actor and concept is a node whose label is its name, with the
// characters XML cannot carry as U+FFFD.
func checkHostileGraphML(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var labels []string
	inLabel := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the GraphML does not parse: %v\n%s", err, data)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inLabel = tok.Name.Local == "data" && slices.ContainsFunc(tok.Attr, func(a xml.Attr) bool { return a.Name.Local == "key" && a.Value == "label" })
		case xml.CharData:
			if inLabel {
				labels = append(labels, string(tok))
			}
		case xml.EndElement:
			inLabel = false
		}
	}
	xmlSafe := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF {
				return r
			}
			return '\uFFFD'
		}, s)
	}
	for _, s := range hostileStrings {
		if !slices.Contains(labels, xmlSafe(normalizeName(s))) {
			t.Errorf("no node labelled %q; labels %q", xmlSafe(normalizeName(s)), labels)
		}
	}
}
