package session

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"claimdesk/annotate"
	"claimdesk/annotate/review"
)

// Theirs is a colleague's version of the open document, for review
// decisions (Decide).
type Theirs struct {
	// Name names the colleague as review.Diff.Source does.
	Name string
	// Record is their record of the document: its spans, relations, and
	// the entities and concepts their spans name, by the ids their spans
	// use (a JSONL export's "name:..." keys included).
	Record annotate.Record
}

// Decisions returns the review decisions stored for the open document.
func (s *Session) Decisions() ([]annotate.Decision, error) {
	if s.doc.ID == "" {
		return nil, nil
	}
	decs, err := s.p.Decisions(s.doc.ID)
	if err != nil {
		return nil, fmt.Errorf("read the review decisions of document %s: %w", s.doc.ID, err)
	}
	return decs, nil
}

// Compare returns the open document's differences with a colleague's
// version (review.Compare: spans and links) joined with the decisions
// stored for them (review.Items). Mine is what SetReviewLayer says.
func (s *Session) Compare(theirs ...Theirs) ([]review.Item, error) {
	var diffs []review.Diff
	names := make([]string, 0, len(theirs))
	spans, rels := s.mine()
	for _, t := range theirs {
		names = append(names, t.Name)
		diffs = append(diffs, review.Compare(spans, rels, review.Set{Name: t.Name, Spans: t.Record.Spans}, t.Record.Relations)...)
	}
	decs, err := s.Decisions()
	if err != nil {
		return nil, err
	}
	return review.Items(diffs, decs, names), nil
}

// Decide settles a difference of the open document with a colleague's
// version: how is annotate.DecisionTaken (take theirs), DecisionKept (keep
// mine) or DecisionDropped (drop both). It is one command, stored in one
// transaction with the decision (found again by a later comparison with
// the same colleague), and undone in one step. It returns the effect and
// a message saying what came along and what was left out: "took bo's
// claim; kept your SOURCE link to Mr Jafari and the concept".
//
// Taking theirs on a difference of boundaries or label gives my span
// their range and label and keeps its id, links, entity or concept, and
// note; a link the new label does not allow is removed, and where mine
// has no entity or concept and theirs has one, theirs comes along,
// matched by name to the project's own (created where missing). Taking a
// span only they have brings it with its entity or concept and each of
// their links whose other end is a span of mine with the same range and
// label. Dropping both removes my span with its links and rejects theirs.
// On a link difference, taking theirs adds their link (or moves mine to
// their end), dropping removes mine.
func (s *Session) Decide(it review.Item, how annotate.DecisionState, theirs Theirs) (Effect, string, error) {
	if err := s.editable(); err != nil {
		return Effect{}, "", err
	}
	if it.Settled {
		return Effect{}, "", annotate.Errorf(annotate.EINVALID, "That difference is settled already (%s by %s): undo to decide again", it.Decision.State, it.Decision.By)
	}
	d := it.Diff
	if d.Source != theirs.Name {
		return Effect{}, "", annotate.Errorf(annotate.EINVALID, "the difference is with %s, not %s", d.Source, theirs.Name)
	}
	p := &plan{s: s, d: d, theirs: theirs, edit: annotate.Edit{DocumentID: s.doc.ID}}
	var err error
	switch how {
	case annotate.DecisionTaken:
		err = p.take()
	case annotate.DecisionKept:
		p.keep()
	case annotate.DecisionDropped:
		err = p.drop()
	default:
		err = annotate.Errorf(annotate.EINVALID, "decide: %q is not taken, kept or dropped", how)
	}
	if err != nil {
		return Effect{}, "", err
	}
	msg := p.message()
	dec := annotate.Decision{DocumentID: s.doc.ID, Disagreement: d.Disagreement(), State: how, By: s.annotator,
		At: s.now().UTC(), Summary: msg, Covers: p.covers}
	// The decision replaced is the one stored under the difference's
	// key; one that only covers it (annotate.Decision.Covers) stays.
	before := it.Decision
	if !before.Stored() || before.Key() != d.Key() {
		before = annotate.Decision{}
	}
	p.edit.Decisions = []annotate.DecisionChange{{Key: d.Key(), Before: before, After: dec}}
	eff, err := s.Do(&editCommand{name: p.name, edit: p.edit})
	if err != nil {
		return Effect{}, "", err
	}
	return eff, msg, nil
}

