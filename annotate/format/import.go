package format

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"claimdesk/annotate"
)

// Importer stores the records of one file in one transaction, whole or
// not at all. *store.Store is one. An error caused by one of the records
// is an *annotate.RecordError giving its index.
type Importer interface {
	Import(records []annotate.Record, annotator string) (annotate.ImportResult, error)
}

// progressStep is the least number of bytes between two progress reports
// of ImportFile (with at most about a hundred reports per file).
const progressStep = 256 << 10

// ImportFile reads the file at path in the format of its extension and
// imports all its records into dst in one Import call; spans that arrive
// without an annotator get annotator. It is the one import path of the CLI
// and the GUI.
//
// The file is streamed: a JSONL file is read a line at a time. progress,
// when not nil, is called with the bytes read so far and the file's size,
// at most about every 1% of the file (and 256 KiB), and once when the whole
// file is read. ctx is checked between records: when it is done, ImportFile
// stops and imports nothing.
//
// Errors name the file: a missing file is "PATH: no such file", a folder
// is a *FolderError, a problem in the file or with one of its records is an
// *annotate.LineError giving the record's line (0 for formats whose file is
// one record).
func ImportFile(ctx context.Context, dst Importer, path, annotator string, progress func(done, total int64)) (annotate.ImportResult, error) {
	if s, ok := dst.(StreamImporter); ok {
		return importFileStream(ctx, s, path, annotator, progress) // memory bounded by a batch
	}
	recs, lines, notices, err := readRecords(ctx, path, progress)
	if err != nil {
		return annotate.ImportResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return annotate.ImportResult{}, fmt.Errorf("import %s: %w", path, err)
	}
	res, err := dst.Import(recs, annotator)
	var re *annotate.RecordError
	if errors.As(err, &re) && re.Index >= 0 && re.Index < len(lines) {
		return res, &annotate.LineError{File: path, Line: lines[re.Index], Err: re.Err}
	}
	if err != nil {
		return res, fmt.Errorf("import %s: %w", path, err)
	}
	res.Notices = append(res.Notices, notices...)
	return res, nil
}

// CheckFile returns the error ImportFile gives for the file at path before
// reading any of it (a missing file, a folder, a type no format reads), or
// nil.
func CheckFile(path string) error {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return openError(path, err)
	case info.IsDir():
		return &FolderError{Path: path}
	}
	_, err = ForFile(path)
	return err
}

// readRecords reads every record of the file at path, and the line each
// came from, and the reader's notices (Noticer).
func readRecords(ctx context.Context, path string, progress func(done, total int64)) (_ []annotate.Record, _ []int, notices []string, _ error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, openError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, nil, openError(path, err)
	}
	if info.IsDir() {
		return nil, nil, nil, &FolderError{Path: path}
	}
	format, err := ForFile(path)
	if err != nil {
		return nil, nil, nil, err
	}
	cr := &countingReader{r: f, total: info.Size(), progress: progress}
	r := format.NewReader(cr, path)
	var recs []annotate.Record
	var lines []int
	for {
		if err := ctx.Err(); err != nil {
			return nil, nil, nil, fmt.Errorf("import %s: %w", path, err)
		}
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, nil, err
		}
		recs = append(recs, rec)
		lines = append(lines, r.Line())
	}
	if progress != nil {
		progress(cr.n, max(cr.total, cr.n))
	}
	if n, ok := r.(Noticer); ok {
		notices = n.Notices()
	}
	return recs, lines, notices, nil
}

// openError describes why the file at path cannot be read, naming it once.
func openError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &annotate.LineError{File: path, Err: annotate.Errorf(annotate.ENOTFOUND, "no such file")}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &annotate.LineError{File: path, Err: err}
}

// FolderError is the error of an import of a folder: import takes files.
type FolderError struct {
	Path string // the folder, as the caller named it
}

// Error implements the error interface: "PATH is a folder: import takes
// files (.txt, …)".
func (e *FolderError) Error() string {
	return fmt.Sprintf("%s is a folder: import takes files (%s)", e.Path, strings.Join(ImportExtensions(), ", "))
}

// Unwrap returns the error as an EINVALID *annotate.Error, so that
// annotate.ErrorCode classifies it as a mistake in the input.
func (e *FolderError) Unwrap() error {
	return annotate.Errorf(annotate.EINVALID, "%s", e.Error())
}

// countingReader counts the bytes read through it and reports them to
// progress, at most every 1% of total and progressStep bytes.
type countingReader struct {
	r        io.Reader
	n, last  int64
	total    int64
	progress func(done, total int64)
}

// Read reads from the underlying reader, counting and reporting.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.progress != nil && c.n-c.last >= max(c.total/100, progressStep) {
		c.last = c.n
		c.progress(c.n, max(c.total, c.n))
	}
	return n, err
}
