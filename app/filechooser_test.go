package app

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
)

// chooserWindow is a window on the start page whose file chooser is the
// platform's, with run standing for the platform's dialog.
func chooserWindow(t *testing.T, run nativeDialog) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	u := newUI(a, Options{Annotator: "tester", NativeFileDialog: true})
	u.files = &nativeChooser{run: run}
	t.Cleanup(func() { u.Wait() })
	return u
}

// topFileDialog reports whether Fyne's file dialog covers the window.
func topFileDialog(u *UI) bool {
	_, ok := u.dlg.Top().(*dialog.FileDialog)
	return ok
}

// TestNativeChooserStartsInTheLastFolder: the platform's dialog is asked
// to start in the folder of the file chosen last (remembered in the
// preferences), and what it answers reaches the window on the UI
// goroutine; a Cancel does nothing.
func TestNativeChooserStartsInTheLastFolder(t *testing.T) {
	first, second := t.TempDir(), t.TempDir()
	answer := filepath.Join(second, "news.txt")
	var asked []fileRequest
	u := chooserWindow(t, func(req fileRequest, _ uintptr) (string, error) {
		asked = append(asked, req)
		return answer, nil
	})
	u.app.Preferences().SetString(prefLastFolder, first)
	var got []string
	u.choosePath(importExtensions, func(path string) { got = append(got, path) })
	u.Wait()
	if len(asked) != 1 || asked[0].dir != first || asked[0].folder || len(asked[0].exts) != len(importExtensions) {
		t.Fatalf("the dialog was asked %+v, want one file in %s", asked, first)
	}
	if len(got) != 1 || got[0] != answer {
		t.Fatalf("chosen %v, want %s", got, answer)
	}
	if last := u.app.Preferences().String(prefLastFolder); last != second {
		t.Errorf("the last folder is %q, want %q", last, second)
	}
	// The next dialog starts where the last file was.
	answer = ""
	u.choosePath(importExtensions, func(path string) { got = append(got, path) })
	u.Wait()
	if len(asked) != 2 || asked[1].dir != second {
		t.Fatalf("the second dialog was asked %+v, want it to start in %s", asked[len(asked)-1], second)
	}
	if len(got) != 1 || topFileDialog(u) {
		t.Errorf("a cancelled dialog chose %v, or Fyne's dialog showed", got)
	}
	// A remembered folder that is gone: the home folder (no project open).
	os.RemoveAll(second)
	u.choosePath(importExtensions, func(string) {})
	u.Wait()
	if home, _ := os.UserHomeDir(); asked[2].dir != home {
		t.Errorf("with the last folder gone the dialog starts in %q, want %q", asked[2].dir, home)
	}
}

// TestNativeChooserFallsBack: with no platform dialog, or one that fails,
// Fyne's file dialog shows in the window instead.
func TestNativeChooserFallsBack(t *testing.T) {
	for _, fail := range []error{errNoNativeDialog, errors.New("zenity: exit status 255: unknown option")} {
		u := chooserWindow(t, func(fileRequest, uintptr) (string, error) { return "", fail })
		u.chooseProject(false)
		u.Wait()
		if !topFileDialog(u) {
			t.Errorf("%v: Fyne's file dialog does not show", fail)
		}
	}
}

// TestFolderChooserOfTheTargetForm: the new-project form's Folder…
// button asks the platform for a folder, starting in the form's, and
// takes the answer.
func TestFolderChooserOfTheTargetForm(t *testing.T) {
	dir := t.TempDir()
	var asked fileRequest
	u := chooserWindow(t, func(req fileRequest, _ uintptr) (string, error) {
		asked = req
		return dir, nil
	})
	f := u.newTargetForm("x" + projectExt)
	start := f.folder
	f.chooseFolder()
	u.Wait()
	if !asked.folder || asked.dir != start {
		t.Fatalf("asked %+v, want a folder starting in %s", asked, start)
	}
	if f.path() != filepath.Join(dir, "x"+projectExt) {
		t.Errorf("the form's path is %s", f.path())
	}
}

// TestFyneChooserIsTheDefault: without Options.NativeFileDialog (tests,
// CLAIMDESK_FILE_DIALOG=fyne) File → Open… shows Fyne's dialog.
func TestFyneChooserIsTheDefault(t *testing.T) {
	u := newUI(test.NewTempApp(t), Options{Annotator: "tester"})
	u.chooseProject(false)
	if !topFileDialog(u) {
		t.Fatal("Fyne's file dialog does not show")
	}
	if _, ok := u.fileChooser().(fyneChooser); !ok {
		t.Errorf("the chooser is %T", u.fileChooser())
	}
}
