package main

import (
	"crypto/rand"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/round"
	"claimdesk/store"
)

var assignCommand = command{
	name:  "assign",
	usage: "assign PROJECT -coders ana,bo,cem -o DIR [-overlap 0.2] [-seed N] [-labels A,B] [-with-spans]",
	help: `Hand the project's documents out to coders: write one project file per
coder, DIR/CODER.claimdesk, and record the round in PROJECT.

A share of the documents (-overlap, 0 to 1, rounded to the nearest
document) is the overlap sample that every coder codes, for the
reliability test; it is chosen at random with -seed (printed, and recorded
in the round; the same seed and project choose the same sample). The other
documents go one coder each, balanced by text length: longest first, each
to the coder with the least text so far. A package holds its documents in
the project's order, each todo, so the sample does not stand out.

Each package carries the project's schema and codebook (only the labels
-labels names, and the link types between them, when given), and knows its
round: its id, PROJECT, its coder and documents. The project's spans of
those labels travel only with -with-spans (a correction round), with the
links between them and the actors and concepts they name. Open a package
with "claimdesk DIR/CODER.claimdesk": the window is titled with the round
and the coder, whose name its new spans carry. Bring the packages back
with "claimdesk collect". No package is written when one exists already.`,
}

func runAssign(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("assign", flag.ContinueOnError)
	coderList := fs.String("coders", "", "the coders' names, comma-separated (required)")
	overlap := fs.Float64("overlap", 0.2, "the share of the documents every coder codes (0 to 1)")
	seed := fs.Uint64("seed", 0, "the seed of the overlap sample (default: a random one, printed)")
	labelList := fs.String("labels", "", "the labels the coders code, comma-separated (default: all)")
	withSpans := fs.Bool("with-spans", false, "carry the project's spans (of those labels) into the packages")
	outDir := fs.String("o", "", "the folder to write the packages into (required)")
	pos, err := parseFlags(fs, assignCommand, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{"assign", "need exactly one PROJECT"}
	}
	if *coderList == "" {
		return &usageError{"assign", "need -coders, the coders' names"}
	}
	if *outDir == "" {
		return &usageError{"assign", "need -o DIR, the folder for the packages"}
	}
	coders, err := round.ParseCoders(*coderList)
	if err != nil {
		return &usageError{"assign", err.Error()}
	}
	if *overlap < 0 || *overlap > 1 {
		return &usageError{"assign", fmt.Sprintf("-overlap %v is not a share from 0 to 1", *overlap)}
	}
	seedSet := false
	fs.Visit(func(f *flag.Flag) { seedSet = seedSet || f.Name == "seed" })
	if !seedSet {
		var b [8]byte
		if _, err := rand.Read(b[:]); err != nil {
			return fmt.Errorf("choose a seed: %w", err)
		}
		*seed = binary.BigEndian.Uint64(b[:]) >> 11 // printable exactly as a float, too
	}
	var labels []string
	if *labelList != "" {
		for _, l := range strings.Split(*labelList, ",") {
			labels = append(labels, strings.TrimSpace(l))
		}
	}
	project := pos[0]
	paths := make([]string, len(coders))
	for i, c := range coders {
		paths[i] = filepath.Join(*outDir, c+".claimdesk")
		if _, err := os.Lstat(paths[i]); err == nil {
			return fmt.Errorf("assign into %s: %s exists; nothing was written (remove it, or name another folder)", *outDir, paths[i])
		}
	}
	lead, err := openProject(project, false)
	if err != nil {
		return err
	}
	defer lead.Close()
	return assign(lead, project, paths, coders, *overlap, *seed, labels, *withSpans, stdout)
}

