//go:build !windows && !darwin && !((linux || freebsd || openbsd || netbsd) && !android)

package app

// platformDialog: this system has no file dialog the window can use, so
// Fyne's shows.
func platformDialog(fileRequest, uintptr) (string, error) { return "", errNoNativeDialog }
