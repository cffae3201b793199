package format

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"claimdesk/annotate"
	"golang.org/x/net/html"
)

// fuzzLimits are small limits, so that the fuzzer reaches them.
var fuzzLimits = Limits{Text: 8 << 10, Line: 8 << 10, Depth: 6, Elements: 40, Attributes: 40, WordElements: 40, Spans: 4, Relations: 4}

// checkLimited reads data as the file name with the limits l and checks
// that the reader keeps to them: one record or one one-line EINVALID
// LineError naming the file; a record's text no longer than l.Text; and,
// when over says the input is past a limit, a LimitError.
func checkLimited(t *testing.T, name string, data []byte, l Limits, over bool) {
	t.Helper()
	f, err := ForFile(name)
	if err != nil {
		t.Fatal(err)
	}
	r := NewLimitedReader(f, bytes.NewReader(data), name, l)
	rec, err := r.Next()
	if err != nil {
		var le *annotate.LineError
		if !errors.As(err, &le) || le.File != name {
			t.Fatalf("error %v (%T) is not a LineError naming the file", err, err)
		}
		if strings.ContainsAny(err.Error(), "\r\n") || annotate.ErrorCode(err) != annotate.EINVALID {
			t.Fatalf("error %q (code %s) is not one EINVALID line", err, annotate.ErrorCode(err))
		}
		return
	}
	if over {
		t.Fatalf("input past the limits %+v read as a record", l)
	}
	if int64(len(rec.Document.Text)) > l.Text || len(rec.Spans) > l.Spans || len(rec.Relations) > l.Relations {
		t.Fatalf("record past the limits: %d bytes of text, %d spans, %d relations", len(rec.Document.Text), len(rec.Spans), len(rec.Relations))
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("second Next: %v, want io.EOF", err)
	}
}

// htmlStartTags counts the start tags of an HTML page as a tokenizer
// sees them.
func htmlStartTags(data []byte) int {
	z := html.NewTokenizer(bytes.NewReader(data))
	n := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken, html.SelfClosingTagToken:
			n++
		}
	}
}

// FuzzHTMLLimits fuzzes the HTML reader with small limits: a page with
// more start tags than the limit, or longer than it, is refused with a
// LimitError, and no page panics or is read past them.
func FuzzHTMLLimits(f *testing.F) {
	for _, s := range []string{
		"<p>Some text.</p>",
		"<p>Some text.</p>" + nested("<div>", "</div>", 7),
		"<p>Some text.</p>" + nested("<table><tr><td>", "</td></tr></table>", 3),
		strings.Repeat("<p>Some text here.</p>", 41),
		"<b><i><p>a</b>b</i>c" + nested("<b>", "", 30),
		"<svg>" + nested("<g>", "</g>", 10) + "</svg><p>text</p>",
		"<p>" + strings.Repeat("x", 9<<10),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		over := htmlStartTags(data) > fuzzLimits.Elements || int64(len(data)) > fuzzLimits.Text
		checkLimited(t, "fuzz.html", data, fuzzLimits, over)
		// The parser's own limit, with the default ones.
		checkLimited(t, "fuzz.html", data, DefaultLimits(), false)
	})
}

// xmlShape returns the number of elements of an XML document and the
// depth of its deepest, as encoding/xml reads them, or ok false for
// XML it does not read.
func xmlShape(data []byte) (elements, depth int, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	level := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return elements, depth, true
		}
		if err != nil {
			return elements, depth, false
		}
		switch tok.(type) {
		case xml.StartElement:
			elements++
			level++
			depth = max(depth, level)
		case xml.EndElement:
			level--
		}
	}
}

// FuzzDOCXLimits fuzzes the Word reader with small limits, the fuzzer's
// bytes as the document.xml of a .docx: a part nested deeper or with more
// elements than the limits, as encoding/xml reads it, is refused, and no
// part panics or is read past them.
func FuzzDOCXLimits(f *testing.F) {
	for _, s := range []string{
		body(`<w:p><w:r><w:t>a</w:t></w:r></w:p>`),
		body(nested("<w:p>", "</w:p>", 7)),
		body(`<w:p><w:pPr>` + nested("<w:x>", "</w:x>", 8) + `</w:pPr><w:r><w:t>a</w:t></w:r></w:p>`),
		body(strings.Repeat(`<w:p><w:r><w:t>a</w:t></w:r></w:p>`, 12)),
		body(`<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice><w:p><w:r><w:t>a</w:t></w:r></w:p></mc:Choice><mc:Fallback>` + nested("<w:p>", "</w:p>", 9) + `</mc:Fallback></mc:AlternateContent>`),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		elements, depth, ok := xmlShape(data)
		over := ok && (elements > fuzzLimits.WordElements || depth > fuzzLimits.Depth)
		checkLimited(t, "fuzz.docx", makeDOCX(t, "word/document.xml", string(data)), fuzzLimits, over)
	})
}
