// Package round is a coding round: the lead hands the documents of a
// project out to coders, each in a package of their own, with an overlap
// sample that every coder codes for a reliability test, and collects the
// packages back. It holds the rules of a round (how documents are shared
// out, which spans a package brings back under whose name, when a coder
// has coded a document of the sample) and the round's records, which the
// store keeps; it is plain Go.
package round

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"claimdesk/annotate"
)

// Round is a round as the lead's project records it.
type Round struct {
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
	// Lead is the lead's project as assign named it.
	Lead string `json:"lead"`
	// Seed chose the overlap sample; the same seed, documents and overlap
	// choose the same sample.
	Seed uint64 `json:"seed"`
	// Overlap is the share of the documents every coder codes, as asked.
	Overlap float64 `json:"overlap"`
	// Labels are the labels the coders code (the package's label set).
	Labels []string `json:"labels"`
	// WithSpans is whether the project's spans travelled in the packages.
	WithSpans bool `json:"with_spans"`
	// Sample is the overlap sample: ids of the documents every coder has,
	// in the project's order.
	Sample []string `json:"sample"`
	Coders []Coder  `json:"coders"`
	// Agreement is the sample's agreement as of the last collect (nil
	// before anything was collected).
	Agreement *Agreement `json:"agreement,omitempty"`
}

// Coder is one coder of a round: what they were given and, from the last
// collect of their package, where they stand.
type Coder struct {
	Name string `json:"name"`
	// Documents are the coder's documents (their share and the sample),
	// in the project's order.
	Documents []string `json:"documents"`
	// Length is the documents' length in code points.
	Length int `json:"length"`
	// Progress is as of the last collect; Returns lists every collect
	// that brought something.
	Progress Progress `json:"progress"`
	Returns  []Return `json:"returns,omitempty"`
}

// Progress is where a coder's package stands.
type Progress struct {
	// Done are the documents the coder marked done, in the package's
	// order.
	Done []string `json:"done,omitempty"`
	// Coded are the documents the coder coded: done, or with a span of
	// theirs (Coded); in the package's order.
	Coded []string `json:"coded,omitempty"`
	// Spans, Relations: the coder's, in the package.
	Spans     int `json:"spans"`
	Relations int `json:"relations"`
	// LastChange is the latest time a span of the coder's was made or
	// changed (zero: none).
	LastChange time.Time `json:"last_change"`
}

// Return is one collect of a coder's package that brought something.
type Return struct {
	At        time.Time `json:"at"`
	File      string    `json:"file"`
	Spans     int       `json:"spans"`     // spans added to the lead's project
	Relations int       `json:"relations"` // links added
	Entities  int       `json:"entities"`  // actors added
	Concepts  int       `json:"concepts"`  // concepts added
	Done      int       `json:"done"`      // documents done in the package
}

// Coder returns the round's coder called name.
func (r *Round) Coder(name string) (*Coder, bool) {
	for i := range r.Coders {
		if r.Coders[i].Name == name {
			return &r.Coders[i], true
		}
	}
	return nil, false
}

// CoderNames returns the coders' names in the round's order.
func (r *Round) CoderNames() []string {
	out := make([]string, len(r.Coders))
	for i, c := range r.Coders {
		out[i] = c.Name
	}
	return out
}

// Returned reports whether the coder's package has been collected.
func (c *Coder) Returned() bool { return len(c.Returns) > 0 }

// Package is what a coder's package knows of its round.
type Package struct {
	Round   string    `json:"round"`
	Created time.Time `json:"created"`
	Lead    string    `json:"lead"`
	Coder   string    `json:"coder"`
	// Documents are the package's documents, in the project's order.
	Documents []string `json:"documents"`
	// Labels are the round's labels.
	Labels []string `json:"labels"`
	// Carried are the spans that travelled from the lead's project
	// (-with-spans), by id, with their natural key as they left.
	Carried map[string]annotate.SpanKey `json:"carried,omitempty"`
}

// Title is the window's title for the package: "round 1a2b3c4d · ana".
func (p *Package) Title() string {
	return fmt.Sprintf("round %s · %s", ShortID(p.Round), p.Coder)
}

// ShortID is the last 8 characters of a round's id (its random part: the
// first characters of an id are its time), as messages show it.
func ShortID(id string) string { return id[max(len(id)-8, 0):] }

// CheckLabels returns an error when the package's label set is not the
// round's: a coder renamed, added or deleted a label. It names what
// differs; nothing of such a package can be collected without the lead
// deciding.
func (p *Package) CheckLabels(have []string) error {
	var extra, missing []string
	for _, l := range have {
		if !slices.Contains(p.Labels, l) {
			extra = append(extra, l)
		}
	}
	for _, l := range p.Labels {
		if !slices.Contains(have, l) {
			missing = append(missing, l)
		}
	}
	if len(extra) == 0 && len(missing) == 0 {
		return nil
	}
	msg := "its labels are not the round's"
	if len(extra) > 0 {
		msg += fmt.Sprintf(": %s not in the round's codebook", strings.Join(extra, ", "))
	}
	if len(missing) > 0 {
		msg += fmt.Sprintf("; %s missing", strings.Join(missing, ", "))
	}
	if len(extra) > 0 && len(missing) > 0 {
		msg += " (renamed?)"
	}
	return annotate.Errorf(annotate.EINVALID, "%s; name the labels as the round does (%s) in the package's Labels settings, and collect it again", msg, strings.Join(p.Labels, ", "))
}