// plan is a decision being worked out: the edit it makes and what its
// message says.
type plan struct {
	s      *Session
	d      review.Diff
	theirs Theirs
	edit   annotate.Edit
	name   string   // the command's name
	head   string   // what was done: "took bo's claim"
	kept   []string // what of mine stayed: "your SOURCE link to Mr Jafari"
	came   []string // what of theirs came along
	gone   []string // what was removed or left out
	covers []string
}

// message joins what the plan says: "took bo's claim; kept your SOURCE
// link to Mr Jafari and the concept; ...".
func (p *plan) message() string {
	parts := []string{p.head}
	if len(p.kept) > 0 {
		parts = append(parts, "kept "+andList(p.kept))
	}
	if len(p.came) > 0 {
		parts = append(parts, "brought "+andList(p.came))
	}
	parts = append(parts, p.gone...)
	return strings.Join(parts, "; ")
}

// andList is "a", "a and b", "a, b and c".
func andList(xs []string) string {
	if len(xs) == 1 {
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// possessive is "bo's".
func possessive(name string) string { return name + "’s" }

// keep records the decision to keep mine: nothing changes but the
// decision.
func (p *plan) keep() {
	d, who := p.d, possessive(p.theirs.Name)
	p.name = "keep mine"
	switch d.Kind {
	case review.OnlyTheirs:
		p.head = "left out " + who + " " + p.s.spanWords(d.Theirs)
	case review.LinkOnlyTheirs:
		p.head = "left out " + who + " " + p.s.linkWords(*d.TheirsLink, false)
	case review.OnlyMine:
		p.head = "kept your " + p.s.spanWords(d.Mine)
	case review.LinkOnlyMine, review.LinkOtherEnd:
		p.head = "kept your " + p.s.linkWords(*d.MineLink, true)
	default:
		p.head = "kept your " + p.s.spanWords(d.Mine) + " (not " + who + ")"
	}
}

// take works out taking theirs.
func (p *plan) take() error {
	d, who := p.d, possessive(p.theirs.Name)
	p.name = "take " + who + " version"
	switch d.Kind {
	case review.OtherLabel, review.OtherBoundaries:
		return p.takeInPlace()
	case review.OnlyTheirs:
		return p.adopt()
	case review.OnlyMine:
		p.name = "drop my span (" + p.theirs.Name + " has none)"
		return p.removeMine("removed your", " ("+p.theirs.Name+" has none)")
	case review.LinkOnlyTheirs:
		from, to, err := p.myEnds(*d.TheirsLink)
		if err != nil {
			return err
		}
		r := annotate.Relation{ID: annotate.NewID(), Type: d.TheirsLink.Type, From: from.ID, To: to.ID}
		if err := p.s.types.CheckRelation(r, from, to); err != nil {
			return err
		}
		p.edit.AddRelations = append(p.edit.AddRelations, r)
		p.head = "took " + who + " " + p.s.linkWords(review.Link{Relation: r, From: from, To: to}, true)
	case review.LinkOnlyMine:
		mine, err := p.myRelation(d.MineLink.ID)
		if err != nil {
			return err
		}
		p.edit.RemoveRelations = append(p.edit.RemoveRelations, mine)
		p.head = "removed your " + p.s.linkWords(*d.MineLink, true) + " (" + p.theirs.Name + " has none)"
	case review.LinkOtherEnd:
		mine, err := p.myRelation(d.MineLink.ID)
		if err != nil {
			return err
		}
		_, to, err := p.myEnds(*d.TheirsLink)
		if err != nil {
			return err
		}
		from, _ := p.s.Span(mine.From)
		moved := mine
		moved.To = to.ID
		if err := p.s.types.CheckRelation(moved, from, to); err != nil {
			return err
		}
		p.edit.RemoveRelations = append(p.edit.RemoveRelations, mine)
		p.edit.AddRelations = append(p.edit.AddRelations, moved)
		p.head = "your " + p.s.linkWords(*d.MineLink, true) + " now goes to " + p.s.endWords(to) + ", as " + who
	default:
		return annotate.Errorf(annotate.EINVALID, "take: unknown kind of difference %v", d.Kind)
	}
	return nil
}

// drop works out dropping both versions.
func (p *plan) drop() error {
	d, who := p.d, possessive(p.theirs.Name)
	p.name = "drop both"
	switch d.Kind {
	case review.OnlyTheirs:
		p.head = "left out " + who + " " + p.s.spanWords(d.Theirs)
	case review.LinkOnlyTheirs:
		p.head = "left out " + who + " " + p.s.linkWords(*d.TheirsLink, false)
	case review.OnlyMine:
		return p.removeMine("dropped your", "")
	case review.OtherLabel, review.OtherBoundaries:
		p.covers = []string{review.Diff{Kind: review.OnlyTheirs, Theirs: d.Theirs, Source: d.Source}.Key()}
		return p.removeMine("dropped your", " and "+who)
	case review.LinkOnlyMine, review.LinkOtherEnd:
		mine, err := p.myRelation(d.MineLink.ID)
		if err != nil {
			return err
		}
		p.edit.RemoveRelations = append(p.edit.RemoveRelations, mine)
		p.head = "removed your " + p.s.linkWords(*d.MineLink, true)
		if d.Kind == review.LinkOtherEnd {
			p.head += " and left out " + who
			p.covers = []string{review.Diff{Kind: review.LinkOnlyTheirs, TheirsLink: d.TheirsLink, Source: d.Source}.Key()}
		}
	default:
		return annotate.Errorf(annotate.EINVALID, "drop: unknown kind of difference %v", d.Kind)
	}
	return nil
}

// removeMine removes my span of the difference with its links.
func (p *plan) removeMine(verb, after string) error {
	mine, ok := p.s.Span(p.d.Mine.ID)
	if !ok {
		return annotate.Errorf(annotate.ENOTFOUND, "your span of that difference is gone: compare again")
	}
	p.edit.Spans = append(p.edit.Spans, annotate.SpanChange{Before: mine})
	rels := p.s.RelationsOf(mine.ID)
	p.edit.RemoveRelations = append(p.edit.RemoveRelations, rels...)
	p.head = verb + " " + p.s.spanWords(mine) + after
	if len(rels) > 0 {
		var words []string
		for _, r := range rels {
			words = append(words, "your "+p.s.relWords(r, mine.ID))
		}
		p.gone = append(p.gone, "removed "+andList(words))
	}
	return nil
}

// takeInPlace gives my span their range and label.
func (p *plan) takeInPlace() error {
	s, d, who := p.s, p.d, possessive(p.theirs.Name)
	mine, ok := s.Span(d.Mine.ID)
	if !ok {
		return annotate.Errorf(annotate.ENOTFOUND, "your span of that difference is gone: compare again")
	}
	their := d.Theirs
	if err := annotate.CheckRange(their.Start, their.End, s.textLen); err != nil {
		return err
	}
	if _, ok := s.labels.Find(their.Label); !ok {
		return annotate.Errorf(annotate.EINVALID, "%s label %s is not in this project: add it in the labels first", who, their.Label)
	}
	if s.hasKey(their.Start, their.End, their.Label, mine.Annotator, mine.ID) {
		return annotate.Errorf(annotate.ECONFLICT, "That text is already tagged %s by %s", s.labelDisplay(their.Label), mine.Annotator)
	}
	nu := mine
	nu.Start, nu.End, nu.Label = their.Start, their.End, their.Label
	nu.Updated = s.now().UTC()
	p.head = "took " + who + " " + s.labelWord(their.Label)
	if mine.Label != their.Label {
		p.head += " (was " + s.labelWord(mine.Label) + ")"
	}
	// Entity and concept: mine stay where the label allows them.
	if nu.Entity != "" {
		if s.types.EntityLabel(nu.Label) {
			p.kept = append(p.kept, "the actor "+s.entityName(nu.Entity))
		} else {
			p.gone = append(p.gone, "removed the actor "+s.entityName(nu.Entity)+" ("+aWord(s.labelWord(nu.Label))+" names none)")
			nu.Entity = ""
		}
	}
	if nu.Concept != "" {
		if s.types.ConceptLabel(nu.Label) {
			p.kept = append(p.kept, "the concept")
		} else {
			p.gone = append(p.gone, "removed the concept "+s.conceptName(nu.Concept)+" ("+aWord(s.labelWord(nu.Label))+" has none)")
			nu.Concept = ""
		}
	}
	p.bringNames(&nu, their)
	if nu.Note != "" {
		p.kept = append(p.kept, "your note")
	}
	// Links: kept where the new label allows them.
	var kept, removed []string
	for _, r := range s.RelationsOf(mine.ID) {
		from, _ := s.Span(r.From)
		to, _ := s.Span(r.To)
		if r.From == mine.ID {
			from = nu
		}
		if r.To == mine.ID {
			to = nu
		}
		if err := s.types.CheckRelation(r, from, to); err != nil {
			p.edit.RemoveRelations = append(p.edit.RemoveRelations, r)
			removed = append(removed, "your "+s.relWords(r, mine.ID))
			continue
		}
		kept = append(kept, "your "+s.relWords(r, mine.ID))
	}
	p.kept = append(kept, p.kept...)
	if len(removed) > 0 {
		p.gone = append(p.gone, "removed "+andList(removed)+" ("+aWord(s.labelWord(nu.Label))+" does not allow it)")
	}
	p.edit.Spans = append(p.edit.Spans, annotate.SpanChange{Before: mine, After: nu})
	return nil
}

// adopt adds their span, with its entity or concept and the links whose
// other end I have.
func (p *plan) adopt() error {
	s, d, who := p.s, p.d, possessive(p.theirs.Name)
	sp := d.Theirs
	if err := annotate.CheckRange(sp.Start, sp.End, s.textLen); err != nil {
		return err
	}
	if _, ok := s.labels.Find(sp.Label); !ok {
		return annotate.Errorf(annotate.EINVALID, "%s label %s is not in this project: add it in the labels first", who, sp.Label)
	}
	sp.DocumentID = s.doc.ID
	if _, taken := s.Span(sp.ID); taken || sp.ID == "" {
		sp.ID = annotate.NewID()
	}
	switch {
	case s.layer != "":
		sp.Annotators = []string{p.theirs.Name} // who made the gold span
		if a := p.d.Theirs.Annotator; a != "" && a != p.theirs.Name {
			sp.Annotators = []string{a}
		}
		sp.Annotator = s.layer
	case sp.Annotator == "":
		sp.Annotator = p.theirs.Name
	}
	if s.hasKey(sp.Start, sp.End, sp.Label, sp.Annotator, "") {
		return annotate.Errorf(annotate.ECONFLICT, "That text is already tagged %s by %s", s.labelDisplay(sp.Label), sp.Annotator)
	}
	sp.Entity, sp.Concept = "", ""
	if sp.Created.IsZero() {
		sp.Created = s.now().UTC()
	}
	if sp.Updated.IsZero() {
		sp.Updated = sp.Created
	}
	p.head = "took " + who + " " + s.spanWords(sp)
	p.bringNames(&sp, d.Theirs)
	p.edit.Spans = append(p.edit.Spans, annotate.SpanChange{After: sp})
	// Their links whose other end I have.
	theirSpan := make(map[string]annotate.Span, len(p.theirs.Record.Spans))
	for _, t := range p.theirs.Record.Spans {
		theirSpan[t.ID] = t
	}
	var brought, left []string
	for _, r := range p.theirs.Record.Relations {
		if r.From != d.Theirs.ID && r.To != d.Theirs.ID {
			continue
		}
		otherID := r.To
		if r.To == d.Theirs.ID {
			otherID = r.From
		}
		other, ok := theirSpan[otherID]
		mineOther, found := s.spanWithExtent(annotate.ExtentOf(other))
		words := p.theirs.Name + "’s " + s.typeWord(r.Type) + " link " + dirWord(r, d.Theirs.ID) + " " + quote(s.textOf(other))
		if !ok || !found {
			left = append(left, words)
			continue
		}
		nr := annotate.Relation{ID: annotate.NewID(), Type: r.Type, From: sp.ID, To: mineOther.ID}
		from, to := sp, mineOther
		if r.To == d.Theirs.ID {
			nr.From, nr.To, from, to = mineOther.ID, sp.ID, mineOther, sp
		}
		if err := s.types.CheckRelation(nr, from, to); err != nil {
			p.gone = append(p.gone, "left out "+words+" ("+err.Error()+")")
			continue
		}
		p.edit.AddRelations = append(p.edit.AddRelations, nr)
		brought = append(brought, "their "+s.relWords(nr, sp.ID))
	}
	p.came = append(p.came, brought...)
	if len(left) > 0 {
		where := "(the other end is not in your project)"
		if s.layer != "" {
			where = "(the other end is not in your layer " + s.layer + " yet)"
		}
		p.gone = append(p.gone, "left out "+andList(left)+" "+where)
	}
	return nil
}

// bringNames gives nu the entity or concept of their span where nu has
// none and its label allows it, matched by name to the project's own, or
// created.
func (p *plan) bringNames(nu *annotate.Span, their annotate.Span) {
	s := p.s
	switch {
	case their.Entity != "" && nu.Entity != "":
		if e := p.theirs.Record.Entities[their.Entity]; annotate.NameKey(e.Name) != annotate.NameKey(s.entityName(nu.Entity)) && e.Name != "" {
			p.gone = append(p.gone, "left out their actor "+e.Name+" (yours stays)")
		}
	case their.Entity != "" && !s.types.EntityLabel(nu.Label):
		p.gone = append(p.gone, "left out their actor ("+aWord(s.labelWord(nu.Label))+" names none here)")
	}
	switch {
	case their.Concept != "" && nu.Concept != "":
		if c := p.theirs.Record.Concepts[their.Concept]; annotate.NameKey(c.Name) != s.conceptKey(nu.Concept) && c.Name != "" {
			p.gone = append(p.gone, "left out their concept "+quote(c.Name)+" (yours stays)")
		}
	case their.Concept != "" && !s.types.ConceptLabel(nu.Label):
		p.gone = append(p.gone, "left out their concept ("+aWord(s.labelWord(nu.Label))+" has none here)")
	}
	if their.Entity != "" && nu.Entity == "" && s.types.EntityLabel(nu.Label) {
		e, ok := p.theirs.Record.Entities[their.Entity]
		switch {
		case !ok || strings.TrimSpace(e.Name) == "":
			p.gone = append(p.gone, "left out their actor (their file does not name it)")
		default:
			id, created := p.entityByName(e)
			nu.Entity = id
			w := "their actor " + e.Name
			if created {
				w += " (new in the project)"
			}
			p.came = append(p.came, w)
		}
	}
	if their.Concept != "" && nu.Concept == "" && s.types.ConceptLabel(nu.Label) {
		c, ok := p.theirs.Record.Concepts[their.Concept]
		switch {
		case !ok || strings.TrimSpace(c.Name) == "":
			p.gone = append(p.gone, "left out their concept (their file does not name it)")
		default:
			id, created := p.conceptByName(c)
			nu.Concept = id
			w := "their concept " + quote(c.Name)
			if created {
				w += " (new in the project)"
			}
			p.came = append(p.came, w)
		}
	}
}

// entityByName returns the id of the project's entity named as e (by its
// name or an alias), or of a new one the edit adds, with e's aliases that
// no entity of the project or of the edit has.
func (p *plan) entityByName(e annotate.Entity) (string, bool) {
	if x, ok := annotate.EntityCalled(p.s.entities, e.Name); ok {
		return x.ID, false
	}
	nu := annotate.Entity{ID: annotate.NewID(), Name: e.Name, Kind: e.Kind, Affiliation: e.Affiliation}
	for _, a := range e.Aliases {
		if _, taken := annotate.EntityCalled(p.s.entities, a); !taken {
			if _, taken := annotate.EntityCalled(p.edit.AddEntities, a); !taken {
				nu.Aliases = append(nu.Aliases, a)
			}
		}
	}
	nu = nu.Clean()
	if nu.Validate() != nil {
		nu.Kind, nu.Aliases = "", nil
	}
	p.edit.AddEntities = append(p.edit.AddEntities, nu)
	return nu.ID, true
}

// conceptByName returns the id of the project's concept named as c, or of
// a new one the edit adds.
func (p *plan) conceptByName(c annotate.Concept) (string, bool) {
	key := annotate.NameKey(c.Name)
	for _, x := range p.s.concepts {
		if annotate.NameKey(x.Name) == key {
			return x.ID, false
		}
	}
	nu := annotate.Concept{ID: annotate.NewID(), Name: c.Name}.Clean()
	p.edit.AddConcepts = append(p.edit.AddConcepts, nu)
	return nu.ID, true
}

// myRelation returns the open document's relation id as it is now.
func (p *plan) myRelation(id string) (annotate.Relation, error) {
	for _, r := range p.s.rels {
		if r.ID == id {
			return r, nil
		}
	}
	return annotate.Relation{}, annotate.Errorf(annotate.ENOTFOUND, "your link of that difference is gone: compare again")
}

// myEnds returns my spans with the extents of their link's ends.
func (p *plan) myEnds(l review.Link) (from, to annotate.Span, err error) {
	from, okF := p.s.spanWithExtent(annotate.ExtentOf(l.From))
	to, okT := p.s.spanWithExtent(annotate.ExtentOf(l.To))
	if !okF || !okT {
		return from, to, annotate.Errorf(annotate.ENOTFOUND, "an end of %s link is not in your project: take the span first", possessive(p.theirs.Name))
	}
	return from, to, nil
}

// spanWithExtent returns the first span of mine (SetReviewLayer) with the
// extent.
func (s *Session) spanWithExtent(e annotate.Extent) (annotate.Span, bool) {
	spans, _ := s.mine()
	for _, sp := range spans {
		if sp.Start == e.Start && sp.End == e.End && sp.Label == e.Label {
			return sp, true
		}
	}
	return annotate.Span{}, false
}

// labelWord is how a message names a label: its display name in lower
// case, "claim".
func (s *Session) labelWord(label string) string { return strings.ToLower(s.labelDisplay(label)) }

// typeWord is how a message names a link type: "SOURCE".
func (s *Session) typeWord(typ string) string {
	if t, ok := s.types.Find(typ); ok {
		return t.Label()
	}
	return typ
}

// spanWords names a span for a message: `claim “China has offered…”`.
func (s *Session) spanWords(sp annotate.Span) string {
	return s.labelWord(sp.Label) + " " + quote(s.textOf(sp))
}

// endWords names the span at a link's other end: its actor's name, else
// its text in quotes.
func (s *Session) endWords(sp annotate.Span) string {
	if sp.Entity != "" {
		return s.entityName(sp.Entity)
	}
	return quote(s.textOf(sp))
}

// relWords names a relation of the span id by its type and other end:
// "SOURCE link to Mr Jafari", "TARGET link from “…”".
func (s *Session) relWords(r annotate.Relation, id string) string {
	other := r.To
	if r.To == id {
		other = r.From
	}
	o, _ := s.Span(other)
	return s.typeWord(r.Type) + " link " + dirWord(r, id) + " " + s.endWords(o)
}

// linkWords names a link of a difference: "SOURCE link from “…” to Mr
// Jafari"; mine names my spans' actors.
func (s *Session) linkWords(l review.Link, mine bool) string {
	from, to := quote(s.textOf(l.From)), quote(s.textOf(l.To))
	if mine {
		from, to = s.endWords(l.From), s.endWords(l.To)
	}
	return s.typeWord(l.Type) + " link from " + from + " to " + to
}

// dirWord is "to" when the relation starts at the span id, else "from".
func dirWord(r annotate.Relation, id string) string {
	if r.From == id {
		return "to"
	}
	return "from"
}

// textOf returns the span's text in the open document, shortened to 40
// code points.
func (s *Session) textOf(sp annotate.Span) string {
	t, ok := annotate.SliceRunes(s.doc.Text, sp.Start, sp.End)
	if !ok {
		return fmt.Sprintf("%d–%d", sp.Start, sp.End)
	}
	t = strings.Join(strings.Fields(t), " ")
	if utf8.RuneCountInString(t) > 40 {
		r := []rune(t)
		t = string(r[:39]) + "…"
	}
	return t
}

// aWord is the word with its indefinite article: "a claim", "an actor".
func aWord(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

// quote puts text in curly quotes.
func quote(text string) string { return "“" + text + "”" }

// entityName returns the name of the entity id, or its id.
func (s *Session) entityName(id string) string {
	if i := slices.IndexFunc(s.entities, func(e annotate.Entity) bool { return e.ID == id }); i >= 0 {
		return s.entities[i].Name
	}
	return id
}

// conceptName returns the name of the concept id in quotes, or its id.
func (s *Session) conceptName(id string) string {
	if i := slices.IndexFunc(s.concepts, func(c annotate.Concept) bool { return c.ID == id }); i >= 0 {
		return quote(s.concepts[i].Name)
	}
	return id
}

// conceptKey returns the NameKey of the concept id, or "".
func (s *Session) conceptKey(id string) string {
	if i := slices.IndexFunc(s.concepts, func(c annotate.Concept) bool { return c.ID == id }); i >= 0 {
		return annotate.NameKey(s.concepts[i].Name)
	}
	return ""
}

// editCommand stores an annotate.Edit (Project.ApplyEdit); its inverse
// stores the edit's inverse.
type editCommand struct {
	name string
	edit annotate.Edit
}

func (c *editCommand) Name() string       { return c.name }
func (c *editCommand) DocumentID() string { return c.edit.DocumentID }

func (c *editCommand) Apply(p annotate.Project) (Effect, error) {
	if err := p.ApplyEdit(c.edit); err != nil {
		return Effect{}, err
	}
	e := c.edit
	eff := Effect{DocumentID: e.DocumentID, Decisions: len(e.Decisions) > 0,
		AddedRelations: slices.Clone(e.AddRelations), RemovedRelations: slices.Clone(e.RemoveRelations),
		Entities: slices.Clone(e.AddEntities), Concepts: slices.Clone(e.AddConcepts)}
	for _, c := range e.ChangeEntities {
		eff.Entities = append(eff.Entities, c.After.Clean())
	}
	for _, c := range e.ChangeConcepts {
		eff.Concepts = append(eff.Concepts, c.After.Clean())
	}
	for _, en := range e.RemoveEntities {
		eff.RemovedEntities = append(eff.RemovedEntities, en.ID)
	}
	for _, co := range e.RemoveConcepts {
		eff.RemovedConcepts = append(eff.RemovedConcepts, co.ID)
	}
	for _, ch := range e.Spans {
		switch {
		case ch.Before.ID == "":
			eff.Added = append(eff.Added, ch.After)
		case ch.After.ID == "":
			eff.Removed = append(eff.Removed, ch.Before)
		default:
			eff.Updated = append(eff.Updated, ch.After)
		}
	}
	return eff, nil
}

func (c *editCommand) Inverse() Command { return &editCommand{name: c.name, edit: c.edit.Inverse()} }
