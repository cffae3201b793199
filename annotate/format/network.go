package format

import (
	"bufio"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"claimdesk/annotate"
)

// NetworkModes are the modes of the network format, its default first:
//
//   - affiliation: a two-mode network of actors and concepts, an edge per
//     actor, concept and agreement, weighted by the number of statements;
//   - congruence: a one-mode network of actors, two actors linked by the
//     number of concepts on which they agree (both claim it, or both deny
//     it);
//   - conflict: a one-mode network of actors, two actors linked by the
//     number of concepts on which they disagree (one claims it, the other
//     denies it).
var NetworkModes = []string{"affiliation", "congruence", "conflict"}

// GraphMLNamespace is the XML namespace of GraphML 1.0.
const GraphMLNamespace = "http://graphml.graphdrawing.org/xmlns"

// A statement is a claim or a denial together with one actor who makes it:
// a statement span (annotate.RelationTypes.IsStatement: CLAIM or DENIAL by
// default) linked by a SOURCE relation (From the statement, To the actor)
// to an actor span (IsActor: ACTOR by default) of its document. The actor is named by the
// name of the entity the actor span names (annotate.Span.Entity, looked up
// in the record's Entities), else by the actor span's text; the concept by
// the name of the statement's concept (annotate.Span.Concept, in the
// record's Concepts), else by the statement span's text; all normalised
// (normalizeName).
type statement struct {
	actor, concept string
	agree          bool           // a claim; a denial disagrees (RelationTypes.Agrees)
	span           *annotate.Span // the claim or denial
	text           string         // its text, as it is in the document
}

