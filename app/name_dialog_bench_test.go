package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/store"
)

// BenchmarkProposedEntityInProject: what E proposes for a mention whose
// text no mention of its document names, in a project of 5,000 documents
// (4 KB each) each with 20 named actors: every other document is read
// (annotate.ProposedEntity over the project).
func BenchmarkProposedEntityInProject(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.claimdesk")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ent := annotate.Entity{ID: annotate.NewID(), Name: "Ibrahim Jafari"}
	para := strings.Repeat("Mr Jafari said the talks went on. ", 6) + "\n\n"
	text := strings.Repeat(para, 20)
	var recs []annotate.Record
	for d := range 5000 {
		doc := annotate.NewDocument(fmt.Sprintf("doc %d", d), "bench", fmt.Sprintf("%d ", d)+text, time.Now())
		recs = append(recs, annotate.Record{Document: doc})
	}
	if _, err := st.Import(recs, "ana"); err != nil {
		b.Fatal(err)
	}
	if err := st.PutEntity(ent); err != nil {
		b.Fatal(err)
	}
	docs, _ := st.Documents()
	var spans []annotate.Span
	for _, d := range docs[1:] {
		full, _ := st.Document(d.ID)
		for _, m := range annotate.Mentions(full.Text, "Mr Jafari")[:20] {
			s := annotate.NewSpan(d.ID, m.Start, m.End, annotate.LabelActor, "ana", time.Now())
			s.Entity = ent.ID
			spans = append(spans, s)
		}
	}
	if err := st.AddSpans(spans); err != nil {
		b.Fatal(err)
	}
	a := test.NewTempApp(b)
	u := New(a, st, Options{Annotator: "ana"})
	u.openDocument(docs[0].ID)
	full := u.sess.Document().Text
	m := annotate.Mentions(full, "Mr Jafari")[0]
	mention := annotate.NewSpan(docs[0].ID, m.Start, m.End, annotate.LabelActor, "ana", time.Now())
	for b.Loop() {
		if got := u.proposedEntityName(mention); got != "Ibrahim Jafari" {
			b.Fatalf("proposed %q", got)
		}
	}
}
