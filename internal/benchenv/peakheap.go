package benchenv

import (
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// PeakHeap samples the bytes of live and unswept heap objects
// (runtime/metrics, which does not stop the world, unlike ReadMemStats)
// every millisecond until stop is called, and returns the largest value
// seen, in bytes. Benchmarks call it in a run of their own, outside the
// timed loop.
func PeakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done, finished := make(chan struct{}), make(chan struct{})
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	sample := func() {
		metrics.Read(samples)
		if v := samples[0].Value.Uint64(); v > peak.Load() {
			peak.Store(v)
		}
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		sample()
		return peak.Load()
	}
}
