package format

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"claimdesk/annotate"
)

// Limits bound what the readers of an import take from one file, so that a
// hostile or damaged file cannot make an import run for ever or fill the
// memory: inside them, time and memory grow linearly with the input. A
// file past a limit is refused with a *LimitError that names the limit and
// the import flag that raises it. A limit of 0 or less is the default's.
type Limits struct {
	// Text is the most bytes of a file read whole (a .txt, .md, .html,
	// .docx or brat file), of a part a .docx unpacks to, and of the text of
	// one record (-max-text).
	Text int64
	// Line is the most bytes of one JSONL line or one Label Studio task
	// (-max-line).
	Line int64
	// Depth is the deepest nesting of the elements of an HTML page or of a
	// .docx part (-max-depth). The HTML parser itself takes no more than
	// MaxHTMLDepth.
	Depth int
	// Elements is the most elements of an HTML page, its comments counted
	// too: each is a node of the tree the page is read into
	// (-max-elements).
	Elements int
	// Attributes is the most attributes of the elements of an HTML page,
	// all together (-max-attributes).
	Attributes int
	// WordElements is the most elements of a part of a .docx file
	// (-max-word-elements). A part is streamed, not held as a tree: its
	// memory stays flat, and a tag is at most MaxXMLTag bytes.
	WordElements int
	// Spans is the most spans of one record (-max-spans).
	Spans int
	// Relations is the most relations of one record (-max-relations).
	Relations int
}

// Default limits (DefaultLimits).
const (
	DefaultMaxText         = 64 << 20
	DefaultMaxLine         = 128 << 20
	DefaultMaxDepth        = 512
	DefaultMaxElements     = 500_000
	DefaultMaxAttributes   = 1_000_000
	DefaultMaxWordElements = 5_000_000
	DefaultMaxSpans        = 100_000
	DefaultMaxRelations    = 100_000
)

// MaxHTMLDepth is the deepest nesting of elements golang.org/x/net/html
// parses: a deeper page is refused whatever Limits.Depth says, as web
// browsers' parsers refuse it.
const MaxHTMLDepth = 512

// DefaultLimits returns the limits of an import that sets none: 64 MiB of
// text, 128 MiB of a line, elements nested 512 deep, 500,000 elements and
// a million attributes of a page, 5 million elements of a Word part, and
// 100,000 spans and relations per record.
func DefaultLimits() Limits {
	return Limits{
		Text:         DefaultMaxText,
		Line:         DefaultMaxLine,
		Depth:        DefaultMaxDepth,
		Elements:     DefaultMaxElements,
		Attributes:   DefaultMaxAttributes,
		WordElements: DefaultMaxWordElements,
		Spans:        DefaultMaxSpans,
		Relations:    DefaultMaxRelations,
	}
}

// orDefault returns l with each limit of 0 or less replaced by the
// default's.
func (l Limits) orDefault() Limits {
	d := DefaultLimits()
	if l.Text <= 0 {
		l.Text = d.Text
	}
	if l.Line <= 0 {
		l.Line = d.Line
	}
	if l.Depth <= 0 {
		l.Depth = d.Depth
	}
	if l.Elements <= 0 {
		l.Elements = d.Elements
	}
	if l.Attributes <= 0 {
		l.Attributes = d.Attributes
	}
	if l.WordElements <= 0 {
		l.WordElements = d.WordElements
	}
	if l.Spans <= 0 {
		l.Spans = d.Spans
	}
	if l.Relations <= 0 {
		l.Relations = d.Relations
	}
	return l
}

type limitsKey struct{}

// WithLimits returns a context that makes ImportFile read with the limits
// l instead of DefaultLimits.
func WithLimits(ctx context.Context, l Limits) context.Context {
	return context.WithValue(ctx, limitsKey{}, l.orDefault())
}

// LimitsFrom returns the limits WithLimits put in ctx, else DefaultLimits.
func LimitsFrom(ctx context.Context) Limits {
	if l, ok := ctx.Value(limitsKey{}).(Limits); ok {
		return l
	}
	return DefaultLimits()
}

// LimitError is an input refused because it is past one of the Limits. It
// is an EINVALID error (annotate.ErrorCode).
type LimitError struct {
	// What says what is past the limit: "the text is longer than".
	What string
	// Limit is the limit, as the user gives it ("64 MiB", "512").
	Limit string
	// Flag is the import flag that raises the limit ("max-text"), "" when
	// none can.
	Flag string
}

// Error says what is past which limit and how to raise it: "the text is
// longer than 64 MiB: refused (import -max-text raises the limit)".
func (e *LimitError) Error() string {
	if e.Flag == "" {
		return fmt.Sprintf("%s %s: refused", e.What, e.Limit)
	}
	return fmt.Sprintf("%s %s: refused (import -%s raises the limit)", e.What, e.Limit, e.Flag)
}

// Unwrap makes the error an EINVALID *annotate.Error for ErrorCode.
func (e *LimitError) Unwrap() error { return annotate.Errorf(annotate.EINVALID, "%s", e.Error()) }

// FormatSize gives n bytes as the import flags take them: "64 MiB",
// "1.5 MiB", "512 KiB", "100 bytes".
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n == 1:
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

func textLimitError(what string, l Limits) *LimitError {
	return &LimitError{What: what + " is longer than", Limit: FormatSize(l.Text), Flag: "max-text"}
}

