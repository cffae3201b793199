package store

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"claimdesk/annotate"
)

// The crash tests run a child process, this test binary again with
// -test.run=^TestCrashChild$, that changes a project through the public
// API and reports on its standard output each change it made, and kill it
// with SIGKILL. A line reaches the pipe only after the call returned, so
// every change reported must be in the file afterwards.

// Environment of a crash child.
const (
	envCrashMode = "CLAIMDESK_CRASH_CHILD" // spans, import or writer
	envCrashPath = "CLAIMDESK_CRASH_PATH"  // the project
	envCrashSeed = "CLAIMDESK_CRASH_SEED"  // of its random choices
)

// envCrashReplay, set to a seed a crash test logged, replays that run:
// the same kill moments (as far as timing allows) and the same children.
const envCrashReplay = "CLAIMDESK_CRASH_REPLAY"

// crashSeed returns the seed of the test's random choices (the children's
// seeds and the kill moments), from envCrashReplay or the clock, and logs
// it so that a failure can be replayed.
func crashSeed(t *testing.T) uint64 {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv(envCrashReplay); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatalf("%s=%q: %v", envCrashReplay, v, err)
		}
	}
	t.Logf("random seed %d (replay: %s=%d go test -run '^%s$' ./store/)", seed, envCrashReplay, seed, t.Name())
	return seed
}

// crashLabels are the labels the children give spans.
var crashLabels = []string{annotate.LabelActor, annotate.LabelClaim, annotate.LabelDenial}

// TestCrashChild is the child process of the crash tests; it skips when
// not run by one of them.
func TestCrashChild(t *testing.T) {
	mode := os.Getenv(envCrashMode)
	if mode == "" {
		t.Skip("the child process of TestCrash…, TestSnapshotOfBusyFile")
	}
	seed, _ := strconv.ParseUint(os.Getenv(envCrashSeed), 10, 64)
	rng := rand.New(rand.NewPCG(seed, 1))
	s, err := Open(os.Getenv(envCrashPath), Options{Timeout: 10 * time.Second})
	if err != nil {
		fmt.Printf("crash: error %v\n", err)
		os.Exit(1)
	}
	// The parent kills the child; should it die first, stop anyway.
	deadline := time.Now().Add(time.Minute)
	switch mode {
	case "spans", "writer":
		crashSpans(s, rng, mode == "writer", deadline)
	case "import":
		crashImport(t, s)
	}
	os.Exit(0) // no PASS line: the parent reads only "crash:" lines
}

// report writes one line to the parent: one write to the pipe, atomic.
func report(format string, args ...any) {
	os.Stdout.WriteString("crash: " + fmt.Sprintf(format, args...) + "\n")
}

// crashSpans adds, relabels and deletes spans of the project's documents
// in a loop. It announces each call ("try OP DOC SPAN LABEL") and reports
// it done ("ok") once it returned nil. The writer of the snapshot test
// also imports documents now and then, so that the file grows.
func crashSpans(s *Store, rng *rand.Rand, writer bool, deadline time.Time) {
	infos, err := s.Documents()
	if err != nil {
		report("error %v", err)
		return
	}
	type doc struct {
		id    string
		len   int
		spans []annotate.Span
	}
	var docs []*doc
	for _, in := range infos {
		d, err := s.Document(in.ID)
		if err != nil {
			report("error %v", err)
			return
		}
		spans, err := s.Spans(in.ID)
		if err != nil {
			report("error %v", err)
			return
		}
		docs = append(docs, &doc{id: in.ID, len: annotate.RuneCount(d.Text), spans: spans})
	}
	report("ready")
	for i := 0; time.Now().Before(deadline); i++ {
		if writer && i%50 == 49 {
			recs := crashRecords(fmt.Sprintf("writer %d %d", rng.Uint64(), i), 20, 2000)
			if _, err := s.Import(recs, "child"); err != nil {
				report("error %v", err)
				return
			}
		}
		d := docs[rng.IntN(len(docs))]
		label := crashLabels[rng.IntN(len(crashLabels))]
		n := len(d.spans)
		switch op := rng.IntN(10); {
		case n == 0 || (op < 5 && n < 100):
			start := rng.IntN(d.len - 1)
			sp := annotate.NewSpan(d.id, start, start+1+rng.IntN(min(40, d.len-start-1)), label, "child", time.Now())
			report("try add %s %s %s", d.id, sp.ID, label)
			err := s.AddSpan(sp)
			if annotate.ErrorCode(err) == annotate.ECONFLICT {
				report("failed") // the same offsets, label and annotator: nothing changed
				continue
			}
			if err != nil {
				report("error %v", err)
				return
			}
			report("ok")
			d.spans = append(d.spans, sp)
		case op < 8:
			k := rng.IntN(n)
			sp := d.spans[k]
			sp.Label = label
			report("try label %s %s %s", d.id, sp.ID, label)
			err := s.UpdateSpan(sp)
			if code := annotate.ErrorCode(err); code == annotate.ECONFLICT || code == annotate.EINVALID {
				report("failed") // a key taken, or a link the label does not allow: nothing changed
				continue
			}
			if err != nil {
				report("error %v", err)
				return
			}
			report("ok")
			d.spans[k] = sp
		default:
			k := rng.IntN(n)
			sp := d.spans[k]
			report("try del %s %s -", d.id, sp.ID)
			if _, err := s.DeleteSpan(d.id, sp.ID); err != nil {
				report("error %v", err)
				return
			}
			report("ok")
			d.spans = append(d.spans[:k], d.spans[k+1:]...)
		}
	}
}

