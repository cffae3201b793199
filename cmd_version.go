package main

import (
	_ "embed"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/BurntSushi/toml"
)

// version overrides the release version when set with -ldflags
// "-X main.version=...".
var version string

// fyneApp is the app's metadata, which `fyne package` builds into the
// desktop archive: the version printed is its version.
//
//go:embed FyneApp.toml
var fyneApp []byte

// releaseVersion returns version if set, else FyneApp.toml's
// [Details] Version.
func releaseVersion() string {
	if version != "" {
		return version
	}
	var meta struct {
		Details struct{ Version string }
	}
	if _, err := toml.Decode(string(fyneApp), &meta); err != nil || meta.Details.Version == "" {
		return "unknown"
	}
	return meta.Details.Version
}

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
	fmt.Fprintf(stdout, "claimdesk %s%s %s\n", releaseVersion(), commit, runtime.Version())
	return nil
}
