package suggest

import (
	"time"

	"claimdesk/annotate"
)

// Annotator is the name suggestions are made under.
const Annotator = "suggest"

// Record returns the document with the suggestions as spans and SOURCE
// links, labelled with labels, made by annotator at now: an actor span
// named by several suggestions is one span with several links. A denial
// is left out when the schema has no denial label. entities are the
// project's entities, of which the record holds those its spans name.
func Record(doc annotate.Document, sugs []Suggestion, labels Labels, annotator string, now time.Time, entities []annotate.Entity) annotate.Record {
	rec := annotate.Record{Document: doc}
	byID := make(map[string]annotate.Entity, len(entities))
	for _, e := range entities {
		byID[e.ID] = e
	}
	actors := map[Range]string{} // actor range → span id
	for _, s := range sugs {
		label := labels.Claim
		if s.Denial {
			label = labels.Denial
		}
		if label == "" || labels.Actor == "" {
			continue
		}
		aid, ok := actors[s.Actor]
		if !ok {
			a := annotate.NewSpan(doc.ID, s.Actor.Start, s.Actor.End, labels.Actor, annotator, now)
			if e, ok := byID[s.Entity]; ok {
				a.Entity = e.ID
				if rec.Entities == nil {
					rec.Entities = map[string]annotate.Entity{}
				}
				rec.Entities[e.ID] = e
			}
			aid = a.ID
			actors[s.Actor] = aid
			rec.Spans = append(rec.Spans, a)
		}
		st := annotate.NewSpan(doc.ID, s.Statement.Start, s.Statement.End, label, annotator, now)
		rec.Spans = append(rec.Spans, st)
		rec.Relations = append(rec.Relations, annotate.Relation{ID: annotate.NewID(), Type: labels.Source, From: st.ID, To: aid})
	}
	annotate.SortSpans(rec.Spans)
	return rec
}
