package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/store"
)

// source is one input of agree and merge: a Claimdesk project file, or an
// export in any format that import reads. A file whose extension a format
// reads (format.ForFile: .jsonl, .txt, …) is an export, any other file a
// project.
//
// A project is opened read-only, so neither its bytes nor its
// modification time change; when a Claimdesk window holds it, a snapshot
// (store.OpenSnapshot) of it is read instead. A project is streamed: its
// documents are read one at a time, never all at once. An export is read
// into memory whole, with an index by document id and by text SHA-256.
type source struct {
	path string
	// snapshot reports that a copy of a project held by another program
	// is read.
	snapshot bool

	st *store.Store // a project; nil for an export

	recs  []annotate.Record // an export's records, in file order
	byID  map[string]int    // an export's record by document id
	bySHA map[string]int    // an export's record by the SHA-256 of its text
}

// openSource opens the project or export at path. Close the source after
// use.
func openSource(path string) (*source, error) {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("open %s: no such file", path)
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	case info.IsDir():
		return nil, fmt.Errorf("open %s: it is a folder, not a project or an export", path)
	case !info.Mode().IsRegular():
		return nil, format.NotRegularError(path, info.Mode())
	}
	if f, err := format.ForFile(path); err == nil {
		return readExport(path, f)
	}
	st, err := openProject(path, true)
	if annotate.ErrorCode(err) == annotate.ELOCKED {
		st, err = store.OpenSnapshot(path)
		if err != nil {
			return nil, err
		}
		return &source{path: path, st: st, snapshot: true}, nil
	}
	if err != nil {
		return nil, err
	}
	return &source{path: path, st: st}, nil
}

// readExport reads every record of the export at path with the format f,
// a regular file, within the import's default limits (format.Limits).
// A record without a SHA-256 gets that of its text.
func readExport(path string, f format.Format) (*source, error) {
	file, err := format.OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	s := &source{path: path, byID: map[string]int{}, bySHA: map[string]int{}}
	r := format.NewLimitedReader(f, file, path, format.DefaultLimits())
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return s, nil
		}
		if err != nil {
			return nil, err // a LineError naming the file
		}
		d := &rec.Document
		if d.SHA256 == "" {
			d.SHA256 = annotate.TextSHA256(d.Text)
		}
		for i := range rec.Spans {
			rec.Spans[i].DocumentID = d.ID
		}
		// The first record with an id or a text is the one found by it.
		if _, ok := s.byID[d.ID]; d.ID != "" && !ok {
			s.byID[d.ID] = len(s.recs)
		}
		if _, ok := s.bySHA[d.SHA256]; !ok {
			s.bySHA[d.SHA256] = len(s.recs)
		}
		s.recs = append(s.recs, rec)
	}
}

// Close releases a project (and removes a snapshot's copy).
func (s *source) Close() error {
	if s.st != nil {
		return s.st.Close()
	}
	return nil
}

