package format

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"claimdesk/annotate"

	"github.com/go-json-experiment/json/jsontext"
)

func isNull(raw jsontext.Value) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// rawString decodes an optional string: absent or null is "".
func rawString(raw jsontext.Value, what string) (string, error) {
	if isNull(raw) {
		return "", nil
	}
	if raw[0] != '"' {
		return "", annotate.Errorf(annotate.EINVALID, "%s must be a string, not %s", what, jsonKind(raw))
	}
	// Lines are checked to be valid JSON and UTF-8 before their fields are
	// decoded, so a string without escapes is its bytes between the quotes.
	if len(raw) >= 2 && raw[len(raw)-1] == '"' && bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1]), nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", annotate.Errorf(annotate.EINVALID, "%s: %v", what, err)
	}
	return s, nil
}

// rawTime decodes an optional RFC 3339 time: absent, null or "" is zero.
func rawTime(raw jsontext.Value, what string) (time.Time, error) {
	s, err := rawString(raw, what)
	if err != nil || s == "" {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, annotate.Errorf(annotate.EINVALID, "%s %q is not an RFC 3339 time", what, s)
	}
	return t.UTC(), nil
}

// rawInt decodes a required integer. A number with a zero fraction (3.0)
// is accepted; 3.5 is not.
func rawInt(raw jsontext.Value, what string) (int, error) {
	if isNull(raw) {
		return 0, annotate.Errorf(annotate.EINVALID, "%s is missing", what)
	}
	if n, ok := parseJSONInt(raw); ok {
		return n, nil
	}
	return 0, annotate.Errorf(annotate.EINVALID, "%s must be an integer, not %s", what, clip(string(raw), 40))
}

func parseJSONInt(raw jsontext.Value) (int, bool) {
	s := string(raw)
	if n, err := strconv.ParseInt(s, 10, strconv.IntSize); err == nil {
		return int(n), true
	}
	if s == "" || (s[0] != '-' && (s[0] < '0' || s[0] > '9')) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int(f), true
}

// rawID decodes an optional id given as a string or a number; a number is
// kept as its decimal text.
func rawID(raw jsontext.Value, what string) (string, error) {
	if isNull(raw) {
		return "", nil
	}
	if raw[0] == '"' {
		return rawString(raw, what)
	}
	if n, ok := parseJSONInt(raw); ok {
		return strconv.Itoa(n), nil
	}
	return "", annotate.Errorf(annotate.EINVALID, "%s must be a string or an integer, not %s", what, jsonKind(raw))
}

// rawArray decodes an optional JSON array into its raw elements.
func rawArray(raw jsontext.Value, what string) ([]jsontext.Value, error) {
	if isNull(raw) {
		return nil, nil
	}
	if raw[0] != '[' {
		return nil, annotate.Errorf(annotate.EINVALID, "%s must be a list, not %s", what, jsonKind(raw))
	}
	var a []jsontext.Value
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "%s: %v", what, err)
	}
	return a, nil
}

func jsonKind(raw jsontext.Value) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// clip shortens s to at most n code points, marking a cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for b := range s {
		if i == n {
			return s[:b] + "…"
		}
		i++
	}
	return s
}
