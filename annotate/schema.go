package annotate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// SchemaVersion is the version of the schema file format that
// Schema.MarshalJSON writes and ParseSchema reads.
const SchemaVersion = 1

// Schema is a project's coding scheme: its span labels, in order, with
// their codebook entries, and its relation types. A team shares one as a
// JSON file: {"version":1,"labels":[...],"relations":[...]}.
//
// The edit operations (AddLabel, RenameLabel, Recolour, SetUnderline,
// SetKey, SetDisplay, SetDefinition, Reorder, DeleteLabel) return a new
// schema and leave the receiver as it was; each checks its result with
// Validate.
type Schema struct {
	Labels    LabelSet
	Relations RelationTypes
	// Suggest is the attribution suggester's rules (the JSON of
	// annotate/suggest.Rules: speech and denial verbs, quotation marks…),
	// kept as they are; nil for its English defaults.
	Suggest json.RawMessage
}

// DefaultSchema returns the schema of a new project: DefaultLabels and
// DefaultRelationTypes.
func DefaultSchema() Schema {
	return Schema{Labels: DefaultLabels(), Relations: DefaultRelationTypes()}
}

// schemaFile is the JSON form of a Schema.
type schemaFile struct {
	Version   int             `json:"version"`
	Labels    LabelSet        `json:"labels"`
	Relations RelationTypes   `json:"relations"`
	Suggest   json.RawMessage `json:"suggest,omitempty"`
}

// MarshalJSON writes the schema as {"version":1,"labels":[...],
// "relations":[...]}, with empty lists as [].
func (s Schema) MarshalJSON() ([]byte, error) {
	f := schemaFile{Version: SchemaVersion, Labels: s.Labels, Relations: s.Relations, Suggest: s.Suggest}
	if f.Labels == nil {
		f.Labels = LabelSet{}
	}
	if f.Relations == nil {
		f.Relations = RelationTypes{}
	}
	return json.Marshal(f)
}

// UnmarshalJSON reads what MarshalJSON writes. Its error is EINVALID for a
// version other than SchemaVersion (missing, or from a newer Claimdesk);
// it does not validate the schema (see ParseSchema).
func (s *Schema) UnmarshalJSON(data []byte) error {
	var f schemaFile
	if err := json.Unmarshal(data, &f); err != nil {
		return err
	}
	if err := checkSchemaVersion(f.Version); err != nil {
		return err
	}
	*s = Schema{Labels: f.Labels, Relations: f.Relations, Suggest: f.Suggest}
	return nil
}

// checkSchemaVersion returns the EINVALID error for a schema file version
// this code does not read.
func checkSchemaVersion(v int) error {
	switch {
	case v == SchemaVersion:
		return nil
	case v == 0:
		return Errorf(EINVALID, `not a Claimdesk schema: "version" is missing (want %d)`, SchemaVersion)
	case v > SchemaVersion:
		return Errorf(EINVALID, "schema version %d was written by a newer Claimdesk (this one reads version %d)", v, SchemaVersion)
	}
	return Errorf(EINVALID, "unknown schema version %d (want %d)", v, SchemaVersion)
}

// ParseSchema reads a schema file called name (for messages) strictly: one
// JSON object of the version SchemaVersion, without unknown fields. The
// labels are completed (LabelSet.Completed: underline styles of older
// files) and the schema validated (Validate). Its error is a *LineError
// naming name and, for a syntax or type error, the line; it wraps an
// EINVALID *Error.
func ParseSchema(name string, data []byte) (Schema, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f schemaFile
	if err := dec.Decode(&f); err != nil {
		return Schema{}, jsonLineError(name, data, dec, err)
	}
	end := dec.InputOffset()
	if rest := bytes.TrimLeft(data[end:], " \t\r\n"); len(rest) > 0 {
		at := end + int64(len(data[end:])-len(rest))
		return Schema{}, &LineError{File: name, Line: lineAt(data, at), Err: Errorf(EINVALID, "text after the schema object: a schema file holds one JSON object")}
	}
	if err := checkSchemaVersion(f.Version); err != nil {
		return Schema{}, &LineError{File: name, Err: err}
	}
	s := Schema{Labels: f.Labels.Completed(), Relations: f.Relations, Suggest: f.Suggest}
	if err := s.Validate(); err != nil {
		return Schema{}, &LineError{File: name, Err: Errorf(EINVALID, "%s", strings.Join(ErrorMessages(err), "; "))}
	}
	return s, nil
}

