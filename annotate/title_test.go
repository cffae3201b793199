package annotate

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestDocumentTitle(t *testing.T) {
	long := strings.Repeat("word ", 30) // 150 code points
	tests := []struct {
		name, text, want string
	}{
		{"short line", "Minister denies the report.", "Minister denies the report."},
		{"first line only", "Headline here\nThe body follows.", "Headline here"},
		{"blank lines first", "\n\n  \r\n  Late start \nbody", "Late start"},
		{"white space collapsed", "A\t\tB   C\u00a0D", "A B C D"},
		{"invisible characters are space", "Zero\u200bwidth\u200e mark", "Zero width mark"},
		{"empty", "", ""},
		{"only white space", " \n\t\n ", ""},
		{"exactly the limit", strings.Repeat("a", MaxDerivedTitle), strings.Repeat("a", MaxDerivedTitle)},
		{"cut after a whole word", long, strings.TrimSpace(strings.Repeat("word ", 16)) + "…"},
		{"one long word cut inside", strings.Repeat("x", 200), strings.Repeat("x", MaxDerivedTitle-1) + "…"},
		{"cut at a space", strings.Repeat("b", MaxDerivedTitle-1) + " tail", strings.Repeat("b", MaxDerivedTitle-1) + "…"},
		{"right to left", "قال الوزير إن التقرير خاطئ", "قال الوزير إن التقرير خاطئ"},
		{"CJK without spaces", strings.Repeat("中", 100), strings.Repeat("中", MaxDerivedTitle-1) + "…"},
		{"paragraph separator ends the line", "First\u2029Second", "First"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DocumentTitle(tt.text)
			if got != tt.want {
				t.Errorf("DocumentTitle(%q) = %q, want %q", tt.text, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > MaxDerivedTitle {
				t.Errorf("title of %d code points, over %d", n, MaxDerivedTitle)
			}
		})
	}
}

// TestCompleteGivesATitle: a document completed without a title (or with
// one of white space only) takes its first words; a title given stays.
func TestCompleteGivesATitle(t *testing.T) {
	now := time.Date(2026, 12, 5, 21, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ title, text, want string }{
		{"", "Iraq's minister spoke.\nMore text.", "Iraq's minister spoke."},
		{" \t", "Words here", "Words here"},
		{"\u200b", "Words here", "Words here"},
		{"Given", "Words here", "Given"},
		{"", "   ", ""},
	} {
		d := Document{ID: "d1", Title: tt.title, Text: tt.text}
		if err := d.Complete(now, ""); err != nil {
			t.Fatal(err)
		}
		if d.Title != tt.want {
			t.Errorf("Complete of title %q, text %q: title %q, want %q", tt.title, tt.text, d.Title, tt.want)
		}
	}
}
