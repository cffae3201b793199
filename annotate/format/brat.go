package format

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"claimdesk/annotate"
)

// Noticer is implemented by the readers of formats that can say something
// about a file beyond its records: what they could not keep (brat's
// attributes and events) or how they changed it. ImportFile adds the
// notices to the import's annotate.ImportResult.
type Noticer interface {
	// Notices returns the reader's notices, after Next has returned io.EOF.
	Notices() []string
}

// newBratReader returns the Reader of a brat standoff file NAME.ann, whose
// bytes r gives, and of its text NAME.txt, which it opens itself (ReadBrat).
func newBratReader(r io.Reader, name string) Reader {
	return &bratReader{r: r, name: name}
}

// bratReader reads one .ann file and its .txt: one record.
type bratReader struct {
	r       io.Reader
	name    string
	limits  Limits // DefaultLimits until setLimits
	done    bool
	notices []string
}

// setLimits makes b read within l (NewLimitedReader).
func (b *bratReader) setLimits(l Limits) { b.limits = l }

// Next returns the record of the .ann file and its text, then io.EOF.
func (b *bratReader) Next() (annotate.Record, error) {
	if b.done {
		return annotate.Record{}, io.EOF
	}
	b.done = true
	l := b.limits.orDefault()
	ann, err := readAllLimited(b.r, l, "the file")
	if err != nil {
		return annotate.Record{}, &annotate.LineError{File: b.name, Err: err}
	}
	if err := checkBratCounts(ann, l); err != nil {
		return annotate.Record{}, &annotate.LineError{File: b.name, Err: err}
	}
	txtPath := bratTextPath(b.name)
	txt, err := readBratText(txtPath, b.name, l)
	if err != nil {
		return annotate.Record{}, err
	}
	rec, notices, err := ReadBrat(b.name, ann, txtPath, txt)
	if err != nil {
		return annotate.Record{}, err
	}
	b.notices = notices
	return rec, nil
}

// checkBratCounts refuses an .ann file whose T lines make more spans
// (one per fragment) than l.Spans or whose R lines more relations than
// l.Relations, before it is decoded.
func checkBratCounts(ann []byte, l Limits) error {
	spans, rels := 0, 0
	for len(ann) > 0 {
		line := ann
		if i := bytes.IndexByte(ann, '\n'); i >= 0 {
			line, ann = ann[:i], ann[i+1:]
		} else {
			ann = nil
		}
		switch {
		case len(line) == 0:
		case line[0] == 'T':
			spans++
			if cols := bytes.SplitN(line, []byte("\t"), 3); len(cols) > 1 {
				spans += bytes.Count(cols[1], []byte(";"))
			}
		case line[0] == 'R':
			rels++
		}
	}
	switch {
	case spans > l.Spans:
		return &LimitError{What: fmt.Sprintf("the file has %d spans, more than", spans), Limit: fmt.Sprint(l.Spans), Flag: "max-spans"}
	case rels > l.Relations:
		return &LimitError{What: fmt.Sprintf("the file has %d relations, more than", rels), Limit: fmt.Sprint(l.Relations), Flag: "max-relations"}
	}
	return nil
}

// readBratText reads the text txtPath of the .ann file ann: a regular
// file beside it (OpenRegular; a link only to a file in ann's folder),
// of at most l.Text bytes.
func readBratText(txtPath, ann string, l Limits) ([]byte, error) {
	if err := besideOnly(txtPath, ann); err != nil {
		return nil, err
	}
	f, err := OpenRegular(txtPath)
	if err != nil {
		if annotate.ErrorCode(err) == annotate.ENOTFOUND {
			return nil, &annotate.LineError{File: txtPath, Err: annotate.Errorf(annotate.ENOTFOUND,
				"no such file (the text of %s)", baseName(ann))}
		}
		return nil, err
	}
	defer f.Close()
	txt, err := readAllLimited(f, l, "the file")
	if err != nil {
		return nil, &annotate.LineError{File: txtPath, Err: err}
	}
	return txt, nil
}

// Line returns 0: the file pair is one record.
func (b *bratReader) Line() int { return 0 }

// Notices returns what the reader skipped or split, for the import result.
func (b *bratReader) Notices() []string { return b.notices }

