package format

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
)

// The actors and concepts of networkRecords, by name.
const (
	merkel    = "Angela Merkel"
	macron    = "Emmanuel Macron"
	wangYi    = "王毅"
	sanctions = "“sanctions work”"
	tariffs   = "tariffs <hurt> & help"
)

// networkRecords is the small project of the network golden files: two
// documents, three actors, claims and denials on two shared concepts, two
// claims or denials without a source actor. Its statements, s1 to s8:
//
//	s1 d1 Angela Merkel    CLAIM  “sanctions work”
//	s2 d1 Emmanuel Macron  DENIAL “sanctions work”
//	s3 d1 王毅              CLAIM  tariffs <hurt> & help
//	s4 d2 Angela Merkel    CLAIM  “sanctions work”     (actor span "Angela\u00a0 Merkel")
//	s5 d2 王毅              DENIAL “sanctions work”
//	s8 d2 王毅              CLAIM  “sanctions work”     (王毅 is of two minds)
//	s6 d2 Emmanuel Macron  CLAIM  tariffs <hurt> & help (and a TARGET to Merkel, ignored)
//	s7 d2 Angela Merkel    DENIAL tariffs <hurt> & help (span "tariffs  <hurt>\n& help")
//
// Left out: d1's claim "the talks failed" (no relation) and d2's denial
// "not true", whose SOURCE relation leads to a claim, not an actor.
func networkRecords() []annotate.Record {
	t0 := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	build := func(docID, text string, spans []struct{ id, text, label string }, rels [][3]string) annotate.Record {
		ix := annotate.NewRuneIndex(text)
		seen := map[string]int{} // span text -> bytes searched past
		rec := annotate.Record{Document: annotate.Document{ID: docID, Title: docID, Text: text, Created: t0, Status: annotate.StatusDone}}
		for _, s := range spans {
			b := strings.Index(text[seen[s.text]:], s.text)
			if b < 0 {
				panic(fmt.Sprintf("%s: no %q", docID, s.text))
			}
			b += seen[s.text]
			seen[s.text] = b + len(s.text)
			rec.Spans = append(rec.Spans, annotate.Span{ID: s.id, DocumentID: docID, Start: ix.Rune(b), End: ix.Rune(b + len(s.text)),
				Label: s.label, Annotator: "ana", Created: t0, Updated: t0})
		}
		for i, r := range rels {
			rec.Relations = append(rec.Relations, annotate.Relation{ID: fmt.Sprintf("%s-r%d", docID, i+1), Type: r[0], From: r[1], To: r[2]})
		}
		return rec
	}
	type sp = struct{ id, text, label string }
	const src, tgt = annotate.RelationSource, annotate.RelationTarget
	d1 := build("d1", "Angela Merkel said “sanctions work”. Emmanuel Macron denied that “sanctions work”. 王毅 said tariffs <hurt> & help. Observers said the talks failed.",
		[]sp{
			{"m1", "Angela Merkel", "ACTOR"},
			{"s1", sanctions, "CLAIM"},
			{"e1", "Emmanuel Macron", "ACTOR"},
			{"s2", sanctions, "DENIAL"},
			{"w1", "王毅", "ACTOR"},
			{"s3", tariffs, "CLAIM"},
			{"u1", "the talks failed", "CLAIM"},
		},
		[][3]string{{src, "s1", "m1"}, {src, "s2", "e1"}, {src, "s3", "w1"}})
	d2 := build("d2", "Angela\u00a0 Merkel repeated: “sanctions work”. 王毅 denied “sanctions work”, then said “sanctions work”. "+
		"Emmanuel Macron said tariffs <hurt> & help; Merkel denied it: tariffs  <hurt>\n& help. It is not true.",
		[]sp{
			{"m2", "Angela\u00a0 Merkel", "ACTOR"},
			{"s4", sanctions, "CLAIM"},
			{"w2", "王毅", "ACTOR"},
			{"s5", sanctions, "DENIAL"},
			{"s8", sanctions, "CLAIM"},
			{"e2", "Emmanuel Macron", "ACTOR"},
			{"s6", tariffs, "CLAIM"},
			{"s7", "tariffs  <hurt>\n& help", "DENIAL"},
			{"u2", "not true", "DENIAL"},
		},
		[][3]string{{src, "s4", "m2"}, {src, "s5", "w2"}, {src, "s8", "w2"}, {src, "s6", "e2"}, {tgt, "s6", "m2"},
			{src, "s7", "m2"}, {src, "u2", "s6"}})
	return []annotate.Record{d1, d2}
}

