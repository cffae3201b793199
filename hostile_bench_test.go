//go:build linux

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchPage writes an HTML page of about size bytes to path: navigation,
// then an article of paragraphs, each with a link (2 elements per 240
// bytes: 400,000 in 48 MB, inside the default -max-elements), then a
// footer.
func benchPage(b *testing.B, path string, size int) {
	b.Helper()
	var sb strings.Builder
	sb.WriteString("<!DOCTYPE html><html><head><meta charset=utf-8><title>A very long page</title><script>var tracking = 1;</script></head><body><nav><ul>")
	for i := range 30 {
		fmt.Fprintf(&sb, `<li><a href="/section/%d">Section %d</a></li>`, i, i)
	}
	sb.WriteString("</ul></nav><article><h1>A very long page</h1>\n")
	for i := 0; sb.Len() < size; i++ {
		fmt.Fprintf(&sb, "<p>Paragraph %d. The council met on Tuesday and <a href=\"https://example.org/%d\">discussed the budget</a> at length; several members objected to the proposed cuts to the library and the swimming pool, and the mayor said so.</p>\n", i, i)
	}
	sb.WriteString("</article><footer>© The Daily Example</footer></body></html>")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
}

// benchImportChild times the claimdesk command importing file into a new
// project in dir, as a whole process, and reports its peak resident memory
// (VmHWM, polled every 10 ms) over the runs and its CPU time (user and
// system) per run. wantErr, when not "", is the
// message a refused import must print; flags go before the arguments.
func benchImportChild(b *testing.B, dir, file, wantErr string, flags ...string) {
	b.Helper()
	exe, err := exec.LookPath("claimdesk")
	if err != nil {
		b.Fatalf("the claimdesk command testscript provides: %v", err)
	}
	info, err := os.Stat(filepath.Join(dir, file))
	if err != nil {
		b.Fatal(err)
	}
	project := filepath.Join(dir, "p.claimdesk")
	var peak int64
	var cpu time.Duration
	b.SetBytes(info.Size())
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		os.Remove(project)
		cmd := exec.Command(exe, append(append([]string{"import"}, flags...), project, file)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "CLAIMDESK_ANNOTATOR=bench", "XDG_DATA_HOME="+filepath.Join(dir, "data"))
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		b.StartTimer()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		done := make(chan struct{})
		hwm := make(chan int64, 1)
		go func() {
			var max int64
			tick := time.NewTicker(10 * time.Millisecond)
			defer tick.Stop()
			for {
				max = maxInt64(max, residentBytes(cmd.Process.Pid))
				select {
				case <-done:
					hwm <- max
					return
				case <-tick.C:
				}
			}
		}()
		err := cmd.Wait()
		b.StopTimer()
		close(done)
		peak = max(peak, <-hwm)
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		var exit *exec.ExitError
		switch {
		case wantErr == "" && err != nil:
			b.Fatalf("import %s: %v\n%s", file, err, out.String())
		case wantErr != "" && !(errors.As(err, &exit) && strings.Contains(out.String(), wantErr)):
			b.Fatalf("import %s: %v, want %q\n%s", file, err, wantErr, out.String())
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
	// The CPU time of the process says more than the time on a machine
	// shared with other work.
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

func maxInt64(a, b int64) int64 { return max(a, b) }

// BenchmarkImportHTML imports web pages with the claimdesk command, each
// run a whole process, reporting its peak resident memory: a 48 MB page
// (page=48MB), and pages of nested <div>s, imported inside the depth limit
// (depth=500) and refused past it (depth=5000 … 100000: HTML import was
// quadratic in the depth, and 100,000 never ended), and 50 MB of nested
// <div>s (page=50MB-nested).
func BenchmarkImportHTML(b *testing.B) {
	b.Run("page=48MB", func(b *testing.B) {
		dir := b.TempDir()
		benchPage(b, filepath.Join(dir, "page.html"), 48_000_000)
		benchImportChild(b, dir, "page.html", "")
	})
	// A 50 MB page of 10 million nested <div>s: refused by its number of
	// elements before it is parsed, or, with that limit raised past it,
	// by the parser at the 513th level.
	b.Run("page=50MB-nested", func(b *testing.B) {
		dir := b.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "nested.html"), []byte("<p>Text.</p>"+strings.Repeat("<div>", 10_000_000)), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run("default", func(b *testing.B) {
			benchImportChild(b, dir, "nested.html", "the page has more elements than 500000")
		})
		b.Run("max-elements=20000000", func(b *testing.B) {
			benchImportChild(b, dir, "nested.html", "the page nests elements deeper than 512", "-max-elements", "20000000")
		})
	})
	for _, depth := range []int{500, 5_000, 20_000, 100_000} {
		b.Run(fmt.Sprintf("depth=%d", depth), func(b *testing.B) {
			dir := b.TempDir()
			page := "<p>The council met on Tuesday and discussed the budget.</p>" + strings.Repeat("<div>", depth) + "deep text" + strings.Repeat("</div>", depth)
			if err := os.WriteFile(filepath.Join(dir, "deep.html"), []byte(page), 0o644); err != nil {
				b.Fatal(err)
			}
			want := ""
			if depth > 510 {
				want = "the page nests elements deeper than 512"
			}
			benchImportChild(b, dir, "deep.html", want)
		})
	}
}
