package annotate

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

// ValidateLabelName accepts what the regular expression of its doc
// accepts, and nothing else.
func TestValidateLabelNameIsTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`^[\p{L}\p{N}_\-.:/]{1,64}$`)
	check := func(t interface{ Fatalf(string, ...any) }, name string) {
		if got, want := ValidateLabelName(name) == nil, re.MatchString(name); got != want {
			t.Fatalf("ValidateLabelName(%q) accepts: %v, the regexp: %v", name, got, want)
		}
	}
	for _, name := range []string{"", "ACTOR", "A B", "事件", "x\xff", "\ufffd", "Ⅻ", "²", "a\u0301", "😀",
		strings.Repeat("é", 64), strings.Repeat("é", 65), "a\x00", "SOURCE_OF.CLAIM:x/y-z"} {
		check(t, name)
	}
	rapid.Check(t, func(t *rapid.T) {
		name := rapid.OneOf(
			rapid.StringMatching(`[\p{L}\p{N}_\-.:/]{0,66}`),
			rapid.StringN(0, 70, -1),
			rapid.String(),
		).Draw(t, "name")
		check(t, name)
	})
}

func TestDisplayName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"ACTOR", "Actor"},
		{"SOURCE_OF_CLAIM", "Source of claim"},
		{"ÉVÉNEMENT", "Événement"},
		{"ÅSIKT", "Åsikt"},
		{"ßTRASSE", "ßtrasse"}, // ß has no one-letter upper case
		{"ǆUNGLA", "ǅungla"},   // a digraph takes its title case
		{"事件", "事件"},
		{"ИСТОЧНИК", "Источник"},
		{"2024_EVENT", "2024 event"},
		{"9", "9"},
		{"_X", " x"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := displayName(tt.name); got != tt.want {
			t.Errorf("displayName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// Every valid label name gets a valid UTF-8 display name with the same
// letters after the first.
func TestDisplayNameProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		name := rapid.StringMatching(`[\p{L}\p{N}_\-.:/]{1,64}`).Draw(t, "name")
		got := displayName(name)
		if !utf8.ValidString(got) {
			t.Fatalf("displayName(%q) = %q, not valid UTF-8", name, got)
		}
		lower := strings.ReplaceAll(strings.ToLower(name), "_", " ")
		_, n := utf8.DecodeRuneInString(lower)
		_, m := utf8.DecodeRuneInString(got)
		if got[m:] != lower[n:] {
			t.Fatalf("displayName(%q) = %q, want the rest %q", name, got, lower[n:])
		}
	})
}

func TestLabelSetWithDisplay(t *testing.T) {
	ls, added, err := LabelSet(DefaultLabels()).With("ÉVÉNEMENT")
	if err != nil || !added {
		t.Fatalf("With: %v %v", added, err)
	}
	l, _ := ls.Find("ÉVÉNEMENT")
	if l.Display != "Événement" || l.Key != "4" {
		t.Errorf("label %+v", l)
	}
	if err := ls.Validate(); err != nil {
		t.Errorf("the set With made is invalid: %v", err)
	}
}

func TestParseColor(t *testing.T) {
	tests := []struct {
		in      string
		r, g, b uint8
		ok      bool
	}{
		{"#1f77b4", 0x1f, 0x77, 0xb4, true},
		{"#1F77B4", 0x1f, 0x77, 0xb4, true},
		{"#000000", 0, 0, 0, true},
		{"#ffffff", 0xff, 0xff, 0xff, true},
		{"#abc", 0xaa, 0xbb, 0xcc, true},
		{"1f77b4", 0, 0, 0, false},
		{"abc", 0, 0, 0, false},
		{"#1f77b", 0, 0, 0, false},
		{"#1f77b4a", 0, 0, 0, false},
		{"#1g77b4", 0, 0, 0, false},
		{"#+1f77b", 0, 0, 0, false},
		{"# 1f77b", 0, 0, 0, false},
		{"", 0, 0, 0, false},
		{"#", 0, 0, 0, false},
		{"red", 0, 0, 0, false},
		{"#１２３", 0, 0, 0, false},
	}
	for _, tt := range tests {
		r, g, b, err := ParseColor(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseColor(%q): error %v, want ok %v", tt.in, err, tt.ok)
			continue
		}
		if !tt.ok {
			if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "invalid colour") {
				t.Errorf("ParseColor(%q): error %v, want EINVALID", tt.in, err)
			}
			continue
		}
		if r != tt.r || g != tt.g || b != tt.b {
			t.Errorf("ParseColor(%q) = %02x%02x%02x", tt.in, r, g, b)
		}
	}
	for _, l := range DefaultLabels() {
		if _, _, _, err := ParseColor(l.Color); err != nil {
			t.Errorf("default label %s: %v", l.Name, err)
		}
	}
	for _, c := range Palette() {
		if _, _, _, err := ParseColor(c); err != nil {
			t.Errorf("palette colour: %v", err)
		}
	}
}

