package format

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"claimdesk/annotate"
	"claimdesk/store"
)

// bratSample is the sample pair in testdata/brat.
const bratSample = "testdata/brat/article.ann"

// spanFacts describes a record's spans by what survives a round trip:
// label, offsets, text and note, sorted.
func spanFacts(rec annotate.Record) []string {
	var out []string
	for _, s := range rec.Spans {
		text, _ := annotate.SliceRunes(rec.Document.Text, s.Start, s.End)
		out = append(out, strings.Join([]string{s.Label, strconv.Itoa(s.Start), strconv.Itoa(s.End), text, s.Note}, "|"))
	}
	slices.Sort(out)
	return out
}

// relationFacts describes a record's relations by type and the facts of
// their two spans, sorted.
func relationFacts(rec annotate.Record) []string {
	byID := map[string]annotate.Span{}
	for _, s := range rec.Spans {
		byID[s.ID] = s
	}
	var out []string
	for _, r := range rec.Relations {
		f, t := byID[r.From], byID[r.To]
		out = append(out, r.Type+" "+f.Describe()+" -> "+t.Describe())
	}
	slices.Sort(out)
	return out
}

func readBratFile(t *testing.T, path string) (annotate.Record, []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ForFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := f.NewReader(strings.NewReader(string(data)), path)
	rec, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	return rec, r.(Noticer).Notices()
}

func TestReadBratSample(t *testing.T) {
	rec, notices := readBratFile(t, bratSample)
	if rec.Document.Title != "Ministry denies aid claim" || rec.Document.Source != "article.txt" {
		t.Errorf("document %q from %q", rec.Document.Title, rec.Document.Source)
	}
	want := []string{
		"ACTOR|131|150|Beijing’s spokesman|",
		"ACTOR|66|86|Ibrahim al-Dschafari|the minister, named in Arabic too",
		"ACTOR|88|103|إبراهيم الجعفري|",
		"CLAIM|28|58|China has offered to help Iraq|",
		"DENIAL|151|157|denied|",
		"DENIAL|163|181|any offer was made|",
	}
	if got := spanFacts(rec); !slices.Equal(got, want) {
		t.Errorf("spans\n got %q\nwant %q", got, want)
	}
	wantRels := []string{
		"SOURCE CLAIM 28–58 without annotator -> ACTOR 66–86 without annotator",
		"SOURCE DENIAL 151–157 without annotator -> ACTOR 131–150 without annotator",
	}
	if got := relationFacts(rec); !slices.Equal(got, wantRels) {
		t.Errorf("relations\n got %q\nwant %q", got, wantRels)
	}
	wantNotices := []string{
		"article.ann: discontinuous T5 imported as one span per fragment (relations link the first fragment)",
		"article.ann: skipped what Claimdesk does not keep: 1 attribute (A, M), 1 event (E)",
	}
	if !slices.Equal(notices, wantNotices) {
		t.Errorf("notices\n got %q\nwant %q", notices, wantNotices)
	}
}

