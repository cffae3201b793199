package app

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// keysColumn normalises a key cell of the README's table or of the F1
// help's list for comparison: no backticks, one space between words,
// lower case ("`Shift+Left` / `Shift+Right`" is "shift+left / shift+right").
func keysColumn(s string) string {
	s = strings.ReplaceAll(s, "`", "")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// readmeTable returns the first cells of the rows of the README's table
// whose header row starts with header.
func readmeTable(t *testing.T, readme, header string) []string {
	t.Helper()
	lines := strings.Split(readme, "\n")
	i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, header) })
	if i < 0 {
		t.Fatalf("README has no table headed %q", header)
	}
	var keys []string
	for _, l := range lines[i+2:] { // after the header and |---|---|
		if !strings.HasPrefix(l, "| ") {
			break
		}
		cell, _, ok := strings.Cut(strings.TrimPrefix(l, "| "), " | ")
		if !ok {
			t.Fatalf("README's key table: a row without two cells: %q", l)
		}
		keys = append(keys, cell)
	}
	if len(keys) == 0 {
		t.Fatalf("README's table %q has no rows", header)
	}
	return keys
}

// keyTokens splits a key cell into the keys it names: "Ctrl+Z / Ctrl+Shift+Z
// or Ctrl+Y" is Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y.
func keyTokens(cell string) []string {
	cell = strings.ReplaceAll(cell, "`", "")
	var out []string
	for _, f := range regexp.MustCompile(` / | or |, `).Split(cell, -1) {
		if w := strings.Fields(f); len(w) > 0 {
			out = append(out, w[0])
		}
	}
	return out
}

// shortcutText is how the help and the README write a shortcut the window
// registers: "Ctrl+Shift+Z", "Ctrl+Enter", "F1".
func shortcutText(sc fyne.Shortcut) string {
	switch sc.(type) {
	case *fyne.ShortcutUndo:
		return "Ctrl+Z"
	case *fyne.ShortcutRedo:
		return "Ctrl+Y"
	}
	c, ok := sc.(*desktop.CustomShortcut)
	if !ok {
		return sc.ShortcutName()
	}
	var b strings.Builder
	if c.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierShortcutDefault) != 0 {
		b.WriteString("Ctrl+")
	}
	if c.Modifier&fyne.KeyModifierAlt != 0 {
		b.WriteString("Alt+")
	}
	if c.Modifier&fyne.KeyModifierShift != 0 {
		b.WriteString("Shift+")
	}
	switch c.KeyName {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.WriteString("Enter")
	case fyne.KeyEqual:
		b.WriteString("=")
	case fyne.KeyMinus:
		b.WriteString("-")
	case fyne.KeyPlus:
		b.WriteString("+")
	default:
		b.WriteString(string(c.KeyName))
	}
	return b.String()
}

// sameKey lists the shortcuts registered as another way of pressing a key
// the help names: Ctrl++ and Ctrl+Shift+= are Ctrl+= typed with Shift (on
// most layouts + is Shift+=).
var sameKey = map[string]string{"Ctrl++": "Ctrl+=", "Ctrl+Shift+=": "Ctrl+="}

// TestReadmeKeysAreTheWindows: the README's table of keys ("Using it", and
// the keys while comparing) and the F1 help list the same keys, row for
// row, both ways; every shortcut the window registers (on its canvas and
// in its menus) is named in the help, and every Ctrl shortcut the help
// names is registered.
func TestReadmeKeysAreTheWindows(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatalf("the README: %v", err)
	}
	readme := string(data)
	var help []string
	inHelp := map[string]bool{}
	for _, s := range shortcuts {
		help = append(help, keysColumn(s[0]))
		for _, k := range keyTokens(s[0]) {
			inHelp[k] = true
		}
	}
	var table []string
	for _, k := range readmeTable(t, readme, "| do this | to |") {
		table = append(table, keysColumn(k))
	}
	for _, k := range help {
		if !slices.Contains(table, k) {
			t.Errorf("the F1 help lists %q, the README's key table does not", k)
		}
	}
	for _, k := range table {
		if !slices.Contains(help, k) {
			t.Errorf("the README's key table lists %q, the F1 help does not", k)
		}
	}
	// The table of the keys while comparing names the keys of the help's
	// rows "… while comparing", and only those.
	var comparing, helpComparing []string
	for _, k := range readmeTable(t, readme, "| key (while comparing) |") {
		comparing = append(comparing, keyTokens(k)...)
	}
	for _, s := range shortcuts {
		if strings.HasSuffix(s[0], " while comparing") {
			helpComparing = append(helpComparing, keyTokens(s[0])...)
		}
	}
	slices.Sort(comparing)
	slices.Sort(helpComparing)
	if !slices.Equal(comparing, helpComparing) {
		t.Errorf("the README's keys while comparing are %v, the F1 help's %v", comparing, helpComparing)
	}

	// What the window registers.
	u := newUI(test.NewTempApp(t), Options{Annotator: "tester"})
	registered := map[string]bool{}
	var all []fyne.Shortcut
	all = append(all, u.keyBindings...)
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				all = append(all, it.Shortcut)
			}
		}
	}
	if len(u.keyBindings) < 10 {
		t.Fatalf("the window registers %d shortcuts on its canvas", len(u.keyBindings))
	}
	for _, sc := range all {
		k := shortcutText(sc)
		registered[k] = true
		if same, ok := sameKey[k]; ok {
			k = same
		}
		if !inHelp[k] {
			t.Errorf("the window registers %s, which the F1 help does not name", k)
		}
	}
	ctrlKey := regexp.MustCompile(`^Ctrl\+(Shift\+)?([A-Z0-9=+-]|Enter)$`)
	for k := range inHelp {
		if ctrlKey.MatchString(k) && !registered[k] {
			t.Errorf("the F1 help names %s, which the window does not register", k)
		}
	}
}
