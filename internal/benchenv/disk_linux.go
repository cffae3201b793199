package benchenv

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// fsTypes names the statfs magic numbers of common Linux file systems.
var fsTypes = map[int64]string{
	0x01021994: "tmpfs",
	0x858458f6: "ramfs",
	0xef53:     "ext4",
	0x58465342: "xfs",
	0x9123683e: "btrfs",
	0x794c7630: "overlayfs",
	0x2fc12fc1: "zfs",
	0xf2f52010: "f2fs",
	0x6969:     "nfs",
	0xff534d42: "cifs",
	0x65735546: "fuse",
	0x4d44:     "vfat",
	0x5346544e: "ntfs",
}

// diskOf returns the type of the file system dir is on (statfs), and the
// device and mount point of the longest mount point in
// /proc/self/mountinfo that holds dir.
func diskOf(dir string) (typ, dev, mnt string) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return "unknown file system (" + err.Error() + ")", "", ""
	}
	typ = fsTypes[int64(st.Type)]
	if typ == "" {
		typ = fmt.Sprintf("file system 0x%x", st.Type)
	}
	abs, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return typ, "", ""
	}
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return typ, "", ""
	}
	defer f.Close()
	var mtyp string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// id parent major:minor root mountpoint options ... - fstype source superoptions
		fields := strings.Fields(sc.Text())
		sep := -1
		for i, f := range fields {
			if f == "-" {
				sep = i
				break
			}
		}
		if len(fields) < 5 || sep < 0 || sep+2 >= len(fields) {
			continue
		}
		m := fields[4]
		if (abs == m || strings.HasPrefix(abs, strings.TrimSuffix(m, "/")+"/")) && len(m) >= len(mnt) {
			mnt, dev, mtyp = m, fields[sep+2], fields[sep+1]
		}
	}
	if mtyp != "" {
		typ = mtyp // mountinfo tells ext2, ext3 and ext4 apart; statfs does not
	}
	return typ, dev, mnt
}
