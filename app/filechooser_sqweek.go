//go:build windows || darwin

package app

import (
	"errors"
	"strings"

	"github.com/sqweek/dialog"
)

// platformDialog shows the system's file dialog (Windows' common dialog,
// macOS's NSOpenPanel) through sqweek/dialog.
func platformDialog(req fileRequest, _ uintptr) (string, error) {
	var path string
	var err error
	if req.folder {
		path, err = dialog.Directory().Title(req.title).SetStartDir(req.dir).Browse()
	} else {
		b := dialog.File().Title(req.title).SetStartDir(req.dir)
		if len(req.exts) > 0 {
			exts := make([]string, len(req.exts))
			for i, e := range req.exts {
				exts[i] = strings.TrimPrefix(e, ".")
			}
			b = b.Filter(req.what, exts...).Filter("All files", "*")
		}
		path, err = b.Load()
	}
	if errors.Is(err, dialog.ErrCancelled) {
		return "", nil
	}
	return path, err
}
