package app

import (
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestMenuPathsNameTheWindowsMenus: every "File → Export…" that the README
// or a message of the window or the command line names is an item of
// that menu of the window (without its "…" in running text).
func TestMenuPathsNameTheWindowsMenus(t *testing.T) {
	u := newUI(test.NewTempApp(t), Options{Annotator: "tester"})
	items := map[string][]string{}
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label != "" {
				items[m.Label] = append(items[m.Label], it.Label)
			}
		}
	}
	texts := map[string]string{}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatalf("the README: %v", err)
	}
	texts["README.md"] = string(readme)
	for _, pattern := range []string{"*.go", "../*.go"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			if !strings.HasSuffix(f, "_test.go") {
				texts[f] = goStrings(t, f)
			}
		}
	}
	path := regexp.MustCompile(`(File|Edit|Settings|View|Help) → `)
	checked := 0
	for name, text := range texts {
		text = strings.Join(strings.Fields(text), " ") // a path may run over a line's end
		for _, loc := range path.FindAllStringSubmatchIndex(text, -1) {
			menu, rest := text[loc[2]:loc[3]], text[loc[1]:]
			found := false
			for _, label := range items[menu] {
				if strings.HasPrefix(rest, label) || strings.HasPrefix(rest, strings.TrimSuffix(label, "…")) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s names %s → %.30s…, which is no item of the window's %s menu %q", name, menu, rest, menu, items[menu])
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("only %d menu paths found", checked)
	}
}

// goStrings returns the string literals of the Go file f, one a line.
func goStrings(t *testing.T, f string) string {
	t.Helper()
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile(f, -1, len(src)), src, nil, 0)
	var b strings.Builder
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.STRING {
			if v, err := strconv.Unquote(lit); err == nil {
				b.WriteString(v + "\n")
			}
		}
	}
	return b.String()
}
