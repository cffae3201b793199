package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
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
			"zip":     cmdZip,
			"encode":  cmdEncode,
			"corrupt": cmdCorrupt,
			"damage":  cmdDamage,
			"cpq":     cmdCpq,
			"code":    cmdCode,
			"done":    cmdDone,
			"relabel": cmdRelabel,
			"resize":  cmdResize,
			"uncode":  cmdUncode,
			"decide":  cmdDecide,
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

// cmdZip is the script command "zip ARCHIVE FOLDER": it writes a zip
// archive of the files below FOLDER, named by their slash-separated paths
// inside it, in sorted order; a script builds a .docx file from its parts
// so.
func cmdZip(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! zip")
	}
	if len(args) != 2 {
		ts.Fatalf("usage: zip ARCHIVE FOLDER")
	}
	dir := ts.MkAbs(args[1])
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	ts.Check(err)
	ts.Check(zw.Close())
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), buf.Bytes(), 0o644))
}

// cmdEncode is the script command "encode ENCODING IN OUT": it writes the
// UTF-8 file IN to OUT in ENCODING: utf-16le or utf-16be (with a byte
// order mark), or windows-1252.
func cmdEncode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! encode")
	}
	if len(args) != 3 {
		ts.Fatalf("usage: encode ENCODING IN OUT")
	}
	encodings := map[string]encoding.Encoding{
		"utf-16le":     unicode.UTF16(unicode.LittleEndian, unicode.UseBOM),
		"utf-16be":     unicode.UTF16(unicode.BigEndian, unicode.UseBOM),
		"windows-1252": charmap.Windows1252,
	}
	enc, ok := encodings[args[0]]
	if !ok {
		ts.Fatalf("encode: unknown encoding %q", args[0])
	}
	data, err := os.ReadFile(ts.MkAbs(args[1]))
	ts.Check(err)
	out, err := enc.NewEncoder().Bytes(data)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), out, 0o644))
}

// cmdCpq is the script command "cpq SRC DST VAR": it copies the file SRC
// to DST, a Go string literal ("x\x1b[2Jy.jsonl"), and sets $VAR to that
// name, so that a script can name files with control characters.
func cmdCpq(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: cpq SRC DST VAR")
	}
	dst, err := strconv.Unquote(`"` + args[1] + `"`)
	ts.Check(err)
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(dst), data, 0o644))
	ts.Setenv(args[2], dst)
}
