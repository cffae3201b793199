package main

import (
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdCorrupt is the script command "corrupt FILE": it garbles the pages
// of a project file after its two meta pages, as a disk or a torn copy
// might, so that the file still opens but fails its check.
func cmdCorrupt(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! corrupt")
	}
	if len(args) != 1 {
		ts.Fatalf("usage: corrupt FILE")
	}
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_WRONLY, 0)
	ts.Check(err)
	page := os.Getpagesize()
	_, err = f.WriteAt([]byte(strings.Repeat("\xff\x01torn", 8*page/6)), 2*int64(page))
	ts.Check(err)
	ts.Check(f.Close())
}
