package format

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"claimdesk/annotate"
)

// OpenRegular opens the file at path for reading if it is a regular file
// (or a link to one). A named pipe, a device, a socket or a folder is
// refused by name (NotRegularError) and never opened for reading: a pipe
// would make the read wait for ever and a device like /dev/zero never end.
// The file is opened without blocking and checked again once open, in case
// it was replaced in between. Errors are *annotate.LineError values
// naming path.
func OpenRegular(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, openError(path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, NotRegularError(path, info.Mode())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, openError(path, err)
	}
	info, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, openError(path, err)
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, NotRegularError(path, info.Mode())
	}
	return f, nil
}

// NotRegularError is the EINVALID *annotate.LineError of a file of mode m
// at path that is not a regular file: "p.jsonl: a named pipe (FIFO), not
// a regular file: refused".
func NotRegularError(path string, m fs.FileMode) error {
	return &annotate.LineError{File: path, Err: annotate.Errorf(annotate.EINVALID,
		"%s, not a regular file: refused", fileKind(m))}
}

// fileKind names the type of a file of mode m: "a named pipe (FIFO)".
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// within reports whether the path target, with its links resolved, lies
// inside the folder root (whose links are resolved already).
func within(root, target string) bool {
	target, err := filepath.Abs(target)
	if err != nil {
		return false
	}
	if root, err = filepath.Abs(root); err != nil {
		return false
	}
	rel, err := filepath.Rel(root, target)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// followLink resolves the symbolic link at path found in the folder whose
// resolved path is root. It returns the file's mode when the link's
// target lies inside the folder, else a note of why it is skipped:
// "skipped b.txt: a link to a file outside the folder".
func followLink(root, dir, path string) (fs.FileMode, string) {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		rel = path
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return 0, "skipped " + rel + ": a link to nothing (" + linkError(err) + ")"
	}
	if !within(root, target) {
		return 0, "skipped " + rel + ": a link to a file outside the folder"
	}
	info, err := os.Stat(target)
	if err != nil {
		return 0, "skipped " + rel + ": " + linkError(err)
	}
	return info.Mode(), ""
}

func linkError(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		err = pe.Err
	}
	return err.Error()
}

// besideOnly refuses the file at path, read because another file named it
// (a brat .ann's .txt), when it is a link to a file outside the folder of
// that other file, named owner: nothing is read beyond what was named.
func besideOnly(path, owner string) error {
	info, err := os.Lstat(path)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return nil // OpenRegular says what is wrong
	}
	root, err := filepath.EvalSymlinks(filepath.Dir(owner))
	if err != nil {
		return openError(filepath.Dir(owner), err)
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return openError(path, err)
	}
	if !within(root, target) {
		return &annotate.LineError{File: path, Err: annotate.Errorf(annotate.EINVALID,
			"a link to a file outside the folder of %s: refused", baseName(owner))}
	}
	return nil
}

// ReadRegularFile reads the regular file at path (OpenRegular), of at
// most max bytes: more is a LimitError about what ("the schema file")
// without a flag. Errors are *annotate.LineError values naming path.
func ReadRegularFile(path string, max int64, what string) ([]byte, error) {
	f, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, openError(path, err)
	}
	if int64(len(data)) > max {
		return nil, &annotate.LineError{File: path, Err: &LimitError{What: what + " is longer than", Limit: FormatSize(max)}}
	}
	return data, nil
}
