//go:build !linux

package benchenv

// diskOf returns an unknown type outside Linux, which these benchmarks
// do not describe.
func diskOf(dir string) (typ, dev, mnt string) {
	return "file system of unknown type", "", ""
}
