package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is the release version; set with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

var versionCommand = command{
	name:  "version",
	usage: "version",
	help:  "Print Claimdesk's version, the commit it was built from, and the Go version.",
}

func runVersion(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if _, err := parseFlags(fs, versionCommand, args, stdout); err != nil {
		return err
	}
	commit := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				commit = " " + s.Value[:12]
			}
		}
	}
	fmt.Fprintf(stdout, "claimdesk %s%s %s\n", version, commit, runtime.Version())
	return nil
}
