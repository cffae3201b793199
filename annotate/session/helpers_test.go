package session_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/session"
	"claimdesk/store"
	berrors "go.etcd.io/bbolt/errors"
)

// fataler is what the helpers need of a test: *testing.T and *rapid.T
// are both one.
type fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// articlePath is the project's test article (curly quotes, thin and
// no-break spaces, emoji, a right-to-left name).
const articlePath = "../../testdata/article.txt"

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

// openStore opens (creating) the project file at path and registers a
// cleanup that checks and closes it.
func openStore(tb testing.TB, path string, opts store.Options) *store.Store {
	tb.Helper()
	st, err := store.Open(path, opts)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	tb.Cleanup(func() {
		if err := st.Check(); err != nil {
			if errors.Is(err, berrors.ErrDatabaseNotOpen) {
				return // closed by the test
			}
			tb.Errorf("check %s: %v", path, err)
		}
		if err := st.Close(); err != nil {
			tb.Errorf("close %s: %v", path, err)
		}
	})
	return st
}

// newStore opens a new project in a temporary directory.
func newStore(tb testing.TB) *store.Store {
	tb.Helper()
	return openStore(tb, filepath.Join(tb.TempDir(), "test.claimdesk"), store.Options{})
}

// importDoc imports a document with the text and the given spans and
// relations (spans by "bo" unless they name their annotator), and returns
// its id.
func importDoc(tb fataler, st *store.Store, title, text string, spans []annotate.Span, rels []annotate.Relation) string {
	tb.Helper()
	doc := annotate.NewDocument(title, "test", text, time.Now())
	res, err := st.Import([]annotate.Record{{Document: doc, Spans: spans, Relations: rels}}, "bo")
	if err != nil {
		tb.Fatalf("import %q: %v", title, err)
	}
	if res.Documents != 1 || res.Spans != len(spans) || res.Relations != len(rels) {
		tb.Fatalf("import %q: %+v", title, res)
	}
	return doc.ID
}

// find returns the code-point offsets of the n-th (0-based) occurrence of
// sub in text.
func find(tb fataler, text, sub string, n int) (int, int) {
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

// span returns a span by annotator over the n-th occurrence of sub, for
// an import (without a document id).
func span(tb fataler, text, sub string, n int, label, annotator string) annotate.Span {
	tb.Helper()
	start, end := find(tb, text, sub, n)
	return annotate.NewSpan("", start, end, label, annotator, time.Date(2024, 10, 3, 9, 15, 0, 0, time.UTC))
}

// clock is a deterministic clock: each reading is a second after the last.
type clock struct{ t time.Time }

func newClock() *clock { return &clock{t: time.Date(2025, 1, 2, 3, 4, 5, 6, time.UTC)} }

func (c *clock) now() time.Time {
	c.t = c.t.Add(time.Second)
	return c.t
}

// newSession returns a session on p by "ana" with a deterministic clock.
func newSession(tb fataler, p annotate.Project) *session.Session {
	tb.Helper()
	s, err := session.New(p, "ana", newClock().now)
	if err != nil {
		tb.Fatalf("new session: %v", err)
	}
	return s
}

// open opens the document id in s.
func open(tb fataler, s *session.Session, id string) {
	tb.Helper()
	if err := s.Open(id); err != nil {
		tb.Fatalf("open %s: %v", id, err)
	}
}

// must returns a function that fails the test on an edit's error and
// returns its effect: must(t)(s.AddSpan(...)).
func must(tb fataler) func(session.Effect, error) session.Effect {
	return func(eff session.Effect, err error) session.Effect {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		return eff
	}
}

// step returns a function that fails the test unless an undo or redo
// returned a command and no error: step(t)(s.Undo()).
func step(tb fataler) func(session.Effect, session.Command, error) (session.Effect, session.Command) {
	return func(eff session.Effect, cmd session.Command, err error) (session.Effect, session.Command) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		if cmd == nil {
			tb.Fatal("nothing was undone or redone")
		}
		return eff, cmd
	}
}

