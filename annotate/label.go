package annotate

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Label is one tag a span can carry.
type Label struct {
	Name    string `json:"name"`    // as stored and exported: "ACTOR"
	Display string `json:"display"` // as shown: "Actor"
	Color   string `json:"color"`   // "#RRGGBB"
	Key     string `json:"key"`     // the keyboard shortcut: "1"
}

// The default label names.
const (
	LabelActor  = "ACTOR"
	LabelClaim  = "CLAIM"
	LabelDenial = "DENIAL"
)

// DefaultLabels returns the label set of a new project.
func DefaultLabels() []Label {
	return []Label{
		{Name: LabelActor, Display: "Actor", Color: "#1f77b4", Key: "1"},
		{Name: LabelClaim, Display: "Claim", Color: "#2ca02c", Key: "2"},
		{Name: LabelDenial, Display: "Denial", Color: "#d62728", Key: "3"},
	}
}

var labelName = regexp.MustCompile(`^[\p{L}\p{N}_\-.:/]{1,64}$`)

// ValidateLabelName checks that name can be a label: 1 to 64 letters,
// digits or _-.:/ characters.
func ValidateLabelName(name string) error {
	if !labelName.MatchString(name) {
		return Errorf(EINVALID, "invalid label %q (use 1 to 64 letters, digits or _-.:/)", name)
	}
	return nil
}

// extraColors are given, in turn, to labels added by imports.
var extraColors = []string{"#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"}

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
// given the next free colour and digit key, and whether it was added.
func (ls LabelSet) With(name string) (LabelSet, bool, error) {
	if _, ok := ls.Find(name); ok {
		return ls, false, nil
	}
	if err := ValidateLabelName(name); err != nil {
		return ls, false, err
	}
	n := len(ls)
	l := Label{Name: name, Display: displayName(name), Color: extraColors[n%len(extraColors)]}
	if n < 9 {
		key := fmt.Sprint(n + 1)
		if _, used := ls.ByKey(key); !used {
			l.Key = key
		}
	}
	out := append(LabelSet{}, ls...)
	return append(out, l), true, nil
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
// used twice, and every colour parses (see ParseColor). Its error is nil or
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
