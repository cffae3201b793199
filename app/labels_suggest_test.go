package app_test

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"

	"claimdesk/annotate/suggest"
)

// TestLabelsDialogSuggestRules edits the suggester's rules in Settings →
// Labels: a quotation mark entry that is no pair is refused and nothing
// is stored; speech verbs and quotation marks typed in the form and saved
// with Enter are stored in the project's schema (only what differs from
// the defaults), and the suggestions shown follow the new rules at once.
func TestLabelsDialogSuggestRules(t *testing.T) {
	text := readArticle(t)
	p := openProject(t, false, text)
	u, w := newWindow(t, p)
	shortcut(w, fyne.KeyS, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	before, _ := shownSuggestions(t, u)
	if len(before) < 3 {
		t.Fatalf("%d suggestions with the defaults", len(before))
	}
	u.ShowLabels()
	labels := w.Canvas().Overlays().Top()
	if findLabelWith(labels, "English defaults: 29 speech verbs") == nil {
		t.Fatal("Settings → Labels does not sum up the suggestion rules")
	}
	tapIn(t, labels, "Edit suggestion rules…")
	form := w.Canvas().Overlays().Top()
	entryWith(t, form, "Quotation marks").SetText("“ ” „")
	tapIn(t, form, "Save")
	if top := w.Canvas().Overlays().Top(); findLabelWith(top, "is not a pair") == nil {
		t.Fatal("no error for a quotation mark entry that is no pair")
	}
	if sc, err := p.Schema(); err != nil || sc.Suggest != nil {
		t.Fatalf("a refused form stored %s, %v", sc.Suggest, err)
	}
	tapIn(t, w.Canvas().Overlays().Top(), "OK")

	tapIn(t, w.Canvas().Overlays().Top(), "Edit suggestion rules…")
	form = w.Canvas().Overlays().Top()
	entryWith(t, form, "Speech verbs").SetText("said,  sagte, SAID")
	entryWith(t, form, "Quotation marks").SetText("“ ”")
	key(w, fyne.KeyReturn) // in the speech verbs field, which has the focus
	sc, err := p.Schema()
	if err != nil {
		t.Fatal(err)
	}
	got, err := suggest.RulesOf(sc.Suggest)
	if err != nil {
		t.Fatal(err)
	}
	want := suggest.DefaultRules()
	want.SpeechVerbs = []string{"said", "sagte"}
	want.Quotes = []suggest.QuotePair{{Open: "“", Close: "”"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("stored rules %s, read as %+v", sc.Suggest, got)
	}
	if raw := string(sc.Suggest); raw != `{"quotes":[{"open":"“","close":"”"}],"speech_verbs":["said","sagte"]}` {
		t.Errorf("the schema keeps %s, want only what differs from the defaults", raw)
	}
	if findLabelWith(w.Canvas().Overlays().Top(), "The project's own: 2 speech verbs") == nil {
		t.Error("the dialog does not show the new rules")
	}
	after, _ := shownSuggestions(t, u)
	if wantN := len(suggest.New(want, nil).Suggest(text)); len(after) != wantN || len(after) == len(before) {
		t.Errorf("%d suggestions shown after the change (before %d), want %d", len(after), len(before), wantN)
	}
}
