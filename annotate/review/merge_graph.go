package review

import (
	"slices"
	"strings"

	"claimdesk/annotate"
)

// RecordSet is one file's version of a document, for MergeRecord: its
// spans, relations and the entities and concepts its spans name.
type RecordSet struct {
	Name   string // the file, for counting: each set counts once
	Record annotate.Record
}

// MergeCounts says what MergeRecord kept and left out beyond the spans.
type MergeCounts struct {
	Relations     int // links kept
	RelationsLeft int // distinct links of some set not kept (too few sets, or an end not kept)
	Names         int // entities and concepts kept on kept spans
	NamesLeft     int // kept spans whose sets name an entity or concept, none in enough sets
	NameConflicts int // kept spans where two names were each in enough sets (union): the most common was kept
	Unnamed       int // kept spans none of whose sets' spans names an annotator
}

// Add adds o's counts to c.
func (c *MergeCounts) Add(o MergeCounts) {
	c.Relations += o.Relations
	c.RelationsLeft += o.RelationsLeft
	c.Names += o.Names
	c.NamesLeft += o.NamesLeft
	c.NameConflicts += o.NameConflicts
	c.Unnamed += o.Unnamed
}

// keeps reports whether the strategy keeps what n of total sets have.
func keeps(s Strategy, n, total int) bool {
	switch s {
	case Majority:
		return 2*n > total
	case Union:
		return n > 0
	case Intersection:
		return n == total
	}
	return false
}

// spanKey is what makes two spans the same in a merge: start, end, label.
type spanKey struct {
	start, end int
	label      string
}

func keyOf(sp *annotate.Span) spanKey { return spanKey{sp.Start, sp.End, sp.Label} }