// normalizeName returns the name of an actor or concept whose span text
// is s: s trimmed, each inner run of white space (Unicode's, the no-break
// and thin spaces included) one space. A name that is already so is s
// itself.
func normalizeName(s string) string {
	space := true // a space at the start is one too many
	for _, r := range s {
		if r == ' ' && !space {
			space = true
			continue
		}
		if unicode.IsSpace(r) {
			return strings.Join(strings.Fields(s), " ")
		}
		space = false
	}
	if space && s != "" { // a space at the end
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// statements returns the statements of rec, whose project has the link
// types types (which say which labels are statements and actors), in span order (CompareSpans)
// and, for a statement with several actors, by actor name, and the number
// of claims and denials that have no actor. A span outside the text is an
// EINVALID error. The names and texts are substrings of the document's text
// or fresh strings: a caller that keeps them must clone them.
func statements(rec *annotate.Record, types annotate.RelationTypes) ([]statement, int, error) {
	spans, texts, err := exportSpans(rec)
	if err != nil {
		return nil, 0, err
	}
	byID := make(map[string]int, len(spans))
	for i := range spans {
		byID[spans[i].ID] = i
	}
	sources := map[string][]int{} // statement span id -> its actor spans
	for _, r := range rec.Relations {
		if r.Type != annotate.RelationSource {
			continue
		}
		if a, ok := byID[r.To]; ok && types.IsActor(spans[a].Label) {
			sources[r.From] = append(sources[r.From], a)
		}
	}
	var out []statement
	unsourced := 0
	var actors []string
	for i := range spans {
		s := &spans[i]
		if !types.IsStatement(s.Label) {
			continue
		}
		actors = actors[:0]
		for _, a := range sources[s.ID] {
			actors = append(actors, normalizeName(nameOf(rec, &spans[a], texts[a])))
		}
		if len(actors) == 0 {
			unsourced++
			continue
		}
		slices.Sort(actors)
		actors = slices.Compact(actors) // two spans of one actor make one statement
		concept := normalizeName(nameOf(rec, s, texts[i]))
		for _, a := range actors {
			out = append(out, statement{actor: a, concept: concept, agree: types.Agrees(s.Label), span: s, text: texts[i]})
		}
	}
	return out, unsourced, nil
}

// nameOf returns the name of the actor span or statement sp of rec whose
// text is text: its entity's name, else its concept's, else text.
func nameOf(rec *annotate.Record, sp *annotate.Span, text string) string {
	if e, ok := rec.Entities[sp.Entity]; ok && sp.Entity != "" {
		return e.Name
	}
	if c, ok := rec.Concepts[sp.Concept]; ok && sp.Concept != "" {
		return c.Name
	}
	return text
}

// NetworkWriter writes a project's discourse network as GraphML 1.0
// (GraphMLNamespace), which Gephi, igraph, networkx and visone read. Its
// statements are the project's claims and denials with the actors who make
// them (a SOURCE relation to an ACTOR span). An actor is named by its
// entity's name (the actor span's annotate.Span.Entity, in the record's
// Entities) when the span has one, else by the span's text, so that every
// mention of one entity is one actor; a statement's concept is named by
// its concept's name (annotate.Span.Concept, in the record's Concepts),
// else a claim without a concept is its own concept, named by its text. Claims and denials without an actor
// are left out and counted (Unsourced).
//
// Write only counts: statements per actor, concept and agreement, so that
// memory grows with the number of distinct actors, concepts and pairs of
// them, not with the number of documents. Flush writes the graph, in the
// writer's mode (NetworkModes):
//
//   - affiliation: a node per actor and per concept, with the data "label"
//     (the name) and "type" ("actor" or "concept"), and an undirected edge
//     from actor to concept per agreement, with "agreement" (1 for claims,
//     0 for denials) and "weight" (the number of statements);
//   - congruence and conflict: a node per actor, with "label" and "type",
//     and an undirected edge between two actors with "weight": the number
//     of concepts on which they agree (congruence) or disagree (conflict).
//     An actor who both claims and denies a concept agrees with both sides
//     on it. Actors without edges are nodes all the same.
//
// Nodes and edges come sorted by name (byte order), so the same project
// gives the same file. Node ids are "a0", "a1", … for actors and "c0", …
// for concepts, in that order; edge ids are "e0", "e1", ….
type NetworkWriter struct {
	w         io.Writer
	mode      string
	actors    names
	concepts  names
	pairs     map[uint64][2]int // actor<<32|concept -> statements: [0] denials, [1] claims
	unsourced int
	types     annotate.RelationTypes
}

// SetSchema gives the project's relation types, which say which labels
// are statements and which actors (annotate.RelationTypes.IsStatement,
// IsActor, Agrees). Without it the writer knows the default labels only.
func (w *NetworkWriter) SetSchema(_ []string, types annotate.RelationTypes) { w.types = types }

// names interns the names of actors or concepts.
type names struct {
	index map[string]uint32
	names []string
}

// id returns the number of name, adding it (a copy of it) when it is new.
func (n *names) id(name string) uint32 {
	if i, ok := n.index[name]; ok {
		return i
	}
	if n.index == nil {
		n.index = map[string]uint32{}
	}
	name = strings.Clone(name) // not the whole document's text
	i := uint32(len(n.names))
	n.index[name] = i
	n.names = append(n.names, name)
	return i
}

// ranks returns the numbers of the names sorted by name, and, for each
// number, its place in that order.
func (n *names) ranks() (sorted []uint32, rank []uint32) {
	sorted = make([]uint32, len(n.names))
	for i := range sorted {
		sorted[i] = uint32(i)
	}
	slices.SortFunc(sorted, func(a, b uint32) int { return strings.Compare(n.names[a], n.names[b]) })
	rank = make([]uint32, len(n.names))
	for r, i := range sorted {
		rank[i] = uint32(r)
	}
	return sorted, rank
}

// NewNetworkWriter returns a writer of the discourse network in mode (one
// of NetworkModes) to w. An unknown mode is EINVALID at Flush; NewWriter
// refuses it up front.
func NewNetworkWriter(w io.Writer, mode string) *NetworkWriter {
	return &NetworkWriter{w: w, mode: mode, pairs: map[uint64][2]int{}}
}

// Write counts the record's statements. A span outside the text is an
// EINVALID error, and nothing of the record is counted.
func (w *NetworkWriter) Write(rec annotate.Record) error {
	sts, unsourced, err := statements(&rec, w.types)
	if err != nil {
		return err
	}
	w.unsourced += unsourced
	for _, st := range sts {
		k := uint64(w.actors.id(st.actor))<<32 | uint64(w.concepts.id(st.concept))
		c := w.pairs[k]
		if st.agree {
			c[1]++
		} else {
			c[0]++
		}
		w.pairs[k] = c
	}
	return nil
}

// Unsourced returns the number of claims and denials left out so far
// because no actor makes them.
func (w *NetworkWriter) Unsourced() int { return w.unsourced }

// Flush writes the GraphML document.
func (w *NetworkWriter) Flush() error {
	if !slices.Contains(NetworkModes, w.mode) {
		return annotate.Errorf(annotate.EINVALID, "network: unknown mode %q (want %s)", w.mode, orList(NetworkModes))
	}
	bw := bufio.NewWriterSize(w.w, 64<<10)
	g := graphWriter{bw: bw}
	g.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<graphml xmlns="` + GraphMLNamespace + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="` + GraphMLNamespace + ` ` + GraphMLNamespace + `/1.0/graphml.xsd">` + "\n" +
		`  <key id="label" for="node" attr.name="label" attr.type="string"/>` + "\n" +
		`  <key id="type" for="node" attr.name="type" attr.type="string"/>` + "\n")
	if w.mode == "affiliation" {
		g.raw(`  <key id="agreement" for="edge" attr.name="agreement" attr.type="int"/>` + "\n")
	}
	g.raw(`  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>` + "\n" +
		`  <graph id="` + w.mode + `" edgedefault="undirected">` + "\n")

	actors, actorRank := w.actors.ranks()
	for r, a := range actors {
		g.node("a", r, w.actors.names[a], "actor")
	}
	if w.mode == "affiliation" {
		concepts, conceptRank := w.concepts.ranks()
		for r, c := range concepts {
			g.node("c", r, w.concepts.names[c], "concept")
		}
		type edge struct {
			actor, concept uint32 // ranks
			counts         [2]int
		}
		edges := make([]edge, 0, len(w.pairs))
		for k, c := range w.pairs {
			edges = append(edges, edge{actorRank[k>>32], conceptRank[uint32(k)], c})
		}
		slices.SortFunc(edges, func(a, b edge) int {
			return cmp.Or(cmp.Compare(a.actor, b.actor), cmp.Compare(a.concept, b.concept))
		})
		for _, e := range edges {
			for agreement, n := range e.counts {
				if n > 0 {
					g.edge("a", e.actor, "c", e.concept, agreement, n)
				}
			}
		}
	} else {
		for _, e := range w.actorEdges(actorRank) {
			g.edge("a", e.a, "a", e.b, -1, e.weight)
		}
	}
	g.raw("  </graph>\n</graphml>\n")
	if g.err != nil {
		return fmt.Errorf("network: %w", g.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("network: %w", err)
	}
	return nil
}

// actorEdge is an edge of a one-mode network between the actors ranked a
// and b, a < b.
type actorEdge struct {
	a, b   uint32
	weight int
}

// actorEdges returns the edges of the congruence or conflict network,
// sorted: for each concept, each pair of its actors that agree on it
// (congruence) or disagree (conflict) adds one to their edge.
func (w *NetworkWriter) actorEdges(rank []uint32) []actorEdge {
	type stance struct {
		concept, actor uint32 // concept number, actor rank
		claims, denies bool
	}
	stances := make([]stance, 0, len(w.pairs))
	for k, c := range w.pairs {
		stances = append(stances, stance{uint32(k), rank[k>>32], c[1] > 0, c[0] > 0})
	}
	slices.SortFunc(stances, func(a, b stance) int {
		return cmp.Or(cmp.Compare(a.concept, b.concept), cmp.Compare(a.actor, b.actor))
	})
	weights := map[uint64]int{} // rank a<<32|rank b, a < b
	for i := 0; i < len(stances); {
		j := i + 1
		for j < len(stances) && stances[j].concept == stances[i].concept {
			j++
		}
		group := stances[i:j] // one concept's actors, by rank
		for x := range group {
			for y := x + 1; y < len(group); y++ {
				p, q := group[x], group[y]
				agree := p.claims && q.claims || p.denies && q.denies
				disagree := p.claims && q.denies || p.denies && q.claims
				if w.mode == "congruence" && agree || w.mode == "conflict" && disagree {
					weights[uint64(p.actor)<<32|uint64(q.actor)]++
				}
			}
		}
		i = j
	}
	edges := make([]actorEdge, 0, len(weights))
	for k, n := range weights {
		edges = append(edges, actorEdge{uint32(k >> 32), uint32(k), n})
	}
	slices.SortFunc(edges, func(a, b actorEdge) int {
		return cmp.Or(cmp.Compare(a.a, b.a), cmp.Compare(a.b, b.b))
	})
	return edges
}

// graphWriter writes GraphML elements, keeping the first error.
type graphWriter struct {
	bw    *bufio.Writer
	err   error
	edges int
	num   []byte
}

func (g *graphWriter) raw(s string) {
	if g.err == nil {
		_, g.err = g.bw.WriteString(s)
	}
}

// text writes s escaped as XML character data; characters XML cannot
// carry (most control characters) become U+FFFD.
func (g *graphWriter) text(s string) {
	if g.err == nil {
		g.err = xml.EscapeText(g.bw, []byte(s))
	}
}

func (g *graphWriter) int(n int) {
	g.num = strconv.AppendInt(g.num[:0], int64(n), 10)
	if g.err == nil {
		_, g.err = g.bw.Write(g.num)
	}
}

// node writes the node prefix+rank.
func (g *graphWriter) node(prefix string, rank int, label, typ string) {
	g.raw(`    <node id="` + prefix)
	g.int(rank)
	g.raw(`"><data key="label">`)
	g.text(label)
	g.raw(`</data><data key="type">` + typ + `</data></node>` + "\n")
}

// edge writes an edge between two nodes, with its agreement when it is not
// negative, and its weight.
func (g *graphWriter) edge(from string, fromRank uint32, to string, toRank uint32, agreement, weight int) {
	g.raw(`    <edge id="e`)
	g.int(g.edges)
	g.edges++
	g.raw(`" source="` + from)
	g.int(int(fromRank))
	g.raw(`" target="` + to)
	g.int(int(toRank))
	g.raw(`">`)
	if agreement >= 0 {
		g.raw(`<data key="agreement">`)
		g.int(agreement)
		g.raw(`</data>`)
	}
	g.raw(`<data key="weight">`)
	g.int(weight)
	g.raw("</data></edge>\n")
}
