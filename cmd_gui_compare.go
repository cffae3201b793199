package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/app"
	"claimdesk/store"
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

// openSource reads a colleague's annotations for the window's review: a
// Claimdesk project file, opened read-only (a checked snapshot copy when
// another program holds it), so that neither its bytes nor its
// modification time change; or an export in any format import reads. The
// texts are dropped once their SHA-256 is known: documents are matched by
// id, else by text.
func openSource(path string) (app.Source, error) {
	src := app.Source{Path: path}
	keep := func(rec annotate.Record) error {
		if rec.Document.SHA256 == "" {
			rec.Document.SHA256 = annotate.TextSHA256(rec.Document.Text)
		}
		rec.Document.Text = ""
		src.Records = append(src.Records, rec)
		return nil
	}
	if strings.EqualFold(filepath.Ext(path), ".claimdesk") {
		st, err := store.Open(path, store.Options{ReadOnly: true})
		if annotate.ErrorCode(err) == annotate.ELOCKED {
			st, err = store.OpenSnapshot(path)
		}
		if err != nil {
			return src, err
		}
		defer st.Close()
		if err := st.ForEachRecord(keep); err != nil {
			return src, fmt.Errorf("read %s: %w", path, err)
		}
	} else {
		if err := format.CheckFile(path); err != nil {
			return src, err
		}
		f, err := os.Open(path)
		if err != nil {
			return src, fmt.Errorf("read %s: %w", path, err)
		}
		defer f.Close()
		ff, err := format.ForFile(path)
		if err != nil {
			return src, err
		}
		r := ff.NewReader(f, path)
		for {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return src, err
			}
			keep(rec)
		}
	}
	src.Name = sourceName(path, src.Records)
	return src, nil
}

// sourceName names a colleague's source: its spans' one annotator, else
// the file's name without its extension.
func sourceName(path string, recs []annotate.Record) string {
	name := ""
	for _, rec := range recs {
		for _, sp := range rec.Spans {
			switch {
			case sp.Annotator == "":
			case name == "":
				name = sp.Annotator
			case name != sp.Annotator:
				return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
			}
		}
	}
	if name == "" {
		return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	return name
}
