package format

import (
	"errors"
	"fmt"
	"strings"

	"claimdesk/annotate"

	"github.com/go-json-experiment/json/jsontext"
)

// Prodigy saves every answer its annotators give: "accept", "reject" (the
// suggestion was wrong) and "ignore" (skipped). Import takes the accepted
// lines and lines without an answer; those answered "reject" or "ignore"
// are left out and counted in a notice, unless the reader is told to
// import every answer (JSONLReader.ImportAllAnswers, import -answers all).

// errAnswered is the error of a line answered "reject" or "ignore", which
// a JSONLReader leaves out, counted.
var errAnswered = errors.New("Prodigy answer")

// answeredError is the error of a line whose Prodigy answer leaves it out.
type answeredError struct{ answer string }

func (e *answeredError) Error() string {
	return fmt.Sprintf("line answered %q in Prodigy is not imported (import -answers all imports it)", e.answer)
}

func (e *answeredError) Is(target error) bool { return target == errAnswered }

// prodigyScratch is what a reader's Prodigy lines left out, and whether to
// import every answer.
type prodigyScratch struct {
	all       bool           // import lines of every answer
	answers   map[string]int // lines left out, by answer
	relations int            // relations left out: an end that is not a span of its line
}

// checkAnswer returns an *answeredError, counted in o's scratch memory,
// when o is answered "reject" or "ignore" and the reader does not import
// every answer; a line with another answer, or none, is imported.
func checkAnswer(o object) error {
	raw := o.get("answer")
	if isNull(raw) {
		return nil
	}
	answer, err := rawString(raw, `"answer"`)
	if err != nil {
		return err
	}
	if answer != "reject" && answer != "ignore" {
		return nil
	}
	if o.sc != nil {
		if o.sc.prodigy.all {
			return nil
		}
		if o.sc.prodigy.answers == nil {
			o.sc.prodigy.answers = make(map[string]int)
		}
		o.sc.prodigy.answers[answer]++
	}
	return &answeredError{answer: answer}
}

// notices returns the notices of what the lines of file left out.
func (p *prodigyScratch) notices(file string) []string {
	var notes []string
	var parts []string
	for _, a := range [...]string{"reject", "ignore"} {
		n := p.answers[a]
		switch {
		case n == 0:
		case len(parts) > 0:
			parts = append(parts, fmt.Sprintf("%d answered %s", n, a))
		case n == 1:
			parts = append(parts, "1 line answered "+a)
		default:
			parts = append(parts, fmt.Sprintf("%d lines answered %s", n, a))
		}
	}
	if len(parts) > 0 {
		notes = append(notes, fmt.Sprintf("%s: left out %s in Prodigy (-answers all imports them)", file, strings.Join(parts, " and ")))
	}
	if p.relations == 1 {
		notes = append(notes, file+": left out 1 relation whose ends are not spans of its line")
	} else if p.relations > 1 {
		notes = append(notes, fmt.Sprintf("%s: left out %d relations whose ends are not spans of their lines", file, p.relations))
	}
	return notes
}

// ImportAllAnswers makes r import Prodigy's lines of every answer, those
// answered "reject" or "ignore" too (import -answers all).
func (r *JSONLReader) ImportAllAnswers() { r.scratch.prodigy.all = true }

// AnswerModes are the choices of import -answers: "accept" imports lines
// answered "accept" or without an answer, "all" every line.
var AnswerModes = []string{"accept", "all"}

// prodigyEnd is a relation's "head_span" or "child_span".
type prodigyEnd struct {
	Start jsontext.Value `json:"start"`
	End   jsontext.Value `json:"end"`
	Label jsontext.Value `json:"label"`
}

// isProdigy reports whether rr is a relation in Prodigy's shape: "head",
// "child", "head_span", "child_span" and "label", without Claimdesk's
// "from", "to" and "type".
func (rr *rawRelation) isProdigy() bool {
	if !isNull(rr.From) || !isNull(rr.To) || !isNull(rr.Type) {
		return false
	}
	return !isNull(rr.HeadSpan) || !isNull(rr.ChildSpan) || !isNull(rr.Head) || !isNull(rr.Child) || !isNull(rr.Label)
}

// prodigyRelation returns the relation a Prodigy relation rr makes
// between the spans of rec whose raw offsets (in the line's unit) and
// label match its "head_span" and "child_span", giving a span without an
// id a new one; ok is false when an end is not one of the spans (Prodigy
// links tokens too): the caller counts it. raws are the line's spans, in
// rec.Spans' order; at finds a span by raw offsets (made on first use).
func prodigyRelation(where string, rr *rawRelation, rec *annotate.Record, raws []rawSpan, at *map[[2]int][]int) (r annotate.Relation, ok bool, err error) {
	if r.Type, err = rawString(rr.Label, where+` "label"`); err != nil {
		return r, false, err
	}
	if *at == nil {
		*at = make(map[[2]int][]int, len(raws))
		for i := range raws {
			start, _ := rawInt(raws[i].Start, "")
			end, _ := rawInt(raws[i].End, "")
			(*at)[[2]int{start, end}] = append((*at)[[2]int{start, end}], i)
		}
	}
	for _, e := range [...]struct {
		key string
		raw jsontext.Value
		dst *string
	}{{"head_span", rr.HeadSpan, &r.From}, {"child_span", rr.ChildSpan, &r.To}} {
		w := where + ` "` + e.key + `"`
		if isNull(e.raw) {
			return r, false, nil // token indices alone: not a span's
		}
		var pe prodigyEnd
		if _, err := rawObject(e.raw, w, &pe); err != nil {
			return r, false, err
		}
		start, err := rawInt(pe.Start, w+` "start"`)
		if err != nil {
			return r, false, err
		}
		end, err := rawInt(pe.End, w+` "end"`)
		if err != nil {
			return r, false, err
		}
		label, err := rawString(pe.Label, w+` "label"`)
		if err != nil {
			return r, false, err
		}
		found := -1
		for _, i := range (*at)[[2]int{start, end}] {
			if label == "" || rec.Spans[i].Label == label {
				found = i
				break
			}
		}
		if found < 0 {
			return r, false, nil
		}
		s := &rec.Spans[found]
		if s.ID == "" {
			s.ID = annotate.NewID()
		}
		*e.dst = s.ID
	}
	r.ID = annotate.NewID()
	if err := checkRelation(where, r, map[string]bool{r.From: true, r.To: true}); err != nil {
		return r, false, err
	}
	return r, true, nil
}
