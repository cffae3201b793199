// Command claimdesk is a desktop tool for annotating actors, claims and
// denials in news articles. Without a command it opens the GUI; the
// commands import, export, stats, check and version work headless.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
