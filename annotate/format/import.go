package format

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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
// A folder at path imports every file below it that a format reads
// (FolderFiles: hidden files and folders left out, brat pairs read once),
// in sorted path order, as one import: the folder imports whole or not at
// all. Into a StreamImporter (the store) the records stream in batches,
// so that memory stays bounded whatever the size; into another Importer
// they go in one Import call. A notice of the result counts the files
// left out because no format reads them.
//
// The file is streamed: a JSONL file is read a line at a time. progress,
// when not nil, is called with the bytes read so far and the size of all
// the files, at most about every 1% of it (and 256 KiB), and once when
// every file is read. ctx is checked between records: when it is done,
// ImportFile stops and imports nothing.
//
// Errors name the file: a missing file is "PATH: no such file", a problem
// in a file or with one of its records is an *annotate.LineError naming
// the file and giving the record's line (0 for formats whose file is one
// record), and a folder without a file to import is an EINVALID
// *annotate.LineError naming the folder.
//
// Into a FileLog (the store), the import leaves out each file whose bytes
// the project took before (FileSum), listing it with its first import in
// the result's Seen (nothing is read of it, and an import of only such
// files adds nothing), and records the files it takes, with annotator as
// who imported them.
func ImportFile(ctx context.Context, dst Importer, path, annotator string, progress func(done, total int64)) (annotate.ImportResult, error) {
	return ImportFileWith(ctx, dst, path, ImportOptions{Annotator: annotator, Progress: progress})
}

// newReader returns a reader of the file name in format f, whose bytes r
// gives, bounded by l (NewLimitedReader) and set up by opts.
func (opts ImportOptions) newReader(f Format, r io.Reader, name string, l Limits) Reader {
	rd := NewLimitedReader(f, r, name, l)
	if a, ok := rd.(*limitedReader).r.(interface{ ImportAllAnswers() }); ok && opts.AllAnswers {
		a.ImportAllAnswers()
	}
	return rd
}

// ImportFileWith is ImportFile with options: opts.Again takes the files
// a FileLog took before anyway (and records them again), opts.AllAnswers
// Prodigy's rejected and ignored lines. ctx carries the readers' limits
// (WithLimits).
func ImportFileWith(ctx context.Context, dst Importer, path string, opts ImportOptions) (annotate.ImportResult, error) {
	progress := opts.Progress
	files, skipped, notes, err := importFiles(path)
	if err != nil {
		return annotate.ImportResult{}, err
	}
	if log, ok := dst.(FileLog); ok {
		res, err := importLogged(ctx, log, path, files, opts)
		if err == nil && skipped > 0 {
			res.Notices = append(res.Notices, skippedNotice(path, skipped))
		}
		if err == nil {
			res.Notices = append(res.Notices, notes...)
		}
		return res, err
	}
	if s, ok := dst.(StreamImporter); ok {
		res, err := importStream(ctx, s, path, files, opts, nil) // memory bounded by a batch
		if err == nil && skipped > 0 {
			res.Notices = append(res.Notices, skippedNotice(path, skipped))
		}
		if err == nil {
			res.Notices = append(res.Notices, notes...)
		}
		return res, err
	}
	rs, err := readRecords(ctx, files, opts, progress)
	if err != nil {
		return annotate.ImportResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return annotate.ImportResult{}, fmt.Errorf("import %s: %w", path, err)
	}
	res, err := dst.Import(rs.recs, opts.Annotator)
	var re *annotate.RecordError
	if errors.As(err, &re) && re.Index >= 0 && re.Index < len(rs.lines) {
		return res, annotate.RecordLine(rs.files[re.Index], rs.lines[re.Index], re.Err)
	}
	if err != nil {
		return res, fmt.Errorf("import %s: %w", path, err)
	}
	res.Notices = append(res.Notices, rs.notices...)
	if skipped > 0 {
		res.Notices = append(res.Notices, skippedNotice(path, skipped))
	}
	res.Notices = append(res.Notices, notes...)
	return res, nil
}

// skippedNotice is the notice of a folder import that left out n files
// no format reads: "news: skipped 3 files of unsupported types".
func skippedNotice(dir string, n int) string {
	if n == 1 {
		return dir + ": skipped 1 file of an unsupported type"
	}
	return fmt.Sprintf("%s: skipped %d files of unsupported types", dir, n)
}

// CheckFile returns the error ImportFile gives for the file or folder at
// path before reading any file (a missing file, a type no format reads, a
// file that is not a regular file, a folder without a file to import), or
// nil.
func CheckFile(path string) error {
	_, _, _, err := importFiles(path)
	return err
}

// importFiles returns the files an import of path reads: path itself, or
// the files of the folder at path (folderFiles), the number of files of
// the folder that no format reads, and notes of the files of the folder
// left out for other reasons. A path that is neither a folder nor a
// regular file (or a link to one) is refused (NotRegularError).
func importFiles(path string) (files []string, skipped int, notes []string, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, 0, nil, openError(path, err)
	}
	if !info.IsDir() {
		if !info.Mode().IsRegular() {
			return nil, 0, nil, NotRegularError(path, info.Mode())
		}
		if _, err := ForFile(path); err != nil {
			return nil, 0, nil, err
		}
		return []string{path}, 0, nil, nil
	}
	files, skipped, notes, err = folderFiles(path)
	if err != nil {
		return nil, 0, nil, err
	}
	if len(files) == 0 {
		others := ""
		if skipped > 0 {
			others = fmt.Sprintf(", only %d of other types", skipped)
		}
		return nil, 0, nil, &annotate.LineError{File: path, Err: annotate.Errorf(annotate.EINVALID,
			"the folder holds no file to import%s (supported: %s)", others, strings.Join(ImportExtensions(), ", "))}
	}
	return files, skipped, notes, nil
}

