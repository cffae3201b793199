package annotate

// Only returns the part of r whose spans keep reports true for: those
// spans, in r's order, the relations whose both ends are among them, and
// the entities and concepts they name. The document is r's.
func (r Record) Only(keep func(Span) bool) Record {
	out := Record{Document: r.Document}
	in := map[string]bool{}
	for _, sp := range r.Spans {
		if !keep(sp) {
			continue
		}
		out.Spans = append(out.Spans, sp)
		in[sp.ID] = true
		if e, ok := r.Entities[sp.Entity]; ok && sp.Entity != "" {
			if out.Entities == nil {
				out.Entities = map[string]Entity{}
			}
			out.Entities[sp.Entity] = e
		}
		if c, ok := r.Concepts[sp.Concept]; ok && sp.Concept != "" {
			if out.Concepts == nil {
				out.Concepts = map[string]Concept{}
			}
			out.Concepts[sp.Concept] = c
		}
	}
	for _, rel := range r.Relations {
		if in[rel.From] && in[rel.To] {
			out.Relations = append(out.Relations, rel)
		}
	}
	return out
}