// crashImport imports crashImportDocs documents in one call, announcing
// it ("start") and reporting its end ("done").
func crashImport(t *testing.T, s *Store) {
	recs := crashRecords(os.Getenv(envCrashSeed), crashImportDocs, 4000)
	report("start")
	if _, err := s.Import(recs, "child"); err != nil {
		report("error %v", err)
		return
	}
	report("done")
}

// crashImportDocs is how many documents the import of the crash test
// holds: enough for an import that takes a good part of a second.
const crashImportDocs = 1000

// crashRecords returns n records of distinct texts of about size bytes,
// titled "TAG i", each with two spans.
func crashRecords(tag string, n, size int) []annotate.Record {
	words := strings.Fields("China has offered to help Iraq rebuild its army said Wang Yi the foreign minister on Tuesday while officials in Baghdad denied")
	recs := make([]annotate.Record, n)
	for i := range recs {
		var b strings.Builder
		fmt.Fprintf(&b, "%s %d.", tag, i)
		for j := 0; b.Len() < size; j++ {
			b.WriteString(" ")
			b.WriteString(words[(i*7+j*j)%len(words)])
		}
		text := b.String()
		d := annotate.NewDocument(fmt.Sprintf("%s %d", tag, i), "crash", text, testTime)
		recs[i] = annotate.Record{Document: d, Spans: []annotate.Span{
			annotate.NewSpan(d.ID, 0, 5, annotate.LabelActor, "child", testTime),
			annotate.NewSpan(d.ID, 6, 20, annotate.LabelClaim, "child", testTime),
		}}
	}
	return recs
}

// child is a running crash child and the lines it reported.
type child struct {
	cmd   *exec.Cmd
	lines chan string // closed at the end of its output
	ready chan struct{}
	mu    sync.Mutex
	all   []string
}

// startChild runs the test binary as a crash child of the mode on path.
func startChild(t *testing.T, mode, path string, seed uint64) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envCrashMode+"="+mode, envCrashPath+"="+path, envCrashSeed+"="+strconv.FormatUint(seed, 10))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan string, 1), ready: make(chan struct{})}
	go c.read(out)
	return c
}

// read collects the child's complete "crash:" lines; a line that the kill
// cut short has no newline and does not count.
func (c *child) read(out io.Reader) {
	r := bufio.NewReader(out)
	signalled := false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			break
		}
		line, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "crash: ")
		if !ok {
			continue
		}
		c.mu.Lock()
		c.all = append(c.all, line)
		c.mu.Unlock()
		if !signalled && (line == "ready" || line == "start") {
			close(c.ready)
			signalled = true
		}
	}
	close(c.lines)
}

