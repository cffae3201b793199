package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
	"claimdesk/store"
)

// command is one subcommand of the CLI.
type command struct {
	name  string
	usage string // first usage line, after "claimdesk "
	help  string // one paragraph
}

// runners maps each command's name to the function that runs it.
func runners() map[string]func(args []string, stdout, stderr io.Writer) error {
	return map[string]func(args []string, stdout, stderr io.Writer) error{
		"import":  runImport,
		"export":  runExport,
		"stats":   runStats,
		"check":   runCheck,
		"schema":  runSchema,
		"agree":   runAgree,
		"merge":   runMerge,
		"diff":    runDiff,
		"suggest": runSuggest,
		"backups": runBackups,
		"restore": runRestore,
		"version": runVersion,
		"assign":  runAssign,
		"collect": runCollect,
		"status":  runStatus,
	}
}

// mainUsage is the CLI's help; its lists of file types and export formats
// come from the format registry.
var mainUsage = `Claimdesk: annotate actors, claims and denials in news articles.

Usage:
  claimdesk [-annotator NAME] [PROJECT]   open the GUI (the default project when PROJECT is omitted)
  claimdesk import PROJECT FILE...        import articles and annotations (` + strings.Join(format.ImportExtensions(), " ") + `)
  claimdesk ` + exportCommand.usage + `
  claimdesk stats PROJECT [-json]         documents by status, spans by label and annotator
  claimdesk check PROJECT                 integrity: bbolt consistency and domain invariants
  claimdesk schema PROJECT [-o FILE | -import FILE]  write, or replace, the labels, codebook and relation types
  claimdesk agree FILE FILE... [-json]    agreement of projects or exports: F1, Cohen's kappa, alpha_U
  claimdesk agree PROJECT -round ID [-json]  a round's reliability: agreement on its overlap sample
  claimdesk assign PROJECT -coders ana,bo -o DIR [-overlap 0.2] [-seed N] [-labels A,B] [-with-spans]
                                          hand documents out to coders: a package each, with an overlap sample
  claimdesk collect PROJECT DIR|FILE...   bring the coders' packages back under their names
  claimdesk status PROJECT [-round ID] [-json]  a round's coders: done, spans, last change, agreement
  claimdesk merge -o GOLD FILE FILE... [-strategy majority|union|intersection]
                                          adjudicate projects or exports into a new gold project
  claimdesk merge PROJECT -annotators A,B|-round ID -as NAME|-o GOLD [-single take|skip]
                                          adjudicate a project's annotators (or a round's coders) into a gold layer
  claimdesk diff PROJECT FILE [-json]     differences with a colleague's file and the review decisions taken
  claimdesk diff PROJECT -annotators A,B [-gold NAME] [-json]  differences of a project's annotators with its gold layer
  claimdesk suggest PROJECT [-o FILE | -rules]  suggest who claims what, as Claimdesk JSONL (annotator "suggest")
  claimdesk suggest -eval GOLD [PROJECT]  score the suggestions against a gold file: precision, recall, F1
  claimdesk backups [-now] PROJECT        list the project's backups (-now: take one first)
  claimdesk restore PROJECT BACKUP        replace the project by a backup (a number from backups, or a file)
  claimdesk version

Run "claimdesk COMMAND -h" for a command's flags.
`

// usageError is a mistake in the command line; its message is followed by
// a hint to -h.
type usageError struct{ cmd, msg string }

// Error implements the error interface.
func (e *usageError) Error() string {
	if e.cmd == "" {
		return e.msg + " (see 'claimdesk -h')"
	}
	return fmt.Sprintf("%s (see 'claimdesk %s -h')", e.msg, e.cmd)
}

// run is the whole CLI: it returns the exit status and never panics.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "claimdesk: internal error: %s (please report this)\n", annotate.Printable(fmt.Sprint(r)))
			code = 3
		}
	}()
	var err error
	if len(args) > 0 {
		if runCmd, ok := runners()[args[0]]; ok {
			return exitCode(runCmd(args[1:], stdout, stderr), stderr)
		}
		if args[0] == "help" {
			fmt.Fprint(stdout, mainUsage)
			return 0
		}
	}
	err = runGUI(args, stdout, stderr)
	return exitCode(err, stderr)
}

func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) {
		name := "claimdesk"
		if ue.cmd != "" {
			name += " " + ue.cmd
		}
		fmt.Fprintf(stderr, "%s: %s\n", name, annotate.Printable(ue.Error()))
		return 2
	}
	msg := errorLine(err)
	if h := store.DiskHint(err); h != "" && !strings.Contains(msg, h) {
		msg += h // a full disk, a file-size limit, a read-only file system
	}
	fmt.Fprintf(stderr, "claimdesk: %s\n", msg)
	return 1
}

// errorLine is err's message as one line for the terminal: its lines
// joined by "; ", control characters escaped (annotate.Printable), so
// that nothing a file or a file name brought reaches the terminal raw.
func errorLine(err error) string {
	return annotate.Printable(strings.ReplaceAll(err.Error(), "\n", "; "))
}

// errHelp ends a command after it printed its usage for -h.
var errHelp = errors.New("help printed")

// parseFlags parses args with fs, letting flags stand before or after the
// positional arguments, and returns the positional ones. -h prints the
// command's usage to stdout and returns errHelp.
func parseFlags(fs *flag.FlagSet, c command, args []string, stdout io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printUsage(stdout, fs, c)
				return nil, errHelp
			}
			return nil, &usageError{c.name, err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func printUsage(w io.Writer, fs *flag.FlagSet, c command) {
	fmt.Fprintf(w, "Usage: claimdesk %s\n\n%s\n", c.usage, c.help)
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprintln(w, "\nFlags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// defaultAnnotator is $CLAIMDESK_ANNOTATOR, else the OS user name.
func defaultAnnotator() string {
	if a := strings.TrimSpace(os.Getenv("CLAIMDESK_ANNOTATOR")); a != "" {
		return a
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}

// openProject opens a project file for a headless command. Read-only opens
// never change a byte of the file.
func openProject(path string, readOnly bool) (*store.Store, error) {
	if err := refuseSpecialFile(path); err != nil {
		return nil, err
	}
	return store.Open(path, store.Options{ReadOnly: readOnly}) // its errors name the path
}
