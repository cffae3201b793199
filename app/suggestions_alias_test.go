package app

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/annotate"
	"claimdesk/store"
)

// TestSuggestionAliasesFollowEdits: the entity mentions the suggestions
// read are kept from one document to the next, and read again after an
// edit that removes a span naming an entity: deleting the only "Mr Hong"
// that names Hong Lei leaves the next document's "Mr Hong" unnamed, and
// undoing the deletion names it again.
func TestSuggestionAliasesFollowEdits(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "p.claimdesk"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	short := annotate.NewDocument("short", "test", "“We will help,” said Mr Hong.", now)
	other := annotate.NewDocument("other", "test", "Mr Hong spoke first.", now)
	hong := annotate.Entity{ID: "e-hong", Name: "Hong Lei"}
	mention := annotate.NewSpan(other.ID, 0, 7, annotate.LabelActor, "ana", now)
	mention.Entity = hong.ID
	if _, err := st.Import([]annotate.Record{{Document: short},
		{Document: other, Spans: []annotate.Span{mention}, Entities: map[string]annotate.Entity{hong.ID: hong}}}, "ana"); err != nil {
		t.Fatal(err)
	}
	u := New(test.NewTempApp(t), st, Options{Annotator: "ana"})
	u.win.Resize(fyne.NewSize(1280, 800))
	u.openDocument(short.ID)
	u.ToggleSuggestions()
	entity := func(when string) string {
		t.Helper()
		sugs, _ := u.ShownSuggestions()
		if len(sugs) != 1 {
			t.Fatalf("%s: %d suggestions", when, len(sugs))
		}
		return sugs[0].Entity
	}
	if got := entity("on"); got != hong.ID {
		t.Fatalf("on: the actor names %q, want %s by its alias", got, hong.ID)
	}
	if u.sugg.aliasesOf != u.sess || len(u.sugg.aliases[hong.ID]) != 1 {
		t.Fatalf("the aliases read are not kept: %v", u.sugg.aliases)
	}
	u.openDocument(other.ID)
	if err := u.sess.SelectSpan(mention.ID); err != nil {
		t.Fatal(err)
	}
	u.DeleteSelected()
	if u.sugg.aliases != nil {
		t.Fatal("deleting a span that names an entity kept the aliases")
	}
	u.openDocument(short.ID)
	if got := entity("after the deletion"); got != "" {
		t.Errorf("after the deletion: the actor names %q, want none", got)
	}
	u.openDocument(other.ID)
	u.Undo()
	u.openDocument(short.ID)
	if got := entity("after undo"); got != hong.ID {
		t.Errorf("after undo: the actor names %q, want %s", got, hong.ID)
	}
}
