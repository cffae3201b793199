package format

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
	// ImportStreamFiles is ImportStream, recording that files were
	// imported when the import ends.
	ImportStreamFiles(next func() (annotate.Record, error), annotator string, files []annotate.FileImport) (annotate.ImportResult, error)
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
}

// FileSum returns the hex SHA-256 of the bytes of the file at path, by
// which a FileLog knows it again; a brat .ann file's covers its .ann and
// then its .txt (when there is one), which it imports together. Errors
// name the file.
func FileSum(ctx context.Context, path string) (string, error) {
	h := sha256.New()
	paths := []string{path}
	if strings.EqualFold(filepath.Ext(path), ".ann") {
		paths = append(paths, bratTextPath(path))
	}
	for i, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			if i > 0 && errors.Is(err, fs.ErrNotExist) {
				break // the brat reader says that the text is missing
			}
			return "", openError(p, err)
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
