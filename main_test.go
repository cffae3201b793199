package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"claimdesk": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// fixtureArticle is the test article every script can import as
// article.txt: curly quotes, thin and no-break spaces, an emoji ZWJ
// sequence, a flag, a combining accent, a right-to-left name and trailing
// web-page boilerplate.
const fixtureArticle = "testdata/article.txt"

// TestScripts runs the CLI as a user types it: testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	article, err := os.ReadFile(fixtureArticle)
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("CLAIMDESK_ANNOTATOR", "tester")
			env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, "data"))
			return os.WriteFile(filepath.Join(env.WorkDir, "article.txt"), article, 0o644)
		},
	})
}
