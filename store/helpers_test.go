package store

import (
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	berrors "go.etcd.io/bbolt/errors"
)

// articlePath is the project's test article: curly quotes, thin and
// no-break spaces, an emoji ZWJ sequence, a flag, a combining accent, a
// right-to-left name and trailing web-page boilerplate.
const articlePath = "../testdata/article.txt"

// article returns the test article's text.
func article(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile(articlePath)
	if err != nil {
		tb.Fatal(err)
	}
	text, err := annotate.NormalizeText(data)
	if err != nil {
		tb.Fatal(err)
	}
	return text
}

// tempPath returns the path of a project file in a fresh temporary directory.
func tempPath(tb testing.TB) string {
	return filepath.Join(tb.TempDir(), "test.claimdesk")
}

// mustOpen opens the project at path and registers a cleanup that checks
// it (bbolt's tx.Check and the domain invariants) and closes it. A test
// may close it earlier itself.
func mustOpen(tb testing.TB, path string, opts Options) *Store {
	tb.Helper()
	s, err := Open(path, opts)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	tb.Cleanup(func() {
		if err := s.Check(); err != nil {
			if errors.Is(err, berrors.ErrDatabaseNotOpen) {
				return // closed by the test
			}
			tb.Errorf("check %s: %v", path, err)
		}
		if err := s.Close(); err != nil {
			tb.Errorf("close %s: %v", path, err)
		}
	})
	return s
}

// newStore opens a new project in a temporary directory.
func newStore(tb testing.TB) *Store {
	tb.Helper()
	return mustOpen(tb, tempPath(tb), Options{})
}

// find returns the code-point offsets of the n-th (0-based) occurrence of
// sub in text.
func find(tb testing.TB, text, sub string, n int) (int, int) {
	tb.Helper()
	off := 0
	for {
		i := strings.Index(text[off:], sub)
		if i < 0 {
			tb.Fatalf("occurrence %d of %q is not in the text", n, sub)
		}
		if n == 0 {
			start := annotate.RuneCount(text[:off+i])
			return start, start + annotate.RuneCount(sub)
		}
		n--
		off += i + len(sub)
	}
}

var testTime = time.Date(2024, 10, 3, 9, 15, 0, 0, time.UTC)

// span returns a span of docID over the n-th occurrence of sub.
func span(tb testing.TB, docID, text, sub string, n int, label string) annotate.Span {
	tb.Helper()
	start, end := find(tb, text, sub, n)
	return annotate.NewSpan(docID, start, end, label, "ana", testTime)
}

// wantCode fails the test unless err has the code.
func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := annotate.ErrorCode(err); got != code {
		tb.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

// fileSum returns the SHA-256 of the file's bytes.
func fileSum(tb testing.TB, path string) [32]byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return sha256.Sum256(data)
}

// dump returns every record of the project, for comparisons.
func dump(tb testing.TB, s *Store) []annotate.Record {
	tb.Helper()
	var recs []annotate.Record
	err := s.ForEachRecord(func(rec annotate.Record) error {
		rec.Spans = append([]annotate.Span(nil), rec.Spans...)
		rec.Relations = append([]annotate.Relation(nil), rec.Relations...)
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return recs
}

// second returns the error of a two-result call.
func second[T any](_ T, err error) error { return err }
