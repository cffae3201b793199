package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/storage"
)

// prefLastFolder is the folder of the file or folder chosen last in a file
// chooser, where the next one starts.
const prefLastFolder = "lastFolder"

// fileRequest is what a file chooser asks the user for.
type fileRequest struct {
	title  string
	dir    string   // the folder the chooser starts in
	what   string   // what the files are, for the filter: "Projects"
	exts   []string // the extensions offered, lower case with their dot; nil: any file
	folder bool     // a folder rather than a file
}

// fileChooser asks the user for an existing file or folder.
type fileChooser interface {
	// choose shows the chooser for req over u's window and calls done on
	// the UI goroutine with the path chosen; not at all when the user
	// cancels.
	choose(u *UI, req fileRequest, done func(path string))
}

// errNoNativeDialog says that the platform offers no file dialog here (no
// portal, no zenity or kdialog on Linux; a build for another system): the
// window shows Fyne's.
var errNoNativeDialog = errors.New("no platform file dialog")

// nativeDialog shows the platform's file dialog for req, parented to the
// window with the native handle parent (an X11 window id; 0 if unknown),
// and returns the path chosen, "" when the user cancels, or an error
// (errNoNativeDialog when there is none). It blocks until the user
// answers: never call it on the UI goroutine. Each platform has its own
// (filechooser_*.go).
type nativeDialog func(req fileRequest, parent uintptr) (string, error)

// nativeChooser shows the platform's file dialog (run), off the UI
// goroutine, and Fyne's when the platform has none or its dialog fails.
type nativeChooser struct {
	run  nativeDialog
	busy bool // a dialog is open: another waits for it to close
}

func (c *nativeChooser) choose(u *UI, req fileRequest, done func(path string)) {
	if c.busy {
		u.setStatus("A file dialog is open already: answer it first")
		return
	}
	c.busy = true
	parent := nativeHandle(u.win)
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		path, err := c.run(req, parent)
		fyne.Do(func() {
			c.busy = false
			switch {
			case err != nil:
				if !errors.Is(err, errNoNativeDialog) {
					fyne.LogError("platform file dialog (Fyne's shown instead)", err)
				}
				fyneChooser{}.choose(u, req, done)
			case path != "":
				done(path)
			}
		})
	}()
}

// nativeHandle is the X11 window id of w, or 0 (another system, Wayland,
// the test driver).
func nativeHandle(w fyne.Window) uintptr {
	var h uintptr
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if x, ok := ctx.(driver.X11WindowContext); ok {
				h = x.WindowHandle
			}
		})
	}
	return h
}

// fyneChooser is Fyne's own file dialog, drawn inside the window: the
// fallback, and what tests drive.
type fyneChooser struct{}

func (fyneChooser) choose(u *UI, req fileRequest, done func(path string)) {
	var d *dialog.FileDialog
	if req.folder {
		d = dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil {
				u.dlg.Error(err)
				return
			}
			if l != nil {
				done(l.Path())
			}
		}, u.win)
	} else {
		d = dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				u.dlg.Error(err)
				return
			}
			if r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			done(path)
		}, u.win)
		if len(req.exts) > 0 {
			d.SetFilter(storage.NewExtensionFileFilter(req.exts))
		}
	}
	d.SetTitleText(req.title)
	if s := u.win.Canvas().Size(); s.Width > 0 { // larger than Fyne's default: fewer clicks to reach a file
		d.Resize(fyne.NewSize(min(1000, s.Width*0.9), min(700, s.Height*0.9)))
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(req.dir)); err == nil {
		d.SetLocation(l)
	}
	u.dlg.Show(d, func() {}, d.Dismiss) // Enter: the dialog's own fields
}

// chooseFile asks for an existing file (folder: a folder) with one of exts
// and calls fn with its path, starting in the folder used last, and
// remembers the chosen file's folder for the next time.
func (u *UI) chooseFile(title, what string, exts []string, folder bool, fn func(path string)) {
	req := fileRequest{title: title, dir: u.lastFolder(), what: what, exts: exts, folder: folder}
	u.fileChooser().choose(u, req, func(path string) {
		dir := filepath.Dir(path)
		if folder {
			dir = path
		}
		if abs, err := filepath.Abs(dir); err == nil {
			u.app.Preferences().SetString(prefLastFolder, abs)
		}
		fn(path)
	})
}

// lastFolder is the folder of the file chosen last when it still exists,
// else the open project's folder, else the home folder.
func (u *UI) lastFolder() string {
	if dir := u.app.Preferences().String(prefLastFolder); dir != "" {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir
		}
	}
	return u.defaultFolder()
}

// fileChooser is the chooser the window uses: the platform's dialog when
// Options.NativeFileDialog asks for it, else Fyne's.
func (u *UI) fileChooser() fileChooser {
	if u.files == nil {
		u.files = fyneChooser{}
		if u.opts.NativeFileDialog {
			u.files = &nativeChooser{run: platformDialog}
		}
	}
	return u.files
}

// filterName is the name of req's filter: "Projects (*.claimdesk)".
func (req fileRequest) filterName() string {
	globs := make([]string, len(req.exts))
	for i, e := range req.exts {
		globs[i] = "*" + e
	}
	return req.what + " (" + strings.Join(globs, " ") + ")"
}
