package format

import (
	"bytes"
	"claimdesk/annotate"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ImportExtensions lists the file extensions ReadFile accepts.
var ImportExtensions = []string{".txt", ".md", ".html", ".htm", ".jsonl"}

// maxTitle is the longest title, in code points, taken from a text.
const maxTitle = 120

// ReadFile turns one input file into records, by the extension of name:
//
//   - .txt and .md: one record whose text is the file's (NormalizeText:
//     byte order mark dropped, CRLF to LF; invalid UTF-8 is an error),
//     titled by its first non-empty line and sourced by the file's base name;
//   - .html and .htm: one record with the article's main text (without
//     navigation, comments and other boilerplate), paragraphs separated by
//     blank lines, its title, and its canonical URL as source if the page
//     gives one;
//   - .jsonl: ReadJSONL.
//
// Other extensions are an EINVALID error. Errors are *LineError values
// naming the file (Line 0 for a problem with the whole file).
func ReadFile(name string, data []byte) ([]annotate.Record, error) {
	var rec annotate.Record
	var err error
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".jsonl":
		return ReadJSONL(bytes.NewReader(data), name)
	case ".txt", ".md":
		rec, err = readText(name, data, ext == ".md")
	case ".html", ".htm":
		rec, err = readHTML(name, data)
	default:
		what := fmt.Sprintf("%q", ext)
		if ext == "" {
			what = "without an extension"
		}
		err = annotate.Errorf(annotate.EINVALID, "unsupported file type %s (supported: %s)", what, strings.Join(ImportExtensions, ", "))
	}
	if err != nil {
		return nil, &annotate.LineError{File: name, Err: err}
	}
	return []annotate.Record{rec}, nil
}

// baseName returns the file's name without directories.
func baseName(name string) string {
	return filepath.Base(filepath.ToSlash(name))
}

// stem returns the file's base name without its extension.
func stem(name string) string {
	b := baseName(name)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

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
			title = line
			break
		}
	}
	title = cutTitle(title)
	if title == "" {
		title = stem(name)
	}
	d := annotate.Document{Title: title, Source: baseName(name), Text: text, Status: annotate.StatusTodo}
	return annotate.Record{Document: d}, nil
}

// cutTitle collapses white space and cuts s to maxTitle code points.
func cutTitle(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxTitle {
		return s
	}
	i := 0
	for b := range s {
		if i == maxTitle {
			return strings.TrimSpace(s[:b])
		}
		i++
	}
	return s
}

func readHTML(name string, data []byte) (rec annotate.Record, err error) {
	defer func() {
		// go-readability is a third-party parser of arbitrary input:
		// a panic in it must not take the application down.
		if p := recover(); p != nil {
			rec, err = annotate.Record{}, annotate.Errorf(annotate.EINVALID, "cannot read the HTML page: %v", p)
		}
	}()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "cannot parse the HTML: %v", err)
	}
	pageURL := canonicalURL(doc)
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	var art readability.Article
	p := readability.NewParser()
	if utf8.Valid(data) {
		art, err = p.ParseAndMutate(doc, u)
	} else {
		// Not UTF-8: let go-readability detect the page's encoding.
		art, err = p.Parse(bytes.NewReader(data), u)
	}
	if err != nil {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "cannot find the article: %v", err)
	}
	if art.Node == nil {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "the page has no article text")
	}
	text := tidyText(render.InnerText(art.Node))
	if text == "" {
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "the page has no article text")
	}
	title := cutTitle(art.Title())
	if title == "" {
		title = cutTitle(firstLine(text))
	}
	if title == "" {
		title = stem(name)
	}
	d := annotate.Document{Title: title, Source: pageURL, Text: text, Status: annotate.StatusTodo}
	if d.Source == "" {
		d.Source = baseName(name)
	} else {
		setMeta(&d, "url", pageURL)
	}
	for k, v := range map[string]string{
		"byline":    art.Byline(),
		"site_name": art.SiteName(),
		"language":  art.Language(),
	} {
		if v = strings.Join(strings.Fields(v), " "); v != "" && utf8.ValidString(v) {
			setMeta(&d, k, v)
		}
	}
	if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
		setMeta(&d, "published", formatTime(t))
	}
	return annotate.Record{Document: d}, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// canonicalURL returns the page's <link rel=canonical> or og:url, if it
// is an absolute http(s) URL.
func canonicalURL(doc *html.Node) string {
	var canon, og string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if canon == "" && strings.EqualFold(attr(n, "rel"), "canonical") {
					canon = attr(n, "href")
				}
			case atom.Meta:
				if og == "" && attr(n, "property") == "og:url" {
					og = attr(n, "content")
				}
			case atom.Body:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, s := range []string{canon, og} {
		s = strings.TrimSpace(s)
		if u, err := url.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && utf8.ValidString(s) {
			return s
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

var (
	spaceRun   = regexp.MustCompile(`[ \t\f\v]{2,}|\t`)
	blankLines = regexp.MustCompile(`\n{3,}`)
)

// tidyText tidies the plain text of an article: runs of spaces inside a
// paragraph become one space, lines are trimmed, paragraphs are separated
// by exactly one blank line, and the text is trimmed.
func tidyText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r", "")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(spaceRun.ReplaceAllString(l, " "))
	}
	s = strings.Join(lines, "\n")
	s = blankLines.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}
