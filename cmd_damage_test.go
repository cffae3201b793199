package main

import (
	"encoding/binary"
	"os"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdDamage is the script command "damage FILE HOW": it damages a project
// file as a disk, a USB stick or an interrupted copy do. HOW is zero48
// (48 bytes zeroed in every page after the meta pages, past the page
// headers) or cut PERCENT (the file cut to that share of the bytes its
// meta page counts). Pages are os.Getpagesize() bytes, bbolt's default.
func cmdDamage(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! damage")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: damage FILE zero48 | damage FILE cut PERCENT")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	page := os.Getpagesize()
	switch {
	case args[1] == "zero48":
		for p := 2; (p+1)*page <= len(data); p++ {
			clear(data[p*page+24 : p*page+24+48])
		}
	case args[1] == "cut" && len(args) == 3:
		pct, err := strconv.Atoi(args[2])
		ts.Check(err)
		// The meta page's count of pages (its pgid field, after the page
		// header and magic, version, page size, flags, root and free list).
		used := int(binary.NativeEndian.Uint64(data[16+40:])) * page
		data = data[:used*pct/100]
	default:
		ts.Fatalf("damage: unknown damage %q", args[1:])
	}
	ts.Check(os.WriteFile(path, data, 0o600))
}
