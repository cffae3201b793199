package annotate

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

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
	for _, c := range extraColors {
		if _, _, _, err := ParseColor(c); err != nil {
			t.Errorf("extra colour: %v", err)
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
