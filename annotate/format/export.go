package format

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"claimdesk/annotate"
	"claimdesk/internal/filelock"
)

// Source is what an export writes.
type Source struct {
	// ForEach calls fn with each record to export, in order, and stops at
	// the first error of fn, returning it: store.Store's ForEachRecord.
	ForEach func(fn func(annotate.Record) error) error
	// Total is the number of records ForEach gives, for progress reports;
	// 0 when it is not known.
	Total int
}

// ExportOptions are an export's choices beyond its format's name.
type ExportOptions struct {
	// Mode is the writer's Target.Mode: one of the format's Modes, or ""
	// for its default.
	Mode string
	// Offsets is the writer's Target.Offsets: the unit of its span offsets,
	// one of the format's Offsets, or "" for its default.
	Offsets string
	// Tokens is the writer's Target.Tokens: write each document's tokens
	// (a format with Tokens).
	Tokens bool
	// Align is the writer's Target.Align: how a token export fits spans
	// to tokens, one of AlignModes, or "" for the default.
	Align string
	// Raw is the writer's Target.Raw: write spreadsheet cells as they are
	// (a format with Raw).
	Raw bool
	// SidePath is where ExportFileWith writes the side file of a format
	// that has one (Format.Side); "" puts it beside the export (SidePath).
	// The parts of a split name one path, so that they share one file.
	SidePath string
	// Opened, when not nil, is called with the format's writer before the
	// first record, so that the caller can ask it after the export what it
	// counted (UnsourcedCounter).
	Opened func(Writer)
}

// Export writes every record of src to w in the named format, then
// flushes the format's writer. progress, when not nil, is called with the
// number of records written so far and src.Total, at most about every 1%
// of Total (after every record when Total is 0), and at the end. ctx
// is checked between records: when it is done, Export stops and returns
// its error.
func Export(ctx context.Context, w io.Writer, name string, src Source, progress func(done, total int)) error {
	return ExportWith(ctx, w, name, ExportOptions{}, src, progress)
}

// ExportWith is Export with options: the format's mode, and a look at its
// writer.
func ExportWith(ctx context.Context, w io.Writer, name string, opts ExportOptions, src Source, progress func(done, total int)) error {
	return exportTo(ctx, Target{W: w, Mode: opts.Mode, Offsets: opts.Offsets, Tokens: opts.Tokens, Align: opts.Align, Raw: opts.Raw}, name, opts, src, progress)
}

