package session_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
	"claimdesk/annotate/session"
	"claimdesk/store"
)

// BenchmarkDecide measures a review decision on a document of about
// 1 MB with 5,000 spans of mine and 2,500 links, compared with a
// colleague whose every tenth claim ends a word earlier (250 differences): the comparison
// (spans, links and stored decisions), then T on a boundary difference
// whose claim is linked (one transaction) and its undo (another).
func BenchmarkDecide(b *testing.B) {
	words := strings.Fields(article(b))
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, w := range words {
			sb.WriteString(w)
			sb.WriteByte(' ')
		}
	}
	text := sb.String()
	// Word starts and ends in code points.
	var starts, ends []int
	pos, in := 0, false
	for _, r := range text {
		switch {
		case r != ' ' && !in:
			starts, in = append(starts, pos), true
		case r == ' ' && in:
			ends, in = append(ends, pos), false
		}
		pos++
	}
	var mine, theirs []annotate.Span
	var myRels, theirRels []annotate.Relation
	for k := 0; len(mine) < 5000; k += 12 {
		claim := annotate.Span{ID: fmt.Sprintf("c%d", k), Start: starts[k], End: ends[k+8], Label: annotate.LabelClaim, Annotator: "ana"}
		actor := annotate.Span{ID: fmt.Sprintf("a%d", k), Start: starts[k+10], End: ends[k+11], Label: annotate.LabelActor, Annotator: "ana"}
		mine = append(mine, claim, actor)
		myRels = append(myRels, annotate.Relation{ID: fmt.Sprintf("r%d", k), Type: annotate.RelationSource, From: claim.ID, To: actor.ID})
		tc, ta := claim, actor
		tc.ID, ta.ID, tc.Annotator, ta.Annotator = "t"+claim.ID, "t"+actor.ID, "bo", "bo"
		if (k/12)%10 == 0 {
			tc.End = ends[k+7]
		}
		theirs = append(theirs, tc, ta)
		theirRels = append(theirRels, annotate.Relation{ID: "t" + fmt.Sprint(k), Type: annotate.RelationSource, From: tc.ID, To: ta.ID})
	}
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.claimdesk"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	doc := annotate.NewDocument("big", "bench", text, time.Now())
	if _, err := st.Import([]annotate.Record{{Document: doc, Spans: mine, Relations: myRels}}, "ana"); err != nil {
		b.Fatal(err)
	}
	s, err := session.New(st, "ana", nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Open(doc.ID); err != nil {
		b.Fatal(err)
	}
	t := session.Theirs{Name: "bo", Record: annotate.Record{Spans: theirs, Relations: theirRels}}
	b.Run("compare", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Compare(t); err != nil {
				b.Fatal(err)
			}
		}
	})
	items, err := s.Compare(t)
	if err != nil {
		b.Fatal(err)
	}
	var it review.Item
	for _, x := range items {
		if x.Diff.Kind == review.OtherBoundaries {
			it = x
			break
		}
	}
	if it.Diff.Kind != review.OtherBoundaries || len(items) != 250 {
		b.Fatalf("%d differences, first %+v", len(items), it)
	}
	b.Run("take+undo", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := s.Decide(it, annotate.DecisionTaken, t); err != nil {
				b.Fatal(err)
			}
			if _, cmd, err := s.Undo(); err != nil || cmd == nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(len(items)), "differences")
}