// bratTextPath returns the path of the text of the .ann file at name: the
// same path with the extension .txt.
func bratTextPath(name string) string {
	return strings.TrimSuffix(name, filepath.Ext(name)) + ".txt"
}

// bratSpan is a text-bound annotation (a T line) as read.
type bratSpan struct {
	line  int
	label string
	frags [][2]int // code point offsets in the raw text
	ids   []string // the record's span id of each fragment
}

// bratRel is a relation (an R line) as read, its arguments unresolved.
type bratRel struct {
	id         string // R1
	line       int
	typ        string
	arg1, arg2 string
}

// bratNoteTarget names, for the notice, a note (#) on the annotation id
// that is not a text annotation (T), which is skipped.
func bratNoteTarget(id string) string {
	kind := "something other than a text annotation"
	switch id[0] {
	case 'R':
		kind = "a relation (R)"
	case 'E':
		kind = "an event (E)"
	case 'A', 'M':
		kind = "an attribute (A, M)"
	case 'N':
		kind = "a normalisation (N)"
	case '*':
		kind = "an equivalence (*)"
	}
	return "note (#) on " + kind
}

// bratNote is a note (#) on a text annotation, its target unresolved.
type bratNote struct {
	line   int
	target string
	note   string
}

// ReadBrat decodes a brat standoff pair: ann, the .ann file named annName,
// and txt, its text, named txtName. It returns the record, and notices of
// what it could not keep or had to change.
//
// The text is that of a text import (NormalizeText: a byte order mark
// dropped, CRLF as LF; titled by its first line, sourced by the .txt
// file's name); brat's offsets, code points into the file's text as it is,
// are mapped onto it. T lines become spans, one per fragment of a
// discontinuous annotation (a notice says so; relations link its first
// fragment, a note is on every fragment); their text column must be the
// text's slice (line ends read as spaces), or it is an error saying in
// which unit the offsets seem to be. R lines become relations from Arg1 to
// Arg2, notes (#) on a T notes of their spans: an AnnotatorNotes note as
// it is, a note of another type prefixed with its type ("#1 Lemma T3
// run" is the note "Lemma: run"). Attributes (A, M), events (E),
// normalisations (N), equivalences (*) and notes on anything but a T are
// skipped, and a notice counts them by kind.
//
// Errors are *annotate.LineError values naming the .ann file and its line
// (or the .txt file).
func ReadBrat(annName string, ann []byte, txtName string, txt []byte) (annotate.Record, []string, error) {
	lineErr := func(line int, format string, args ...any) error {
		return &annotate.LineError{File: annName, Line: line, Err: annotate.Errorf(annotate.EINVALID, format, args...)}
	}
	rec, err := readText(txtName, txt, false)
	if err != nil {
		return annotate.Record{}, nil, &annotate.LineError{File: txtName, Err: err}
	}
	raw := string(txt)
	if !utf8.Valid(ann) {
		return annotate.Record{}, nil, invalidUTF8Line(annName, ann)
	}
	rawLen := utf8.RuneCountInString(raw)
	rawIx := annotate.NewRuneIndex(raw)

	spans := map[string]*bratSpan{}
	var order []string // T ids in file order
	var rels []bratRel
	var notes []bratNote
	events := map[string]bool{}
	skipped := map[string]int{}
	for i, line := range strings.Split(string(bytes.TrimPrefix(ann, utf8BOM)), "\n") {
		n := i + 1
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.SplitN(line, "\t", 3)
		id := cols[0]
		if len(cols) < 2 || id == "" {
			return annotate.Record{}, nil, lineErr(n, "want an id, a tab and an annotation: %q", clip(line, 60))
		}
		switch id[0] {
		case 'T':
			if _, ok := spans[id]; ok {
				return annotate.Record{}, nil, lineErr(n, "%s is defined twice", id)
			}
			if len(cols) < 3 {
				return annotate.Record{}, nil, lineErr(n, "%s has no text column (want %s<TAB>LABEL START END<TAB>text)", id, id)
			}
			sp, err := parseBratSpan(id, cols[1], cols[2], raw, rawLen, rawIx)
			if err != nil {
				return annotate.Record{}, nil, &annotate.LineError{File: annName, Line: n, Err: err}
			}
			sp.line = n
			spans[id] = sp
			order = append(order, id)
		case 'R':
			f := strings.Fields(cols[1])
			if len(f) != 3 {
				return annotate.Record{}, nil, lineErr(n, "%s: want TYPE Arg1:ID Arg2:ID, not %q", id, clip(cols[1], 60))
			}
			r := bratRel{id: id, line: n, typ: f[0]}
			for _, a := range f[1:] {
				role, ref, ok := strings.Cut(a, ":")
				switch {
				case ok && role == "Arg1" && r.arg1 == "":
					r.arg1 = ref
				case ok && role == "Arg2" && r.arg2 == "":
					r.arg2 = ref
				default:
					return annotate.Record{}, nil, lineErr(n, "%s: want TYPE Arg1:ID Arg2:ID, not %q", id, clip(cols[1], 60))
				}
			}
			if err := annotate.ValidateLabelName(r.typ); err != nil {
				return annotate.Record{}, nil, lineErr(n, "%s: invalid relation type %q", id, r.typ)
			}
			rels = append(rels, r)
		case '#':
			f := strings.Fields(cols[1])
			if len(f) != 2 {
				return annotate.Record{}, nil, lineErr(n, "%s: want AnnotatorNotes ID<TAB>note, not %q", id, clip(cols[1], 60))
			}
			if !strings.HasPrefix(f[1], "T") {
				skipped[bratNoteTarget(f[1])]++
				continue
			}
			note := ""
			if len(cols) == 3 {
				note = strings.TrimSpace(cols[2])
			}
			if f[0] != "AnnotatorNotes" { // a note of another type: "Lemma: run"
				note = strings.TrimSpace(f[0] + ": " + note)
			}
			notes = append(notes, bratNote{line: n, target: f[1], note: note})
		case 'E':
			events[id] = true
			skipped["event (E)"]++
		case 'A', 'M':
			skipped["attribute (A, M)"]++
		case 'N':
			skipped["normalisation (N)"]++
		case '*':
			skipped["equivalence (*)"]++
		default:
			return annotate.Record{}, nil, lineErr(n, "unknown annotation %q (brat lines start with T, R, E, A, M, N, # or *)", clip(id, 20))
		}
	}

	// Notes, then spans, then relations.
	spanNotes := map[string][]string{}
	for _, nt := range notes {
		if spans[nt.target] == nil {
			return annotate.Record{}, nil, lineErr(nt.line, "the note's %s is not a T line of the file", nt.target)
		}
		if nt.note != "" {
			spanNotes[nt.target] = append(spanNotes[nt.target], nt.note)
		}
	}
	toNorm := bratOffsetMap(raw)
	var split []string
	for _, id := range order {
		sp := spans[id]
		if len(sp.frags) > 1 {
			split = append(split, id)
		}
		for _, fr := range sp.frags {
			start, end := fr[0], fr[1]
			if toNorm != nil {
				start, end = toNorm[start], toNorm[end]
			}
			if end <= start {
				return annotate.Record{}, nil, lineErr(sp.line, "%s %d-%d holds only a line end or byte order mark", id, fr[0], fr[1])
			}
			s := annotate.Span{ID: annotate.NewID(), Start: start, End: end, Label: sp.label,
				Note: strings.Join(spanNotes[id], "\n")}
			sp.ids = append(sp.ids, s.ID)
			rec.Spans = append(rec.Spans, s)
		}
	}
	for _, r := range rels {
		var ends [2]string
		for i, ref := range [2]string{r.arg1, r.arg2} {
			sp := spans[ref]
			if sp == nil {
				if events[ref] {
					break
				}
				return annotate.Record{}, nil, lineErr(r.line, "Arg%d %s is not a T line of the file", i+1, ref)
			}
			ends[i] = sp.ids[0]
		}
		if ends[0] == "" || ends[1] == "" {
			skipped["relation to an event"]++
			continue
		}
		rec.Relations = append(rec.Relations, annotate.Relation{Type: r.typ, From: ends[0], To: ends[1], Origin: r.id, Line: r.line})
	}

	var notices []string
	if len(split) > 0 {
		notices = append(notices, fmt.Sprintf("%s: discontinuous %s imported as one span per fragment (relations link the first fragment)",
			baseName(annName), strings.Join(split, ", ")))
	}
	if len(skipped) > 0 {
		kinds := make([]string, 0, len(skipped))
		for k := range skipped {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		parts := make([]string, len(kinds))
		for i, k := range kinds {
			parts[i] = pluralFirst(skipped[k], k)
		}
		notices = append(notices, fmt.Sprintf("%s: skipped what Claimdesk does not keep: %s", baseName(annName), strings.Join(parts, ", ")))
	}
	return rec, notices, nil
}

// invalidUTF8Line returns the error of a file of lines, named name, that
// is not valid UTF-8: a LineError giving the line and the column (in
// bytes) of the first invalid byte.
func invalidUTF8Line(name string, data []byte) error {
	at := annotate.FirstInvalidUTF8(data)
	before := data[:at]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := at - bytes.LastIndexByte(before, '\n')
	return &annotate.LineError{File: name, Line: line, Err: annotate.Errorf(annotate.EINVALID,
		"invalid UTF-8 at column %d (byte %d of the file)", col, at)}
}

// parseBratSpan parses the middle column of a T line, "LABEL START END"
// with ";START END" for each further fragment, and checks it against the
// raw text and the line's text column.
func parseBratSpan(id, mid, text, raw string, rawLen int, rawIx *annotate.RuneIndex) (*bratSpan, error) {
	label, offs, ok := strings.Cut(mid, " ")
	if !ok {
		return nil, annotate.Errorf(annotate.EINVALID, "%s: want LABEL START END, not %q", id, clip(mid, 60))
	}
	if err := annotate.ValidateLabelName(label); err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "%s: %s", id, err.Error())
	}
	sp := &bratSpan{label: label}
	for frag := range strings.SplitSeq(offs, ";") {
		f := strings.Fields(frag)
		if len(f) != 2 {
			return nil, annotate.Errorf(annotate.EINVALID, "%s: want START END offsets, not %q", id, clip(frag, 40))
		}
		start, err1 := strconv.Atoi(f[0])
		end, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil {
			return nil, annotate.Errorf(annotate.EINVALID, "%s: offsets must be whole numbers, not %q", id, clip(frag, 40))
		}
		sp.frags = append(sp.frags, [2]int{start, end})
	}
	for _, fr := range sp.frags {
		if err := annotate.CheckRange(fr[0], fr[1], rawLen); err != nil {
			if hint := bratHint(raw, sp.frags, text); hint != "" {
				return nil, annotate.Errorf(annotate.EINVALID, "%s: %v; %s", id, err, hint)
			}
			return nil, annotate.Errorf(annotate.EINVALID, "%s: %v", id, err)
		}
	}
	parts := make([]string, len(sp.frags))
	for i, fr := range sp.frags {
		parts[i] = rawIx.Slice(fr[0], fr[1])
	}
	got := strings.Join(parts, " ")
	if bratFlat(got) != bratFlat(text) {
		hint := bratHint(raw, sp.frags, text)
		if hint == "" {
			hint = "neither as bytes nor as UTF-16 do the offsets give it"
		}
		return nil, annotate.Errorf(annotate.EINVALID, "%s %s: the text there is %q, not %q (brat offsets are code points; %s)",
			id, strings.TrimPrefix(mid, label+" "), clip(got, 60), clip(text, 60), hint)
	}
	return sp, nil
}

