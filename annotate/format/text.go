package format

import (
	"io"
	"path/filepath"
	"strings"
	"unicode"

	"claimdesk/annotate"
)

// newTextReader returns the Reader of a .txt or .md file: one record.
func newTextReader(r io.Reader, name string) Reader {
	return &wholeFile{r: r, name: name, decode: func(name string, data []byte, _ Limits) (annotate.Record, []string, error) {
		data, enc, err := decodeText(name, data)
		if err != nil {
			return annotate.Record{}, nil, err
		}
		rec, err := readText(name, data, strings.EqualFold(filepath.Ext(name), ".md"))
		if err != nil || enc == "" {
			return rec, nil, err
		}
		return rec, []string{convertedNotice(name, enc)}, nil
	}}
}

// maxTitle is the longest title, in code points, kept of a file's own
// title (an HTML page's, a Word file's); one taken from the text is
// annotate.DocumentTitle's, shorter.
const maxTitle = 120

// baseName returns the file's name without directories.
func baseName(name string) string {
	return filepath.Base(filepath.ToSlash(name))
}

// stem returns the file's base name without its extension.
func stem(name string) string {
	b := baseName(name)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// readText makes the record of a text file: its text normalised
// (annotate.NormalizeText), titled by the first words of its first
// non-empty line (without a Markdown heading's #s; annotate.DocumentTitle)
// and sourced by the file's base name.
func readText(name string, data []byte, markdown bool) (annotate.Record, error) {
	text, err := annotate.NormalizeText(data)
	if err != nil {
		return annotate.Record{}, err
	}
	if strings.TrimSpace(text) == "" {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "the file has no text")
	}
	title := ""
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if markdown {
			line = strings.TrimSpace(strings.TrimLeft(line, "#"))
		}
		if line != "" {
			title = annotate.DocumentTitle(line) // the rule of a document without a title
			break
		}
	}
	if title == "" {
		title = stem(name)
	}
	d := annotate.Document{Title: title, Source: baseName(name), Text: text, Status: annotate.StatusTodo}
	return annotate.Record{Document: d}, nil
}

// cutTitle collapses white space and cuts s to maxTitle code points. It
// reads no more of s than the title needs: s may be a long text.
func cutTitle(s string) string {
	var b strings.Builder
	n := 0
	space := false // white space since the last character written
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			if n == maxTitle {
				break
			}
			b.WriteByte(' ')
			n++
			space = false
		}
		if n == maxTitle {
			break
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimSpace(b.String())
}