// ParseColor reads back every colour written as #rrggbb.
func TestParseColorRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r, g, b := rapid.Uint8().Draw(t, "r"), rapid.Uint8().Draw(t, "g"), rapid.Uint8().Draw(t, "b")
		s := "#" + strings.ToUpper(string([]byte{hexDigit(r >> 4), hexDigit(r & 15), hexDigit(g >> 4), hexDigit(g & 15), hexDigit(b >> 4), hexDigit(b & 15)}))
		if rapid.Bool().Draw(t, "lower") {
			s = strings.ToLower(s)
		}
		r2, g2, b2, err := ParseColor(s)
		if err != nil || r2 != r || g2 != g || b2 != b {
			t.Fatalf("ParseColor(%q) = %d %d %d %v, want %d %d %d", s, r2, g2, b2, err, r, g, b)
		}
	})
}

func hexDigit(v uint8) byte { return "0123456789abcdef"[v] }

func TestLabelSetValidate(t *testing.T) {
	def := LabelSet(DefaultLabels())
	mod := func(f func(ls LabelSet) LabelSet) LabelSet {
		return f(append(LabelSet{}, def...))
	}
	tests := []struct {
		name string
		ls   LabelSet
		want []string // one problem each, in order
	}{
		{"defaults", def, nil},
		{"empty", LabelSet{}, nil},
		{"keys may be empty twice", mod(func(ls LabelSet) LabelSet {
			ls[0].Key, ls[1].Key = "", ""
			return ls
		}), nil},
		{"invalid name", mod(func(ls LabelSet) LabelSet {
			ls[1].Name = "two words"
			return ls
		}), []string{`invalid label "two words"`}},
		{"duplicate name", mod(func(ls LabelSet) LabelSet {
			return append(ls, Label{Name: LabelActor, Color: "#000000", Key: "9"})
		}), []string{`label "ACTOR" is listed twice`}},
		{"duplicate key, other case", mod(func(ls LabelSet) LabelSet {
			ls[0].Key, ls[2].Key = "a", "A"
			return ls
		}), []string{`labels "ACTOR" and "DENIAL" have the same key "A"`}},
		{"bad colour", mod(func(ls LabelSet) LabelSet {
			ls[2].Color = "crimson"
			return ls
		}), []string{`label "DENIAL": invalid colour "crimson"`}},
		{"every problem", LabelSet{
			{Name: "", Color: "#fff", Key: "1"},
			{Name: "X", Color: "", Key: "1"},
			{Name: "X", Color: "#123456"},
		}, []string{`invalid label ""`, `label "X": invalid colour ""`, `labels "" and "X" have the same key "1"`, `label "X" is listed twice`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.ls.Validate()
			var got []error
			if err != nil {
				got = err.(interface{ Unwrap() []error }).Unwrap()
			}
			if len(got) != len(tt.want) {
				t.Fatalf("problems %v, want %q", got, tt.want)
			}
			for _, want := range tt.want {
				found := false
				for _, e := range got {
					var ae *Error
					if errors.As(e, &ae) && ae.Code == EINVALID && strings.Contains(e.Error(), want) {
						found = true
					}
				}
				if !found {
					t.Errorf("no EINVALID problem %q in %v", want, got)
				}
			}
		})
	}
}

// Adding labels one by one with With always keeps a set valid.
func TestLabelSetWithKeepsValid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ls := LabelSet(DefaultLabels())
		names := rapid.SliceOf(rapid.StringMatching(`[A-Z][A-Z_0-9]{0,6}|[\p{L}]{1,4}`)).Draw(t, "names")
		for _, n := range names {
			var err error
			if ls, _, err = ls.With(n); err != nil {
				t.Fatalf("With(%q): %v", n, err)
			}
			if err := ls.Validate(); err != nil {
				t.Fatalf("after With(%q): %v", n, err)
			}
		}
	})
}

// The backgrounds spans are drawn on: app/theme.go themes the app with
// Fyne's theme.DefaultTheme(), whose theme.ColorNameBackground is
// colorLightBackground and colorDarkBackground in fyne.io/fyne/v2@v2.7.1
// theme/color.go.
const (
	lightBackground = "#ffffff"
	darkBackground  = "#171718"
)