// bratFlat returns s with each character that ends a line (CR, LF, and
// those Python and editors take for one) as a space: the text column of
// an .ann line cannot hold them.
func bratFlat(s string) string {
	return bratLineEnds.Replace(s)
}

// bratLineEnds replaces every character that ends a line, for brat (a
// Python program) or an editor, with a space: an .ann line holds one
// annotation.
var bratLineEnds = strings.NewReplacer("\r", " ", "\n", " ", "\v", " ", "\f", " ", "\x1c", " ", "\x1d", " ", "\x1e", " ",
	"\u0085", " ", "\u2028", " ", "\u2029", " ")

// bratHint says in which unit the fragments' offsets give text, if not in
// code points: "these look like UTF-8 byte offsets", or "" when neither
// bytes nor UTF-16 explain them.
func bratHint(raw string, frags [][2]int, text string) string {
	slice := func(n int, sub func(start, end int) string) (string, bool) {
		parts := make([]string, len(frags))
		for i, fr := range frags {
			if fr[0] < 0 || fr[0] > fr[1] || fr[1] > n {
				return "", false
			}
			parts[i] = sub(fr[0], fr[1])
		}
		return strings.Join(parts, " "), true
	}
	if got, ok := slice(len(raw), func(s, e int) string { return raw[s:e] }); ok && bratFlat(got) == bratFlat(text) {
		return "these look like UTF-8 byte offsets"
	}
	u := utf16.Encode([]rune(raw))
	if got, ok := slice(len(u), func(s, e int) string { return string(utf16.Decode(u[s:e])) }); ok && bratFlat(got) == bratFlat(text) {
		return "these look like UTF-16 offsets, as JavaScript and Java count"
	}
	return ""
}

