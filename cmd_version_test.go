package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestVersionIsFyneApps: `claimdesk version` prints the version that
// FyneApp.toml gives the packaged app.
func TestVersionIsFyneApps(t *testing.T) {
	data, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(data)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"version"}, &out, &errOut); code != 0 {
		t.Fatalf("version: exit %d: %s", code, errOut.String())
	}
	if want := "claimdesk " + string(m[1]) + " "; !strings.HasPrefix(out.String(), want) {
		t.Fatalf("version printed %q, want it to start %q", out.String(), want)
	}
	for _, key := range []string{"Icon", "Name", "ID", "Build"} {
		if !regexp.MustCompile(`(?m)^\s*` + key + `\s*=`).Match(data) {
			t.Errorf("FyneApp.toml has no %s", key)
		}
	}
	if _, err := os.Stat("assets/icon.png"); err != nil {
		t.Errorf("the icon FyneApp.toml names: %v", err)
	}
}
