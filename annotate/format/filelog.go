package format

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"claimdesk/annotate"
)

// FileLog is a StreamImporter that remembers each file it took
// (*store.Store): an import into one leaves out the files whose bytes it
// took before, unless asked to take them again (ImportOptions.Again), and
// records the files it takes in the transaction that ends the import.
type FileLog interface {
	StreamImporter
	// FileImports returns the imports recorded of the file whose bytes
	// have the hex SHA-256 sum, oldest first.
	FileImports(sum string) ([]annotate.FileImport, error)
	// ImportStreamFiles is ImportStream, recording when the import ends
	// that the files files returns were imported; files is called once,
	// in the import's last transaction, and its error fails the import.
	ImportStreamFiles(next func() (annotate.Record, error), annotator string, files func() ([]annotate.FileImport, error)) (annotate.ImportResult, error)
}

// ImportOptions are the choices of an import (ImportFileWith).
type ImportOptions struct {
	// Annotator is who made the spans that arrive without an annotator,
	// and who imports (the FileLog's record of the file).
	Annotator string
	// Again imports the files a FileLog took before anyway.
	Again bool
	// Progress, when not nil, is called as ImportFile says.
	Progress func(done, total int64)
	// AllAnswers imports Prodigy's lines answered "reject" or "ignore"
	// too, which are otherwise left out and counted (import -answers all).
	AllAnswers bool
}

// FileSum returns the hex SHA-256 of the bytes of the file at path, by
// which a FileLog knows it again; a brat .ann file's covers its .ann and
// then its .txt, which it imports together, when that is a regular file
// (not a link: the brat reader judges those, and says what it refuses).
// Errors name the file.
func FileSum(ctx context.Context, path string) (string, error) {
	h := sha256.New()
	paths := []string{path}
	if strings.EqualFold(filepath.Ext(path), ".ann") {
		paths = append(paths, bratTextPath(path))
	}
	for i, p := range paths {
		if i > 0 {
			if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() {
				break // the brat reader says what is wrong with the text
			}
		}
		f, err := OpenRegular(p) // a FIFO or a device is refused, not read
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, ctxReader{ctx, f})
		f.Close()
		if err != nil {
			if ctx.Err() != nil {
				return "", fmt.Errorf("import %s: %w", path, ctx.Err())
			}
			return "", &annotate.LineError{File: p, Err: err}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ctxReader reads r until ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

// Read reads from r, or returns ctx's error when it is done.
func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// seenFiles splits files into those log took before (seen, each with its
// first import) and the others (take), with the record of their import by
// annotator. With again, every file is taken.
func seenFiles(ctx context.Context, log FileLog, files []string, annotator string, again bool) (take []string, record []annotate.FileImport, seen []annotate.SeenFile, err error) {
	for _, f := range files {
		sum, err := FileSum(ctx, f)
		if err != nil {
			return nil, nil, nil, err
		}
		if !again {
			before, err := log.FileImports(sum)
			if err != nil {
				return nil, nil, nil, err
			}
			if len(before) > 0 {
				seen = append(seen, annotate.SeenFile{Name: f, Before: before[0]})
				continue
			}
		}
		take = append(take, f)
		record = append(record, annotate.FileImport{SHA256: sum, Name: f, Annotator: annotator})
	}
	return take, record, seen, nil
}

// importLogged is ImportFileWith of files (those of path) into a FileLog.
// A folder's files are summed first, and those log took before left out.
// One file is summed while it is imported, which costs an import no time
// where a core is free: when the sum says that log took the file before
// (and not again), the import is cancelled, stores nothing, and the file
// is in the result's Seen.
func importLogged(ctx context.Context, log FileLog, path string, files []string, opts ImportOptions) (annotate.ImportResult, error) {
	if len(files) != 1 {
		take, record, seen, err := seenFiles(ctx, log, files, opts.Annotator, opts.Again)
		if err != nil {
			return annotate.ImportResult{}, err
		}
		var res annotate.ImportResult
		if len(take) > 0 {
			if res, err = importStream(ctx, log, path, take, opts, func() ([]annotate.FileImport, error) { return record, nil }); err != nil {
				return res, err
			}
		}
		res.Seen = seen
		return res, nil
	}
	file := files[0]
	ictx, cancel := context.WithCancel(ctx)
	defer cancel()
	type summed struct {
		sum  string
		seen *annotate.SeenFile
		err  error
	}
	done := make(chan summed, 1)
	go func() {
		var s summed
		s.sum, s.err = FileSum(ictx, file)
		if s.err == nil && !opts.Again {
			var before []annotate.FileImport
			if before, s.err = log.FileImports(s.sum); s.err == nil && len(before) > 0 {
				s.seen = &annotate.SeenFile{Name: file, Before: before[0]}
			}
		}
		if s.seen != nil || s.err != nil {
			cancel() // the import is not wanted, or cannot be recorded
		}
		done <- s
	}()
	var got *summed
	wait := func() summed {
		if got == nil {
			s := <-done
			got = &s
		}
		return *got
	}
	record := func() ([]annotate.FileImport, error) {
		s := wait()
		if s.err != nil {
			return nil, s.err
		}
		if s.seen != nil {
			return nil, errSeen
		}
		return []annotate.FileImport{{SHA256: s.sum, Name: file, Annotator: opts.Annotator}}, nil
	}
	res, err := importStream(ictx, log, path, files, opts, record)
	cancel()
	s := wait()
	switch {
	case ctx.Err() != nil && err != nil:
		return annotate.ImportResult{}, err // cancelled by the caller
	case s.seen != nil:
		return annotate.ImportResult{Seen: []annotate.SeenFile{*s.seen}}, nil
	case s.err != nil && !errors.Is(s.err, context.Canceled):
		return annotate.ImportResult{}, s.err // the cause of the import's cancellation
	case err != nil:
		return res, err
	case s.err != nil:
		return annotate.ImportResult{}, s.err
	}
	return res, nil
}

// errSeen fails an import of a file that the FileLog took before.
var errSeen = errors.New("the file was imported before")
