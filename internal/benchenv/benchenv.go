// Package benchenv holds what Claimdesk's benchmarks share to measure
// against their limits (issue #11): a bare fsync of a 4 KiB write on the
// disk a benchmark writes to, the name of that disk's file system, and the
// median and 99th percentile of one operation's durations.
package benchenv

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// Fsync4KiB is the body of a package's BenchmarkFsync4KiB: each operation
// writes 4 KiB at the start of a file in b.TempDir() and syncs it
// (f.Sync, fsync(2)), the floor of one committed transaction on that disk
// (bbolt syncs twice per commit). It logs which file system the
// directory is on: on tmpfs fsync is free. It reports p50-ms and p99-ms.
func Fsync4KiB(b *testing.B) {
	b.Helper()
	dir := b.TempDir()
	b.Logf("fsync in %s: %s", dir, Disk(dir))
	f, err := os.Create(filepath.Join(dir, "fsync"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for i := range buf {
		buf[i] = byte(i)
	}
	var lat Latencies
	for i := 0; b.Loop(); i++ {
		t := time.Now()
		buf[0] = byte(i)
		if _, err := f.WriteAt(buf, 0); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		lat.Add(time.Since(t))
	}
	lat.Report(b)
}

// Latencies collects the durations of a benchmark's operations.
type Latencies struct {
	d []time.Duration
}

// Add records one operation's duration.
func (l *Latencies) Add(d time.Duration) { l.d = append(l.d, d) }

// Percentile returns the p-th percentile (0 < p <= 100, nearest rank) of
// the durations recorded, or 0 without any.
func (l *Latencies) Percentile(p float64) time.Duration {
	if len(l.d) == 0 {
		return 0
	}
	s := slices.Clone(l.d)
	slices.Sort(s)
	i := int(float64(len(s))*p/100+0.999999) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// Report reports the median and the 99th percentile of the durations, in
// milliseconds, as the metrics p50-ms and p99-ms.
func (l *Latencies) Report(b *testing.B) {
	if len(l.d) == 0 {
		return
	}
	b.ReportMetric(float64(l.Percentile(50))/1e6, "p50-ms")
	b.ReportMetric(float64(l.Percentile(99))/1e6, "p99-ms")
}

// Disk describes the file system dir is on: its type and, where the
// system says, the device and mount point, as "ext4 (/dev/vda on /)".
// On tmpfs it adds that fsync is free there.
func Disk(dir string) string {
	typ, dev, mnt := diskOf(dir)
	s := typ
	if dev != "" {
		s += fmt.Sprintf(" (%s on %s)", dev, mnt)
	}
	if typ == "tmpfs" || typ == "ramfs" {
		s += ": memory, fsync is free"
	}
	return s
}
