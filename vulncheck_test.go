package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVulncheck runs scripts/vulncheck (part of make test) on module lists
// of its own: it must fail on a module older than a listed fix, pass on
// the fixed version and later ones, and ignore modules not in the build.
func TestVulncheck(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash to run scripts/vulncheck")
	}
	dir := t.TempDir()
	vulns := filepath.Join(dir, "vulns.txt")
	writeVulncheckFile(t, vulns, "# a comment\n"+
		"golang.org/x/net v0.45.0 CVE-2025-47911 html.Parse quadratic parsing\n"+
		"golang.org/x/sys v0.0.0-20220412211240-33da011f77ad CVE-2022-29526 Faccessat\n"+
		"example.com/absent v1.0.0 CVE-0000-0000 not in the build\n")
	tests := []struct {
		name, modules string
		fail          bool
	}{
		{"old x/net", "golang.org/x/net v0.43.0\n", true},
		{"old x/net, two digits", "golang.org/x/net v0.9.0\n", true},
		{"fixed x/net", "golang.org/x/net v0.45.0\n", false},
		{"later x/net", "golang.org/x/net v0.100.0\n", false},
		{"older pseudo-version", "golang.org/x/sys v0.0.0-20220101000000-abcdefabcdef\n", true},
		{"later release than a pseudo-version", "golang.org/x/sys v0.50.0\n", false},
		{"module with a similar name", "golang.org/x/net2 v0.1.0\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mods := filepath.Join(dir, "modules.txt")
			writeVulncheckFile(t, mods, "claimdesk\n"+tt.modules)
			out, err := exec.Command("bash", "scripts/vulncheck", vulns, mods).CombinedOutput()
			if failed := err != nil; failed != tt.fail {
				t.Fatalf("vulncheck failed = %v, want %v:\n%s", failed, tt.fail, out)
			}
			if tt.fail && !strings.Contains(string(out), "CVE-") {
				t.Errorf("the failure names no CVE:\n%s", out)
			}
		})
	}
	// The repository's own list is well formed: module, version, CVE, words.
	data, err := os.ReadFile("scripts/vulns.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) < 4 || !strings.HasPrefix(f[1], "v") || !strings.HasPrefix(f[2], "CVE-") {
			t.Errorf("scripts/vulns.txt:%d: want module, fixed version, CVE and what it is: %q", i+1, line)
		}
	}
}

func writeVulncheckFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
