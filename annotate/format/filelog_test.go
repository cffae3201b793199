package format

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/store"
)

// TestImportFileRemembered: into a project (a FileLog), a file imported
// once is left out the next time, by anyone, whether it is small (one
// transaction) or large (streamed in batches, the import cancelled as
// soon as its sum is known); Again takes it anyway; the same bytes under
// another name are the same file; a folder leaves out only the files
// taken before.
func TestImportFileRemembered(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, lines int) string {
		var b strings.Builder
		for i := range lines {
			fmt.Fprintf(&b, `{"text": "Document %d of %s, in which Wang Yi speaks.", "label": [[%d, %d, "ACTOR"]]}`+"\n",
				i, name, 0, 8)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	small, large := write("small.jsonl", 3), write("large.jsonl", 5000)
	st, err := store.Open(filepath.Join(t.TempDir(), "p.claimdesk"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Error(err)
		}
		st.Close()
	})
	ctx := context.Background()
	spans := func() int {
		s, err := st.Stats()
		if err != nil {
			t.Fatal(err)
		}
		return s.Spans
	}
	for _, file := range []string{small, large} {
		res, err := ImportFileWith(ctx, st, file, ImportOptions{Annotator: "ana"})
		if err != nil || res.Documents == 0 || res.Seen != nil {
			t.Fatalf("%s: first import %+v, %v", file, res, err)
		}
		before := spans()
		res, err = ImportFileWith(ctx, st, file, ImportOptions{Annotator: "bo"})
		if err != nil || res.Documents != 0 || res.Spans != 0 || len(res.Seen) != 1 {
			t.Fatalf("%s: second import %+v, %v", file, res, err)
		}
		if f := res.Seen[0]; f.Name != file || f.Before.Annotator != "ana" || f.Before.Name != file || f.Before.Time.IsZero() {
			t.Errorf("%s: seen %+v", file, f)
		}
		if n := spans(); n != before {
			t.Errorf("%s: the second import changed the spans from %d to %d", file, before, n)
		}
		res, err = ImportFileWith(ctx, st, file, ImportOptions{Annotator: "bo", Again: true})
		if err != nil || res.Seen != nil || res.Spans == 0 {
			t.Fatalf("%s: import -again %+v, %v", file, res, err)
		}
	}
	// The same bytes under another name, in a folder with a new file.
	folder := filepath.Join(dir, "folder")
	os.Mkdir(folder, 0o755)
	data, _ := os.ReadFile(small)
	os.WriteFile(filepath.Join(folder, "copy.jsonl"), data, 0o644)
	os.WriteFile(filepath.Join(folder, "new.jsonl"), []byte(`{"text": "A new one."}`+"\n"), 0o644)
	res, err := ImportFileWith(ctx, st, folder, ImportOptions{Annotator: "cy"})
	if err != nil || res.Documents != 1 || len(res.Seen) != 1 || res.Seen[0].Name != filepath.Join(folder, "copy.jsonl") || res.Seen[0].Before.Name != small {
		t.Fatalf("folder: %+v, %v", res, err)
	}
	if got := res.String(); !strings.Contains(got, "copy.jsonl: left out, the same file was imported on ") {
		t.Errorf("folder result %q", got)
	}
}

// TestFileSumBrat: a brat file's sum covers its .txt too: another text
// beside the same .ann is another file; without its text the sum is the
// .ann's alone, and the import says that the text is missing.
func TestFileSumBrat(t *testing.T) {
	dir := t.TempDir()
	ann, txt := filepath.Join(dir, "a.ann"), filepath.Join(dir, "a.txt")
	os.WriteFile(ann, []byte("T1\tACTOR 0 6\tJafari\n"), 0o644)
	sums := map[string]bool{}
	for _, text := range []string{"Jafari said.", "Jafari spoke."} {
		os.WriteFile(txt, []byte(text), 0o644)
		sum, err := FileSum(context.Background(), ann)
		if err != nil || len(sum) != 64 {
			t.Fatalf("sum %q, %v", sum, err)
		}
		sums[sum] = true
	}
	os.Remove(txt)
	sum, err := FileSum(context.Background(), ann)
	if err != nil || sums[sum] || len(sums) != 2 {
		t.Errorf("sums %v, without the text %q, %v", sums, sum, err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "p.claimdesk"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ImportFileWith(context.Background(), st, ann, ImportOptions{Annotator: "ana"}); err == nil || !strings.Contains(err.Error(), "a.txt") {
		t.Errorf("import without the text: %v", err)
	}
}