// bratOffsetMap maps the code point offsets of the raw text (a file's
// text as brat reads it) to those of its NormalizeText form, without a
// leading byte order mark and with CRLF and lone CR as LF; nil when the
// two are the same.
func bratOffsetMap(raw string) []int {
	if !strings.Contains(raw, "\r") && !strings.HasPrefix(raw, "\ufeff") {
		return nil
	}
	m := make([]int, 0, len(raw)+1)
	n := 0
	prevCR := false
	for i, r := range raw {
		switch {
		case i == 0 && r == '\ufeff':
			m = append(m, n) // dropped: the next character is at n too
		case r == '\n' && prevCR:
			m = append(m, n-1) // the LF of a CRLF: its CR became the LF
		default:
			m = append(m, n)
			n++
		}
		prevCR = r == '\r'
	}
	return append(m, n)
}

// BratWriter writes records as brat standoff into a folder: per document
// NAME.txt, its text as it is, and NAME.ann, a T line per span (offsets in
// code points, in CompareSpans order, the text column with line ends as
// spaces), an R line per relation (Arg1 its start, Arg2 its end) and an
// AnnotatorNotes line per note. NAME is the document's title, else its
// id, made safe as a file name and unique in the folder. Flush writes
// annotation.conf, declaring the labels and relation types, so that brat
// opens the folder. Every file is written whole to a temporary file and
// renamed.
type BratWriter struct {
	dir    string
	names  map[string]bool // lower-cased names taken
	next   map[string]int  // lower-cased stem: the number to try next (fileName)
	labels []string        // entity labels, in order of appearance
	types  annotate.RelationTypes
	seen   []string // relation types written, in order of appearance
}