// waitPast waits until the child has reported more than n lines, and
// returns how many it has.
func (c *child) waitPast(t *testing.T, n int) int {
	t.Helper()
	for {
		c.mu.Lock()
		got := len(c.all)
		c.mu.Unlock()
		if got > n {
			return got
		}
		select {
		case <-c.lines:
			t.Fatal("the writer ended")
		case <-time.After(time.Millisecond):
		}
	}
}

// kill kills the child with SIGKILL, waits for it and returns every line
// it reported.
func (c *child) kill(t *testing.T) []string {
	t.Helper()
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-c.lines
	c.cmd.Wait() // "signal: killed", or an exit when it ended first
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, l := range c.all {
		if strings.HasPrefix(l, "error ") {
			t.Fatalf("the child failed: %s", l)
		}
	}
	return c.all
}

// crashState is what the reported changes say about the spans: the
// label of each span reported added or relabelled, "" for those deleted.
type crashState map[[2]string]string

// apply replays the child's lines onto st and returns the one change that
// was announced but not reported done: it may or may not have committed.
func (st crashState) apply(t *testing.T, lines []string) (pending []string) {
	t.Helper()
	for _, l := range lines {
		f := strings.Fields(l)
		switch {
		case f[0] == "try" && len(f) == 5:
			pending = f[1:]
		case f[0] == "ok" && pending != nil:
			key := [2]string{pending[1], pending[2]}
			if pending[0] == "del" {
				st[key] = ""
			} else {
				st[key] = pending[3]
			}
			pending = nil
		case f[0] == "failed":
			pending = nil
		}
	}
	return pending
}

// openChecked opens the project read-write (as the window does after a
// crash), checks it in full and returns it.
func openChecked(t *testing.T, path, after string) *Store {
	t.Helper()
	s, err := Open(path, Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("%s: open: %v", after, err)
	}
	if err := s.Check(); err != nil {
		s.Close()
		t.Fatalf("%s: check: %v", after, err)
	}
	return s
}

