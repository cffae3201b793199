package annotate

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Label is one tag a span can carry, with its codebook entry.
type Label struct {
	Name    string `json:"name"`    // as stored and exported: "ACTOR"
	Display string `json:"display"` // as shown: "Actor"
	Color   string `json:"color"`   // "#RRGGBB"
	Key     string `json:"key"`     // the keyboard shortcut: "1"
	// Underline is how spans of the label are underlined, one of
	// UnderlineStyles, so that labels never differ by colour alone. It is
	// empty only in label sets written before underline styles existed
	// (see LabelSet.Completed).
	Underline string `json:"underline,omitempty"`
	// Definition is the label's codebook definition, shown in tooltips
	// and on the help screen so that coders apply one definition.
	Definition string `json:"definition,omitempty"`
	// Example is a passage of text the label fits.
	Example string `json:"example,omitempty"`
}

// Underline styles of labels.
const (
	UnderlineSolid  = "solid"
	UnderlineDashed = "dashed"
	UnderlineDouble = "double"
	UnderlineDotted = "dotted"
	UnderlineWavy   = "wavy"
)

// underlineStyles are the underline styles in the order new labels get them.
var underlineStyles = []string{UnderlineSolid, UnderlineDashed, UnderlineDouble, UnderlineDotted, UnderlineWavy}

// UnderlineStyles returns the underline styles a label may have, in the
// order new labels get them.
func UnderlineStyles() []string { return slices.Clone(underlineStyles) }

// palette is the Okabe–Ito colour-blind-safe palette (Okabe & Ito, "Color
// Universal Design", 2008), in the order labels get its colours: blue,
// vermillion, bluish green and reddish purple first, the four that keep a
// contrast of 3:1 against both the light and the dark theme's background;
// then orange, sky blue, yellow and black, which do not.
var palette = []string{"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442", "#000000"}

// Palette returns the colours labels get by default (the Okabe–Ito
// palette), in the order new labels get them.
func Palette() []string { return slices.Clone(palette) }

// The default label names.
const (
	LabelActor  = "ACTOR"
	LabelClaim  = "CLAIM"
	LabelDenial = "DENIAL"
)

// DefaultLabels returns the label set of a new project: the actors,
// claims and denials of political claims analysis (Koopmans and Statham),
// with their codebook definitions and examples from a news article.
func DefaultLabels() []Label {
	return []Label{
		{
			Name: LabelActor, Display: "Actor", Color: palette[0], Key: "1", Underline: UnderlineSolid,
			Definition: "A person, group, organisation or institution that makes a claim or denial (its source), " +
				"or that a claim is addressed to or about (its target). Tag the name together with the role " +
				"or description the text gives it.",
			Example: "Hong Lei, a foreign ministry spokesman",
		},
		{
			Name: LabelClaim, Display: "Claim", Color: palette[1], Key: "2", Underline: UnderlineDashed,
			Definition: "A public statement of position by an actor on a political issue: a demand, proposal, " +
				"offer, criticism, decision or appeal, made in speech, writing or action and reported in the " +
				"text. Tag what is claimed, not the verb of saying nor the actor.",
			Example: "China has been fighting terrorism in our own way",
		},
		{
			Name: LabelDenial, Display: "Denial", Color: palette[2], Key: "3", Underline: UnderlineDouble,
			Definition: "An actor rejecting or denying a claim, report or accusation, or declining to comment " +
				"on it or to state a position. Tag the words that report the rejection, denial or refusal.",
			Example: "China’s defence ministry declined to comment on Mr Jafari’s remarks",
		},
	}
}

// ValidateLabelName checks that name can be a label: 1 to 64 letters,
// digits or _-.:/ characters (Unicode letters and numbers, as the regular
// expression ^[\p{L}\p{N}_\-.:/]{1,64}$ says: an import checks every
// span's label, so it is not one).
func ValidateLabelName(name string) error {
	if !isLabelName(name) {
		return Errorf(EINVALID, "invalid label %q (use 1 to 64 letters, digits or _-.:/)", name)
	}
	return nil
}

func isLabelName(name string) bool {
	n := 0
	for _, r := range name {
		if n++; n > 64 {
			return false
		}
		switch {
		case 'A' <= r && r <= 'Z', 'a' <= r && r <= 'z', '0' <= r && r <= '9',
			r == '_', r == '-', r == '.', r == ':', r == '/':
		case r >= utf8.RuneSelf && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r)):
		default:
			return false
		}
	}
	return n > 0
}

// LabelSet is a project's ordered list of labels.
type LabelSet []Label

// Find returns the label called name.
func (ls LabelSet) Find(name string) (Label, bool) {
	for _, l := range ls {
		if l.Name == name {
			return l, true
		}
	}
	return Label{}, false
}

// ByKey returns the label whose shortcut is key (case-insensitive).
func (ls LabelSet) ByKey(key string) (Label, bool) {
	for _, l := range ls {
		if l.Key != "" && strings.EqualFold(l.Key, key) {
			return l, true
		}
	}
	return Label{}, false
}

