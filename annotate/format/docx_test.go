package format

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// TestDOCXGolden reads testdata/article.docx, a Word file as Word writes
// it (curly quotes, an emoji, Arabic and Chinese names, a table, tracked
// changes, a field, a text box with its fallback copy), and compares its
// text with article.docx.golden.txt (go test -update rewrites it).
func TestDOCXGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/article.docx")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := ReadFile("in/article.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	d := recs[0].Document
	if d.Title != "China offers Iraq help – The Daily" || d.Source != "article.docx" || d.Status != annotate.StatusTodo {
		t.Errorf("title %q, source %q, status %q", d.Title, d.Source, d.Status)
	}
	const golden = "testdata/article.docx.golden.txt"
	if *update {
		if err := os.WriteFile(golden, []byte(d.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != string(want) {
		t.Errorf("text:\n%s\nwant:\n%s", d.Text, want)
	}
}

// makeDOCX returns a zip archive of the given parts, in order.
func makeDOCX(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// body wraps paragraphs' XML in a WordprocessingML document.
func body(xml string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + xml + `</w:body></w:document>`
}

func TestReadDOCX(t *testing.T) {
	const strict = `<?xml version="1.0"?><w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>Strict text</w:t></w:r></w:p></w:body></w:document>`
	tests := []struct {
		name        string
		parts       []string
		title, text string
	}{
		{"title from the first paragraph",
			[]string{"word/document.xml", body(`<w:p/><w:p><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p><w:p><w:r><w:t>First</w:t><w:br/><w:t>line two</w:t></w:r></w:p><w:p><w:r><w:t>B</w:t></w:r></w:p>`)},
			"First", "First\nline two\n\nB"},
		{"empty dc:title",
			[]string{"word/document.xml", body(`<w:p><w:r><w:t>Text</w:t></w:r></w:p>`),
				"docProps/core.xml", `<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title></dc:title></cp:coreProperties>`},
			"Text", "Text"},
		{"parts named by _rels/.rels",
			[]string{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="props/core.xml"/></Relationships>`,
				"word/document2.xml", body(`<w:p><w:r><w:t>Other part</w:t></w:r></w:p>`),
				"props/core.xml", `<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title> A   title </dc:title></cp:coreProperties>`},
			"A title", "Other part"},
		{"strict namespace", []string{"word/document.xml", strict}, "Strict text", "Strict text"},
		{"tabs, hyphens and CR",
			[]string{"word/document.xml", body(`<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:noBreakHyphen/><w:t>c</w:t><w:cr/><w:t>d&#13;e</w:t></w:r></w:p>`)},
			"a b‑c", "a\tb‑c\nd\ne"},
		{"other namespaces' p and t are not text",
			[]string{"word/document.xml", body(`<w:p><w:r><w:t>kept</w:t></w:r><x:t xmlns:x="urn:x">dropped</x:t></w:p><a:p xmlns:a="urn:a"><a:t>dropped</a:t></a:p>`)},
			"kept", "kept"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := ReadFile("x.docx", makeDOCX(t, tt.parts...))
			if err != nil {
				t.Fatal(err)
			}
			d := recs[0].Document
			if d.Title != tt.title || d.Text != tt.text {
				t.Errorf("title %q text %q, want %q %q", d.Title, d.Text, tt.title, tt.text)
			}
		})
	}
}

func TestReadDOCXErrors(t *testing.T) {
	good, err := os.ReadFile("testdata/article.docx")
	if err != nil {
		t.Fatal(err)
	}
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range DefaultMaxText>>20 + 1 {
		if _, err := w.Write(zeros); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	// A header that understates the size: archive/zip stops at it.
	liar := makeDOCX(t, "word/document.xml", body(`<w:p><w:r><w:t>`+strings.Repeat("x", 4000)+`</w:t></w:r></w:p>`))
	i := bytes.LastIndex(liar, []byte("PK\x01\x02")) // the central directory header
	copy(liar[i+24:i+28], []byte{10, 0, 0, 0})       // uncompressed size: 10
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("plain text, not a zip"), "bad.docx: not a Word .docx file (not a zip archive: zip: not a valid zip file)"},
		{"OLE file", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...), "bad.docx: an OLE compound file, not a zip archive: a Word 97-2003 .doc or a password-protected .docx; save it in Word as .docx without a password"},
		{"truncated", good[:len(good)/2], "bad.docx: not a Word .docx file (not a zip archive: zip: not a valid zip file)"},
		{"no document.xml", makeDOCX(t, "xl/workbook.xml", "<workbook/>"), "bad.docx: not a Word .docx file (it has no word/document.xml)"},
		{"zip bomb", bomb.Bytes(), "bad.docx: word/document.xml unpacks to more than 64 MiB: refused (import -max-text raises the limit)"},
		{"lying header", liar, "bad.docx: damaged Word file: word/document.xml: zip: not a valid zip file"},
		{"bad XML", makeDOCX(t, "word/document.xml", body(`<w:p><w:r><w:t>a</w:r></w:p>`)), "bad.docx: damaged Word file: word/document.xml: XML syntax error on line 1: element <t> closed by </r>"},
		{"no text", makeDOCX(t, "word/document.xml", body(`<w:p/><w:p><w:r><w:delText>gone</w:delText></w:r></w:p>`)), "bad.docx: the document has no text"},
		{"bad core.xml", makeDOCX(t, "word/document.xml", body(`<w:p><w:r><w:t>a</w:t></w:r></w:p>`), "docProps/core.xml", "<a><b></a>"), "bad.docx: damaged Word file: docProps/core.xml: XML syntax error on line 1: element <b> closed by </a>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := ReadFile("bad.docx", tt.data)
			var le *annotate.LineError
			if !errors.As(err, &le) || le.File != "bad.docx" || le.Line != 0 || len(recs) != 0 {
				t.Fatalf("%d records, err = %v, want a LineError for bad.docx", len(recs), err)
			}
			if err.Error() != tt.want {
				t.Errorf("err = %q\nwant  %q", err, tt.want)
			}
			if annotate.ErrorCode(err) != annotate.EINVALID {
				t.Errorf("code %q", annotate.ErrorCode(err))
			}
		})
	}
}

