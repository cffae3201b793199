package format

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"claimdesk/annotate"
)

// StreamImporter is an Importer that also takes the records of a file one
// at a time, whole or not at all, holding a bounded number of them in
// memory (*store.Store's ImportStream). ImportFile streams into one.
type StreamImporter interface {
	Importer
	ImportStream(next func() (annotate.Record, error), annotator string) (annotate.ImportResult, error)
}

// importFileStream is ImportFile into a StreamImporter: the file's reader
// hands its records to dst one at a time, and only their line numbers are
// kept. Its results and errors are ImportFile's.
func importFileStream(ctx context.Context, dst StreamImporter, path, annotator string, progress func(done, total int64)) (annotate.ImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return annotate.ImportResult{}, openError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return annotate.ImportResult{}, openError(path, err)
	}
	if info.IsDir() {
		return annotate.ImportResult{}, &FolderError{Path: path}
	}
	format, err := ForFile(path)
	if err != nil {
		return annotate.ImportResult{}, err
	}
	cr := &countingReader{r: f, total: info.Size(), progress: progress}
	r := format.NewReader(cr, path)
	var lines []int
	var readErr error // an error of the file, returned as it is
	next := func() (annotate.Record, error) {
		if err := ctx.Err(); err != nil {
			readErr = fmt.Errorf("import %s: %w", path, err)
			return annotate.Record{}, readErr
		}
		rec, err := r.Next()
		if err == io.EOF {
			if progress != nil {
				progress(cr.n, max(cr.total, cr.n))
			}
			return rec, io.EOF
		}
		if err != nil {
			readErr = err
			return rec, err
		}
		lines = append(lines, r.Line())
		return rec, nil
	}
	res, err := dst.ImportStream(next, annotator)
	if readErr != nil && errors.Is(err, readErr) {
		return annotate.ImportResult{}, readErr
	}
	var re *annotate.RecordError
	if errors.As(err, &re) && re.Index >= 0 && re.Index < len(lines) {
		return res, &annotate.LineError{File: path, Line: lines[re.Index], Err: re.Err}
	}
	if err != nil {
		return res, fmt.Errorf("import %s: %w", path, err)
	}
	if n, ok := r.(Noticer); ok {
		res.Notices = append(res.Notices, n.Notices()...)
	}
	return res, nil
}
