package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/store"
)

// roundScale is the size of BenchmarkRound: $CLAIMDESK_ROUND_BENCH
// "CODERSxDOCUMENTSxSPANS" (spans per coder), by default a small round
// that make bench runs quickly; the figure is 20x5000x100000.
func roundScale(b *testing.B) (coders, docs, spans int) {
	coders, docs, spans = 4, 200, 2000
	if v := os.Getenv("CLAIMDESK_ROUND_BENCH"); v != "" {
		parts := strings.Split(v, "x")
		if len(parts) != 3 {
			b.Fatalf("CLAIMDESK_ROUND_BENCH=%q: want CODERSxDOCUMENTSxSPANS", v)
		}
		var err error
		n := make([]int, 3)
		for i, p := range parts {
			if n[i], err = strconv.Atoi(p); err != nil || n[i] < 1 {
				b.Fatalf("CLAIMDESK_ROUND_BENCH=%q: %q is not a count", v, p)
			}
		}
		coders, docs, spans = n[0], n[1], n[2]
	}
	return coders, docs, spans
}

// peakHeap samples the heap in use until stop is called, which returns
// the peak in MB. With $CLAIMDESK_ROUND_HEAPPROFILE set to a file, the
// heap profile of the phase is written to FILE.PHASE whenever the peak
// grows by a tenth.
func peakHeap(phase string) (stop func() float64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				if f := os.Getenv("CLAIMDESK_ROUND_HEAPPROFILE"); f != "" && m.HeapInuse > peak.Load()*11/10 {
					if out, err := os.Create(f + "." + phase); err == nil {
						pprof.Lookup("heap").WriteTo(out, 0)
						out.Close()
					}
				}
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak.Load()) / (1 << 20)
	}
}

// benchText is a document's text of about n code points of words.
func benchText(rng *rand.Rand, n int) string {
	words := []string{"minister", "said", "the", "government", "would", "deny", "claims", "that", "Tehran", "Beijing", "report", "officials", "on", "Monday", "a", "spokesman"}
	var sb strings.Builder
	for sb.Len() < n {
		sb.WriteString(words[rng.IntN(len(words))])
		sb.WriteByte(' ')
	}
	return sb.String()
}

// BenchmarkRound measures a round at scale: assign, collect and status of
// CODERS coders over DOCUMENTS documents (overlap 0.2), each coder's
// package holding SPANS spans (roundScale). The packages are coded
// through the store before the timer of collect starts; the figures are
// reported per phase in seconds, with the peak heap in MB.
func BenchmarkRound(b *testing.B) {
	nCoders, nDocs, nSpans := roundScale(b)
	for range b.N {
		b.StopTimer()
		dir := b.TempDir()
		lead := filepath.Join(dir, "lead.claimdesk")
		st, err := store.Open(lead, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		recs := make([]annotate.Record, nDocs)
		now := time.Now()
		for i := range recs {
			recs[i] = annotate.Record{Document: annotate.NewDocument(fmt.Sprintf("doc %d", i), "bench", benchText(rng, 1000+rng.IntN(2000)), now)}
		}
		if _, err := st.Import(recs, ""); err != nil {
			b.Fatal(err)
		}
		st.Close()
		recs = nil
		coders := make([]string, nCoders)
		for i := range coders {
			coders[i] = fmt.Sprintf("coder%02d", i+1)
		}

		out := filepath.Join(dir, "round")
		stop := peakHeap("assign")
		start, cpu := time.Now(), cpuSeconds()
		b.StartTimer()
		if code := run([]string{"assign", lead, "-coders", strings.Join(coders, ","), "-overlap", "0.2", "-seed", "1", "-o", out}, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("assign: exit %d", code)
		}
		b.StopTimer()
		b.ReportMetric(time.Since(start).Seconds(), "assign-s")
		b.ReportMetric(cpuSeconds()-cpu, "assign-cpu-s")
		b.ReportMetric(stop(), "assign-peak-MB")

		for _, c := range coders {
			codePackage(b, filepath.Join(out, c+".claimdesk"), c, nSpans)
		}

		stop = peakHeap("collect")
		start, cpu = time.Now(), cpuSeconds()
		b.StartTimer()
		if code := run([]string{"collect", lead, out}, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("collect: exit %d", code)
		}
		b.StopTimer()
		b.ReportMetric(time.Since(start).Seconds(), "collect-s")
		b.ReportMetric(cpuSeconds()-cpu, "collect-cpu-s")
		b.ReportMetric(stop(), "collect-peak-MB")
		if info, err := os.Stat(lead); err == nil {
			b.ReportMetric(float64(info.Size())/1e6, "project-MB")
		}

		stop = peakHeap("status")
		start, cpu = time.Now(), cpuSeconds()
		b.StartTimer()
		if code := run([]string{"status", lead}, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("status: exit %d", code)
		}
		b.StopTimer()
		b.ReportMetric(time.Since(start).Seconds(), "status-s")
		b.ReportMetric(cpuSeconds()-cpu, "status-cpu-s")
		b.ReportMetric(stop(), "status-peak-MB")
	}
}

// codePackage adds spans spans to the package at path, as coder, spread
// over its documents: on each document the same places for every coder
// (a fifth of them shifted by the coder), so that the coders agree in
// part, in one import.
func codePackage(b *testing.B, path, coder string, spans int) {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	labels := []string{annotate.LabelActor, annotate.LabelClaim, annotate.LabelDenial}
	var recs []annotate.Record
	if err := st.ForEachRecord(func(rec annotate.Record) error {
		recs = append(recs, annotate.Record{Document: rec.Document})
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(len(coder)), uint64(coder[len(coder)-1])))
	now := time.Now()
	for i := range recs {
		n := spans / len(recs)
		if i < spans%len(recs) {
			n++
		}
		d := &recs[i].Document
		length := annotate.RuneCount(d.Text)
		step := max(length/(n+1), 1)
		for k := range n {
			start := (k * step) % max(length-12, 1)
			end := start + 4 + k%7
			if rng.IntN(5) == 0 {
				end += 1 + rng.IntN(3)
			}
			sp := annotate.NewSpan(d.ID, start, min(end, length), labels[k%3], coder, now)
			recs[i].Spans = append(recs[i].Spans, sp)
		}
	}
	if _, err := st.Import(recs, coder); err != nil {
		b.Fatal(err)
	}
}