// assign hands lead's documents out (round.Assign) into the packages at
// paths, one per coder, and records the round in lead. The packages are
// made under hidden names and appear (Publish) only once the round is
// recorded.
func assign(lead *store.Store, project string, paths, coders []string, overlap float64, seed uint64, labels []string, withSpans bool, stdout io.Writer) error {
	sc, err := lead.Schema()
	if err != nil {
		return fmt.Errorf("read the schema of %s: %w", project, err)
	}
	pkgSchema, err := round.PackageSchema(sc, labels)
	if err != nil {
		return &usageError{"assign", fmt.Sprintf("-labels: %v", err)}
	}
	var docs []round.Doc
	err = lead.ForEachRecord(func(rec annotate.Record) error {
		docs = append(docs, round.Doc{ID: rec.Document.ID, Length: annotate.RuneCount(rec.Document.Text)})
		return nil
	})
	if err != nil {
		return fmt.Errorf("read %s: %w", project, err)
	}
	as, err := round.Assign(docs, coders, overlap, seed)
	if err != nil {
		return fmt.Errorf("assign %s: %w", project, err)
	}
	abs, err := filepath.Abs(project)
	if err != nil {
		abs = project
	}
	r := round.Round{ID: annotate.NewID(), Created: time.Now().UTC(), Lead: abs, Seed: seed, Overlap: overlap,
		Labels: round.LabelNames(pkgSchema.Labels), WithSpans: withSpans, Sample: as.Sample, Coders: as.Coders}
	if err := os.MkdirAll(filepath.Dir(paths[0]), 0o755); err != nil {
		return fmt.Errorf("assign: %w", err)
	}
	var pkgs []*store.Store
	defer func() {
		for _, p := range pkgs {
			p.Close() // removes a package not published
		}
	}()
	for i := range r.Coders {
		c := &r.Coders[i]
		p, err := writePackage(lead, paths[i], pkgSchema, round.Package{Round: r.ID, Created: r.Created, Lead: abs,
			Coder: c.Name, Documents: c.Documents, Labels: r.Labels}, withSpans)
		if p != nil {
			pkgs = append(pkgs, p)
		}
		if err != nil {
			return err
		}
	}
	if err := lead.AddRound(r); err != nil {
		return fmt.Errorf("record the round in %s: %w; no package was written", project, err)
	}
	for i, p := range pkgs {
		if err := p.Publish(); err != nil {
			return fmt.Errorf("write %s: %w (the round %s is recorded in %s)", paths[i], err, round.ShortID(r.ID), project)
		}
	}
	fmt.Fprintf(stdout, "round %s: %s handed out to %s; overlap sample %s every coder codes (seed %d)\n",
		round.ShortID(r.ID), plural(len(docs), "document"), plural(len(coders), "coder"), plural(len(r.Sample), "document"), seed)
	width := 0
	for _, c := range coders {
		width = max(width, len(c))
	}
	for i, c := range r.Coders {
		fmt.Fprintf(stdout, "  %-*s  %s  %s, %s\n", width, annotate.Printable(c.Name), annotate.Printable(paths[i]),
			plural(len(c.Documents), "document"), plural(c.Length, "code point"))
	}
	return nil
}

// writePackage makes the package at path for p's coder: schema, the
// coder's documents (round.Carry) and p. It returns the store, not yet
// published, to be closed by the caller.
func writePackage(lead *store.Store, path string, schema annotate.Schema, p round.Package, withSpans bool) (*store.Store, error) {
	recs := make([]annotate.Record, 0, len(p.Documents))
	if withSpans {
		p.Carried = map[string]annotate.SpanKey{}
	}
	err := lead.ForEachRecordOf(p.Documents, func(rec annotate.Record) error {
		recs = append(recs, round.Carry(rec, p.Labels, withSpans, p.Carried))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the documents of %s: %w", p.Coder, err)
	}
	st, err := store.CreateNew(path)
	if err != nil {
		return nil, err
	}
	if err := st.SetSchema(schema); err != nil {
		return st, fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := st.Import(recs, ""); err != nil {
		return st, fmt.Errorf("write %s: %w", path, err)
	}
	if err := st.SetPackage(p); err != nil {
		return st, fmt.Errorf("write %s: %w", path, err)
	}
	return st, nil
}