// writeAll writes recs with a new writer of the named format and mode and
// returns the output and the writer's Unsourced count.
func writeAll(t *testing.T, name, mode string, recs []annotate.Record) ([]byte, int) {
	t.Helper()
	var buf bytes.Buffer
	var w Writer
	err := ExportWith(context.Background(), &buf, name, ExportOptions{Mode: mode, Opened: func(fw Writer) { w = fw }}, sliceSource(recs...), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, ok := w.(UnsourcedCounter)
	if !ok {
		t.Fatalf("%s writer %T has no Unsourced", name, w)
	}
	return buf.Bytes(), c.Unsourced()
}

// checkGolden compares got with the file testdata/file, or rewrites the
// file with -update.
func checkGolden(t *testing.T, file string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", file)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it):\n got:\n%s\nwant:\n%s", file, got, want)
	}
}

func TestNetworkGolden(t *testing.T) {
	for _, mode := range NetworkModes {
		t.Run(mode, func(t *testing.T) {
			got, unsourced := writeAll(t, "network", mode, networkRecords())
			if unsourced != 2 {
				t.Errorf("Unsourced() = %d, want 2 (u1, u2)", unsourced)
			}
			checkGolden(t, "network.golden."+mode+".graphml", got)
			if mode == NetworkModes[0] {
				def, _ := writeAll(t, "network", "", networkRecords())
				if !bytes.Equal(def, got) {
					t.Error("the default mode is not affiliation")
				}
			}
		})
	}
}

// graphML is what TestNetworkParse reads of a GraphML file.
type graphML struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string      `xml:"id,attr"`
			Data []graphData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string      `xml:"id,attr"`
			Source string      `xml:"source,attr"`
			Target string      `xml:"target,attr"`
			Data   []graphData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type graphData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// TestNetworkParse reads each mode's output with encoding/xml and checks
