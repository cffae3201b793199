//go:build (linux || freebsd || openbsd || netbsd) && !android

package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeTool puts a program named name on an otherwise empty PATH that
// writes its arguments, one a line, to args.txt, prints out and exits
// with code.
func fakeTool(t *testing.T, name, out string, code int) (argsFile string) {
	t.Helper()
	dir := t.TempDir()
	argsFile = filepath.Join(dir, "args.txt")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >" + argsFile + "\nprintf '%s' '" + out + "'\nexit " + string(rune('0'+code)) + "\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "") // no portal
	t.Setenv("XDG_CURRENT_DESKTOP", "")
	return argsFile
}

// TestZenityDialog: without a desktop portal, zenity is asked for a file
// of the request's types, starting in its folder, over the window; its
// answer is the path, its exit code 1 a Cancel, another failure an error
// (the window then shows Fyne's dialog).
func TestZenityDialog(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	req := fileRequest{title: "Open a project", dir: "/data/news", what: "Claimdesk projects", exts: []string{".claimdesk"}}
	args := fakeTool(t, "zenity", "/data/news/a b.claimdesk\n", 0)
	path, err := platformDialog(req, 4242)
	if err != nil || path != "/data/news/a b.claimdesk" {
		t.Fatalf("zenity's answer: %q, %v", path, err)
	}
	got, _ := os.ReadFile(args)
	for _, want := range []string{"--file-selection", "--title=Open a project", "--filename=/data/news/",
		"--file-filter=Claimdesk projects | *.claimdesk *.CLAIMDESK", "--modal", "--attach=4242"} {
		if !strings.Contains(string(got), want+"\n") {
			t.Errorf("zenity was not given %s:\n%s", want, got)
		}
	}
	fakeTool(t, "zenity", "", 1)
	if path, err := platformDialog(req, 0); path != "" || err != nil {
		t.Errorf("a Cancel in zenity: %q, %v", path, err)
	}
	fakeTool(t, "zenity", "", 5)
	if _, err := platformDialog(req, 0); err == nil {
		t.Error("zenity's failure is not an error")
	}
	args = fakeTool(t, "kdialog", "/data/news\n", 0)
	req.folder = true
	if path, err := platformDialog(req, 0); err != nil || path != "/data/news" {
		t.Fatalf("kdialog's answer: %q, %v", path, err)
	}
	if got, _ := os.ReadFile(args); !strings.HasPrefix(string(got), "--getexistingdirectory\n/data/news\n") {
		t.Errorf("kdialog was given:\n%s", got)
	}
	fakeTool(t, "nothing", "", 0)
	if _, err := platformDialog(req, 0); err != errNoNativeDialog {
		t.Errorf("with no dialog program: %v, want errNoNativeDialog", err)
	}
}