// relativeLuminance is WCAG 2's relative luminance of a "#RRGGBB" colour.
func relativeLuminance(t *testing.T, c string) float64 {
	t.Helper()
	r, g, b, err := ParseColor(c)
	if err != nil {
		t.Fatal(err)
	}
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrastRatio is WCAG 2's contrast ratio of two colours, 1 to 21.
func contrastRatio(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := relativeLuminance(t, a), relativeLuminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestContrastRatio(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#777777", "#ffffff", 4.48}, // the classic just-below-AA grey
		{"#0072b2", "#ffffff", 5.18},
	}
	for _, tt := range tests {
		if got := contrastRatio(t, tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("contrastRatio(%s, %s) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

// Every default colour, and that of the first label a project adds, keeps
// 3:1 contrast (WCAG 2.1, non-text contrast) against both backgrounds.
func TestDefaultColorsContrast(t *testing.T) {
	ls := LabelSet(DefaultLabels())
	next, _, err := ls.With("EXTRA")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range next {
		for _, bg := range []string{lightBackground, darkBackground} {
			if r := contrastRatio(t, l.Color, bg); r < 3 {
				t.Errorf("label %s: colour %s has contrast %.2f:1 against %s, want at least 3:1", l.Name, l.Color, r, bg)
			}
		}
	}
}

// The defaults differ by colour and by underline style, come from the
// palette, and carry a definition and an example taken from the test
// article.
func TestDefaultLabelsCodebook(t *testing.T) {
	data, err := os.ReadFile("../testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	text, err := NormalizeText(data)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{LabelActor: UnderlineSolid, LabelClaim: UnderlineDashed, LabelDenial: UnderlineDouble}
	colors, styles := map[string]bool{}, map[string]bool{}
	for _, l := range DefaultLabels() {
		if l.Underline != want[l.Name] {
			t.Errorf("label %s: underline %q, want %q", l.Name, l.Underline, want[l.Name])
		}
		if !slices.Contains(Palette(), l.Color) {
			t.Errorf("label %s: colour %s is not an Okabe–Ito colour", l.Name, l.Color)
		}
		if colors[l.Color] || styles[l.Underline] {
			t.Errorf("label %s shares its colour or underline with another", l.Name)
		}
		colors[l.Color], styles[l.Underline] = true, true
		if len(l.Definition) < 40 {
			t.Errorf("label %s: definition %q is too short to be a codebook entry", l.Name, l.Definition)
		}
		if l.Example == "" || !strings.Contains(text, l.Example) {
			t.Errorf("label %s: example %q is not a passage of the test article", l.Name, l.Example)
		}
	}
}

func TestNextColorAndUnderline(t *testing.T) {
	def := LabelSet(DefaultLabels())
	tests := []struct {
		name             string
		ls               LabelSet
		color, underline string
	}{
		{"empty", nil, "#0072b2", UnderlineSolid},
		{"defaults", def, "#cc79a7", UnderlineDotted},
		{"a gap is filled first", LabelSet{def[0], def[2]}, "#d55e00", UnderlineDashed},
		{"colours compare in either case", LabelSet{{Name: "A", Color: "#0072B2", Underline: UnderlineWavy}}, "#d55e00", UnderlineSolid},
	}
	full := LabelSet{}
	for i, c := range palette {
		full = append(full, Label{Name: fmt.Sprint("L", i), Color: c, Underline: underlineStyles[i%len(underlineStyles)]})
	}
	tests = append(tests, struct {
		name             string
		ls               LabelSet
		color, underline string
	}{"every colour and style taken", full, palette[len(full)%len(palette)], underlineStyles[len(full)%len(underlineStyles)]})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ls.NextColor(); got != tt.color {
				t.Errorf("NextColor = %s, want %s", got, tt.color)
			}
			if got := tt.ls.NextUnderline(); got != tt.underline {
				t.Errorf("NextUnderline = %s, want %s", got, tt.underline)
			}
		})
	}
}

func TestNextKey(t *testing.T) {
	def := LabelSet(DefaultLabels())
	if got := def.NextKey(); got != "4" {
		t.Errorf("NextKey of the defaults = %q, want 4", got)
	}
	taken := append(slices.Clone(def), Label{Name: "X", Key: "5"})
	if got := taken.NextKey(); got != "" {
		t.Errorf("NextKey with 5 taken = %q, want none", got)
	}
	nine := slices.Repeat(LabelSet{{}}, 9)
	if got := nine.NextKey(); got != "" {
		t.Errorf("NextKey of nine labels = %q, want none", got)
	}
}

func TestCompleted(t *testing.T) {
	def := LabelSet(DefaultLabels())
	old := LabelSet{ // as a project written before underlines and definitions stored it
		{Name: LabelActor, Display: "Actor", Color: "#1f77b4", Key: "1"},
		{Name: LabelClaim, Display: "Claim", Color: "#2ca02c", Key: "2", Definition: "Our own definition."},
		{Name: "SOURCE_OF_CLAIM", Color: "#9467bd", Key: "3"},
	}
	got := old.Completed()
	if old[0].Underline != "" || old[0].Definition != "" {
		t.Fatalf("Completed changed its receiver: %+v", old[0])
	}
	want := LabelSet{
		{Name: LabelActor, Display: "Actor", Color: "#1f77b4", Key: "1", Underline: UnderlineSolid, Definition: def[0].Definition, Example: def[0].Example},
		{Name: LabelClaim, Display: "Claim", Color: "#2ca02c", Key: "2", Underline: UnderlineDashed, Definition: "Our own definition.", Example: def[1].Example},
		{Name: "SOURCE_OF_CLAIM", Display: "Source of claim", Color: "#9467bd", Key: "3", Underline: UnderlineDouble},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Completed =\n%+v\nwant\n%+v", got, want)
	}
	// A label with an underline keeps what a user chose, cleared
	// definitions included.
	chosen := LabelSet{{Name: LabelDenial, Display: "Refusal", Color: "#000000", Underline: UnderlineWavy}}
	if got := chosen.Completed(); !slices.Equal(got, chosen) {
		t.Errorf("Completed changed a complete label: %+v", got)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("completed set is invalid: %v", err)
	}
}

// Completed is idempotent, keeps names, colours and keys, and leaves every
// label with a valid underline style.
func TestCompletedProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ls := rapid.SliceOf(rapid.Custom(func(t *rapid.T) Label {
			return Label{
				Name:       rapid.SampledFrom([]string{LabelActor, LabelClaim, LabelDenial, "X", "Y"}).Draw(t, "name"),
				Color:      rapid.SampledFrom(palette).Draw(t, "color"),
				Key:        rapid.StringMatching(`[0-9]?`).Draw(t, "key"),
				Underline:  rapid.SampledFrom(append([]string{""}, underlineStyles...)).Draw(t, "underline"),
				Definition: rapid.SampledFrom([]string{"", "def"}).Draw(t, "definition"),
			}
		})).Draw(t, "labels")
		got := LabelSet(ls).Completed()
		if again := got.Completed(); !slices.Equal(again, got) {
			t.Fatalf("Completed is not idempotent:\n%+v\n%+v", got, again)
		}
		for i, l := range got {
			if l.Name != ls[i].Name || l.Color != ls[i].Color || l.Key != ls[i].Key {
				t.Fatalf("label %d changed: %+v → %+v", i, ls[i], l)
			}
			if !slices.Contains(underlineStyles, l.Underline) || l.Display == "" {
				t.Fatalf("label %d not completed: %+v", i, l)
			}
			if ls[i].Underline != "" && l != (Label{Name: ls[i].Name, Display: displayName(ls[i].Name), Color: ls[i].Color, Key: ls[i].Key, Underline: ls[i].Underline, Definition: ls[i].Definition}) {
				t.Fatalf("complete label %d changed: %+v → %+v", i, ls[i], l)
			}
		}
	})
}