// its nodes and edges against the statements of networkRecords, counted by
// hand.
func TestNetworkParse(t *testing.T) {
	// Stances, from the table of networkRecords:
	//   “sanctions work”:      Merkel claims (s1, s4), Macron denies (s2),
	//                          王毅 denies (s5) and claims (s8)
	//   tariffs <hurt> & help: 王毅 claims (s3), Macron claims (s6),
	//                          Merkel denies (s7)
	want := map[string]struct {
		nodes map[string]string // label -> type
		edges map[string]int    // "source|target|agreement" -> weight
	}{
		"affiliation": {
			// 3 actors + 2 concepts; one edge per actor, concept and
			// agreement: 7, their weights the statements, 8 in all.
			nodes: map[string]string{merkel: "actor", macron: "actor", wangYi: "actor", sanctions: "concept", tariffs: "concept"},
			edges: map[string]int{
				merkel + "|" + sanctions + "|1": 2, // s1 + s4
				merkel + "|" + tariffs + "|0":   1, // s7
				macron + "|" + sanctions + "|0": 1, // s2
				macron + "|" + tariffs + "|1":   1, // s6
				wangYi + "|" + sanctions + "|0": 1, // s5
				wangYi + "|" + sanctions + "|1": 1, // s8
				wangYi + "|" + tariffs + "|1":   1, // s3
			},
		},
		"congruence": {
			nodes: map[string]string{merkel: "actor", macron: "actor", wangYi: "actor"},
			edges: map[string]int{
				// sanctions: Merkel and 王毅 both claim it: 1; Merkel and
				// Macron never agree.
				merkel + "|" + wangYi: 1,
				// sanctions: Macron and 王毅 both deny it (1); tariffs:
				// both claim it (1): 1 + 1 = 2.
				macron + "|" + wangYi: 2,
			},
		},
		"conflict": {
			nodes: map[string]string{merkel: "actor", macron: "actor", wangYi: "actor"},
			edges: map[string]int{
				// sanctions: Merkel claims, Macron denies (1); tariffs:
				// Merkel denies, Macron claims (1): 2.
				merkel + "|" + macron: 2,
				// sanctions: Merkel claims, 王毅 denies (1); tariffs:
				// Merkel denies, 王毅 claims (1): 2.
				merkel + "|" + wangYi: 2,
				// sanctions: Macron denies, 王毅 claims (1); tariffs: both
				// claim (0): 1.
				macron + "|" + wangYi: 1,
			},
		},
	}
	for _, mode := range NetworkModes {
		t.Run(mode, func(t *testing.T) {
			out, _ := writeAll(t, "network", mode, networkRecords())
			var g graphML
			if err := xml.Unmarshal(out, &g); err != nil {
				t.Fatalf("not XML: %v\n%s", err, out)
			}
			if g.Graph.EdgeDefault != "undirected" {
				t.Errorf("edgedefault %q", g.Graph.EdgeDefault)
			}
			keys := map[string]string{} // id -> for
			for _, k := range g.Keys {
				if k.ID == "" || k.Name == "" || (k.Type != "string" && k.Type != "int") {
					t.Errorf("key %+v", k)
				}
				keys[k.ID] = k.For
			}
			checkData := func(what, elem string, data []graphData) map[string]string {
				m := map[string]string{}
				for _, d := range data {
					if keys[d.Key] != elem {
						t.Errorf("%s: data key %q is not declared for %s", what, d.Key, elem)
					}
					m[d.Key] = d.Value
				}
				return m
			}
			w := want[mode]
			labels := map[string]string{} // node id -> label
			gotNodes := map[string]string{}
			for _, n := range g.Graph.Nodes {
				d := checkData("node "+n.ID, "node", n.Data)
				if _, dup := labels[n.ID]; dup {
					t.Errorf("node id %s twice", n.ID)
				}
				labels[n.ID] = d["label"]
				gotNodes[d["label"]] = d["type"]
			}
			if len(g.Graph.Nodes) != len(w.nodes) || fmt.Sprint(gotNodes) != fmt.Sprint(w.nodes) {
				t.Errorf("%d nodes %v, want %v", len(g.Graph.Nodes), gotNodes, w.nodes)
			}
			gotEdges := map[string]int{}
			for _, e := range g.Graph.Edges {
				d := checkData("edge "+e.ID, "edge", e.Data)
				from, ok1 := labels[e.Source]
				to, ok2 := labels[e.Target]
				if !ok1 || !ok2 {
					t.Errorf("edge %s: %s-%s is not between nodes", e.ID, e.Source, e.Target)
				}
				k := from + "|" + to
				if mode == "affiliation" {
					k += "|" + d["agreement"]
				}
				var weight int
				if _, err := fmt.Sscan(d["weight"], &weight); err != nil {
					t.Errorf("edge %s: weight %q", e.ID, d["weight"])
				}
				gotEdges[k] += weight
			}
			if len(g.Graph.Edges) != len(w.edges) || fmt.Sprint(gotEdges) != fmt.Sprint(w.edges) {
				t.Errorf("%d edges %v, want %v", len(g.Graph.Edges), gotEdges, w.edges)
			}
		})
	}
}

