package annotate

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"pgregory.net/rapid"
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

// TestDocumentTitleProperties: for any text, the title is at most
// MaxDerivedTitle code points on one line, without white space at its
// ends or twice in a row; it is the text's first non-blank line with its
// white space collapsed when that fits, and otherwise a prefix of that
// line's words followed by "…"; and a text with a printable character has
// a title.
func TestDocumentTitleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := rapid.OneOf(
			rapid.String(),
			rapid.StringOfN(rapid.RuneFrom([]rune("ab cé\t\n\u00a0\u200b中")), 0, 300, -1),
			rapid.StringOfN(rapid.RuneFrom([]rune("abcdefg  é中")), 70, 300, -1), // one long line
		).Draw(t, "text")
		got := DocumentTitle(text)
		if n := utf8.RuneCountInString(got); n > MaxDerivedTitle {
			t.Fatalf("%d code points", n)
		}
		if strings.ContainsAny(got, "\n\r\t") || strings.Contains(got, "  ") || strings.TrimSpace(got) != got {
			t.Fatalf("title %q has stray white space", got)
		}
		// the first non-blank line, collapsed as the rule collapses it
		var line string
		for l := range strings.Lines(strings.NewReplacer("\r", "\n", "\v", "\n", "\f", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n").Replace(text)) {
			words := strings.FieldsFunc(l, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) })
			if len(words) > 0 {
				line = strings.Join(words, " ")
				break
			}
		}
		if (line == "") != (got == "") {
			t.Fatalf("title %q of first line %q", got, line)
		}
		if got == line {
			return
		}
		prefix, ok := strings.CutSuffix(got, "…")
		if !ok || !strings.HasPrefix(line, prefix) || utf8.RuneCountInString(line) <= MaxDerivedTitle {
			t.Fatalf("title %q is not the line %q or a prefix of it with …", got, line)
		}
	})
}

// TestListName: the title, else the source, else "Untitled" and the id's
// start; never a blank row.
func TestListName(t *testing.T) {
	for _, c := range []struct {
		d    DocumentInfo
		want string
	}{
		{DocumentInfo{ID: "0193a5b2-77", Title: "China offers help", Source: "a.txt"}, "China offers help"},
		{DocumentInfo{ID: "0193a5b2-77", Title: " ", Source: "a.txt"}, "a.txt"},
		{DocumentInfo{ID: "0193a5b2-77"}, "Untitled 0193a5b2"},
		{DocumentInfo{ID: "d1", Title: "\t"}, "Untitled d1"},
	} {
		if got := c.d.ListName(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.d, got, c.want)
		}
	}
}
