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
// StreamImporter: each file's reader hands its records to dst one at a
// time, in order, and only the file and line of each are kept. Its results
// and errors are ImportFile's.
func importStream(ctx context.Context, dst StreamImporter, path string, files []string, annotator string, progress func(done, total int64)) (annotate.ImportResult, error) {
	c := &progressCounter{progress: progress}
	if progress != nil {
		for _, f := range files {
			if info, err := os.Stat(f); err == nil {
				c.total += info.Size()
			}
		}
	}
	var (
		recFiles []string
		lines    []int
		notices  []string
		readErr  error // an error of a file, returned as it is
		k        = -1  // the file being read
		f        *os.File
		r        Reader
	)
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	// open starts reading the next file.
	open := func() error {
		if f != nil {
			f.Close()
			f = nil
		}
		k++
		name := files[k]
		var err error
		if f, err = os.Open(name); err != nil {
			return openError(name, err)
		}
		format, err := ForFile(name)
		if err != nil {
			return err
		}
		r = format.NewReader(&countingReader{r: f, c: c}, name)
		return nil
	}
	next := func() (annotate.Record, error) {
		for {
			if err := ctx.Err(); err != nil {
				readErr = fmt.Errorf("import %s: %w", path, err)
				return annotate.Record{}, readErr
			}
			if r == nil {
				if k+1 >= len(files) {
					if progress != nil {
						progress(c.n, max(c.total, c.n))
					}
					return annotate.Record{}, io.EOF
				}
				if err := open(); err != nil {
					readErr = err
					return annotate.Record{}, err
				}
			}
			rec, err := r.Next()
			if err == io.EOF {
				if n, ok := r.(Noticer); ok {
					notices = append(notices, n.Notices()...)
				}
				r = nil
				continue
			}
			if err != nil {
				readErr = err
				return rec, err
			}
			recFiles = append(recFiles, files[k])
			lines = append(lines, r.Line())
			return rec, nil
		}
	}
	res, err := dst.ImportStream(next, annotator)
	if readErr != nil && errors.Is(err, readErr) {
		return annotate.ImportResult{}, readErr
	}
	var re *annotate.RecordError
	if errors.As(err, &re) && re.Index >= 0 && re.Index < len(lines) {
		return res, &annotate.LineError{File: recFiles[re.Index], Line: lines[re.Index], Err: re.Err}
	}
	if err != nil {
		return res, fmt.Errorf("import %s: %w", path, err)
	}
	res.Notices = append(res.Notices, notices...)
	return res, nil
}