func TestValidateUnderline(t *testing.T) {
	ls := LabelSet(DefaultLabels())
	ls[1].Underline = "zigzag"
	err := ls.Validate()
	if err == nil || !strings.Contains(err.Error(), `label "CLAIM": unknown underline style "zigzag"`) || ErrorCode(err) != EINVALID {
		t.Errorf("Validate with a zigzag underline: %v", err)
	}
	ls[1].Underline = ""
	if err := ls.Validate(); err != nil {
		t.Errorf("an empty underline (an older file) is valid: %v", err)
	}
}

// Labels written by an older Claimdesk, without the new fields, decode;
// the new fields are left out of the JSON when empty.
func TestLabelJSON(t *testing.T) {
	var ls LabelSet
	if err := json.Unmarshal([]byte(`[{"name":"ACTOR","display":"Actor","color":"#1f77b4","key":"1"}]`), &ls); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(ls)
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"name":"ACTOR","display":"Actor","color":"#1f77b4","key":"1"}]`; string(data) != want {
		t.Errorf("JSON %s, want %s", data, want)
	}
	data, err = json.Marshal(DefaultLabels()[:1])
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{`"underline":"solid"`, `"definition":"A person`, `"example":"Hong Lei, a foreign ministry spokesman"`} {
		if !strings.Contains(string(data), field) {
			t.Errorf("JSON %s lacks %s", data, field)
		}
	}
}
