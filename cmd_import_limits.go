package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"claimdesk/annotate/format"
)

// importLimitsHelp is the paragraph of import -h about the readers'
// limits (format.Limits).
const importLimitsHelp = `Every reader is bounded, so that a hostile or damaged file cannot hang the
import or fill the memory: a file read whole (text, HTML, Word, brat) and
the text of one record at most 64 MiB (-max-text), a JSONL line or Label
Studio task at most 128 MiB (-max-line), HTML and Word elements nested at
most 512 deep (-max-depth; HTML never deeper than 512), at most 500,000
elements (-max-elements) with a million attributes (-max-attributes) in a
page and 5 million (-max-word-elements) in a Word part, at most 100,000
spans (-max-spans) and 100,000 relations (-max-relations) per record. A
file past one is refused with a message naming the limit. Only regular
files are read: a named pipe, a device or a socket is refused, and a
folder's symbolic links are followed only to files inside the folder (the
others are skipped, with a note).`

// sizeFlag is a flag.Value of a number of bytes: "64MiB", "64M", "512KiB",
// "1GiB" or a plain number of bytes. K, M and G count in 1024s.
type sizeFlag struct{ n *int64 }

func (s sizeFlag) String() string {
	if s.n == nil {
		return ""
	}
	return strings.ReplaceAll(format.FormatSize(*s.n), " ", "")
}

func (s sizeFlag) Set(v string) error {
	t := strings.TrimSpace(v)
	mult := int64(1)
	upper := strings.ToUpper(t)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(upper, u.suffix) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return fmt.Errorf("want a size such as 64MiB, 512KiB or 1GiB, not %q", v)
	}
	*s.n = n * mult
	return nil
}

// positiveInt is a flag.Value of a count above 0.
type positiveInt struct{ n *int }

func (p positiveInt) String() string {
	if p.n == nil {
		return ""
	}
	return strconv.Itoa(*p.n)
}

func (p positiveInt) Set(v string) error {
	n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(v), "_", ""))
	if err != nil || n <= 0 {
		return fmt.Errorf("want a whole number above 0, not %q", v)
	}
	*p.n = n
	return nil
}

// limitFlags adds import's -max-* flags to fs and returns the limits they
// set (format.DefaultLimits for those not given).
func limitFlags(fs *flag.FlagSet) *format.Limits {
	l := format.DefaultLimits()
	fs.Var(sizeFlag{&l.Text}, "max-text", "the most bytes, as a `size` (64MiB, 512KiB), of a file read whole (.txt, .md, .html, .docx, brat) and of one record's text")
	fs.Var(sizeFlag{&l.Line}, "max-line", "the most bytes, as a `size`, of one JSONL line or one Label Studio task")
	fs.Var(positiveInt{&l.Depth}, "max-depth", fmt.Sprintf("the deepest nesting, `n` levels, of HTML or Word elements (HTML: %d at most)", format.MaxHTMLDepth))
	fs.Var(positiveInt{&l.Elements}, "max-elements", "the most elements, `n`, of an HTML page (comments counted)")
	fs.Var(positiveInt{&l.Attributes}, "max-attributes", "the most attributes, `n`, of all the elements of an HTML page")
	fs.Var(positiveInt{&l.WordElements}, "max-word-elements", "the most elements, `n`, of a part of a Word document")
	fs.Var(positiveInt{&l.Spans}, "max-spans", "the most spans, `n`, of one record")
	fs.Var(positiveInt{&l.Relations}, "max-relations", "the most relations, `n`, of one record")
	return &l
}