// writeBrat writes NAME.ann and NAME.txt into a new folder and returns the
// .ann file's path.
func writeBrat(t testing.TB, ann, txt string) string {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.ann")
	if err := os.WriteFile(path, []byte(ann), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(txt), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadBratErrors(t *testing.T) {
	const txt = "Jafari said “no”.\n"
	tests := []struct {
		name, ann, txt string
		line           int
		want           string
	}{
		{"no tab", "T1 ACTOR 0 6 Jafari\n", txt, 1, `want an id, a tab and an annotation: "T1 ACTOR 0 6 Jafari"`},
		{"twice", "T1\tACTOR 0 6\tJafari\nT1\tACTOR 0 6\tJafari\n", txt, 2, "T1 is defined twice"},
		{"no text column", "T1\tACTOR 0 6\n", txt, 1, "T1 has no text column (want T1<TAB>LABEL START END<TAB>text)"},
		{"no offsets", "T1\tACTOR\tJafari\n", txt, 1, `T1: want LABEL START END, not "ACTOR"`},
		{"bad label", "T1\tA+B 0 6\tJafari\n", txt, 1, `T1: invalid label "A+B"`},
		{"one offset", "T1\tACTOR 0\tJafari\n", txt, 1, `T1: want START END offsets, not "0"`},
		{"not a number", "T1\tACTOR 0 six\tJafari\n", txt, 1, `T1: offsets must be whole numbers, not "0 six"`},
		{"outside", "\nT1\tACTOR 10 99\tJafari\n", txt, 2, "T1: span 10-99 lies outside the text (18 code points)"},
		{"backwards", "T1\tACTOR 6 0\tJafari\n", txt, 1, "T1: span 6-0: end must be after start"},
		{"bytes", "T1\tCLAIM 12 20\t“no”\n", txt, 1, "T1: span 12-20 lies outside the text (18 code points); these look like UTF-8 byte offsets"},
		{"bytes inside", "T1\tACTOR 8 14\tJafari\n", "“a” Jafari said, and more text.", 1, `T1 8 14: the text there is "ri sai", not "Jafari" (brat offsets are code points; these look like UTF-8 byte offsets)`},
		{"bytes outside", "T1\tACTOR 7 13\tنعم\n", "Jafari نعم", 1, "T1: span 7-13 lies outside the text (10 code points); these look like UTF-8 byte offsets"},
		{"utf-16", "T1\tACTOR 5 11\tJafari\n", "👍🏽 Jafari said.", 1, `T1 5 11: the text there is "fari s", not "Jafari" (brat offsets are code points; these look like UTF-16 offsets, as JavaScript and Java count)`},
		{"wrong text", "T1\tACTOR 0 6\tJafary\n", txt, 1, `T1 0 6: the text there is "Jafari", not "Jafary" (brat offsets are code points; neither as bytes nor as UTF-16 do the offsets give it)`},
		{"relation fields", "R1\tSOURCE Arg1:T1\t\n", txt, 1, `R1: want TYPE Arg1:ID Arg2:ID, not "SOURCE Arg1:T1"`},
		{"relation roles", "R1\tSOURCE From:T1 To:T2\t\n", txt, 1, `R1: want TYPE Arg1:ID Arg2:ID, not "SOURCE From:T1 To:T2"`},
		{"relation type", "R1\tSO+URCE Arg1:T1 Arg2:T2\t\n", txt, 1, `R1: invalid relation type "SO+URCE"`},
		{"relation end", "T1\tACTOR 0 6\tJafari\nR1\tSOURCE Arg1:T1 Arg2:T9\t\n", txt, 2, "Arg2 T9 is not a T line of the file"},
		{"note fields", "#1\tAnnotatorNotes\tnote\n", txt, 1, `#1: want AnnotatorNotes ID<TAB>note, not "AnnotatorNotes"`},
		{"note target", "#1\tAnnotatorNotes T3\tnote\n", txt, 1, "the note's T3 is not a T line of the file"},
		{"unknown line", "X1\tsomething\n", txt, 1, `unknown annotation "X1" (brat lines start with T, R, E, A, M, N, # or *)`},
		{"line end only", "T1\tACTOR 6 7\t \n", "Jafari\r\nsaid", 1, "T1 6-7 holds only a line end or byte order mark"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeBrat(t, tt.ann, tt.txt)
			_, err := readFileForTest(t, path)
			var le *annotate.LineError
			if !errors.As(err, &le) || le.File != path || le.Line != tt.line || annotate.ErrorCode(err) != annotate.EINVALID {
				t.Fatalf("err = %v, want an EINVALID LineError at %s:%d", err, path, tt.line)
			}
			if got := le.Err.Error(); !strings.Contains(got, tt.want) {
				t.Errorf("err = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadBratFileErrors(t *testing.T) {
	// The text is missing.
	dir := t.TempDir()
	ann := filepath.Join(dir, "lone.ann")
	if err := os.WriteFile(ann, []byte("T1\tACTOR 0 1\tx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := readFileForTest(t, ann)
	txt := filepath.Join(dir, "lone.txt")
	if err == nil || err.Error() != txt+": no such file (the text of lone.ann)" || annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("missing text: err = %v", err)
	}
	// The text is unreadable: a folder.
	if err := os.Mkdir(txt, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := readFileForTest(t, ann); err == nil || !strings.HasPrefix(err.Error(), txt+": ") {
		t.Errorf("text is a folder: err = %v", err)
	}
	for name, files := range map[string][2]string{
		"empty text":   {"", "  \n"},
		"invalid text": {"", "ab\xffc"},
		"invalid .ann": {"T1\tACTOR 0 1\t\xff\n", "abc"},
	} {
		path := writeBrat(t, files[0], files[1])
		_, err := readFileForTest(t, path)
		var le *annotate.LineError
		wantLine := 0 // the text's errors are about the whole file
		if name == "invalid .ann" {
			wantLine = 1 // the .ann's name the line
		}
		if !errors.As(err, &le) || le.Line != wantLine || annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("%s: err = %v, want an EINVALID error at line %d", name, err, wantLine)
		}
		wantFile := path
		if name != "invalid .ann" {
			wantFile = strings.TrimSuffix(path, ".ann") + ".txt"
		}
		if le != nil && le.File != wantFile {
			t.Errorf("%s: error names %s, want %s", name, le.File, wantFile)
		}
	}
}

func TestReadBratLineEnds(t *testing.T) {
	// brat counts the CR of a CRLF and a byte order mark; the document's
	// text has neither, and the offsets follow.
	text := "\ufeffTitle\r\nJafari said\r\n“no”.\r\n"
	ann := "T1\tACTOR 8 14\tJafari\nT2\tCLAIM 7 25\t Jafari said  “no”\n#1\tAnnotatorNotes R1\tskipped\nN1\tReference T1 Wikidata:Q1\tJafari\n*\tEquiv T1 T1\n"
	path := writeBrat(t, ann, text)
	recs, err := readFileForTest(t, path)
	if err != nil {
		t.Fatal(err)
	}
	rec := recs[0]
	if rec.Document.Text != "Title\nJafari said\n“no”.\n" {
		t.Errorf("text %q", rec.Document.Text)
	}
	want := []string{"ACTOR|6|12|Jafari|", "CLAIM|5|22|\nJafari said\n“no”|"}
	if got := spanFacts(rec); !slices.Equal(got, want) {
		t.Errorf("spans %q, want %q", got, want)
	}
	_, notices := readBratFile(t, path)
	if want := []string{"a.ann: skipped what Claimdesk does not keep: 1 equivalence (*), 1 normalisation (N), 1 note (#) on a relation (R)"}; !slices.Equal(notices, want) {
		t.Errorf("notices %q, want %q", notices, want)
	}
}

func TestReadBratEventRelation(t *testing.T) {
	path := writeBrat(t, "T1\tACTOR 0 6\tJafari\nE1\tSAY:T1\nR1\tSOURCE Arg1:E1 Arg2:T1\t\n", "Jafari said.")
	recs, err := readFileForTest(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs[0].Relations) != 0 || len(recs[0].Spans) != 1 {
		t.Errorf("record %+v", recs[0])
	}
}

// exportBrat exports recs as brat into a new folder, with the default
// labels and relation types declared, and returns the folder.
func exportBrat(t *testing.T, recs ...annotate.Record) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	opts := ExportOptions{Opened: func(w Writer) {
		var labels []string
		for _, l := range annotate.DefaultLabels() {
			labels = append(labels, l.Name)
		}
		w.(SchemaSetter).SetSchema(labels, annotate.DefaultRelationTypes())
	}}
	if err := ExportDir(context.Background(), dir, "brat", opts, sliceSource(recs...), nil); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBratGolden(t *testing.T) {
	rec, _ := readBratFile(t, bratSample)
	rec.Relations = append(rec.Relations, annotate.Relation{ID: "r", Type: "QUOTES", From: rec.Spans[0].ID, To: rec.Spans[1].ID})
	dir := exportBrat(t, rec)
	assertOnlyFiles(t, dir, "Ministry denies aid claim.ann", "Ministry denies aid claim.txt", "annotation.conf")
	for file, golden := range map[string]string{
		"Ministry denies aid claim.ann": "brat/golden/Ministry denies aid claim.ann",
		"Ministry denies aid claim.txt": "brat/article.txt",
		"annotation.conf":               "brat/golden/annotation.conf",
	} {
		got, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, golden, got)
	}
}

func TestBratRoundTrip(t *testing.T) {
	rec, _ := readBratFile(t, bratSample)
	dir := exportBrat(t, rec)
	back, _ := readBratFile(t, filepath.Join(dir, "Ministry denies aid claim.ann"))
	if got, want := spanFacts(back), spanFacts(rec); !slices.Equal(got, want) {
		t.Errorf("spans\n got %q\nwant %q", got, want)
	}
	if got, want := relationFacts(back), relationFacts(rec); !slices.Equal(got, want) {
		t.Errorf("relations\n got %q\nwant %q", got, want)
	}

	// Through a project: import the sample, export it, import the export
	// into a new project; both projects hold the same spans and relations.
	projects := [2]*store.Store{}
	records := [2]annotate.Record{}
	path := bratSample
	for i := range projects {
		st, err := store.Open(filepath.Join(t.TempDir(), "p.claimdesk"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		res, err := ImportFile(context.Background(), st, path, "ana", nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Spans != 6 || res.Relations != 2 || (i == 0) != (len(res.Notices) == 2) {
			t.Errorf("import %s: %s", path, res)
		}
		err = st.ForEachRecord(func(r annotate.Record) error { records[i] = r; return nil })
		if err != nil {
			t.Fatal(err)
		}
		projects[i] = st
		out := filepath.Join(t.TempDir(), "export")
		if err := ExportDir(context.Background(), out, "brat", ExportOptions{}, Source{ForEach: st.ForEachRecord}, nil); err != nil {
			t.Fatal(err)
		}
		path = filepath.Join(out, "Ministry denies aid claim.ann")
	}
	if got, want := spanFacts(records[1]), spanFacts(records[0]); !slices.Equal(got, want) {
		t.Errorf("project spans\n got %q\nwant %q", got, want)
	}
	if got, want := relationFacts(records[1]), relationFacts(records[0]); !slices.Equal(got, want) {
		t.Errorf("project relations\n got %q\nwant %q", got, want)
	}
}

func TestBratFileNames(t *testing.T) {
	w := NewBratWriter(t.TempDir())
	for _, tt := range []struct{ title, want string }{
		{"Iraq: “help”?", "Iraq_ _help__"},
		{"iraq_ _help__", "iraq_ _help__-2"},
		{"../etc/passwd", "_etc_passwd"},
		{"   ", "document"},
		{"con", "con_"},
		{"إبراهيم", "إبراهيم"},
		{strings.Repeat("ab", 50), strings.Repeat("ab", 40)},
		// numbers go on from the last one a stem took, past names taken
		{"x", "x"}, {"x-3", "x-3"}, {"X", "X-2"}, {"x", "x-4"}, {"x", "x-5"},
	} {
		got := w.fileName(tt.title)
		if got != tt.want {
			t.Errorf("fileName(%q) = %q, want %q", tt.title, got, tt.want)
		}
		w.names[strings.ToLower(got)] = true
	}
	// Documents without titles are named by their ids, and two of the
	// same title do not overwrite each other.
	recs := []annotate.Record{
		{Document: annotate.Document{ID: "d1", Text: "one"}},
		{Document: annotate.Document{ID: "d2", Title: "Same", Text: "two"}},
		{Document: annotate.Document{ID: "d3", Title: "same", Text: "three"}},
	}
	dir := exportBrat(t, recs...)
	assertOnlyFiles(t, dir, "Same.ann", "Same.txt", "annotation.conf", "d1.ann", "d1.txt", "same-2.ann", "same-2.txt")
}

func TestBratWriterErrors(t *testing.T) {
	dir := t.TempDir()
	w := NewBratWriter(dir)
	rec := annotate.Record{Document: annotate.Document{ID: "d", Text: "abc"},
		Spans:     []annotate.Span{{ID: "s", Start: 0, End: 1, Label: "ACTOR"}},
		Relations: []annotate.Relation{{ID: "r", Type: "SOURCE", From: "s", To: "gone"}}}
	if err := w.Write(rec); err == nil || annotate.ErrorCode(err) != annotate.EINVALID ||
		err.Error() != "document d: relation r links a span the record does not have" {
		t.Errorf("err = %v", err)
	}
	assertOnlyFiles(t, dir)

	// A folder that is gone cannot be written to.
	w = NewBratWriter(filepath.Join(dir, "gone"))
	if err := w.Write(annotate.Record{Document: annotate.Document{ID: "d", Text: "abc"}}); err == nil || !strings.Contains(err.Error(), "write "+filepath.Join(dir, "gone", "d.txt")) {
		t.Errorf("err = %v", err)
	}
	if err := w.Flush(); err == nil {
		t.Error("Flush into a missing folder: no error")
	}
}

func TestExportDirErrors(t *testing.T) {
	dir := t.TempDir()
	src := sliceSource(goldenRecords()...)
	full := filepath.Join(dir, "full")
	if err := os.MkdirAll(filepath.Join(full, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ dir, format, want string }{
		{full, "brat", full + " is not empty: a brat export writes into a new or empty folder"},
		{file, "brat", file + " is a file: a brat export writes a folder"},
		{filepath.Join(dir, "x"), "jsonl", "format jsonl writes one file, not a folder"},
		{filepath.Join(dir, "x"), "xml", `unknown format "xml" (want jsonl, labelstudio, doccano, spacy, csv, network, edges, conll, hf or brat)`},
	} {
		err := ExportDir(context.Background(), tt.dir, tt.format, ExportOptions{}, src, nil)
		if err == nil || err.Error() != tt.want || annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("ExportDir(%s, %s): err = %v, want %q", tt.dir, tt.format, err, tt.want)
		}
	}
	assertOnlyFiles(t, dir, "file", "full")
	assertOnlyFiles(t, full, "old")

	// An empty folder is written into; after a failed export it is empty
	// again.
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	bad := annotate.Record{Document: annotate.Document{ID: "bad", Text: "abc"}, Spans: []annotate.Span{{Start: 0, End: 9, Label: "ACTOR"}}}
	if err := ExportDir(context.Background(), empty, "brat", ExportOptions{}, sliceSource(goldenRecords()[0], bad), nil); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("bad record: err = %v", err)
	}
	assertOnlyFiles(t, empty)
	if err := ExportDir(context.Background(), empty, "brat", ExportOptions{}, src, nil); err != nil {
		t.Fatal(err)
	}
	// Without a schema, annotation.conf declares what the records use,
	// relation ends as <ENTITY>.
	conf, err := os.ReadFile(filepath.Join(empty, "annotation.conf"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(conf), "\tArg1:<ENTITY>, Arg2:<ENTITY>\n") {
		t.Errorf("annotation.conf:\n%s", conf)
	}
}

// FuzzBratReader reads any .ann and .txt pair: it never panics, errors are
// LineErrors naming one of the two files, and a record it returns holds
// only spans inside the text and relations between its spans.
func FuzzBratReader(f *testing.F) {
	ann, _ := os.ReadFile(bratSample)
	txt, _ := os.ReadFile("testdata/brat/article.txt")
	f.Add(string(ann), string(txt))
	f.Add("T1\tACTOR 0 6;7 8\tJafari s\n#1\tAnnotatorNotes T1\tn\nR1\tX Arg1:T1 Arg2:T1\t\n", "Jafari\r\nsaid")
	f.Add("T1\tACTOR 0 2\t\ufeffa\n", "\ufeffab")
	f.Fuzz(func(t *testing.T, ann, txt string) {
		path := writeBrat(t, ann, txt)
		recs, err := readFileForTest(t, path)
		if err != nil {
			var le *annotate.LineError
			if !errors.As(err, &le) || (le.File != path && le.File != strings.TrimSuffix(path, ".ann")+".txt") {
				t.Fatalf("err = %v (%T)", err, err)
			}
			return
		}
		rec := recs[0]
		n := annotate.RuneCount(rec.Document.Text)
		ids := map[string]bool{}
		for _, s := range rec.Spans {
			if err := s.Validate(n); err != nil {
				t.Fatalf("span %+v: %v", s, err)
			}
			ids[s.ID] = true
		}
		for _, r := range rec.Relations {
			if !ids[r.From] || !ids[r.To] {
				t.Fatalf("relation %+v links a span the record lacks", r)
			}
		}
	})
}

// TestReadBratNoteTypes: notes (#) of any type on a text annotation are
// kept as its note, prefixed with their type unless AnnotatorNotes; notes
// on other annotations are skipped, each counted by what it is on.
func TestReadBratNoteTypes(t *testing.T) {
	ann := "T1\tACTOR 0 6\tJafari\nT2\tCLAIM 7 11\tsaid\nR1\tSOURCE Arg1:T2 Arg2:T1\t\nE1\tSAY:T2\nA1\tNegated E1\n" +
		"#1\tAnnotatorNotes T1\tIraq's foreign minister\n#2\tLemma T2\tsay\n#3\tAnnotatorNotes T2\tpast tense\n" +
		"#4\tLemma T1\t\n#5\tAnnotatorNotes R1\tchecked\n#6\tComment E1\tevent\n#7\tComment A1\tattribute\n#8\tComment R1\tagain\n"
	path := writeBrat(t, ann, "Jafari said no.")
	recs, err := readFileForTest(t, path)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range recs[0].Spans {
		got[s.Label] = s.Note
	}
	want := map[string]string{"ACTOR": "Iraq's foreign minister\nLemma:", "CLAIM": "Lemma: say\npast tense"}
	if !maps.Equal(got, want) {
		t.Errorf("notes %q, want %q", got, want)
	}
	_, notices := readBratFile(t, path)
	wantNotices := []string{"a.ann: skipped what Claimdesk does not keep: 1 attribute (A, M), 1 event (E), " +
		"2 notes (#) on a relation (R), 1 note (#) on an attribute (A, M), 1 note (#) on an event (E)"}
	if !slices.Equal(notices, wantNotices) {
		t.Errorf("notices\n%q\nwant\n%q", notices, wantNotices)
	}
}
