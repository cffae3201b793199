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

// importStream is ImportFile of files (one file, or a folder's) into a
// StreamImporter. The files are read and parsed on a goroutine of their
// own, a batch of records ahead of dst, so that parsing and storing run at
// the same time; the records reach dst in order, and only the file and
// line of each are kept. Its results and errors are ImportFile's.
//
// record, when not nil, gives the files' imports for dst, a FileLog, to
// record (ImportStreamFiles).
func importStream(ctx context.Context, dst StreamImporter, path string, files []string, opts ImportOptions, record func() ([]annotate.FileImport, error)) (annotate.ImportResult, error) {
	annotator, progress := opts.Annotator, opts.Progress
	c := &progressCounter{progress: progress}
	if progress != nil {
		for _, f := range files {
			if info, err := os.Stat(f); err == nil {
				c.total += info.Size()
			}
		}
	}
	recs := make(chan parsedRecord, 1024) // about a batch of the store's: the next batch is parsed while one is stored
	stop := make(chan struct{})           // closed when dst wants no more records
	var notices []string                  // the readers', written by the reader goroutine before it closes recs
	go func() {
		defer close(recs)
		notices = readFiles(ctx, path, files, opts, c, recs, stop)
	}()
	defer func() {
		close(stop)
		for range recs { // let the reader goroutine end
		}
	}()
	var (
		recFiles []string
		lines    []int
		readErr  error // an error of a file, returned as it is
	)
	next := func() (annotate.Record, error) {
		pr, ok := <-recs
		if !ok {
			if progress != nil {
				progress(c.n, max(c.total, c.n))
			}
			return annotate.Record{}, io.EOF
		}
		if pr.err != nil {
			readErr = pr.err
			return annotate.Record{}, pr.err
		}
		recFiles = append(recFiles, pr.file)
		lines = append(lines, pr.line)
		return pr.rec, nil
	}
	var res annotate.ImportResult
	var err error
	if log, ok := dst.(FileLog); ok && record != nil {
		res, err = log.ImportStreamFiles(next, annotator, record)
	} else {
		res, err = dst.ImportStream(next, annotator)
	}
	if readErr != nil && errors.Is(err, readErr) {
		return annotate.ImportResult{}, readErr
	}
	var re *annotate.RecordError
	if errors.As(err, &re) && re.Index >= 0 && re.Index < len(lines) {
		return res, annotate.RecordLine(recFiles[re.Index], lines[re.Index], re.Err)
	}
	if err != nil {
		return res, fmt.Errorf("import %s: %w", path, err)
	}
	res.Notices = append(res.Notices, notices...)
	return res, nil
}

// parsedRecord is a record read from a file, with its file and line, or
// the error that ended the reading.
type parsedRecord struct {
	rec  annotate.Record
	file string
	line int
	err  error
}

// readFiles reads the records of the files in order into recs, counting
// their bytes with c, until the last file ends, an error (sent as the last
// item), ctx is done, or stop is closed; it returns the readers' notices.
func readFiles(ctx context.Context, path string, files []string, opts ImportOptions, c *progressCounter, recs chan<- parsedRecord, stop <-chan struct{}) (notices []string) {
	send := func(pr parsedRecord) bool {
		select {
		case recs <- pr:
			return true
		case <-stop:
			return false
		}
	}
	for _, name := range files {
		f, err := OpenRegular(name)
		if err != nil {
			send(parsedRecord{err: err})
			return notices
		}
		format, err := ForFile(name)
		if err != nil {
			f.Close()
			send(parsedRecord{err: err})
			return notices
		}
		r := opts.newReader(format, &countingReader{r: f, c: c}, name, LimitsFrom(ctx))
		for {
			if err := ctx.Err(); err != nil {
				f.Close()
				send(parsedRecord{err: fmt.Errorf("import %s: %w", path, err)})
				return notices
			}
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				f.Close()
				send(parsedRecord{err: err})
				return notices
			}
			if !send(parsedRecord{rec: rec, file: name, line: r.Line()}) {
				f.Close()
				return notices
			}
		}
		f.Close()
		if n, ok := r.(Noticer); ok {
			notices = append(notices, n.Notices()...)
		}
	}
	return notices
}