// With returns the set with a label called name added (if it is missing),
// given the next unused colour and underline style (NextColor,
// NextUnderline) and digit key (NextKey), and whether it was added.
func (ls LabelSet) With(name string) (LabelSet, bool, error) {
	if _, ok := ls.Find(name); ok {
		return ls, false, nil
	}
	if err := ValidateLabelName(name); err != nil {
		return ls, false, err
	}
	l := Label{Name: name, Display: displayName(name), Color: ls.NextColor(), Underline: ls.NextUnderline(), Key: ls.NextKey()}
	out := append(LabelSet{}, ls...)
	return append(out, l), true, nil
}

// NextColor returns the colour a new label gets: the first colour of the
// Palette that no label of the set has (in either case), or, when every
// one is taken, the palette's colours in turn.
func (ls LabelSet) NextColor() string {
	for _, c := range palette {
		if !slices.ContainsFunc(ls, func(l Label) bool { return strings.EqualFold(l.Color, c) }) {
			return c
		}
	}
	return palette[len(ls)%len(palette)]
}

// NextUnderline returns the underline style a new label gets: the first
// of UnderlineStyles that no label of the set has, or, when every one is
// taken, the styles in turn.
func (ls LabelSet) NextUnderline() string {
	for _, u := range underlineStyles {
		if !slices.ContainsFunc(ls, func(l Label) bool { return l.Underline == u }) {
			return u
		}
	}
	return underlineStyles[len(ls)%len(underlineStyles)]
}

// NextKey returns the shortcut key a new label gets: the digit of its
// place in the set (1 to 9) when no label has that key, else "".
func (ls LabelSet) NextKey() string {
	if len(ls) >= 9 {
		return ""
	}
	key := fmt.Sprint(len(ls) + 1)
	if _, used := ls.ByKey(key); used {
		return ""
	}
	return key
}

// Completed returns a copy of the set with what labels written before
// underline styles and codebook definitions existed lack. A label without
// an underline style gets one: a default label (LabelActor, LabelClaim,
// LabelDenial) its default style, and also its default Definition and
// Example where those are empty; any other label the next unused style
// (NextUnderline). A label without a Display gets its name as shown
// ("SOURCE_OF_CLAIM" → "Source of claim"). Nothing else changes: colours
// and keys stay as stored, and a label that has an underline style keeps
// its definition and example, even empty ones a user cleared.
func (ls LabelSet) Completed() LabelSet {
	out := slices.Clone(ls)
	defaults := LabelSet(DefaultLabels())
	for i := range out {
		l := &out[i]
		if l.Display == "" {
			l.Display = displayName(l.Name)
		}
		if l.Underline != "" {
			continue
		}
		d, ok := defaults.Find(l.Name)
		if !ok {
			l.Underline = out.NextUnderline()
			continue
		}
		l.Underline = d.Underline
		if l.Definition == "" {
			l.Definition = d.Definition
		}
		if l.Example == "" {
			l.Example = d.Example
		}
	}
	return out
}

// displayName turns a label name into the name shown: lower case, "_" as
// spaces, the first letter in title case ("ÉVÉNEMENT" → "Événement").
func displayName(name string) string {
	s := strings.ReplaceAll(strings.ToLower(name), "_", " ")
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToTitle(r)) + s[n:]
}

// Validate checks the label set: every name is a valid label name (see
// ValidateLabelName), no name and no shortcut key (case-insensitive) is
// used twice, every colour parses (see ParseColor) and every underline
// style is empty or one of UnderlineStyles. Its error is nil or
// errors.Join of one EINVALID *Error per problem.
func (ls LabelSet) Validate() error {
	var errs []error
	names := make(map[string]bool, len(ls))
	keys := make(map[string]string, len(ls))
	for _, l := range ls {
		if err := ValidateLabelName(l.Name); err != nil {
			errs = append(errs, err)
		}
		if names[l.Name] {
			errs = append(errs, Errorf(EINVALID, "label %q is listed twice", l.Name))
		}
		names[l.Name] = true
		if l.Key != "" {
			k := strings.ToLower(l.Key)
			if other, ok := keys[k]; ok {
				errs = append(errs, Errorf(EINVALID, "labels %q and %q have the same key %q", other, l.Name, l.Key))
			} else {
				keys[k] = l.Name
			}
		}
		if _, _, _, err := ParseColor(l.Color); err != nil {
			errs = append(errs, Errorf(EINVALID, "label %q: %v", l.Name, err))
		}
		if l.Underline != "" && !slices.Contains(underlineStyles, l.Underline) {
			errs = append(errs, Errorf(EINVALID, "label %q: unknown underline style %q (use %s)", l.Name, l.Underline, strings.Join(underlineStyles, ", ")))
		}
	}
	return errors.Join(errs...)
}

// ParseColor parses a label colour, "#RRGGBB" or "#RGB" in hexadecimal
// digits of either case. Its error is EINVALID.
func ParseColor(s string) (r, g, b uint8, err error) {
	hex, ok := strings.CutPrefix(s, "#")
	if ok && len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	if !ok || len(hex) != 6 || !isHex(hex) {
		return 0, 0, 0, Errorf(EINVALID, "invalid colour %q (use #RRGGBB, e.g. #1f77b4)", s)
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("parse colour %q: %w", s, err)
	}
	return uint8(v >> 16), uint8(v >> 8), uint8(v), nil
}

// isHex reports whether s is made of hexadecimal digits only.
func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
