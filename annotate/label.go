package annotate

import (
	"fmt"
	"regexp"
	"strings"
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

func displayName(name string) string {
	s := strings.ReplaceAll(strings.ToLower(name), "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
