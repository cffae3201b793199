//go:build linux

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Limits of each child process of TestHostileInputs: a hostile file may
// make an import neither wait longer nor grow larger than this. The time
// is generous for a loaded machine and the race detector; what it catches
// is an import that never ends (a FIFO read, /dev/zero, quadratic work).
const (
	hostileDeadline = 90 * time.Second
	hostileMaxRSS   = 768 << 20 // the race detector's own overhead included
)

// hostileCase is one hostile input given to the claimdesk command.
type hostileCase struct {
	name string
	// setup writes the input into dir and returns the command's
	// arguments after "claimdesk" (PROJECT is the project's path).
	setup func(t *testing.T, dir string) []string
	// fail says the command must fail (exit 1) and leave the project's
	// bytes as they were; else it must succeed.
	fail bool
	// out are strings the command's output (stdout and stderr) holds,
	// with DIR for the test's folder.
	out []string
	// notInProject are strings an export of the project must not hold.
	notInProject []string
}

// TestHostileInputs gives every reader hostile input: deep nesting, many
// elements, huge lines, links out of a folder, FIFOs and /dev/zero. Each
// import runs in a child process (the claimdesk command, which testscript
// links to this binary) with a deadline and a watch on its memory, and
// must end with the message that names the problem, leaving the project
// as it was.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("child processes with large inputs")
	}
	exe, err := exec.LookPath("claimdesk")
	if err != nil {
		t.Fatalf("the claimdesk command testscript provides: %v", err)
	}
	const secret = "A secret of the host, outside every folder named."
	cases := []hostileCase{
		{name: "HTML nested 100,000 deep", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileWrite(t, dir, "deep.html", "<p>Some text.</p>"+strings.Repeat("<div>", 100_000)+"x"+strings.Repeat("</div>", 100_000))
				return []string{"import", "PROJECT", "deep.html"}
			},
			out: []string{"deep.html: the page nests elements deeper than 512, the most the HTML parser takes: refused"}},
		{name: "HTML tables nested 20,000 deep", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileWrite(t, dir, "tables.html", "<p>Some text.</p>"+strings.Repeat("<table><tr><td>", 20_000)+"x")
				return []string{"import", "PROJECT", "tables.html"}
			},
			out: []string{"tables.html: the page nests elements deeper than 512, the most the HTML parser takes: refused"}},
		{name: "HTML nested past -max-depth", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileWrite(t, dir, "d.html", "<p>Some text.</p>"+strings.Repeat("<div>", 100)+"x"+strings.Repeat("</div>", 100))
				return []string{"import", "-max-depth", "50", "PROJECT", "d.html"}
			},
			out: []string{"d.html: the page nests elements deeper than 50: refused (import -max-depth raises the limit)"}},
		{name: "HTML with too many elements", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileWrite(t, dir, "many.html", strings.Repeat("<p>A short paragraph of the article.</p>\n", 200_000))
				return []string{"import", "-max-elements", "100000", "PROJECT", "many.html"}
			},
			out: []string{"many.html: the page has more elements than 100000: refused (import -max-elements raises the limit)"}},
		{name: "docx of six million nested paragraphs", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileDOCX(t, filepath.Join(dir, "nested.docx"), strings.Repeat("<w:p>", 6_000_000)+"<w:r><w:t>x</w:t></w:r>"+strings.Repeat("</w:p>", 6_000_000))
				return []string{"import", "PROJECT", "nested.docx"}
			},
			out: []string{"nested.docx: word/document.xml nests elements deeper than 512: refused (import -max-depth raises the limit)"}},
		{name: "docx of one tag of 4 million attributes", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileDOCX(t, filepath.Join(dir, "attrs.docx"), "<w:p"+strings.Repeat(` a="1"`, 4_000_000)+"><w:r><w:t>x</w:t></w:r></w:p>")
				return []string{"import", "PROJECT", "attrs.docx"}
			},
			out: []string{"attrs.docx: word/document.xml has a tag longer than 1 MiB: refused"}},
		{name: "docx past -max-word-elements", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileDOCX(t, filepath.Join(dir, "many.docx"), strings.Repeat("<w:p><w:r><w:t>x</w:t></w:r></w:p>", 1000))
				return []string{"import", "-max-word-elements", "2000", "PROJECT", "many.docx"}
			},
			out: []string{"many.docx: word/document.xml has more elements than 2000: refused (import -max-word-elements raises the limit)"}},
		{name: "a text past -max-text", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileWrite(t, dir, "big.txt", strings.Repeat("All work and no play. ", 200_000))
				return []string{"import", "-max-text", "1MiB", "PROJECT", "big.txt"}
			},
			out: []string{"big.txt: the file is longer than 1 MiB: refused (import -max-text raises the limit)"}},
		{name: "a JSONL line past -max-line", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileWrite(t, dir, "long.jsonl", `{"text":"short"}`+"\n"+`{"text":"`+strings.Repeat("x", 8<<20))
				return []string{"import", "-max-line", "1MiB", "PROJECT", "long.jsonl"}
			},
			out: []string{"long.jsonl:2: the line is longer than 1 MiB: refused (import -max-line raises the limit)"}},
		{name: "a Label Studio task past -max-line", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileWrite(t, dir, "tasks.json", `[{"data":{"text":"`+strings.Repeat("x", 8<<20)+`"}}]`)
				return []string{"import", "-max-line", "1MiB", "PROJECT", "tasks.json"}
			},
			out: []string{"tasks.json:1: task 1: the task is longer than 1 MiB: refused (import -max-line raises the limit)"}},
		{name: "spans of a record past -max-spans", fail: true,
			setup: func(t *testing.T, dir string) []string {
				var spans []string
				for i := range 20 {
					spans = append(spans, fmt.Sprintf(`{"start":%d,"end":%d,"label":"ACTOR"}`, i, i+1))
				}
				hostileWrite(t, dir, "spans.jsonl", `{"text":"`+strings.Repeat("x", 20)+`","spans":[`+strings.Join(spans, ",")+`]}`+"\n")
				return []string{"import", "-max-spans", "10", "PROJECT", "spans.jsonl"}
			},
			out: []string{"spans.jsonl:1: the record has 20 spans, more than 10: refused (import -max-spans raises the limit)"}},
		{name: "a JSONL line of 50,000 spans past -max-spans, refused before it is decoded", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileWrite(t, dir, "many.jsonl", `{"text":"abc","spans":[`+strings.Repeat(`{"start":0,"end":1,"label":"ACTOR"},`, 50_000)+`{}]}`+"\n")
				return []string{"import", "-max-spans", "1000", "-max-relations", "1000", "PROJECT", "many.jsonl"}
			},
			out: []string{"many.jsonl:1: the record has more spans and relations than 2000: refused (import -max-spans or -max-relations raises the limit)"}},
		{name: "HTML with too many attributes", fail: true,
			setup: func(t *testing.T, dir string) []string {
				var attrs strings.Builder
				for i := range 2000 {
					fmt.Fprintf(&attrs, " a%d=1", i)
				}
				hostileWrite(t, dir, "attrs.html", strings.Repeat("<p"+attrs.String()+">Some text.</p>\n", 100))
				return []string{"import", "-max-attributes", "100000", "PROJECT", "attrs.html"}
			},
			out: []string{"attrs.html: the page has more attributes than 100000: refused (import -max-attributes raises the limit)"}},
		{name: "HTML of comments past -max-elements", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileWrite(t, dir, "comments.html", "<p>Some text.</p>"+strings.Repeat("<!---->", 200_000))
				return []string{"import", "-max-elements", "100000", "PROJECT", "comments.html"}
			},
			out: []string{"comments.html: the page has more elements than 100000: refused (import -max-elements raises the limit)"}},
		{name: "a FIFO named", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileFIFO(t, filepath.Join(dir, "pipe.jsonl"))
				return []string{"import", "PROJECT", "pipe.jsonl"}
			},
			out: []string{"pipe.jsonl: a named pipe (FIFO), not a regular file: refused"}},
		{name: "/dev/zero named", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileRequire(t, "/dev/zero")
				return []string{"import", "PROJECT", "/dev/zero"}
			},
			out: []string{"/dev/zero: a character device, not a regular file: refused"}},
		{name: "a brat text linked to /dev/zero", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileRequire(t, "/dev/zero")
				hostileWrite(t, dir, "z.ann", "T1\tACTOR 0 3\tThe\n")
				hostileLink(t, "/dev/zero", filepath.Join(dir, "z.txt"))
				return []string{"import", "PROJECT", "z.ann"}
			},
			out: []string{"z.txt: a link to a file outside the folder of z.ann: refused"}},
		{name: "a brat text that is a FIFO", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileWrite(t, dir, "f.ann", "T1\tACTOR 0 3\tThe\n")
				hostileFIFO(t, filepath.Join(dir, "f.txt"))
				return []string{"import", "PROJECT", "f.ann"}
			},
			out: []string{"f.txt: a named pipe (FIFO), not a regular file: refused"}},
		{name: "a folder of links out, a FIFO and /dev/zero",
			setup: func(t *testing.T, dir string) []string {
				hostileWrite(t, dir, "secret.txt", secret)
				hostileWrite(t, dir, "f/a.txt", "The council met on Tuesday to discuss the budget.")
				hostileLink(t, "../secret.txt", filepath.Join(dir, "f/b.txt"))
				hostileLink(t, "/dev/zero", filepath.Join(dir, "f/zero.txt"))
				hostileFIFO(t, filepath.Join(dir, "f/pipe.jsonl"))
				return []string{"import", "PROJECT", "f"}
			},
			out: []string{
				"f: skipped b.txt: a link to a file outside the folder",
				"f: skipped pipe.jsonl: a named pipe (FIFO), not a regular file",
				"f: skipped zero.txt: a link to a file outside the folder",
			},
			notInProject: []string{secret}},
		{name: "a schema that is a FIFO", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileFIFO(t, filepath.Join(dir, "schema.json"))
				return []string{"schema", "PROJECT", "-import", "schema.json"}
			},
			out: []string{"read schema: schema.json: a named pipe (FIFO), not a regular file: refused"}},
		{name: "a schema that is /dev/zero", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileRequire(t, "/dev/zero")
				return []string{"schema", "PROJECT", "-import", "/dev/zero"}
			},
			out: []string{"read schema: /dev/zero: a character device, not a regular file: refused"}},
		{name: "a FIFO as the project", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileFIFO(t, filepath.Join(dir, "fifo.claimdesk"))
				return []string{"stats", "fifo.claimdesk"}
			},
			out: []string{"fifo.claimdesk: a named pipe (FIFO), not a regular file: refused"}},
		{name: "a FIFO as the backup to restore", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileFIFO(t, filepath.Join(dir, "backup.claimdesk"))
				return []string{"restore", "PROJECT", "backup.claimdesk"}
			},
			out: []string{"backup.claimdesk: a named pipe (FIFO), not a regular file: refused"}},
		{name: "agree with a FIFO", fail: true,
			setup: func(t *testing.T, dir string) []string {
				hostileFIFO(t, filepath.Join(dir, "theirs.jsonl"))
				return []string{"agree", "PROJECT", "theirs.jsonl"}
			},
			out: []string{"theirs.jsonl: a named pipe (FIFO), not a regular file: refused"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			project := filepath.Join(dir, "p.claimdesk")
			hostileWrite(t, dir, "first.txt", "A first article, so that the project has something to lose.")
			if out, err := runChild(t, exe, dir, "import", project, "first.txt"); err != nil {
				t.Fatalf("set-up import: %v\n%s", err, out)
			}
			before := hostileSum(t, project)
			args := c.setup(t, dir)
			for i, a := range args {
				if a == "PROJECT" {
					args[i] = project
				}
			}
			out, err := runChild(t, exe, dir, args...)
			var exit *exec.ExitError
			switch {
			case c.fail && !(errors.As(err, &exit) && exit.ExitCode() == 1):
				t.Errorf("claimdesk %s: %v, want exit status 1\n%s", strings.Join(args, " "), err, out)
			case !c.fail && err != nil:
				t.Errorf("claimdesk %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			for _, want := range c.out {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if c.fail && hostileSum(t, project) != before {
				t.Errorf("the project file changed")
			}
			if len(c.notInProject) > 0 {
				exported, err := runChild(t, exe, dir, "export", project)
				if err != nil {
					t.Fatalf("export: %v\n%s", err, exported)
				}
				for _, s := range c.notInProject {
					if strings.Contains(exported, s) {
						t.Errorf("the project holds %q", s)
					}
				}
			}
		})
	}
}

