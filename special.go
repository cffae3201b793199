package main

import (
	"os"

	"claimdesk/annotate/format"
)

// refuseSpecialFile returns the error of a path that names a named pipe,
// a device or a socket, given where a project or a backup file is wanted:
// opening one would wait for ever or read without end. A path that does
// not exist (a new project) or a folder is left to the caller's messages.
func refuseSpecialFile(path string) error {
	info, err := os.Stat(path)
	if err != nil || info.IsDir() || info.Mode().IsRegular() {
		return nil
	}
	return format.NotRegularError(path, info.Mode())
}
