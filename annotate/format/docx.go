package format

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"claimdesk/annotate"
)

// XML namespaces of a .docx file's parts.
const (
	nsWordML       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWordMLStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main" // Strict Open XML
	nsMarkupCompat = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsDublinCore   = "http://purl.org/dc/elements/1.1/"
)

// Default part names of a .docx file, used when its _rels/.rels does not
// name others.
const (
	docxMainPart = "word/document.xml"
	docxCorePart = "docProps/core.xml"
)

// oleMagic starts an OLE compound file: a Word 97-2003 document, or an
// encrypted (password-protected) .docx.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// newDOCXReader returns the Reader of a .docx Word file: one record.
func newDOCXReader(r io.Reader, name string) Reader {
	return &wholeFile{r: r, name: name, decode: func(name string, data []byte, l Limits) (annotate.Record, []string, error) {
		rec, err := readDOCX(name, data, l)
		return rec, nil, err
	}}
}

// readDOCX makes the record of a Word file (Office Open XML, .docx): the
// text of the paragraphs of its main document part (word/document.xml,
// or the part its _rels/.rels names), table cells' included, separated by
// blank lines, each trimmed, empty ones left out. Inside a paragraph the
// text of its w:t elements is kept, a w:tab is a tab and a w:br or w:cr a
// line break; deleted text of tracked changes, field codes and the
// fallback copies of markup-compatibility blocks are left out. The title
// is the dc:title of docProps/core.xml when it has one, else the first
// line of the text; the source is the file's base name.
//
// A file holds one record, even when it is a newspaper database's export
// of several articles: no mark in the file separates them reliably.
//
// A file that is not a zip archive (an old .doc or an encrypted .docx, both
// OLE compound files, are told apart), has no main document part, is
// damaged or has a part that unpacks to more than l.Text bytes (64 MiB by
// default) is an EINVALID error, and so is a part that nests elements
// deeper than l.Depth, has more than l.WordElements elements or a tag
// longer than MaxXMLTag (a *LimitError).
func readDOCX(name string, data []byte, l Limits) (annotate.Record, error) {
	if bytes.HasPrefix(data, oleMagic) {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID,
			"an OLE compound file, not a zip archive: a Word 97-2003 .doc or a password-protected .docx; save it in Word as .docx without a password")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "not a Word .docx file (not a zip archive: %v)", err)
	}
	mainPart, corePart := docxPartNames(zr, l)
	f := zipFile(zr, mainPart)
	if f == nil {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "not a Word .docx file (it has no %s)", mainPart)
	}
	var paras []string
	err = readZipPart(f, l, func(r io.Reader) error {
		var err error
		paras, err = docxParagraphs(newXMLReader(r, f.Name, l))
		return err
	})
	if err != nil {
		return annotate.Record{}, err
	}
	text := strings.Join(paras, "\n\n")
	if text == "" {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "the document has no text")
	}
	title := ""
	if f := zipFile(zr, corePart); f != nil {
		err := readZipPart(f, l, func(r io.Reader) error {
			var err error
			title, err = docxTitle(newXMLReader(r, f.Name, l))
			return err
		})
		if err != nil {
			return annotate.Record{}, err
		}
	}
	title = cutTitle(title)
	if title == "" {
		title = annotate.DocumentTitle(text) // the rule of a document without a title
	}
	if title == "" {
		title = stem(name)
	}
	d := annotate.Document{Title: title, Source: baseName(name), Text: text, Status: annotate.StatusTodo}
	return annotate.Record{Document: d}, nil
}

// docxPartNames returns the names of the main document part and of the
// core properties part of the package zr: those its _rels/.rels names,
// else the usual ones.
func docxPartNames(zr *zip.Reader, l Limits) (mainPart, corePart string) {
	mainPart, corePart = docxMainPart, docxCorePart
	f := zipFile(zr, "_rels/.rels")
	if f == nil {
		return mainPart, corePart
	}
	type rel struct{ typ, target string }
	var rels []rel
	err := readZipPart(f, l, func(r io.Reader) error {
		d := newXMLReader(r, f.Name, l)
		for {
			tok, err := d.Token()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "Relationship" {
				var x rel
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "Type":
						x.typ = a.Value
					case "Target":
						x.target = a.Value
					}
				}
				rels = append(rels, x)
			}
		}
	})
	if err != nil {
		return mainPart, corePart // the usual names, which most files use
	}
	for _, rel := range rels {
		target := strings.TrimPrefix(path.Clean("/"+rel.target), "/")
		switch {
		case target == "":
		case strings.HasSuffix(rel.typ, "/officeDocument"):
			mainPart = target
		case strings.HasSuffix(rel.typ, "/metadata/core-properties"):
			corePart = target
		}
	}
	return mainPart, corePart
}

// zipFile returns the file of zr named name, or nil.
func zipFile(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// readZipPart calls read with the unpacked bytes of f. A part whose
// header says it unpacks to more than l.Text bytes is a LimitError, read
// not at all; archive/zip refuses to unpack more than a header says
// (zip.ErrFormat), so that a lying header is a damaged part, an EINVALID
// error. A LimitError of read is returned as it is.
func readZipPart(f *zip.File, l Limits, read func(io.Reader) error) error {
	if f.UncompressedSize64 > uint64(l.Text) {
		return &LimitError{What: f.Name + " unpacks to more than", Limit: FormatSize(l.Text), Flag: "max-text"}
	}
	rc, err := f.Open()
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "damaged Word file: %s: %v", f.Name, err)
	}
	defer rc.Close()
	if err := read(rc); err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return err
		}
		return annotate.Errorf(annotate.EINVALID, "damaged Word file: %s: %v", f.Name, err)
	}
	return nil
}

