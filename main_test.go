package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

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
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mtime":   cmdMtime,
			"corrupt": cmdCorrupt,
		},
	})
}

// cmdMtime is the script command "mtime FILE": it prints the file's
// modification time (UTC, to the nanosecond), so that a script can save it
// with "cp stdout" and compare it later.
func cmdMtime(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! mtime")
	}
	if len(args) != 1 {
		ts.Fatalf("usage: mtime FILE")
	}
	info, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	fmt.Fprintln(ts.Stdout(), info.ModTime().UTC().Format(time.RFC3339Nano))
}