// runChild runs the claimdesk command exe in dir with args, within
// hostileDeadline and hostileMaxRSS (its peak resident memory checked
// every 10 ms), and returns its stdout and stderr.
func runChild(t *testing.T, exe, dir string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileDeadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CLAIMDESK_ANNOTATOR=tester", "XDG_DATA_HOME="+filepath.Join(dir, "data"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	overMemory := make(chan int64, 1)
	go func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if rss := residentBytes(cmd.Process.Pid); rss > hostileMaxRSS {
					cmd.Process.Kill()
					overMemory <- rss
					return
				}
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	select {
	case rss := <-overMemory:
		t.Fatalf("claimdesk %s: killed at a peak of %d MiB resident (limit %d MiB)\n%s", strings.Join(args, " "), rss>>20, hostileMaxRSS>>20, out.String())
	default:
	}
	if ctx.Err() != nil {
		t.Fatalf("claimdesk %s: killed after %v\n%s", strings.Join(args, " "), hostileDeadline, out.String())
	}
	return out.String(), err
}

// residentBytes returns the peak resident memory of process pid so far
// (VmHWM: rusage's ru_maxrss is no use, as a child started by vfork
// counts its parent's), or 0 where /proc does not say.
func residentBytes(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), 10, 64)
			return n << 10
		}
	}
	return 0
}

func hostileWrite(t *testing.T, dir, name, data string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func hostileDOCX(t *testing.T, path, body string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(w, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>`, body)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func hostileFIFO(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
}

func hostileLink(t *testing.T, target, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, path); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

func hostileRequire(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no %s here", path)
	}
}

func hostileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}