// xmlReader gives the tokens of an XML part within the limits l: no more
// than l.WordElements elements, nested no deeper than l.Depth, each past
// one a LimitError; a tag longer than MaxXMLTag bytes is one too, refused
// before encoding/xml holds its attributes. encoding/xml keeps a stack entry per open element, so the
// depth bounds its memory too.
type xmlReader struct {
	d        *xml.Decoder
	part     string
	l        Limits
	depth    int
	elements int
}

func newXMLReader(r io.Reader, part string, l Limits) *xmlReader {
	return &xmlReader{d: xml.NewDecoder(&tagLimiter{r: r, part: part}), part: part, l: l}
}

// Token returns the next token, or a LimitError.
func (x *xmlReader) Token() (xml.Token, error) {
	tok, err := x.d.Token()
	if err != nil {
		return nil, err
	}
	switch tok.(type) {
	case xml.StartElement:
		x.depth++
		x.elements++
		if x.depth > x.l.Depth {
			return nil, depthLimitError(x.part, x.l.Depth, "max-depth")
		}
		if x.elements > x.l.WordElements {
			return nil, &LimitError{What: x.part + " has more elements than", Limit: fmt.Sprint(x.l.WordElements), Flag: "max-word-elements"}
		}
	case xml.EndElement:
		x.depth--
	}
	return tok, nil
}

// Skip reads tokens until the end of the element whose start it read last
// (xml.Decoder.Skip, within the limits).
func (x *xmlReader) Skip() error {
	for depth := 1; depth > 0; {
		tok, err := x.Token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// isWordML reports whether space is the namespace of WordprocessingML.
func isWordML(space string) bool {
	return space == nsWordML || space == nsWordMLStrict
}

// docxParagraphs streams the main document part of a Word file and returns
// the text of its paragraphs (readDOCX), the empty ones left out.
func docxParagraphs(d *xmlReader) ([]string, error) {
	var (
		paras []string
		open  []*strings.Builder // the paragraphs open, innermost last (a text box's inside another's)
		inT   bool
	)
	write := func(s string) {
		if len(open) > 0 {
			open[len(open)-1].WriteString(s)
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space == nsMarkupCompat && t.Name.Local == "Fallback" {
				// The same content as the mc:Choice before it, for older readers.
				if err := d.Skip(); err != nil {
					return nil, err
				}
				continue
			}
			if !isWordML(t.Name.Space) {
				continue
			}
			switch t.Name.Local {
			case "p":
				open = append(open, new(strings.Builder))
			case "t":
				inT = true
			case "tab", "ptab":
				write("\t")
			case "br", "cr":
				write("\n")
			case "noBreakHyphen":
				write("\u2011")
			case "pPr", "rPr", "sectPr", "del", "moveFrom", "delText", "instrText", "delInstrText":
				// Properties (a paragraph's tab stops are w:tab elements too),
				// deleted text and field codes: no text of the document.
				if err := d.Skip(); err != nil {
					return nil, err
				}
			}
		case xml.EndElement:
			if !isWordML(t.Name.Space) {
				continue
			}
			switch t.Name.Local {
			case "t":
				inT = false
			case "p":
				if len(open) == 0 {
					continue
				}
				p := open[len(open)-1].String()
				open = open[:len(open)-1]
				p = strings.ReplaceAll(p, "\r\n", "\n")
				p = strings.TrimSpace(strings.ReplaceAll(p, "\r", "\n"))
				if p != "" {
					paras = append(paras, p)
				}
			}
		case xml.CharData:
			if inT {
				write(string(t))
			}
		}
	}
	return paras, nil
}

// docxTitle returns the dc:title of the core properties part of a Word
// file, or "".
func docxTitle(d *xmlReader) (string, error) {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return "", nil
		}
		if err != nil {
			return "", err
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Space == nsDublinCore && t.Name.Local == "title" {
			var title strings.Builder
			for {
				tok, err := d.Token()
				if err != nil {
					return "", titleError(err)
				}
				switch t := tok.(type) {
				case xml.CharData:
					title.Write(t)
				case xml.StartElement:
					if err := d.Skip(); err != nil {
						return "", titleError(err)
					}
				case xml.EndElement:
					return title.String(), nil
				}
			}
		}
	}
}

// titleError is err of reading the dc:title: a LimitError as it is,
// another error said to be the title's.
func titleError(err error) error {
	var le *LimitError
	if errors.As(err, &le) {
		return err
	}
	return fmt.Errorf("read dc:title: %w", err)
}

// MaxXMLTag is the longest tag, in bytes, of a .docx part: encoding/xml
// holds all of a tag's attributes at once, so that one tag of millions of
// them would fill the memory. A Word tag is well under a kilobyte.
const MaxXMLTag = 1 << 20

// tagLimiter passes r's bytes on, failing with a LimitError at a tag
// (from a '<' to the '>' that ends it, outside quoted attribute values)
// longer than MaxXMLTag.
type tagLimiter struct {
	r     io.Reader
	part  string
	inTag bool
	quote byte // the quote of the attribute value the tag is in, or 0
	n     int  // the bytes of the tag so far
}

func (t *tagLimiter) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	for _, c := range p[:n] {
		if !t.inTag {
			if c == '<' {
				t.inTag, t.quote, t.n = true, 0, 0
			}
			continue
		}
		switch {
		case t.quote != 0:
			if c == t.quote {
				t.quote = 0
			}
		case c == '"' || c == '\'':
			t.quote = c
		case c == '>':
			t.inTag = false
			continue
		}
		t.n++
		if t.n > MaxXMLTag {
			return 0, &LimitError{What: t.part + " has a tag longer than", Limit: FormatSize(MaxXMLTag)}
		}
	}
	return n, err
}
