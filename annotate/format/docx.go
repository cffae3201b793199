package format

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"

	"claimdesk/annotate"
)

// maxDOCXPart is the most bytes a part of a .docx file (its document.xml,
// its core.xml) may unpack to. A Word file's text is far smaller; more is a
// zip bomb or a damaged file, refused before it fills the memory.
const maxDOCXPart = 64 << 20

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
	return &wholeFile{r: r, name: name, decode: func(name string, data []byte) (annotate.Record, []string, error) {
		rec, err := readDOCX(name, data)
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
// damaged or has a part that unpacks to more than 64 MiB is an EINVALID
// error.
func readDOCX(name string, data []byte) (annotate.Record, error) {
	if bytes.HasPrefix(data, oleMagic) {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID,
			"an OLE compound file, not a zip archive: a Word 97-2003 .doc or a password-protected .docx; save it in Word as .docx without a password")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "not a Word .docx file (not a zip archive: %v)", err)
	}
	mainPart, corePart := docxPartNames(zr)
	f := zipFile(zr, mainPart)
	if f == nil {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "not a Word .docx file (it has no %s)", mainPart)
	}
	var paras []string
	err = readZipPart(f, func(r io.Reader) error {
		var err error
		paras, err = docxParagraphs(r)
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
		err := readZipPart(f, func(r io.Reader) error {
			var err error
			title, err = docxTitle(r)
			return err
		})
		if err != nil {
			return annotate.Record{}, err
		}
	}
	title = cutTitle(title)
	if title == "" {
		title = cutTitle(firstLine(text))
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
func docxPartNames(zr *zip.Reader) (mainPart, corePart string) {
	mainPart, corePart = docxMainPart, docxCorePart
	f := zipFile(zr, "_rels/.rels")
	if f == nil {
		return mainPart, corePart
	}
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	err := readZipPart(f, func(r io.Reader) error { return xml.NewDecoder(r).Decode(&rels) })
	if err != nil {
		return mainPart, corePart // the usual names, which most files use
	}
	for _, rel := range rels.Rel {
		target := strings.TrimPrefix(path.Clean("/"+rel.Target), "/")
		switch {
		case target == "":
		case strings.HasSuffix(rel.Type, "/officeDocument"):
			mainPart = target
		case strings.HasSuffix(rel.Type, "/metadata/core-properties"):
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
// header says it unpacks to more than maxDOCXPart bytes is an EINVALID
// error, read not at all; archive/zip refuses to unpack more than a header
// says (zip.ErrFormat), so that a lying header is a damaged part, an
// EINVALID error too.
func readZipPart(f *zip.File, read func(io.Reader) error) error {
	if f.UncompressedSize64 > maxDOCXPart {
		return annotate.Errorf(annotate.EINVALID, "%s unpacks to more than %d MiB: refused as a zip bomb or a damaged file", f.Name, maxDOCXPart>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "damaged Word file: %s: %v", f.Name, err)
	}
	defer rc.Close()
	if err := read(rc); err != nil {
		return annotate.Errorf(annotate.EINVALID, "damaged Word file: %s: %v", f.Name, err)
	}
	return nil
}

// isWordML reports whether space is the namespace of WordprocessingML.
func isWordML(space string) bool {
	return space == nsWordML || space == nsWordMLStrict
}

// docxParagraphs streams the main document part of a Word file and returns
// the text of its paragraphs (readDOCX), the empty ones left out.
func docxParagraphs(r io.Reader) ([]string, error) {
	d := xml.NewDecoder(r)
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
func docxTitle(r io.Reader) (string, error) {
	d := xml.NewDecoder(r)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return "", nil
		}
		if err != nil {
			return "", err
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Space == nsDublinCore && t.Name.Local == "title" {
			var title string
			if err := d.DecodeElement(&title, &t); err != nil {
				return "", fmt.Errorf("read dc:title: %w", err)
			}
			return title, nil
		}
	}
}