// Attribute makes rec, a record of the package, what the lead's project
// takes from it: a span that travelled from the lead's project and is
// unchanged stays as it is (the project has it already); every other span
// is the coder's (Annotator), and a travelled span the coder changed gets
// a new id, which the record's relations follow. It returns the number of
// spans made in the package under another name than the coder's, which
// now count as the coder's.
func (p *Package) Attribute(rec *annotate.Record) (renamed int) {
	var newIDs map[string]string
	for i := range rec.Spans {
		sp := &rec.Spans[i]
		key, carried := p.Carried[sp.ID]
		if carried {
			if key == sp.Key() {
				continue
			}
			if newIDs == nil {
				newIDs = map[string]string{}
			}
			id := annotate.NewID()
			newIDs[sp.ID] = id
			sp.ID = id
		}
		if sp.Annotator != p.Coder {
			if sp.Annotator != "" && !carried {
				renamed++
			}
			sp.Annotator = p.Coder
		}
	}
	for i := range rec.Relations {
		r := &rec.Relations[i]
		from, fok := newIDs[r.From]
		to, tok := newIDs[r.To]
		if fok {
			r.From = from
		}
		if tok {
			r.To = to
		}
		if fok || tok {
			r.ID = "" // a link of the coder's, to a span they changed
		}
	}
	return renamed
}

// Coded reports whether a coder coded a document: marked it done, or made
// a span on it. Agreement on the sample counts only documents coded: one
// not yet begun is not a disagreement.
func Coded(status annotate.Status, spans int) bool {
	return status == annotate.StatusDone || spans > 0
}

// Tally adds up a package's progress over its records, given in the
// package's order: rec as Attribute left it.
type Tally struct {
	Progress Progress
	coder    string
}

// NewTally returns an empty tally of coder's progress.
func NewTally(coder string) *Tally { return &Tally{coder: coder} }

// Add adds one record of the package.
func (t *Tally) Add(rec *annotate.Record) {
	n := 0
	mine := map[string]bool{}
	for i := range rec.Spans {
		sp := &rec.Spans[i]
		if sp.Annotator != t.coder {
			continue
		}
		n++
		mine[sp.ID] = true
		if ts := sp.Updated; ts.After(t.Progress.LastChange) {
			t.Progress.LastChange = ts
		}
		if ts := sp.Created; ts.After(t.Progress.LastChange) {
			t.Progress.LastChange = ts
		}
	}
	for _, r := range rec.Relations {
		if mine[r.From] {
			t.Progress.Relations++
		}
	}
	t.Progress.Spans += n
	if rec.Document.Status == annotate.StatusDone {
		t.Progress.Done = append(t.Progress.Done, rec.Document.ID)
	}
	if Coded(rec.Document.Status, n) {
		t.Progress.Coded = append(t.Progress.Coded, rec.Document.ID)
	}
}

// Same reports whether two progresses are alike (a package collected again
// with nothing new).
func (p Progress) Same(q Progress) bool {
	return slices.Equal(p.Done, q.Done) && slices.Equal(p.Coded, q.Coded) && p.Spans == q.Spans &&
		p.Relations == q.Relations && p.LastChange.Equal(q.LastChange)
}

// Added reports whether an import of a package added anything.
func Added(res annotate.ImportResult) bool {
	return res.Documents+res.Spans+res.Relations+res.Entities+res.Concepts > 0 || len(res.NewLabels) > 0 || len(res.NewRelationTypes) > 0
}

// NothingNew reports whether a collect of a package brings nothing: its
// import added nothing and the coder's progress is as recorded before.
func NothingNew(res annotate.ImportResult, before, after Progress) bool {
	return !Added(res) && before.Same(after)
}

// ReturnOf is the Return a collect of file at time at records, with done
// documents done in the package; nil when its import added nothing.
func ReturnOf(res annotate.ImportResult, file string, at time.Time, done int) *Return {
	if !Added(res) {
		return nil
	}
	return &Return{At: at, File: file, Spans: res.Spans, Relations: res.Relations, Entities: res.Entities,
		Concepts: res.Concepts, Done: done}
}

// Sort puts rounds oldest first (then by id).
func Sort(rs []Round) {
	slices.SortStableFunc(rs, func(a, b Round) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
}

// Find returns the round of rs whose id is id, or whose ShortID is id or
// ends with it. Errors:
// ENOTFOUND when none does, EINVALID when several do.
func Find(rs []Round, id string) (*Round, error) {
	var found *Round
	for i := range rs {
		if rs[i].ID == id {
			return &rs[i], nil
		}
		if id != "" && strings.HasSuffix(ShortID(rs[i].ID), id) {
			if found != nil {
				return nil, annotate.Errorf(annotate.EINVALID, "round %q is ambiguous: %s and %s end with it", id, ShortID(found.ID), ShortID(rs[i].ID))
			}
			found = &rs[i]
		}
	}
	if found == nil {
		var ids []string
		for _, r := range rs {
			ids = append(ids, ShortID(r.ID))
		}
		if len(ids) == 0 {
			return nil, annotate.Errorf(annotate.ENOTFOUND, "the project handed out no round (claimdesk assign makes one)")
		}
		return nil, annotate.Errorf(annotate.ENOTFOUND, "the project has no round %q (its rounds: %s)", id, strings.Join(ids, ", "))
	}
	return found, nil
}