// jsonLineError turns an error of decoding data into a *LineError with the
// line it happened at, as far as encoding/json says.
func jsonLineError(name string, data []byte, dec *json.Decoder, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	off, msg := dec.InputOffset(), strings.TrimPrefix(err.Error(), "json: ")
	switch {
	case errors.Is(err, io.EOF):
		return &LineError{File: name, Err: Errorf(EINVALID, "empty file: want a JSON schema object")}
	case errors.Is(err, io.ErrUnexpectedEOF):
		off, msg = int64(len(data)), "unexpected end of file"
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off, msg = typ.Offset, fmt.Sprintf("%s is a JSON %s, want %s", typ.Field, typ.Value, typ.Type)
	case strings.HasPrefix(msg, "unknown field "):
		// The decoder stands after the object: find the field's name.
		if field, err := strconv.Unquote(strings.TrimPrefix(msg, "unknown field ")); err == nil {
			key := regexp.MustCompile(regexp.QuoteMeta(strconv.Quote(field)) + `\s*:`)
			if loc := key.FindIndex(data); loc != nil {
				off = int64(loc[0])
			}
		}
	}
	return &LineError{File: name, Line: lineAt(data, off), Err: Errorf(EINVALID, "%s", msg)}
}

// lineAt returns the 1-based line of the byte offset off of data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// Validate checks the schema: it has at least one label; the labels are
// valid (LabelSet.Validate: names, unique names and keys, colours,
// underline styles); the relation types are valid
// (RelationTypes.Validate); and every label a relation type names in From
// or To is a label of the schema. Its error is nil or errors.Join of one
// EINVALID *Error per problem.
func (s Schema) Validate() error {
	var errs []error
	if len(s.Labels) == 0 {
		errs = append(errs, Errorf(EINVALID, "the schema has no labels"))
	}
	if err := s.Labels.Validate(); err != nil {
		errs = append(errs, err.(interface{ Unwrap() []error }).Unwrap()...)
	}
	if err := s.Relations.Validate(); err != nil {
		errs = append(errs, err.(interface{ Unwrap() []error }).Unwrap()...)
	}
	for _, t := range s.Relations {
		for _, l := range slices.Concat(t.From, t.To) {
			if ValidateLabelName(l) != nil {
				continue // reported by RelationTypes.Validate
			}
			if _, ok := s.Labels.Find(l); !ok {
				errs = append(errs, Errorf(EINVALID, "relation type %q names label %q, which is not in the schema", t.Name, l))
			}
		}
	}
	return errors.Join(errs...)
}

// clone returns a deep copy of the schema.
func (s Schema) clone() Schema {
	out := Schema{Labels: slices.Clone(s.Labels), Relations: slices.Clone(s.Relations), Suggest: slices.Clone(s.Suggest)}
	for i := range out.Relations {
		out.Relations[i].From = slices.Clone(out.Relations[i].From)
		out.Relations[i].To = slices.Clone(out.Relations[i].To)
	}
	return out
}

// checked returns s, or its validation error joined into one EINVALID
// *Error.
func (s Schema) checked() (Schema, error) {
	if err := s.Validate(); err != nil {
		return Schema{}, Errorf(EINVALID, "%s", strings.Join(ErrorMessages(err), "; "))
	}
	return s, nil
}

// index returns the place of the label called name, or an ENOTFOUND
// error.
func (s Schema) index(name string) (int, error) {
	i := slices.IndexFunc(s.Labels, func(l Label) bool { return l.Name == name })
	if i < 0 {
		return -1, Errorf(ENOTFOUND, "no label %q in the schema", name)
	}
	return i, nil
}

// edit returns a copy of the schema with the label called name changed by
// f, checked with Validate. Its error is ENOTFOUND for an unknown label,
// EINVALID for a change that breaks a rule.
func (s Schema) edit(name string, f func(l *Label)) (Schema, error) {
	i, err := s.index(name)
	if err != nil {
		return Schema{}, err
	}
	out := s.clone()
	f(&out.Labels[i])
	return out.checked()
}

// AddLabel returns the schema with l added at the end. Empty fields get
// what LabelSet.With gives: Display the name as shown, Color the next
// unused colour, Underline the next unused style, Key the next free
// digit. Errors (EINVALID): an invalid name, a name or key the schema
// has, an invalid colour or underline style.
func (s Schema) AddLabel(l Label) (Schema, error) {
	if _, ok := s.Labels.Find(l.Name); ok {
		return Schema{}, Errorf(EINVALID, "the schema already has a label %q", l.Name)
	}
	if l.Display == "" {
		l.Display = displayName(l.Name)
	}
	if l.Color == "" {
		l.Color = s.Labels.NextColor()
	}
	if l.Underline == "" {
		l.Underline = s.Labels.NextUnderline()
	}
	if l.Key == "" {
		l.Key = s.Labels.NextKey()
	}
	out := s.clone()
	out.Labels = append(out.Labels, l)
	return out.checked()
}