// wantCode fails the test unless err has the code.
func wantCode(tb fataler, err error, code string) {
	tb.Helper()
	if got := annotate.ErrorCode(err); got != code {
		tb.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

// storedSpans returns the spans the store holds for a document.
func storedSpans(tb fataler, p annotate.Project, docID string) []annotate.Span {
	tb.Helper()
	spans, err := p.Spans(docID)
	if err != nil {
		tb.Fatal(err)
	}
	return spans
}

// storedRelations returns the relations the store holds for a document.
func storedRelations(tb fataler, p annotate.Project, docID string) []annotate.Relation {
	tb.Helper()
	rels, err := p.Relations(docID)
	if err != nil {
		tb.Fatal(err)
	}
	return rels
}

// equalSpans reports whether two span lists are equal, comparing times
// with time.Time.Equal.
func equalSpans(a, b []annotate.Span) bool {
	return slices.EqualFunc(a, b, func(x, y annotate.Span) bool {
		return x.ID == y.ID && x.DocumentID == y.DocumentID && x.Start == y.Start && x.End == y.End &&
			x.Label == y.Label && x.Annotator == y.Annotator && x.Note == y.Note &&
			x.Entity == y.Entity && x.Concept == y.Concept &&
			x.Created.Equal(y.Created) && x.Updated.Equal(y.Updated)
	})
}

// equalRelations reports whether two relation lists hold the same
// relations, in any order.
func equalRelations(a, b []annotate.Relation) bool {
	cmp := func(x, y annotate.Relation) int { return strings.Compare(x.ID, y.ID) }
	a, b = slices.Clone(a), slices.Clone(b)
	slices.SortFunc(a, cmp)
	slices.SortFunc(b, cmp)
	return slices.Equal(a, b)
}

// equalDocs reports whether two document lists are equal, comparing times
// with time.Time.Equal.
func equalDocs(a, b []annotate.DocumentInfo) bool {
	return slices.EqualFunc(a, b, func(x, y annotate.DocumentInfo) bool {
		return x.ID == y.ID && x.Title == y.Title && x.Source == y.Source && x.Status == y.Status &&
			x.Spans == y.Spans && x.Created.Equal(y.Created)
	})
}

// wantSynced fails the test unless the session shows what p stores: the
// document list (counts and statuses), and the open document's status,
// spans and relations. The document list is compared by id, so that a
// project that lists its documents in another order passes.
func wantSynced(tb fataler, s *session.Session, p annotate.Project) {
	tb.Helper()
	docs, err := p.Documents()
	if err != nil {
		tb.Fatal(err)
	}
	got := s.Documents()
	byID := func(x, y annotate.DocumentInfo) int { return strings.Compare(x.ID, y.ID) }
	slices.SortFunc(docs, byID)
	slices.SortFunc(got, byID)
	if !equalDocs(got, docs) {
		tb.Fatalf("session documents\n%+v\nstored\n%+v", got, docs)
	}
	entities, err := p.Entities()
	if err != nil {
		tb.Fatal(err)
	}
	if got := s.Entities(); !reflect.DeepEqual(got, entities) && (len(got) > 0 || len(entities) > 0) {
		tb.Fatalf("session actors\n%+v\nstored\n%+v", got, entities)
	}
	concepts, err := p.Concepts()
	if err != nil {
		tb.Fatal(err)
	}
	if got := s.Concepts(); !reflect.DeepEqual(got, concepts) && (len(got) > 0 || len(concepts) > 0) {
		tb.Fatalf("session concepts\n%+v\nstored\n%+v", got, concepts)
	}
	id := s.Document().ID
	if id == "" {
		return
	}
	doc, err := p.Document(id)
	if err != nil {
		tb.Fatal(err)
	}
	if s.Document().Status != doc.Status {
		tb.Fatalf("session says document %s is %s; stored: %s", id, s.Document().Status, doc.Status)
	}
	if spans := storedSpans(tb, p, id); !equalSpans(s.Spans(), spans) {
		tb.Fatalf("session spans\n%+v\nstored\n%+v", s.Spans(), spans)
	}
	rels := storedRelations(tb, p, id)
	if !equalRelations(s.Relations(), rels) {
		tb.Fatalf("session relations\n%+v\nstored\n%+v", s.Relations(), rels)
	}
	if !slices.IsSortedFunc(s.Relations(), func(x, y annotate.Relation) int { return strings.Compare(x.ID, y.ID) }) {
		tb.Fatalf("session relations are not in id order: %+v", s.Relations())
	}
}

// state is everything a session shows, for checking that a refused or
// failed edit changed nothing.
type state struct {
	Docs             []annotate.DocumentInfo
	Doc              annotate.Document
	Spans            []annotate.Span
	Relations        []annotate.Relation
	SelStart, SelEnd int
	SelSpan          string
	CanUndo, CanRedo bool
	Entities         []annotate.Entity
	Concepts         []annotate.Concept
}

func snapshot(s *session.Session) state {
	start, end := s.Selection()
	return state{Docs: s.Documents(), Doc: s.Document(), Spans: s.Spans(), Relations: s.Relations(),
		SelStart: start, SelEnd: end, SelSpan: s.SelectedSpan(), CanUndo: s.CanUndo(), CanRedo: s.CanRedo(),
		Entities: s.Entities(), Concepts: s.Concepts()}
}

// wantState fails the test unless the session shows the state want.
func wantState(tb fataler, s *session.Session, want state) {
	tb.Helper()
	if got := snapshot(s); !reflect.DeepEqual(got, want) {
		tb.Fatalf("session state changed:\n got %+v\nwant %+v", got, want)
	}
}
