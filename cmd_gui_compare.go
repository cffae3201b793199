package main

import (
	"strings"

	"claimdesk/annotate"
	"claimdesk/app"
)

// stringList is a flag that may be given several times.
type stringList []string

// String implements flag.Value.
func (l *stringList) String() string { return strings.Join(*l, ", ") }

// Set implements flag.Value: each use adds one value.
func (l *stringList) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// openCompareSource reads a colleague's annotations for the window's
// review, through the same sources as agree and merge (a project read-only
// or from a checked snapshot, or an export). The texts are dropped once
// their SHA-256 is known: documents are matched by id, else by text.
func openCompareSource(path string) (app.Source, error) {
	out := app.Source{Path: path}
	src, err := openSource(path)
	if err != nil {
		return out, err
	}
	defer src.Close()
	err = src.forEach(func(rec annotate.Record) error {
		if rec.Document.SHA256 == "" {
			rec.Document.SHA256 = annotate.TextSHA256(rec.Document.Text)
		}
		rec.Document.Text = ""
		out.Records = append(out.Records, rec)
		return nil
	})
	if err != nil {
		return out, err
	}
	out.Name, err = colleagueName(src, path)
	return out, err
}