// TestNetworkCounts writes the project many times over: the writer keeps
// counts, not statements.
func TestNetworkCounts(t *testing.T) {
	w := NewNetworkWriter(io.Discard, "affiliation")
	for range 100 {
		for _, rec := range networkRecords() {
			if err := w.Write(rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(w.pairs) != 6 || len(w.actors.names) != 3 || len(w.concepts.names) != 2 {
		t.Errorf("%d actor-concept pairs, %d actors, %d concepts; want 6, 3, 2", len(w.pairs), len(w.actors.names), len(w.concepts.names))
	}
	k := uint64(w.actors.index[merkel])<<32 | uint64(w.concepts.index[sanctions])
	if got := w.pairs[k]; got != [2]int{0, 200} {
		t.Errorf("Merkel on sanctions: %v, want 200 claims (s1 and s4, 100 times)", got)
	}
	if w.Unsourced() != 200 {
		t.Errorf("Unsourced() = %d, want 200", w.Unsourced())
	}
}

// TestNetworkActors checks who makes a statement: several actors each
// make it once, two spans of one actor make it once, and links that are
// not SOURCE relations from the statement to an ACTOR span make nothing.
func TestNetworkActors(t *testing.T) {
	text := "Ana and Bo and Ana say yes."
	rec := annotate.Record{Document: annotate.Document{ID: "d", Text: text},
		Spans: []annotate.Span{
			{ID: "a1", Start: 0, End: 3, Label: "ACTOR"},
			{ID: "b", Start: 8, End: 10, Label: "ACTOR"},
			{ID: "a2", Start: 15, End: 18, Label: "ACTOR"},
			{ID: "c", Start: 23, End: 26, Label: "CLAIM"},
			{ID: "n", Start: 19, End: 22, Label: "NOTE"},
		},
		Relations: []annotate.Relation{
			{ID: "r1", Type: "SOURCE", From: "c", To: "a1"},
			{ID: "r2", Type: "SOURCE", From: "c", To: "a2"},
			{ID: "r3", Type: "SOURCE", From: "c", To: "b"},
			{ID: "r4", Type: "SOURCE", From: "c", To: "n"},       // not an actor
			{ID: "r5", Type: "SOURCE", From: "c", To: "missing"}, // no such span
			{ID: "r6", Type: "SOURCE", From: "a1", To: "c"},      // the wrong way round
		},
	}
	sts, unsourced, err := statements(&rec, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sts {
		got = append(got, s.actor+":"+s.concept)
	}
	if want := "[Ana:yes Bo:yes]"; fmt.Sprint(got) != want || unsourced != 0 {
		t.Errorf("statements %v, %d unsourced; want %s, 0", got, unsourced, want)
	}
}

// TestNetworkEntities: actors are named by their entity and concepts by
// their concept when the spans have them, so that "Merkel" and "Angela
// Merkel" are one actor and two wordings one concept; spans without them
// keep their text, and an id the record does not carry is the text too.
func TestNetworkEntities(t *testing.T) {
	text := "Merkel: yes. Angela Merkel: so it is. Bo: yes."
	rec := annotate.Record{Document: annotate.Document{ID: "d", Text: text},
		Spans: []annotate.Span{
			{ID: "m1", Start: 0, End: 6, Label: "ACTOR", Entity: "em"},
			{ID: "c1", Start: 8, End: 11, Label: "CLAIM", Concept: "cy"},
			{ID: "m2", Start: 13, End: 26, Label: "ACTOR", Entity: "em"},
			{ID: "c2", Start: 28, End: 36, Label: "CLAIM", Concept: "cy"},
			{ID: "b", Start: 38, End: 40, Label: "ACTOR", Entity: "unknown"},
			{ID: "c3", Start: 42, End: 45, Label: "CLAIM"},
		},
		Relations: []annotate.Relation{
			{ID: "r1", Type: "SOURCE", From: "c1", To: "m1"},
			{ID: "r2", Type: "SOURCE", From: "c2", To: "m2"},
			{ID: "r3", Type: "SOURCE", From: "c3", To: "b"},
		},
		Entities: map[string]annotate.Entity{"em": {ID: "em", Name: " Angela  Merkel", Kind: "person"}},
		Concepts: map[string]annotate.Concept{"cy": {ID: "cy", Name: "it is so"}},
	}
	sts, _, err := statements(&rec, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sts {
		got = append(got, s.actor+":"+s.concept)
	}
	if want := "[Angela Merkel:it is so Angela Merkel:it is so Bo:yes]"; fmt.Sprint(got) != want {
		t.Errorf("statements %v, want %s", got, want)
	}
	out, _ := writeAll(t, "network", "affiliation", []annotate.Record{rec})
	var g graphML
	if err := xml.Unmarshal(out, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Graph.Nodes) != 4 || len(g.Graph.Edges) != 2 {
		t.Errorf("graph of %d nodes and %d edges, want 4 and 2:\n%s", len(g.Graph.Nodes), len(g.Graph.Edges), out)
	}
}

func TestNetworkInvalidSpan(t *testing.T) {
	w := NewNetworkWriter(io.Discard, "affiliation")
	rec := networkRecords()[0]
	rec.Spans = append(rec.Spans, annotate.Span{ID: "x", Start: 5, End: 500, Label: "ACTOR"})
	err := w.Write(rec)
	if annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("Write: %v, want EINVALID", err)
	}
	if len(w.pairs) != 0 || w.Unsourced() != 0 {
		t.Errorf("a refused record was counted: %d pairs, %d unsourced", len(w.pairs), w.Unsourced())
	}
}

func TestNetworkEmpty(t *testing.T) {
	for _, mode := range NetworkModes {
		out, unsourced := writeAll(t, "network", mode, nil)
		var g graphML
		if err := xml.Unmarshal(out, &g); err != nil {
			t.Fatalf("%s: %v\n%s", mode, err, out)
		}
		if len(g.Keys) == 0 || len(g.Graph.Nodes) != 0 || len(g.Graph.Edges) != 0 || unsourced != 0 {
			t.Errorf("%s: empty project gives %s", mode, out)
		}
	}
}

func TestNetworkModeErrors(t *testing.T) {
	for _, tt := range []struct{ format, mode, want string }{
		{"network", "bipartite", `format network has no mode "bipartite" (want affiliation, congruence or conflict)`},
		{"network", "Congruence", `format network has no mode "Congruence" (want affiliation, congruence or conflict)`},
		{"csv", "conflict", `format csv has no modes (mode "conflict")`},
	} {
		_, err := NewWriter(tt.format, Target{W: io.Discard, Mode: tt.mode})
		if err == nil || err.Error() != tt.want || annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("NewWriter(%s, %s): %v, want %q", tt.format, tt.mode, err, tt.want)
		}
		err = ExportFileWith(context.Background(), filepath.Join(t.TempDir(), "out"), tt.format, ExportOptions{Mode: tt.mode}, sliceSource(), nil)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ExportFileWith(%s, %s): %v", tt.format, tt.mode, err)
		}
	}
	if err := NewNetworkWriter(io.Discard, "bipartite").Flush(); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("Flush in an unknown mode: %v", err)
	}
}

func TestNormalizeName(t *testing.T) {
	for in, want := range map[string]string{
		"":                          "",
		"Merkel":                    "Merkel",
		"Angela Merkel":             "Angela Merkel",
		" Angela Merkel ":           "Angela Merkel",
		"Angela  Merkel":            "Angela Merkel",
		"Angela\u00a0Merkel":        "Angela Merkel",
		"Angela\u2009\u00a0Merkel":  "Angela Merkel",
		"tariffs\n\t hurt\r\n":      "tariffs hurt",
		"   ":                       "",
		"“sanctions  work”":         "“sanctions work”",
		"王\u3000毅":                  "王 毅",
		"a b c":                     "a b c",
		"Ibrahim Jafari, Iraq’s 🇮🇶": "Ibrahim Jafari, Iraq’s 🇮🇶",
	} {
		if got := normalizeName(in); got != want {
			t.Errorf("normalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNetworkIsolated: an actor who shares no concept with another is a
// node without edges in the one-mode networks.
func TestNetworkIsolated(t *testing.T) {
	recs := networkRecords()
	text := "Olaf Scholz said nothing else."
	recs = append(recs, annotate.Record{Document: annotate.Document{ID: "d3", Text: text},
		Spans: []annotate.Span{
			{ID: "o", Start: 0, End: 11, Label: "ACTOR"},
			{ID: "n", Start: 17, End: 29, Label: "CLAIM"},
		},
		Relations: []annotate.Relation{{ID: "r", Type: "SOURCE", From: "n", To: "o"}},
	})
	for _, mode := range NetworkModes {
		out, _ := writeAll(t, "network", mode, recs)
		var g graphML
		if err := xml.Unmarshal(out, &g); err != nil {
			t.Fatal(err)
		}
		var scholz string
		for _, n := range g.Graph.Nodes {
			for _, d := range n.Data {
				if d.Key == "label" && d.Value == "Olaf Scholz" {
					scholz = n.ID
				}
			}
		}
		if scholz == "" {
			t.Fatalf("%s: no node Olaf Scholz", mode)
		}
		edges := 0
		for _, e := range g.Graph.Edges {
			if e.Source == scholz || e.Target == scholz {
				edges++
			}
		}
		// affiliation: Scholz claims "nothing else"; the others: nobody
		// else speaks of it.
		if want := map[string]int{"affiliation": 1, "congruence": 0, "conflict": 0}[mode]; edges != want {
			t.Errorf("%s: Olaf Scholz has %d edges, want %d", mode, edges, want)
		}
	}
}