// Killed at random moments while it adds, relabels and deletes spans, the
// child loses nothing it reported, and the file always passes the check.
func TestCrashWhileEditingSpans(t *testing.T) {
	kills := 50
	if testing.Short() {
		kills = 10
	}
	path := tempPath(t)
	s := mustOpen(t, path, Options{})
	if _, err := s.Import(importRecords(t, 1), "ana"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(crashRecords("base", 3, 3000), "ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(crashSeed(t), 2))
	state := crashState{}
	reported, inFlight := 0, 0
	for round := range kills {
		c := startChild(t, "spans", path, rng.Uint64())
		if round%5 != 4 { // most kills while it edits; some while it opens
			select {
			case <-c.ready:
			case <-c.lines:
			}
		}
		time.Sleep(time.Duration(rng.IntN(60_000)) * time.Microsecond)
		lines := c.kill(t)
		pending := state.apply(t, lines)
		if pending != nil {
			inFlight++
		}
		after := fmt.Sprintf("kill %d", round+1)
		s := openChecked(t, path, after)
		for key, label := range state {
			spans, err := s.Spans(key[0])
			if err != nil {
				t.Fatalf("%s: %v", after, err)
			}
			got, found := "", false
			for _, sp := range spans {
				if sp.ID == key[1] {
					got, found = sp.Label, true
				}
			}
			if pending != nil && pending[2] == key[1] {
				// The kill came between the commit and its line: the
				// span is as reported, or as the announced change left it.
				if want := map[bool]string{true: pending[3], false: ""}[pending[0] != "del"]; got == want && found == (pending[0] != "del") {
					state[key] = want
					continue
				}
			}
			switch {
			case label == "" && found:
				t.Errorf("%s: span %s was reported deleted, and is there (%s)", after, key[1], got)
			case label != "" && !found:
				t.Errorf("%s: span %s was reported as %s, and is missing", after, key[1], label)
			case label != "" && got != label:
				t.Errorf("%s: span %s was reported as %s, and is %s", after, key[1], label, got)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		for _, l := range lines {
			if l == "ok" {
				reported++
			}
		}
		if t.Failed() {
			break
		}
	}
	t.Logf("%d kills, %d changes reported and found, %d spans checked at the end, %d kills with a change in flight",
		kills, reported, len(state), inFlight)
	if reported == 0 {
		t.Error("the child reported no change: the test tested nothing")
	}
}

// Killed during a large import, the child leaves all of its documents or
// none; the file passes the check, and the documents from before are
// all there.
func TestCrashDuringImport(t *testing.T) {
	kills := 4
	if testing.Short() {
		kills = 2
	}
	// How long the import takes here, so that kills land inside it.
	s := newStore(t)
	began := time.Now()
	if _, err := s.Import(crashRecords("timing", crashImportDocs, 4000), "ana"); err != nil {
		t.Fatal(err)
	}
	took := time.Since(began)

	path := tempPath(t)
	s = mustOpen(t, path, Options{})
	if _, err := s.Import(importRecords(t, 2), "ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(crashSeed(t), 3))
	want := 2
	outcome := map[string]int{}
	retries := 0
	for round := range kills {
		// Spread over its time, with some jitter. A kill that comes after
		// the import reported done tested nothing: the round is taken
		// again, sooner, a few times before the test gives up.
		f := (float64(round) + 0.2 + 0.6*rng.Float64()) / float64(kills)
		var lines []string
		var seed uint64
		for try := 0; ; try++ {
			seed = rng.Uint64()
			c := startChild(t, "import", path, seed)
			select {
			case <-c.ready:
			case <-c.lines:
			}
			time.Sleep(time.Duration(f * float64(took)))
			lines = c.kill(t)
			if !slices.Contains(lines, "start") {
				t.Fatalf("kill %d (child seed %d): the child ended before its import started: %q", round+1, seed, lines)
			}
			if !slices.Contains(lines, "done") {
				break // killed after "start" and before "done": during the import
			}
			if try == 4 {
				t.Fatalf("kill %d (child seed %d): five kills %v after the child started landed after its import ended (the import took %v here)",
					round+1, seed, time.Duration(f*float64(took)), took)
			}
			retries++
			// The import it finished is in the file: count it, and try again sooner.
			want += crashImportDocs
			f /= 2
		}
		after := fmt.Sprintf("kill %d", round+1)
		s := openChecked(t, path, after)
		infos, err := s.Documents()
		if err != nil {
			t.Fatal(err)
		}
		tag := strconv.FormatUint(seed, 10) + " "
		n := 0
		for _, in := range infos {
			if strings.HasPrefix(in.Title, tag) {
				n++
			}
		}
		switch {
		case n == crashImportDocs:
			outcome["all"]++
			want += n
		case n == 0:
			outcome["none"]++
		default:
			t.Errorf("%s: %d of the import's %d documents are there", after, n, crashImportDocs)
		}
		if len(infos) != want {
			t.Errorf("%s: %d documents, want %d", after, len(infos), want)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("import of %d documents takes %v here; %d kills, all during the import: %d imports whole (killed once its commit was written, before Import returned), %d not at all; %d kills after the import's end taken again",
		crashImportDocs, took.Round(time.Millisecond), kills, outcome["all"], outcome["none"], retries)
}

// A snapshot of a file that another process keeps writing to (spans
// added, relabelled and deleted, documents imported) is a sound copy:
// each of 20 passes the check.
func TestSnapshotOfBusyFile(t *testing.T) {
	path, _ := snapshotProject(t)
	c := startChild(t, "writer", path, 7)
	defer c.kill(t)
	select {
	case <-c.ready:
	case <-c.lines:
		t.Fatal("the writer ended")
	}
	seen := 0
	for i := range 20 {
		seen = c.waitPast(t, seen) // the writer is busy: it reported a change since the last snapshot
		st, err := OpenSnapshot(path)
		if err != nil {
			t.Fatalf("snapshot %d: %v", i+1, err)
		}
		if err := st.Check(); err != nil {
			t.Errorf("snapshot %d: %v", i+1, err)
		}
		if _, err := st.Documents(); err != nil {
			t.Errorf("snapshot %d: %v", i+1, err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	c.mu.Lock()
	changes := len(c.all)
	c.mu.Unlock()
	t.Logf("the writer reported %d lines meanwhile", changes)
}
