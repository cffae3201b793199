package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// exportFormats are the formats of claimdesk export, each measured by
// BenchmarkExportFormats.
var exportFormats = []string{"jsonl", "labelstudio", "doccano", "spacy", "csv", "network", "edges", "conll", "hf", "brat"}

// BenchmarkExportFormats exports a project of 1,000 and of 10,000
// documents (10 spans each, 3 of them claims or denials linked to an
// actor) in every format with the CLI's export -o, reporting the peak
// heap in use in a separate, untimed run: a streamed export's peak is the
// same at both sizes (bounded by the largest document, not the project).
// network (GraphML) aggregates its nodes and edges, bounded by the
// distinct actors and concepts rather than the documents.
func BenchmarkExportFormats(b *testing.B) {
	for _, docs := range []int{1_000, 10_000} {
		file, _ := benchStatements(b, docs, 10, 3, 2_300)
		project := filepath.Join(b.TempDir(), "p.claimdesk")
		if code := run([]string{"import", project, file}, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("import exited %d", code)
		}
		for _, format := range exportFormats {
			b.Run(fmt.Sprintf("docs=%d/%s", docs, format), func(b *testing.B) {
				out := filepath.Join(b.TempDir(), "out."+format)
				export := func() {
					if format == "brat" {
						os.RemoveAll(out) // a fresh folder each time
					}
					if code := run([]string{"export", project, "-format", format, "-o", out}, io.Discard, io.Discard); code != 0 {
						b.Fatalf("export -format %s exited %d", format, code)
					}
				}
				for b.Loop() {
					export()
				}
				untimedPeakHeap(b, export)
				if format != "brat" {
					info, err := os.Stat(out)
					if err != nil {
						b.Fatal(err)
					}
					if info.Size() == 0 {
						b.Fatalf("export -format %s wrote nothing", format)
					}
					b.SetBytes(info.Size())
				}
			})
		}
	}
}
