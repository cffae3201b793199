package store

import (
	"encoding/json"
	"fmt"
	"time"

	"claimdesk/annotate/round"
)

// checkRounds checks the records of coding rounds (Check): in a lead's
// project, each round of the rounds bucket decodes, is stored under its
// id, names its coders as round.CheckCoders allows, gives each coder
// documents the project has, each once, with the whole sample among
// them, records progress only on the coder's documents (those done
// among those coded), no negative count in it or in its collects, and
// an agreement between coders of the round over at most the sample; in
// a coder's package, the package record decodes, names a round and a
// coder, and lists documents the package has, each once. It reads only
// those records and looks each document id up in the docs bucket.
// Problems about many documents of one coder are reported once, with
// their number and the first of them.
func (c *checker) checkRounds() {
	docs := c.tx.Bucket(bucketDocs)
	has := func(id string) bool { return docs != nil && docs.Bucket([]byte(id)) != nil }
	if b := c.tx.Bucket(bucketRounds); b != nil {
		b.ForEach(func(k, v []byte) error {
			if v == nil {
				c.problem("rounds bucket: key %q is not a round", clipKey(k))
				return nil
			}
			c.checkRound(k, v, has)
			return nil
		})
	}
	b := c.tx.Bucket(bucketRound)
	if b == nil {
		return
	}
	b.ForEach(func(k, v []byte) error {
		if string(k) != string(keyPackage) || v == nil {
			c.problem("round bucket: key %q is not the package's record", clipKey(k))
		}
		return nil
	})
	v := b.Get(keyPackage)
	if v == nil {
		c.problem("round bucket: the package's record is missing")
		return
	}
	var p round.Package
	if err := json.Unmarshal(v, &p); err != nil {
		c.problem("the package's round record: %v", err)
		return
	}
	if p.Round == "" {
		c.problem("the package's round record names no round")
	}
	if err := round.CheckCoders([]string{p.Coder}); err != nil {
		c.problem("the package's round record: %v", err)
	}
	if bad, first := unknownOrRepeated(p.Documents, has); bad > 0 {
		c.problem("the package's round record lists %s the package does not have, or twice (first: %s)", documents(bad), first)
	}
}

// checkRound checks one round record, stored under key k.
func (c *checker) checkRound(k, v []byte, has func(string) bool) {
	var r round.Round
	if err := json.Unmarshal(v, &r); err != nil {
		c.problem("round %s: %v", clipKey(k), err)
		return
	}
	if r.ID != string(k) {
		c.problem("round %s is stored under id %s", r.ID, clipKey(k))
	}
	if err := round.CheckCoders(r.CoderNames()); err != nil {
		c.problem("round %s: %v", k, err)
	}
	for _, id := range r.Sample {
		if !has(id) {
			c.problem("round %s: sample document %s does not exist", k, id)
			break
		}
	}
	coders := make(map[string]bool, len(r.Coders))
	for i := range r.Coders {
		cd := &r.Coders[i]
		coders[cd.Name] = true
		if bad, first := unknownOrRepeated(cd.Documents, has); bad > 0 {
			c.problem("round %s: coder %q is given %s the project does not have, or twice (first: %s)", k, cd.Name, documents(bad), first)
		}
		given := make(map[string]bool, len(cd.Documents))
		for _, id := range cd.Documents {
			given[id] = true
		}
		if n, first := missing(r.Sample, given); n > 0 {
			c.problem("round %s: coder %q lacks %s of the sample (first: %s)", k, cd.Name, documents(n), first)
		}
		if n, first := missing(cd.Progress.Coded, given); n > 0 {
			c.problem("round %s: coder %q's progress counts as coded %s not given to them (first: %s)", k, cd.Name, documents(n), first)
		}
		if n, first := missing(cd.Progress.Done, given); n > 0 {
			c.problem("round %s: coder %q's progress counts as done %s not given to them (first: %s)", k, cd.Name, documents(n), first)
		}
		coded := make(map[string]bool, len(cd.Progress.Coded))
		for _, id := range cd.Progress.Coded {
			coded[id] = true
		}
		if n, first := missing(cd.Progress.Done, coded); n > 0 {
			c.problem("round %s: coder %q's progress counts as done %s it does not count as coded (first: %s)", k, cd.Name, documents(n), first)
		}
		if cd.Progress.Spans < 0 || cd.Progress.Relations < 0 {
			c.problem("round %s: coder %q's progress counts %d spans and %d links", k, cd.Name, cd.Progress.Spans, cd.Progress.Relations)
		}
		for _, ret := range cd.Returns {
			if min(ret.Spans, ret.Relations, ret.Entities, ret.Concepts, ret.Done) < 0 || ret.Done > len(cd.Documents) {
				c.problem("round %s: coder %q's collect of %s at %s counts %d spans, %d links, %d actors, %d concepts, %d of %s done", k, cd.Name,
					ret.File, ret.At.Format(time.RFC3339), ret.Spans, ret.Relations, ret.Entities, ret.Concepts, ret.Done, documents(len(cd.Documents)))
			}
		}
	}
	if a := r.Agreement; a != nil {
		if a.Documents < 0 || a.Documents > len(r.Sample) {
			c.problem("round %s: its agreement is over %s, of a sample of %d", k, documents(a.Documents), len(r.Sample))
		}
		for _, name := range a.Coders {
			if !coders[name] {
				c.problem("round %s: its agreement compares %q, who is not a coder of the round", k, name)
			}
		}
		for _, p := range a.Pairs {
			for _, name := range p.Pair {
				if !coders[name] {
					c.problem("round %s: its agreement pairs %q, who is not a coder of the round", k, name)
				}
			}
		}
	}
}

// unknownOrRepeated returns how many of ids has does not know or come
// again, and the first of them.
func unknownOrRepeated(ids []string, has func(string) bool) (n int, first string) {
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] || !has(id) {
			if n == 0 {
				first = id
			}
			n++
		}
		seen[id] = true
	}
	return n, first
}

// missing returns how many of ids are not in set, and the first of them.
func missing(ids []string, set map[string]bool) (n int, first string) {
	for _, id := range ids {
		if !set[id] {
			if n == 0 {
				first = id
			}
			n++
		}
	}
	return n, first
}

// documents is "1 document" or "n documents".
func documents(n int) string {
	if n == 1 {
		return "1 document"
	}
	return fmt.Sprintf("%d documents", n)
}