// RenameLabel returns the schema with the label old called new, in the
// label list and in every relation type's From and To. A Display that was
// old's name as shown becomes new's ("CLAIM" shown as "Claim" becomes
// "STATEMENT" shown as "Statement"); one a user chose stays. Renaming a
// label to its own name changes nothing. Errors: ENOTFOUND for an unknown
// old; EINVALID for an invalid new name or one the schema has.
func (s Schema) RenameLabel(old, new string) (Schema, error) {
	i, err := s.index(old)
	if err != nil {
		return Schema{}, err
	}
	if old == new {
		return s.clone(), nil
	}
	if err := ValidateLabelName(new); err != nil {
		return Schema{}, err
	}
	if _, ok := s.Labels.Find(new); ok {
		return Schema{}, Errorf(EINVALID, "cannot rename %q to %q: the schema already has a label %q", old, new, new)
	}
	out := s.clone()
	l := &out.Labels[i]
	l.Name = new
	if l.Display == displayName(old) {
		l.Display = displayName(new)
	}
	for j := range out.Relations {
		t := &out.Relations[j]
		for _, list := range [][]string{t.From, t.To} {
			for k := range list {
				if list[k] == old {
					list[k] = new
				}
			}
		}
	}
	return out.checked()
}

// Recolour returns the schema with the label called name in the colour
// color ("#RRGGBB"). Errors: ENOTFOUND for an unknown label, EINVALID for
// a colour ParseColor refuses.
func (s Schema) Recolour(name, color string) (Schema, error) {
	return s.edit(name, func(l *Label) { l.Color = color })
}

// SetUnderline returns the schema with the label called name underlined
// in style. Errors: ENOTFOUND for an unknown label, EINVALID for a style
// that is not one of UnderlineStyles.
func (s Schema) SetUnderline(name, style string) (Schema, error) {
	if !slices.Contains(underlineStyles, style) {
		return Schema{}, Errorf(EINVALID, "unknown underline style %q (use %s)", style, strings.Join(underlineStyles, ", "))
	}
	return s.edit(name, func(l *Label) { l.Underline = style })
}

// SetKey returns the schema with the shortcut key of the label called
// name set to key; "" removes it. Errors: ENOTFOUND for an unknown label,
// EINVALID for a key another label has (in either case).
func (s Schema) SetKey(name, key string) (Schema, error) {
	return s.edit(name, func(l *Label) { l.Key = key })
}

// SetDisplay returns the schema with the label called name shown as
// display; "" shows it by its name as shown ("Actor" for ACTOR). Its
// error is ENOTFOUND for an unknown label.
func (s Schema) SetDisplay(name, display string) (Schema, error) {
	if display = strings.TrimSpace(display); display == "" {
		display = displayName(name)
	}
	return s.edit(name, func(l *Label) { l.Display = display })
}

// SetDefinition returns the schema with the codebook definition and
// example of the label called name replaced (either may be empty). Its
// error is ENOTFOUND for an unknown label.
func (s Schema) SetDefinition(name, definition, example string) (Schema, error) {
	return s.edit(name, func(l *Label) {
		l.Definition, l.Example = strings.TrimSpace(definition), strings.TrimSpace(example)
	})
}

// Reorder returns the schema with its labels in the order of names, which
// must name each label exactly once. Its error is EINVALID otherwise.
func (s Schema) Reorder(names []string) (Schema, error) {
	if len(names) != len(s.Labels) {
		return Schema{}, Errorf(EINVALID, "reorder: %d names for %d labels", len(names), len(s.Labels))
	}
	out := s.clone()
	out.Labels = out.Labels[:0:0]
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		l, ok := s.Labels.Find(n)
		if !ok || seen[n] {
			return Schema{}, Errorf(EINVALID, "reorder: %q is not a label of the schema, or is named twice", n)
		}
		seen[n] = true
		out.Labels = append(out.Labels, l)
	}
	return out.checked()
}

// DeleteLabel returns the schema without the label called name, which is
// also taken out of the From and To lists of the relation types. Errors:
// ENOTFOUND for an unknown label; EINVALID when it is the schema's only
// label, or the only label a relation type's From or To list names (an
// empty list would allow any label: change or remove that type first).
func (s Schema) DeleteLabel(name string) (Schema, error) {
	i, err := s.index(name)
	if err != nil {
		return Schema{}, err
	}
	out := s.clone()
	out.Labels = slices.Delete(out.Labels, i, i+1)
	for j := range out.Relations {
		t := &out.Relations[j]
		for _, end := range []struct {
			list *[]string
			word string
		}{{&t.From, "start at"}, {&t.To, "end at"}} {
			if !slices.Contains(*end.list, name) {
				continue
			}
			if len(*end.list) == 1 {
				return Schema{}, Errorf(EINVALID, "cannot delete label %q: it is the only label a %s link may %s (with none, any label could): change the link type first", name, t.Label(), end.word)
			}
			*end.list = slices.DeleteFunc(*end.list, func(l string) bool { return l == name })
		}
	}
	return out.checked()
}
