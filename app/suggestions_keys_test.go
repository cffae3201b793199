package app

import (
	"os"
	"strings"
	"testing"
)

// TestSuggestionKeysInHelpAndReadme: the keys of the suggestions are in
// the F1 help's list and in the README's key table alike.
func TestSuggestionKeysInHelpAndReadme(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Skipf("no README: %v", err)
	}
	for _, k := range []string{suggestionKey, "Shift+Enter", "Tab", "Backspace"} {
		inHelp := false
		for _, s := range shortcuts {
			if strings.Contains(s[0], k) && strings.Contains(strings.ToLower(s[0]+s[1]), "suggestion") {
				inHelp = true
			}
		}
		if !inHelp {
			t.Errorf("F1 help does not list %s for suggestions", k)
		}
		inReadme := false
		for _, line := range strings.Split(string(readme), "\n") {
			if strings.HasPrefix(line, "| ") && strings.Contains(line, "`"+k+"`") && strings.Contains(line, "suggestion") {
				inReadme = true
			}
		}
		if !inReadme {
			t.Errorf("README's key table does not list %s for suggestions", k)
		}
	}
}
