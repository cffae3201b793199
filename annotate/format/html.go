package format

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	"claimdesk/annotate"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// newHTMLReader returns the Reader of an .html or .htm page: one record.
func newHTMLReader(r io.Reader, name string) Reader {
	return &wholeFile{r: r, name: name, decode: func(name string, data []byte, l Limits) (annotate.Record, []string, error) {
		data, enc, err := decodeHTML(name, data)
		if err != nil {
			return annotate.Record{}, nil, err
		}
		rec, err := readHTML(name, data, l)
		if err != nil || enc == "" {
			return rec, nil, err
		}
		return rec, []string{convertedNotice(name, enc)}, nil
	}}
}

// readHTML makes the record of an HTML page, data in UTF-8 (decodeHTML):
// the text of its article, found by go-readability, its title, and its
// canonical URL as source (else the file's base name).
//
// A page with more elements (or comments) than l.Elements, or more
// attributes than l.Attributes, is refused before it is parsed, and one that nests them deeper than l.Depth (or MaxHTMLDepth,
// the parser's own limit) once it is: go-readability's work grows with
// the number of elements times their depth.
func readHTML(name string, data []byte, l Limits) (rec annotate.Record, err error) {
	defer func() {
		// go-readability is a third-party parser of arbitrary input:
		// a panic in it must not take the application down.
		if p := recover(); p != nil {
			rec, err = annotate.Record{}, annotate.Errorf(annotate.EINVALID, "cannot read the HTML page: %v", p)
		}
	}()
	switch elements, attrs := countHTMLNodes(data, l); {
	case elements > l.Elements:
		return annotate.Record{}, elementsLimitError("the page", l)
	case attrs > l.Attributes:
		return annotate.Record{}, attributesLimitError("the page", l)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		if strings.Contains(err.Error(), "open stack of elements exceeds") {
			if l.Depth < MaxHTMLDepth {
				return annotate.Record{}, depthLimitError("the page", l.Depth, "max-depth")
			}
			return annotate.Record{}, &LimitError{What: "the page nests elements deeper than",
				Limit: fmt.Sprintf("%d, the most the HTML parser takes", MaxHTMLDepth)}
		}
		return annotate.Record{}, annotate.Errorf(annotate.EINVALID, "cannot parse the HTML: %v", err)
	}
	data = nil // the tree holds the page now
	if htmlDepth(doc) > l.Depth {
		return annotate.Record{}, depthLimitError("the page", l.Depth, "max-depth")
	}
	pageURL := canonicalURL(doc)
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	p := readability.NewParser()
	art, err := p.ParseAndMutate(doc, u)
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
		title = annotate.DocumentTitle(text) // the rule of a document without a title
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

// countHTMLNodes returns the number of start tags and comments of the
// page data, and of the attributes of its tags, without building a tree,
// counting no further than one past a limit of l.
func countHTMLNodes(data []byte, l Limits) (elements, attrs int) {
	z := html.NewTokenizer(bytes.NewReader(data))
	for elements <= l.Elements && attrs <= l.Attributes {
		switch z.Next() {
		case html.ErrorToken:
			return elements, attrs
		case html.StartTagToken, html.SelfClosingTagToken:
			elements++
			for _, more := z.TagName(); more; {
				_, _, more = z.TagAttr()
				attrs++
			}
		case html.CommentToken:
			elements++
		}
	}
	return elements, attrs
}

// htmlDepth returns the depth of the deepest element of the tree under
// doc, walking it without recursion.
func htmlDepth(doc *html.Node) int {
	deepest, depth := 0, 0
	n := doc
	for {
		if n.FirstChild != nil {
			n = n.FirstChild
			depth++
		} else {
			for n != doc && n.NextSibling == nil {
				n = n.Parent
				depth--
			}
			if n == doc {
				return deepest
			}
			n = n.NextSibling
		}
		if n.Type == html.ElementNode {
			deepest = max(deepest, depth)
		}
	}
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

// collapseSpaces returns line with each run of two or more spaces, tabs,
// form feeds or vertical tabs, and each lone tab, as one space. (A
// regular expression did this at a tenth of the speed, which told on
// pages of tens of megabytes.)
func collapseSpaces(line string) string {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\f' || c == '\v' }
	var b strings.Builder
	for i := 0; i < len(line); {
		c := line[i]
		if !isSpace(c) {
			j := i + 1
			for j < len(line) && !isSpace(line[j]) {
				j++
			}
			if i == 0 && j == len(line) {
				return line
			}
			b.WriteString(line[i:j])
			i = j
			continue
		}
		j := i + 1
		for j < len(line) && isSpace(line[j]) {
			j++
		}
		if j-i >= 2 || c == '\t' {
			b.WriteByte(' ')
		} else {
			b.WriteByte(c)
		}
		i = j
	}
	return b.String()
}

// tidyText tidies the plain text of an article: runs of spaces inside a
// paragraph become one space, lines are trimmed, paragraphs are separated
// by exactly one blank line, and the text is trimmed. Invalid UTF-8 becomes
// U+FFFD and carriage returns are dropped. It writes the result in one
// pass into one buffer of the text's size: a page of tens of megabytes
// makes no copies of it line by line.
func tidyText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	blank := false // an empty line since the last line written
	for line := range strings.SplitSeq(s, "\n") {
		if !utf8.ValidString(line) {
			line = strings.ToValidUTF8(line, "\uFFFD")
		}
		if strings.IndexByte(line, '\r') >= 0 {
			line = strings.ReplaceAll(line, "\r", "")
		}
		line = strings.TrimSpace(collapseSpaces(line))
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}
