package suggest

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"claimdesk/annotate"
)

// Bounds of the rules a coder types: the entries of one list and the
// length of one entry, so that a schema stays small and the suggester
// fast.
const (
	maxRuleEntries = 500
	maxRuleRunes   = 60
)

// FormatWords returns a list of the rules as a coder edits it: its
// entries separated by commas ("said, told, declined to").
func FormatWords(list []string) string { return strings.Join(list, ", ") }

// ParseWords reads a list of the rules as a coder types it: entries
// separated by commas or line breaks, spaces around them trimmed, blank
// ones and repeats (ignoring case) left out; an entry of several words
// ("declined to") is kept as one. what names the list in errors, which are
// EINVALID for more than 500 entries or an entry of more than 60 code
// points.
func ParseWords(what, text string) ([]string, error) {
	out := []string{}
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' }) {
		w := strings.Join(strings.Fields(f), " ")
		if w == "" || slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, w) }) {
			continue
		}
		if utf8.RuneCountInString(w) > maxRuleRunes {
			return nil, annotate.Errorf(annotate.EINVALID, "%s: %q is longer than %d characters", what, w, maxRuleRunes)
		}
		out = append(out, w)
	}
	if len(out) > maxRuleEntries {
		return nil, annotate.Errorf(annotate.EINVALID, "%s: %d entries, more than %d", what, len(out), maxRuleEntries)
	}
	return out, nil
}

// FormatQuotes returns quotation mark pairs as a coder edits them: each
// pair its opening and closing mark with a space between, pairs separated
// by commas (“ ”, " ", « »).
func FormatQuotes(qs []QuotePair) string {
	parts := make([]string, len(qs))
	for i, q := range qs {
		parts[i] = q.Open + " " + q.Close
	}
	return strings.Join(parts, ", ")
}

// ParseQuotes reads quotation mark pairs as FormatQuotes writes them; a
// pair of one mark opens and closes with it (" for "). Its error is
// EINVALID for a pair of more than two marks, a mark with spaces or a comma
// in it (as written no pair can hold one), or more than 500 pairs.
func ParseQuotes(text string) ([]QuotePair, error) {
	out := []QuotePair{}
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' }) {
		marks := strings.Fields(f)
		var q QuotePair
		switch len(marks) {
		case 0:
			continue
		case 1:
			q = QuotePair{marks[0], marks[0]}
		case 2:
			q = QuotePair{marks[0], marks[1]}
		default:
			return nil, annotate.Errorf(annotate.EINVALID, "quotation marks: %q is not a pair: write the opening mark, a space and the closing mark", strings.TrimSpace(f))
		}
		if utf8.RuneCountInString(q.Open) > maxRuleRunes || utf8.RuneCountInString(q.Close) > maxRuleRunes {
			return nil, annotate.Errorf(annotate.EINVALID, "quotation marks: %q is longer than %d characters", strings.TrimSpace(f), maxRuleRunes)
		}
		if !slices.Contains(out, q) {
			out = append(out, q)
		}
	}
	if len(out) > maxRuleEntries {
		return nil, annotate.Errorf(annotate.EINVALID, "quotation marks: %d pairs, more than %d", len(out), maxRuleEntries)
	}
	return out, nil
}

// Encode returns the rules as a project's schema keeps them ("suggest",
// read by RulesOf): the lists that differ from the English defaults, so
// that a project keeps only what it changed; nil when nothing differs.
// RulesOf(Encode(r)) is r.
func Encode(r Rules) (json.RawMessage, error) {
	d := DefaultRules()
	m := map[string]any{}
	if !slices.Equal(r.Quotes, d.Quotes) {
		m["quotes"] = nonNil(r.Quotes)
	}
	for _, f := range []struct {
		name      string
		got, dflt []string
	}{
		{"speech_verbs", r.SpeechVerbs, d.SpeechVerbs}, {"object_verbs", r.ObjectVerbs, d.ObjectVerbs},
		{"denial_verbs", r.DenialVerbs, d.DenialVerbs}, {"according", r.According, d.According},
		{"complementizers", r.Complementizers, d.Complementizers}, {"pronouns", r.Pronouns, d.Pronouns},
		{"titles", r.Titles, d.Titles}, {"org_words", r.OrgWords, d.OrgWords},
		{"conjunctions", r.Conjunctions, d.Conjunctions}, {"not_in_subject", r.NotInSubject, d.NotInSubject},
	} {
		if !slices.Equal(f.got, f.dflt) {
			m[f.name] = nonNil(f.got)
		}
	}
	if r.MaxSubjectWords != d.MaxSubjectWords && r.MaxSubjectWords > 0 {
		m["max_subject_words"] = r.MaxSubjectWords
	}
	if len(m) == 0 {
		return nil, nil
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return json.RawMessage(strings.TrimSpace(b.String())), nil
}

// nonNil returns list, or an empty list for nil: a list emptied by a
// coder is kept as empty, not as left out (which would mean the default).
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