// forEach calls fn with each document of the source in order (a
// project's import order, an export's file order) with its spans. A
// project is read one document at a time, in one read transaction; fn
// must not keep the record's slices beyond its call if it wants memory to
// stay flat. It stops at fn's first error and returns it.
func (s *source) forEach(fn func(annotate.Record) error) error {
	if s.st != nil {
		return s.st.ForEachRecord(fn)
	}
	for _, rec := range s.recs {
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

// count returns the number of documents of the source.
func (s *source) count() (int, error) {
	if s.st != nil {
		n, err := s.st.DocumentCount()
		if err != nil {
			return 0, fmt.Errorf("count the documents of %s: %w", s.path, err)
		}
		return n, nil
	}
	return len(s.recs), nil
}

// lookup returns the source's document that is d: the one with d's id
// when its text is d's (the same SHA-256), else the one with d's text,
// with its spans; ok is false when the source has neither.
func (s *source) lookup(d *annotate.Document) (rec annotate.Record, ok bool, err error) {
	sum := d.SHA256
	if sum == "" {
		sum = annotate.TextSHA256(d.Text)
	}
	if s.st == nil {
		if i, found := s.byID[d.ID]; found && d.ID != "" && s.recs[i].Document.SHA256 == sum {
			return s.recs[i], true, nil
		}
		if i, found := s.bySHA[sum]; found {
			return s.recs[i], true, nil
		}
		return annotate.Record{}, false, nil
	}
	if d.ID != "" {
		rec, err := s.st.Record(d.ID)
		switch {
		case err == nil && rec.Document.SHA256 == sum:
			return rec, true, nil
		case err != nil && annotate.ErrorCode(err) != annotate.ENOTFOUND:
			return annotate.Record{}, false, fmt.Errorf("read document %s of %s: %w", d.ID, s.path, err)
		}
	}
	id, found, err := s.st.DocumentBySHA(sum)
	if err != nil {
		return annotate.Record{}, false, fmt.Errorf("look up a text in %s: %w", s.path, err)
	}
	if !found {
		return annotate.Record{}, false, nil
	}
	rec, err = s.st.Record(id)
	if err != nil {
		return annotate.Record{}, false, fmt.Errorf("read document %s of %s: %w", id, s.path, err)
	}
	return rec, true, nil
}

// annotators returns the distinct annotators of the source's spans,
// sorted. A project's are counted in one read transaction.
func (s *source) annotators() ([]string, error) {
	var names []string
	if s.st != nil {
		stats, err := s.st.Stats()
		if err != nil {
			return nil, fmt.Errorf("count the annotators of %s: %w", s.path, err)
		}
		for name := range stats.ByAnnotator {
			names = append(names, name)
		}
	} else {
		seen := map[string]bool{}
		for _, rec := range s.recs {
			for _, sp := range rec.Spans {
				if !seen[sp.Annotator] {
					seen[sp.Annotator] = true
					names = append(names, sp.Annotator)
				}
			}
		}
	}
	slices.Sort(names)
	return names, nil
}

// openSources opens every path as a source; on an error it closes those
// it opened. A project read from a snapshot is reported on stderr.
func openSources(paths []string, stderr io.Writer) ([]*source, error) {
	srcs := make([]*source, 0, len(paths))
	for _, p := range paths {
		s, err := openSource(p)
		if err != nil {
			closeSources(srcs)
			return nil, err
		}
		if s.snapshot {
			fmt.Fprintf(stderr, "claimdesk: %s is open in another program; reading a copy of it\n", p)
		}
		srcs = append(srcs, s)
	}
	return srcs, nil
}

// closeSources closes every source, returning the first error.
func closeSources(srcs []*source) error {
	var first error
	for _, s := range srcs {
		if err := s.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// errStopped ends the reading of a source when inEveryFile stops early.
var errStopped = errors.New("stopped")

// inEveryFile calls fn, in the first source's order, with each of its
// documents that every other source has (source.lookup), and each
// source's spans of it. It streams: a goroutine reads the first source and
// one per other source looks the documents up, each handing them on
// through a small buffer, so the sources are read side by side while fn
// runs, and only a few documents per source are in memory at a time. It
// returns the first error of a source, after which fn is called no more.
func inEveryFile(srcs []*source, fn func(d annotate.Document, spans [][]annotate.Span)) error {
	type doc struct {
		d     annotate.Document
		spans [][]annotate.Span
	}
	const buffer = 16
	done := make(chan struct{})
	var once sync.Once
	stop := func() { once.Do(func() { close(done) }) }
	errs := make([]error, len(srcs))
	var wg sync.WaitGroup

	first := make(chan doc, buffer)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(first)
		errs[0] = srcs[0].forEach(func(rec annotate.Record) error {
			spans := make([][]annotate.Span, len(srcs))
			spans[0] = rec.Spans
			select {
			case first <- doc{rec.Document, spans}:
				return nil
			case <-done:
				return errStopped
			}
		})
		if errs[0] != nil {
			stop()
		}
	}()
	in := first
	for k := 1; k < len(srcs); k++ {
		out := make(chan doc, buffer)
		wg.Add(1)
		go func(k int, in <-chan doc, out chan<- doc) {
			defer wg.Done()
			defer close(out)
			for x := range in { // after an error, only drains in
				if errs[k] != nil {
					continue
				}
				rec, ok, err := srcs[k].lookup(&x.d)
				if err != nil {
					errs[k] = err
					stop()
					continue
				}
				if !ok {
					continue
				}
				x.spans[k] = rec.Spans
				select {
				case out <- x:
				case <-done:
				}
			}
		}(k, in, out)
		in = out
	}
	failed := false
	for x := range in {
		select {
		case <-done:
			failed = true
		default:
		}
		if !failed {
			fn(x.d, x.spans)
		}
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && !errors.Is(err, errStopped) {
			return err
		}
	}
	return nil
}
