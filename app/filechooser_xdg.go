//go:build (linux || freebsd || openbsd || netbsd) && !android

package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/rymdport/portal"
	"github.com/rymdport/portal/filechooser"
)

// platformDialog shows the desktop's file dialog: zenity (or its clones
// qarma and matedialog) or kdialog when one is installed, else the XDG
// desktop portal's file chooser when the session has one (rymdport/portal,
// which Fyne itself uses in a Flatpak), else errNoNativeDialog. The
// programs come first because they start in the folder asked for: the
// portal's GTK file chooser before xdg-desktop-portal-gtk 1.15 (Debian 12
// has 1.14) ignores current_folder when opening a file and shows Recent.
func platformDialog(req fileRequest, parent uintptr) (string, error) {
	for _, tool := range dialogTools() {
		if path, err := exec.LookPath(tool); err == nil {
			return toolDialog(path, req, parent)
		}
	}
	if hasPortalFileChooser() {
		return portalDialog(req, parent)
	}
	return "", errNoNativeDialog
}

// dialogTools are the dialog programs tried, in order: kdialog first on
// KDE.
func dialogTools() []string {
	if strings.Contains(strings.ToUpper(os.Getenv("XDG_CURRENT_DESKTOP")), "KDE") {
		return []string{"kdialog", "zenity", "qarma", "matedialog"}
	}
	return []string{"zenity", "qarma", "matedialog", "kdialog"}
}

// hasPortalFileChooser reports whether the session bus has a desktop
// portal with a file chooser. Without a session bus it says no at once
// (no bus is started for it).
func hasPortalFileChooser() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return false
	}
	conn, err := dbus.SessionBus()
	if err != nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var v dbus.Variant
	err = conn.Object("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop").
		CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", 0, "org.freedesktop.portal.FileChooser", "version").
		Store(&v)
	return err == nil && v.Value() != nil
}

// portalDialog asks the portal's file chooser.
func portalDialog(req fileRequest, parent uintptr) (string, error) {
	opts := &filechooser.OpenFileOptions{Directory: req.folder, CurrentFolder: req.dir}
	if len(req.exts) > 0 {
		f := &filechooser.Filter{Name: req.filterName()}
		for _, e := range req.exts {
			f.Rules = append(f.Rules,
				filechooser.Rule{Type: filechooser.GlobPattern, Pattern: "*" + e},
				filechooser.Rule{Type: filechooser.GlobPattern, Pattern: "*" + strings.ToUpper(e)})
		}
		opts.Filters, opts.CurrentFilter = []*filechooser.Filter{f}, f
	}
	handle := ""
	if parent != 0 {
		handle = portal.FormatX11WindowHandle(parent)
	}
	uris, err := filechooser.OpenFile(handle, req.title, opts)
	if err != nil {
		return "", fmt.Errorf("desktop portal's file chooser: %w", err)
	}
	if len(uris) == 0 {
		return "", nil // cancelled
	}
	u, err := url.Parse(uris[0])
	if err != nil || u.Scheme != "file" {
		return "", fmt.Errorf("desktop portal's file chooser gave %q, not a file", uris[0])
	}
	return u.Path, nil
}

// toolDialog runs zenity (or a clone) or kdialog, which print the path
// chosen and exit with 1 when the user cancels.
func toolDialog(tool string, req fileRequest, parent uintptr) (string, error) {
	var args []string
	if filepath.Base(tool) == "kdialog" {
		if req.folder {
			args = []string{"--getexistingdirectory", req.dir}
		} else {
			args = []string{"--getopenfilename", req.dir}
			if len(req.exts) > 0 {
				args = append(args, req.filterName())
			}
		}
		args = append(args, "--title", req.title)
		if parent != 0 {
			args = append(args, "--attach", fmt.Sprint(parent))
		}
	} else {
		args = []string{"--file-selection", "--title=" + req.title, "--filename=" + req.dir + string(filepath.Separator)}
		if req.folder {
			args = append(args, "--directory")
		} else if len(req.exts) > 0 {
			var globs []string
			for _, e := range req.exts {
				globs = append(globs, "*"+e, "*"+strings.ToUpper(e))
			}
			args = append(args, "--file-filter="+req.what+" | "+strings.Join(globs, " "), "--file-filter=All files | *")
		}
		if parent != 0 {
			args = append(args, "--modal", fmt.Sprintf("--attach=%d", parent))
		}
	}
	cmd := exec.Command(tool, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 {
		return "", nil // cancelled
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w: %s", tool, err, strings.TrimSpace(stderr.String()))
	}
	path := strings.TrimSuffix(stdout.String(), "\n")
	if path == "" {
		return "", nil
	}
	return path, nil
}