// NewBratWriter returns a writer of brat standoff into the folder dir,
// which must exist and be new or empty (as ExportDir makes sure).
func NewBratWriter(dir string) *BratWriter {
	return &BratWriter{dir: dir, names: map[string]bool{}, next: map[string]int{}}
}

// SchemaSetter is implemented by writers that declare the project's labels
// and relation types (brat's annotation.conf): the caller gives them before
// the first Write, so that the declaration holds those no span uses yet.
type SchemaSetter interface {
	SetSchema(labels []string, types annotate.RelationTypes)
}

// SetSchema gives the project's labels and relation types, declared in
// annotation.conf with those the records use; a relation type's Arg1 and
// Arg2 are limited to its From and To labels.
func (w *BratWriter) SetSchema(labels []string, types annotate.RelationTypes) {
	for _, l := range labels {
		w.addLabel(l)
	}
	w.types = slices.Clone(types)
	for _, t := range types {
		for _, l := range slices.Concat(t.From, t.To) {
			w.addLabel(l)
		}
	}
}

func (w *BratWriter) addLabel(l string) {
	if !slices.Contains(w.labels, l) {
		w.labels = append(w.labels, l)
	}
}

// Write writes the record's .txt and .ann files. A span outside the text,
// or a relation whose end is not one of the record's spans, is an EINVALID
// error and nothing of the record is written.
func (w *BratWriter) Write(rec annotate.Record) error {
	spans, texts, err := exportSpans(&rec)
	if err != nil {
		return err
	}
	d := &rec.Document
	var ann strings.Builder
	num := make(map[string]int, len(spans))
	for i, s := range spans {
		num[s.ID] = i + 1
		fmt.Fprintf(&ann, "T%d\t%s %d %d\t%s\n", i+1, s.Label, s.Start, s.End, bratFlat(texts[i]))
	}
	for i, r := range rec.Relations {
		from, to := num[r.From], num[r.To]
		if from == 0 || to == 0 {
			return annotate.Errorf(annotate.EINVALID, "document %s: relation %s links a span the record does not have", d.ID, r.ID)
		}
		fmt.Fprintf(&ann, "R%d\t%s Arg1:T%d Arg2:T%d\t\n", i+1, r.Type, from, to)
	}
	n := 0
	for i, s := range spans {
		if note := strings.TrimSpace(strings.ReplaceAll(bratFlat(s.Note), "\t", " ")); note != "" {
			n++
			fmt.Fprintf(&ann, "#%d\tAnnotatorNotes T%d\t%s\n", n, i+1, note)
		}
	}
	name := w.fileName(cmp.Or(strings.TrimSpace(d.Title), d.ID, "document"))
	if err := w.writeFile(name+".txt", []byte(d.Text)); err != nil {
		return err
	}
	if err := w.writeFile(name+".ann", []byte(ann.String())); err != nil {
		return err
	}
	w.names[strings.ToLower(name)] = true
	for _, s := range spans {
		w.addLabel(s.Label)
	}
	for _, r := range rec.Relations {
		if !slices.Contains(w.seen, r.Type) {
			w.seen = append(w.seen, r.Type)
		}
	}
	return nil
}