func depthLimitError(what string, depth int, flag string) *LimitError {
	return &LimitError{What: what + " nests elements deeper than", Limit: fmt.Sprint(depth), Flag: flag}
}

func elementsLimitError(what string, l Limits) *LimitError {
	return &LimitError{What: what + " has more elements than", Limit: fmt.Sprint(l.Elements), Flag: "max-elements"}
}

func attributesLimitError(what string, l Limits) *LimitError {
	return &LimitError{What: what + " has more attributes than", Limit: fmt.Sprint(l.Attributes), Flag: "max-attributes"}
}

// readAllLimited reads all of r, refusing more than l.Text bytes with a
// LimitError about what ("the file").
func readAllLimited(r io.Reader, l Limits, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, l.Text+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > l.Text {
		return nil, textLimitError(what, l)
	}
	return data, nil
}

// limitSetter is a Reader that takes limits before its first Next.
type limitSetter interface {
	setLimits(Limits)
}

// NewLimitedReader returns f's reader of the file name, whose bytes r
// gives, that reads within the limits l: each of its records is checked
// against them (its text, its spans and relations), and readers with
// limits of their own (a line's length, an HTML page's nesting) take l.
func NewLimitedReader(f Format, r io.Reader, name string, l Limits) Reader {
	l = l.orDefault()
	rd := f.NewReader(r, name)
	if s, ok := rd.(limitSetter); ok {
		s.setLimits(l)
	}
	return &limitedReader{r: rd, name: name, l: l}
}

// limitedReader checks each record of r against l.
type limitedReader struct {
	r    Reader
	name string
	l    Limits
}

// Next returns r's next record, or a LimitError naming the file and line
// when it is past a limit.
func (lr *limitedReader) Next() (annotate.Record, error) {
	rec, err := lr.r.Next()
	if err != nil {
		return rec, err
	}
	var le *LimitError
	switch {
	case int64(len(rec.Document.Text)) > lr.l.Text:
		le = textLimitError("the text", lr.l)
	case len(rec.Spans) > lr.l.Spans:
		le = &LimitError{What: fmt.Sprintf("the record has %d spans, more than", len(rec.Spans)), Limit: fmt.Sprint(lr.l.Spans), Flag: "max-spans"}
	case len(rec.Relations) > lr.l.Relations:
		le = &LimitError{What: fmt.Sprintf("the record has %d relations, more than", len(rec.Relations)), Limit: fmt.Sprint(lr.l.Relations), Flag: "max-relations"}
	}
	if le != nil {
		return annotate.Record{}, &annotate.LineError{File: lr.name, Line: lr.r.Line(), Err: le}
	}
	return rec, nil
}

// Line returns r's.
func (lr *limitedReader) Line() int { return lr.r.Line() }

// Notices returns r's, if it has any (Noticer).
func (lr *limitedReader) Notices() []string {
	if n, ok := lr.r.(Noticer); ok {
		return n.Notices()
	}
	return nil
}

// containerSlack is the number of JSON objects and lists a record may
// hold beyond those of its spans and relations: the record itself, its
// meta, its lists, a Label Studio task's data and annotations.
const containerSlack = 1000

// checkContainers refuses the JSON value b of one record (a JSONL line,
// a Label Studio task) when it holds more objects and lists than its
// spans and relations may make, so that such a record is refused before
// it is decoded, which takes some twenty times its bytes in memory. A
// span makes at most four (itself, its annotators, its entity and its
// concept in Claimdesk's lines; a Label Studio result, its value and its
// labels make three), a relation two; a spaCy/Prodigy line's "tokens",
// which import ignores, are not counted.
func checkContainers(b []byte, l Limits) error {
	max := 4*l.Spans + 2*l.Relations + containerSlack
	// Braces and brackets inside strings count here too: a bound, fast.
	if bytes.Count(b, []byte("{"))+bytes.Count(b, []byte("[")) <= max {
		return nil
	}
	if jsonContainers(b) <= max {
		return nil
	}
	return &LimitError{What: "the record has more spans and relations than", Limit: fmt.Sprint(l.Spans + l.Relations),
		Flag: "max-spans or -max-relations"}
}

// jsonContainers returns the number of objects and lists in the JSON
// text b (its '{' and '[' outside strings), leaving out the list of a
// top-level "tokens" key and what it holds.
func jsonContainers(b []byte) int {
	n, depth := 0, 0
	skip := 0 // the depth of the "tokens" list being skipped, or 0
	inString, escaped := false, false
	keyStart, keyEnd := 0, 0 // the last string at depth 1
	for i, c := range b {
		switch {
		case escaped:
			escaped = false
		case inString:
			switch c {
			case '\\':
				escaped = true
			case '"':
				inString = false
				if depth == 1 {
					keyEnd = i
				}
			}
		case c == '"':
			inString = true
			if depth == 1 {
				keyStart = i + 1
			}
		case c == '{' || c == '[':
			depth++
			switch {
			case skip > 0:
			case depth == 2 && c == '[' && bytes.EqualFold(b[keyStart:max(keyStart, keyEnd)], []byte("tokens")):
				skip = depth
			default:
				n++
			}
		case c == '}' || c == ']':
			if depth == skip {
				skip = 0
			}
			depth--
		case c == ',' && depth == 1:
			keyStart, keyEnd = 0, 0
		}
	}
	return n
}
