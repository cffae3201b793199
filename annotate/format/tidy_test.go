package format

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

// TestCollapseSpacesAndCutTitle: collapseSpaces and cutTitle, written out
// for speed on long texts, do what their plain forms do: a regular
// expression, and strings.Fields then a cut.
func TestCollapseSpacesAndCutTitle(t *testing.T) {
	spaceRun := regexp.MustCompile(`[ \t\f\v]{2,}|\t`)
	plainTitle := func(s string) string {
		s = strings.Join(strings.Fields(s), " ")
		if utf8.RuneCountInString(s) <= maxTitle {
			return s
		}
		return strings.TrimSpace(string([]rune(s)[:maxTitle]))
	}
	text := rapid.Custom(func(t *rapid.T) string {
		parts := rapid.SliceOf(rapid.OneOf(rapid.SampledFrom([]string{" ", "  ", "\t", "\f", "\v", "\n", "\u00a0", "\u2009", "x", "é", "😀"}),
			rapid.String(), rapid.StringN(100, 200, -1))).Draw(t, "parts")
		return strings.Join(parts, "")
	})
	rapid.Check(t, func(t *rapid.T) {
		s := text.Draw(t, "s")
		if got, want := collapseSpaces(s), spaceRun.ReplaceAllString(s, " "); got != want {
			t.Fatalf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
		if got, want := cutTitle(s), plainTitle(s); got != want {
			t.Fatalf("cutTitle(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestTidyText: tidyText, written as one pass for pages of tens of
// megabytes, does what its plain form does: invalid UTF-8 replaced,
// carriage returns dropped, each line's spaces collapsed and the line
// trimmed, runs of blank lines made one, the whole trimmed.
func TestTidyText(t *testing.T) {
	blankLines := regexp.MustCompile(`\n{3,}`)
	plain := func(s string) string {
		s = strings.ToValidUTF8(s, "\uFFFD")
		s = strings.ReplaceAll(s, "\r", "")
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimSpace(collapseSpaces(l))
		}
		s = strings.Join(lines, "\n")
		s = blankLines.ReplaceAllString(s, "\n\n")
		return strings.TrimSpace(s)
	}
	text := rapid.Custom(func(t *rapid.T) string {
		parts := rapid.SliceOf(rapid.OneOf(rapid.SampledFrom([]string{" ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\u00a0", "\xff", "\xe2\x80", "x", "é"}),
			rapid.String())).Draw(t, "parts")
		return strings.Join(parts, "")
	})
	rapid.Check(t, func(t *rapid.T) {
		s := text.Draw(t, "s")
		if got, want := tidyText(s), plain(s); got != want {
			t.Fatalf("tidyText(%q) = %q, want %q", s, got, want)
		}
	})
}
