package format

import (
	"io"
	"slices"
	"strings"
	"testing"

	"claimdesk/annotate"
)

// TestOptionsFollowTheRegistry: each written format's options are those
// its registry entry declares, and NewWriter takes every value of each
// (with what it needs) and refuses each option of another format.
func TestOptionsFollowTheRegistry(t *testing.T) {
	want := map[string][]string{
		"jsonl":   {"offsets"},
		"spacy":   {"tokens", "align"},
		"csv":     {"raw"},
		"network": {"mode"},
		"edges":   {"raw"},
		"conll":   {"layer", "align"},
		"hf":      {"layer", "align"},
	}
	all := map[string]Option{}
	for _, name := range WriterNames() {
		f, _ := Lookup(name)
		var flags []string
		for _, o := range f.Options() {
			flags = append(flags, o.Flag)
			all[o.Flag] = o
			if o.Title == "" || o.Help == "" {
				t.Errorf("%s -%s has no title or help", name, o.Flag)
			}
			for _, v := range o.Values {
				if v.Help == "" {
					t.Errorf("%s -%s %s says nothing of what it does", name, o.Flag, v.Name)
				}
			}
		}
		if !slices.Equal(flags, want[name]) {
			t.Errorf("%s takes %v, want %v", name, flags, want[name])
		}
	}
	for _, name := range WriterNames() {
		f, _ := Lookup(name)
		takes := func(flag string) bool {
			return slices.ContainsFunc(f.Options(), func(o Option) bool { return o.Flag == flag })
		}
		for flag, o := range all {
			values := o.ValueNames()
			if values == nil {
				values = []string{"on"}
			}
			for _, v := range values {
				tg := Target{W: io.Discard, Dir: t.TempDir()}
				switch flag {
				case "mode", "layer":
					tg.Mode = v
				case "offsets":
					tg.Offsets = v
				case "tokens":
					tg.Tokens = true
				case "align":
					tg.Align, tg.Tokens = v, f.Tokens
				case "raw":
					tg.Raw = true
				}
				_, err := NewWriter(name, tg)
				if mode := flag == "mode" || flag == "layer"; mode && slices.Contains(f.Modes, v) {
					if err != nil {
						t.Errorf("%s refuses its mode %s: %v", name, v, err)
					}
					continue
				} else if mode {
					if err == nil {
						t.Errorf("%s takes -%s %s", name, flag, v)
					}
					continue
				}
				if takes(flag) && err != nil {
					t.Errorf("%s refuses its option -%s %s: %v", name, flag, v, err)
				}
				if !takes(flag) && err == nil {
					t.Errorf("%s takes -%s %s, which it does not offer", name, flag, v)
				}
			}
		}
	}
	if got := GoesWith("raw"); got != "-raw goes with -format csv or edges" {
		t.Errorf("GoesWith(raw) = %q", got)
	}
	if got := FormatsWith("align"); !slices.Equal(got, []string{"spacy", "conll", "hf"}) {
		t.Errorf("FormatsWith(align) = %v", got)
	}
	f, _ := Lookup("spacy")
	for _, o := range f.Options() {
		if o.Flag == "align" && o.Needs != "tokens" {
			t.Errorf("spacy's align needs %q, want tokens", o.Needs)
		}
	}
	if _, err := NewWriter("jsonl", Target{W: io.Discard, Raw: true}); err == nil || !strings.Contains(err.Error(), "csv or edges") {
		t.Errorf("jsonl with raw: %v", err)
	}
}

// TestRawTargetWritesFormulas: Target.Raw is the CLI's -raw: the cell
// is written as it is; without it, with a ' before it.
func TestRawTargetWritesFormulas(t *testing.T) {
	rec := annotate.Record{Document: annotate.Document{ID: "d", Text: "=cmd"},
		Spans: []annotate.Span{{ID: "s", DocumentID: "d", Start: 0, End: 4, Label: "ACTOR"}}}
	for _, raw := range []bool{false, true} {
		var b strings.Builder
		w, err := NewWriter("csv", Target{W: &b, Raw: raw})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if got := strings.Contains(b.String(), ",'=cmd,"); got == raw {
			t.Errorf("raw %v wrote %q", raw, b.String())
		}
	}
}

// TestExportNotesCountEveryWriter: the notes of an export count what all
// its writers (each part of a split) left out, in the CLI's words.
func TestExportNotesCountEveryWriter(t *testing.T) {
	notes := NewExportNotes("edges", "")
	for i := range 2 {
		w, err := NewWriter("edges", Target{W: io.Discard})
		if err != nil {
			t.Fatal(err)
		}
		notes.Opened(w)
		id := string(rune('a' + i))
		rec := annotate.Record{Document: annotate.Document{ID: id, Text: "They deny it."},
			Spans: []annotate.Span{{ID: id + "s", DocumentID: id, Start: 0, End: 12, Label: annotate.LabelDenial}}}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		w.Flush()
	}
	if got := notes.Notes(); !slices.Equal(got, []string{"2 statements without a source actor were left out"}) {
		t.Errorf("notes %q", got)
	}
	if got := NewExportNotes("jsonl", "").Notes(); got != nil {
		t.Errorf("an export without writers notes %q", got)
	}
}
