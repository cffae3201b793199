package benchenv

import (
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var l Latencies
	if got := l.Percentile(50); got != 0 {
		t.Errorf("empty: p50 = %v, want 0", got)
	}
	for i := 100; i >= 1; i-- { // out of order
		l.Add(time.Duration(i) * time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{50, 50 * time.Millisecond}, {99, 99 * time.Millisecond}, {100, 100 * time.Millisecond}, {1, time.Millisecond}} {
		if got := l.Percentile(c.p); got != c.want {
			t.Errorf("p%v = %v, want %v", c.p, got, c.want)
		}
	}
	if l.d[0] != 100*time.Millisecond {
		t.Error("Percentile sorted the recorded durations in place")
	}
}

func TestDisk(t *testing.T) {
	d := Disk(t.TempDir())
	if d == "" || strings.Contains(d, "unknown file system (") {
		t.Errorf("Disk(TempDir) = %q", d)
	}
	t.Log(d)
}
