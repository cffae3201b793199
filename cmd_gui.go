package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"claimdesk/annotate"
	"claimdesk/app"
	"claimdesk/assets"
	"claimdesk/store"
)

// appID identifies Claimdesk to Fyne (preferences, desktop integration).
const appID = "io.github.claimdesk"

var guiCommand = command{
	name:  "",
	usage: "[-annotator NAME] [-read-only] [-compare FILE]... [PROJECT]",
	help: `Open the annotation window on PROJECT, a .claimdesk file (created when
missing), or on the default project, which starts with the bundled sample
articles. Each -compare FILE (a colleague's project file, opened read-only,
or an export in any format that import reads) is shown beside it for review.`,
}

func runGUI(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("claimdesk", flag.ContinueOnError)
	annotator := fs.String("annotator", defaultAnnotator(), "name recorded on the spans you make (default: $CLAIMDESK_ANNOTATOR, else the name given in the window on the first start, else the OS user name)")
	readOnly := fs.Bool("read-only", false, "open the project for review: nothing in it can change")
	var compare stringList
	fs.Var(&compare, "compare", "a colleague's project or export to review beside PROJECT (repeatable)")
	pos, err := parseFlags(fs, guiCommand, args, stdout)
	if errors.Is(err, errHelp) {
		fmt.Fprint(stdout, "\n"+mainUsage)
		return err
	}
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		if _, err := os.Stat(pos[0]); err != nil && filepath.Ext(pos[0]) != ".claimdesk" {
			return fmt.Errorf("%q is not a command (see 'claimdesk help')", pos[0])
		}
		return &usageError{"", "the window opens one PROJECT"}
	}
	given := os.Getenv("CLAIMDESK_ANNOTATOR") != ""
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "annotator" })
	var path string
	if len(pos) == 1 {
		path = pos[0]
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && filepath.Ext(path) != ".claimdesk" {
			return fmt.Errorf("%q is neither a command nor a project file (new projects end in .claimdesk; see 'claimdesk help')", path)
		}
	}
	if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("no display to open the window on ($DISPLAY is not set); import, export, stats and check work without one")
	}
	a := fyneapp.NewWithID(appID)
	if path == "" {
		// the project shown last, else the default one
		if last := app.LastProject(a); last != "" {
			if _, err := os.Stat(last); err == nil {
				path = last
			}
		}
		if path == "" {
			if path, err = defaultProject(); err != nil {
				return err
			}
		}
	}
	a.SetIcon(fyne.NewStaticResource("claimdesk.png", assets.Icon))
	app.Start(a, path, app.Options{Annotator: *annotator, AnnotatorGiven: given, ReadOnly: *readOnly, Open: openForGUI,
		CreateNew: createForGUI, OpenSource: openCompareSource, Compare: compare, Backups: guiBackups,
		NativeFileDialog: os.Getenv("CLAIMDESK_FILE_DIALOG") != "fyne"}) // the platform's file dialog, unless asked for Fyne's
	a.Run()
	return nil
}

// openForGUI opens a project for the window. A read-only open of a file
// that another program holds opens a snapshot copy of it instead
// (store.OpenSnapshot). A project opened for writing gets its hourly
// backup in the background (autoBackup).
func openForGUI(path string, readOnly bool) (app.Project, error) {
	st, err := store.Open(path, store.Options{ReadOnly: readOnly})
	if err != nil && readOnly && annotate.ErrorCode(err) == annotate.ELOCKED {
		st, err = store.OpenSnapshot(path)
	}
	if err != nil {
		return nil, err
	}
	if !readOnly {
		go autoBackup(st, os.Stderr)
	}
	return st, nil
}

// createForGUI makes the project of the window's import into a new
// project (store.CreateNew): it appears at path once the import stored
// something.
func createForGUI(path string) (app.Project, error) {
	st, err := store.CreateNew(path)
	if err != nil {
		return nil, err
	}
	return st, nil
}

// defaultProject returns the default project's path, creating the project
// with the bundled sample articles on first use.
func defaultProject() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the default project: %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	dir = filepath.Join(dir, "claimdesk")
	path := filepath.Join(dir, "default.claimdesk")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create the default project: %w", err)
	}
	if err := createSampleProject(path); err != nil {
		return "", err
	}
	return path, nil
}

// createSampleProject creates a project holding the bundled sample
// articles, in one transaction; it is written under a temporary name and
// renamed so a crash never leaves a half-made default project.
func createSampleProject(path string) error {
	tmp := path + ".new"
	os.Remove(tmp)
	st, err := store.Open(tmp, store.Options{})
	if err != nil {
		return fmt.Errorf("create the default project: %w", err)
	}
	var recs []annotate.Record
	now := time.Now()
	for _, a := range assets.SampleArticles() {
		title, _, _ := strings.Cut(a.Text, "\n")
		recs = append(recs, annotate.Record{Document: annotate.NewDocument(title, a.Name, a.Text, now)})
	}
	_, err = st.Import(recs, defaultAnnotator())
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("create the default project %s: %w", path, err)
	}
	return nil
}