// exportTo is ExportWith to any target.
func exportTo(ctx context.Context, t Target, name string, opts ExportOptions, src Source, progress func(done, total int)) error {
	fw, err := NewWriter(name, t)
	if err != nil {
		return err
	}
	if opts.Opened != nil {
		opts.Opened(fw)
	}
	step := max(1, src.Total/100)
	done, reported := 0, -1
	err = src.ForEach(func(rec annotate.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fw.Write(rec); err != nil {
			return err
		}
		done++
		if progress != nil && done%step == 0 {
			progress(done, src.Total)
			reported = done
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := fw.Flush(); err != nil {
		return err
	}
	if progress != nil && reported != done {
		progress(done, max(src.Total, done))
	}
	return nil
}

// ExportFile exports src in the named format (Export) to the file at path,
// atomically: it writes a temporary file in the same folder, syncs it to
// disk, makes it readable by all (0644) and renames it to path. On any
// error, ctx's included, the temporary file is removed and a file that was
// at path is left as it was. It is the one file export of the CLI and the
// GUI.
func ExportFile(ctx context.Context, path, name string, src Source, progress func(done, total int)) error {
	return ExportFileWith(ctx, path, name, ExportOptions{}, src, progress)
}

// ExportFileWith is ExportFile with options (ExportWith). A format with a
// side file (Format.Side) has it written too, atomically, at
// opts.SidePath or else SidePath(path): after the export, before the
// export's own file is renamed into place, so that no export is seen
// without its side file.
func ExportFileWith(ctx context.Context, path, name string, opts ExportOptions, src Source, progress func(done, total int)) error {
	if _, err := NewWriter(name, Target{W: io.Discard, Mode: opts.Mode, Offsets: opts.Offsets, Tokens: opts.Tokens, Align: opts.Align, Raw: opts.Raw}); err != nil {
		return err
	}
	f, _ := Lookup(name)
	side := ""
	if f.Side != "" {
		side = cmp.Or(opts.SidePath, SidePath(path, f))
	}
	return writeAtomic(path, func(w io.Writer) error {
		var fw Writer
		o := opts
		o.Opened = func(w Writer) {
			fw = w
			if opts.Opened != nil {
				opts.Opened(w)
			}
		}
		if err := ExportWith(ctx, w, name, o, src, progress); err != nil {
			return err
		}
		if sw, ok := fw.(SideWriter); ok && side != "" {
			return writeAtomic(side, sw.WriteSide)
		}
		return nil
	})
}

// writeAtomic writes the file at path with write, through a temporary file
// in the same folder that is synced, made readable by all (0644) and
// renamed to path; on any error the temporary file is removed and a file
// that was at path is left as it was. The temporary files that earlier
// writes of path left when their process was killed are removed first
// (removeAbandonedTemps).
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	removeAbandonedTemps(path)
	return writeThroughTemp(path, write)
}

// writeThroughTemp is writeAtomic without first looking for temporary
// files of killed exports of path (which reads the whole folder): for a
// folder that holds none, such as the new or empty one of a brat export,
// which writes thousands of files into it.
func writeThroughTemp(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), tempPattern(path))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	filelock.Hold(tmp) // in use until closed: not abandoned
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	for _, step := range []func() error{
		func() error { return write(tmp) },
		tmp.Sync,
		tmp.Close,
		func() error { return os.Chmod(tmp.Name(), 0o644) },
		func() error { return os.Rename(tmp.Name(), path) },
	} {
		if err := step(); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return nil
}

// ExportDir exports src in the named Folder format (brat) into the folder
// dir, which it makes when missing; a dir that exists and holds anything,
// or is not a folder, is an EINVALID error, so that two exports never mix.
// Each file is written atomically (to a temporary file, renamed); on any
// error, ctx's included, what the export wrote is removed, and dir with it
// when the export made it.
func ExportDir(ctx context.Context, dir, name string, opts ExportOptions, src Source, progress func(done, total int)) (err error) {
	if f, ok := Lookup(name); ok && f.NewWriter != nil && !f.Folder {
		return annotate.Errorf(annotate.EINVALID, "format %s writes one file, not a folder", name)
	}
	if _, err := NewWriter(name, Target{W: io.Discard, Dir: dir, Mode: opts.Mode, Tokens: opts.Tokens, Align: opts.Align, Raw: opts.Raw}); err != nil {
		return err
	}
	made := false
	switch info, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("export to %s: %w", dir, err)
		}
		made = true
	case err != nil:
		return fmt.Errorf("export to %s: %w", dir, err)
	case !info.IsDir():
		return annotate.Errorf(annotate.EINVALID, "%s is a file: a %s export writes a folder", dir, name)
	default:
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("export to %s: %w", dir, err)
		}
		if len(entries) > 0 {
			return annotate.Errorf(annotate.EINVALID, "%s is not empty: a %s export writes into a new or empty folder", dir, name)
		}
	}
	defer func() {
		if err == nil {
			return
		}
		if made {
			os.RemoveAll(dir)
			return
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}()
	if err := exportTo(ctx, Target{Dir: dir, Mode: opts.Mode, Tokens: opts.Tokens, Align: opts.Align, Raw: opts.Raw}, name, opts, src, progress); err != nil {
		return fmt.Errorf("export to %s: %w", dir, err)
	}
	return nil
}

// ExportSplit exports src in the named format into the parts of sp, part
// i to SplitPath(path, i) (ExportFileWith; ExportDir for a Folder
// format), and returns the paths written, in order, also when a later
// part fails. The parts of a format with a side file share one, at
// opts.SidePath or else beside path (SidePath). progress, when not nil,
// is called with the records written so far over all the parts.
func ExportSplit(ctx context.Context, path, name string, opts ExportOptions, src Source, sp Split, progress func(done, total int)) ([]string, error) {
	f, _ := Lookup(name)
	if f.Side != "" && opts.SidePath == "" {
		opts.SidePath = SidePath(path, f)
	}
	var paths []string
	base := 0
	for i := range sp.Percent {
		part := SplitPath(path, i)
		report := func(done, _ int) {
			if progress != nil {
				progress(base+done, 0)
			}
		}
		written := 0
		count := func(done, total int) { written = done; report(done, total) }
		var err error
		if f.Folder {
			err = ExportDir(ctx, part, name, opts, sp.Source(src, i), count)
		} else {
			err = ExportFileWith(ctx, part, name, opts, sp.Source(src, i), count)
		}
		if err != nil {
			return paths, err
		}
		base += written
		paths = append(paths, part)
	}
	return paths, nil
}