// MergeRecord merges the sets' versions of one document, the statement
// graph included, into a gold record of the document doc:
//
//   - Spans: those Merge keeps (the same start, end and label in as many
//     sets as the strategy asks). A kept span has the id, times and note
//     of the first set's span (a new id when another kept span has that
//     id), and is credited to the annotators of the spans themselves
//     (Span.Annotator, distinct, in set order; Annotator joined by "+"),
//     never to the sets' names. A span without an annotator adds no name
//     (a kept span without any is counted: Unnamed).
//   - Relations: a link (the same type, from and to spans with the same
//     start, end and label) is kept when the strategy keeps both of its
//     ends and the link is in as many sets as the strategy asks for spans.
//     It keeps the first set's id (a new one when taken).
//   - Entities and concepts: on a kept span, the entity (of an actor) or
//     concept (of a statement) that sets name, matched by name
//     (annotate.NameKey), is kept when as many sets name it as the
//     strategy asks. It is the first naming set's entity or concept, with
//     its id, in the record's Entities or Concepts.
//
// What is left out is counted in the MergeCounts.
func MergeRecord(doc annotate.Document, sets []RecordSet, s Strategy) (annotate.Record, MergeCounts) {
	var counts MergeCounts
	total := len(sets)
	type entry struct {
		first      annotate.Span
		sets       []int // the sets that have it, each once
		annotators []string
		entities   []nameVote
		concepts   []nameVote
	}
	entries := map[spanKey]*entry{}
	var order []spanKey
	for i := range sets {
		rec := &sets[i].Record
		for j := range rec.Spans {
			sp := &rec.Spans[j]
			k := keyOf(sp)
			e := entries[k]
			if e == nil {
				e = &entry{first: *sp}
				entries[k] = e
				order = append(order, k)
			}
			if sp.Annotator != "" && !slices.Contains(e.annotators, sp.Annotator) {
				e.annotators = append(e.annotators, sp.Annotator)
			}
			if len(e.sets) > 0 && e.sets[len(e.sets)-1] == i {
				continue // a set counts once
			}
			e.sets = append(e.sets, i)
			if en, ok := rec.Entities[sp.Entity]; ok && sp.Entity != "" {
				e.entities = vote(e.entities, annotate.NameKey(en.Name), i, func(v *nameVote) { v.entity = en })
			}
			if c, ok := rec.Concepts[sp.Concept]; ok && sp.Concept != "" {
				e.concepts = vote(e.concepts, annotate.NameKey(c.Name), i, func(v *nameVote) { v.concept = c })
			}
		}
	}

	out := annotate.Record{Document: doc}
	entityOf := map[string]annotate.Entity{}   // by NameKey: one entity per name in the record
	conceptOf := map[string]annotate.Concept{} // likewise
	ids := map[string]bool{}
	kept := map[spanKey]string{} // kept span -> its gold id
	for _, k := range order {
		e := entries[k]
		if !keeps(s, len(e.sets), total) {
			continue
		}
		sp := e.first
		if sp.ID == "" || ids[sp.ID] {
			sp.ID = annotate.NewID()
		}
		ids[sp.ID] = true
		sp.DocumentID = doc.ID
		sp.Annotators = slices.Clone(e.annotators)
		sp.Annotator = strings.Join(e.annotators, "+")
		if len(e.annotators) == 0 {
			counts.Unnamed++
		}
		sp.Entity, sp.Concept = "", ""
		if v, ok := winner(e.entities, s, total, &counts); ok {
			en, seen := entityOf[v.key]
			if !seen {
				en = v.entity
				entityOf[v.key] = en
				if out.Entities == nil {
					out.Entities = map[string]annotate.Entity{}
				}
				out.Entities[en.ID] = en
			}
			sp.Entity = en.ID
		}
		if v, ok := winner(e.concepts, s, total, &counts); ok {
			c, seen := conceptOf[v.key]
			if !seen {
				c = v.concept
				conceptOf[v.key] = c
				if out.Concepts == nil {
					out.Concepts = map[string]annotate.Concept{}
				}
				out.Concepts[c.ID] = c
			}
			sp.Concept = c.ID
		}
		kept[k] = sp.ID
		out.Spans = append(out.Spans, sp)
	}
	annotate.SortSpans(out.Spans)

	// Links, by type and the keys of their ends.
	type relKey struct {
		typ      string
		from, to spanKey
	}
	type relEntry struct {
		first annotate.Relation
		sets  []int
	}
	rels := map[relKey]*relEntry{}
	var relOrder []relKey
	for i := range sets {
		rec := &sets[i].Record
		byID := make(map[string]*annotate.Span, len(rec.Spans))
		for j := range rec.Spans {
			byID[rec.Spans[j].ID] = &rec.Spans[j]
		}
		for _, r := range rec.Relations {
			from, okF := byID[r.From]
			to, okT := byID[r.To]
			if !okF || !okT {
				continue
			}
			k := relKey{r.Type, keyOf(from), keyOf(to)}
			e := rels[k]
			if e == nil {
				e = &relEntry{first: r}
				rels[k] = e
				relOrder = append(relOrder, k)
			}
			if len(e.sets) == 0 || e.sets[len(e.sets)-1] != i {
				e.sets = append(e.sets, i)
			}
		}
	}
	relIDs := map[string]bool{}
	for _, k := range relOrder {
		e := rels[k]
		fromID, okF := kept[k.from]
		toID, okT := kept[k.to]
		if !okF || !okT || !keeps(s, len(e.sets), total) {
			counts.RelationsLeft++
			continue
		}
		r := e.first
		if r.ID == "" || relIDs[r.ID] {
			r.ID = annotate.NewID()
		}
		relIDs[r.ID] = true
		r.From, r.To = fromID, toID
		out.Relations = append(out.Relations, r)
		counts.Relations++
	}
	slices.SortFunc(out.Relations, func(a, b annotate.Relation) int { return strings.Compare(a.ID, b.ID) })
	return out, counts
}

// nameVote is an entity or concept name that sets give one span: the first
// naming set's entity or concept, and the sets that name it.
type nameVote struct {
	key     string
	entity  annotate.Entity
	concept annotate.Concept
	sets    int
}

// vote counts set i's name key for a span; first fills a new vote.
func vote(votes []nameVote, key string, i int, first func(*nameVote)) []nameVote {
	for j := range votes {
		if votes[j].key == key {
			votes[j].sets++
			return votes
		}
	}
	v := nameVote{key: key, sets: 1}
	first(&v)
	return append(votes, v)
}

// winner returns the name the strategy keeps among votes, if any: the one
// in as many sets as it asks, the most common when several are (counted as
// a conflict), the first given of equals. A span that sets name but keeps
// no name is counted in NamesLeft.
func winner(votes []nameVote, s Strategy, total int, c *MergeCounts) (nameVote, bool) {
	best, found, n := nameVote{}, false, 0
	for _, v := range votes {
		if !keeps(s, v.sets, total) {
			continue
		}
		n++
		if !found || v.sets > best.sets {
			best, found = v, true
		}
	}
	switch {
	case found:
		c.Names++
		if n > 1 {
			c.NameConflicts++
		}
	case len(votes) > 0:
		c.NamesLeft++
	}
	return best, found
}