// Flush writes annotation.conf.
func (w *BratWriter) Flush() error {
	var b strings.Builder
	b.WriteString("# Written by Claimdesk: the project's labels and relation types.\n[entities]\n")
	for _, l := range w.labels {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n[relations]\n")
	arg := func(labels []string) string {
		if len(labels) == 0 {
			return "<ENTITY>"
		}
		return strings.Join(labels, "|")
	}
	types := w.types.Names()
	for _, t := range w.seen {
		if !slices.Contains(types, t) {
			types = append(types, t)
		}
	}
	for _, name := range types {
		t, _ := w.types.Find(name)
		fmt.Fprintf(&b, "%s\tArg1:%s, Arg2:%s\n", name, arg(t.From), arg(t.To))
	}
	b.WriteString("\n[events]\n\n[attributes]\n")
	return w.writeFile("annotation.conf", []byte(b.String()))
}

// maxFileName is the longest file name stem, in code points, of a
// document's files.
const maxFileName = 80

// fileName returns a stem for the files of a document called title: its
// letters, digits and a few safe marks, other characters as "_", cut to
// maxFileName code points, and numbered ("-2", "-3"…) when taken (in any
// case, for file systems that ignore it).
func (w *BratWriter) fileName(title string) string {
	var b strings.Builder
	n := 0
	for _, r := range title {
		if n == maxFileName {
			break
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" -_.,()", r):
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
		n++
	}
	name := strings.Trim(b.String(), " .")
	if name == "" {
		name = "document"
	}
	if windowsReserved[strings.ToUpper(name)] {
		name += "_"
	}
	// numbered from the last number this stem took, not from 2 again:
	// 10,000 documents of one title take linear time, not quadratic
	stem, key := name, strings.ToLower(name)
	for i := max(w.next[key], 2); w.names[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s-%d", stem, i)
		w.next[key] = i + 1
	}
	return name
}

// windowsReserved are the names Windows refuses for files.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// writeFile writes data to the file name in the writer's folder, through
// a synced temporary file renamed to it. The folder is new or empty
// (ExportDir refuses any other), so no temporary file of a killed export
// is looked for in it: looking reads the folder, and doing so for each of
// 10,000 documents' files made the export quadratic.
func (w *BratWriter) writeFile(name string, data []byte) error {
	return writeThroughTemp(filepath.Join(w.dir, name), func(f io.Writer) error { _, err := f.Write(data); return err })
}

// WriteFileAtomic writes data to the file at path as writeAtomic does:
// through a synced temporary file renamed to path, so that no reader sees
// half a file and a file that was at path stays as it was on any error.
func WriteFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// pluralFirst returns n and the kind, its first word in the plural when n
// is not 1: "1 event (E)", "2 notes (#) on a relation (R)".
func pluralFirst(n int, kind string) string {
	if n == 1 {
		return "1 " + kind
	}
	first, rest, _ := strings.Cut(kind, " ")
	if rest != "" {
		rest = " " + rest
	}
	return plural(n, first) + rest
}