// FuzzDOCX: the reader of Word files never panics, and what it returns is
// a document with text, a title and a source, or a LineError naming the
// file. Each input is read twice: as a whole .docx file, and zipped as the
// word/document.xml of one, which takes the fuzzer into the XML.
func FuzzDOCX(f *testing.F) {
	good, err := os.ReadFile("testdata/article.docx")
	if err != nil {
		f.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		f.Fatal(err)
	}
	var docXML []byte
	if err := readZipPart(zipFile(zr, docxMainPart), DefaultLimits(), func(r io.Reader) error {
		docXML, err = io.ReadAll(r)
		return err
	}); err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(docXML)
	f.Add([]byte(body(`<w:p><w:r><w:t>a</w:t><w:tab/><w:br/></w:r><w:p><w:r><w:t>nested</w:t></w:r></w:p></w:p>`)))
	f.Add(makeDOCX(f, "_rels/.rels", `<Relationships><Relationship Type="/officeDocument" Target="../../x"/></Relationships>`, "x", body(`<w:p><w:r><w:t>x</w:t></w:r></w:p>`)))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDOCX(t, data)
		checkDOCX(t, makeDOCX(t, "word/document.xml", string(data)))
	})
}

// checkDOCX checks what ReadFile makes of data as a .docx file.
func checkDOCX(t *testing.T, data []byte) {
	t.Helper()
	recs, err := ReadFile("fuzz.docx", data)
	if err != nil {
		var le *annotate.LineError
		if !errors.As(err, &le) || le.File != "fuzz.docx" || len(recs) != 0 {
			t.Fatalf("%d records, error %v does not name the file", len(recs), err)
		}
		return
	}
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	d := recs[0].Document
	if strings.TrimSpace(d.Text) == "" || d.Title == "" || d.Source != "fuzz.docx" || annotate.RuneCount(d.Title) > maxTitle {
		t.Fatalf("document %+v", d)
	}
	if _, err := DecodeJSONLine(mustLine(t, recs[0])); err != nil {
		t.Fatalf("the record cannot be exported and read back: %v", err)
	}
}
