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

// sharedArticle is the real article every script can import as article.txt.
const sharedArticle = "../shared/articles/china-iraq.txt"

// TestScripts runs the CLI as a user types it: testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	article, err := os.ReadFile(sharedArticle)
	if err != nil {
		t.Fatalf("the shared test article is missing: %v", err)
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