// FolderFiles returns the files below the folder dir that a format reads
// (ForFile), in sorted path order, and the number of the others, left
// out (folderFiles, without its notes).
func FolderFiles(dir string) (files []string, skipped int, err error) {
	files, skipped, _, err = folderFiles(dir)
	return files, skipped, err
}

// folderFiles returns the files below the folder dir that a format reads
// (ForFile), in sorted path order, the number of the others, left out,
// and a note for each file left out for another reason. Files and folders
// whose name starts with a dot are left out without a note or a count.
// Only regular files are read: a named pipe, a device or a socket is left
// out with a note naming it. A symbolic link is followed only when its
// target lies inside dir too (links resolved); a link out of the folder,
// to nothing, or to a folder is left out with a note ("skipped b.txt: a
// link to a file outside the folder"). The text NAME.txt of a brat file
// NAME.ann (.txt and .ann in any case) is left out and not counted: the
// brat reader reads it with its .ann.
//
// A folder that cannot be read is an error naming it.
func folderFiles(dir string) (files []string, skipped int, notes []string, err error) {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, 0, nil, openError(dir, err)
	}
	root, err = filepath.Abs(root)
	if err != nil {
		return nil, 0, nil, openError(dir, err)
	}
	// A folder named by a link to it is walked, as one named itself
	// (WalkDir does not follow a link it is given).
	walkRoot := dir
	if info, err := os.Lstat(dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		walkRoot = dir + string(filepath.Separator)
	}
	err = filepath.WalkDir(walkRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return openError(path, err)
		}
		if path != walkRoot && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			rel = path
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			m, note := followLink(root, dir, path)
			if note != "" {
				notes = append(notes, dir+": "+note)
				return nil
			}
			if m.IsDir() {
				notes = append(notes, dir+": skipped "+rel+": a link to a folder (not followed)")
				return nil
			}
			mode = m
		}
		if !mode.IsRegular() {
			notes = append(notes, dir+": skipped "+rel+": "+fileKind(mode)+", not a regular file")
			return nil
		}
		if _, err := ForFile(path); err != nil {
			skipped++
			return nil
		}
		files = append(files, path)
		return nil
	})
	if err != nil {
		return nil, 0, nil, err
	}
	anns := map[string]bool{} // the paths of the .ann files without their extension
	for _, f := range files {
		if ext := filepath.Ext(f); strings.EqualFold(ext, ".ann") {
			anns[strings.TrimSuffix(f, ext)] = true
		}
	}
	files = slices.DeleteFunc(files, func(f string) bool {
		ext := filepath.Ext(f)
		return strings.EqualFold(ext, ".txt") && anns[strings.TrimSuffix(f, ext)]
	})
	slices.Sort(files)
	return files, skipped, notes, nil
}

// fileRecords are the records read from the files of one import, with the
// file and the line each came from, and the readers' notices.
type fileRecords struct {
	recs    []annotate.Record
	files   []string
	lines   []int
	notices []string
}

// readRecords reads every record of the files, in order, and the file and
// line each came from, and the readers' notices (Noticer).
func readRecords(ctx context.Context, files []string, opts ImportOptions, progress func(done, total int64)) (fileRecords, error) {
	var rs fileRecords
	c := &progressCounter{progress: progress}
	if progress != nil {
		for _, path := range files {
			if info, err := os.Stat(path); err == nil {
				c.total += info.Size()
			}
		}
	}
	for _, path := range files {
		if err := readFileRecords(ctx, path, opts, c, &rs); err != nil {
			return fileRecords{}, err
		}
	}
	if progress != nil {
		progress(c.n, max(c.total, c.n))
	}
	return rs, nil
}

// readFileRecords reads every record of the file at path into rs,
// counting its bytes with c.
func readFileRecords(ctx context.Context, path string, opts ImportOptions, c *progressCounter, rs *fileRecords) error {
	f, err := OpenRegular(path)
	if err != nil {
		return err
	}
	defer f.Close()
	format, err := ForFile(path)
	if err != nil {
		return err
	}
	r := opts.newReader(format, &countingReader{r: f, c: c}, path, LimitsFrom(ctx))
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("import %s: %w", path, err)
		}
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		rs.recs = append(rs.recs, rec)
		rs.files = append(rs.files, path)
		rs.lines = append(rs.lines, r.Line())
	}
	if n, ok := r.(Noticer); ok {
		rs.notices = append(rs.notices, n.Notices()...)
	}
	return nil
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

// progressCounter counts the bytes read of all the files of an import
// and reports them to progress, at most every 1% of total and
// progressStep bytes.
type progressCounter struct {
	n, last  int64
	total    int64
	progress func(done, total int64)
}

// add counts k more bytes read.
func (c *progressCounter) add(k int) {
	c.n += int64(k)
	if c.progress != nil && c.n-c.last >= max(c.total/100, progressStep) {
		c.last = c.n
		c.progress(c.n, max(c.total, c.n))
	}
}

// countingReader counts the bytes read through it with c.
type countingReader struct {
	r io.Reader
	c *progressCounter
}

// Read reads from the underlying reader, counting.
func (r *countingReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.c.add(n)
	return n, err
}
